/**
 * Fuzzing the rollout spec (issue #6 §2): random YAML, specs with every key
 * given values of the wrong type, huge numbers, bad durations and
 * percentages, unknown and odd keys, anchors and tags, and broken text.
 * Proves that parseRolloutSpec never throws, answers either a spec and no
 * error or errors and no spec, names the source (and a line wherever it has
 * a node to point at) without a stack trace, and that an accepted spec holds
 * only finite, in-range values on plain objects. The last block keeps the
 * defects fuzzing found as regression tests.
 */
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { stringify } from 'yaml'
import { parseRolloutSpec, type RolloutSpec } from '../../src/core/spec.js'
import { hugeString, oddString } from './arbitraries.js'
import { budget, looksLikeStackTrace } from './budget.js'

const cases = budget('rollout-spec')
const SOURCE = 'rollout.yml'

const TOP = [
  'waves',
  'counts',
  'probes',
  'compare',
  'on-inconclusive',
  'max-unavailable',
  'machine-deadline',
  'progress-deadline',
  'allow-downtime',
  'alpha',
  'identity',
  'verify-passes'
]
const WAVE = [
  'name',
  'regions',
  'machines',
  'fraction',
  'bake',
  'max-bake',
  'max-unavailable',
  'progress-deadline',
  'gate',
  'on-inconclusive'
]
const PROBE = [
  'path',
  'method',
  'expect',
  'interval',
  'timeout',
  'headers',
  'max-error-rate',
  'max-p95',
  'max-p99',
  'min-samples'
]
const COMPARE = [
  'errors',
  'latency',
  'abs-margin',
  'rel-margin',
  'allowed-increase',
  'min-latency-delta'
]

/** Values a spec key might be given: good, bad, huge and odd. */
const specScalar: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: oddString, weight: 16 },
  { arbitrary: fc.integer(), weight: 1 },
  { arbitrary: fc.double(), weight: 1 },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      1e308,
      -1e308,
      Number.MAX_SAFE_INTEGER + 2,
      0,
      -1,
      0.5,
      1,
      2,
      600
    )
  },
  { arbitrary: fc.boolean(), weight: 1 },
  { arbitrary: fc.constant(null), weight: 1 },
  {
    weight: 16,
    arbitrary: fc.constantFrom(
      '2m',
      '30s',
      '400ms',
      '1h30m',
      '10d',
      '0s',
      '-5s',
      '1.5.5s',
      '5 m',
      '9'.repeat(400),
      `${'9'.repeat(400)}ms`,
      '1e400s',
      '1%',
      '0.5%',
      '150%',
      '-1%',
      '%',
      '0.01',
      '1e-3',
      'NaN',
      'Infinity',
      'sjc',
      '*',
      'GET',
      'HEAD',
      'manual',
      'hold',
      '/health',
      'fly-force-instance-id',
      '__proto__'
    )
  },
  // Rare, and shorter than fly.toml's: yaml folds and re-reads long strings slowly.
  { weight: 1, arbitrary: hugeString.map((x) => x.slice(0, 8_000)) }
)

/** specValue nests scalars in lists and maps, keyed by spec keys or anything. */
const specValue: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 5, arbitrary: specScalar },
    { weight: 1, arbitrary: fc.array(tie('v'), { maxLength: 4 }) },
    {
      weight: 1,
      arbitrary: fc.dictionary(
        fc.oneof(
          fc.constantFrom(...WAVE, ...PROBE, ...COMPARE, 'sjc', 'app'),
          oddString
        ),
        tie('v'),
        { maxKeys: 4 }
      )
    }
  )
})).v

/** ownEntries builds a mapping whose keys are own properties, `__proto__` included. */
function ownEntries(
  key: fc.Arbitrary<string>,
  value: fc.Arbitrary<unknown>
): fc.Arbitrary<Record<string, unknown>> {
  return fc.array(fc.tuple(key, value), { maxLength: 4 }).map((kvs) => {
    const o: Record<string, unknown> = {}
    for (const [k, v] of kvs)
      Object.defineProperty(o, k, {
        value: v,
        enumerable: true,
        writable: true,
        configurable: true
      })
    return o
  })
}

/** specObject is a spec-shaped mapping: known keys (and some unknown) with random values. */
const specObject = fc
  .record(
    {
      waves: fc.oneof(
        fc.array(
          fc.dictionary(
            fc.constantFrom(...WAVE, 'bakee', 'region'),
            specValue,
            {
              maxKeys: 5
            }
          ),
          { maxLength: 3 }
        ),
        specValue
      ),
      counts: fc.oneof(
        ownEntries(
          fc.oneof(
            fc.constantFrom('sjc', 'lhr', 'app', 'web', '__proto__', '*'),
            oddString
          ),
          fc.oneof(
            specScalar,
            ownEntries(fc.constantFrom('sjc', 'lhr', '__proto__'), specScalar)
          )
        ),
        specValue
      ),
      probes: fc.oneof(
        fc.array(
          fc.dictionary(fc.constantFrom(...PROBE, 'url'), specValue, {
            maxKeys: 5
          }),
          { maxLength: 2 }
        ),
        specValue
      ),
      compare: fc.oneof(
        fc.dictionary(fc.constantFrom(...COMPARE, 'p99'), specValue, {
          maxKeys: 4
        }),
        specValue
      ),
      ...Object.fromEntries(
        TOP.filter(
          (k) => !['waves', 'counts', 'probes', 'compare'].includes(k)
        ).map((k) => [k, specValue])
      ),
      unknown: fc.dictionary(oddString, specValue, { maxKeys: 2 })
    },
    { requiredKeys: [] }
  )
  .map((o) => {
    const { unknown, ...rest } = o as Record<string, unknown> & {
      unknown?: Record<string, unknown>
    }
    return { ...rest, ...(unknown ?? {}) }
  })

/** YAML syntax people get wrong, and YAML features a spec never needs. */
const yamlJunk = fc.constantFrom(
  ':',
  '- ',
  '  ',
  '\t',
  '&a ',
  '*a',
  '<<: *a',
  '!!binary ',
  '!!js/function ',
  '!custom ',
  '? ',
  '|',
  '>',
  '{',
  '}',
  '[',
  ']',
  '"',
  "'",
  '#',
  '---',
  '...',
  '%YAML 1.2',
  '\n',
  'waves:',
  'counts:'
)

/** specText is YAML of any kind: a serialized spec-shaped value, maybe broken, or random text. */
const specText: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 5,
    arbitrary: specObject.map((o) => {
      try {
        return stringify(o)
      } catch {
        return '' // a value yaml cannot write (a lone surrogate key): the empty spec
      }
    })
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        specObject.map((o) => {
          try {
            return stringify(o)
          } catch {
            return ''
          }
        }),
        fc.array(fc.tuple(fc.nat(), fc.oneof(yamlJunk, oddString)), {
          minLength: 1,
          maxLength: 3
        })
      )
      .map(([text, edits]) =>
        edits.reduce((t, [at, s]) => {
          const i = t.length ? at % t.length : 0
          return t.slice(0, i) + s + t.slice(i)
        }, text)
      )
  },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.oneof(yamlJunk, oddString, fc.constantFrom(...TOP)), {
        maxLength: 12
      })
      .map((xs) => xs.join(''))
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) }
)

/** finiteNumbers says whether every number in a value is finite. */
function finiteNumbers(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v)
  if (Array.isArray(v)) return v.every(finiteNumbers)
  if (v && typeof v === 'object') return Object.values(v).every(finiteNumbers)
  return true
}

/** checkSpec checks an accepted spec holds values the engine can run on. */
function checkSpec(spec: RolloutSpec): void {
  expect(finiteNumbers(spec), JSON.stringify(spec)).toBe(true)
  expect(Object.getPrototypeOf(spec.counts)).toBe(Object.prototype)
  for (const group of Object.values(spec.counts)) {
    expect(Object.getPrototypeOf(group)).toBe(Object.prototype)
    for (const n of Object.values(group)) expect(Number.isInteger(n)).toBe(true)
  }
  expect(spec.maxUnavailable).toBeGreaterThanOrEqual(1)
  expect(spec.alpha).toBeGreaterThan(0)
  expect(spec.alpha).toBeLessThan(0.5)
  expect(spec.machineDeadlineMs).toBeGreaterThanOrEqual(0)
  for (const w of spec.waves ?? []) {
    expect(w.regions.length).toBeGreaterThan(0)
    for (const r of w.regions) expect(r).toMatch(/^(\*|[a-z]{3})$/)
  }
  for (const p of spec.probes) {
    expect(p.path.startsWith('/')).toBe(true)
    expect(p.intervalMs).toBeGreaterThanOrEqual(50)
    expect(Object.getPrototypeOf(p.headers)).toBe(Object.prototype)
    for (const h of Object.keys(p.headers))
      expect(h).not.toMatch(/^fly-(force|prefer)-/i)
  }
  if (spec.identity !== false) {
    expect(spec.identity.machineHeader).toMatch(/^[!#$%&'*+\-.^_`|~0-9a-z]+$/)
    expect(spec.identity.versionHeader).toMatch(/^[!#$%&'*+\-.^_`|~0-9a-z]+$/)
  }
  expect(() => JSON.stringify(spec)).not.toThrow()
}

/** readSpec parses a text and checks the outcome is a clear error or a usable spec. */
function readSpec(text: string): ReturnType<typeof parseRolloutSpec> {
  const r = parseRolloutSpec(text, SOURCE)
  const errors = r.diagnostics.filter((d) => d.severity === 'error')
  if (r.spec) {
    expect(errors).toEqual([])
    checkSpec(r.spec)
  } else expect(errors.length).toBeGreaterThan(0)
  for (const d of r.diagnostics) {
    expect(['yaml', 'rollout-spec']).toContain(d.code)
    expect(d.file).toBe(SOURCE)
    expect(d.summary.length).toBeGreaterThan(0)
    // eslint-disable-next-line no-control-regex -- an escape sequence is what it looks for
    expect(d.summary).not.toMatch(/[\n\r\u001b]/)
    expect(looksLikeStackTrace(`${d.summary} ${d.detail ?? ''}`)).toBe(false)
    if (d.line !== undefined) expect(d.line).toBeGreaterThanOrEqual(1)
  }
  return r
}

describe('any rollout spec ends in a spec or errors, never an exception', () => {
  test('spec-shaped YAML with wrong, huge and odd values; broken YAML; random text', () => {
    fc.assert(
      fc.property(specText, (text) => {
        cases.hit()
        readSpec(text)
      }),
      { numRuns: 2_400 }
    )
  })

  test('an unknown key is named with its line', () => {
    fc.assert(
      fc.property(
        fc
          .stringMatching(/^[a-z][a-z-]{0,15}$/)
          .filter((k) => !TOP.includes(k)),
        fc.nat(5),
        (key, blank) => {
          cases.hit()
          const text = `${'\n'.repeat(blank)}max-unavailable: 2\n${key}: 1\n`
          const r = readSpec(text)
          expect(r.diagnostics).toMatchObject([
            {
              code: 'rollout-spec',
              file: SOURCE,
              line: blank + 2,
              key,
              summary: `unknown key "${key}" in the rollout spec`
            }
          ])
        }
      ),
      { numRuns: 400 }
    )
  })
})

describe('defects fuzzing found (regression tests)', () => {
  test('a duration too large to hold is an error, not Infinity', () => {
    for (const text of [
      'machine-deadline: 1e308',
      `progress-deadline: ${'9'.repeat(400)}s`,
      `waves:\n  - regions: [sjc]\n    bake: ${'9'.repeat(400)}ms`
    ]) {
      const r = parseRolloutSpec(text, SOURCE)
      expect(r.spec, text).toBeUndefined()
      expect(r.diagnostics[0]?.summary).toMatch(/must be a duration/)
    }
  })

  test('__proto__ as a process group or a probe header is an error, not a replaced prototype', () => {
    const counts = parseRolloutSpec(
      'counts:\n  __proto__:\n    sjc: 3\n',
      SOURCE
    )
    expect(counts.spec).toBeUndefined()
    expect(counts.diagnostics).toMatchObject([
      { line: 2, key: 'counts.__proto__' }
    ])
    const headers = parseRolloutSpec(
      'probes:\n  - path: /\n    headers:\n      __proto__: x\n',
      SOURCE
    )
    expect(headers.diagnostics).toMatchObject([
      {
        line: 4,
        summary: 'probes[0].headers: "__proto__" is not a header name'
      }
    ])
  })

  test('identity headers that are not header names are errors, not "undefined"', () => {
    const r = parseRolloutSpec(
      'identity:\n  machine-header: [1, 2]\n  version-header: "a b"\n',
      SOURCE
    )
    expect(r.spec).toBeUndefined()
    expect(r.diagnostics).toMatchObject([
      { line: 2, key: 'identity.machine-header' },
      { line: 3, key: 'identity.version-header' }
    ])
  })

  test('a key with a newline stays on one line in the summary', () => {
    const r = parseRolloutSpec('"a\\nb": 1\n', SOURCE)
    expect(r.diagnostics[0]?.summary).toBe(
      'unknown key "a\\nb" in the rollout spec'
    )
  })
})
