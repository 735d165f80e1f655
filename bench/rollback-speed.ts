/**
 * P3: how fast a failing rollout is undone — from the first failing signal
 * to every touched machine restored and healthy — against flysim with rate
 * limits on.
 *
 * Three failures:
 * - canary: the release crashes on boot (exit 3); one machine touched;
 * - late wave, refused: 10 regions × 30; in the last wave, one region's
 *   hosts refuse the update of its last batch (`refuseUpdates`), ~300
 *   machines touched;
 * - late wave, crash: the same app; the last machine of one region crashes
 *   on boot after its update;
 * - the refused case again at clock ×2 instead of ×10: the harness's share.
 *
 * Figures (virtual time): signal → failedAt (the engine notices and stops the
 * wave), failedAt → restoredAt (the rollback proper, the engine's own
 * figures), and signal → restoredAt. Target: failedAt → restoredAt ≤ one
 * boot + 2 s.
 */
import { createFlyMachinesApi } from '../src/adapters/fly/machines-api.js'
import { canonicalJson } from '../src/core/normalize.js'
import type { RolloutEvent } from '../src/orchestrator/run-rollout.js'
import type { Sim } from '../src/sim/index.js'
import { EFFICIENCY_SPEC } from './rollout-efficiency.js'
import {
  BAD_IMAGE,
  latencyByOp,
  loadMeter,
  NEW_IMAGE,
  pad,
  regionCodes,
  round,
  runEngine,
  secs,
  startBenchSim,
  TIMINGS,
  type ProcessLoad
} from './harness.js'

export interface RollbackCaseResult {
  name: string
  machines: number
  clockScale: number
  realMs: number
  result: string
  reason?: string
  /** Machines the rollback handled (restored, unchanged or destroyed). */
  touched: number
  statuses: Record<string, number>
  /** Every machine deep-equal to S₀ afterwards (config, state, image). */
  exact: boolean
  /** The first failing signal: the crash exit event or the refused update, virtual unix ms. */
  signalAt?: number
  signalKind: string
  failedAt?: number
  rollbackStartedAt?: number
  restoredAt?: number
  /** signal → failedAt: the engine noticing and stopping the wave. */
  detectMs?: number
  /** failedAt → restoredAt: the rollback itself. */
  restoreMs?: number
  /** signal → restoredAt. */
  totalMs?: number
  /** Each machine's restore finishing, ms after failedAt: first, median, last. */
  restoredAfterMs: { first: number; p50: number; last: number }
  /** Requests from rollback-started to the end, by operationId, per machine touched. */
  rollbackRequestsPerMachine: Record<string, number>
  rollbackRequestsTotal: number
  answered429: number
  targetMs: number
  met?: boolean
  /** The one Node process from rollback-started to the run's end (flysim's machines and the engine share it). */
  rollbackLoad?: ProcessLoad
  /** Machines port calls (waitFor excepted) made from rollback-started on: count and virtual ms. */
  rollbackApiLatency: Record<
    string,
    { n: number; p50: number; p95: number; max: number }
  >
}

export interface RollbackResult {
  timings: typeof TIMINGS
  cases: RollbackCaseResult[]
}

const LATE_SPEC = (primary: string) =>
  `max-unavailable: 5\n${EFFICIENCY_SPEC(primary)}`

function worldOf(sim: Sim) {
  const app = sim.control.snapshotWorld().apps.find((a) => a.name === 'demo')!
  return new Map(
    app.machines
      .filter((m) => m.state !== 'destroyed')
      .map((m) => [
        m.id,
        `${m.state}|${m.imageDigest}|${canonicalJson(m.config)}`
      ])
  )
}

export async function runCase(opts: {
  name: string
  regions: number
  perRegion: number
  clockScale: number
  image: string
  spec: (primary: string) => string
  fault: 'none' | 'refuse' | 'crash'
}): Promise<RollbackCaseResult> {
  const regions = regionCodes(opts.regions)
  const sim = await startBenchSim({
    regions,
    perRegion: opts.perRegion,
    clockScale: opts.clockScale
  })
  try {
    const before = worldOf(sim)
    let victim: { id: string; region: string } | undefined
    let meter: ReturnType<typeof loadMeter> | undefined
    const onEvent = (e: RolloutEvent) => {
      if (e.type === 'rollback-started') meter = loadMeter()
      if (e.type === 'planned' && opts.fault !== 'none') {
        // The last planned step of the last region of the last wave.
        const w = e.plan.waves.at(-1)!
        const reg = w.regions.at(-1)!
        const step = reg.batches.at(-1)!.at(-1)!
        if (step.action === '~')
          victim = { id: step.machineId, region: reg.region }
      }
      if (
        opts.fault === 'crash' &&
        e.type === 'wave-started' &&
        victim &&
        e.wave.regions.some((r) => r.region === victim!.region)
      )
        sim.control.setMachineBehavior(victim.id, {
          crash: 'boot',
          exitCode: 3
        })
      if (
        opts.fault === 'refuse' &&
        e.type === 'step' &&
        !e.result &&
        e.step.action === '~' &&
        e.step.machineId === victim?.id
      )
        sim.control.refuseUpdates(victim.region)
      if (e.type === 'rollback-started' && victim) {
        // The fault was the release's moment: restores run on healthy hosts.
        if (opts.fault === 'refuse')
          sim.control.refuseUpdates(victim.region, false)
        if (opts.fault === 'crash')
          sim.control.setMachineBehavior(victim.id, { crash: 'none' })
      }
    }
    const r = await runEngine(sim, opts.image, opts.spec(regions[0]!), {
      primaryRegion: regions[0]!,
      onEvent
    })
    const rollbackLoad = meter?.read()
    const { outcome } = r
    const after = worldOf(sim)
    const exact =
      before.size === after.size &&
      [...before].every(([id, v]) => after.get(id) === v)

    // The first failing signal, from flysim's side.
    let signalAt: number | undefined
    let signalKind = 'none'
    const refused = r.requests.find(
      (q) => q.op === 'Machines_update' && q.status >= 400 && q.status !== 429
    )
    if (refused) {
      signalAt = refused.at
      signalKind = `update refused (${refused.status})`
    } else {
      const api = createFlyMachinesApi({
        baseUrl: sim.apiUrl,
        token: sim.token,
        sleep: (ms) => sim.control.clock.sleep(ms)
      })
      const crashed = r.steps.filter((s) => s.ok === false)
      for (const s of crashed) {
        const evs = await api.machines.events('demo', s.machineId, 50)
        const exit = evs
          .filter(
            (e) =>
              e.type === 'exit' &&
              !e.requestedStop &&
              (e.exitCode ?? 0) !== 0 &&
              e.timestamp >= outcome.startedAt
          )
          .sort((a, b) => a.timestamp - b.timestamp)[0]
        if (exit && (signalAt === undefined || exit.timestamp < signalAt)) {
          signalAt = exit.timestamp
          signalKind = `crash (exit ${exit.exitCode})`
        }
      }
    }

    const started = r.events.find((e) => e.event.type === 'rollback-started')
    const restoredTimes = r.events
      .filter((e) => e.event.type === 'restored')
      .map((e) => e.at - (outcome.failedAt ?? e.at))
      .sort((a, b) => a - b)
    const statuses: Record<string, number> = {}
    for (const x of outcome.restored)
      statuses[x.status] = (statuses[x.status] ?? 0) + 1
    const touched = outcome.restored.length
    const byOp: Record<string, number> = {}
    let rbTotal = 0
    let answered429 = 0
    for (const q of r.requests) {
      if (q.status === 429) answered429++
      if (!started || q.at < started.at || !q.op) continue
      byOp[q.op] = (byOp[q.op] ?? 0) + 1
      rbTotal++
    }
    const targetMs = TIMINGS.bootMs + 2_000
    const restoreMs =
      outcome.restoredAt !== undefined && outcome.failedAt !== undefined
        ? outcome.restoredAt - outcome.failedAt
        : undefined
    return {
      name: opts.name,
      machines: opts.regions * opts.perRegion,
      clockScale: opts.clockScale,
      realMs: r.realMs,
      result: outcome.result,
      reason: outcome.reason,
      touched,
      statuses,
      exact,
      signalAt,
      signalKind,
      failedAt: outcome.failedAt,
      rollbackStartedAt: started?.at,
      restoredAt: outcome.restoredAt,
      detectMs:
        signalAt !== undefined && outcome.failedAt !== undefined
          ? outcome.failedAt - signalAt
          : undefined,
      restoreMs,
      totalMs:
        signalAt !== undefined && outcome.restoredAt !== undefined
          ? outcome.restoredAt - signalAt
          : undefined,
      restoredAfterMs: {
        first: restoredTimes[0] ?? 0,
        p50: restoredTimes[Math.floor(restoredTimes.length / 2)] ?? 0,
        last: restoredTimes.at(-1) ?? 0
      },
      rollbackRequestsPerMachine: Object.fromEntries(
        Object.entries(byOp).map(([k, v]) => [
          k,
          round(v / Math.max(1, touched), 2)
        ])
      ),
      rollbackRequestsTotal: rbTotal,
      answered429,
      targetMs,
      met: restoreMs === undefined ? undefined : restoreMs <= targetMs,
      rollbackLoad,
      rollbackApiLatency: latencyByOp(
        r.calls.filter((c) => started && c.at >= started.at)
      )
    }
  } finally {
    await sim.close()
  }
}

export async function rollbackSpeed(): Promise<RollbackResult> {
  const cases: RollbackCaseResult[] = []
  globalThis.gc?.()
  cases.push(
    await runCase({
      name: 'canary crash (1 machine)',
      regions: 3,
      perRegion: 2,
      clockScale: 10,
      image: BAD_IMAGE,
      spec: EFFICIENCY_SPEC,
      fault: 'none'
    })
  )
  globalThis.gc?.()
  cases.push(
    await runCase({
      name: 'last wave, update refused (10×30)',
      regions: 10,
      perRegion: 30,
      clockScale: 10,
      image: NEW_IMAGE,
      spec: LATE_SPEC,
      fault: 'refuse'
    })
  )
  globalThis.gc?.()
  cases.push(
    await runCase({
      name: 'last wave, crash on boot (10×30)',
      regions: 10,
      perRegion: 30,
      clockScale: 10,
      image: NEW_IMAGE,
      spec: LATE_SPEC,
      fault: 'crash'
    })
  )
  // The harness's share: the refused case again on a 5× slower clock, where
  // every real millisecond of CPU and loopback costs 2 virtual ones, not 10.
  globalThis.gc?.()
  cases.push(
    await runCase({
      name: 'last wave, update refused (10×30) @×2',
      regions: 10,
      perRegion: 30,
      clockScale: 2,
      image: NEW_IMAGE,
      spec: LATE_SPEC,
      fault: 'refuse'
    })
  )
  return { timings: TIMINGS, cases }
}

export function printRollback(r: RollbackResult): void {
  console.log(
    `\nP3 rollback speed (boot ${secs(r.timings.bootMs, 0)}; target failedAt → restoredAt ≤ boot + 2 s = ${secs(r.timings.bootMs + 2_000, 0)}; rate limits on)`
  )
  console.log(
    '  case                                touched  signal→failedAt  failedAt→restored  signal→restored  exact  target'
  )
  for (const c of r.cases) {
    console.log(
      `  ${pad(c.name, 35, true)} ${pad(c.touched, 7)}  ${pad(secs(c.detectMs), 15)}  ${pad(secs(c.restoreMs), 17)}  ${pad(secs(c.totalMs), 15)}  ${pad(c.exact ? 'yes' : 'NO', 5)}  ${c.met === undefined ? '—' : c.met ? 'met' : 'not met'}`
    )
  }
  for (const c of r.cases) {
    console.log(`\n  ${c.name}: ${c.result} — ${c.reason ?? ''}`)
    console.log(
      `    signal: ${c.signalKind}; statuses ${JSON.stringify(c.statuses)}; restores done after failedAt: first ${secs(c.restoredAfterMs.first)}, median ${secs(c.restoredAfterMs.p50)}, last ${secs(c.restoredAfterMs.last)}`
    )
    const ops = Object.entries(c.rollbackRequestsPerMachine)
      .map(([k, v]) => `${k.replace('Machines_', '')} ${v}`)
      .join(', ')
    const l = c.rollbackLoad
    const lat = ['get', 'update', 'acquireLease', 'releaseLease', 'setMetadata']
      .filter((k) => c.rollbackApiLatency[k])
      .map(
        (k) =>
          `${k} ${c.rollbackApiLatency[k]!.p50}/${c.rollbackApiLatency[k]!.p95}`
      )
      .join(', ')
    if (l)
      console.log(
        `    during the rollback: ${round(l.realMs / 1000, 1)} s real, ${l.cpuCores} cores busy, event-loop delay p50 ${l.loopDelayMs.p50} / p99 ${l.loopDelayMs.p99} / max ${l.loopDelayMs.max} ms real; API call p50/p95 (virtual ms): ${lat}`
      )
    console.log(
      `    rollback requests: ${c.rollbackRequestsTotal} (${ops} per machine); 429 answers ${c.answered429}; scale ×${c.clockScale}, real ${round(c.realMs / 1000, 1)} s`
    )
  }
}
