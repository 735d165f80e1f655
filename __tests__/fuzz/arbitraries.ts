/**
 * Generators shared by the fuzz suite: fly.toml documents (flyctl's own
 * fixtures, mutated: wrong types, unknown keys, huge values, deep nesting,
 * odd unicode, broken syntax), rollout spec YAML, and action inputs. Each
 * is a fast-check arbitrary of plain text, so a failing case prints as the
 * exact input to paste into a regression test.
 */
import { parse as parseToml } from '@iarna/toml'
import fc from 'fast-check'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

// --- odd values ---------------------------------------------------------------

/** ODD_TEXT is unicode that breaks naive code: NUL, BOM, bidi overrides, lone surrogates, combining marks, line separators. */
export const ODD_TEXT = [
  '',
  ' ',
  '\u0000',
  '\uFEFF',
  '\u202E',
  '\u200B',
  'e\u0301',
  '\u{1F680}',
  '\uD800',
  '\uDFFF',
  '\u2028',
  '\u0085',
  'İ',
  'ß',
  '\t',
  '\r\n',
  '\n',
  '\x1b[31m',
  '"',
  "'",
  '\\',
  '${{ secrets.X }}',
  '$(id)',
  '%0A',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty'
]

/** oddString mixes plain text, full unicode, and the pieces of ODD_TEXT. */
export const oddString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 3, arbitrary: fc.constantFrom(...ODD_TEXT) },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.constantFrom(...ODD_TEXT, 'a', 'sjc', '1', '='), {
        maxLength: 5
      })
      .map((xs) => xs.join(''))
  }
)

/** Keys fly.toml knows, at any level: mutations and random tables use them so values reach the readers. */
const KNOWN_KEYS = [
  'app',
  'primary_region',
  'kill_signal',
  'kill_timeout',
  'swap_size_mb',
  'console_command',
  'build',
  'image',
  'dockerfile',
  'deploy',
  'release_command',
  'strategy',
  'max_unavailable',
  'env',
  'processes',
  'mounts',
  'source',
  'destination',
  'initial_size',
  'http_service',
  'internal_port',
  'force_https',
  'auto_stop_machines',
  'auto_start_machines',
  'min_machines_running',
  'concurrency',
  'hard_limit',
  'soft_limit',
  'services',
  'ports',
  'port',
  'handlers',
  'protocol',
  'checks',
  'tcp_checks',
  'http_checks',
  'interval',
  'timeout',
  'grace_period',
  'path',
  'method',
  'headers',
  'type',
  'vm',
  'size',
  'memory',
  'cpus',
  'cpu_kind',
  'gpus',
  'restart',
  'policy',
  'retries',
  'files',
  'guest_path',
  'local_path',
  'statics',
  'metrics',
  'experimental',
  'cmd',
  'entrypoint',
  'tls_options',
  'http_options',
  'schedules'
]
const knownKey = fc.constantFrom(...KNOWN_KEYS)

/** hugeString is a long string: the size a pasted log or key file reaches. */
export const hugeString: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('a', 'é', '\u{1F680}', 'x\n', '"'), fc.nat(40_000))
  .map(([unit, n]) => unit.repeat(n))

// --- TOML ---------------------------------------------------------------------

/** TomlFloat marks a float, so an integral float is still written as one. */
export class TomlFloat {
  constructor(readonly value: number) {}
}

/** TomlValue is a value the emitter writes: bigint for integers, TomlFloat for floats. */
export type TomlValue =
  | string
  | bigint
  | boolean
  | Date
  | TomlFloat
  | TomlValue[]
  | { [key: string]: TomlValue }

const INT64_MIN = -(2n ** 63n)
const INT64_MAX = 2n ** 63n - 1n

/** tomlScalar is any TOML scalar, extremes included (int64 bounds and past them, NaN, inf, far dates). */
export const tomlScalar: fc.Arbitrary<TomlValue> = fc.oneof(
  oddString,
  fc.bigInt({ min: -5n, max: 100_000n }),
  fc.constantFrom(
    INT64_MIN,
    INT64_MAX,
    INT64_MAX + 1n,
    0n,
    -1n,
    65_536n,
    2n ** 53n + 1n
  ),
  fc.bigInt({ min: INT64_MIN, max: INT64_MAX }),
  fc.double().map((d) => new TomlFloat(d)),
  fc.boolean(),
  fc.date({ min: new Date(-62_000_000_000_000), max: new Date(2.5e14) }),
  fc.constantFrom('10s', '1gb', '512mb', 'stop', 'http', 'tcp', 'sjc', '/')
)

/** tomlValue is a scalar, an array or a table, nested a few levels. */
export const tomlValue: fc.Arbitrary<TomlValue> = fc.letrec<{
  value: TomlValue
}>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 6, arbitrary: tomlScalar },
    { weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 4 }) },
    {
      weight: 1,
      arbitrary: fc.dictionary(fc.oneof(oddString, knownKey), tie('value'), {
        maxKeys: 4
      })
    }
  )
})).value

/** deepValue nests an array or table 1–400 levels deep. */
export const deepValue: fc.Arbitrary<TomlValue> = fc
  .tuple(
    fc.integer({ min: 1, max: 400 }),
    fc.constantFrom('array', 'table', 'mixed'),
    tomlScalar
  )
  .map(([depth, shape, leaf]) => {
    let v: TomlValue = leaf
    for (let d = 0; d < depth; d++) {
      const table = shape === 'table' || (shape === 'mixed' && d % 2 === 0)
      v = table ? { k: v } : [v]
    }
    return v
  })

/** bareKey says whether TOML can write `key` without quotes. */
function bareKey(key: string): boolean {
  return /^[A-Za-z0-9_-]+$/.test(key)
}

/** tomlKey writes a key, quoted when it must be. */
export function tomlKey(key: string): string {
  return bareKey(key) ? key : JSON.stringify(key)
}

/** tomlInline writes a value inline (arrays and inline tables). */
export function tomlInline(v: TomlValue): string {
  if (typeof v === 'string') return JSON.stringify(v)
  if (typeof v === 'bigint') return v.toString()
  if (typeof v === 'boolean') return String(v)
  if (v instanceof Date)
    return Number.isNaN(v.getTime()) ? '"invalid date"' : v.toISOString()
  if (v instanceof TomlFloat) {
    const x = v.value
    if (Number.isNaN(x)) return 'nan'
    if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf'
    if (Number.isInteger(x) && Math.abs(x) < 1e21) return x.toFixed(1)
    return String(x)
  }
  if (Array.isArray(v)) return `[${v.map(tomlInline).join(', ')}]`
  return `{ ${Object.entries(v)
    .map(([k, x]) => `${tomlKey(k)} = ${tomlInline(x)}`)
    .join(', ')} }`
}

function isTableValue(v: TomlValue): v is { [key: string]: TomlValue } {
  return (
    typeof v === 'object' &&
    !Array.isArray(v) &&
    !(v instanceof Date) &&
    !(v instanceof TomlFloat)
  )
}

/**
 * emitToml writes a document. With `headers` tables become `[a.b]` sections
 * and arrays of tables `[[a.b]]`, as people write fly.toml; without, every
 * value is inline.
 */
export function emitToml(
  doc: { [key: string]: TomlValue },
  headers: boolean
): string {
  const out: string[] = []
  const section = (table: { [key: string]: TomlValue }, path: string[]) => {
    const later: [string, TomlValue][] = []
    for (const [k, v] of Object.entries(table)) {
      const sub =
        headers &&
        (isTableValue(v) ||
          (Array.isArray(v) && v.length > 0 && v.every(isTableValue)))
      if (sub) later.push([k, v])
      else out.push(`${tomlKey(k)} = ${tomlInline(v)}`)
    }
    for (const [k, v] of later) {
      const at = [...path, tomlKey(k)]
      if (Array.isArray(v)) {
        for (const item of v) {
          out.push(`[[${at.join('.')}]]`)
          section(item as { [key: string]: TomlValue }, at)
        }
      } else {
        out.push(`[${at.join('.')}]`)
        section(v as { [key: string]: TomlValue }, at)
      }
    }
  }
  section(doc, [])
  return out.join('\n') + '\n'
}

/** fromParsed turns @iarna/toml's value into a TomlValue (integral numbers become integers). */
function fromParsed(v: unknown): TomlValue {
  if (typeof v === 'number')
    return Number.isInteger(v) ? BigInt(v) : new TomlFloat(v)
  if (
    typeof v === 'string' ||
    typeof v === 'bigint' ||
    typeof v === 'boolean' ||
    v instanceof Date
  )
    return v
  if (Array.isArray(v)) return v.map(fromParsed)
  return Object.fromEntries(
    Object.entries(v as object).map(([k, x]) => [k, fromParsed(x)])
  )
}

const FIXTURES_DIR = '__fixtures__/fly/appconfig'

/** FIXTURES are flyctl's fly.toml test files, parsed: the documents mutations start from. */
export const FIXTURES: { name: string; doc: { [key: string]: TomlValue } }[] =
  readdirSync(FIXTURES_DIR)
    .filter((f) => f.endsWith('.toml'))
    .sort()
    .map((name) => ({
      name,
      doc: fromParsed(
        parseToml(readFileSync(join(FIXTURES_DIR, name), 'utf8'))
      ) as { [key: string]: TomlValue }
    }))

type Path = (string | number)[]

/** pathsOf lists every path in a document (tables' keys and arrays' indexes). */
function pathsOf(v: TomlValue, path: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(v))
    v.forEach((x, i) => {
      out.push([...path, i])
      pathsOf(x, [...path, i], out)
    })
  else if (isTableValue(v))
    for (const [k, x] of Object.entries(v)) {
      out.push([...path, k])
      pathsOf(x, [...path, k], out)
    }
  return out
}

/** Mutation is one change to a document: the path it applies to is picked by `at`, modulo. */
export type Mutation =
  | { op: 'set'; at: number; value: TomlValue }
  | { op: 'add'; at: number; key: string; value: TomlValue }
  | { op: 'delete'; at: number }
  | { op: 'wrap'; at: number; table: boolean }

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    op: fc.constant('set' as const),
    at: fc.nat(),
    value: fc.oneof(
      { weight: 6, arbitrary: tomlValue },
      { weight: 1, arbitrary: hugeString },
      { weight: 1, arbitrary: deepValue }
    )
  }),
  fc.record({
    op: fc.constant('add' as const),
    at: fc.nat(),
    key: fc.oneof(knownKey, oddString, fc.stringMatching(/^[a-z_]{1,20}$/)),
    value: tomlValue
  }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({
    op: fc.constant('wrap' as const),
    at: fc.nat(),
    table: fc.boolean()
  })
)

/** mutate applies mutations to a copy of `doc`. */
export function mutate(
  doc: { [key: string]: TomlValue },
  mutations: readonly Mutation[]
): { [key: string]: TomlValue } {
  const copy = structuredClone(doc)
  for (const m of mutations) {
    const paths = [[] as Path, ...pathsOf(copy)]
    const path = paths[m.at % paths.length]!
    const parent = path
      .slice(0, -1)
      .reduce<TomlValue>(
        (v, k) => (v as Record<string, TomlValue>)[k as string]!,
        copy
      ) as Record<string | number, TomlValue>
    const last = path[path.length - 1]
    const target =
      last === undefined ? copy : (parent[last as string] as TomlValue)
    if (m.op === 'add') {
      if (isTableValue(target)) own(target, m.key, m.value)
      else if (Array.isArray(target)) target.push(m.value)
    } else if (last === undefined) {
      continue // the document itself is not set, deleted or wrapped
    } else if (m.op === 'set') own(parent, last, m.value)
    else if (m.op === 'delete') {
      if (Array.isArray(parent)) parent.splice(last as number, 1)
      else delete parent[last]
    } else own(parent, last, m.table ? { k: target } : [target])
  }
  return copy
}

/** own sets an own property, even one named `__proto__` (a plain assignment would set the prototype). */
function own(o: object, key: string | number, value: TomlValue): void {
  Object.defineProperty(o, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true
  })
}

/** TextEdit breaks a document's text: cut a span, insert junk, duplicate a line, truncate. */
const textEdit = fc.oneof(
  fc.record({
    op: fc.constant('cut' as const),
    at: fc.nat(),
    len: fc.integer({ min: 1, max: 20 })
  }),
  fc.record({
    op: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(
      oddString,
      fc.constantFrom(
        '[',
        ']',
        '[[',
        '{',
        '}',
        '=',
        '"',
        "'''",
        '"""',
        '#',
        '\n',
        '.',
        ',',
        '\\'
      )
    )
  }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('dup' as const), at: fc.nat() })
)

function applyEdit(
  text: string,
  e: typeof textEdit extends fc.Arbitrary<infer T> ? T : never
): string {
  const at = text.length === 0 ? 0 : e.at % text.length
  if (e.op === 'cut') return text.slice(0, at) + text.slice(at + e.len)
  if (e.op === 'insert') return text.slice(0, at) + e.text + text.slice(at)
  if (e.op === 'truncate') return text.slice(0, at)
  const lines = text.split('\n')
  const i = e.at % lines.length
  lines.splice(i, 0, lines[i]!)
  return lines.join('\n')
}

/** FlyTomlCase is one generated fly.toml and how it was made (for reading a failure). */
export interface FlyTomlCase {
  kind: 'mutated' | 'broken' | 'random'
  text: string
}

/** mutatedFlyToml is a fixture with 1–4 mutations: valid TOML, wrong in many ways. */
export const mutatedFlyToml: fc.Arbitrary<FlyTomlCase> = fc
  .tuple(
    fc.constantFrom(...FIXTURES),
    fc.array(mutation, { minLength: 1, maxLength: 4 }),
    fc.boolean()
  )
  .map(([f, ms, headers]) => ({
    kind: 'mutated' as const,
    text: emitToml(mutate(f.doc, ms), headers)
  }))

/** brokenFlyToml is a mutated fixture whose text is then broken: mostly invalid TOML. */
export const brokenFlyToml: fc.Arbitrary<FlyTomlCase> = fc
  .tuple(mutatedFlyToml, fc.array(textEdit, { minLength: 1, maxLength: 3 }))
  .map(([c, edits]) => ({
    kind: 'broken' as const,
    text: edits.reduce(applyEdit, c.text)
  }))

/** randomFlyToml is a document of random known and unknown keys with random values. */
export const randomFlyToml: fc.Arbitrary<FlyTomlCase> = fc
  .tuple(
    fc.dictionary(fc.oneof(knownKey, oddString), tomlValue, { maxKeys: 8 }),
    fc.boolean()
  )
  .map(([doc, headers]) => ({
    kind: 'random' as const,
    text: emitToml(doc, headers)
  }))

/** anyFlyToml is any of the above. */
export const anyFlyToml: fc.Arbitrary<FlyTomlCase> = fc.oneof(
  { weight: 5, arbitrary: mutatedFlyToml },
  { weight: 3, arbitrary: brokenFlyToml },
  { weight: 2, arbitrary: randomFlyToml }
)
