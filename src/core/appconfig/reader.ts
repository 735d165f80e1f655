import { oneLine, type Diagnostic } from '../diagnostics.js'
import { formatGoDuration, parseGoDuration } from './duration.js'
import { formatKeyPath, type KeySegment } from './locate.js'
import type { Origin } from './origin.js'
import { suggestKey } from './suggest.js'

/** Table is a TOML table as @iarna/toml returns it. */
export type Table = Record<string, unknown>

/** isTable says whether a parsed TOML value is a table (not an array, not a date). */
export function isTable(v: unknown): v is Table {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    !(v instanceof Date)
  )
}

/**
 * tomlType names the TOML type of a parsed value for messages.
 *
 *   "x" → "string"   8080 → "integer"   1.5 → "float"   true → "boolean"
 *   [] → "array"     {} → "table"       Date → "datetime"
 */
export function tomlType(v: unknown): string {
  if (typeof v === 'string') return 'string'
  if (typeof v === 'bigint') return 'integer'
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'float'
  if (typeof v === 'boolean') return 'boolean'
  if (v instanceof Date) return 'datetime'
  if (Array.isArray(v)) return 'array'
  return 'table'
}

/** KeyRules says which keys a table may hold. */
export interface KeyRules {
  /** Keys flyctl reads. */
  known: readonly string[]
  /** Keys flyctl knows but ignores: key → what to do instead. Reported as warnings. */
  ignored?: Readonly<Record<string, string>>
  /** Keys people put here by mistake: key → [summary, detail]. Reported as errors. */
  misplaced?: Readonly<Record<string, readonly [string, string]>>
  /** Unknown keys with no close known key are warnings, not errors (flyctl ignores them). */
  lenient?: boolean
}

/**
 * sectionName renders where a key path lives the way fly.toml spells it.
 *
 *   []                               → "the top level"
 *   ["http_service"]                 → "[http_service]"
 *   ["services", 0, "ports", 1]      → "[[services.ports]]"
 *   ["services", 0, "concurrency"]   → "[services.concurrency]"
 */
export function sectionName(path: readonly KeySegment[]): string {
  if (path.length === 0) return 'the top level'
  const names = path.filter((s): s is string => typeof s === 'string')
  const array = typeof path[path.length - 1] === 'number'
  return array ? `[[${names.join('.')}]]` : `[${names.join('.')}]`
}

/**
 * Reader collects diagnostics while parseFlyToml reads the raw TOML value,
 * each pointing at the key it is about.
 */
export class Reader {
  readonly diagnostics: Diagnostic[] = []

  constructor(readonly origin: Origin) {}

  /** report adds a diagnostic about `path`. */
  report(
    severity: Diagnostic['severity'],
    code: string,
    path: readonly KeySegment[],
    summary: string,
    detail?: string
  ): void {
    const d: Diagnostic = {
      severity,
      code,
      summary: oneLine(summary),
      file: this.origin.file
    }
    if (detail !== undefined) d.detail = oneLine(detail)
    const line = this.origin.line(path)
    if (line !== undefined) d.line = line
    if (path.length > 0) d.key = formatKeyPath(path)
    this.diagnostics.push(d)
  }

  /** error reports an error about `path`. */
  error(
    code: string,
    path: readonly KeySegment[],
    summary: string,
    detail?: string
  ): void {
    this.report('error', code, path, summary, detail)
  }

  /** warn reports a warning about `path`. */
  warn(
    code: string,
    path: readonly KeySegment[],
    summary: string,
    detail?: string
  ): void {
    this.report('warning', code, path, summary, detail)
  }

  /** wrongType reports a value of the wrong type; `severity` is a warning where flyctl converts it. */
  wrongType(
    path: readonly KeySegment[],
    value: unknown,
    expected: string,
    detail?: string,
    severity: Diagnostic['severity'] = 'error'
  ): void {
    const key = lastKey(path)
    const found = tomlType(value)
    const shown =
      typeof value === 'number' && !Number.isFinite(value)
        ? ` ${Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf'}`
        : typeof value === 'string' ||
            typeof value === 'number' ||
            typeof value === 'boolean'
          ? ` ${JSON.stringify(value)}`
          : ''
    this.report(
      severity,
      'wrong-type',
      path,
      `"${key}" in ${sectionName(path.slice(0, -1))} must be ${expected}, not ${article(found)}${shown}`,
      detail
    )
  }

  /** checkKeys reports every key of `table` the rules do not allow. */
  checkKeys(table: Table, path: readonly KeySegment[], rules: KeyRules): void {
    for (const key of Object.keys(table)) {
      if (rules.known.includes(key)) continue
      const at = [...path, key]
      // Own keys only: "constructor" or "toString" must not find Object's.
      const misplaced = ownValue(rules.misplaced, key)
      if (misplaced !== undefined) {
        this.error('misplaced-key', at, misplaced[0], misplaced[1])
        continue
      }
      const ignored = ownValue(rules.ignored, key)
      if (ignored !== undefined) {
        this.warn(
          'ignored-key',
          at,
          `"${key}" in ${sectionName(path)} is ignored by flyctl and by fly-rollout`,
          ignored
        )
        continue
      }
      const suggestion = suggestKey(key, rules.known)
      if (suggestion === undefined && rules.lenient) {
        this.warn(
          'ignored-key',
          at,
          `unknown key "${key}" in ${sectionName(path)} is ignored`,
          `flyctl ignores keys it does not know in ${sectionName(path)}`
        )
        continue
      }
      this.error(
        'unknown-key',
        at,
        `unknown key "${key}" in ${sectionName(path)}`,
        suggestion !== undefined
          ? `did you mean "${suggestion}"?`
          : `${sectionName(path)} accepts: ${[...rules.known].sort().join(', ')}`
      )
    }
  }

  /** str reads an optional string. */
  str(
    table: Table,
    key: string,
    path: readonly KeySegment[]
  ): string | undefined {
    const v = table[key]
    if (v === undefined) return undefined
    if (typeof v === 'string') return v
    this.wrongType([...path, key], v, 'a string')
    return undefined
  }

  /** bool reads an optional boolean. */
  bool(
    table: Table,
    key: string,
    path: readonly KeySegment[]
  ): boolean | undefined {
    const v = table[key]
    if (v === undefined) return undefined
    if (typeof v === 'boolean') return v
    this.wrongType(
      [...path, key],
      v,
      'a boolean',
      `write ${key} = true or ${key} = false`
    )
    return undefined
  }

  /** int reads an optional integer. */
  int(
    table: Table,
    key: string,
    path: readonly KeySegment[]
  ): number | undefined {
    const v = table[key]
    if (v === undefined) return undefined
    if (typeof v === 'bigint') return Number(v)
    if (typeof v === 'number' && Number.isInteger(v)) return v
    this.wrongType([...path, key], v, 'an integer')
    return undefined
  }

  /** num reads an optional number (integer or float). */
  num(
    table: Table,
    key: string,
    path: readonly KeySegment[]
  ): number | undefined {
    const v = table[key]
    if (v === undefined) return undefined
    if (typeof v === 'bigint') return Number(v)
    if (typeof v === 'number' && Number.isFinite(v)) return v
    this.wrongType([...path, key], v, 'a number')
    return undefined
  }

  /** strList reads an optional array of strings. */
  strList(
    table: Table,
    key: string,
    path: readonly KeySegment[]
  ): string[] | undefined {
    const v = table[key]
    if (v === undefined) return undefined
    if (Array.isArray(v) && v.every((x) => typeof x === 'string'))
      return [...v] as string[]
    const example =
      typeof v === 'string'
        ? `write ${key} = [${JSON.stringify(v)}]`
        : undefined
    this.wrongType([...path, key], v, 'an array of strings', example)
    return undefined
  }

  /** table reads an optional sub-table. */
  table(
    table: Table,
    key: string,
    path: readonly KeySegment[]
  ): Table | undefined {
    const v = table[key]
    if (v === undefined) return undefined
    if (isTable(v)) return v
    this.wrongType([...path, key], v, 'a table')
    return undefined
  }

  /**
   * duration reads a duration: a Go duration string, or a number in
   * `intUnit` as flyctl's patches read it (checks: milliseconds,
   * `kill_timeout`: seconds). With `intUnit` "ns" a number is taken as
   * nanoseconds, as flyctl does for keys it does not patch, and a warning
   * says so.
   */
  duration(
    table: Table,
    key: string,
    path: readonly KeySegment[],
    intUnit: 'ms' | 's' | 'ns'
  ): string | undefined {
    const v = table[key]
    if (v === undefined) return undefined
    const at = [...path, key]
    if (typeof v === 'string') {
      if (v === '') return undefined
      const ns = parseGoDuration(v)
      if (ns === undefined) {
        this.error(
          'invalid-value',
          at,
          `"${key}" in ${sectionName(path)} is not a duration: ${JSON.stringify(v)}`,
          'write a Go duration such as "10s", "1m30s" or "500ms"'
        )
        return undefined
      }
      return formatGoDuration(ns)
    }
    if (
      typeof v === 'bigint' ||
      (typeof v === 'number' && Number.isFinite(v))
    ) {
      const whole = typeof v === 'bigint' ? v : BigInt(Math.trunc(v))
      const scale =
        intUnit === 'ms' ? 1_000_000n : intUnit === 's' ? 1_000_000_000n : 1n
      const ns = whole * scale
      if (ns > INT64_MAX || ns < -INT64_MAX - 1n) {
        this.error(
          'invalid-value',
          at,
          `"${key}" = ${String(v)} in ${sectionName(path)} is out of range for a duration`,
          'write a Go duration such as "10s", "1m30s" or "500ms"'
        )
        return undefined
      }
      if (intUnit === 'ns') {
        this.warn(
          'ambiguous-duration',
          at,
          `"${key}" = ${String(v)} in ${sectionName(path)} is read by flyctl as ${String(v)} nanoseconds`,
          `write a duration string such as "${String(v)}s" or "5m"`
        )
      }
      return formatGoDuration(ns)
    }
    this.wrongType(at, v, 'a duration string such as "10s"')
    return undefined
  }
}

const INT64_MAX = (1n << 63n) - 1n

/** ownValue reads `key` of `record` only when it is the record's own key. */
export function ownValue<T>(
  record: Readonly<Record<string, T>> | undefined,
  key: string
): T | undefined {
  return record !== undefined && Object.hasOwn(record, key)
    ? record[key]
    : undefined
}

function lastKey(path: readonly KeySegment[]): string {
  for (let k = path.length - 1; k >= 0; k--) {
    const s = path[k]
    if (typeof s === 'string') return s
  }
  return ''
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`
}
