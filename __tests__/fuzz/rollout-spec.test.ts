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
import { parseRolloutSpec, type RolloutSpec } from '../../src/core/spec.js'
import { specText, TOP } from './spec-arbitraries.js'
import { budget, looksLikeStackTrace } from './budget.js'

const cases = budget('rollout-spec')
const SOURCE = 'rollout.yml'

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
