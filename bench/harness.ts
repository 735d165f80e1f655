/**
 * The engine benchmarks' harness: runs a rollout in-process against a flysim
 * (rate limits on) on a shared virtual clock and records, in virtual time,
 * every engine event and every request the simulator received.
 *
 * Benchmarks report figures; they never assert on them.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { resolveImageDigest } from '../src/adapters/fly/registry.js'
import { composePorts } from '../src/cli/compose.js'
import type { CliIO } from '../src/cli/io.js'
import type {
  CreateStep,
  RolloutPlan,
  UpdateStep,
  WavePlan
} from '../src/core/plan.js'
import { makeRelease } from '../src/core/release.js'
import { parseRolloutSpec, type RolloutSpec } from '../src/core/spec.js'
import type { Clock, Ports } from '../src/orchestrator/ports.js'
import {
  runRollout,
  type RolloutEvent,
  type RolloutInput,
  type RolloutOutcome
} from '../src/orchestrator/run-rollout.js'
import { REGIONS, startSim, type Sim } from '../src/sim/index.js'
import type { RequestRecord } from '../src/sim/index.js'

/** The image timings every engine benchmark uses (both releases boot alike, so restores cost the same). */
export const TIMINGS = {
  bootMs: 10_000,
  /** The scenario config's HTTP check (src/sim/scenarios.ts): grace 1 s, interval 5 s. */
  graceMs: 1_000,
  intervalMs: 5_000
}

export const OLD_IMAGE = 'registry.fly.io/demo:v1'
export const NEW_IMAGE = 'registry.fly.io/demo:v2'
export const BAD_IMAGE = 'registry.fly.io/demo:bad'

const quietIO: CliIO = {
  stdout: () => undefined,
  stderr: () => undefined,
  env: {},
  stopped: () => new Promise(() => undefined),
  isTTY: false
}

/** regionCodes returns `n` of Fly's region codes, `primary` first. */
export function regionCodes(n: number, primary = 'sjc'): string[] {
  const rest = REGIONS.map((r) => r.code).filter((c) => c !== primary)
  if (n > rest.length + 1)
    throw new Error(`flysim knows ${rest.length + 1} regions, not ${n}`)
  return [primary, ...rest.slice(0, n - 1)]
}

/**
 * startBenchSim starts a flysim with app `demo`: `perRegion` started,
 * healthy machines in each region, running OLD_IMAGE. Every image the
 * benchmarks use boots in TIMINGS.bootMs.
 */
export async function startBenchSim(opts: {
  regions: string[]
  perRegion: number
  clockScale: number
  seed?: number
}): Promise<Sim> {
  const sim = await startSim({
    regions: opts.regions,
    apps: [
      {
        name: 'demo',
        regions: opts.regions,
        machinesPerRegion: opts.perRegion,
        image: OLD_IMAGE
      }
    ],
    seed: opts.seed ?? 7,
    clockScale: opts.clockScale,
    rateLimits: true
  })
  const boot = `${TIMINGS.bootMs}ms`
  sim.control.setImage(OLD_IMAGE, { boot })
  sim.control.setImage(NEW_IMAGE, { boot })
  sim.control.setImage(BAD_IMAGE, { boot, crash: 'boot', exitCode: 3 })
  return sim
}

export function specOf(yaml: string): RolloutSpec {
  const r = parseRolloutSpec(yaml, 'bench-spec.yml')
  if (!r.spec)
    throw new Error(
      r.diagnostics.map((d) => `${d.line}: ${d.summary}`).join('\n')
    )
  return r.spec
}

/** A step's life in virtual time. */
export interface StepTiming {
  wave: number
  region: string
  machineId: string
  startedAt: number
  endedAt?: number
  ok?: boolean
}

export interface RunRecord {
  outcome: RolloutOutcome
  plan: RolloutPlan
  /** Every event, stamped with the virtual time it was emitted. */
  events: { at: number; event: RolloutEvent }[]
  steps: StepTiming[]
  waves: { index: number; startedAt: number; endedAt?: number }[]
  /** The client's counters: every attempt by operationId, 429s, retries. */
  stats: { byOp: Record<string, number>; rateLimited: number; retries: number }
  /** Every request flysim received during the run (virtual timestamps). */
  requests: RequestRecord[]
  /** Real milliseconds the run took. */
  realMs: number
  /** Every Machines port call but waitFor (a long poll): when it started and how long it took, virtual ms. */
  calls: ApiCall[]
  /** This process's load over the run (flysim, its machines and the engine share it). */
  load: ProcessLoad
}

export interface ApiCall {
  op: string
  at: number
  ms: number
}

/** ProcessLoad is how busy the one Node process was over a stretch of real time. */
export interface ProcessLoad {
  realMs: number
  /** CPU time (user + sys, every thread) ÷ real time: 1.0 = one core busy throughout. */
  cpuCores: number
  /** Event-loop delay, real ms: how late a 10 ms timer fired. */
  loopDelayMs: { p50: number; p99: number; max: number }
}

/** loadMeter starts measuring this process's CPU and event-loop delay; read() gives the figures so far. */
export function loadMeter(): { read: () => ProcessLoad } {
  const h = monitorEventLoopDelay({ resolution: 10 })
  h.enable()
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  return {
    read() {
      const cpu = process.cpuUsage(cpu0)
      const realMs = performance.now() - t0
      // The histogram records each 10 ms sampling tick's full interval: the delay is the excess.
      const ms = (ns: number) => round(Math.max(0, ns / 1e6 - 10), 1)
      const out = {
        realMs: Math.round(realMs),
        cpuCores: round((cpu.user + cpu.system) / 1000 / realMs, 2),
        loopDelayMs: {
          p50: ms(h.percentile(50)),
          p99: ms(h.percentile(99)),
          max: ms(h.max)
        }
      }
      h.disable()
      return out
    }
  }
}

/** latencyByOp summarises call durations (virtual ms) per port method. */
export function latencyByOp(
  calls: ApiCall[]
): Record<string, { n: number; p50: number; p95: number; max: number }> {
  const by = new Map<string, number[]>()
  for (const c of calls) by.set(c.op, [...(by.get(c.op) ?? []), c.ms])
  return Object.fromEntries(
    [...by].map(([op, xs]) => {
      xs.sort((a, b) => a - b)
      return [
        op,
        {
          n: xs.length,
          p50: xs[Math.floor(xs.length / 2)]!,
          p95: xs[Math.floor(xs.length * 0.95)]!,
          max: xs.at(-1)!
        }
      ]
    })
  )
}

/** timedPorts wraps every Machines port method but waitFor to record its virtual duration. */
function timedPorts(
  ports: Ports,
  clock: Pick<Clock, 'now'>,
  calls: ApiCall[]
): Ports {
  const m = ports.machines as unknown as Record<string, unknown>
  const wrapped: Record<string, unknown> = {}
  for (const [op, fn] of Object.entries(m)) {
    if (typeof fn !== 'function' || op === 'waitFor') {
      wrapped[op] = fn
      continue
    }
    wrapped[op] = async (...args: unknown[]) => {
      const at = clock.now()
      try {
        return await (fn as (...a: unknown[]) => Promise<unknown>).apply(
          m,
          args
        )
      } finally {
        calls.push({ op, at, ms: clock.now() - at })
      }
    }
  }
  return { ...ports, machines: wrapped as unknown as Ports['machines'] }
}

/** simPorts composes the engine's ports against `sim`, as the CLI would, on its clock. */
export function simPorts(
  sim: Sim,
  identity?: RolloutSpec['identity']
): ReturnType<typeof composePorts> {
  return composePorts(
    {
      apiUrl: sim.apiUrl,
      edgeUrl: sim.edgeUrl,
      registryUrl: sim.apiUrl,
      json: false,
      yes: true,
      debug: false,
      positionals: []
    },
    sim.token,
    quietIO,
    { clock: sim.control.clock, identity }
  )
}

/** runEngine runs one rollout of `image` with `yaml` against `sim`, recording everything. */
export async function runEngine(
  sim: Sim,
  image: string,
  yaml: string,
  extra: Partial<RolloutInput> & {
    primaryRegion: string
    /** Diagnostics: wrap the ports (e.g. to watch what the observer sees). */
    wrapPorts?: (ports: Ports) => Ports
  }
): Promise<RunRecord> {
  const spec = specOf(yaml)
  const clock = sim.control.clock
  const { ports, prober, api } = simPorts(sim, spec.identity)
  const events: RunRecord['events'] = []
  const steps = new Map<string, StepTiming>()
  const waves: RunRecord['waves'] = []
  let plan: RolloutPlan | undefined
  const seqBefore = sim.control.requests().at(-1)?.seq ?? 0
  const calls: ApiCall[] = []
  const meter = loadMeter()
  const t0 = performance.now()
  try {
    const pinned = await resolveImageDigest(image, {
      token: sim.token,
      registryUrl: sim.apiUrl
    })
    const release = makeRelease({ image: pinned.image, digest: pinned.digest })
    const { wrapPorts, ...input } = extra
    const outcome = await runRollout(
      {
        app: 'demo',
        release,
        spec,
        ...input,
        onEvent: (e) => {
          const at = clock.now()
          events.push({ at, event: e })
          if (e.type === 'planned') plan = e.plan
          if (e.type === 'wave-started')
            waves.push({ index: e.wave.index, startedAt: at })
          if (e.type === 'wave-done') {
            const w = waves.find((x) => x.index === e.wave.index)
            if (w) w.endedAt = at
          }
          if (e.type === 'step') {
            const key =
              e.step.action === '~' ? e.step.machineId : `+${e.step.key}`
            const s = steps.get(key)
            if (!e.result)
              steps.set(key, {
                wave: e.wave,
                region: e.step.region,
                machineId: key,
                startedAt: at
              })
            else if (s) {
              s.endedAt = at
              s.ok = e.result.ok
              if (e.step.action === '+') s.machineId = e.result.machineId
            }
          }
          extra.onEvent?.(e)
        }
      },
      timedPorts(wrapPorts ? wrapPorts(ports) : ports, clock, calls)
    )
    return {
      outcome,
      plan: plan ?? outcome.plan!,
      events,
      steps: [...steps.values()],
      waves,
      stats: api.stats() as RunRecord['stats'],
      requests: sim.control.requests(seqBefore),
      realMs: Math.round(performance.now() - t0),
      calls,
      load: meter.read()
    }
  } finally {
    prober.close()
  }
}

/** BootOf gives a machine's boot time; default: TIMINGS.bootMs for every machine. */
export type BootOf = (machineId: string | undefined) => number

const defaultBoot: BootOf = () => TIMINGS.bootMs

/** What one step costs on the critical path: boot, then its first check passing (0 for a stopped machine). */
export function stepCostMs(
  step: UpdateStep | CreateStep,
  bootOf: BootOf = defaultBoot
): number {
  if (step.action === '~' && step.skipLaunch) return 0
  const first = TIMINGS.graceMs || TIMINGS.intervalMs
  return bootOf(step.action === '~' ? step.machineId : undefined) + first
}

/** waveChainMs is a wave's critical path before its bake: its longest region chain of batches, each costing its slowest step. */
export function waveChainMs(w: WavePlan, bootOf: BootOf = defaultBoot): number {
  return Math.max(
    0,
    ...w.regions.map((r) =>
      r.batches.reduce(
        (sum, b) => sum + Math.max(0, ...b.map((s) => stepCostMs(s, bootOf))),
        0
      )
    )
  )
}

/**
 * criticalPath is the least time the plan can take on these timings: per
 * wave, its longest region chain (Σ over sequential batches of boot + time
 * until checks pass; regions run in parallel), plus its bake.
 */
export function criticalPath(
  plan: RolloutPlan,
  bootOf: BootOf = defaultBoot
): {
  totalMs: number
  waves: { index: number; name: string; chainMs: number; bakeMs: number }[]
} {
  const waves = plan.waves.map((w) => ({
    index: w.index,
    name: w.name,
    chainMs: waveChainMs(w, bootOf),
    bakeMs: w.bakeMs
  }))
  return {
    totalMs: waves.reduce((s, w) => s + w.chainMs + w.bakeMs, 0),
    waves
  }
}

/** machineOf returns the machine id a Machines API path names, if any. */
export function machineOf(path: string): string | undefined {
  return /^\/v1\/apps\/[^/]+\/machines\/([^/]+)/.exec(path)?.[1]
}

export const round = (n: number, d = 0): number => {
  const f = 10 ** d
  return Math.round(n * f) / f
}

export const secs = (ms: number | undefined, d = 1): string =>
  ms === undefined ? '—' : `${round(ms / 1000, d)}s`

export function pad(s: string | number, n: number, right = false): string {
  const t = String(s)
  return right ? t.padEnd(n) : t.padStart(n)
}
