/**
 * Size strings as flyctl reads them (`helpers.ParseSize` over
 * docker/go-units): a plain integer is already in the target unit; anything
 * else is parsed by go-units and divided (integer division) by the target
 * unit. `[[vm]] memory` uses binary units into MiB (`RAMInBytes`); mount
 * sizes use decimal units into GB (`FromHumanSize`).
 */

const BINARY: Record<string, number> = {
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3,
  t: 1024 ** 4,
  p: 1024 ** 5
}

const DECIMAL: Record<string, number> = {
  k: 1e3,
  m: 1e6,
  g: 1e9,
  t: 1e12,
  p: 1e15
}

/** SizeResult is a parsed size, or why it could not be parsed. */
export type SizeResult =
  { ok: true; value: number } | { ok: false; error: string }

/**
 * parseMemoryMiB reads `[[vm]] memory` into MiB as flyctl does.
 *
 *   "512"    → 512      (plain integers are MiB)
 *   "512mb"  → 512
 *   "1gb"    → 1024
 *   "1.5GB"  → 1536
 *   "8g"     → 8192
 *   "lots"   → error
 */
export function parseMemoryMiB(text: string): SizeResult {
  return parseSize(text, BINARY, 1024 ** 2)
}

/**
 * parseDiskGB reads mount sizes (`initial_size`, `auto_extend_size_*`) into
 * GB as flyctl does: decimal units, integer division, so anything under 1 GB
 * becomes 0.
 *
 *   "30"    → 30       (plain integers are GB)
 *   "30gb"  → 30
 *   "15Mb"  → 0
 *   "1TB"   → 1000
 *   "big"   → error
 */
export function parseDiskGB(text: string): SizeResult {
  return parseSize(text, DECIMAL, 1e9)
}

function parseSize(
  text: string,
  units: Record<string, number>,
  quotient: number
): SizeResult {
  // helpers.ParseSize: strconv.Atoi first.
  if (/^[+-]?\d+$/.test(text)) {
    const n = Number(text)
    if (Number.isSafeInteger(n)) return { ok: true, value: n }
  }
  const bytes = goUnitsParse(text, units)
  if (!bytes.ok) return bytes
  return { ok: true, value: Math.trunc(bytes.value / quotient) }
}

/** goUnitsParse mirrors docker/go-units `parseSize`: a number, an optional space, an optional k/m/g/t/p, an optional "i", an optional "b". */
function goUnitsParse(text: string, units: Record<string, number>): SizeResult {
  let sep = -1
  for (let i = text.length - 1; i >= 0; i--) {
    if ('0123456789. '.includes(text[i]!)) {
      sep = i
      break
    }
  }
  if (sep === -1) return { ok: false, error: `invalid size: '${text}'` }
  let num: string
  let sfx: string
  if (text[sep] !== ' ') {
    num = text.slice(0, sep + 1)
    sfx = text.slice(sep + 1)
  } else {
    num = text.slice(0, sep)
    sfx = text.slice(sep + 1)
  }
  const size = goParseFloat(num)
  if (size === undefined) {
    return {
      ok: false,
      error: `strconv.ParseFloat: parsing "${num}": invalid syntax`
    }
  }
  if (size < 0) return { ok: false, error: `invalid size: '${text}'` }
  if (sfx.length === 0) return { ok: true, value: Math.trunc(size) }
  const bad: SizeResult = { ok: false, error: `invalid suffix: '${sfx}'` }
  if (sfx.length > 3) return bad
  const lower = sfx.toLowerCase()
  if (lower[0] === 'b')
    return lower.length > 1 ? bad : { ok: true, value: Math.trunc(size) }
  const mul = units[lower[0]!]
  if (mul === undefined) return bad
  if (lower.length === 2 && lower[1] !== 'b') return bad
  if (lower.length === 3 && lower.slice(1) !== 'ib') return bad
  return { ok: true, value: Math.trunc(size * mul) }
}

function goParseFloat(text: string): number | undefined {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return undefined
  return Number(text)
}
