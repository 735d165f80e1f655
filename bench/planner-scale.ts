/**
 * P4: the pure planner at scale — S₀ + R + spec → the plan value — for
 * 1,000, 10,000 and 30,000 machines over 35 regions, with the engine's
 * default waves and with the issue's spec (a canary of one, then two
 * regions, then the rest, with counts). Target: < 50 ms at 10,000 and
 * linear growth (time and memory per machine flat as the fleet grows).
 *
 * Time: the median of 15 runs (5 at 30,000) after 3 warm-ups. Memory: the heap five
 * plans keep alive (gc before and after), per plan and machine.
 * Not a test: it prints a table and writes bench/results/planner-scale.json.
 */
import { configHash } from '../src/core/normalize.js'
import { planRollout } from '../src/core/planner.js'
import { parseRolloutSpec, type RolloutSpec } from '../src/core/spec.js'
import type { MachineRecord, Release, Snapshot } from '../src/core/types.js'
import { webConfig } from '../__fixtures__/builders.js'
import { pad, regionCodes } from './harness.js'

const SIZES = [1_000, 10_000, 30_000]
/** Runs per case: fewer at 30,000, where one run takes most of a second. */
const runsFor = (n: number) => (n >= 30_000 ? 5 : 15)
const WARMUPS = 3
const TARGET_MS = 50

const ISSUE_SPEC = `
waves:
  - name: canary
    regions: [sjc]
    machines: 1
    bake: 2m
  - regions: [sjc, lhr]
    bake: 5m
  - regions: ["*"]
counts: { sjc: 40, lhr: 30 }
probes:
  - path: /health
    max-error-rate: 1%
    max-p95: 400ms
`

export interface PlannerCase {
  spec: 'default' | 'issue'
  machines: number
  steps: number
  waves: number
  medianMs: number
  minMs: number
  maxMs: number
  /** Median time per 1,000 machines: flat means linear. */
  msPer1000: number
  /** Heap kept alive by the plan, per machine. */
  planBytesPerMachine: number
}

export interface PlannerResult {
  regions: number
  cases: PlannerCase[]
  /** At 10,000 machines, both specs under the target. */
  met: boolean
  /** Per-machine time at 30,000 ÷ at 1,000, per spec (≈ 1: linear). */
  growth: Record<string, number>
}

function fleetOf(n: number, regions: string[]): Snapshot {
  const config = webConfig('registry.fly.io/demo:v1')
  const hash = configHash(config)
  const machines: MachineRecord[] = Array.from({ length: n }, (_, i) => ({
    id: `m${i.toString(16).padStart(13, '0')}`,
    name: `machine-${i}`,
    region: regions[i % regions.length]!,
    group: 'app',
    state: 'started',
    version: `01V${String(i).padStart(23, '0')}`,
    imageDigest: 'sha256:' + '1'.repeat(64),
    config,
    hash,
    volumeIds: []
  }))
  return { app: 'demo', takenAt: 0, machines }
}

function release(): Release {
  const image = `registry.fly.io/demo@sha256:${'2'.repeat(64)}`
  return {
    image,
    digest: 'sha256:' + '2'.repeat(64),
    groups: { app: webConfig(image) },
    id: 'rel0000000000000'
  }
}

function specOf(yaml: string): RolloutSpec {
  const r = parseRolloutSpec(yaml, 'rollout.yml')
  if (!r.spec) throw new Error(r.diagnostics.map((d) => d.summary).join('\n'))
  return r.spec
}

const heap = () => {
  globalThis.gc?.()
  return process.memoryUsage().heapUsed
}

export async function plannerScale(): Promise<PlannerResult> {
  const regions = regionCodes(35)
  const specs = { default: specOf(''), issue: specOf(ISSUE_SPEC) }
  const cases: PlannerCase[] = []
  for (const n of SIZES) {
    const snapshot = fleetOf(n, regions)
    for (const [name, spec] of Object.entries(specs)) {
      const input = {
        rolloutId: 'R1',
        snapshot,
        release: release(),
        spec,
        primaryRegion: 'sjc',
        regions
      }
      for (let i = 0; i < WARMUPS; i++) planRollout(input)
      const times: number[] = []
      const runs = runsFor(n)
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now()
        planRollout(input)
        times.push(performance.now() - t0)
      }
      // Five plans kept alive: the heap they hold, per plan.
      const before = heap()
      const alive = Array.from({ length: 5 }, () => planRollout(input))
      const planBytes = (heap() - before) / alive.length
      const kept = alive[0]!
      const errors = kept.diagnostics.filter((d) => d.severity === 'error')
      if (errors.length)
        throw new Error(`plan of ${n}: ${errors.map((d) => d.summary)}`)
      times.sort((a, b) => a - b)
      const median = times[Math.floor(runs / 2)]!
      cases.push({
        spec: name as PlannerCase['spec'],
        machines: n,
        steps: kept.waves.reduce(
          (s, w) =>
            s + w.regions.reduce((r, p) => r + p.batches.flat().length, 0),
          0
        ),
        waves: kept.waves.length,
        medianMs: round(median),
        minMs: round(times[0]!),
        maxMs: round(times[runs - 1]!),
        msPer1000: round((median / n) * 1000),
        planBytesPerMachine: Math.round(Math.max(0, planBytes) / n)
      })
    }
  }
  const at = (spec: string, n: number) =>
    cases.find((c) => c.spec === spec && c.machines === n)!
  const growth = Object.fromEntries(
    Object.keys(specs).map((s) => [
      s,
      round(at(s, 30_000).msPer1000 / at(s, 1_000).msPer1000)
    ])
  )
  return {
    regions: regions.length,
    cases,
    met: Object.keys(specs).every((s) => at(s, 10_000).medianMs < TARGET_MS),
    growth
  }
}

const round = (x: number) => Math.round(x * 100) / 100

export function printPlanner(r: PlannerResult): void {
  console.log(
    `\nP4 planner at scale (${r.regions} regions; target: < ${TARGET_MS} ms at 10,000 machines, linear growth)`
  )
  console.log(
    '  spec      machines   steps  waves  median ms  min–max ms      ms/1000  plan B/machine'
  )
  for (const c of r.cases)
    console.log(
      `  ${pad(c.spec, 8, true)} ${pad(c.machines, 9)} ${pad(c.steps, 7)} ${pad(c.waves, 6)} ${pad(c.medianMs, 10)}  ${pad(`${c.minMs}–${c.maxMs}`, 14, true)} ${pad(c.msPer1000, 8)} ${pad(c.planBytesPerMachine, 15)}`
    )
  console.log(
    `  at 10,000: ${r.met ? 'met' : 'not met'}; growth (ms per machine at 30,000 ÷ at 1,000): ${Object.entries(
      r.growth
    )
      .map(([s, g]) => `${s} ${g}`)
      .join(', ')}`
  )
}
