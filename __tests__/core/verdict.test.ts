import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { normalQuantile } from '../../src/core/stats.js'
import {
  bonferroniAlpha,
  combineVerdicts,
  DEFAULT_COMPARE_LATENCY_MIN_SAMPLES,
  defaultMinSamples,
  judgeCompareErrors,
  judgeCompareLatency,
  judgeErrorRateThreshold,
  judgeLatencyThreshold,
  judgeNoData,
  plannedLooks,
  type Judgement,
  type Verdict
} from '../../src/core/verdict.js'

/** Higher is better: a verdict "improves" when its rank goes up. */
const rank: Record<Verdict, number> = { fail: 0, inconclusive: 1, pass: 2 }

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i)
}

/**
 * A deterministic log-normal sample (median 100 ms, σ = 0.25): the n
 * quantiles at (i + offset)/n. Offsets 0.25 and 0.75 give two arms drawn
 * from the same distribution without being identical.
 */
function latencies(n: number, offset: number, median = 100): number[] {
  return Array.from(
    { length: n },
    (_, i) => median * Math.exp(0.25 * normalQuantile((i + offset) / n))
  )
}

/** Every reason is one lowercase line. */
function expectReason(j: Judgement<unknown>, ...parts: string[]): void {
  expect(j.reason).not.toMatch(/\n/)
  expect(j.reason[0]).toBe(j.reason[0]!.toLowerCase())
  for (const p of parts) expect(j.reason).toContain(p)
}

describe('defaultMinSamples, plannedLooks, bonferroniAlpha', () => {
  test.each([
    [0.01, 460],
    [0.005, 920],
    [0.001, 4600],
    [0.05, 92],
    [1 - 0.99, 460],
    [1 - 0.95, 92],
    [0, Infinity]
  ])('defaultMinSamples(%f) = %f', (rate, want) => {
    expect(defaultMinSamples(rate)).toBe(want)
  })

  test.each([
    [15 * 60_000, 60_000, 15],
    [2 * 60_000, 60_000, 2],
    [90_000, 60_000, 2],
    [0, 60_000, 1]
  ])('plannedLooks(%i, %i) = %i', (windowMs, intervalMs, want) => {
    expect(plannedLooks(windowMs, intervalMs)).toBe(want)
  })

  test.each([
    [0.01, 15, 0.01 / 15],
    [0.01, 1, 0.01],
    [0.01, 0, 0.01],
    [0.05, 2.5, 0.05 / 3]
  ])('bonferroniAlpha(%f, %f) = %f', (total, looks, want) => {
    expect(bonferroniAlpha(total, looks)).toBeCloseTo(want, 15)
  })

  test('invalid arguments throw', () => {
    expect(() => plannedLooks(60_000, 0)).toThrow(RangeError)
    expect(() => bonferroniAlpha(0, 3)).toThrow(RangeError)
    expect(() => bonferroniAlpha(0.01, NaN)).toThrow(RangeError)
  })

  test('L looks at α/L never spend more than α in total', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.0001, max: 0.5, noNaN: true }),
        fc.integer({ min: 0, max: 10_000 }),
        (alpha, looks) =>
          bonferroniAlpha(alpha, looks) * Math.max(1, looks) <=
          alpha * (1 + 1e-12)
      )
    )
  })
})

describe('judgeErrorRateThreshold', () => {
  // Doc-comment rows: max 1 %, α = 0.01, min_samples 460. Bounds are
  // Clopper-Pearson, referenced in stats.test.ts (python3 decimal bisection).
  test.each([
    [0, 460, 'pass', 'upper bound 0.996%'],
    [0, 100, 'inconclusive', '100 of 460 samples'],
    [15, 50, 'fail', 'lower bound 16.1%'],
    [3, 1000, 'inconclusive', 'upper bound 1.001%'],
    [2, 1000, 'pass', 'upper bound 0.838%'],
    [0, 0, 'inconclusive', 'no data']
  ] as const)('%i/%i errors → %s', (errors, n, verdict, text) => {
    const j = judgeErrorRateThreshold({ errors, n, maxRate: 0.01 })
    expect(j.verdict).toBe(verdict)
    expectReason(j, text)
  })

  test('figures carry the bounds and the settings', () => {
    const j = judgeErrorRateThreshold({ errors: 2, n: 1000, maxRate: 0.01 })
    expect(j.figures).toMatchObject({
      errors: 2,
      n: 1000,
      rate: 0.002,
      maxRate: 0.01,
      alpha: 0.01,
      minSamples: 460
    })
    // python3 decimal bisection: Clopper-Pearson upper of 2/1000 at 99 %.
    expect(j.figures.upper).toBeCloseTo(8.37906826474216e-3, 12)
    expect(j.figures.lower).toBeLessThan(0.002)
  })

  test('a bound below the threshold still waits for min_samples', () => {
    const j = judgeErrorRateThreshold({
      errors: 0,
      n: 400,
      maxRate: 0.05,
      minSamples: 500
    })
    expect(j.verdict).toBe('inconclusive')
    expectReason(j, 'but only 400 of 500 samples')
  })

  test('below ≈0.1 % the 4.6/rate default is a few samples short', () => {
    // python3 decimal: 1 − 0.01^(1/n) is 0.0010006 at n = 4600, 0.00099998 at 4603.
    const at = (n: number) =>
      judgeErrorRateThreshold({ errors: 0, n, maxRate: 0.001 }).verdict
    expect(at(4600)).toBe('inconclusive')
    expect(at(4602)).toBe('inconclusive')
    expect(at(4603)).toBe('pass')
  })

  test('per-look α: 30 % over 50 still fails, 0/460 no longer passes', () => {
    const alpha = bonferroniAlpha(0.01, 15)
    const fail = judgeErrorRateThreshold({
      errors: 15,
      n: 50,
      maxRate: 0.01,
      alpha
    })
    expect(fail.verdict).toBe('fail')
    // python3 decimal bisection: Clopper-Pearson lower of 15/50 at 1 − 0.01/15.
    expect(fail.figures.lower).toBeCloseTo(1.220715379437686e-1, 10)
    const clean = judgeErrorRateThreshold({
      errors: 0,
      n: 460,
      maxRate: 0.01,
      alpha
    })
    expect(clean.verdict).toBe('inconclusive')
    // 1 − (0.01/15)^(1/460), python3 decimal.
    expect(clean.figures.upper).toBeCloseTo(1.577259421421003e-2, 12)
    // ln(15/0.01)/−ln(0.99) ≈ 727.7 samples prove it.
    expect(
      judgeErrorRateThreshold({ errors: 0, n: 728, maxRate: 0.01, alpha })
        .verdict
    ).toBe('pass')
  })

  const input = fc
    .record({
      n: fc.integer({ min: 0, max: 20_000 }),
      e1: fc.nat(),
      e2: fc.nat(),
      maxRate: fc.constantFrom(0.001, 0.005, 0.01, 0.02, 0.05, 0.2),
      alpha: fc.constantFrom(0.01, 0.01 / 15, 0.05)
    })
    .map(({ n, e1, e2, maxRate, alpha }) => {
      const a = e1 % (n + 1)
      const b = e2 % (n + 1)
      return { n, fewer: Math.min(a, b), more: Math.max(a, b), maxRate, alpha }
    })

  test('more errors never make the verdict better', () => {
    fc.assert(
      fc.property(input, ({ n, fewer, more, maxRate, alpha }) => {
        const a = judgeErrorRateThreshold({ errors: fewer, n, maxRate, alpha })
        const b = judgeErrorRateThreshold({ errors: more, n, maxRate, alpha })
        return rank[b.verdict] <= rank[a.verdict]
      })
    )
  })

  test('bounds contain the observed rate; no data is never a fail', () => {
    fc.assert(
      fc.property(input, ({ n, more, maxRate, alpha }) => {
        const j = judgeErrorRateThreshold({ errors: more, n, maxRate, alpha })
        const f = j.figures
        const inside = f.lower <= f.rate && f.rate <= f.upper
        return n === 0 ? j.verdict === 'inconclusive' && inside : inside
      })
    )
  })
})

describe('judgeLatencyThreshold', () => {
  // Doc-comment rows; order-statistic ranks 982/998 for n = 1000, q = 0.99
  // are referenced in stats.test.ts (python3 fractions).
  test.each([
    {
      name: '1..1000',
      samplesMs: range(1, 1000),
      maxMs: 1000,
      verdict: 'pass',
      text: 'upper bound 998ms'
    },
    {
      name: '1..1000',
      samplesMs: range(1, 1000),
      maxMs: 900,
      verdict: 'fail',
      text: 'lower bound 982ms'
    },
    {
      name: '1..1000',
      samplesMs: range(1, 1000),
      maxMs: 990,
      verdict: 'inconclusive',
      text: 'upper bound 998ms'
    },
    {
      name: '1..100',
      samplesMs: range(1, 100),
      maxMs: 1000,
      verdict: 'inconclusive',
      text: 'before 459 samples'
    },
    {
      name: 'no samples',
      samplesMs: [],
      maxMs: 1000,
      verdict: 'inconclusive',
      text: 'no data'
    }
  ] as const)(
    'p99 of $name ms vs max $maxMs ms → $verdict',
    ({ samplesMs, maxMs, verdict, text }) => {
      const j = judgeLatencyThreshold({ samplesMs, q: 0.99, maxMs })
      expect(j.verdict).toBe(verdict)
      expectReason(j, text)
    }
  )

  test('figures: estimate and bounds, null when unbounded', () => {
    const j = judgeLatencyThreshold({
      samplesMs: range(1, 100).reverse(),
      q: 0.99,
      maxMs: 1000
    })
    expect(j.figures).toMatchObject({
      n: 100,
      // python3 fractions: P(Bin(100, 0.99) ≥ 96) = 0.99657 ≥ 0.99 > P(≥ 97).
      lowerMs: 96,
      upperMs: null,
      minSamples: 460
    })
    expect(j.figures.estimateMs).toBeCloseTo(99.01, 12)
    const none = judgeLatencyThreshold({ samplesMs: [], q: 0.95, maxMs: 1 })
    expect(none.figures).toMatchObject({
      estimateMs: null,
      lowerMs: null,
      upperMs: null,
      minSamples: 92
    })
  })

  test('p95 needs 90 samples for an upper bound, then min_samples', () => {
    const few = judgeLatencyThreshold({
      samplesMs: range(1, 90),
      q: 0.95,
      maxMs: 1000
    })
    expect(few.verdict).toBe('inconclusive')
    expectReason(few, 'but only 90 of 92 samples')
    const enough = judgeLatencyThreshold({
      samplesMs: range(1, 92),
      q: 0.95,
      maxMs: 1000
    })
    expect(enough.verdict).toBe('pass')
  })

  test('NaN samples are ignored, the input is not mutated', () => {
    const samples = [3, NaN, 1, 2]
    const j = judgeLatencyThreshold({ samplesMs: samples, q: 0.5, maxMs: 10 })
    expect(j.figures.n).toBe(3)
    expect(samples).toEqual([3, NaN, 1, 2])
  })

  test('slower samples never make the verdict better', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1, max: 2000, noNaN: true }), {
          maxLength: 1500
        }),
        fc.double({ min: 1, max: 3, noNaN: true }),
        fc.constantFrom(0.95, 0.99),
        fc.integer({ min: 50, max: 2000 }),
        (xs, factor, q, maxMs) => {
          const a = judgeLatencyThreshold({ samplesMs: xs, q, maxMs })
          const b = judgeLatencyThreshold({
            samplesMs: xs.map((x) => x * factor),
            q,
            maxMs
          })
          return rank[b.verdict] <= rank[a.verdict]
        }
      ),
      { numRuns: 60 }
    )
  })
})

describe('judgeCompareErrors', () => {
  // Doc-comment rows with the default margins (0.5 pp, 2×) and min_samples
  // 920. p-values are referenced in stats.test.ts.
  test.each([
    [30, 600, 1, 600, 'fail', 'z', '+4.83pp'],
    [4, 600, 0, 600, 'inconclusive', 'fisher', '600 and 600 of 920'],
    [20, 1000, 10, 1000, 'pass', 'z', 'no significant increase'],
    [12, 10000, 2, 10000, 'pass', 'z', 'within 0.5pp'],
    [1, 1000, 1, 1000, 'pass', 'fisher', 'fisher p=0.75'],
    [1, 600, 0, 0, 'inconclusive', 'fisher', 'no baseline data']
  ] as const)(
    'canary %i/%i vs baseline %i/%i → %s (%s)',
    (ce, cn, be, bn, verdict, testName, text) => {
      const j = judgeCompareErrors({
        canary: { errors: ce, n: cn },
        baseline: { errors: be, n: bn }
      })
      expect(j.verdict).toBe(verdict)
      expect(j.figures.test).toBe(testName)
      expectReason(j, text)
    }
  )

  test('figures of the failing row', () => {
    const j = judgeCompareErrors({
      canary: { errors: 30, n: 600 },
      baseline: { errors: 1, n: 600 }
    })
    expect(j.figures.significant).toBe(true)
    // python3: pooled z and 0.5·erfc(z/√2).
    expect(j.figures.z).toBeCloseTo(5.277163117083759, 12)
    expect(j.figures.pValue).toBeCloseTo(6.559954730731473e-8, 18)
    expect(j.figures.ratio).toBeCloseTo(30, 12)
    expect(j.figures.diff).toBeCloseTo(0.05 - 1 / 600, 15)
  })

  test('each margin alone can keep a significant increase from failing', () => {
    // Relative margin: 6 % vs 4 % is significant and +2 pp, but only 1.5×.
    const rel = judgeCompareErrors({
      canary: { errors: 600, n: 10000 },
      baseline: { errors: 400, n: 10000 }
    })
    expect(rel.figures.significant).toBe(true)
    expect(rel.verdict).toBe('pass')
    expectReason(rel, 'within 2×')
    // A tighter relative margin turns it into a fail.
    expect(
      judgeCompareErrors({
        canary: { errors: 600, n: 10000 },
        baseline: { errors: 400, n: 10000 },
        relMargin: 1.2
      }).verdict
    ).toBe('fail')
  })

  test('the baseline floor of 0.1 % caps the ratio of a clean baseline', () => {
    const j = judgeCompareErrors({
      canary: { errors: 8, n: 1000 },
      baseline: { errors: 0, n: 1000 }
    })
    expect(j.figures.ratio).toBeCloseTo(8, 12)
    expect(j.figures.test).toBe('fisher')
  })

  test('no data in either arm is inconclusive', () => {
    const j = judgeCompareErrors({
      canary: { errors: 0, n: 0 },
      baseline: { errors: 0, n: 0 }
    })
    expect(j.verdict).toBe('inconclusive')
    expectReason(j, 'no canary and baseline data')
    expectReason(
      judgeCompareErrors({
        canary: { errors: 0, n: 0 },
        baseline: { errors: 1, n: 10 }
      }),
      'no canary data'
    )
  })

  const arms = fc
    .record({
      cn: fc.integer({ min: 0, max: 3000 }),
      bn: fc.integer({ min: 0, max: 3000 }),
      c1: fc.nat(),
      c2: fc.nat(),
      b: fc.nat(),
      alpha: fc.constantFrom(0.01, 0.01 / 15, 0.05)
    })
    .map(({ cn, bn, c1, c2, b, alpha }) => {
      const x = c1 % (cn + 1)
      const y = c2 % (cn + 1)
      return {
        cn,
        bn,
        fewer: Math.min(x, y),
        more: Math.max(x, y),
        // Baseline error rates up to 20 %.
        be: bn === 0 ? 0 : b % (Math.floor(bn / 5) + 1),
        alpha
      }
    })

  test('more canary errors never make the verdict better', () => {
    fc.assert(
      fc.property(arms, ({ cn, bn, fewer, more, be, alpha }) => {
        const baseline = { errors: be, n: bn }
        const a = judgeCompareErrors({
          canary: { errors: fewer, n: cn },
          baseline,
          alpha
        })
        const b = judgeCompareErrors({
          canary: { errors: more, n: cn },
          baseline,
          alpha
        })
        return rank[b.verdict] <= rank[a.verdict]
      })
    )
  })

  test('p-values are in [0, 1]; a canary no worse than baseline never fails', () => {
    fc.assert(
      fc.property(arms, ({ cn, bn, more, be, alpha }) => {
        const j = judgeCompareErrors({
          canary: { errors: more, n: cn },
          baseline: { errors: be, n: bn },
          alpha
        })
        const { pValue, canaryRate, baselineRate } = j.figures
        const inRange = pValue >= 0 && pValue <= 1
        return canaryRate <= baselineRate
          ? inRange && j.verdict !== 'fail'
          : inRange
      })
    )
  })
})

describe('judgeCompareLatency', () => {
  const base = latencies(350, 0.25)
  const same = latencies(350, 0.75)
  const sortedSame = [...same].sort((a, b) => a - b)
  /** The slowest 15 % of the canary three times slower: a 3× tail regression. */
  const tail3x = sortedSame.map((x, i) =>
    i >= Math.floor(350 * 0.85) ? x * 3 : x
  )

  // Doc-comment rows.
  test.each([
    {
      name: 'same distribution',
      canaryMs: same,
      baselineMs: base,
      verdict: 'pass',
      text: 'in line with baseline'
    },
    {
      name: 'canary 1.3 × baseline',
      canaryMs: same.map((x) => x * 1.3),
      baselineMs: base,
      verdict: 'fail',
      text: '(×1.3 > ×1.1)'
    },
    {
      name: 'slowest 15 % ×3',
      canaryMs: tail3x,
      baselineMs: base,
      verdict: 'fail',
      text: 'tail 15.1% of canary above baseline p95'
    },
    {
      name: '10 vs 10',
      canaryMs: latencies(10, 0.75),
      baselineMs: latencies(10, 0.25),
      verdict: 'inconclusive',
      text: '10 and 10 of 231 samples'
    },
    {
      name: 'no canary samples',
      canaryMs: [],
      baselineMs: base,
      verdict: 'inconclusive',
      text: 'no canary latency data'
    }
  ] as const)('$name → $verdict', ({ canaryMs, baselineMs, verdict, text }) => {
    const j = judgeCompareLatency({ canaryMs, baselineMs })
    expect(j.verdict).toBe(verdict)
    expectReason(j, text)
  })

  test('a 3× tail regression at 350 per arm fails the tail test, not mann-whitney', () => {
    const j = judgeCompareLatency({ canaryMs: tail3x, baselineMs: base })
    expect(j.figures.tail).toMatchObject({
      quantile: 0.95,
      nominal: 0.05,
      exceedances: 53,
      fail: true
    })
    // python3 decimal: P(Bin(350, 0.05) ≥ 53).
    expect(j.figures.tail.pValue / 9.517135548975908e-13).toBeCloseTo(1, 10)
    expect(j.figures.mannWhitney.fail).toBe(false)
    expect(j.figures.mannWhitney.pValue).toBeGreaterThan(0.01)
    expect(j.figures.medianRatio).toBeLessThan(1.01)
  })

  test('p99 is used from 1 000 samples per arm', () => {
    const below = judgeCompareLatency({
      canaryMs: latencies(999, 0.75),
      baselineMs: latencies(1200, 0.25)
    })
    expect(below.figures.tail.quantile).toBe(0.95)
    const at = judgeCompareLatency({
      canaryMs: latencies(1000, 0.75),
      baselineMs: latencies(1000, 0.25)
    })
    expect(at.figures.tail).toMatchObject({ quantile: 0.99, nominal: 0.01 })
    expect(at.verdict).toBe('pass')
  })

  test('a significant shift within allowed_increase does not fail', () => {
    const j = judgeCompareLatency({
      canaryMs: same.map((x) => x * 1.05),
      baselineMs: base
    })
    expect(j.figures.mannWhitney.pValue).toBeLessThan(0.01)
    expect(j.figures.mannWhitney.fail).toBe(false)
    expect(j.verdict).toBe('pass')
  })

  test('small samples use the exact mann-whitney distribution', () => {
    const j = judgeCompareLatency({
      canaryMs: latencies(15, 0.5, 300),
      baselineMs: latencies(15, 0.5, 100)
    })
    expect(j.figures.mannWhitney.method).toBe('exact')
    expect(j.figures.mannWhitney.fail).toBe(true)
    expect(j.verdict).toBe('fail')
  })

  test('a zero baseline median gives an infinite ratio', () => {
    const j = judgeCompareLatency({
      canaryMs: Array(30).fill(5),
      baselineMs: Array(30).fill(0)
    })
    expect(j.figures.medianRatio).toBe(Infinity)
    expect(j.verdict).toBe('fail')
  })

  test('default min samples is the §5 p95 5 → 10 % row', () => {
    expect(DEFAULT_COMPARE_LATENCY_MIN_SAMPLES).toBe(231)
  })

  test('a larger canary slowdown never turns a fail into a pass', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 5, max: 600 }),
        fc.integer({ min: 5, max: 600 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (cn, bn, s1, s2, tailShare) => {
          const canary = latencies(cn, 0.75)
          const baseline = latencies(bn, 0.25)
          const [small, large] = s1 <= s2 ? [s1, s2] : [s2, s1]
          // Slow down the slowest `tailShare` of the canary by 1 + shift.
          const slow = (shift: number) => {
            const cut = Math.floor(cn * (1 - tailShare))
            return canary.map((x, i) => (i >= cut ? x * (1 + 2 * shift) : x))
          }
          const a = judgeCompareLatency({
            canaryMs: slow(small),
            baselineMs: baseline
          })
          const b = judgeCompareLatency({
            canaryMs: slow(large),
            baselineMs: baseline
          })
          return rank[b.verdict] <= rank[a.verdict]
        }
      ),
      { numRuns: 60 }
    )
  })

  test('p-values are in [0, 1] and no data is never a fail', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 5000, noNaN: true }), {
          maxLength: 300
        }),
        fc.array(fc.double({ min: 0, max: 5000, noNaN: true }), {
          maxLength: 300
        }),
        (canaryMs, baselineMs) => {
          const j = judgeCompareLatency({ canaryMs, baselineMs })
          const { mannWhitney, tail } = j.figures
          const ok =
            mannWhitney.pValue >= 0 &&
            mannWhitney.pValue <= 1 &&
            tail.pValue >= 0 &&
            tail.pValue <= 1
          return canaryMs.length === 0 || baselineMs.length === 0
            ? ok && j.verdict === 'inconclusive'
            : ok
        }
      ),
      { numRuns: 60 }
    )
  })
})

describe('judgeNoData', () => {
  const minute = 60_000
  test.each([
    [true, true, 6 * minute, true, 'fail'],
    [true, true, 4 * minute, true, 'inconclusive'],
    [true, true, 5 * minute, true, 'inconclusive'],
    [true, true, 6 * minute, false, 'inconclusive'],
    [true, false, 6 * minute, true, 'inconclusive'],
    [false, true, 60 * minute, true, 'inconclusive']
  ] as const)(
    'mustHaveData=%s validated=%s silent=%i baseline=%s → %s',
    (
      mustHaveData,
      validatedWithData,
      canarySilentMs,
      baselineHasData,
      verdict
    ) => {
      const j = judgeNoData({
        mustHaveData,
        validatedWithData,
        canarySilentMs,
        baselineHasData
      })
      expect(j.verdict).toBe(verdict)
      expectReason(j, `${Math.round(canarySilentMs / 1000)}s`)
    }
  )

  test('the silence window is configurable', () => {
    expect(
      judgeNoData({
        mustHaveData: true,
        validatedWithData: true,
        canarySilentMs: 61_000,
        baselineHasData: true,
        failAfterMs: 60_000
      }).verdict
    ).toBe('fail')
  })
})

describe('combineVerdicts', () => {
  test.each([
    [['pass', 'pass'], 'pass'],
    [['pass', 'inconclusive'], 'inconclusive'],
    [['inconclusive', 'fail', 'pass'], 'fail'],
    [[], 'pass']
  ] as const)('%j → %s', (verdicts, want) => {
    expect(combineVerdicts(verdicts)).toBe(want)
  })

  test('accepts judgements', () => {
    const j = judgeErrorRateThreshold({ errors: 15, n: 50, maxRate: 0.01 })
    expect(combineVerdicts([j, 'pass'])).toBe('fail')
  })

  const verdict = fc.constantFrom<Verdict>('pass', 'fail', 'inconclusive')

  test('any fail fails; the result is order-independent and the worst rank', () => {
    fc.assert(
      fc.property(fc.array(verdict, { minLength: 1 }), (vs) => {
        const got = combineVerdicts(vs)
        const worst = vs.reduce((w, v) => (rank[v] < rank[w] ? v : w))
        return got === worst && combineVerdicts([...vs].reverse()) === got
      })
    )
  })
})

describe('rollout scenarios (§5)', () => {
  test('0 errors in 460 samples passes a 1 % threshold', () => {
    expect(
      judgeErrorRateThreshold({ errors: 0, n: 460, maxRate: 0.01 }).verdict
    ).toBe('pass')
  })

  test('0 errors in 100 samples is inconclusive', () => {
    expect(
      judgeErrorRateThreshold({ errors: 0, n: 100, maxRate: 0.01 }).verdict
    ).toBe('inconclusive')
  })

  test('30 % errors over 50 samples fails fast, even at the per-look α', () => {
    for (const alpha of [0.01, bonferroniAlpha(0.01, 15)]) {
      expect(
        judgeErrorRateThreshold({ errors: 15, n: 50, maxRate: 0.01, alpha })
          .verdict
      ).toBe('fail')
    }
  })

  test('canary 5 % vs baseline ≈0.2 % over 600 each fails the compare', () => {
    for (const alpha of [0.01, bonferroniAlpha(0.01, 15)]) {
      const j = judgeCompareErrors({
        canary: { errors: 30, n: 600 },
        baseline: { errors: 1, n: 600 },
        alpha
      })
      expect(j.verdict).toBe('fail')
    }
  })

  test('a 3× tail regression at ~350 per arm fails the tail test while mann-whitney alone does not', () => {
    const baseline = latencies(350, 0.25)
    const canary = latencies(350, 0.75)
    const regressed = canary.map((x, i) => (i >= 297 ? x * 3 : x))
    const j = judgeCompareLatency({
      canaryMs: regressed,
      baselineMs: baseline,
      alpha: bonferroniAlpha(0.01, 15)
    })
    expect(j.verdict).toBe('fail')
    expect(j.figures.tail.fail).toBe(true)
    expect(j.figures.mannWhitney.fail).toBe(false)
  })

  test('a clean canary with a baseline passes both compares', () => {
    expect(
      judgeCompareErrors({
        canary: { errors: 1, n: 1000 },
        baseline: { errors: 2, n: 1000 }
      }).verdict
    ).toBe('pass')
    expect(
      judgeCompareLatency({
        canaryMs: latencies(900, 0.75),
        baselineMs: latencies(900, 0.25)
      }).verdict
    ).toBe('pass')
  })
})
