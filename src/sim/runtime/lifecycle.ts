import type { ImageBehavior } from '../images.js'
import {
  behaviorOf,
  type SimApp,
  type SimMachine,
  type World
} from '../world.js'
import type { WireCheckStatus } from '../wire.js'
import { startAppProcess, type AppProcess } from './app-server.js'
import { configuredChecks, runCheck, type CheckPlan } from './checks.js'

// [sim choice] timings the image does not set.
const STOP_MS = 200
const SUSPEND_MS = 300
const DESTROY_MS = 100
const RESTART_BACKOFF_MS = 500
const DEFAULT_MAX_RETRIES = 10

/** A process generation: everything that must stop when the machine's process stops. */
interface Generation {
  id: number
  app?: AppProcess
  cancels: (() => void)[]
  /** Ports the app listens on (its services' internal ports) [sim choice]. */
  ports: Set<number>
  checks: CheckPlan[]
}

/**
 * MachineRuntime runs machines: boots them on the image's timing, runs their
 * checks, applies restart policies to exits, and records events — the part of
 * Fly called flyd. The API server asks it to act; the edge asks it where a
 * machine listens.
 */
export class MachineRuntime {
  private gens = new Map<string, Generation>()
  private seq = 0

  constructor(private readonly world: World) {}

  /** listenPort returns the real loopback port behind a machine's internal port, if it listens. */
  listenPort(m: SimMachine, internalPort?: number): number | undefined {
    const g = this.gens.get(m.id)
    if (!g?.app || m.state !== 'started') return undefined
    if (internalPort !== undefined && !g.ports.has(internalPort))
      return undefined
    return g.app.port
  }

  /** isRunning says whether the machine has a live application process. */
  isRunning(m: SimMachine): boolean {
    return Boolean(this.gens.get(m.id)?.app)
  }

  /** checkPlans returns the checks configured for the machine's current process. */
  checkPlans(m: SimMachine): CheckPlan[] {
    return this.gens.get(m.id)?.checks ?? configuredChecks(m.config)
  }

  /** launch boots a created, stopped or suspended machine (user start, create, update). */
  launch(m: SimMachine, mode: 'start' | 'replace'): void {
    this.kill(m)
    m.state = mode === 'replace' ? 'replacing' : 'starting'
    m.restartCount = 0
    m.checks.clear()
    this.world.changed(m)
    this.boot(m)
  }

  /** stop stops the process on request; resolves nothing, the state shows it. */
  stop(
    m: SimMachine,
    opts: { signal?: string; timeoutMs?: number } = {}
  ): void {
    if (m.state === 'stopped' || m.state === 'created') return
    const wasRunning = this.isRunning(m)
    this.kill(m)
    m.state = 'stopping'
    this.world.changed(m)
    const g = this.newGeneration(m)
    const delay = Math.min(STOP_MS, opts.timeoutMs ?? STOP_MS)
    g.cancels.push(
      this.world.clock.setTimer(delay, () => {
        if (this.gens.get(m.id) !== g) return
        this.gens.delete(m.id)
        m.state = 'stopped'
        m.checks.clear()
        if (wasRunning) {
          this.world.addEvent(
            m,
            'exit',
            'stopped',
            'flyd',
            exitRequest(
              this.world.now(),
              {
                exit_code: opts.signal === 'SIGKILL' ? 137 : 0,
                requested_stop: true,
                restarting: false,
                signal: opts.signal === 'SIGKILL' ? 9 : -1
              },
              m.restartCount
            )
          )
        }
        this.world.changed(m)
      })
    )
  }

  /** suspend snapshots a started machine [sim choice: modelled as a stop that keeps its state name]. */
  suspend(m: SimMachine): void {
    this.kill(m)
    m.state = 'suspending'
    this.world.changed(m)
    const g = this.newGeneration(m)
    g.cancels.push(
      this.world.clock.setTimer(SUSPEND_MS, () => {
        if (this.gens.get(m.id) !== g) return
        this.gens.delete(m.id)
        m.state = 'suspended'
        m.checks.clear()
        this.world.addEvent(m, 'suspend', 'suspended', 'flyd')
        this.world.changed(m)
      })
    )
  }

  /**
   * restart stops and starts the same version [sim choice: an exit event with
   * requested_stop and restarting, then a user `restart` event].
   */
  restart(m: SimMachine, signal?: string): void {
    if (this.isRunning(m)) {
      this.world.addEvent(
        m,
        'exit',
        'stopped',
        'flyd',
        exitRequest(
          this.world.now(),
          {
            exit_code: 0,
            requested_stop: true,
            restarting: true,
            signal: signal === 'SIGKILL' ? 9 : -1
          },
          m.restartCount
        )
      )
    }
    this.world.addEvent(m, 'restart', 'restarting', 'user')
    this.launch(m, 'start')
  }

  /** destroy tears a machine down; the record stays with state destroyed. */
  destroy(app: SimApp, m: SimMachine): void {
    this.kill(m)
    m.state = 'destroying'
    this.world.changed(m)
    const g = this.newGeneration(m)
    g.cancels.push(
      this.world.clock.setTimer(DESTROY_MS, () => {
        if (this.gens.get(m.id) !== g) return
        this.gens.delete(m.id)
        m.state = 'destroyed'
        m.checks.clear()
        m.lease = undefined
        m.destroyedAt = this.world.now()
        for (const v of app.volumes.values()) {
          if (v.attachedMachineId === m.id) v.attachedMachineId = undefined
        }
        this.world.addEvent(m, 'destroy', 'destroyed', 'user')
        this.world.changed(m)
      })
    )
  }

  /** crash kills the machine's process as if it exited on its own (fault injection). */
  crash(m: SimMachine, exitCode: number, oomKilled = false): boolean {
    if (!this.isRunning(m)) return false
    this.exited(m, exitCode, oomKilled)
    return true
  }

  /** shutdown stops every process and timer: flysim is closing. */
  shutdown(): void {
    for (const id of [...this.gens.keys()]) {
      const g = this.gens.get(id)!
      g.cancels.forEach((c) => c())
      g.app?.close()
    }
    this.gens.clear()
  }

  // --- internals -------------------------------------------------------------

  private newGeneration(m: SimMachine): Generation {
    const g: Generation = {
      id: ++this.seq,
      cancels: [],
      ports: new Set(),
      checks: []
    }
    this.gens.set(m.id, g)
    return g
  }

  /** kill ends the current generation without any event. */
  private kill(m: SimMachine): void {
    const g = this.gens.get(m.id)
    if (!g) return
    this.gens.delete(m.id)
    g.cancels.forEach((c) => c())
    g.app?.close()
  }

  private boot(m: SimMachine): void {
    const g = this.newGeneration(m)
    const behavior: ImageBehavior = behaviorOf(m)
    g.cancels.push(
      this.world.clock.setTimer(behavior.bootMs, () => this.up(m, g, false))
    )
  }

  /**
   * adopt starts a machine that was already running when flysim started (a
   * scenario's existing deployment): no boot wait, and every check runs once
   * at once so the machine begins in the proxy pool.
   */
  async adopt(m: SimMachine): Promise<void> {
    this.kill(m)
    await this.up(m, this.newGeneration(m), true)
  }

  /** up starts the application process of a generation and its checks. */
  private async up(
    m: SimMachine,
    g: Generation,
    checkNow: boolean
  ): Promise<void> {
    if (this.gens.get(m.id) !== g) return
    const app = await startAppProcess({
      machine: m,
      env: this.environment(m),
      rng: this.world.rng
    })
    if (this.gens.get(m.id) !== g) {
      app.close()
      return
    }
    g.app = app
    for (const s of m.config.services ?? []) {
      if (typeof s?.internal_port === 'number') g.ports.add(s.internal_port)
    }
    g.checks = configuredChecks(m.config)
    m.state = 'started'
    this.world.addEvent(m, 'start', 'started', 'flyd')
    this.world.changed(m)
    const crash = behaviorOf(m).crash
    if (crash.kind === 'boot') {
      this.exited(m, behaviorOf(m).exitCode)
      return
    }
    if (crash.kind === 'after') {
      g.cancels.push(
        this.world.clock.setTimer(crash.ms, () => {
          if (this.gens.get(m.id) === g) this.exited(m, behaviorOf(m).exitCode)
        })
      )
    }
    if (checkNow) {
      await Promise.all(g.checks.map((c) => this.checkOnce(m, g, c)))
      for (const c of g.checks) this.scheduleCheck(m, g, c, c.intervalMs)
    } else {
      for (const c of g.checks)
        this.scheduleCheck(m, g, c, c.graceMs || c.intervalMs)
    }
  }

  private scheduleCheck(
    m: SimMachine,
    g: Generation,
    c: CheckPlan,
    delay: number
  ): void {
    g.cancels.push(
      this.world.clock.setTimer(delay, async () => {
        if (this.gens.get(m.id) !== g) return
        await this.checkOnce(m, g, c)
        if (this.gens.get(m.id) === g) this.scheduleCheck(m, g, c, c.intervalMs)
      })
    )
  }

  /** checkOnce runs one check for real and records its status. */
  private async checkOnce(
    m: SimMachine,
    g: Generation,
    c: CheckPlan
  ): Promise<void> {
    const h = behaviorOf(m).health
    // [sim choice] an unhealthy image is not ready on its TCP-checked ports.
    const unready =
      c.type === 'tcp' &&
      (h.kind === 'failing' ||
        (h.kind === 'flaky' && this.world.rng.next() < h.p))
    const listens = g.ports.size === 0 || g.ports.has(c.port)
    const port = g.app && listens && !unready ? g.app.port : undefined
    const result = await runCheck(c, port)
    if (this.gens.get(m.id) !== g) return
    const status: WireCheckStatus = {
      name: c.name,
      status: result.passing ? 'passing' : 'critical',
      output: result.output,
      updated_at: this.world.iso()
    }
    const before = m.checks.get(c.name)?.status
    m.checks.set(c.name, status)
    if (before !== status.status) this.world.changed(m)
  }

  /** exited applies the restart policy to a process that exited on its own. */
  private exited(m: SimMachine, exitCode: number, oomKilled = false): void {
    this.kill(m)
    const policy = m.config.restart?.policy || 'on-failure'
    const maxRetries = m.config.restart?.max_retries ?? DEFAULT_MAX_RETRIES
    const restarting =
      policy === 'always' ||
      (policy === 'on-failure' && exitCode !== 0 && m.restartCount < maxRetries)
    m.checks.clear()
    this.world.addEvent(
      m,
      'exit',
      restarting ? 'starting' : 'stopped',
      'flyd',
      exitRequest(
        this.world.now(),
        {
          exit_code: exitCode,
          oom_killed: oomKilled,
          requested_stop: false,
          restarting,
          signal: -1
        },
        m.restartCount
      )
    )
    if (!restarting) {
      m.state = 'stopped'
      this.world.changed(m)
      if (m.config.auto_destroy) {
        const app = this.world.apps.get(m.app)
        if (app) this.destroy(app, m)
      }
      return
    }
    m.restartCount++
    m.state = 'starting'
    this.world.changed(m)
    const g = this.newGeneration(m)
    g.cancels.push(
      this.world.clock.setTimer(RESTART_BACKOFF_MS, () => {
        if (this.gens.get(m.id) !== g) return
        this.gens.delete(m.id)
        this.boot(m)
      })
    )
  }

  /** environment is what the machine's process sees (API-NOTES "Machine runtime environment"). */
  private environment(m: SimMachine): Record<string, string> {
    const app = this.world.apps.get(m.app)
    const env: Record<string, string> = {}
    if (app) {
      for (const [name, s] of app.secrets) env[name] = s.value
      m.secretsVersion = app.secretsVersion
    }
    Object.assign(env, m.config.env ?? {})
    Object.assign(env, {
      FLY_APP_NAME: m.app,
      FLY_MACHINE_ID: m.id,
      FLY_ALLOC_ID: m.id,
      FLY_REGION: m.region,
      FLY_PUBLIC_IP: '',
      FLY_IMAGE_REF: m.config.image ?? '',
      FLY_MACHINE_VERSION: m.instanceId,
      FLY_PRIVATE_IP: m.privateIp,
      FLY_PROCESS_GROUP: m.config.metadata?.['fly_process_group'] ?? '',
      FLY_VM_MEMORY_MB: String(
        (m.config.guest as { memory_mb?: number } | undefined)?.memory_mb ?? 256
      ),
      PRIMARY_REGION: m.config.env?.['PRIMARY_REGION'] ?? m.region
    })
    return env
  }
}

function exitRequest(
  now: number,
  e: {
    exit_code: number
    oom_killed?: boolean
    requested_stop: boolean
    restarting: boolean
    signal: number
  },
  restartCount: number
): Record<string, unknown> {
  return {
    exit_event: {
      exit_code: e.exit_code,
      exited_at: now,
      guest_exit_code: e.exit_code,
      guest_signal: e.signal,
      oom_killed: e.oom_killed ?? false,
      requested_stop: e.requested_stop,
      restarting: e.restarting,
      signal: e.signal
    },
    restart_count: restartCount
  }
}
