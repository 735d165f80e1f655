const UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000
}

/**
 * parseGoDuration returns the milliseconds of a Go duration string
 * ("1m30s", "500ms", "2h"), or undefined when it is not one.
 *
 *   "15s"    → 15000
 *   "1m30s"  → 90000
 *   "250ms"  → 250
 *   "0"      → 0
 *   "10"     → undefined (Go needs a unit)
 */
export function parseGoDuration(text: string): number | undefined {
  const s = text.trim()
  if (s === '0') return 0
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/y
  let total = 0
  let pos = 0
  let matched = false
  while (pos < s.length) {
    re.lastIndex = pos
    const m = re.exec(s)
    if (!m) return undefined
    total += Number(m[1]) * UNITS[m[2]!]!
    pos = re.lastIndex
    matched = true
  }
  return matched ? total : undefined
}

/**
 * parseDurationInput accepts what flysim's admin inputs take: a Go duration,
 * or a number of milliseconds.
 */
export function parseDurationInput(value: unknown, what: string): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) {
    return value
  }
  if (typeof value === 'string') {
    const ms = parseGoDuration(value)
    if (ms !== undefined) return ms
  }
  throw new TypeError(
    `${what} must be a duration like "2s" or "150ms", got ${JSON.stringify(value)}`
  )
}

/** formatGoDuration renders milliseconds the way Go prints a time.Duration. */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return '0s'
  if (ms < 1000) return `${ms}ms`
  const h = Math.floor(ms / 3_600_000)
  const m = Math.floor((ms % 3_600_000) / 60_000)
  const s = (ms % 60_000) / 1000
  return `${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${s}s`
}
