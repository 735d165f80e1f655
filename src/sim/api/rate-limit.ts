import type { SimClock } from '../clock.js'

/** Bucket rates (API-NOTES §10): requests per second and burst. */
export interface Rate {
  perSecond: number
  burst: number
}

export const RATES = {
  /** Every action, per machine (or per app when no machine is involved). */
  action: { perSecond: 1, burst: 3 },
  /** Get Machine. */
  getMachine: { perSecond: 5, burst: 10 },
  /** App deletions: 100 per minute. */
  appDelete: { perSecond: 100 / 60, burst: 100 }
} as const satisfies Record<string, Rate>

/**
 * createRateLimiter returns token buckets on the virtual clock. `take` answers
 * false when the bucket is empty; it never waits.
 *
 *   rate 1/s burst 3: 3 requests at t=0 pass, the 4th fails; at t=1s one more passes
 */
export function createRateLimiter(clock: SimClock) {
  const buckets = new Map<string, { tokens: number; at: number }>()
  let enabled = true
  return {
    take(key: string, rate: Rate): boolean {
      if (!enabled) return true
      const now = clock.now()
      const b = buckets.get(key) ?? { tokens: rate.burst, at: now }
      b.tokens = Math.min(
        rate.burst,
        b.tokens + ((now - b.at) / 1000) * rate.perSecond
      )
      b.at = now
      buckets.set(key, b)
      if (b.tokens < 1) return false
      b.tokens -= 1
      return true
    },
    setEnabled(on: boolean): void {
      enabled = on
      if (!on) buckets.clear()
    },
    get enabled(): boolean {
      return enabled
    }
  }
}

export type RateLimiter = ReturnType<typeof createRateLimiter>
