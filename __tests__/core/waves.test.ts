import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { batchSizes, takeCount } from '../../src/core/waves.js'

describe('batchSizes', () => {
  // The worked examples of the doc comment, then the edges.
  const cases = [
    { started: 1, maxUnavailable: 1, want: [1] },
    { started: 2, maxUnavailable: 5, want: [1, 1] },
    { started: 4, maxUnavailable: 1, want: [1, 1, 1, 1] },
    { started: 5, maxUnavailable: 2, want: [1, 2, 2] },
    { started: 10, maxUnavailable: 4, want: [1, 4, 4, 1] },
    { started: 0, maxUnavailable: 1, want: [] },
    { started: -1, maxUnavailable: 1, want: [] },
    { started: 3, maxUnavailable: 0, want: [1, 1, 1] },
    { started: 5, maxUnavailable: 2.9, want: [1, 2, 2] },
    { started: 5, maxUnavailable: 10, want: [1, 4] }
  ]
  for (const c of cases) {
    test(`started=${c.started} maxUnavailable=${c.maxUnavailable} → [${c.want.join(', ')}]`, () => {
      expect(batchSizes(c.started, c.maxUnavailable)).toEqual(c.want)
    })
  }

  test('covers every machine, starts with one, and never takes a whole pool of two or more', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 50 }),
        (started, mu) => {
          const sizes = batchSizes(started, mu)
          expect(sizes.reduce((a, b) => a + b, 0)).toBe(started)
          expect(sizes[0]).toBe(1)
          for (const s of sizes) {
            expect(s).toBeGreaterThanOrEqual(1)
            expect(s).toBeLessThanOrEqual(
              Math.max(1, Math.min(mu, started - 1))
            )
          }
        }
      )
    )
  })
})

describe('takeCount', () => {
  const cases: {
    remaining: number
    opts: { machines?: number; fraction?: number }
    want: number
  }[] = [
    { remaining: 4, opts: { machines: 1 }, want: 1 },
    { remaining: 4, opts: { machines: 9 }, want: 4 },
    { remaining: 4, opts: { fraction: 0.5 }, want: 2 },
    { remaining: 5, opts: { fraction: 0.5 }, want: 3 },
    { remaining: 4, opts: {}, want: 4 },
    { remaining: 0, opts: { fraction: 0.5 }, want: 0 },
    { remaining: 10, opts: { fraction: 0.01 }, want: 1 },
    { remaining: 3, opts: { fraction: 1 }, want: 3 },
    { remaining: 0, opts: { machines: 2 }, want: 0 }
  ]
  for (const c of cases) {
    test(`remaining=${c.remaining} ${JSON.stringify(c.opts)} → ${c.want}`, () => {
      expect(takeCount(c.remaining, c.opts)).toBe(c.want)
    })
  }
})
