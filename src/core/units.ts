/**
 * Units the engine's inputs use: durations ("2m", "1h30m", "400ms", or a
 * number of seconds) and rates ("1%", "0.5%", or a fraction).
 *
 *   parseDuration('2m')     → 120000
 *   parseDuration('1h30m')  → 5400000
 *   parseDuration('400ms')  → 400
 *   parseDuration(90)       → 90000   (a bare number is seconds)
 *   parseDuration('soon')   → undefined
 */
export function parseDuration(value: unknown): number | undefined {
  const ms = readDuration(value)
  // 1e308 seconds, or 400 nines, is Infinity ms: not a duration anything can wait.
  return ms !== undefined && Number.isFinite(ms) ? ms : undefined
}

function readDuration(value: unknown): number | undefined {
  if (typeof value === 'number') {
    return Number.isFinite(value) && value >= 0 ? value * 1000 : undefined
  }
  if (typeof value !== 'string') return undefined
  const s = value.trim()
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s) * 1000
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/y
  let total = 0
  let pos = 0
  while (pos < s.length) {
    re.lastIndex = pos
    const m = re.exec(s)
    if (!m) return undefined
    total += Number(m[1]) * UNIT[m[2]!]!
    pos = re.lastIndex
  }
  return pos > 0 ? total : undefined
}

const UNIT: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000
}

/**
 * parseRate reads a share: "1%" → 0.01, "0.5%" → 0.005, 0.02 → 0.02.
 * Anything outside [0, 1] is undefined.
 */
export function parseRate(value: unknown): number | undefined {
  let n: number
  if (typeof value === 'number') n = value
  else if (typeof value === 'string' && /^\s*\d+(\.\d+)?\s*%\s*$/.test(value)) {
    n = Number(value.trim().slice(0, -1)) / 100
  } else if (typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value)) {
    n = Number(value)
  } else return undefined
  return Number.isFinite(n) && n >= 0 && n <= 1 ? n : undefined
}

/**
 * formatDuration renders milliseconds briefly: 120000 → "2m", 90500 → "1m30.5s",
 * 400 → "400ms", 0 → "0s", 119999 → "2m".
 */
export function formatDuration(ms: number): string {
  if (ms > 0 && Math.round(ms) < 1000) return `${Math.round(ms)}ms`
  // Round to a tenth of a second first, so 119 999 ms is "2m", not "1m60s".
  ms = Math.round(ms / 100) * 100
  const h = Math.floor(ms / 3_600_000)
  const m = Math.floor((ms % 3_600_000) / 60_000)
  const s = Math.round((ms % 60_000) / 100) / 10
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s || (!h && !m) ? `${s}s` : ''}`
}

/** formatRate renders a share as a percentage with up to two decimals: 0.0125 → "1.25%". */
export function formatRate(rate: number): string {
  return `${Math.round(rate * 10000) / 100}%`
}
