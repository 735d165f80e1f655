/**
 * Rollout spec generators for the fuzz suite: spec-shaped YAML whose keys
 * get good, wrong, huge and odd values (`__proto__` included), that YAML
 * broken by junk, and random text. Shared by rollout-spec.test.ts and
 * no-mutation.test.ts.
 */
import fc from 'fast-check'
import { stringify } from 'yaml'
import {
  COMPARE_KEYS,
  PROBE_KEYS,
  TOP_KEYS,
  WAVE_KEYS
} from '../../src/core/spec.js'
import { hugeString, oddString } from './arbitraries.js'

// The keys the parser knows, from the parser: a key it gains is fuzzed too.
export const TOP: readonly string[] = TOP_KEYS
const WAVE = WAVE_KEYS
const PROBE = PROBE_KEYS
const COMPARE = COMPARE_KEYS

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
export const specText: fc.Arbitrary<string> = fc.oneof(
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
