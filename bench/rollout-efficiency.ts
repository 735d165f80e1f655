/**
 * P1 + P2: how close a good rollout comes to its critical path, and how many
 * Machines API requests it spends per machine, against flysim with rate
 * limits on.
 *
 * The critical path comes from the plan and the image's timings: per wave,
 * the longest region chain of sequential batches, each costing boot + time
 * until its first check passes, plus the wave's bake. Wall time is the
 * rollout's own (virtual) startedAt → endedAt.
 *
 * Spec: three waves with fixed bakes and no probes, so each bake is exactly
 * its `bake:` (checks-only looks) and the figures are deterministic.
 */
import {
  criticalPath,
  latencyByOp,
  machineOf,
  NEW_IMAGE,
  pad,
  regionCodes,
  round,
  runEngine,
  secs,
  startBenchSim,
  TIMINGS,
  type ProcessLoad,
  type RunRecord
} from './harness.js'

export interface EfficiencyCase {
  name: string
  regions: number
  perRegion: number
  /** Virtual ms per real ms. */
  clockScale: number
  /** Each machine boots in bootMs ± jitterMs (fixed per machine, from its id). */
  jitterMs?: number
}

export const EFFICIENCY_SPEC = (primary: string): string => `
waves:
  - name: canary
    regions: [${primary}]
    machines: 1
    bake: 30s
  - name: home
    regions: [${primary}]
    bake: 20s
  - name: rest
    regions: ["*"]
    bake: 10s
`

export const DEFAULT_CASES: EfficiencyCase[] = [
  { name: '3×2', regions: 3, perRegion: 2, clockScale: 10 },
  { name: '10×10', regions: 10, perRegion: 10, clockScale: 5 },
  {
    name: '10×10 boot ±1s',
    regions: 10,
    perRegion: 10,
    clockScale: 5,
    jitterMs: 1_000
  },
  { name: '35×30', regions: 35, perRegion: 30, clockScale: 5 },
  // The harness's own share: the same rollout on a 4× faster clock, where
  // every real millisecond of CPU and loopback costs 20 virtual ones.
  { name: '10×10 @×20', regions: 10, perRegion: 10, clockScale: 20 }
]

export interface WaveFigures {
  index: number
  name: string
  machines: number
  /** Batches on the longest region chain. */
  chainBatches: number
  chainMs: number
  bakeMs: number
  /** Wave start → last machine verified. */
  updateMs: number
  /** Last machine verified → wave done (the bake as run). */
  bakeActualMs: number
  /** Actual − critical path of this wave. */
  overheadMs: number
  /** Requests not bound to a machine's step during this wave (observer polls, bake looks, lease refreshes). */
  sharedRequests: number
}

export interface CaseResult {
  name: string
  regions: number
  perRegion: number
  machines: number
  clockScale: number
  jitterMs: number
  realMs: number
  result: string
  wallMs: number
  criticalPathMs: number
  ratio: number
  /** rollout start → first wave started (read, plan, lease the anchor). */
  setupMs: number
  /** last wave done → rollout end (complete mark, anchor release). */
  finishMs: number
  waves: WaveFigures[]
  steps: {
    count: number
    idealMs: number
    p50Ms: number
    p95Ms: number
    maxMs: number
    /** Steps that took more than ideal + 2 s. */
    slow: number
  }
  /** Mean per-batch overhead split (virtual ms), from the requests flysim saw. */
  perStep: {
    /** step start → lease request arrives */
    toLeaseMs: number
    /** lease → update request arrives */
    leaseToUpdateMs: number
    /** first check due (update + boot + grace) → lease release arrives: detection */
    detectMs: number
    /** lease release arrives → step done */
    releaseMs: number
  }
  requests: {
    /** The client's counters (every attempt), by operationId. */
    byOp: Record<string, number>
    total: number
    perMachine: number
    /** Requests on a machine during its own step, per machine updated, by op. */
    machineBoundPerMachine: Record<string, number>
    machineBoundPerMachineTotal: number
    /** Everything else, per wave (and before/after the waves). */
    sharedPerWave: number[]
    sharedSetup: number
    sharedFinish: number
    /** Largest Machines_list answer the observer received, machines. */
    largestListMachines: number
  }
  rateLimited: number
  retries: number
  /** 429s flysim answered (server side). */
  answered429: number
  /** The one Node process (flysim, its machines' servers and checks, the engine) over the run. */
  load: ProcessLoad
  /** Machines port calls (waitFor excepted) by method: count and virtual ms. */
  apiLatency: Record<
    string,
    { n: number; p50: number; p95: number; max: number }
  >
}

export interface EfficiencyResult {
  timings: typeof TIMINGS
  spec: string
  cases: CaseResult[]
  skipped: { name: string; why: string }[]
}

/** bootOf gives a machine a boot time in bootMs ± jitter, fixed by its id. */
function bootOf(id: string, jitterMs: number): number {
  let h = 2166136261
  for (const c of id) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0
  return (
    TIMINGS.bootMs - jitterMs + Math.round(((h % 1000) / 999) * 2 * jitterMs)
  )
}

export async function runEfficiencyCase(
  c: EfficiencyCase
): Promise<CaseResult> {
  const regions = regionCodes(c.regions)
  const sim = await startBenchSim({
    regions,
    perRegion: c.perRegion,
    clockScale: c.clockScale
  })
  try {
    const boots = new Map<string, number>()
    if (c.jitterMs) {
      for (const a of sim.control.snapshotWorld().apps)
        for (const m of a.machines) {
          const b = bootOf(m.id, c.jitterMs)
          boots.set(m.id, b)
          sim.control.setMachineBehavior(m.id, { boot: b })
        }
    }
    let largestList = 0
    const r = await runEngine(sim, NEW_IMAGE, EFFICIENCY_SPEC(regions[0]!), {
      primaryRegion: regions[0]!,
      wrapPorts: (p) => ({
        ...p,
        machines: {
          ...p.machines,
          list: async (app, f) => {
            const v = await p.machines.list(app, f)
            if (f?.metadata) largestList = Math.max(largestList, v.length)
            return v
          }
        }
      })
    })
    return summarize(c, r, boots, largestList)
  } finally {
    await sim.close()
  }
}

function summarize(
  c: EfficiencyCase,
  r: RunRecord,
  boots: Map<string, number>,
  largestList: number
): CaseResult {
  const boot = (id: string | undefined) =>
    (id && boots.get(id)) || TIMINGS.bootMs
  const grace = TIMINGS.graceMs || TIMINGS.intervalMs
  // With per-machine boots, a batch costs its slowest machine.
  const cp = criticalPath(r.plan, boot)
  const { outcome } = r
  const t0 = outcome.startedAt
  // Each wave's window: from its start to the next wave's start.
  const windows: { from: number; to: number }[] = []
  const waves: WaveFigures[] = r.plan.waves.map((w) => {
    const wo = outcome.waves[w.index]!
    const ww = r.waves.find((x) => x.index === w.index)
    const chainMs = cp.waves.find((x) => x.index === w.index)!.chainMs
    const start = ww?.startedAt ?? t0
    windows.push({
      from: start,
      to:
        r.waves.find((x) => x.index === w.index + 1)?.startedAt ??
        ww?.endedAt ??
        outcome.endedAt
    })
    return {
      index: w.index,
      name: w.name,
      machines: wo.machines,
      chainBatches: Math.max(0, ...w.regions.map((x) => x.batches.length)),
      chainMs,
      bakeMs: w.bakeMs,
      updateMs: (wo.verifiedAt ?? start) - start,
      bakeActualMs: (wo.endedAt ?? start) - (wo.verifiedAt ?? start),
      overheadMs: (wo.endedAt ?? start) - start - chainMs - w.bakeMs,
      sharedRequests: 0
    }
  })
  const criticalPathMs = waves.reduce((s, w) => s + w.chainMs + w.bakeMs, 0)

  // Attribute every request flysim saw: to a machine's own step, or shared.
  const stepOf = new Map(r.steps.map((s) => [s.machineId, s]))
  const bound: Record<string, number> = {}
  let boundTotal = 0
  let sharedSetup = 0
  let sharedFinish = 0
  const perMachineReqs = new Map<string, typeof r.requests>()
  let answered429 = 0
  for (const q of r.requests) {
    if (!q.op || q.op.startsWith('Registry')) continue
    if (q.status === 429) answered429++
    const id = machineOf(q.path)
    const s = id ? stepOf.get(id) : undefined
    if (s && q.at >= s.startedAt && q.at <= (s.endedAt ?? Infinity)) {
      bound[q.op] = (bound[q.op] ?? 0) + 1
      boundTotal++
      const list = perMachineReqs.get(id!) ?? []
      list.push(q)
      perMachineReqs.set(id!, list)
      continue
    }
    const wi = windows.findIndex((w) => q.at >= w.from && q.at < w.to)
    if (wi >= 0) waves[wi]!.sharedRequests++
    else if (q.at < (r.waves[0]?.startedAt ?? Infinity)) sharedSetup++
    else sharedFinish++
  }
  const updated = r.steps.length

  // Per-step timeline.
  const durs = r.steps
    .filter((s) => s.endedAt !== undefined)
    .map((s) => s.endedAt! - s.startedAt)
    .sort((a, b) => a - b)
  const ideal = TIMINGS.bootMs + grace
  const split = { toLeaseMs: 0, leaseToUpdateMs: 0, detectMs: 0, releaseMs: 0 }
  let n = 0
  for (const s of r.steps) {
    const qs = perMachineReqs.get(s.machineId) ?? []
    const lease = qs.find((q) => q.op === 'Machines_create_lease')
    const update = qs.find((q) => q.op === 'Machines_update')
    const release = qs.findLast((q) => q.op === 'Machines_release_lease')
    if (!update || !release || s.endedAt === undefined) continue
    const first = lease ?? update
    split.toLeaseMs += first.at - s.startedAt
    split.leaseToUpdateMs += update.at - first.at
    split.detectMs += release.at - (update.at + boot(s.machineId) + grace)
    split.releaseMs += s.endedAt - release.at
    n++
  }
  for (const k of Object.keys(split) as (keyof typeof split)[])
    split[k] = n ? Math.round(split[k] / n) : 0

  const total = Object.values(r.stats.byOp).reduce((a, b) => a + b, 0)
  const wallMs = outcome.endedAt - outcome.startedAt
  return {
    name: c.name,
    regions: c.regions,
    perRegion: c.perRegion,
    machines: c.regions * c.perRegion,
    clockScale: c.clockScale,
    jitterMs: c.jitterMs ?? 0,
    realMs: r.realMs,
    result: outcome.result,
    wallMs,
    criticalPathMs,
    ratio: round(wallMs / criticalPathMs, 3),
    setupMs: (r.waves[0]?.startedAt ?? t0) - t0,
    finishMs: outcome.endedAt - (r.waves.at(-1)?.endedAt ?? outcome.endedAt),
    waves,
    steps: {
      count: durs.length,
      idealMs: ideal,
      p50Ms: durs[Math.floor(durs.length / 2)] ?? 0,
      p95Ms: durs[Math.floor(durs.length * 0.95)] ?? 0,
      maxMs: durs.at(-1) ?? 0,
      slow: r.steps.filter(
        (s) =>
          s.endedAt !== undefined &&
          s.endedAt - s.startedAt > boot(s.machineId) + grace + 2_000
      ).length
    },
    perStep: split,
    requests: {
      byOp: r.stats.byOp,
      total,
      perMachine: round(total / updated, 2),
      machineBoundPerMachine: Object.fromEntries(
        Object.entries(bound).map(([k, v]) => [k, round(v / updated, 2)])
      ),
      machineBoundPerMachineTotal: round(boundTotal / updated, 2),
      sharedPerWave: waves.map((w) => w.sharedRequests),
      sharedSetup,
      sharedFinish,
      largestListMachines: largestList
    },
    rateLimited: r.stats.rateLimited,
    retries: r.stats.retries,
    answered429,
    load: r.load,
    apiLatency: latencyByOp(r.calls)
  }
}

export async function rolloutEfficiency(
  cases: EfficiencyCase[] = DEFAULT_CASES
): Promise<EfficiencyResult> {
  const out: CaseResult[] = []
  const skipped: EfficiencyResult['skipped'] = []
  const skip1000 = process.env.BENCH_SKIP_1000 === '1'
  for (const c of cases) {
    if (skip1000 && c.regions * c.perRegion >= 1000) {
      skipped.push({ name: c.name, why: 'BENCH_SKIP_1000=1' })
      continue
    }
    globalThis.gc?.()
    out.push(await runEfficiencyCase(c))
  }
  return {
    timings: TIMINGS,
    spec: EFFICIENCY_SPEC('<primary>').trim(),
    cases: out,
    skipped
  }
}

export function printEfficiency(r: EfficiencyResult): void {
  console.log(
    `\nP1+P2 rollout efficiency (good release; boot ${secs(r.timings.bootMs, 0)}, check grace ${secs(r.timings.graceMs, 0)} / interval ${secs(r.timings.intervalMs, 0)}; bakes 30s/20s/10s, no probes; max-unavailable 1 per region; rate limits on)`
  )
  console.log(
    '  case              machines  scale  real s   wall       critical   ratio  setup   429s  result'
  )
  for (const c of r.cases) {
    console.log(
      `  ${pad(c.name, 16, true)} ${pad(c.machines, 9)} ${pad('×' + c.clockScale, 6)} ${pad(round(c.realMs / 1000, 1), 7)}   ${pad(secs(c.wallMs), 9)}  ${pad(secs(c.criticalPathMs), 9)}  ${pad(c.ratio.toFixed(3), 5)}  ${pad(secs(c.setupMs), 6)} ${pad(c.answered429, 5)}  ${c.result}`
    )
  }
  for (const s of r.skipped) console.log(`  ${s.name}: skipped (${s.why})`)
  for (const c of r.cases) {
    console.log(`\n  ${c.name}: per wave (virtual)`)
    console.log(
      '    wave      machines  batches  chain     updating  bake      bake run  overhead  shared reqs'
    )
    for (const w of c.waves) {
      console.log(
        `    ${pad(w.name, 9, true)} ${pad(w.machines, 8)} ${pad(w.chainBatches, 8)}  ${pad(secs(w.chainMs), 8)}  ${pad(secs(w.updateMs), 8)}  ${pad(secs(w.bakeMs), 8)}  ${pad(secs(w.bakeActualMs), 8)}  ${pad(secs(w.overheadMs), 8)}  ${pad(w.sharedRequests, 11)}`
      )
    }
    console.log(
      `    steps: ideal ${secs(c.steps.idealMs, 2)}, p50 ${secs(c.steps.p50Ms, 2)}, p95 ${secs(c.steps.p95Ms, 2)}, max ${secs(c.steps.maxMs, 2)}; ${c.steps.slow}/${c.steps.count} over ideal + 2 s`
    )
    console.log(
      `    per step (mean ms): start→lease ${c.perStep.toLeaseMs}, lease→update ${c.perStep.leaseToUpdateMs}, first check due→release ${c.perStep.detectMs}, release→done ${c.perStep.releaseMs}`
    )
    const bound = Object.entries(c.requests.machineBoundPerMachine)
      .map(([k, v]) => `${k.replace('Machines_', '')} ${v}`)
      .join(', ')
    console.log(
      `    requests: ${c.requests.total} total = ${c.requests.perMachine}/machine; bound to a machine's step: ${c.requests.machineBoundPerMachineTotal}/machine (${bound})`
    )
    const lat = ['get', 'update', 'acquireLease', 'releaseLease', 'list']
      .filter((k) => c.apiLatency[k])
      .map((k) => `${k} ${c.apiLatency[k]!.p50}/${c.apiLatency[k]!.p95}`)
      .join(', ')
    console.log(
      `    process: ${c.load.cpuCores} cores busy over ${round(c.load.realMs / 1000, 1)} s real; event-loop delay p50 ${c.load.loopDelayMs.p50} / p99 ${c.load.loopDelayMs.p99} / max ${c.load.loopDelayMs.max} ms real; API call p50/p95 (virtual ms): ${lat}`
    )
    console.log(
      `    shared: setup ${c.requests.sharedSetup}, per wave ${c.requests.sharedPerWave.join(' / ')}, finish ${c.requests.sharedFinish}; largest observer list ${c.requests.largestListMachines} machines; 429 answers ${c.answered429} (client saw ${c.rateLimited}, retries ${c.retries})`
    )
  }
}
