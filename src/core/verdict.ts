/**
 * Three-valued check verdicts (ROLLOUT-SEMANTICS §5): each judge turns one
 * window of evidence into Pass, Fail or Inconclusive, with a one-line reason
 * carrying the numbers and the figures behind it. Pure: the caller gathers
 * samples, picks alpha (already split across looks with bonferroniAlpha) and
 * decides what to do with the verdict (§6).
 *
 * Two rules hold for every judge:
 * - no data is Inconclusive, never Fail (judgeNoData is the single,
 *   opt-in `must_have_data` exception);
 * - Fail needs statistical significance at alpha, Pass needs the sample
 *   minimum, everything else is Inconclusive (which extends the bake).
 */

import {
  binomialTail,
  clopperPearsonLower,
  clopperPearsonUpper,
  fisherExactGreater,
  mannWhitneyU,
  quantile,
  quantileBounds,
  sampleSizeOneProportion,
  twoProportionZ,
  type MannWhitney
} from './stats.js'

/** Verdict is the outcome of one check at one look, or of a whole wave. */
export type Verdict = 'pass' | 'fail' | 'inconclusive'

/** Judgement is a verdict with its reason (one lowercase line with the numbers) and figures. */
export interface Judgement<F> {
  verdict: Verdict
  reason: string
  figures: F
}

/** Total false-failure budget of a wave before the split across looks (§5, §13). */
export const DEFAULT_ALPHA = 0.01
/** Smallest absolute error-rate increase a compare may fail on: 0.5 pp (§5). */
export const DEFAULT_ABS_MARGIN = 0.005
/** Smallest relative error-rate increase a compare may fail on: 2× (§5). */
export const DEFAULT_REL_MARGIN = 2.0
/** Baseline error rate floor for the relative margin: 0.1 % (§5). */
export const BASELINE_RATE_FLOOR = 0.001
/** Largest median latency ratio Mann-Whitney tolerates (§5, Kayenta's example). */
export const DEFAULT_ALLOWED_INCREASE = 1.1
/** Per-arm samples from which the tail test uses p99 instead of p95 (§5). */
export const P99_MIN_SAMPLES = 1000
/** How long a canary may stay silent before `must_have_data` fails it (§5, §13). */
export const NO_DATA_FAIL_MS = 5 * 60_000

/**
 * DEFAULT_COMPARE_LATENCY_MIN_SAMPLES is the per-arm sample minimum for a
 * latency compare to Pass: the n at which the p95 tail test has 80 % power at
 * α = 0.01 to see its smallest failing share, 5 → 10 % (the §5 table's
 * ≈230 row). Below it, a clean compare stays Inconclusive.
 */
export const DEFAULT_COMPARE_LATENCY_MIN_SAMPLES = sampleSizeOneProportion(
  0.05,
  0.1,
  0.01,
  0.8
)

// ---------------------------------------------------------------------------
// Formatting (reasons are one lowercase line)
// ---------------------------------------------------------------------------

function sig(v: number, digits = 3): string {
  if (Number.isNaN(v)) return 'n/a'
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '-∞'
  if (v === 0) return '0'
  return String(Number(v.toPrecision(digits)))
}

function pct(rate: number): string {
  return `${sig(rate * 100)}%`
}

function ms(v: number): string {
  return Number.isFinite(v) ? `${sig(v, 4)}ms` : sig(v)
}

/** Digits enough to tell a bound from the threshold it is compared with. */
function digitsApart(v: number, ref: number, min: number): number {
  let d = min
  while (d < 8 && v !== ref && sig(v, d) === sig(ref, d)) d++
  return d
}

function pctVs(rate: number, ref: number): string {
  return `${sig(rate * 100, digitsApart(rate * 100, ref * 100, 3))}%`
}

function msVs(v: number, ref: number): string {
  return Number.isFinite(v) ? `${sig(v, digitsApart(v, ref, 4))}ms` : sig(v)
}

function pLabel(q: number): string {
  return `p${sig(q * 100, 4)}`
}

function checkAlpha(alpha: number): void {
  if (!(alpha > 0 && alpha < 1)) {
    throw new RangeError(`alpha must be in (0, 1), got ${alpha}`)
  }
}

function sortFinite(samples: readonly number[]): number[] {
  return samples
    .filter((v) => !Number.isNaN(v))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}

// ---------------------------------------------------------------------------
// Threshold checks
// ---------------------------------------------------------------------------

/**
 * defaultMinSamples returns ⌈4.6 / maxRate⌉, the §5 default `min_samples`
 * of an error-rate threshold: about the n at which zero errors prove the
 * rate is below maxRate at 99 % (−ln 0.01 ≈ 4.6). Since 4.6 rounds 4.605
 * down, below ≈0.1 % a clean window at exactly min_samples is a hair short
 * (0/4600 bounds the rate at 0.10006 %), so the check passes a few samples
 * later. A zero maxRate can never be proven and gives ∞.
 *
 *   maxRate 1 %   → 460
 *   maxRate 0.5 % → 920
 *   maxRate 0.1 % → 4 600
 *   maxRate 5 %   → 92
 */
export function defaultMinSamples(maxRate: number): number {
  if (!(maxRate > 0)) return Infinity
  // The epsilon keeps a quotient like 460.00000000000006 from rounding up to 461.
  return Math.max(1, Math.ceil(4.6 / maxRate - 1e-9))
}

/** Input of judgeErrorRateThreshold. */
export interface ErrorRateThresholdInput {
  /** Errors (5xx or transport failures, §4.3) in the window. */
  errors: number
  /** Samples in the window. */
  n: number
  /** The SLO: the largest acceptable error rate, e.g. 0.01. */
  maxRate: number
  /** One-sided level, already split across looks; default 0.01. */
  alpha?: number
  /** Samples needed before Pass; default defaultMinSamples(maxRate). */
  minSamples?: number
}

/** Figures of judgeErrorRateThreshold. */
export interface ErrorRateThresholdFigures {
  errors: number
  n: number
  /** errors / n (0 without data). */
  rate: number
  /** Clopper-Pearson one-sided lower bound at 1 − alpha. */
  lower: number
  /** Clopper-Pearson one-sided upper bound at 1 − alpha. */
  upper: number
  maxRate: number
  alpha: number
  minSamples: number
}

/**
 * judgeErrorRateThreshold judges an error-rate SLO (§5 `threshold`) with
 * exact one-sided Clopper-Pearson bounds at 1 − alpha: Fail when the lower
 * bound is above maxRate, Pass when the upper bound is below it and
 * n ≥ minSamples, otherwise Inconclusive. Clopper-Pearson rather than Wilson,
 * because with zero errors its bound is the 4.6/n that `min_samples` assumes
 * (Wilson's is ≈5.4/n at 99 %). With alpha split over L looks, proving a clean
 * canary takes about ln(L/0.01)/maxRate samples, more than the default minimum.
 *
 *   0/460,  max 1 %, α 0.01 → pass (upper 0.996 %)
 *   0/100,  max 1 %, α 0.01 → inconclusive (upper 4.5 %, 100 of 460 samples)
 *   15/50,  max 1 %, α 0.01 → fail (lower 16.1 %)
 *   3/1000, max 1 %, α 0.01 → inconclusive (upper 1.001 %, just above 1 %)
 *   2/1000, max 1 %, α 0.01 → pass (upper 0.838 %)
 *   0/0                      → inconclusive (no data)
 */
export function judgeErrorRateThreshold(
  input: ErrorRateThresholdInput
): Judgement<ErrorRateThresholdFigures> {
  const { errors, n, maxRate } = input
  const alpha = input.alpha ?? DEFAULT_ALPHA
  const minSamples = input.minSamples ?? defaultMinSamples(maxRate)
  checkAlpha(alpha)
  const confidence = 1 - alpha
  const lower = clopperPearsonLower(errors, n, confidence)
  const upper = clopperPearsonUpper(errors, n, confidence)
  const rate = n > 0 ? errors / n : 0
  const figures: ErrorRateThresholdFigures = {
    errors,
    n,
    rate,
    lower,
    upper,
    maxRate,
    alpha,
    minSamples
  }
  const at = `α=${sig(alpha)}`
  if (n === 0) {
    return {
      verdict: 'inconclusive',
      reason: `no data yet: 0 samples against max error rate ${pct(maxRate)}`,
      figures
    }
  }
  const head = `error rate ${pct(rate)} (${errors}/${n})`
  if (lower > maxRate) {
    return {
      verdict: 'fail',
      reason: `${head} is above ${pct(maxRate)}: lower bound ${pctVs(lower, maxRate)} at ${at}`,
      figures
    }
  }
  if (upper < maxRate && n >= minSamples) {
    return {
      verdict: 'pass',
      reason: `${head} is below ${pct(maxRate)}: upper bound ${pctVs(upper, maxRate)} at ${at}`,
      figures
    }
  }
  const bound = `upper bound ${pctVs(upper, maxRate)} at ${at}`
  const why =
    n >= minSamples
      ? bound
      : upper < maxRate
        ? `${bound} but only ${n} of ${minSamples} samples`
        : `${bound}, ${n} of ${minSamples} samples`
  return {
    verdict: 'inconclusive',
    reason: `${head} not yet shown below ${pct(maxRate)}: ${why}`,
    figures
  }
}

/** Input of judgeLatencyThreshold. */
export interface LatencyThresholdInput {
  /** Per-request latencies of the window, in ms, any order (NaN is ignored). */
  samplesMs: readonly number[]
  /** The percentile as a fraction, e.g. 0.95 or 0.99. */
  q: number
  /** The SLO: the largest acceptable q-quantile, in ms. */
  maxMs: number
  /** One-sided level, already split across looks; default 0.01. */
  alpha?: number
  /** Samples needed before Pass; default defaultMinSamples(1 − q): 460 for p99, 92 for p95. */
  minSamples?: number
}

/** Figures of judgeLatencyThreshold. Unbounded sides are null (too few samples). */
export interface LatencyThresholdFigures {
  n: number
  q: number
  /** Point estimate (type-7 quantile); null without data. */
  estimateMs: number | null
  /** Order-statistic lower bound at 1 − alpha, or null when unbounded. */
  lowerMs: number | null
  /** Order-statistic upper bound at 1 − alpha, or null when unbounded. */
  upperMs: number | null
  maxMs: number
  alpha: number
  minSamples: number
}

/**
 * judgeLatencyThreshold judges a latency SLO such as `p99 ≤ 500 ms` (§5
 * `threshold`) with distribution-free order-statistic bounds on the
 * percentile at 1 − alpha (quantileBounds): Fail when the lower bound is
 * above maxMs, Pass when the upper bound is below it and n ≥ minSamples,
 * otherwise Inconclusive. An upper bound on p99 at 99 % needs at least 459
 * samples, on p95 at least 90; before that the check cannot pass.
 *
 *   1..1000 ms, p99, max 1000 ms → pass (upper 998 ms)
 *   1..1000 ms, p99, max 900 ms  → fail (lower 982 ms)
 *   1..1000 ms, p99, max 990 ms  → inconclusive (982 ≤ 990 ≤ 998)
 *   1..100 ms,  p99, max 1000 ms → inconclusive (upper unbounded below 459 samples)
 *   no samples                   → inconclusive (no data)
 */
export function judgeLatencyThreshold(
  input: LatencyThresholdInput
): Judgement<LatencyThresholdFigures> {
  const { q, maxMs } = input
  const alpha = input.alpha ?? DEFAULT_ALPHA
  const minSamples = input.minSamples ?? defaultMinSamples(1 - q)
  checkAlpha(alpha)
  const sorted = sortFinite(input.samplesMs)
  const n = sorted.length
  const label = pLabel(q)
  const bounds = quantileBounds(sorted, q, 1 - alpha)
  const estimate = quantile(sorted, q)
  const figures: LatencyThresholdFigures = {
    n,
    q,
    estimateMs: n > 0 ? estimate : null,
    lowerMs: bounds.lowerRank > 0 ? bounds.lower : null,
    upperMs: bounds.upperRank <= n ? bounds.upper : null,
    maxMs,
    alpha,
    minSamples
  }
  const at = `α=${sig(alpha)}`
  if (n === 0) {
    return {
      verdict: 'inconclusive',
      reason: `no data yet: 0 samples against ${label} ≤ ${ms(maxMs)}`,
      figures
    }
  }
  const head = `${label} ${ms(estimate)} (n=${n})`
  if (bounds.lower > maxMs) {
    return {
      verdict: 'fail',
      reason: `${head} is above ${ms(maxMs)}: lower bound ${msVs(bounds.lower, maxMs)} at ${at}`,
      figures
    }
  }
  if (bounds.upper < maxMs && n >= minSamples) {
    return {
      verdict: 'pass',
      reason: `${head} is below ${ms(maxMs)}: upper bound ${msVs(bounds.upper, maxMs)} at ${at}`,
      figures
    }
  }
  let why: string
  if (figures.upperMs === null) {
    const needed = Math.ceil(Math.log(alpha) / Math.log(q))
    why = `no upper bound at ${at} before ${needed} samples`
  } else if (bounds.upper < maxMs) {
    why = `upper bound ${msVs(bounds.upper, maxMs)} at ${at} but only ${n} of ${minSamples} samples`
  } else {
    why = `upper bound ${msVs(bounds.upper, maxMs)} at ${at}`
  }
  return {
    verdict: 'inconclusive',
    reason: `${head} not yet shown below ${ms(maxMs)}: ${why}`,
    figures
  }
}

// ---------------------------------------------------------------------------
// Compare checks (canary against baseline)
// ---------------------------------------------------------------------------

/** Arm is one side of an error-rate compare: errors out of n samples. */
export interface Arm {
  errors: number
  n: number
}

/** Input of judgeCompareErrors. */
export interface CompareErrorsInput {
  canary: Arm
  baseline: Arm
  /** One-sided level, already split across looks; default 0.01. */
  alpha?: number
  /** Fail needs canary − baseline above this; default 0.005 (0.5 pp). */
  absMargin?: number
  /** Fail needs canary / max(baseline, 0.1 %) above this; default 2. */
  relMargin?: number
  /** Samples per arm needed before Pass; default defaultMinSamples(absMargin) (920). */
  minSamples?: number
}

/** Figures of judgeCompareErrors. */
export interface CompareErrorsFigures {
  canary: Arm
  baseline: Arm
  canaryRate: number
  baselineRate: number
  /** canaryRate − baselineRate. */
  diff: number
  /** canaryRate / max(baselineRate, 0.1 %). */
  ratio: number
  /** 'fisher' when any expected cell count is below 5, else the pooled 'z' test. */
  test: 'z' | 'fisher'
  /** z statistic of the z-test; null for Fisher. */
  z: number | null
  /** One-sided p-value that the canary's rate is greater. */
  pValue: number
  significant: boolean
  alpha: number
  absMargin: number
  relMargin: number
  minSamples: number
}

/**
 * judgeCompareErrors compares the canary's error rate with the baseline's
 * (§5 `compare` on error rate): a one-sided pooled two-proportion z-test, or
 * Fisher's exact test when any expected count of the 2×2 table is below 5.
 * Fail only when the test is significant at alpha AND canary − baseline >
 * absMargin AND canary / max(baseline, 0.1 %) > relMargin. Pass needs
 * minSamples in both arms and no Fail; otherwise Inconclusive. Mann-Whitney
 * is deliberately not used for counts (spinnaker/kayenta#426).
 *
 *   30/600 vs 1/600     → fail (5 % vs 0.167 %, z-test p 6.6e-8)
 *   4/600 vs 0/600      → inconclusive (fisher p 0.062, 600 of 920 samples)
 *   20/1000 vs 10/1000  → pass (z-test p 0.033 not significant)
 *   12/10000 vs 2/10000 → pass (z-test p 0.0038 significant, but +0.1 pp ≤ 0.5 pp)
 *   1/600 vs 0/0        → inconclusive (no baseline data)
 */
export function judgeCompareErrors(
  input: CompareErrorsInput
): Judgement<CompareErrorsFigures> {
  const { canary, baseline } = input
  const alpha = input.alpha ?? DEFAULT_ALPHA
  const absMargin = input.absMargin ?? DEFAULT_ABS_MARGIN
  const relMargin = input.relMargin ?? DEFAULT_REL_MARGIN
  const minSamples = input.minSamples ?? defaultMinSamples(absMargin)
  checkAlpha(alpha)
  const canaryRate = canary.n > 0 ? canary.errors / canary.n : 0
  const baselineRate = baseline.n > 0 ? baseline.errors / baseline.n : 0
  const diff = canaryRate - baselineRate
  const ratio = canaryRate / Math.max(baselineRate, BASELINE_RATE_FLOOR)
  const total = canary.n + baseline.n
  const events = canary.errors + baseline.errors
  const smallestArm = Math.min(canary.n, baseline.n)
  const smallestExpected =
    total > 0 ? (smallestArm * Math.min(events, total - events)) / total : 0
  let test: 'z' | 'fisher'
  let z: number | null = null
  let pValue: number
  if (smallestExpected < 5) {
    test = 'fisher'
    pValue = fisherExactGreater(
      canary.errors,
      canary.n - canary.errors,
      baseline.errors,
      baseline.n - baseline.errors
    )
  } else {
    test = 'z'
    const r = twoProportionZ(
      canary.errors,
      canary.n,
      baseline.errors,
      baseline.n
    )
    z = r.z
    pValue = r.pValue
  }
  const significant = canary.n > 0 && baseline.n > 0 && pValue < alpha
  const figures: CompareErrorsFigures = {
    canary: { errors: canary.errors, n: canary.n },
    baseline: { errors: baseline.errors, n: baseline.n },
    canaryRate,
    baselineRate,
    diff,
    ratio,
    test,
    z,
    pValue,
    significant,
    alpha,
    absMargin,
    relMargin,
    minSamples
  }
  if (canary.n === 0 || baseline.n === 0) {
    const missing =
      canary.n === 0 && baseline.n === 0
        ? 'canary and baseline'
        : canary.n === 0
          ? 'canary'
          : 'baseline'
    return {
      verdict: 'inconclusive',
      reason: `no ${missing} data yet: canary ${canary.n} and baseline ${baseline.n} samples`,
      figures
    }
  }
  const head =
    `canary error rate ${pct(canaryRate)} (${canary.errors}/${canary.n}) ` +
    `vs baseline ${pct(baselineRate)} (${baseline.errors}/${baseline.n})`
  const stat = `${test === 'z' ? 'z-test' : 'fisher'} p=${sig(pValue, 2)} at α=${sig(alpha)}`
  const sign = diff >= 0 ? '+' : '-'
  const delta = `${sign}${sig(Math.abs(diff) * 100)}pp, ${sig(ratio)}× the baseline (floor ${pct(BASELINE_RATE_FLOOR)})`
  if (significant && diff > absMargin && ratio > relMargin) {
    return {
      verdict: 'fail',
      reason: `${head}: ${delta}, ${stat}`,
      figures
    }
  }
  let finding: string
  if (!significant) finding = `no significant increase (${stat})`
  else if (!(diff > absMargin)) {
    finding = `significant (${stat}) but ${sign}${sig(Math.abs(diff) * 100)}pp is within ${sig(absMargin * 100)}pp`
  } else {
    finding = `significant (${stat}) but ${sig(ratio)}× is within ${sig(relMargin)}×`
  }
  if (canary.n >= minSamples && baseline.n >= minSamples) {
    return { verdict: 'pass', reason: `${head}: ${finding}`, figures }
  }
  return {
    verdict: 'inconclusive',
    reason: `${head}: ${finding}, ${canary.n} and ${baseline.n} of ${minSamples} samples per arm`,
    figures
  }
}

/** Input of judgeCompareLatency. */
export interface CompareLatencyInput {
  /** Canary per-request latencies in ms (NaN is ignored). */
  canaryMs: readonly number[]
  /** Baseline per-request latencies in ms, probed interleaved with the canary (§4.3). */
  baselineMs: readonly number[]
  /** One-sided level, already split across looks; default 0.01. */
  alpha?: number
  /** Largest tolerated canary/baseline median ratio; default 1.1. */
  allowedIncrease?: number
  /** Samples per arm needed before Pass; default DEFAULT_COMPARE_LATENCY_MIN_SAMPLES (231). */
  minSamples?: number
}

/** Figures of judgeCompareLatency. */
export interface CompareLatencyFigures {
  canaryN: number
  baselineN: number
  /** Medians (type-7); null without data. */
  canaryMedianMs: number | null
  baselineMedianMs: number | null
  /** canary median / baseline median; null without data. */
  medianRatio: number | null
  /** Mann-Whitney U of canary against baseline (shift in location). */
  mannWhitney: {
    u: number
    pValue: number
    method: MannWhitney['method']
    /** Significant at alpha and medianRatio > allowedIncrease. */
    fail: boolean
  }
  /** Share of canary samples above the baseline's own p99 (p95 below 1 000 per arm). */
  tail: {
    /** 0.99 or 0.95. */
    quantile: number
    /** The baseline's quantile, in ms; null without baseline data. */
    thresholdMs: number | null
    /** Canary samples strictly above thresholdMs. */
    exceedances: number
    /** exceedances / canary n. */
    share: number
    /** 1 − quantile: the share expected when nothing changed. */
    nominal: number
    /** One-sided binomial P(X ≥ exceedances) at the nominal share. */
    pValue: number
    /** Significant at alpha and share ≥ 2 × nominal. */
    fail: boolean
  }
  alpha: number
  allowedIncrease: number
  minSamples: number
}

/**
 * judgeCompareLatency compares canary latencies with the baseline's (§5
 * `compare` on latency) with two tests and fails if either fails:
 * 1. Mann-Whitney U (shift in location): significant at alpha and median
 *    ratio > allowedIncrease;
 * 2. tail exceedance: the share of canary samples above the baseline's own
 *    p99 (p95 when either arm has fewer than 1 000 samples), tested one-sided
 *    against the nominal 1 % (5 %) with the binomial: significant and share
 *    ≥ 2 × nominal. It catches spread and tail regressions that leave the
 *    median alone (spinnaker/kayenta#780).
 * Pass needs neither to fail and minSamples in both arms; otherwise
 * Inconclusive. The baseline's quantile is itself an estimate, so the
 * binomial test is a little liberal; the 2× effect floor absorbs that.
 *
 *   350 vs 350, same distribution          → pass
 *   350 vs 350, canary 1.3 × baseline      → fail (mann-whitney, median ×1.3)
 *   350 vs 350, slowest 15 % of canary ×3  → fail (tail: 15 % above baseline p95; median unchanged)
 *   10 vs 10, same distribution            → inconclusive (10 of 231 samples)
 *   no canary samples                      → inconclusive (no data)
 */
export function judgeCompareLatency(
  input: CompareLatencyInput
): Judgement<CompareLatencyFigures> {
  const alpha = input.alpha ?? DEFAULT_ALPHA
  const allowedIncrease = input.allowedIncrease ?? DEFAULT_ALLOWED_INCREASE
  const minSamples = input.minSamples ?? DEFAULT_COMPARE_LATENCY_MIN_SAMPLES
  checkAlpha(alpha)
  const canary = sortFinite(input.canaryMs)
  const baseline = sortFinite(input.baselineMs)
  const canaryN = canary.length
  const baselineN = baseline.length
  const tailQ = Math.min(canaryN, baselineN) >= P99_MIN_SAMPLES ? 0.99 : 0.95
  const nominal = tailQ === 0.99 ? 0.01 : 0.05
  const hasData = canaryN > 0 && baselineN > 0

  const canaryMedian = canaryN > 0 ? quantile(canary, 0.5) : null
  const baselineMedian = baselineN > 0 ? quantile(baseline, 0.5) : null
  let medianRatio: number | null = null
  if (canaryMedian !== null && baselineMedian !== null) {
    medianRatio =
      baselineMedian > 0
        ? canaryMedian / baselineMedian
        : canaryMedian > baselineMedian
          ? Infinity
          : 1
  }
  const mw = mannWhitneyU(canary, baseline)
  const mwFail =
    hasData && mw.pValue < alpha && (medianRatio ?? 0) > allowedIncrease

  const thresholdMs = baselineN > 0 ? quantile(baseline, tailQ) : null
  let exceedances = 0
  if (thresholdMs !== null) {
    for (const v of canary) if (v > thresholdMs) exceedances++
  }
  const share = canaryN > 0 ? exceedances / canaryN : 0
  const tailP = hasData ? binomialTail(exceedances, canaryN, nominal) : 1
  const tailFail = hasData && tailP < alpha && share >= 2 * nominal

  const figures: CompareLatencyFigures = {
    canaryN,
    baselineN,
    canaryMedianMs: canaryMedian,
    baselineMedianMs: baselineMedian,
    medianRatio,
    mannWhitney: {
      u: mw.u,
      pValue: mw.pValue,
      method: mw.method,
      fail: mwFail
    },
    tail: {
      quantile: tailQ,
      thresholdMs,
      exceedances,
      share,
      nominal,
      pValue: tailP,
      fail: tailFail
    },
    alpha,
    allowedIncrease,
    minSamples
  }
  if (!hasData) {
    const missing =
      canaryN === 0 && baselineN === 0
        ? 'canary and baseline'
        : canaryN === 0
          ? 'canary'
          : 'baseline'
    return {
      verdict: 'inconclusive',
      reason: `no ${missing} latency data yet: canary ${canaryN} and baseline ${baselineN} samples`,
      figures
    }
  }
  const at = `α=${sig(alpha)}`
  const ratioText = `×${sig(medianRatio!)}`
  const median = (versus: string) =>
    `mann-whitney p=${sig(mw.pValue, 2)}, ` +
    `median ${ms(canaryMedian!)} vs ${ms(baselineMedian!)} (${ratioText}${versus})`
  const tail =
    `${pct(share)} of canary above baseline ${pLabel(tailQ)} ${ms(thresholdMs!)} ` +
    `(nominal ${pct(nominal)}), p=${sig(tailP, 2)}`
  if (mwFail || tailFail) {
    const parts: string[] = []
    if (mwFail) parts.push(median(` > ×${sig(allowedIncrease)}`))
    if (tailFail) parts.push(`tail ${tail}`)
    return {
      verdict: 'fail',
      reason: `canary latency regressed: ${parts.join('; ')} at ${at}`,
      figures
    }
  }
  const summary = `${median('')}; tail ${tail} at ${at}`
  if (canaryN >= minSamples && baselineN >= minSamples) {
    return {
      verdict: 'pass',
      reason: `canary latency in line with baseline: ${summary}`,
      figures
    }
  }
  return {
    verdict: 'inconclusive',
    reason: `no latency regression yet: ${summary}, ${canaryN} and ${baselineN} of ${minSamples} samples per arm`,
    figures
  }
}

// ---------------------------------------------------------------------------
// No data, looks and waves
// ---------------------------------------------------------------------------

/** Input of judgeNoData. Durations are passed in; core reads no clock. */
export interface NoDataInput {
  /** The check opted into `must_have_data`. */
  mustHaveData: boolean
  /** The query returned data for S₀ during validation (§2.3). */
  validatedWithData: boolean
  /** How long the canary has had no data, in ms. */
  canarySilentMs: number
  /** The baseline has data in the same window. */
  baselineHasData: boolean
  /** Silence that turns into a Fail; default 5 min (§13). */
  failAfterMs?: number
}

/** Figures of judgeNoData. */
export interface NoDataFigures {
  mustHaveData: boolean
  validatedWithData: boolean
  canarySilentMs: number
  baselineHasData: boolean
  failAfterMs: number
}

/**
 * judgeNoData judges a check whose canary has no data. It is Inconclusive,
 * never Fail (unlike Flagger, fluxcd/flagger#1035), except under
 * `must_have_data` (Kayenta's mustHaveData): the query returned data for S₀
 * during validation, the canary has had none for more than 5 min, and the
 * baseline does have data. That is a Fail.
 *
 *   mustHaveData, validated, silent 6 min, baseline has data → fail
 *   mustHaveData, validated, silent 4 min, baseline has data → inconclusive
 *   mustHaveData, validated, silent 6 min, baseline silent   → inconclusive
 *   no mustHaveData, silent 1 h                              → inconclusive
 */
export function judgeNoData(input: NoDataInput): Judgement<NoDataFigures> {
  const failAfterMs = input.failAfterMs ?? NO_DATA_FAIL_MS
  const figures: NoDataFigures = {
    mustHaveData: input.mustHaveData,
    validatedWithData: input.validatedWithData,
    canarySilentMs: input.canarySilentMs,
    baselineHasData: input.baselineHasData,
    failAfterMs
  }
  const silent = `canary has had no data for ${Math.round(input.canarySilentMs / 1000)}s`
  if (
    input.mustHaveData &&
    input.validatedWithData &&
    input.baselineHasData &&
    input.canarySilentMs > failAfterMs
  ) {
    return {
      verdict: 'fail',
      reason: `${silent} (more than ${Math.round(failAfterMs / 1000)}s) while the baseline has data (must_have_data)`,
      figures
    }
  }
  return { verdict: 'inconclusive', reason: `no data: ${silent}`, figures }
}

/**
 * plannedLooks returns L = ⌈window / interval⌉ (at least 1), the number of
 * looks a check makes over its window (§5 repeated looks).
 *
 *   window 15 min, interval 1 min → 15
 *   window 2 min,  interval 1 min → 2
 *   window 90 s,   interval 1 min → 2
 *   window 0,      interval 1 min → 1
 */
export function plannedLooks(windowMs: number, intervalMs: number): number {
  if (!(intervalMs > 0))
    throw new RangeError(`interval must be > 0, got ${intervalMs}`)
  return Math.max(1, Math.ceil(windowMs / intervalMs - 1e-9))
}

/**
 * bonferroniAlpha returns the per-look level totalAlpha / L, so that L looks
 * at one check cannot make a false Fail likelier than totalAlpha (§5). L is
 * rounded up and at least 1.
 *
 *   (0.01, 15) → 0.000667
 *   (0.01, 1)  → 0.01
 *   (0.01, 0)  → 0.01
 *   (0.05, 2.5) → 0.01667 (3 looks)
 */
export function bonferroniAlpha(totalAlpha: number, looks: number): number {
  checkAlpha(totalAlpha)
  if (Number.isNaN(looks)) throw new RangeError('looks must be a number')
  return totalAlpha / Math.max(1, Math.ceil(looks))
}

/**
 * combineVerdicts returns the wave verdict (§5): Fail if any check fails,
 * Pass if every check passes, otherwise Inconclusive. It accepts verdicts or
 * judgements. An empty list is Pass, as "every check passes" is vacuously
 * true; callers always include the machine-check look.
 *
 *   [pass, pass]               → pass
 *   [pass, inconclusive]       → inconclusive
 *   [inconclusive, fail, pass] → fail
 *   []                         → pass
 */
export function combineVerdicts(
  verdicts: readonly (Verdict | { verdict: Verdict })[]
): Verdict {
  let all = true
  for (const v of verdicts) {
    const verdict = typeof v === 'string' ? v : v.verdict
    if (verdict === 'fail') return 'fail'
    if (verdict !== 'pass') all = false
  }
  return all ? 'pass' : 'inconclusive'
}
