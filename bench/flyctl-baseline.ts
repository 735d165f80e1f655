/**
 * The flyctl baseline: `fly deploy`'s rolling strategy (API-NOTES §12 and
 * flyctl internal/command/deploy) on the same image timings, two ways:
 *
 * - analytic: each machine costs boot + the 10 s smoke window (+ the health
 *   poll, which passes at once: the first check passed during the smoke
 *   window); the spearhead goes alone, then a pool of ceil(n·0.33) machines
 *   in flight, machines ordered by id across regions;
 * - replayed: the same algorithm driven against flysim (rate limits on)
 *   through the product's Machines API client: leases taken up front
 *   (pool-wide), update → /wait started → smoke (GET with 0.5 → 2 s backoff
 *   until uptime > 10 s or 10 s passed) → health (GET every 1–2 s until every
 *   check passes) → leases released at the end. No bake, no rollback.
 */
import { createFlyMachinesApi } from '../src/adapters/fly/machines-api.js'
import { resolveImageDigest } from '../src/adapters/fly/registry.js'
import type { MachineView } from '../src/core/types.js'
import { configuredChecks } from '../src/orchestrator/observer.js'
import type { Sim } from '../src/sim/index.js'
import type { EfficiencyResult } from './rollout-efficiency.js'
import {
  NEW_IMAGE,
  pad,
  regionCodes,
  round,
  secs,
  startBenchSim,
  TIMINGS
} from './harness.js'

/** flyctl's defaults (API-NOTES §12). */
export const FLYCTL = {
  maxUnavailable: 0.33,
  smokeMs: 10_000,
  smokeBackoff: { minMs: 500, maxMs: 2_000 },
  healthPoll: { minMs: 1_000, maxMs: 2_000 }
}

export interface FlyctlCase {
  name: string
  machines: number
  pool: number
  /** 1 spearhead round + the pool's rounds. */
  rounds: number
  analyticMs: number
  /** The same with --max-unavailable 1 (one machine at a time). */
  analyticOneAtATimeMs: number
  replay?: {
    wallMs: number
    clockScale: number
    realMs: number
    requestsPerMachine: number
    byOpPerMachine: Record<string, number>
    rateLimited: number
    allUpdated: boolean
  }
}

export interface FlyctlResult {
  timings: typeof TIMINGS
  model: typeof FLYCTL
  cases: FlyctlCase[]
}

/** flyctlPool is the rolling pool size: ceil(n · max_unavailable) for a fraction. */
export function flyctlPool(n: number, mu = FLYCTL.maxUnavailable): number {
  return mu >= 1 ? Math.floor(mu) : Math.max(1, Math.ceil(n * mu))
}

/** perMachineMs: boot, the smoke window, one passing health poll (checks passed during the smoke window). */
export function flyctlPerMachineMs(): number {
  const firstCheck = TIMINGS.graceMs || TIMINGS.intervalMs
  return TIMINGS.bootMs + Math.max(FLYCTL.smokeMs, firstCheck)
}

/** flyctlAnalytic: the spearhead alone, then ⌈(n−1)/pool⌉ rounds of the pool (equal machines keep the pool in lockstep). */
export function flyctlAnalytic(n: number, mu = FLYCTL.maxUnavailable) {
  const pool = flyctlPool(n, mu)
  const rounds = n === 0 ? 0 : 1 + Math.ceil((n - 1) / pool)
  return { pool, rounds, wallMs: rounds * flyctlPerMachineMs() }
}

/** replayFlyctl runs flyctl's rolling algorithm against a flysim app `demo`. */
export async function replayFlyctl(
  sim: Sim,
  image: string
): Promise<{
  wallMs: number
  byOp: Record<string, number>
  rateLimited: number
  updated: number
}> {
  const clock = sim.control.clock
  const api = createFlyMachinesApi({
    baseUrl: sim.apiUrl,
    token: sim.token,
    sleep: (ms, s) => clock.sleep(ms, s)
  })
  const m = api.machines
  const pinned = await resolveImageDigest(image, {
    token: sim.token,
    registryUrl: sim.apiUrl
  })
  // A deterministic jitter source for the 1–2 s polls.
  let seed = 12345
  const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) % 1000) / 1000
  const t0 = clock.now()
  const all = (await m.list('demo')).sort((a, b) => a.id.localeCompare(b.id))
  const pool = flyctlPool(all.length)
  const nonces = new Map<string, string>()
  await runPool(all, pool, async (x) => {
    const l = await m.acquireLease('demo', x.id, 3600, 'flyctl deploy')
    nonces.set(x.id, l.nonce)
  })

  const one = async (x: MachineView): Promise<void> => {
    const config = { ...structuredClone(x.config), image: pinned.image }
    const v = await m.update(
      'demo',
      x.id,
      { config, minSecretsVersion: undefined },
      nonces.get(x.id)
    )
    // WaitForState(started): /wait long-polls until the new version is started.
    for (;;) {
      const w = await m.waitFor('demo', x.id, {
        states: ['started'],
        version: v.version,
        timeoutS: 60
      })
      if (w.ok) break
    }
    // Smoke: GET with backoff until uptime > 10 s, or the 10 s window ends.
    const smokeStart = clock.now()
    let delay = FLYCTL.smokeBackoff.minMs
    for (;;) {
      const now = await m.get('demo', x.id)
      const started = now.events
        .filter((e) => e.type === 'start')
        .map((e) => e.timestamp)
        .sort((a, b) => b - a)[0]
      if (started !== undefined && clock.now() - started > FLYCTL.smokeMs) break
      const left = smokeStart + FLYCTL.smokeMs - clock.now()
      if (left <= 0) break
      await clock.sleep(Math.min(delay, left))
      delay = Math.min(FLYCTL.smokeBackoff.maxMs, delay * 2)
    }
    // Health: GET every 1–2 s until every configured check passes.
    const want = configuredChecks(config).count
    for (;;) {
      const now = await m.get('demo', x.id)
      const checks = now.checks
      if (checks.length >= want && checks.every((c) => c.status === 'passing'))
        break
      const { minMs, maxMs } = FLYCTL.healthPoll
      await clock.sleep(minMs + Math.round(rand() * (maxMs - minMs)))
    }
  }
  // Spearhead, then the pool (flyctl updateEntriesGroup).
  if (all.length) await one(all[0]!)
  await runPool(all.slice(1), pool, one)
  await runPool(all, pool, (x) =>
    m.releaseLease('demo', x.id, nonces.get(x.id)!)
  )
  const wallMs = clock.now() - t0
  const stats = api.stats()
  const after = await m.list('demo')
  return {
    wallMs,
    byOp: stats.byOp,
    rateLimited: stats.rateLimited,
    updated: after.filter((x) => x.imageDigest === pinned.digest).length
  }
}

async function runPool<T>(
  items: readonly T[],
  limit: number,
  fn: (t: T) => Promise<void>
): Promise<void> {
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!)
    })
  )
}

const SIZES = [
  { name: '3×2', regions: 3, perRegion: 2, clockScale: 10 },
  { name: '10×10', regions: 10, perRegion: 10, clockScale: 10 },
  { name: '35×30', regions: 35, perRegion: 30, clockScale: 5 }
]

export async function flyctlBaseline(): Promise<FlyctlResult> {
  const cases: FlyctlCase[] = []
  for (const s of SIZES) {
    const n = s.regions * s.perRegion
    const a = flyctlAnalytic(n)
    const c: FlyctlCase = {
      name: s.name,
      machines: n,
      pool: a.pool,
      rounds: a.rounds,
      analyticMs: a.wallMs,
      analyticOneAtATimeMs: flyctlAnalytic(n, 1).wallMs
    }
    if (!(process.env.BENCH_SKIP_1000 === '1' && n >= 1000)) {
      globalThis.gc?.()
      const sim = await startBenchSim({
        regions: regionCodes(s.regions),
        perRegion: s.perRegion,
        clockScale: s.clockScale
      })
      try {
        const t = performance.now()
        const r = await replayFlyctl(sim, NEW_IMAGE)
        const total = Object.values(r.byOp).reduce((x, y) => x + y, 0)
        c.replay = {
          wallMs: r.wallMs,
          clockScale: s.clockScale,
          realMs: Math.round(performance.now() - t),
          requestsPerMachine: round(total / n, 2),
          byOpPerMachine: Object.fromEntries(
            Object.entries(r.byOp).map(([k, v]) => [k, round(v / n, 2)])
          ),
          rateLimited: r.rateLimited,
          allUpdated: r.updated === n
        }
      } finally {
        await sim.close()
      }
    }
    cases.push(c)
  }
  return { timings: TIMINGS, model: FLYCTL, cases }
}

export function printFlyctl(r: FlyctlResult, ours?: EfficiencyResult): void {
  console.log(
    `\nflyctl baseline (rolling, max-unavailable ${r.model.maxUnavailable}, spearhead + pool, 10 s smoke, no bake, no rollback; boot ${secs(r.timings.bootMs, 0)})`
  )
  console.log(
    '  app      machines  pool  rounds  analytic   replayed   req/machine  429s   | fly-rollout wall  (without bakes)  critical path'
  )
  for (const c of r.cases) {
    const o = ours?.cases.find((x) => x.name === c.name)
    const bakes = o ? o.waves.reduce((s, w) => s + w.bakeActualMs, 0) : 0
    console.log(
      `  ${pad(c.name, 7, true)} ${pad(c.machines, 9)} ${pad(c.pool, 5)} ${pad(c.rounds, 7)}  ${pad(secs(c.analyticMs), 9)}  ${pad(secs(c.replay?.wallMs), 9)}  ${pad(c.replay?.requestsPerMachine ?? '—', 11)}  ${pad(c.replay?.rateLimited ?? '—', 4)}   | ${pad(secs(o?.wallMs), 16)}  ${pad(o ? secs(o.wallMs - bakes) : '—', 15)}  ${pad(secs(o?.criticalPathMs), 13)}`
    )
  }
  console.log(
    `  flyctl with --max-unavailable 1: ${r.cases.map((c) => `${c.name} ${secs(c.analyticOneAtATimeMs, 0)}`).join(', ')} (analytic)`
  )
}
