import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  binomialCdf,
  binomialTail,
  clopperPearsonLower,
  clopperPearsonUpper,
  erfc,
  fisherExactGreater,
  logBinomialPmf,
  mannWhitneyU,
  normalCdf,
  normalQuantile,
  quantile,
  quantileBounds,
  ruleOfThreeUpper,
  sampleSizeOneProportion,
  sampleSizeTwoProportions,
  twoProportionZ,
  wilsonBounds
} from '../../src/core/stats.js'

/** Relative distance, with an absolute floor for values near zero. */
function relErr(got: number, want: number): number {
  if (got === want) return 0
  return Math.abs(got - want) / Math.max(Math.abs(want), 1e-300)
}

function expectRel(got: number, want: number, tol: number): void {
  expect(relErr(got, want), `got ${got}, want ${want}`).toBeLessThanOrEqual(tol)
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i)
}

// Exact rational helpers for brute-force checks (BigInt, no rounding until
// the final division).
function choose(n: number, k: number): bigint {
  let r = 1n
  for (let i = 0; i < k; i++) r = (r * BigInt(n - i)) / BigInt(i + 1)
  return r
}

describe('erfc and normalCdf', () => {
  // Reference: python3 math.erfc (glibc, correctly rounded to ~1 ulp);
  // Φ(x) = 0.5·erfc(−x/√2).
  const erfcRows: [number, number][] = [
    [0, 1],
    [1, 0.15729920705028513],
    [-1, 1.842700792949715],
    [0.3, 0.6713732405408726],
    [1.4999, 0.03390674833770473],
    [1.5, 0.033894853524689274],
    [2, 0.004677734981047265],
    [5, 1.5374597944280351e-12],
    [10, 2.088487583762545e-45],
    [26.5, 2.2109076642637343e-307]
  ]
  test.each(erfcRows)('erfc(%f) matches glibc to 1e-13', (x, want) => {
    expectRel(erfc(x), want, 1e-13)
  })

  const cdfRows: [number, number][] = [
    [-37, 5.725571222525139e-300],
    [-20, 2.7536241186063314e-89],
    [-10, 7.619853024160593e-24],
    [-5, 2.866515718791946e-7],
    [-3, 0.0013498980316300957],
    [-1.959963984540054, 0.02500000000000002],
    [-1, 0.15865525393145707],
    [0, 0.5],
    [0.5, 0.6914624612740131],
    [1.5, 0.9331927987311419],
    [1.96, 0.9750021048517795],
    [3, 0.9986501019683699],
    [8, 0.9999999999999993]
  ]
  test.each(cdfRows)('normalCdf(%f) matches to 1e-12 relative', (x, want) => {
    expectRel(normalCdf(x), want, 1e-12)
  })

  test('doc rows', () => {
    expect(erfc(0)).toBe(1)
    expectRel(erfc(1), 0.157299207050285, 1e-14)
    expectRel(erfc(-1), 1.842700792949715, 1e-14)
    expectRel(erfc(5), 1.53745979442803e-12, 1e-13)
    expectRel(erfc(26.5), 2.21091e-307, 1e-5)
    expect(normalCdf(0)).toBe(0.5)
    expectRel(normalCdf(1.96), 0.97500210485178, 1e-13)
    expectRel(normalCdf(-2.326), 0.0100093, 1e-5)
    expectRel(normalCdf(-10), 7.61985302416e-24, 1e-11)
  })

  test('erfc(NaN) is NaN and far tails underflow to 0 and 2', () => {
    expect(erfc(NaN)).toBeNaN()
    expect(erfc(30)).toBe(0)
    expect(erfc(-30)).toBe(2)
  })

  test('normalCdf is monotone and within [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -40, max: 40, noNaN: true }),
        fc.double({ min: -40, max: 40, noNaN: true }),
        (a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a]
          const pl = normalCdf(lo)
          const ph = normalCdf(hi)
          return pl >= 0 && ph <= 1 && pl <= ph
        }
      )
    )
  })

  test('normalCdf(x) + normalCdf(−x) = 1', () => {
    fc.assert(
      fc.property(fc.double({ min: -8, max: 8, noNaN: true }), (x) => {
        return Math.abs(normalCdf(x) + normalCdf(-x) - 1) < 1e-15
      })
    )
  })
})

describe('normalQuantile', () => {
  // Reference: Newton iterations on Φ(x) = p with Φ from python3 math.erfc,
  // started from statistics.NormalDist.inv_cdf (so independent of AS241's
  // coefficients once converged).
  const rows: [number, number][] = [
    [1e-300, -37.0470962993612],
    [1e-20, -9.262340089798409],
    [1e-10, -6.361340902404057],
    [1e-6, -4.7534243088229],
    [0.001, -3.0902323061678136],
    [0.01, -2.326347874040841],
    [0.025, -1.9599639845400545],
    [0.05, -1.644853626951473],
    [0.2, -0.8416212335729142],
    [0.5, 0],
    [0.8, 0.8416212335729144],
    [0.975, 1.9599639845400536],
    [0.99, 2.3263478740408408],
    [0.999999, 4.753424308817089]
  ]
  test.each(rows)('normalQuantile(%f) matches to 1e-12', (p, want) => {
    expect(Math.abs(normalQuantile(p) - want)).toBeLessThanOrEqual(
      1e-12 * Math.max(1, Math.abs(want))
    )
  })

  test('doc rows', () => {
    expect(normalQuantile(0.5)).toBe(0)
    expectRel(normalQuantile(0.975), 1.959963984540054, 1e-14)
    expectRel(normalQuantile(0.01), -2.326347874040841, 1e-14)
    expectRel(normalQuantile(0.2), -0.841621233572914, 1e-14)
    expectRel(normalQuantile(1e-10), -6.361340902404056, 1e-14)
  })

  test('edges: 0 and 1 are infinite, outside [0, 1] throws', () => {
    expect(normalQuantile(0)).toBe(-Infinity)
    expect(normalQuantile(1)).toBe(Infinity)
    expect(() => normalQuantile(-0.1)).toThrow(RangeError)
    expect(() => normalQuantile(1.1)).toThrow(RangeError)
    expect(() => normalQuantile(NaN)).toThrow(RangeError)
  })

  test('inverts normalCdf (to 1e-9)', () => {
    fc.assert(
      fc.property(fc.double({ min: -37, max: 5, noNaN: true }), (x) => {
        return (
          Math.abs(normalQuantile(normalCdf(x)) - x) <=
          1e-9 * Math.max(1, Math.abs(x))
        )
      })
    )
  })
})

describe('binomial distribution', () => {
  // Reference: python3 decimal at 60 digits: exact math.comb(n, k) times
  // Decimal powers of p and 1 − p, summed until terms fall below 1e-40 of
  // the sum.
  const logPmfRows: [number, number, number, number][] = [
    [0, 460, 0.01, -4.623154492610663],
    [5, 10, 0.5, -1.4020427180880297],
    [1000, 1e6, 0.001, -4.372399255942922],
    [3, 7, 0.2, -2.1655398810697264],
    [123456, 1e6, 0.123, -7.677670898469522]
  ]
  test.each(logPmfRows)(
    'logBinomialPmf(%i, %i, %f) to 1e-13',
    (k, n, p, want) => {
      expectRel(logBinomialPmf(k, n, p), want, 1e-13)
    }
  )

  const tailRows: [number, number, number, number][] = [
    [1, 460, 0.01, 0.9901782355409697],
    [6, 10, 0.5, 3.76953125e-1],
    [53, 350, 0.05, 9.517135548975908e-13],
    [1100, 1e6, 0.001, 9.574669700285397e-4],
    [15, 50, 0.01, 1.6190464036276327e-18],
    [200, 1000, 0.05, 7.860594399784116e-63],
    [500800, 1e6, 0.5, 0.05491027825307471],
    [3, 100, 0.01, 0.07937320225218034]
  ]
  test.each(tailRows)(
    'binomialTail(%i, %i, %f) to 1e-12 relative',
    (k, n, p, want) => {
      expectRel(binomialTail(k, n, p), want, 1e-12)
    }
  )

  const cdfRows: [number, number, number, number][] = [
    [0, 460, 0.01, 0.00982176445903022],
    [5, 10, 0.5, 6.23046875e-1],
    [900, 1e6, 0.001, 0.0006940154622868569],
    [2, 1000, 0.01, 2.679431993791534e-3],
    [499000, 1e6, 0.5, 0.02280414993269104]
  ]
  test.each(cdfRows)(
    'binomialCdf(%i, %i, %f) to 1e-12 relative',
    (k, n, p, want) => {
      expectRel(binomialCdf(k, n, p), want, 1e-12)
    }
  )

  test('doc rows', () => {
    expectRel(logBinomialPmf(0, 460, 0.01), 460 * Math.log(0.99), 1e-14)
    expectRel(logBinomialPmf(5, 10, 0.5), Math.log(252 / 1024), 1e-14)
    expectRel(logBinomialPmf(1000, 1e6, 0.001), -4.372399, 1e-6)
    expect(binomialTail(0, 17, 0.3)).toBe(1)
    expectRel(binomialTail(1, 460, 0.01), 1 - 0.99 ** 460, 1e-14)
    expect(binomialTail(6, 10, 0.5)).toBeCloseTo(386 / 1024, 15)
    expectRel(binomialTail(53, 350, 0.05), 9.5171e-13, 1e-4)
    expectRel(binomialTail(1100, 1e6, 0.001), 9.5747e-4, 1e-4)
    expect(binomialCdf(-1, 17, 0.3)).toBe(0)
    expectRel(binomialCdf(0, 460, 0.01), 0.99 ** 460, 1e-13)
    expect(binomialCdf(5, 10, 0.5)).toBeCloseTo(638 / 1024, 15)
    expectRel(binomialCdf(900, 1e6, 1e-3), 6.9402e-4, 1e-4)
  })

  test('edges: p = 0, p = 1, k outside the support', () => {
    expect(binomialTail(1, 10, 0)).toBe(0)
    expect(binomialTail(10, 10, 1)).toBe(1)
    expect(binomialTail(11, 10, 0.5)).toBe(0)
    expect(binomialTail(2.5, 10, 0.5)).toBe(binomialTail(3, 10, 0.5))
    expect(binomialCdf(0, 10, 0)).toBe(1)
    expect(binomialCdf(9, 10, 1)).toBe(0)
    expect(binomialCdf(10, 10, 0.5)).toBe(1)
    expect(logBinomialPmf(11, 10, 0.5)).toBe(-Infinity)
    expect(logBinomialPmf(0, 0, 0.5)).toBe(0)
    expect(logBinomialPmf(1, 10, 0)).toBe(-Infinity)
    expect(logBinomialPmf(10, 10, 1)).toBe(0)
    expect(logBinomialPmf(10, 10, 0.95)).toBeCloseTo(10 * Math.log(0.95), 14)
    expect(() => binomialTail(1, -1, 0.5)).toThrow(RangeError)
    expect(() => binomialTail(1, 10, 1.5)).toThrow(RangeError)
  })

  test('matches exact BigInt sums for small n (1e-13 relative)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 99 }),
        fc.nat(),
        (n, a, kSeed) => {
          const k = kSeed % (n + 2)
          const b = 100
          let num = 0n
          for (let j = k; j <= n; j++) {
            num +=
              choose(n, j) *
              BigInt(a) ** BigInt(j) *
              BigInt(b - a) ** BigInt(n - j)
          }
          const want = Number(num) / Number(BigInt(b) ** BigInt(n))
          const got = binomialTail(k, n, a / b)
          return want === 0 ? got < 1e-300 : relErr(got, want) < 1e-13
        }
      )
    )
  })

  test('tail is in [0, 1], decreasing in k and increasing in p', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20000 }),
        fc.nat(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, kSeed, p1, p2) => {
          const k = kSeed % (n + 1)
          const t = binomialTail(k, n, p1)
          const t1 = binomialTail(k + 1, n, p1)
          const [lo, hi] = p1 <= p2 ? [p1, p2] : [p2, p1]
          return (
            t >= 0 &&
            t <= 1 &&
            t1 <= t &&
            binomialTail(k, n, lo) <= binomialTail(k, n, hi) + 1e-15
          )
        }
      )
    )
  })

  test('tail(k) + cdf(k − 1) = 1', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.nat(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, kSeed, p) => {
          const k = kSeed % (n + 1)
          return (
            Math.abs(binomialTail(k, n, p) + binomialCdf(k - 1, n, p) - 1) <
            1e-12
          )
        }
      ),
      { numRuns: 50 }
    )
  })
})

describe('bounds for a proportion', () => {
  // Reference: python3 decimal (60 digits) bisection, 120 steps, on the
  // exact binomial CDF/tail described above.
  const upperRows: [number, number, number, number][] = [
    [0, 460, 0.99, 0.009961293887814407],
    [0, 100, 0.99, 0.04500741397856405],
    [0, 300, 0.95, 0.009936081944457713],
    [3, 1000, 0.99, 0.010009791991707748],
    [1000, 1e6, 0.99, 0.0010760286702328622],
    [1, 600, 0.95, 0.007881816463574883],
    [2, 1000, 0.99, 8.37906826474216e-3]
  ]
  test.each(upperRows)(
    'clopperPearsonUpper(%i, %i, %f) to 1e-10',
    (x, n, c, want) => {
      expectRel(clopperPearsonUpper(x, n, c), want, 1e-10)
    }
  )

  const lowerRows: [number, number, number, number][] = [
    [15, 50, 0.99, 0.16069751685794811],
    [30, 600, 0.99, 0.03150948457124518],
    [460, 460, 0.99, 0.9900387061121856],
    [1000, 1e6, 0.99, 0.0009279411522469738],
    [1, 600, 0.95, 8.54851699138662e-5],
    [30, 50, 0.99, 4.263327994489413e-1]
  ]
  test.each(lowerRows)(
    'clopperPearsonLower(%i, %i, %f) to 1e-10',
    (x, n, c, want) => {
      expectRel(clopperPearsonLower(x, n, c), want, 1e-10)
    }
  )

  test('clopper-pearson doc rows and edges', () => {
    expectRel(clopperPearsonUpper(0, 460, 0.99), 0.0099613, 1e-4)
    expect(clopperPearsonUpper(0, 460, 0.99)).toBeLessThan(0.01)
    expectRel(clopperPearsonUpper(0, 100, 0.99), 0.0450074, 1e-6)
    expectRel(clopperPearsonUpper(0, 300, 0.95), 0.0099361, 1e-4)
    expectRel(clopperPearsonUpper(3, 1000, 0.99), 0.0100098, 1e-5)
    expect(clopperPearsonLower(0, 50, 0.99)).toBe(0)
    expectRel(clopperPearsonLower(15, 50, 0.99), 0.1606975, 1e-6)
    expectRel(clopperPearsonLower(30, 600, 0.99), 0.0315095, 1e-5)
    expectRel(clopperPearsonLower(460, 460, 0.99), 0.9900387, 1e-6)
    expect(clopperPearsonUpper(0, 0, 0.99)).toBe(1)
    expect(clopperPearsonUpper(5, 5, 0.99)).toBe(1)
    expect(() => clopperPearsonUpper(6, 5, 0.99)).toThrow(RangeError)
    expect(() => clopperPearsonUpper(1, 5, 1)).toThrow(RangeError)
  })

  // Reference: python3, the Wilson formula with z = NormalDist().inv_cdf(c).
  const wilsonRows: [number, number, number, number, number][] = [
    [0, 460, 0.99, 0, 0.011628182467640073],
    [15, 50, 0.99, 0.17499424034258873, 0.4640724220527064],
    [5, 1000, 0.95, 0.002435929300642035, 0.010235331506720877],
    [600, 600, 0.99, 0.9910608059061341, 1]
  ]
  test.each(wilsonRows)(
    'wilsonBounds(%i, %i, %f) to 1e-12',
    (x, n, c, lower, upper) => {
      const b = wilsonBounds(x, n, c)
      expectRel(b.lower, lower, 1e-12)
      expectRel(b.upper, upper, 1e-12)
    }
  )

  test('wilson doc rows', () => {
    expect(wilsonBounds(0, 0, 0.99)).toEqual({ lower: 0, upper: 1 })
    const w = wilsonBounds(0, 460, 0.99)
    expect(w.lower).toBe(0)
    // Looser than the exact bound: zero errors in 460 do not prove 1 % with Wilson.
    expect(w.upper).toBeGreaterThan(0.01)
  })

  test('rule of three rows (§5)', () => {
    expectRel(ruleOfThreeUpper(300, 0.95), 0.009986, 1e-3)
    expectRel(ruleOfThreeUpper(1000, 0.95), 0.002996, 1e-3)
    expectRel(ruleOfThreeUpper(3000, 0.95), 0.000999, 1e-3)
    expectRel(ruleOfThreeUpper(460, 0.99), 0.010011, 1e-4)
    expect(ruleOfThreeUpper(0)).toBe(1)
    expect(ruleOfThreeUpper(460, 0.99)).toBeGreaterThan(
      clopperPearsonUpper(0, 460, 0.99)
    )
  })

  const countAndN = fc
    .tuple(fc.integer({ min: 1, max: 5000 }), fc.nat())
    .map(([n, s]) => ({ n, x: s % (n + 1) }))
  const confidence = fc.constantFrom(0.8, 0.9, 0.95, 0.99, 0.999, 0.9999)

  test('bounds contain the point estimate and stay in [0, 1]', () => {
    fc.assert(
      fc.property(countAndN, confidence, ({ x, n }, c) => {
        const phat = x / n
        const lo = clopperPearsonLower(x, n, c)
        const hi = clopperPearsonUpper(x, n, c)
        const w = wilsonBounds(x, n, c)
        return (
          lo >= 0 &&
          lo <= phat &&
          phat <= hi &&
          hi <= 1 &&
          w.lower >= 0 &&
          w.lower <= phat + 1e-15 &&
          phat <= w.upper + 1e-15 &&
          w.upper <= 1
        )
      })
    )
  })

  test('higher confidence widens the bounds', () => {
    fc.assert(
      fc.property(countAndN, confidence, confidence, ({ x, n }, c1, c2) => {
        const [lo, hi] = c1 <= c2 ? [c1, c2] : [c2, c1]
        return (
          clopperPearsonUpper(x, n, lo) <= clopperPearsonUpper(x, n, hi) &&
          clopperPearsonLower(x, n, lo) >= clopperPearsonLower(x, n, hi) &&
          wilsonBounds(x, n, lo).upper <= wilsonBounds(x, n, hi).upper
        )
      })
    )
  })

  test('more successes raise both bounds; more trials lower the upper one', () => {
    fc.assert(
      fc.property(countAndN, confidence, ({ x, n }, c) => {
        if (x === n) return true
        return (
          clopperPearsonUpper(x + 1, n, c) >= clopperPearsonUpper(x, n, c) &&
          clopperPearsonLower(x + 1, n, c) >= clopperPearsonLower(x, n, c) &&
          clopperPearsonUpper(x, n + 1, c) <= clopperPearsonUpper(x, n, c)
        )
      })
    )
  })

  test('the exact upper bound has its nominal coverage: P(X ≤ x; upper) = α', () => {
    fc.assert(
      fc.property(countAndN, confidence, ({ x, n }, c) => {
        if (x === n) return true
        const u = clopperPearsonUpper(x, n, c)
        return Math.abs(binomialCdf(x, n, u) - (1 - c)) < 1e-9
      })
    )
  })
})

describe('two-proportion tests', () => {
  // Reference: python3 fractions, exact sum of math.comb(K, x)·math.comb(N −
  // K, n − x) / math.comb(N, n).
  const fisherRows: [number, number, number, number, number][] = [
    [3, 0, 0, 3, 0.05],
    [5, 95, 0, 100, 1164 / 39203],
    [0, 600, 1, 599, 1],
    [4, 596, 0, 600, 59501 / 956802],
    [7, 593, 1, 599, 0.034700715176152745],
    [2, 8, 1, 9, 0.5],
    [10, 990, 2, 998, 0.0190056237464257],
    [12, 9988, 2, 9998, 0.006454737725077612],
    [1, 999, 1, 999, 0.7501250625312657]
  ]
  test.each(fisherRows)(
    'fisherExactGreater(%i, %i, %i, %i) to 1e-12',
    (a, b, c, d, want) => {
      expectRel(fisherExactGreater(a, b, c, d), want, 1e-12)
    }
  )

  test('fisher edges: empty table, no events, all events', () => {
    expect(fisherExactGreater(0, 0, 0, 0)).toBe(1)
    expect(fisherExactGreater(0, 10, 0, 10)).toBe(1)
    expect(fisherExactGreater(10, 0, 10, 0)).toBe(1)
    expect(fisherExactGreater(0, 0, 3, 4)).toBe(1)
    expect(() => fisherExactGreater(-1, 0, 0, 0)).toThrow(RangeError)
  })

  const table = fc.record({
    a: fc.integer({ min: 0, max: 40 }),
    b: fc.integer({ min: 0, max: 40 }),
    c: fc.integer({ min: 0, max: 40 }),
    d: fc.integer({ min: 0, max: 40 })
  })

  test('fisher matches the exact BigInt hypergeometric sum (1e-12)', () => {
    fc.assert(
      fc.property(table, ({ a, b, c, d }) => {
        const bigN = a + b + c + d
        const bigK = a + c
        const draws = a + b
        if (bigN === 0) return fisherExactGreater(a, b, c, d) === 1
        let num = 0n
        for (let x = a; x <= Math.min(bigK, draws); x++) {
          num += choose(bigK, x) * choose(bigN - bigK, draws - x)
        }
        const want = Number(num) / Number(choose(bigN, draws))
        return relErr(fisherExactGreater(a, b, c, d), want) < 1e-12
      })
    )
  })

  test('fisher: moving a group-1 case from non-event to event lowers p', () => {
    fc.assert(
      fc.property(table, ({ a, b, c, d }) => {
        if (b === 0) return true
        const p = fisherExactGreater(a, b, c, d)
        const q = fisherExactGreater(a + 1, b - 1, c, d)
        return q <= p + 1e-15 && q >= 0 && p <= 1
      })
    )
  })

  // Reference: python3, the pooled formula with 0.5·math.erfc(z/√2).
  const zRows: [number, number, number, number, number, number][] = [
    [30, 600, 1, 600, 5.277163117083759, 6.559954730731473e-8],
    [20, 1000, 10, 1000, 1.839590920463876, 0.03291415918759531],
    [12, 600, 6, 600, 1.4249409997581928, 0.07708712836172123],
    [5, 1000, 10, 1000, -1.295863081156707, 0.9024886697328746],
    [12, 10000, 2, 10000, 2.6735483248501146, 0.0037526730923644488]
  ]
  test.each(zRows)('twoProportionZ(%i, %i, %i, %i)', (x1, n1, x2, n2, z, p) => {
    const r = twoProportionZ(x1, n1, x2, n2)
    expectRel(r.z, z, 1e-13)
    expectRel(r.pValue, p, 1e-12)
  })

  test('twoProportionZ degenerate cases carry no evidence', () => {
    expect(twoProportionZ(0, 600, 0, 600)).toEqual({ z: 0, pValue: 1 })
    expect(twoProportionZ(600, 600, 600, 600)).toEqual({ z: 0, pValue: 1 })
    expect(twoProportionZ(3, 10, 0, 0)).toEqual({ z: 0, pValue: 1 })
    expect(twoProportionZ(10, 1000, 10, 1000)).toEqual({ z: 0, pValue: 0.5 })
  })

  test('z-test p is in [0, 1] and falls as the first group gets more events', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.nat(),
        fc.nat(),
        (n1, n2, s1, s2) => {
          const x1 = s1 % n1 // leaves room for x1 + 1
          const x2 = s2 % (n2 + 1)
          const p = twoProportionZ(x1, n1, x2, n2).pValue
          const q = twoProportionZ(x1 + 1, n1, x2, n2).pValue
          // All events in both arms is degenerate (no variance, p = 1).
          const degenerate = x1 + 1 + x2 === n1 + n2
          return p >= 0 && p <= 1 && (q <= p + 1e-12 || degenerate)
        }
      )
    )
  })
})

describe('mannWhitneyU', () => {
  // Reference: python3, exact permutation distribution of the midrank sum
  // counted with fractions.Fraction by dynamic programming.
  test('exact rows', () => {
    const a = mannWhitneyU([4, 5, 6], [1, 2, 3])
    expect([a.u, a.method]).toEqual([9, 'exact'])
    expect(a.pValue).toBeCloseTo(1 / 20, 15)
    const b = mannWhitneyU([1, 2, 3], [4, 5, 6])
    expect([b.u, b.pValue]).toEqual([0, 1])
    const c = mannWhitneyU([2, 2, 3], [1, 2, 2])
    expect(c.u).toBe(7)
    expect(c.pValue).toBeCloseTo(3 / 10, 15)
    const d = mannWhitneyU(
      range(1, 20).map((x) => x * 1.5),
      range(1, 20)
    )
    expect(d.u).toBe(270)
    expectRel(d.pValue, 310473601 / 10603579140, 1e-13)
    const e = mannWhitneyU([1, 3, 5, 7, 9, 11, 13], [2, 4, 6, 8, 10])
    expect(e.u).toBe(20)
    expectRel(e.pValue, 299 / 792, 1e-14)
  })

  // Reference: python3, U from midranks, σ with the tie term, z with −0.5
  // continuity correction, p = 0.5·erfc(z/√2).
  test('normal rows', () => {
    const a = mannWhitneyU(range(21, 40), range(1, 25))
    expect([a.u, a.method]).toEqual([487.5, 'normal'])
    expectRel(a.z, 5.414353247370794, 1e-13)
    expectRel(a.pValue, 3.0755313519098626e-8, 1e-12)
    const b = mannWhitneyU(
      range(0, 29).map((v) => v % 7),
      range(0, 39).map((v) => v % 5)
    )
    expect(b.u).toBe(736)
    expectRel(b.z, 1.6311695771054382, 1e-13)
    expectRel(b.pValue, 0.05142727139189854, 1e-12)
  })

  test('empty or fully tied samples carry no evidence', () => {
    expect(mannWhitneyU([], [1, 2])).toEqual({
      u: 0,
      z: 0,
      pValue: 1,
      method: 'none'
    })
    const tied = mannWhitneyU(Array(30).fill(5), Array(30).fill(5))
    expect(tied.pValue).toBe(1)
    expect(tied.u).toBe(450)
  })

  const small = fc.array(fc.integer({ min: 0, max: 6 }), {
    minLength: 1,
    maxLength: 6
  })

  test('exact p matches brute-force enumeration of all splits (with ties)', () => {
    fc.assert(
      fc.property(small, small, (xs, ys) => {
        const all = [...xs, ...ys]
        const n1 = xs.length
        const uOf = (a: number[], b: number[]) => {
          let u = 0
          for (const x of a)
            for (const y of b) u += x > y ? 1 : x === y ? 0.5 : 0
          return u
        }
        const observed = uOf(xs, ys)
        let hits = 0
        let total = 0
        const pick = (start: number, chosen: number[]) => {
          if (chosen.length === n1) {
            const a = chosen.map((i) => all[i]!)
            const b = all.filter((_, i) => !chosen.includes(i))
            total++
            if (uOf(a, b) >= observed - 1e-9) hits++
            return
          }
          for (let i = start; i < all.length; i++) pick(i + 1, [...chosen, i])
        }
        pick(0, [])
        const r = mannWhitneyU(xs, ys)
        return r.u === observed && Math.abs(r.pValue - hits / total) < 1e-12
      })
    )
  })

  const sample = fc.array(fc.double({ min: 1, max: 1000, noNaN: true }), {
    minLength: 1,
    maxLength: 60
  })

  test('U(x, y) + U(y, x) = n₁n₂ and p is in [0, 1]', () => {
    fc.assert(
      fc.property(sample, sample, (xs, ys) => {
        const a = mannWhitneyU(xs, ys)
        const b = mannWhitneyU(ys, xs)
        return (
          a.u + b.u === xs.length * ys.length && a.pValue >= 0 && a.pValue <= 1
        )
      })
    )
  })

  test('shifting xs up never raises the p-value', () => {
    fc.assert(
      fc.property(
        sample,
        sample,
        fc.double({ min: 0, max: 500, noNaN: true }),
        (xs, ys, shift) => {
          const p = mannWhitneyU(xs, ys).pValue
          const q = mannWhitneyU(
            xs.map((x) => x + shift),
            ys
          ).pValue
          return q <= p + 1e-9
        }
      )
    )
  })
})

describe('quantiles', () => {
  test('quantile doc rows (type 7)', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5)
    expect(quantile([10, 20, 30], 0.95)).toBeCloseTo(29, 12)
    expect(quantile(range(1, 100), 0.99)).toBeCloseTo(99.01, 12)
    expect(quantile([7], 0.99)).toBe(7)
    expect(quantile([], 0.5)).toBeNaN()
    expect(quantile([1, 2, 3], 0)).toBe(1)
    expect(quantile([1, 2, 3], 1)).toBe(3)
    expect(() => quantile([1], 1.5)).toThrow(RangeError)
  })

  // Reference: python3 fractions, exact binomial tails Σ C(n, k) qᵏ (1 −
  // q)ⁿ⁻ᵏ with q as a Fraction, then the largest l with P(Bin ≥ l) ≥ 0.99
  // and the smallest u with P(Bin ≤ u − 1) ≥ 0.99.
  const rankRows: [number, number, number, number][] = [
    [100, 0.95, 89, 100],
    [459, 0.99, 449, 459],
    [458, 0.99, 448, 459],
    [1000, 0.99, 982, 998],
    [50, 0.95, 43, 51],
    [90, 0.95, 80, 90],
    [89, 0.95, 79, 90],
    [350, 0.95, 322, 342]
  ]
  test.each(rankRows)(
    'quantileBounds(n=%i, q=%f) at 0.99 uses ranks %i and %i',
    (n, q, lowerRank, upperRank) => {
      const b = quantileBounds(range(1, n), q, 0.99)
      expect(b.lowerRank).toBe(lowerRank)
      expect(b.upperRank).toBe(upperRank)
      expect(b.lower).toBe(lowerRank === 0 ? -Infinity : lowerRank)
      expect(b.upper).toBe(upperRank > n ? Infinity : upperRank)
    }
  )

  test('quantileBounds edges', () => {
    expect(quantileBounds([], 0.99, 0.99)).toEqual({
      lower: -Infinity,
      upper: Infinity,
      lowerRank: 0,
      upperRank: 1
    })
    expect(quantileBounds([5], 0.5, 0.99).lowerRank).toBe(0)
    expect(() => quantileBounds([2, 1], 0.5, 0.99)).toThrow(RangeError)
  })

  test('bounds bracket the order-statistic estimate X₍⌈nq⌉₎', () => {
    // Not the type-7 estimate: with n = 2 the 90 % lower bound of a p99 is
    // X₍₂₎, above the interpolated quantile.
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e4, noNaN: true }), {
          minLength: 1,
          maxLength: 2000
        }),
        fc.constantFrom(0.5, 0.9, 0.95, 0.99),
        fc.constantFrom(0.9, 0.95, 0.99),
        (xs, q, c) => {
          const sorted = [...xs].sort((a, b) => a - b)
          const n = sorted.length
          const b = quantileBounds(sorted, q, c)
          const k = Math.max(1, Math.ceil(n * q - 1e-9))
          const est = sorted[k - 1]!
          return (
            b.lower <= est &&
            est <= b.upper &&
            b.lowerRank <= k &&
            k <= b.upperRank
          )
        }
      ),
      { numRuns: 50 }
    )
  })

  test('ranks are the tightest with the promised coverage', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3000 }),
        fc.constantFrom(0.5, 0.9, 0.95, 0.99),
        fc.constantFrom(0.9, 0.95, 0.99),
        (n, q, c) => {
          const b = quantileBounds(range(1, n), q, c)
          const lowerOk =
            b.lowerRank === 0
              ? binomialTail(1, n, q) < c
              : binomialTail(b.lowerRank, n, q) >= c &&
                (b.lowerRank === n || binomialTail(b.lowerRank + 1, n, q) < c)
          const upperOk =
            b.upperRank === n + 1
              ? binomialCdf(n - 1, n, q) < c
              : binomialCdf(b.upperRank - 1, n, q) >= c &&
                (b.upperRank === 1 || binomialCdf(b.upperRank - 2, n, q) < c)
          return lowerOk && upperOk
        }
      ),
      { numRuns: 50 }
    )
  })
})

describe('sample sizes (§5 table)', () => {
  // Rows of ROLLOUT-SEMANTICS §5, "≈" values per arm at 80 % power.
  const twoRows: [number, number, number, number][] = [
    [0.001, 0.01, 0.01, 1360],
    [0.001, 0.005, 0.01, 3750],
    [0.005, 0.01, 0.01, 5980],
    [0.01, 0.02, 0.01, 2970],
    [0.01, 0.05, 0.01, 360],
    [0.001, 0.01, 0.05, 830],
    [0.001, 0.005, 0.05, 2310],
    [0.005, 0.01, 0.05, 3680],
    [0.01, 0.02, 0.05, 1830],
    [0.01, 0.05, 0.05, 220]
  ]
  test.each(twoRows)(
    'error rate %f → %f at α=%f needs ≈%i per arm',
    (p0, p1, alpha, want) => {
      const n = sampleSizeTwoProportions(p0, p1, alpha, 0.8)
      expect(Math.abs(n - want) / want).toBeLessThan(0.02)
    }
  )

  const tailRows: [number, number, number][] = [
    [0.01, 0.02, 1220],
    [0.01, 0.03, 350],
    [0.01, 0.05, 110],
    [0.05, 0.1, 230],
    [0.05, 0.08, 600]
  ]
  test.each(tailRows)(
    'tail share %f → %f at α=0.01 needs ≈%i',
    (p0, p1, want) => {
      const n = sampleSizeOneProportion(p0, p1, 0.01, 0.8)
      expect(Math.abs(n - want) / want).toBeLessThan(0.02)
    }
  )

  test('doc rows (exact values of the formulas)', () => {
    expect(sampleSizeTwoProportions(0.001, 0.01, 0.01, 0.8)).toBe(1355)
    expect(sampleSizeTwoProportions(0.005, 0.01, 0.01, 0.8)).toBe(5976)
    expect(sampleSizeTwoProportions(0.01, 0.05, 0.01, 0.8)).toBe(364)
    expect(sampleSizeTwoProportions(0.001, 0.005, 0.05, 0.8)).toBe(2311)
    expect(sampleSizeOneProportion(0.01, 0.02, 0.01, 0.8)).toBe(1221)
    expect(sampleSizeOneProportion(0.01, 0.03, 0.01, 0.8)).toBe(352)
    expect(sampleSizeOneProportion(0.05, 0.1, 0.01, 0.8)).toBe(231)
    expect(sampleSizeOneProportion(0.05, 0.08, 0.01, 0.8)).toBe(601)
    expect(() => sampleSizeOneProportion(0.05, 0.05, 0.01, 0.8)).toThrow(
      RangeError
    )
    expect(() => sampleSizeTwoProportions(0.01, 0.02, 0, 0.8)).toThrow(
      RangeError
    )
    expect(() => sampleSizeTwoProportions(0.01, 0.02, 0.01, 1)).toThrow(
      RangeError
    )
  })

  test('smaller effects, smaller alpha or more power need more samples', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.0005, max: 0.2, noNaN: true }),
        fc.double({ min: 1.2, max: 5, noNaN: true }),
        (p0, k) => {
          const p1 = Math.min(0.99, p0 * k)
          const nearer = p0 + (p1 - p0) / 2
          const n = sampleSizeTwoProportions(p0, p1, 0.01, 0.8)
          return (
            sampleSizeTwoProportions(p0, nearer, 0.01, 0.8) >= n &&
            sampleSizeTwoProportions(p0, p1, 0.001, 0.8) >= n &&
            sampleSizeTwoProportions(p0, p1, 0.01, 0.9) >= n &&
            sampleSizeOneProportion(p0, nearer, 0.01, 0.8) >=
              sampleSizeOneProportion(p0, p1, 0.01, 0.8)
          )
        }
      )
    )
  })
})
