/**
 * Statistics for rollout verdicts (ROLLOUT-SEMANTICS §5): normal
 * distribution, binomial and hypergeometric tails, interval bounds for a
 * proportion and a percentile, two-sample tests, and the sample-size formulas
 * behind the §5 table.
 *
 * Everything here is pure and deterministic. Tail probabilities are computed
 * in log space (Loader's saddle-point binomial density), so they stay accurate
 * to ~1e-12 relative for n up to 1e6 and never overflow. Invalid arguments
 * (negative counts, probabilities outside [0, 1]) are bugs in the caller and
 * throw a RangeError.
 */

const SQRT_PI = 1.772453850905516 // √π
const SQRT2 = 1.4142135623730951 // √2
const LN_2PI = 1.8378770664093456 // ln(2π)

// ---------------------------------------------------------------------------
// Normal distribution
// ---------------------------------------------------------------------------

/** exp(−x²) without the cancellation error of squaring a large x (Cody). */
function expMinusSquare(x: number): number {
  const s = Math.floor(x * 16) / 16
  return Math.exp(-s * s) * Math.exp(-(x - s) * (x + s))
}

/**
 * erfc returns the complementary error function 1 − erf(x), with a relative
 * error below ~1e-13 over the whole double range (checked against glibc's
 * erfc). Below 1.5 it sums the all-positive series
 * erf(x) = 2/√π · e^(−x²) · Σ (2x²)ⁿ x / (1·3·…·(2n+1)); from 1.5 on it
 * evaluates the Laplace continued fraction with Lentz's method, so the
 * upper tail keeps its relative accuracy down to 1e-300.
 *
 *   erfc(0)    = 1
 *   erfc(1)    ≈ 0.157299207050285
 *   erfc(−1)   ≈ 1.842700792949715
 *   erfc(5)    ≈ 1.53745979442803e-12
 *   erfc(26.5) ≈ 2.21091e-307
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN
  if (x < 0) return 2 - erfc(-x)
  if (x < 1.5) {
    if (x === 0) return 1
    const x2 = x * x
    let term = x
    let sum = x
    for (let n = 1; n < 200; n++) {
      term *= (2 * x2) / (2 * n + 1)
      sum += term
      if (term < sum * 1e-17) break
    }
    return 1 - (2 / SQRT_PI) * Math.exp(-x2) * sum
  }
  if (x > 27.3) return 0 // below the smallest subnormal
  // erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …))))
  let f = x
  let c = x
  let d = 0
  for (let i = 1; i < 500; i++) {
    const a = i / 2
    d = 1 / (x + a * d)
    c = x + a / c
    const delta = c * d
    f *= delta
    if (Math.abs(delta - 1) < 1e-16) break
  }
  return expMinusSquare(x) / SQRT_PI / f
}

/**
 * normalCdf returns Φ(x) = P(Z ≤ x) for a standard normal Z, with relative
 * accuracy ~1e-13 in both tails (through erfc, never 1 − Φ).
 *
 *   normalCdf(0)      = 0.5
 *   normalCdf(1.96)   ≈ 0.975002104851780
 *   normalCdf(−2.326) ≈ 0.0100093 (near the one-sided 99 % point)
 *   normalCdf(−10)    ≈ 7.61985302416e-24
 */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / SQRT2)
}

/**
 * normalQuantile returns Φ⁻¹(p), the x with P(Z ≤ x) = p, by Wichura's
 * AS241 (PPND16), relative accuracy ~1e-16. p = 0 gives −∞ and p = 1 gives
 * +∞. For an upper-tail point 1 − α with tiny α, call −normalQuantile(α)
 * rather than normalQuantile(1 − α), which loses digits.
 *
 *   normalQuantile(0.5)   = 0
 *   normalQuantile(0.975) ≈ 1.959963984540054
 *   normalQuantile(0.01)  ≈ −2.326347874040841
 *   normalQuantile(0.2)   ≈ −0.841621233572914
 *   normalQuantile(1e-10) ≈ −6.361340902404056
 */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) {
    throw new RangeError(`normalQuantile: p must be in [0, 1], got ${p}`)
  }
  if (p === 0) return -Infinity
  if (p === 1) return Infinity
  const q = p - 0.5
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q
    const num =
      (((((((2509.0809287301227 * r + 33430.57558358813) * r +
        67265.7709270087) *
        r +
        45921.95393154987) *
        r +
        13731.69376550946) *
        r +
        1971.5909503065513) *
        r +
        133.14166789178438) *
        r +
        3.3871328727963665) *
      q
    const den =
      ((((((5226.495278852854 * r + 28729.085735721943) * r +
        39307.89580009271) *
        r +
        21213.794301586597) *
        r +
        5394.196021424751) *
        r +
        687.1870074920579) *
        r +
        42.31333070160091) *
        r +
      1
    return num / den
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p))
  let x: number
  if (r <= 5) {
    r -= 1.6
    const num =
      ((((((0.0007745450142783414 * r + 0.022723844989269184) * r +
        0.2417807251774506) *
        r +
        1.2704582524523684) *
        r +
        3.6478483247632045) *
        r +
        5.769497221460691) *
        r +
        4.630337846156546) *
        r +
      1.4234371107496835
    const den =
      ((((((1.0507500716444169e-9 * r + 0.0005475938084995345) * r +
        0.015198666563616457) *
        r +
        0.14810397642748008) *
        r +
        0.6897673349851) *
        r +
        1.6763848301838038) *
        r +
        2.053191626637759) *
        r +
      1
    x = num / den
  } else {
    r -= 5
    const num =
      ((((((2.0103343992922881e-7 * r + 2.7115555687434876e-5) * r +
        0.0012426609473880784) *
        r +
        0.026532189526576124) *
        r +
        0.29656057182850487) *
        r +
        1.7848265399172913) *
        r +
        5.463784911164114) *
        r +
      6.657904643501103
    const den =
      ((((((2.0442631033899397e-15 * r + 1.421511758316446e-7) * r +
        1.8463183175100548e-5) *
        r +
        0.0007868691311456133) *
        r +
        0.014875361290850615) *
        r +
        0.1369298809227358) *
        r +
        0.599832206555888) *
        r +
      1
    x = num / den
  }
  return q < 0 ? -x : x
}

/** zUpper returns the one-sided critical value z with P(Z > z) = alpha. */
function zUpper(alpha: number): number {
  return -normalQuantile(alpha)
}

// ---------------------------------------------------------------------------
// Binomial distribution
// ---------------------------------------------------------------------------

function checkCount(name: string, k: number): void {
  if (!Number.isInteger(k) || k < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${k}`)
  }
}

function checkProbability(name: string, p: number): void {
  if (Number.isNaN(p) || p < 0 || p > 1) {
    throw new RangeError(`${name} must be in [0, 1], got ${p}`)
  }
}

// stirlerr(n) = ln n! − ln(√(2πn) (n/e)ⁿ) for n = 0…15, computed with
// 50-digit decimal arithmetic (python3 decimal); matches R's sferr_halves.
const STIRLERR_SMALL = [
  0, 0.08106146679532726, 0.0413406959554093, 0.02767792568499834,
  0.020790672103765093, 0.016644691189821193, 0.013876128823070748,
  0.01189670994589177, 0.010411265261972096, 0.009255462182712733,
  0.00833056343336287, 0.007573675487951841, 0.00694284010720953,
  0.006408994188004207, 0.0059513701127588475, 0.005554733551962801
]

/** Stirling-series error term for an integer n ≥ 0 (Loader 2000). */
function stirlerr(n: number): number {
  if (n <= 15) return STIRLERR_SMALL[n]!
  const s0 = 1 / 12
  const s1 = 1 / 360
  const s2 = 1 / 1260
  const s3 = 1 / 1680
  const s4 = 1 / 1188
  const nn = n * n
  if (n > 500) return (s0 - s1 / nn) / n
  if (n > 80) return (s0 - (s1 - s2 / nn) / nn) / n
  if (n > 35) return (s0 - (s1 - (s2 - s3 / nn) / nn) / nn) / n
  return (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / n
}

/** bd0(x, m) = x ln(x/m) + m − x, without cancellation when x ≈ m. */
function bd0(x: number, m: number): number {
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    let v = (x - m) / (x + m)
    let s = (x - m) * v
    let ej = 2 * x * v
    v *= v
    for (let j = 1; j < 1000; j++) {
      ej *= v
      const s1 = s + ej / (2 * j + 1)
      if (s1 === s) return s1
      s = s1
    }
    return s
  }
  return x * Math.log(x / m) + m - x
}

/**
 * logBinomialPmf returns ln P(X = k) for X ~ Binomial(n, p), by Loader's
 * saddle-point expansion (the algorithm of R's dbinom), so it is accurate to
 * ~1e-14 relative even for n = 1e6 where ln C(n, k) alone is ~1e7.
 * Out-of-support k gives −∞.
 *
 *   logBinomialPmf(0, 460, 0.01)     = 460·ln 0.99 ≈ −4.6231
 *   logBinomialPmf(5, 10, 0.5)       = ln(252/1024) ≈ −1.40204
 *   logBinomialPmf(1000, 1e6, 0.001) ≈ −4.372399 (P ≈ 0.01262)
 */
export function logBinomialPmf(k: number, n: number, p: number): number {
  checkCount('n', n)
  checkProbability('p', p)
  if (!Number.isInteger(k) || k < 0 || k > n) return -Infinity
  const q = 1 - p
  if (p === 0) return k === 0 ? 0 : -Infinity
  if (q === 0) return k === n ? 0 : -Infinity
  if (k === 0) {
    if (n === 0) return 0
    return p < 0.1 ? -bd0(n, n * q) - n * p : n * Math.log(q)
  }
  if (k === n) {
    return q < 0.1 ? -bd0(n, n * p) - n * q : n * Math.log(p)
  }
  const lc =
    stirlerr(n) -
    stirlerr(k) -
    stirlerr(n - k) -
    bd0(k, n * p) -
    bd0(n - k, n * q)
  const lf = LN_2PI + Math.log(k) + Math.log1p(-k / n)
  return lc - 0.5 * lf
}

/** Σ_{j ≥ k} P(X = j), summed upward from k; accurate when k is past the mode. */
function binomialSumUp(k: number, n: number, p: number): number {
  const first = logBinomialPmf(k, n, p)
  if (first === -Infinity) return 0
  const odds = p / (1 - p)
  let term = 1
  let sum = 1
  for (let j = k; j < n; j++) {
    term *= ((n - j) / (j + 1)) * odds
    sum += term
    if (term <= sum * 1e-17) break
  }
  return Math.exp(first + Math.log(sum))
}

/** Σ_{j ≤ k} P(X = j), summed downward from k; accurate when k is below the mode. */
function binomialSumDown(k: number, n: number, p: number): number {
  const first = logBinomialPmf(k, n, p)
  if (first === -Infinity) return 0
  const odds = (1 - p) / p
  let term = 1
  let sum = 1
  for (let j = k; j > 0; j--) {
    term *= (j / (n - j + 1)) * odds
    sum += term
    if (term <= sum * 1e-17) break
  }
  return Math.exp(first + Math.log(sum))
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x
}

/**
 * binomialTail returns P(X ≥ k) for X ~ Binomial(n, p). The small side of
 * the distribution is always summed directly (relative to its first term, in
 * log space), so upper tails as small as 1e-300 keep full relative accuracy
 * and n = 1e6 costs a few thousand terms at most. A fractional k is rounded
 * up.
 *
 *   binomialTail(0, n, p)          = 1
 *   binomialTail(1, 460, 0.01)     = 1 − 0.99⁴⁶⁰ ≈ 0.990190
 *   binomialTail(6, 10, 0.5)       = 386/1024 = 0.376953125
 *   binomialTail(53, 350, 0.05)    ≈ 9.5171e-13 (15 % of 350 above a 5 % tail)
 *   binomialTail(1100, 1e6, 0.001) ≈ 9.5747e-4
 */
export function binomialTail(k: number, n: number, p: number): number {
  checkCount('n', n)
  checkProbability('p', p)
  const kk = Math.ceil(k)
  if (kk <= 0) return 1
  if (kk > n) return 0
  if (p === 0) return 0
  if (p === 1) return 1
  if (kk > n * p) return clamp01(binomialSumUp(kk, n, p))
  return clamp01(1 - binomialSumDown(kk - 1, n, p))
}

/**
 * binomialCdf returns P(X ≤ k) for X ~ Binomial(n, p), with the same care
 * as binomialTail (the small side is summed directly). A fractional k is
 * rounded down.
 *
 *   binomialCdf(−1, n, p)       = 0
 *   binomialCdf(0, 460, 0.01)   = 0.99⁴⁶⁰ ≈ 0.009810
 *   binomialCdf(5, 10, 0.5)     = 638/1024 = 0.623046875
 *   binomialCdf(900, 1e6, 1e-3) ≈ 6.9402e-4
 */
export function binomialCdf(k: number, n: number, p: number): number {
  checkCount('n', n)
  checkProbability('p', p)
  const kk = Math.floor(k)
  if (kk < 0) return 0
  if (kk >= n) return 1
  if (p === 0) return 1
  if (p === 1) return 0
  if (kk < n * p) return clamp01(binomialSumDown(kk, n, p))
  return clamp01(1 - binomialSumUp(kk + 1, n, p))
}

// ---------------------------------------------------------------------------
// Bounds for a proportion
// ---------------------------------------------------------------------------

/** A pair of one-sided bounds: each holds on its own with the given confidence. */
export interface Bounds {
  lower: number
  upper: number
}

function checkConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be in (0, 1), got ${confidence}`)
  }
}

function checkSuccesses(successes: number, n: number): void {
  checkCount('n', n)
  checkCount('successes', successes)
  if (successes > n) {
    throw new RangeError(`successes (${successes}) must not exceed n (${n})`)
  }
}

/**
 * wilsonBounds returns one-sided Wilson score bounds for a proportion: each of
 * `lower` and `upper` holds alone with probability ≈ `confidence` (z is the
 * one-sided point, 2.326 at 99 %). n = 0 gives [0, 1]. With zero successes
 * the upper bound is z²/(n + z²), about 5.4/n at 99 %: looser than the exact
 * Clopper-Pearson 4.6/n, so the threshold judge uses Clopper-Pearson.
 *
 *   wilsonBounds(0, 460, 0.99)  ≈ { lower: 0,        upper: 0.011629 }
 *   wilsonBounds(15, 50, 0.99)  ≈ { lower: 0.174994, upper: 0.464072 }
 *   wilsonBounds(5, 1000, 0.95) ≈ { lower: 0.002436, upper: 0.010235 }
 *   wilsonBounds(0, 0, 0.99)    = { lower: 0,        upper: 1 }
 */
export function wilsonBounds(
  successes: number,
  n: number,
  confidence: number
): Bounds {
  checkSuccesses(successes, n)
  checkConfidence(confidence)
  if (n === 0) return { lower: 0, upper: 1 }
  const z = zUpper(1 - confidence)
  const z2 = z * z
  const phat = successes / n
  const denom = 1 + z2 / n
  const center = (phat + z2 / (2 * n)) / denom
  const half =
    (z / denom) * Math.sqrt((phat * (1 - phat)) / n + z2 / (4 * n * n))
  return {
    lower: successes === 0 ? 0 : clamp01(center - half),
    upper: successes === n ? 1 : clamp01(center + half)
  }
}

/**
 * Bisection for the p in [lo, hi] where an increasing function of p crosses
 * `target`, to ~1e-15 relative precision.
 */
function solveIncreasing(
  f: (p: number) => number,
  target: number,
  lo: number,
  hi: number
): number {
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2
    if (mid <= lo || mid >= hi) break
    if (f(mid) < target) lo = mid
    else hi = mid
    if (hi - lo <= 1e-15 * hi) break
  }
  return (lo + hi) / 2
}

/**
 * clopperPearsonUpper returns the exact one-sided upper confidence bound for
 * a binomial proportion: the p at which P(X ≤ successes; n, p) = 1 −
 * confidence, found by bisection on the log-space binomial CDF (accurate to
 * ~1e-12 relative for n up to 1e6). With zero successes it is the closed
 * form 1 − (1 − confidence)^(1/n) ≈ −ln(1 − confidence)/n, the "rule of
 * three" (4.6/n at 99 %). n = 0 or successes = n gives 1.
 *
 *   clopperPearsonUpper(0, 460, 0.99)  ≈ 0.0099613 (below 1 %: passes)
 *   clopperPearsonUpper(0, 100, 0.99)  ≈ 0.0450074
 *   clopperPearsonUpper(0, 300, 0.95)  ≈ 0.0099361 (rule of three)
 *   clopperPearsonUpper(3, 1000, 0.99) ≈ 0.0100098
 */
export function clopperPearsonUpper(
  successes: number,
  n: number,
  confidence: number
): number {
  checkSuccesses(successes, n)
  checkConfidence(confidence)
  if (n === 0 || successes === n) return 1
  const alpha = 1 - confidence
  if (successes === 0) return -Math.expm1(Math.log1p(-confidence) / n)
  // P(X ≤ x; p) decreases in p; solve 1 − cdf (increasing) = 1 − α.
  return solveIncreasing(
    (p) => -binomialCdf(successes, n, p),
    -alpha,
    successes / n,
    1
  )
}

/**
 * clopperPearsonLower returns the exact one-sided lower confidence bound for
 * a binomial proportion: the p at which P(X ≥ successes; n, p) = 1 −
 * confidence. Zero successes give 0; successes = n gives (1 −
 * confidence)^(1/n).
 *
 *   clopperPearsonLower(0, 50, 0.99)      = 0
 *   clopperPearsonLower(15, 50, 0.99)     ≈ 0.1606975
 *   clopperPearsonLower(30, 600, 0.99)    ≈ 0.0315095
 *   clopperPearsonLower(460, 460, 0.99)   ≈ 0.9900387
 */
export function clopperPearsonLower(
  successes: number,
  n: number,
  confidence: number
): number {
  checkSuccesses(successes, n)
  checkConfidence(confidence)
  if (successes === 0) return 0
  const alpha = 1 - confidence
  if (successes === n) return Math.exp(Math.log1p(-confidence) / n)
  return solveIncreasing(
    (p) => binomialTail(successes, n, p),
    alpha,
    0,
    successes / n
  )
}

/**
 * ruleOfThreeUpper returns −ln(1 − confidence)/n, the approximate upper
 * bound on a rate when n trials showed no event (≈ 3/n at 95 %, ≈ 4.6/n at
 * 99 %). The exact value is clopperPearsonUpper(0, n, confidence), which is
 * slightly smaller.
 *
 *   ruleOfThreeUpper(300, 0.95)  ≈ 0.009986 (300 requests prove ≤ 1 %)
 *   ruleOfThreeUpper(1000, 0.95) ≈ 0.002996 (≤ 0.3 %)
 *   ruleOfThreeUpper(3000, 0.95) ≈ 0.000999 (≤ 0.1 %)
 *   ruleOfThreeUpper(460, 0.99)  ≈ 0.010011
 */
export function ruleOfThreeUpper(n: number, confidence = 0.95): number {
  checkConfidence(confidence)
  if (!(n > 0)) return 1
  return Math.min(1, -Math.log1p(-confidence) / n)
}

// ---------------------------------------------------------------------------
// Two-proportion tests
// ---------------------------------------------------------------------------

/** Σ of a hypergeometric pmf from x in one direction, relative to pmf(x). */
function hyperSum(
  x: number,
  bigN: number,
  bigK: number,
  draws: number,
  direction: 1 | -1
): number {
  // dhyper as in R: a ratio of three binomial densities at p = draws/N.
  const p = draws / bigN
  const first =
    logBinomialPmf(x, bigK, p) +
    logBinomialPmf(draws - x, bigN - bigK, p) -
    logBinomialPmf(draws, bigN, p)
  if (first === -Infinity) return 0
  const lo = Math.max(0, draws - (bigN - bigK))
  const hi = Math.min(bigK, draws)
  let term = 1
  let sum = 1
  if (direction === 1) {
    for (let j = x; j < hi; j++) {
      term *=
        ((bigK - j) * (draws - j)) / ((j + 1) * (bigN - bigK - draws + j + 1))
      sum += term
      if (term <= sum * 1e-17) break
    }
  } else {
    for (let j = x; j > lo; j--) {
      term *=
        (j * (bigN - bigK - draws + j)) / ((bigK - j + 1) * (draws - j + 1))
      sum += term
      if (term <= sum * 1e-17) break
    }
  }
  return Math.exp(first + Math.log(sum))
}

/**
 * fisherExactGreater returns the one-sided Fisher exact p-value that group 1
 * has the greater event rate, for the 2×2 table
 *
 *     group 1: a events, b non-events
 *     group 2: c events, d non-events
 *
 * i.e. P(X ≥ a) for X hypergeometric with N = a+b+c+d, K = a+c events and
 * a+b draws. Computed in log space, so it stays exact-to-rounding for large
 * tables. An empty table gives 1.
 *
 *   fisherExactGreater(3, 0, 0, 3)      = 1/20 = 0.05
 *   fisherExactGreater(5, 95, 0, 100)   = 1164/39203 ≈ 0.0296916
 *   fisherExactGreater(0, 600, 1, 599)  = 1
 *   fisherExactGreater(4, 596, 0, 600)  = 59501/956802 ≈ 0.0621874
 */
export function fisherExactGreater(
  a: number,
  b: number,
  c: number,
  d: number
): number {
  for (const [name, v] of [
    ['a', a],
    ['b', b],
    ['c', c],
    ['d', d]
  ] as const) {
    checkCount(name, v)
  }
  const bigN = a + b + c + d
  const bigK = a + c
  const draws = a + b
  if (bigN === 0 || draws === 0 || draws === bigN) return 1
  if (bigK === 0 || bigK === bigN) return 1
  const lo = Math.max(0, draws - (bigN - bigK))
  if (a <= lo) return 1
  const mean = (draws * bigK) / bigN
  if (a > mean) return clamp01(hyperSum(a, bigN, bigK, draws, 1))
  return clamp01(1 - hyperSum(a - 1, bigN, bigK, draws, -1))
}

/** Result of a one-sided z-test. */
export interface ZTest {
  /** Standardized statistic; 0 when the test is degenerate. */
  z: number
  /** One-sided p-value in [0, 1]. */
  pValue: number
}

/**
 * twoProportionZ returns the pooled one-sided two-proportion z-test that
 * p1 > p2: z = (x1/n1 − x2/n2) / √(p̄(1 − p̄)(1/n1 + 1/n2)) and
 * p = 1 − Φ(z). Without variance (an empty arm, or both rates 0 or both 1)
 * there is no evidence: z = 0 and p = 1.
 *
 *   twoProportionZ(30, 600, 1, 600)  ≈ { z: 5.27716, p: 6.55995e-8 }
 *   twoProportionZ(10, 1000, 10, 1000) = { z: 0, p: 0.5 }
 *   twoProportionZ(20, 1000, 10, 1000) ≈ { z: 1.83959, p: 0.0329142 }
 *   twoProportionZ(0, 600, 0, 600)   = { z: 0, p: 1 }
 */
export function twoProportionZ(
  x1: number,
  n1: number,
  x2: number,
  n2: number
): ZTest {
  checkSuccesses(x1, n1)
  checkSuccesses(x2, n2)
  if (n1 === 0 || n2 === 0) return { z: 0, pValue: 1 }
  const pooled = (x1 + x2) / (n1 + n2)
  const variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2)
  if (!(variance > 0)) return { z: 0, pValue: 1 }
  const z = (x1 / n1 - x2 / n2) / Math.sqrt(variance)
  return { z, pValue: normalCdf(-z) }
}

// ---------------------------------------------------------------------------
// Mann-Whitney U
// ---------------------------------------------------------------------------

/** Result of mannWhitneyU. */
export interface MannWhitney {
  /** U of the first sample: #(x > y) + ½ #(x = y) over all pairs. */
  u: number
  /** Normal-approximation z with tie and continuity correction (0 if undefined). */
  z: number
  /** One-sided p-value that xs is stochastically larger than ys. */
  pValue: number
  /** 'exact' permutation distribution, 'normal' approximation, or 'none' (an empty sample). */
  method: 'exact' | 'normal' | 'none'
}

/** Largest per-sample size for which mannWhitneyU uses the exact distribution. */
export const MANN_WHITNEY_EXACT_MAX = 20

/**
 * mannWhitneyU returns the Mann-Whitney U of xs against ys and the one-sided
 * p-value that xs is stochastically larger (e.g. canary latencies above the
 * baseline's). When both samples have at most 20 values the p-value is exact:
 * the permutation distribution of the (mid)rank sum, counted by dynamic
 * programming, which stays exact with ties. Otherwise it uses the normal
 * approximation with tie correction and a 0.5 continuity correction (as R's
 * wilcox.test(exact = FALSE, correct = TRUE, alternative = 'greater')).
 * An empty sample gives U = 0, p = 1.
 *
 *   mannWhitneyU([4, 5, 6], [1, 2, 3])  → U = 9, p = 1/20 = 0.05 (exact)
 *   mannWhitneyU([1, 2, 3], [4, 5, 6])  → U = 0, p = 1 (exact)
 *   mannWhitneyU([2, 2, 3], [1, 2, 2])  → U = 7, p = 3/10 (exact, ties)
 *   mannWhitneyU(21..40, 1..25)         → U = 487.5, z ≈ 5.41435, p ≈ 3.07553e-8 (normal)
 */
export function mannWhitneyU(
  xs: readonly number[],
  ys: readonly number[]
): MannWhitney {
  const n1 = xs.length
  const n2 = ys.length
  if (n1 === 0 || n2 === 0) return { u: 0, z: 0, pValue: 1, method: 'none' }
  const total = n1 + n2
  const all: { v: number; x: boolean }[] = []
  for (const v of xs) all.push({ v, x: true })
  for (const v of ys) all.push({ v, x: false })
  all.sort((p, q) => p.v - q.v)
  // Doubled midranks keep everything in integers: tie group i..j-1 gets rank
  // (i+1 + j)/2, doubled i + 1 + j.
  const doubledRanks = new Array<number>(total)
  let rankSum2 = 0
  let tieTerm = 0
  for (let i = 0; i < total;) {
    let j = i + 1
    while (j < total && all[j]!.v === all[i]!.v) j++
    const t = j - i
    tieTerm += t * t * t - t
    for (let k = i; k < j; k++) {
      doubledRanks[k] = i + 1 + j
      if (all[k]!.x) rankSum2 += i + 1 + j
    }
    i = j
  }
  const u = rankSum2 / 2 - (n1 * (n1 + 1)) / 2
  const mean = (n1 * n2) / 2
  const variance =
    ((n1 * n2) / 12) * (total + 1 - tieTerm / (total * (total - 1)))
  const z = variance > 0 ? (u - mean - 0.5) / Math.sqrt(variance) : 0
  if (n1 <= MANN_WHITNEY_EXACT_MAX && n2 <= MANN_WHITNEY_EXACT_MAX) {
    return {
      u,
      z,
      pValue: exactRankSumTail(doubledRanks, n1, rankSum2),
      method: 'exact'
    }
  }
  return {
    u,
    z,
    pValue: variance > 0 ? normalCdf(-z) : 1,
    method: 'normal'
  }
}

/**
 * P(sum of n1 doubled ranks drawn without replacement ≥ observed): counts
 * subsets by (size, sum). Counts stay below C(40, 20) < 2⁵³, so exact.
 */
function exactRankSumTail(
  doubledRanks: readonly number[],
  n1: number,
  observed: number
): number {
  let maxSum = 0
  for (const r of doubledRanks) maxSum += r
  const width = maxSum + 1
  const counts = new Float64Array((n1 + 1) * width)
  counts[0] = 1
  let seen = 0
  for (const r of doubledRanks) {
    seen++
    for (let j = Math.min(seen, n1); j >= 1; j--) {
      const row = j * width
      const prev = (j - 1) * width
      for (let s = maxSum - r; s >= 0; s--) {
        const c = counts[prev + s]!
        if (c !== 0) counts[row + s + r]! += c
      }
    }
  }
  let all = 0
  let tail = 0
  const row = n1 * width
  for (let s = 0; s < width; s++) {
    const c = counts[row + s]!
    all += c
    if (s >= observed) tail += c
  }
  return tail / all
}

// ---------------------------------------------------------------------------
// Quantiles
// ---------------------------------------------------------------------------

function checkSorted(sorted: readonly number[]): void {
  for (let i = 1; i < sorted.length; i++) {
    if (!(sorted[i - 1]! <= sorted[i]!)) {
      throw new RangeError('quantile: samples must be sorted ascending')
    }
  }
}

function checkQ(q: number): void {
  if (!(q >= 0 && q <= 1)) {
    throw new RangeError(`quantile: q must be in [0, 1], got ${q}`)
  }
}

/**
 * quantile returns the q-quantile of ascending samples by linear
 * interpolation between order statistics (Hyndman-Fan type 7, the default of
 * R and numpy): h = (n − 1)q, x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]).
 * No samples give NaN.
 *
 *   quantile([1, 2, 3, 4], 0.5)   = 2.5
 *   quantile([10, 20, 30], 0.95)  = 29
 *   quantile(1..100, 0.99)        = 99.01
 *   quantile([7], 0.99)           = 7
 */
export function quantile(sorted: readonly number[], q: number): number {
  checkQ(q)
  const n = sorted.length
  if (n === 0) return NaN
  const h = (n - 1) * q
  const lo = Math.floor(h)
  const x = sorted[lo]!
  if (lo + 1 >= n) return x
  return x + (h - lo) * (sorted[lo + 1]! - x)
}

/** Distribution-free bounds on a percentile, as sample values and 1-based ranks. */
export interface QuantileBounds {
  /** Sample value at `lowerRank`, or −∞ when too few samples. */
  lower: number
  /** Sample value at `upperRank`, or +∞ when too few samples. */
  upper: number
  /** 1-based order statistic of the lower bound; 0 when unbounded. */
  lowerRank: number
  /** 1-based order statistic of the upper bound; n + 1 when unbounded. */
  upperRank: number
}

/**
 * quantileBounds returns one-sided, distribution-free confidence bounds for
 * the q-quantile ξ from ascending samples, via order statistics and the
 * binomial: the lower bound is X₍ₗ₎ with the largest l such that
 * P(Bin(n, q) ≥ l) ≥ confidence, so P(X₍ₗ₎ ≤ ξ) ≥ confidence; the upper bound
 * is X₍ᵤ₎ with the smallest u such that P(Bin(n, q) ≤ u − 1) ≥ confidence.
 * Too few samples leave a side unbounded (±∞): a p99 needs 459 samples for a
 * 99 % upper bound, a p95 needs 90.
 *
 *   n = 100,  q = 0.95, 99 % → ranks 89 and 100
 *   n = 459,  q = 0.99, 99 % → ranks 449 and 459 (first n with an upper bound)
 *   n = 1000, q = 0.99, 99 % → ranks 982 and 998
 *   n = 50,   q = 0.95, 99 % → ranks 43 and 51 (upper unbounded)
 */
export function quantileBounds(
  sorted: readonly number[],
  q: number,
  confidence: number
): QuantileBounds {
  checkQ(q)
  checkConfidence(confidence)
  checkSorted(sorted)
  const n = sorted.length
  // Largest l in [1, n] with tail(l) ≥ c; tail decreases in l.
  let lowerRank = 0
  if (n > 0 && binomialTail(1, n, q) >= confidence) {
    let lo = 1
    let hi = n
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2)
      if (binomialTail(mid, n, q) >= confidence) lo = mid
      else hi = mid - 1
    }
    lowerRank = lo
  }
  // Smallest u in [1, n] with cdf(u − 1) ≥ c; cdf increases in u.
  let upperRank = n + 1
  if (n > 0 && binomialCdf(n - 1, n, q) >= confidence) {
    let lo = 1
    let hi = n
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2)
      if (binomialCdf(mid - 1, n, q) >= confidence) hi = mid
      else lo = mid + 1
    }
    upperRank = lo
  }
  return {
    lower: lowerRank === 0 ? -Infinity : sorted[lowerRank - 1]!,
    upper: upperRank === n + 1 ? Infinity : sorted[upperRank - 1]!,
    lowerRank,
    upperRank
  }
}

// ---------------------------------------------------------------------------
// Sample sizes (ROLLOUT-SEMANTICS §5 table)
// ---------------------------------------------------------------------------

function checkSampleSizeArgs(
  p0: number,
  p1: number,
  alpha: number,
  power: number
): void {
  checkProbability('p0', p0)
  checkProbability('p1', p1)
  if (p0 === p1) throw new RangeError('sample size: p0 and p1 must differ')
  if (!(alpha > 0 && alpha < 1))
    throw new RangeError(`alpha out of (0, 1): ${alpha}`)
  if (!(power > 0 && power < 1))
    throw new RangeError(`power out of (0, 1): ${power}`)
}

/**
 * sampleSizeTwoProportions returns the per-arm n for a one-sided pooled
 * two-proportion z-test at level alpha to detect p0 → p1 with the given
 * power (normal approximation, equal arms):
 * n = (z_α √(2p̄(1 − p̄)) + z_β √(p0(1 − p0) + p1(1 − p1)))² / (p1 − p0)²,
 * rounded up. These reproduce the error-rate columns of the §5 table.
 *
 *   0.1 → 1 %,  α = 0.01, 80 % → 1 355 (table ≈1 360)
 *   0.5 → 1 %,  α = 0.01, 80 % → 5 976 (table ≈5 980)
 *   1 → 5 %,    α = 0.01, 80 % → 364   (table ≈360)
 *   0.1 → 0.5 %, α = 0.05, 80 % → 2 311 (table ≈2 310)
 */
export function sampleSizeTwoProportions(
  p0: number,
  p1: number,
  alpha: number,
  power: number
): number {
  checkSampleSizeArgs(p0, p1, alpha, power)
  const za = zUpper(alpha)
  const zb = zUpper(1 - power)
  const pbar = (p0 + p1) / 2
  const root =
    za * Math.sqrt(2 * pbar * (1 - pbar)) +
    zb * Math.sqrt(p0 * (1 - p0) + p1 * (1 - p1))
  return Math.ceil((root * root) / ((p1 - p0) * (p1 - p0)))
}

/**
 * sampleSizeOneProportion returns the n for a one-sided one-sample binomial
 * test of H0: p = p0 at level alpha to detect p1 with the given power
 * (normal approximation):
 * n = (z_α √(p0(1 − p0)) + z_β √(p1(1 − p1)))² / (p1 − p0)², rounded up.
 * These reproduce the tail-test column of the §5 table (share of canary
 * samples above the baseline's p99 or p95).
 *
 *   p99: 1 → 2 %,  α = 0.01, 80 % → 1 221 (table ≈1 220)
 *   p99: 1 → 3 %,  α = 0.01, 80 % → 352   (table ≈350)
 *   p95: 5 → 10 %, α = 0.01, 80 % → 231   (table ≈230)
 *   p95: 5 → 8 %,  α = 0.01, 80 % → 601   (table ≈600)
 */
export function sampleSizeOneProportion(
  p0: number,
  p1: number,
  alpha: number,
  power: number
): number {
  checkSampleSizeArgs(p0, p1, alpha, power)
  const za = zUpper(alpha)
  const zb = zUpper(1 - power)
  const root = za * Math.sqrt(p0 * (1 - p0)) + zb * Math.sqrt(p1 * (1 - p1))
  return Math.ceil((root * root) / ((p1 - p0) * (p1 - p0)))
}
