/**
 * Go `time.Duration` parsing and printing, so fly.toml durations round-trip
 * exactly as flyctl renders them (fly-go `Duration` marshals with
 * `time.Duration.String()`). Values are nanoseconds held in a `bigint`, as Go
 * holds them in an int64, so no precision is lost for long timeouts.
 */

const NS = 1n
const US = 1000n * NS
const MS = 1000n * US
const S = 1000n * MS
const M = 60n * S
const H = 60n * M

const UNITS: Record<string, bigint> = {
  ns: NS,
  us: US,
  µs: US, // U+00B5 micro sign
  μs: US, // U+03BC Greek mu
  ms: MS,
  s: S,
  m: M,
  h: H
}

const INT64_MAX = (1n << 63n) - 1n

/** Nanoseconds in one millisecond and one second, for callers converting. */
export const NANOS_PER_MS = MS
/** Nanoseconds in one second. */
export const NANOS_PER_SECOND = S

/**
 * parseGoDuration parses a duration the way Go's `time.ParseDuration` does
 * and returns nanoseconds, or `undefined` when Go would return an error.
 * A bare number is an error except `0`; units are ns, us (µs, μs), ms, s, m, h.
 *
 *   "10s"     → 10_000_000_000n
 *   "1m21s"   → 81_000_000_000n
 *   "1.5h"    → 5_400_000_000_000n
 *   "-250ms"  → -250_000_000n
 *   "0"       → 0n
 *   "10"      → undefined (missing unit)
 */
export function parseGoDuration(text: string): bigint | undefined {
  let s = text
  let neg = false
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-'
    s = s.slice(1)
  }
  if (s === '0') return 0n
  if (s === '') return undefined
  let total = 0n
  while (s !== '') {
    if (!(s[0] === '.' || isDigit(s[0]!))) return undefined
    let i = 0
    while (i < s.length && isDigit(s[i]!)) i++
    const whole = s.slice(0, i)
    s = s.slice(i)
    let frac = ''
    if (s[0] === '.') {
      s = s.slice(1)
      let j = 0
      while (j < s.length && isDigit(s[j]!)) j++
      frac = s.slice(0, j)
      s = s.slice(j)
    }
    if (whole === '' && frac === '') return undefined
    let u = 0
    while (u < s.length && s[u] !== '.' && !isDigit(s[u]!)) u++
    if (u === 0) return undefined
    const name = s.slice(0, u)
    // Own units only: "1constructor" must not find Object's constructor.
    const unit = Object.hasOwn(UNITS, name) ? UNITS[name] : undefined
    if (unit === undefined) return undefined
    s = s.slice(u)
    let v = BigInt(whole === '' ? '0' : whole) * unit
    if (frac !== '') v += (BigInt(frac) * unit) / 10n ** BigInt(frac.length)
    total += v
    if (total > INT64_MAX + (neg ? 1n : 0n)) return undefined
  }
  return neg ? -total : total
}

/**
 * formatGoDuration prints nanoseconds exactly as Go's `Duration.String()`:
 * the largest units first, fractional seconds without trailing zeros, and
 * sub-second values in ms, µs or ns.
 *
 *   0n                  → "0s"
 *   81_000_000_000n     → "1m21s"
 *   600_000_000_000n    → "10m0s"
 *   3_600_000_000_000n  → "1h0m0s"
 *   1_500_000_000n      → "1.5s"
 *   500_000_000n        → "500ms"
 */
export function formatGoDuration(ns: bigint): string {
  if (ns === 0n) return '0s'
  const neg = ns < 0n
  let u = neg ? -ns : ns
  let out: string
  if (u < S) {
    let prec: number
    let unit: string
    if (u < US) {
      prec = 0
      unit = 'ns'
    } else if (u < MS) {
      prec = 3
      unit = 'µs'
    } else {
      prec = 6
      unit = 'ms'
    }
    const [frac, rest] = fracPart(u, prec)
    out = `${rest}${frac}${unit}`
  } else {
    const [frac, secs] = fracPart(u, 9)
    u = secs
    out = `${u % 60n}${frac}s`
    u /= 60n
    if (u > 0n) {
      out = `${u % 60n}m${out}`
      u /= 60n
      if (u > 0n) out = `${u}h${out}`
    }
  }
  return neg ? `-${out}` : out
}

/**
 * durationToMs converts a Go duration string to whole milliseconds
 * (truncating), or `undefined` when it does not parse.
 *
 *   "5m"    → 300000
 *   "1.5s"  → 1500
 *   "999µs" → 0
 */
export function durationToMs(text: string): number | undefined {
  const ns = parseGoDuration(text)
  return ns === undefined ? undefined : Number(ns / MS)
}

/** fracPart splits `v` into the fractional digits of v/10^prec (".5", or "" when zero) and the integer part. */
function fracPart(v: bigint, prec: number): [string, bigint] {
  let digits = ''
  let printed = false
  for (let i = 0; i < prec; i++) {
    const d = v % 10n
    printed = printed || d !== 0n
    if (printed) digits = `${d}${digits}`
    v /= 10n
  }
  return [printed ? `.${digits}` : '', v]
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9'
}
