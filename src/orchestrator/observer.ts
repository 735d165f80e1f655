import { parseDuration } from '../core/units.js'
import type { MachineConfig, MachineEvent, MachineView } from '../core/types.js'
import type { Ports } from './ports.js'

/** HealthVerdict is a machine's health after an update: all checks passing, or why not. */
export type HealthVerdict =
  { ok: true; at: number } | { ok: false; reason: string; critical: boolean }

interface Waiter {
  machineId: string
  /** The wave whose machines the poll may be narrowed to. */
  wave?: number
  /** Consecutive all-passing results needed, each from a new run of the checks. */
  passes: number
  seen: number
  lastStamp?: string
  version?: string
  configured: number
  since: number
  dueAt: number
  recheckMs: number
  deadline: number
  resolve: (v: HealthVerdict) => void
}

/** Poll no more often than the list endpoint's documented 1 req/s (API-NOTES §10). */
const MIN_POLL_MS = 1000
/** Slack after a check is due before we look. */
const SLACK_MS = 250

/**
 * configuredChecks counts the checks a config asks Fly to run: a machine is
 * healthy only with that many results, all passing — `checks[]` is empty
 * right after boot (API-NOTES §9).
 */
export function configuredChecks(config: MachineConfig): {
  count: number
  firstDueMs: number
  intervalMs: number
} {
  const all = [
    ...Object.values(config.checks ?? {}),
    ...(config.services ?? []).flatMap((s) => s.checks ?? [])
  ]
  if (all.length === 0) return { count: 0, firstDueMs: 0, intervalMs: 0 }
  const ms = (v: unknown, d: number) =>
    typeof v === 'string' ? (parseDuration(v) ?? d) : d
  const intervals = all.map((c) => ms(c.interval, 15_000))
  const firsts = all.map((c, i) => ms(c.grace_period, 0) || intervals[i]!)
  return {
    count: all.length,
    firstDueMs: Math.max(...firsts),
    intervalMs: Math.min(...intervals)
  }
}

/**
 * crashIn returns the first crash among a machine's events since `since`
 * (ROLLOUT-SEMANTICS §4.2): an exit with a non-zero code while restarting,
 * an OOM kill, or a restart count above 1. A stop alone is not a crash.
 */
export function crashIn(
  events: readonly MachineEvent[],
  since: number
): MachineEvent | undefined {
  return events.find(
    (e) =>
      e.timestamp >= since &&
      e.type === 'exit' &&
      !e.requestedStop &&
      ((e.exitCode !== undefined &&
        e.exitCode !== 0 &&
        e.restarting === true) ||
        e.oomKilled === true ||
        (e.restartCount ?? 0) > 1)
  )
}

/** checksOf returns a machine's real check results, without flaps' compatibility fakes (API-NOTES §9). */
export function checksOf(m: MachineView) {
  return m.checks.filter((c) => !c.name.startsWith('bg_deployments_compat'))
}

/**
 * createObserver watches the machines of one rollout with one shared list
 * call (`metadata.flyrollout_id=<id>`) instead of a GET per machine: every
 * batch waiting for checks, and every look of a bake, share the same polls.
 * Polls are scheduled for when checks are due, not on a fixed beat.
 */
export function createObserver(ports: Ports, app: string, rolloutId: string) {
  const waiters = new Set<Waiter>()
  let lastPoll = -Infinity
  let lastFull = -Infinity
  let loop: Promise<void> | undefined
  let latest: MachineView[] = []

  /**
   * poll lists the rollout's machines; while every waiter belongs to one wave,
   * only that wave's (a 1,000-machine rollout need not list them all per batch).
   */
  const poll = async (wave?: number): Promise<MachineView[]> => {
    lastPoll = ports.clock.now()
    const metadata: Record<string, string> = { flyrollout_id: rolloutId }
    if (wave !== undefined) metadata.flyrollout_wave = String(wave)
    const views = await ports.machines.list(app, { metadata })
    if (wave === undefined) {
      latest = views
      lastFull = lastPoll
    }
    return views
  }

  const judge = (
    w: Waiter,
    views: MachineView[]
  ): HealthVerdict | undefined => {
    const now = ports.clock.now()
    const m = views.find((v) => v.id === w.machineId)
    if (!m)
      return now > w.deadline
        ? {
            ok: false,
            reason: `machine ${w.machineId} disappeared`,
            critical: true
          }
        : undefined
    if (w.version && m.version !== w.version) {
      return {
        ok: false,
        reason: `machine ${m.id} moved to version ${m.version} while we waited for ${w.version}: someone else changed it`,
        critical: true
      }
    }
    const crash = crashIn(m.events, w.since)
    if (crash) {
      return {
        ok: false,
        reason: `machine ${m.id} crashed: exit code ${crash.exitCode ?? '?'}${crash.oomKilled ? ' (out of memory)' : ''}, restart ${crash.restartCount ?? 0}`,
        critical: true
      }
    }
    if (m.state !== 'started') {
      if (now > w.deadline)
        return {
          ok: false,
          reason: `machine ${m.id} is ${m.state}, not started`,
          critical: true
        }
      return undefined
    }
    const checks = checksOf(m)
    if (
      checks.length >= w.configured &&
      checks.every((c) => c.status === 'passing')
    ) {
      // Count a pass once per new run of the checks (their updated_at moves).
      const stamp =
        checks
          .map((c) => c.updatedAt ?? '')
          .sort()
          .at(-1) ?? ''
      if (stamp !== w.lastStamp || w.configured === 0) {
        w.seen++
        w.lastStamp = stamp
      }
      if (w.seen >= w.passes) return { ok: true, at: now }
    } else w.seen = 0
    if (now > w.deadline) {
      const bad = checks
        .filter((c) => c.status !== 'passing')
        .map((c) => `${c.name} ${c.status}`)
      const detail =
        checks.length < w.configured
          ? `${checks.length}/${w.configured} checks reported`
          : bad.join(', ')
      return {
        ok: false,
        reason: `machine ${m.id} not healthy before its deadline: ${detail}`,
        critical: false
      }
    }
    return undefined
  }

  const run = async (): Promise<void> => {
    while (waiters.size) {
      const next = Math.min(
        ...[...waiters].map((w) => Math.min(w.dueAt, w.deadline))
      )
      const at = Math.max(next, lastPoll + MIN_POLL_MS)
      const wait = at - ports.clock.now()
      if (wait > 0) await ports.clock.sleep(wait)
      let views: MachineView[]
      const waves = new Set([...waiters].map((w) => w.wave))
      try {
        views = await poll(waves.size === 1 ? [...waves][0] : undefined)
      } catch (e) {
        // The adapter already retried what can be retried; try again on the next beat.
        ports.log.debug(`observer: list failed: ${(e as Error).message}`)
        continue
      }
      const now = ports.clock.now()
      for (const w of [...waiters]) {
        const v = judge(w, views)
        if (v) {
          waiters.delete(w)
          w.resolve(v)
        } else if (w.dueAt <= now) {
          // Only a waiter that was due moves on (others keep their own time);
          // one still without its first check results looks again soon.
          const m = views.find((x) => x.id === w.machineId)
          const reported = m ? checksOf(m).length >= w.configured : false
          w.dueAt = now + (reported ? w.recheckMs : MIN_POLL_MS)
        }
      }
    }
    loop = undefined
  }

  return {
    /**
     * healthy resolves once the machine (at `version`) has every configured
     * check passing, or fails on a crash, a foreign version, or the deadline.
     */
    healthy(
      machineId: string,
      opts: {
        version?: string
        config: MachineConfig
        since: number
        deadline: number
        /** All-passing results in a row needed (spec `verify-passes`, default 1). */
        passes?: number
        /** The wave the machine was updated in (narrows the polls). */
        wave?: number
        /** Aborts the wait: resolves not ok (a sibling region failed, the run was cancelled). */
        signal?: AbortSignal
      }
    ): Promise<HealthVerdict> {
      const c = configuredChecks(opts.config)
      const now = ports.clock.now()
      return new Promise((resolve) => {
        const w: Waiter = {
          machineId,
          wave: opts.wave,
          passes: Math.max(1, opts.passes ?? 1),
          seen: 0,
          version: opts.version,
          configured: c.count,
          since: opts.since,
          // No checks configured: one look for crashes and state is enough.
          dueAt: now + (c.count ? c.firstDueMs + SLACK_MS : 0),
          recheckMs: Math.max(
            MIN_POLL_MS,
            Math.min(c.intervalMs || MIN_POLL_MS, 5_000)
          ),
          deadline: opts.deadline,
          resolve
        }
        if (opts.signal?.aborted) {
          resolve({
            ok: false,
            reason: 'stopped: the wave is being rolled back',
            critical: false
          })
          return
        }
        opts.signal?.addEventListener(
          'abort',
          () => {
            if (!waiters.delete(w)) return
            resolve({
              ok: false,
              reason: 'stopped: the wave is being rolled back',
              critical: false
            })
          },
          { once: true }
        )
        waiters.add(w)
        loop ??= run()
      })
    },
    /** look lists the rollout's machines now (shared with the waiters' polls when one just ran). */
    async look(maxAgeMs = 0): Promise<MachineView[]> {
      if (ports.clock.now() - lastFull <= maxAgeMs) return latest
      return poll()
    }
  }
}

export type Observer = ReturnType<typeof createObserver>
