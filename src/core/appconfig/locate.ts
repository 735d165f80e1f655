/**
 * KeySegment is one step of a key path: a table key or an array index.
 */
export type KeySegment = string | number

/**
 * KeyLocator answers "on which line is this key?" for one TOML text.
 */
export interface KeyLocator {
  /**
   * line returns the 1-based line where `path` is written, or where its
   * nearest written ancestor is (a key inside an inline table or a
   * multi-line array without its own line resolves to its parent's line).
   * `undefined` only when no prefix of the path appears in the text.
   */
  line(path: readonly KeySegment[] | string): number | undefined
}

/**
 * formatKeyPath renders a key path the way diagnostics show it: keys joined
 * by dots, indexes in brackets, keys that are not bare TOML keys quoted.
 *
 *   ["http_service", "checks", 0, "interval"] → "http_service.checks[0].interval"
 *   ["services", 1, "ports", 0, "handlers"]   → "services[1].ports[0].handlers"
 *   ["env", "A.B"]                            → 'env["A.B"]'
 */
export function formatKeyPath(path: readonly KeySegment[]): string {
  let out = ''
  for (const seg of path) out += formatSegment(seg, out === '')
  return out
}

/** formatSegment renders one segment of {@link formatKeyPath}. */
function formatSegment(seg: KeySegment, first: boolean): string {
  if (typeof seg === 'number') return `[${seg}]`
  if (/^[A-Za-z0-9_-]+$/.test(seg)) return first ? seg : `.${seg}`
  return `[${JSON.stringify(seg)}]`
}

/**
 * parseKeyPath is the inverse of {@link formatKeyPath}.
 *
 *   "services[1].ports[0].handlers" → ["services", 1, "ports", 0, "handlers"]
 *   'env["A.B"]'                    → ["env", "A.B"]
 */
export function parseKeyPath(path: string): KeySegment[] {
  const out: KeySegment[] = []
  const re = /\.?([A-Za-z0-9_-]+)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g
  for (const m of path.matchAll(re)) {
    if (m[1] !== undefined) out.push(m[1])
    else if (m[2] !== undefined) out.push(Number(m[2]))
    else out.push(JSON.parse(m[3]!) as string)
  }
  return out
}

/** MAX_DEPTH is how deep locateKeys records keys inside inline values. */
const MAX_DEPTH = 64

/**
 * locateKeys scans TOML text for where each key is written, because
 * @iarna/toml reports no key positions. It understands table headers
 * (`[a.b]`), arrays of tables (`[[a.b]]`, counting their elements per
 * parent, so the second `[[services.ports]]` under the second `[[services]]`
 * is `services[1].ports[1]`), dotted and quoted keys, inline tables and
 * arrays (each element gets the line it starts on), multi-line strings and
 * comments. It expects text that parses as TOML; on anything else it still
 * terminates and returns what it found.
 *
 *   1 [[services]]
 *   2   internal_port = 8080
 *   3   [[services.ports]]
 *   4     handlers = ["http"]
 *   5 [[services]]
 *   6   ports = [
 *   7     { port = 80 },
 *   8   ]
 *
 *   services[0].internal_port     → 2
 *   services[0].ports[0].handlers → 4
 *   services[1]                   → 5
 *   services[1].ports[0].port     → 7
 *   services[1].ports[0].tls_options → 7 (nearest written ancestor)
 */
export function locateKeys(text: string): KeyLocator {
  const lines = new Map<string, number>()
  const lineStarts = [0]
  for (let k = 0; k < text.length; k++) {
    if (text[k] === '\n') lineStarts.push(k + 1)
  }
  const lineAt = (pos: number): number => {
    let lo = 0
    let hi = lineStarts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (lineStarts[mid]! <= pos) lo = mid
      else hi = mid - 1
    }
    return lo + 1
  }
  // Every recorded key has its ancestors recorded too, so `record` walks up
  // only to the first ancestor already known: linear in the path's length,
  // not quadratic (deeply nested values would otherwise take minutes).
  const record = (path: readonly KeySegment[], line: number): void => {
    const ends: number[] = []
    let key = ''
    for (const seg of path.slice(0, MAX_DEPTH)) {
      key += formatSegment(seg, key === '')
      ends.push(key.length)
    }
    lines.set(key, line)
    for (let k = ends.length - 2; k >= 0; k--) {
      const prefix = key.slice(0, ends[k])
      if (lines.has(prefix)) break
      lines.set(prefix, line)
    }
  }

  const n = text.length
  let i = 0
  const skipWs = (): void => {
    while (i < n && (text[i] === ' ' || text[i] === '\t')) i++
  }
  const skipWsNl = (): void => {
    for (;;) {
      while (i < n && ' \t\r\n'.includes(text[i]!)) i++
      if (i < n && text[i] === '#') {
        while (i < n && text[i] !== '\n') i++
      } else {
        return
      }
    }
  }
  const skipToEol = (): void => {
    while (i < n && text[i] !== '\n') i++
    if (i < n) i++
  }

  /** readString reads a string starting at i and returns its value (escapes decoded for basic strings). */
  const readString = (): string => {
    const quote = text[i]!
    const triple = text.startsWith(quote.repeat(3), i)
    i += triple ? 3 : 1
    let out = ''
    while (i < n) {
      const c = text[i]!
      if (triple && text.startsWith(quote.repeat(3), i)) {
        i += 3
        // up to two more quotes belong to the content
        let extra = 0
        while (extra < 2 && text[i] === quote) {
          out += quote
          i++
          extra++
        }
        return out
      }
      if (!triple && (c === quote || c === '\n')) {
        if (c === quote) i++
        return out
      }
      if (quote === '"' && c === '\\') {
        const e = text[i + 1]
        const simple: Record<string, string> = {
          b: '\b',
          t: '\t',
          n: '\n',
          f: '\f',
          r: '\r',
          e: '\x1b',
          '"': '"',
          '\\': '\\'
        }
        if (e !== undefined && simple[e] !== undefined) {
          out += simple[e]
          i += 2
        } else if (e === 'u' || e === 'U') {
          const len = e === 'u' ? 4 : 8
          const hex = text.slice(i + 2, i + 2 + len)
          const cp = /^[0-9a-fA-F]+$/.test(hex) ? parseInt(hex, 16) : NaN
          out +=
            Number.isFinite(cp) && cp <= 0x10ffff
              ? String.fromCodePoint(cp)
              : ''
          i += 2 + len
        } else {
          i += 2 // line-ending backslash or unknown escape: skip
        }
        continue
      }
      out += c
      i++
    }
    return out
  }

  /** readKey reads a (dotted) key; undefined when none starts at i. */
  const readKey = (): string[] | undefined => {
    const keys: string[] = []
    for (;;) {
      skipWs()
      const c = text[i]
      if (c === '"' || c === "'") {
        keys.push(readString())
      } else {
        const start = i
        while (i < n && /[A-Za-z0-9_-]/.test(text[i]!)) i++
        if (i === start) return keys.length > 0 ? keys : undefined
        keys.push(text.slice(start, i))
      }
      skipWs()
      if (text[i] === '.') {
        i++
        continue
      }
      return keys
    }
  }

  /** skipNested skips an array or inline table starting at i, without recursing. */
  const skipNested = (): void => {
    let depth = 0
    while (i < n) {
      const c = text[i]!
      if (c === '"' || c === "'") {
        readString()
        continue
      }
      if (c === '#') {
        while (i < n && text[i] !== '\n') i++
        continue
      }
      i++
      if (c === '[' || c === '{') depth++
      else if ((c === ']' || c === '}') && --depth === 0) return
    }
  }

  const readValue = (path: KeySegment[]): void => {
    const c = text[i]
    // Below MAX_DEPTH values are skipped, not recorded: their keys resolve
    // to the deepest recorded ancestor, the scan stays linear, and a value
    // nested thousands deep does not overflow the stack.
    if (path.length >= MAX_DEPTH && (c === '[' || c === '{')) {
      skipNested()
      return
    }
    if (c === '"' || c === "'") {
      readString()
      return
    }
    if (c === '[') {
      i++
      let idx = 0
      for (;;) {
        skipWsNl()
        if (i >= n) return
        if (text[i] === ']') {
          i++
          return
        }
        const start = i
        const elem = [...path, idx]
        record(elem, lineAt(i))
        readValue(elem)
        skipWsNl()
        if (text[i] === ',') {
          i++
          idx++
        } else if (text[i] === ']') {
          i++
          return
        } else if (i === start) {
          i++
        } else {
          return
        }
      }
    }
    if (c === '{') {
      i++
      for (;;) {
        skipWsNl()
        if (i >= n) return
        if (text[i] === '}') {
          i++
          return
        }
        const keys = readKey()
        if (keys === undefined) {
          i++
          continue
        }
        skipWs()
        if (text[i] === '=') i++
        skipWs()
        const sub = [...path, ...keys]
        record(sub, lineAt(i))
        readValue(sub)
        skipWsNl()
        if (text[i] === ',') i++
        else if (text[i] === '}') {
          i++
          return
        } else return
      }
    }
    while (i < n && !',]}\n#'.includes(text[i]!)) i++
  }

  const aot = new Map<string, number>()
  let current: KeySegment[] = []
  const resolve = (keys: string[], arrayHeader: boolean): KeySegment[] => {
    const out: KeySegment[] = []
    // The path so far, formatted as it grows (formatting each prefix anew
    // would be quadratic in a header's length).
    let p = ''
    keys.forEach((k, idx) => {
      out.push(k)
      // Past MAX_DEPTH, record() keeps nothing: no array-of-tables counts.
      if (idx >= MAX_DEPTH) return
      p += formatSegment(k, p === '')
      if (idx === keys.length - 1 && arrayHeader) {
        const count = aot.get(p) ?? 0
        aot.set(p, count + 1)
        out.push(count)
        p += formatSegment(count, false)
      } else if (aot.has(p)) {
        const last = aot.get(p)! - 1
        out.push(last)
        p += formatSegment(last, false)
      }
    })
    return out
  }

  while (i < n) {
    skipWsNl()
    if (i >= n) break
    const line = lineAt(i)
    const before = i
    if (text[i] === '[') {
      const array = text[i + 1] === '['
      i += array ? 2 : 1
      const keys = readKey()
      if (keys !== undefined) {
        current = resolve(keys, array)
        record(current, line)
      }
      skipToEol()
      continue
    }
    const keys = readKey()
    if (keys === undefined) {
      skipToEol()
      if (i === before) i++
      continue
    }
    skipWs()
    if (text[i] === '=') i++
    skipWs()
    const full = [...current, ...keys]
    record(full, line)
    readValue(full)
    skipToEol()
  }

  return {
    line(path) {
      const segs = typeof path === 'string' ? parseKeyPath(path) : path
      for (let k = segs.length; k > 0; k--) {
        const hit = lines.get(formatKeyPath(segs.slice(0, k)))
        if (hit !== undefined) return hit
      }
      return undefined
    }
  }
}
