import { setMaxListeners } from 'node:events'
import type { WavePlan } from '../core/plan.js'
import type { ReportFigures } from '../core/report.js'
import type { RolloutSpec } from '../core/spec.js'
import { formatRate } from '../core/units.js'
import {
  bonferroniAlpha,
  combineVerdicts,
  judgeCompareErrors,
  judgeCompareLatency,
  judgeErrorRateThreshold,
  judgeLatencyThreshold,
  type Verdict
} from '../core/verdict.js'
import type { Observer } from './observer.js'
import { checksOf, configuredChecks, crashIn } from './observer.js'
import type { Ports, Sample } from './ports.js'

/** Probe evidence of one arm (canary or baseline) for one probe path. */
export interface ArmTally {
  n: number
  errors: number
  latenciesMs: number[]
  /** Samples discarded because another machine or version answered. */
  foreign: number
  /** Samples that carried no identity: counted, but the summary says unverified. */
  unverified: number
}

/** ProbeFigures are one probe path's numbers at a look: what the summary shows. */
export type ProbeFigures = ReportFigures

export interface LookResult {
  at: number
  verdict: Verdict
  /** A critical failure aborts at once (§5). */
  critical: boolean
  /** Why the look failed: only the failing checks. */
  reasons: string[]
  /** What is still short of evidence (inconclusive checks). */
  pending: string[]
  figures: ProbeFigures[]
}

export interface BakeResult {
  verdict: Verdict
  reason: string
  looks: LookResult[]
  elapsedMs: number
  figures: ProbeFigures[]
}

export interface BakeContext {
  ports: Ports
  app: string
  spec: RolloutSpec
  observer: Observer
  signal?: AbortSignal
  onLook?: (look: LookResult, wave: WavePlan) => void
}

/** A probe target: a machine this wave updated or created (canary arm) or an S₀ machine (baseline arm). */
export interface Probed {
  machineId: string
  /** The version the machine should answer with; identity checks compare it. */
  version?: string
  arm: 'canary' | 'baseline'
}

/** Pass is decided at the end of the bake and at three points of its extension. */
const PASS_LOOKS = 4

/**
 * lookIntervalMs spreads a bake over about ten looks, 1 s to 1 min apart
 * (ROLLOUT-SEMANTICS §5 uses 1 min; short bakes need finer looks to fail fast).
 *
 *   bake 2m   → 12 s
 *   bake 30m  → 60 s
 *   bake 5s   → 1 s
 */
export function lookIntervalMs(bakeMs: number): number {
  return Math.min(60_000, Math.max(1_000, Math.round(bakeMs / 10)))
}

/**
 * bake watches a wave after its last machine verified: machine checks and
 * events every look, pinned probes all along, verdicts three-valued
 * (ROLLOUT-SEMANTICS §4–§6). Pass needs `bake` elapsed and every check
 * passing; inconclusive extends the bake up to `max_bake`.
 */
export async function bake(
  ctx: BakeContext,
  wave: WavePlan,
  probed: Probed[],
  since: number
): Promise<BakeResult> {
  const { ports, spec } = ctx
  const start = ports.clock.now()
  const watched = new Set(
    probed.filter((p) => p.arm === 'canary').map((p) => p.machineId)
  )
  const criticalSince = new Map<string, number>()
  for (const id of wave.guard) watched.add(id)

  // bake 0 or no probes: machine checks only. A check still pending (critical
  // for less than its failure window) at the bake's end is Inconclusive: the
  // bake extends up to max_bake instead of passing (§6.3).
  if (wave.bakeMs === 0 || spec.probes.length === 0) {
    const looks: LookResult[] = []
    const end = start + wave.bakeMs
    const last = start + Math.max(wave.bakeMs, wave.maxBakeMs)
    for (;;) {
      const look = await checkLook(ctx, watched, since, [], criticalSince)
      looks.push(look)
      ctx.onLook?.(look, wave)
      const now = ports.clock.now()
      if (
        look.verdict === 'fail' ||
        (look.verdict === 'pass' && now >= end) ||
        now >= last
      ) {
        return {
          verdict: look.verdict,
          reason:
            look.verdict === 'inconclusive'
              ? look.pending.join('; ') || 'not enough evidence'
              : look.reasons.join('; ') || 'machine checks passing, no crashes',
          looks,
          elapsedMs: now - start,
          figures: []
        }
      }
      await ports.clock.sleep(
        Math.min(lookIntervalMs(wave.bakeMs), (now < end ? end : last) - now),
        ctx.signal
      )
    }
  }

  const lookMs = lookIntervalMs(wave.bakeMs)
  // α spending (§5): a Fail can come at any look, so each look tests at α/L;
  // a Pass is only decided at the end of the bake and at three points of its
  // extension, so each of those tests at α/4 — peeking stays bounded both ways.
  const plannedLooks = Math.max(1, Math.ceil(wave.maxBakeMs / lookMs))
  const alpha = bonferroniAlpha(spec.alpha, plannedLooks)
  const passAlpha = bonferroniAlpha(spec.alpha, PASS_LOOKS)
  const passAt = Array.from(
    { length: PASS_LOOKS },
    (_, k) =>
      wave.bakeMs + ((wave.maxBakeMs - wave.bakeMs) * k) / (PASS_LOOKS - 1)
  )
  let nextPass = 0
  const tallies = new Map<string, { canary: ArmTally; baseline: ArmTally }>()
  for (const p of spec.probes)
    tallies.set(p.path, { canary: emptyTally(), baseline: emptyTally() })

  const stop = new AbortController()
  // Every probe in flight, of every machine, listens to it: many are expected.
  setMaxListeners(0, stop.signal)
  const onAbort = () => stop.abort()
  ctx.signal?.addEventListener('abort', onAbort, { once: true })
  const probing = startProbes(ctx, probed, tallies, stop.signal)
  const looks: LookResult[] = []
  try {
    for (;;) {
      await ports.clock.sleep(lookMs, ctx.signal)
      const elapsed = ports.clock.now() - start
      const passLook = nextPass < PASS_LOOKS && elapsed >= passAt[nextPass]!
      if (passLook)
        while (nextPass < PASS_LOOKS && elapsed >= passAt[nextPass]!) nextPass++
      const look = await checkLook(ctx, watched, since, [], criticalSince)
      const verdicts: Verdict[] = [look.verdict]
      /** judged runs a threshold judge for Fail at α/L and, at a pass look, for Pass at α/4. */
      const judged = <T extends { verdict: Verdict; reason: string }>(
        judge: (a: number) => T
      ): T => {
        const early = judge(alpha)
        if (early.verdict === 'fail' || !passLook)
          return early.verdict === 'pass'
            ? { ...early, verdict: 'inconclusive' }
            : early
        return judge(passAlpha)
      }
      const hasBaseline = probed.some((p) => p.arm === 'baseline')
      for (const p of spec.probes) {
        const t = tallies.get(p.path)!
        const note = (v: Verdict, text: string) => {
          if (v === 'fail') look.reasons.push(text)
          else if (v === 'inconclusive') look.pending.push(text)
        }
        const threshold = judged((a) =>
          judgeErrorRateThreshold({
            errors: t.canary.errors,
            n: t.canary.n,
            maxRate: p.maxErrorRate,
            alpha: a,
            minSamples: p.minSamples
          })
        )
        verdicts.push(threshold.verdict)
        note(threshold.verdict, `${p.path}: ${threshold.reason}`)
        for (const [q, max] of [
          [0.95, p.maxP95Ms],
          [0.99, p.maxP99Ms]
        ] as const) {
          if (max === undefined) continue
          const lat = judged((a) =>
            judgeLatencyThreshold({
              samplesMs: t.canary.latenciesMs,
              q,
              maxMs: max,
              alpha: a,
              minSamples: Math.min(p.minSamples, 100)
            })
          )
          verdicts.push(lat.verdict)
          note(lat.verdict, `${p.path} p${q * 100}: ${lat.reason}`)
        }
        if (hasBaseline && spec.compare.errors) {
          const cmp = judgeCompareErrors({
            canary: { errors: t.canary.errors, n: t.canary.n },
            baseline: { errors: t.baseline.errors, n: t.baseline.n },
            alpha,
            absMargin: spec.compare.absMargin,
            relMargin: spec.compare.relMargin,
            minSamples: Math.min(p.minSamples, 50)
          })
          // Compare is evidence against the release, not a requirement to pass: too few samples stay inconclusive only when the threshold is too.
          if (cmp.verdict === 'fail') {
            verdicts.push('fail')
            look.reasons.push(`${p.path} vs baseline: ${cmp.reason}`)
          }
        }
        if (
          hasBaseline &&
          spec.compare.latency &&
          t.canary.latenciesMs.length >= 20 &&
          t.baseline.latenciesMs.length >= 20
        ) {
          const cmp = judgeCompareLatency({
            canaryMs: t.canary.latenciesMs,
            baselineMs: t.baseline.latenciesMs,
            alpha,
            allowedIncrease: spec.compare.allowedIncrease
          })
          const c = [...t.canary.latenciesMs].sort((a, b) => a - b)
          const b = [...t.baseline.latenciesMs].sort((a, b) => a - b)
          const delta = Math.max(
            pct(c, 0.5)! - pct(b, 0.5)!,
            pct(c, 0.95)! - pct(b, 0.95)!
          )
          if (
            cmp.verdict === 'fail' &&
            delta > spec.compare.minLatencyDeltaMs
          ) {
            verdicts.push('fail')
            look.reasons.push(`${p.path} latency vs baseline: ${cmp.reason}`)
          }
        }
      }
      look.figures = figuresOf(spec, tallies, hasBaseline)
      look.verdict = combineVerdicts(verdicts)
      looks.push(look)
      ctx.onLook?.(look, wave)
      if (look.verdict === 'fail') {
        return {
          verdict: 'fail',
          reason: look.reasons.join('; '),
          looks,
          elapsedMs: elapsed,
          figures: look.figures
        }
      }
      if (elapsed >= wave.bakeMs && look.verdict === 'pass') {
        return {
          verdict: 'pass',
          reason: summarize(look.figures),
          looks,
          elapsedMs: elapsed,
          figures: look.figures
        }
      }
      if (elapsed >= wave.maxBakeMs) {
        return {
          verdict: 'inconclusive',
          reason: look.pending.join('; ') || 'not enough evidence',
          looks,
          elapsedMs: elapsed,
          figures: look.figures
        }
      }
    }
  } finally {
    stop.abort()
    ctx.signal?.removeEventListener('abort', onAbort)
    await probing
  }
}

/**
 * checkLook reads every watched machine once: checks passing, no crash since
 * the wave began. A check is a critical failure once it stayed critical for
 * its grace period plus three intervals (§4.1); shorter spells are pending.
 */
async function checkLook(
  ctx: BakeContext,
  watched: Set<string>,
  since: number,
  figures: ProbeFigures[],
  criticalSince: Map<string, number>
): Promise<LookResult> {
  const now = ctx.ports.clock.now()
  const views = await ctx.observer.look(500)
  const reasons: string[] = []
  const waiting: string[] = []
  let critical = false
  let pending = false
  for (const id of watched) {
    const m = views.find((v) => v.id === id)
    if (!m) continue
    const crash = crashIn(m.events, since)
    if (crash) {
      critical = true
      reasons.push(
        `machine ${id} crashed (exit code ${crash.exitCode ?? '?'}${crash.oomKilled ? ', out of memory' : ''})`
      )
      continue
    }
    if (
      m.state !== 'started' &&
      m.state !== 'stopped' &&
      m.state !== 'suspended'
    ) {
      pending = true
      waiting.push(`machine ${id} is ${m.state}`)
      continue
    }
    if (m.state !== 'started') continue
    const timing = configuredChecks(m.config)
    for (const c of checksOf(m)) {
      const key = `${id}/${c.name}`
      if (c.status === 'critical') {
        const first = criticalSince.get(key) ?? now
        criticalSince.set(key, first)
        if (now - first >= timing.firstDueMs + 3 * timing.intervalMs) {
          critical = true
          reasons.push(
            `machine ${id} check ${c.name} has been critical for ${Math.round((now - first) / 1000)}s${c.output ? `: ${c.output}` : ''}`
          )
        } else {
          pending = true
          waiting.push(`machine ${id} check ${c.name} is critical`)
        }
      } else {
        criticalSince.delete(key)
        if (c.status !== 'passing') {
          pending = true
          waiting.push(`machine ${id} check ${c.name} is ${c.status}`)
        }
      }
    }
  }
  return {
    at: now,
    verdict: critical ? 'fail' : pending ? 'inconclusive' : 'pass',
    critical,
    reasons,
    pending: waiting,
    figures
  }
}

/** At most this many probes of one path to one machine are in flight: a slow app is not flooded. */
const MAX_IN_FLIGHT = 4

/**
 * startProbes sends each probe to each target at a fixed rate, open loop: a
 * slow answer does not delay the next request (which would hide exactly the
 * slowness we measure), up to MAX_IN_FLIGHT outstanding. Arms are
 * interleaved: start offsets spread over one interval (§4.3).
 */
function startProbes(
  ctx: BakeContext,
  probed: Probed[],
  tallies: Map<string, { canary: ArmTally; baseline: ArmTally }>,
  signal: AbortSignal
): Promise<void> {
  const { ports, spec } = ctx
  const loops: Promise<void>[] = []
  for (const p of spec.probes) {
    const t = tallies.get(p.path)!
    probed.forEach((target, i) => {
      loops.push(
        (async () => {
          const inflight = new Set<Promise<void>>()
          const offset = Math.round(
            (p.intervalMs * i) / Math.max(1, probed.length)
          )
          try {
            await ports.clock.sleep(offset, signal)
            while (!signal.aborted) {
              if (inflight.size >= MAX_IN_FLIGHT) await Promise.race(inflight)
              const one: Promise<void> = ports.prober
                .probe(ctx.app, { machineId: target.machineId }, p, signal)
                .then((sample) => {
                  if (!signal.aborted)
                    record(
                      t[target.arm],
                      sample,
                      target,
                      p.expect,
                      spec.identity !== false
                    )
                })
                .catch(() => undefined)
                .finally(() => inflight.delete(one))
              inflight.add(one)
              await ports.clock.sleep(p.intervalMs, signal)
            }
          } catch {
            // Aborted: the bake is over.
          }
          await Promise.allSettled(inflight)
        })()
      )
    })
  }
  return Promise.all(loops).then(() => undefined)
}

function record(
  t: ArmTally,
  s: Sample,
  target: Probed,
  expect: number[] | undefined,
  identity: boolean
): void {
  if (identity && s.machineId !== undefined) {
    if (
      s.machineId !== target.machineId ||
      (target.version && s.version && s.version !== target.version)
    ) {
      t.foreign++
      return
    }
  }
  const isError =
    s.error !== undefined ||
    s.status >= 500 ||
    (expect !== undefined && !expect.includes(s.status))
  // An edge error carries no identity; only a good answer without one leaves identity unverified.
  if (identity && s.machineId === undefined && !isError) t.unverified++
  t.n++
  if (isError) t.errors++
  else t.latenciesMs.push(s.latencyMs)
}

function emptyTally(): ArmTally {
  return { n: 0, errors: 0, latenciesMs: [], foreign: 0, unverified: 0 }
}

function pct(sorted: number[], q: number): number | undefined {
  if (!sorted.length) return undefined
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]
}

function figuresOf(
  spec: RolloutSpec,
  tallies: Map<string, { canary: ArmTally; baseline: ArmTally }>,
  hasBaseline: boolean
): ProbeFigures[] {
  return spec.probes.map((p) => {
    const t = tallies.get(p.path)!
    const c = [...t.canary.latenciesMs].sort((a, b) => a - b)
    const b = [...t.baseline.latenciesMs].sort((x, y) => x - y)
    return {
      path: p.path,
      canary: {
        n: t.canary.n,
        errors: t.canary.errors,
        errorRate: t.canary.n ? t.canary.errors / t.canary.n : 0,
        p50Ms: pct(c, 0.5),
        p95Ms: pct(c, 0.95),
        p99Ms: pct(c, 0.99)
      },
      ...(hasBaseline
        ? {
            baseline: {
              n: t.baseline.n,
              errors: t.baseline.errors,
              errorRate: t.baseline.n ? t.baseline.errors / t.baseline.n : 0,
              p50Ms: pct(b, 0.5),
              p95Ms: pct(b, 0.95)
            }
          }
        : {}),
      identity:
        spec.identity === false
          ? 'off'
          : t.canary.unverified > 0
            ? 'unverified'
            : 'verified'
    }
  })
}

function summarize(figures: ProbeFigures[]): string {
  return (
    figures
      .map(
        (f) =>
          `${f.path}: ${f.canary.errors}/${f.canary.n} errors (${formatRate(f.canary.errorRate)})${f.canary.p95Ms !== undefined ? `, p95 ${Math.round(f.canary.p95Ms)}ms` : ''}`
      )
      .join('; ') || 'machine checks passing'
  )
}
