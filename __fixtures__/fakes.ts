/**
 * Test fakes (HOUSE-STYLE §8, §9): object literals implementing the Ports,
 * with a small in-memory model of the machines behind them. Every call is
 * recorded in order, and a lease ledger lets each test assert that every
 * lease it acquired was released, failures included (flyctl's plan_test.go).
 *
 * Fake choices (not Fly facts):
 *   - a config write makes a new version `<id>-v<n>`; the old one stays in
 *     /versions, like flysim's default;
 *   - `skip_launch` keeps the machine's current state; without it the machine
 *     is started, and every configured check is passing;
 *   - `/wait` answers at once when the machine is in a wanted state (at the
 *     version asked), else it sleeps out its timeout on the fake clock and
 *     answers timedOut (a 408);
 *   - a mutation on a leased machine without its nonce is a 409, like flysim.
 */
import { FlyApiError, LeaseConflictError } from '../src/core/errors.js'
import type { MachineConfig, MachineView } from '../src/core/types.js'
import type { Observer } from '../src/orchestrator/observer.js'
import type {
  Clock,
  Machines,
  Ports,
  WaitResult
} from '../src/orchestrator/ports.js'
import { DIGEST_V1, webConfig } from './builders.js'

/** T0 is the fake clock's start: 2026-01-01T00:00:00Z. */
export const T0 = 1_767_225_600_000

/** FakeClock is a virtual clock: no real time passes, ever. */
export interface FakeClock extends Clock {
  /** Every sleep without an AbortSignal, in ms, in call order (the lease refresher's abortable sleeps are left out). */
  sleeps: number[]
}

/**
 * fakeClock is a discrete-event clock. `sleep` never waits for real time: it
 * resolves as soon as nothing else can run (the next macrotask), moving `now`
 * to its wake time. Concurrent sleepers wake in time order, so a background
 * lease refresher sleeping 40 s wakes only when the code under test really
 * sleeps past it. An aborted sleep rejects with the signal's reason.
 */
export function fakeClock(start = T0): FakeClock {
  let now = start
  let seq = 0
  let scheduled = false
  const timers: { at: number; seq: number; wake: () => void }[] = []
  const schedule = () => {
    if (scheduled || timers.length === 0) return
    scheduled = true
    setImmediate(() => {
      scheduled = false
      timers.sort((a, b) => a.at - b.at || a.seq - b.seq)
      const t = timers.shift()
      if (t) {
        now = Math.max(now, t.at)
        t.wake()
      }
      schedule()
    })
  }
  const sleeps: number[] = []
  return {
    sleeps,
    now: () => now,
    sleep(ms, signal) {
      if (!signal) sleeps.push(ms)
      if (signal?.aborted) return Promise.reject(signal.reason)
      return new Promise<void>((resolve, reject) => {
        const timer = {
          at: now + Math.max(0, ms),
          seq: seq++,
          wake: () => {
            signal?.removeEventListener('abort', onAbort)
            resolve()
          }
        }
        const onAbort = () => {
          const i = timers.indexOf(timer)
          if (i >= 0) timers.splice(i, 1)
          reject(signal!.reason)
        }
        signal?.addEventListener('abort', onAbort, { once: true })
        timers.push(timer)
        schedule()
      })
    }
  }
}

/** Call is one recorded port call: the operation and a copy of its arguments. */
export interface Call {
  op: string
  args: unknown[]
}

type Op = keyof Machines
type Impl<K extends Op> = Machines[K]
/** A scripted answer: gets the arguments and the default behaviour. */
export type Script<K extends Op> = (
  args: Parameters<Impl<K>>,
  base: Impl<K>
) => ReturnType<Impl<K>>

export interface FakeMachine {
  view: MachineView
  versions: { version: string; config: MachineConfig }[]
  lease?: { nonce: string; description: string; expiresAt: number }
}

export interface FakePorts {
  ports: Ports
  clock: FakeClock
  /** Every call to every port, in order. */
  calls: Call[]
  /** The machines behind the fake, by id. */
  world: Map<string, FakeMachine>
  /** Calls of one operation, optionally for one machine. */
  callsOf(op: string, machineId?: string): Call[]
  /** Operation names in call order, optionally for one machine (`get m1`). */
  ops(machineId?: string): string[]
  /** Replaces an operation's behaviour, for `times` calls (default: every call). */
  on<K extends Op>(op: K, script: Script<K>, times?: number): void
  /** Leases acquired (or created with a machine) and not released since. */
  outstandingLeases(): { machineId: string; nonce: string }[]
  /** Every lease acquired, in order. */
  leasesAcquired: { machineId: string; nonce: string }[]
  /** Log lines, as `level: message`. */
  logs: string[]
}

/** view builds a machine as the API shows it, healthy and started by default. */
export function view(over: Partial<MachineView> = {}): MachineView {
  const config = over.config ?? webConfig()
  const id = over.id ?? 'm1'
  return {
    id,
    name: `machine-${id}`,
    region: 'sjc',
    state: 'started',
    version: `${id}-v1`,
    imageDigest: DIGEST_V1,
    configIncomplete: false,
    hostStatus: 'ok',
    cordoned: false,
    checks: passingChecks(config),
    events: [],
    ...over,
    config
  }
}

/** passingChecks reports every check a config configures as passing. */
export function passingChecks(config: MachineConfig): MachineView['checks'] {
  const named = Object.keys(config.checks ?? {})
  const service = (config.services ?? []).flatMap((s, i) =>
    (s.checks ?? []).map((_, j) => `servicecheck-${i}-${j}`)
  )
  return [...named, ...service].map((name) => ({ name, status: 'passing' }))
}

/** apiError builds the error the adapter throws for a status. */
export function apiError(
  status: number,
  method = 'POST',
  path = '/v1/apps/demo/machines/m1',
  flyStatus?: string
): FlyApiError {
  if (status === 409)
    return new LeaseConflictError(
      method,
      path,
      'lease currently held by someone@example.com',
      {
        owner: 'someone@example.com',
        description: 'flyctl deploy'
      }
    )
  return new FlyApiError(
    status,
    method,
    path,
    flyStatus,
    `${method} ${path}: ${status}`
  )
}

const digestOf = (image: string | undefined, tags: Record<string, string>) =>
  /@(sha256:[a-f0-9]+)$/.exec(image ?? '')?.[1] ?? tags[image ?? '']

/**
 * fakePorts builds Ports over the given machines (each with its /versions
 * history, when given). `tags` maps tag-only image refs to the digest they
 * resolve to.
 */
export function fakePorts(
  opts: {
    machines?: (MachineView | FakeMachine)[]
    tags?: Record<string, string>
    clock?: FakeClock
  } = {}
): FakePorts {
  const clock = opts.clock ?? fakeClock()
  const tags = opts.tags ?? {}
  const calls: Call[] = []
  const logs: string[] = []
  const world = new Map<string, FakeMachine>()
  for (const m of opts.machines ?? []) {
    const fm: FakeMachine =
      'view' in m
        ? m
        : { view: m, versions: [{ version: m.version, config: m.config }] }
    world.set(fm.view.id, {
      view: structuredClone(fm.view),
      versions: structuredClone(fm.versions),
      lease: fm.lease
    })
  }
  const leasesAcquired: { machineId: string; nonce: string }[] = []
  const released = new Set<string>()
  let nonces = 0
  let created = 0
  const scripts = new Map<Op, { script: Script<never>; left: number }[]>()

  const machineOf = (id: string, method = 'GET'): FakeMachine => {
    const m = world.get(id)
    if (!m) throw apiError(404, method, `/v1/apps/demo/machines/${id}`)
    return m
  }
  const checkLease = (
    m: FakeMachine,
    nonce: string | undefined,
    method: string
  ) => {
    const l = m.lease
    if (l && l.expiresAt * 1000 > clock.now() && l.nonce !== nonce)
      throw new LeaseConflictError(
        method,
        `/v1/apps/demo/machines/${m.view.id}`,
        `lease currently held by ${l.description}`,
        {
          description: l.description,
          expiresAt: l.expiresAt
        }
      )
  }
  const newVersion = (m: FakeMachine) =>
    `${m.view.id}-v${m.versions.length + 1}`
  const clone = <T>(v: T): T => structuredClone(v)

  const base: Machines = {
    async list(_app, filter) {
      return [...world.values()]
        .map((m) => m.view)
        .filter((v) =>
          Object.entries(filter?.metadata ?? {}).every(
            ([k, x]) => v.config.metadata?.[k] === x
          )
        )
        .filter((v) => !filter?.region || v.region === filter.region)
        .map(clone)
    },
    async get(_app, id) {
      return clone(machineOf(id).view)
    },
    async create(_app, req) {
      const id = `new${++created}`
      const config = clone(req.config)
      const fm: FakeMachine = {
        view: view({
          id,
          region: req.region,
          config,
          state: req.skipLaunch ? 'stopped' : 'started',
          imageDigest: digestOf(config.image, tags) ?? ''
        }),
        versions: []
      }
      fm.versions.push({ version: fm.view.version, config: clone(config) })
      let nonce: string | undefined
      if (req.leaseTtlS) {
        nonce = `nonce-${++nonces}`
        fm.lease = {
          nonce,
          description: 'create',
          expiresAt: clock.now() / 1000 + req.leaseTtlS
        }
        leasesAcquired.push({ machineId: id, nonce })
      }
      world.set(id, fm)
      return { ...clone(fm.view), nonce }
    },
    async update(_app, id, req, nonce) {
      const m = machineOf(id, 'POST')
      checkLease(m, nonce, 'POST')
      if (req.currentVersion && req.currentVersion !== m.view.version)
        throw apiError(412, 'POST', `/v1/apps/demo/machines/${id}`)
      const version = newVersion(m)
      const config = clone(req.config)
      m.versions.push({ version, config: clone(config) })
      m.view = {
        ...m.view,
        version,
        config,
        imageDigest: digestOf(config.image, tags) ?? m.view.imageDigest,
        state: req.skipLaunch ? m.view.state : 'started',
        checks: req.skipLaunch ? [] : passingChecks(config)
      }
      return clone(m.view)
    },
    async destroy(_app, id, _opts, nonce) {
      const m = machineOf(id, 'DELETE')
      checkLease(m, nonce, 'DELETE')
      m.view.state = 'destroyed'
    },
    async start(_app, id, nonce) {
      const m = machineOf(id, 'POST')
      checkLease(m, nonce, 'POST')
      m.view.state = 'started'
      m.view.checks = passingChecks(m.view.config)
    },
    async stop(_app, id, nonce) {
      const m = machineOf(id, 'POST')
      checkLease(m, nonce, 'POST')
      m.view.state = 'stopped'
      m.view.checks = []
    },
    async suspend(_app, id, nonce) {
      const m = machineOf(id, 'POST')
      checkLease(m, nonce, 'POST')
      m.view.state = 'suspended'
      m.view.checks = []
    },
    async waitFor(_app, id, q): Promise<WaitResult> {
      const m = machineOf(id)
      if (
        q.states.includes(m.view.state) &&
        (!q.version || q.version === m.view.version)
      )
        return { ok: true, state: m.view.state, version: m.view.version }
      await clock.sleep(q.timeoutS * 1000)
      return { ok: false, timedOut: true }
    },
    async acquireLease(_app, id, ttlS, description) {
      const m = machineOf(id, 'POST')
      const l = m.lease
      if (l && l.expiresAt * 1000 > clock.now())
        throw new LeaseConflictError(
          'POST',
          `/v1/apps/demo/machines/${id}/lease`,
          `lease currently held by ${l.description}`,
          {
            description: l.description,
            expiresAt: l.expiresAt
          }
        )
      const nonce = `nonce-${++nonces}`
      const expiresAt = clock.now() / 1000 + ttlS
      m.lease = { nonce, description, expiresAt }
      leasesAcquired.push({ machineId: id, nonce })
      return { nonce, expiresAt }
    },
    async refreshLease(_app, id, nonce, ttlS) {
      const m = machineOf(id, 'POST')
      checkLease(m, nonce, 'POST')
      const expiresAt = clock.now() / 1000 + ttlS
      m.lease = { nonce, description: m.lease?.description ?? '', expiresAt }
      return { nonce, expiresAt }
    },
    async releaseLease(_app, id, nonce) {
      const m = machineOf(id, 'DELETE')
      if (m.lease?.nonce === nonce) m.lease = undefined
      released.add(nonce)
    },
    async leaseHolder(_app, id) {
      const l = machineOf(id).lease
      return l
        ? { owner: 'tests', description: l.description, expiresAt: l.expiresAt }
        : undefined
    },
    async versions(_app, id) {
      return clone(machineOf(id).versions)
    },
    async setMetadata(_app, id, kv, nonce) {
      const m = machineOf(id, 'PATCH')
      checkLease(m, nonce, 'PATCH')
      const meta = { ...m.view.config.metadata }
      for (const [k, v] of Object.entries(kv)) {
        if (v === null || v === '') delete meta[k]
        else meta[k] = v
      }
      m.view.config = { ...m.view.config, metadata: meta }
    },
    async events(_app, id) {
      return clone(machineOf(id).view.events)
    }
  }

  const machines = {} as Record<Op, (...args: unknown[]) => Promise<unknown>>
  for (const op of Object.keys(base) as Op[]) {
    const impl = base[op] as (...args: unknown[]) => Promise<unknown>
    machines[op] = async (...args: unknown[]) => {
      calls.push({ op, args: structuredClone(args) })
      const queue = scripts.get(op)
      const s = queue?.[0]
      if (s) {
        if (--s.left <= 0) queue.shift()
        return (s.script as unknown as Script<Op>)(args as never, impl as never)
      }
      return impl(...args)
    }
  }

  const recorder =
    (op: string) =>
    async (...args: unknown[]): Promise<never> => {
      calls.push({ op, args: structuredClone(args) })
      throw new Error(`unexpected call to ${op} in this test`)
    }
  const volumesDestroyed = new Set<string>()
  const ports: Ports = {
    machines: machines as unknown as Machines,
    apps: {
      get: recorder('apps.get'),
      create: recorder('apps.create'),
      destroy: recorder('apps.destroy'),
      list: recorder('apps.list'),
      assignIp: recorder('apps.assignIp'),
      listIps: recorder('apps.listIps')
    },
    secrets: { set: recorder('secrets.set'), list: recorder('secrets.list') },
    volumes: {
      async create(_app, v) {
        calls.push({ op: 'volumes.create', args: [_app, v] })
        return { id: `vol_${v.name}_${v.region}` }
      },
      async destroy(_app, id) {
        calls.push({ op: 'volumes.destroy', args: [_app, id] })
        volumesDestroyed.add(id)
      }
    },
    platform: {
      async regions() {
        calls.push({ op: 'platform.regions', args: [] })
        return ['ams', 'iad', 'lhr', 'nrt', 'sjc', 'syd', 'fra', 'gru']
      }
    },
    prober: { probe: recorder('prober.probe') },
    clock,
    log: {
      info: (m) => logs.push(`info: ${m}`),
      warn: (m) => logs.push(`warn: ${m}`),
      debug: (m) => logs.push(`debug: ${m}`)
    },
    newId: () => '01ROLLOUT'
  }

  const machineOfCall = (c: Call) =>
    typeof c.args[1] === 'string' ? c.args[1] : undefined
  return {
    ports,
    clock,
    calls,
    world,
    logs,
    leasesAcquired,
    callsOf: (op, machineId) =>
      calls.filter(
        (c) => c.op === op && (!machineId || machineOfCall(c) === machineId)
      ),
    ops: (machineId) =>
      calls
        .filter((c) => !machineId || machineOfCall(c) === machineId)
        .map((c) =>
          machineId || machineOfCall(c) === undefined
            ? c.op
            : `${c.op} ${machineOfCall(c)}`
        ),
    on(op, script, times = Infinity) {
      const queue = scripts.get(op) ?? []
      queue.push({ script: script as unknown as Script<never>, left: times })
      scripts.set(op, queue)
    },
    outstandingLeases: () =>
      leasesAcquired.filter((l) => !released.has(l.nonce))
  }
}

/**
 * fakeObserver answers `healthy` for every machine (or as `verdict` says)
 * and records what it was asked.
 */
export function fakeObserver(
  clock: Clock,
  verdict: (
    machineId: string
  ) =>
    { ok: true } | { ok: false; reason: string; critical: boolean } = () => ({
    ok: true
  })
): Observer & { asked: { machineId: string; version?: string }[] } {
  const asked: { machineId: string; version?: string }[] = []
  return {
    asked,
    async healthy(machineId, opts) {
      asked.push({ machineId, version: opts.version })
      const v = verdict(machineId)
      return v.ok ? { ok: true, at: clock.now() } : v
    },
    async look() {
      return []
    }
  }
}
