/**
 * Fuzzing fly.toml (issue #6 §2): flyctl's own fixtures mutated into valid
 * TOML with wrong types, unknown keys, huge values, deep nesting and odd
 * unicode, then broken into invalid TOML, and random documents. Proves that
 * parseFlyToml → toMachineConfigs / toReleaseCommandConfig / deploySettings
 * never throws on any of them, never reports an internal error or a stack
 * trace, names the file (and the line and key wherever a key is at fault),
 * and that what it accepts translates to JSON a Machines API request can
 * carry. The last block keeps the defects fuzzing found as regression tests.
 */
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  deploySettings,
  parseFlyToml,
  toMachineConfigs,
  toReleaseCommandConfig,
  type MachineConfigOptions
} from '../../src/core/appconfig/index.js'
import type { Diagnostic } from '../../src/core/diagnostics.js'
import {
  anyFlyToml,
  deepValue,
  emitToml,
  FIXTURES,
  mutate,
  tomlScalar,
  tomlValue,
  type TomlValue
} from './arbitraries.js'
import { budget, looksLikeStackTrace } from './budget.js'

const cases = budget('fly-toml')
const FILE = 'fly.toml'
const OPTS: MachineConfigOptions = {
  image: 'registry.fly.io/app@sha256:0',
  releaseId: 'r1',
  releaseVersion: 1,
  flyctlVersion: 'v0.3.0'
}

/** errorsOf lists the error diagnostics. */
/** UNREAD are the codes of a text that is not read at all: no config. */
const UNREAD = ['toml-syntax', 'too-deep', 'reserved-key']

const errorsOf = (ds: readonly Diagnostic[]): Diagnostic[] =>
  ds.filter((d) => d.severity === 'error')

/** checkDiagnostic: one line of explanation, the file named, a key's line given. */
function checkDiagnostic(d: Diagnostic): void {
  expect(d.code).not.toBe('internal')
  expect(['error', 'warning']).toContain(d.severity)
  expect(d.summary.length).toBeGreaterThan(0)
  // One line: a key or value with a newline or an escape sequence cannot
  // split the message or repaint a terminal.
  // eslint-disable-next-line no-control-regex -- an escape sequence is what it looks for
  expect(d.summary).not.toMatch(/[\n\r\u001b]/)
  expect(looksLikeStackTrace(`${d.summary} ${d.detail ?? ''}`)).toBe(false)
  if (d.file !== undefined) expect(d.file).toBe(FILE)
  if (d.key !== undefined) {
    expect(d.file).toBe(FILE)
    expect(d.line).toBeGreaterThanOrEqual(1)
  }
}

/**
 * readFlyToml runs a text through everything that reads a fly.toml and
 * checks the outcome is a clear error or a usable result.
 */
function readFlyToml(text: string): Diagnostic[] {
  const r = parseFlyToml(text, FILE)
  r.diagnostics.forEach(checkDiagnostic)
  if (r.config === undefined) {
    // Not TOML, or not readable as fly.toml: one error saying so.
    expect(r.diagnostics).toHaveLength(1)
    expect(UNREAD).toContain(r.diagnostics[0]!.code)
    expect(r.diagnostics[0]!.file).toBe(FILE)
    return r.diagnostics
  }
  // Translating whatever was read never throws, even a best effort config.
  const rendered = toMachineConfigs(r.config, OPTS)
  rendered.diagnostics.forEach(checkDiagnostic)
  deploySettings(r.config)
  if (r.config.deploy?.release_command !== undefined) {
    toReleaseCommandConfig(r.config, OPTS).diagnostics.forEach(checkDiagnostic)
  }
  if (errorsOf(r.diagnostics).length === 0) {
    // Accepted: translation has nothing left to refuse, and the configs are
    // JSON a request body can carry (no bigint, no cycle).
    expect(errorsOf(rendered.diagnostics)).toEqual([])
    expect(() => JSON.stringify(rendered.groups)).not.toThrow()
  }
  return r.diagnostics
}

describe('any fly.toml ends in diagnostics or machine configs, never an exception', () => {
  test('mutated fixtures, broken TOML and random documents', () => {
    fc.assert(
      fc.property(anyFlyToml, (c) => {
        cases.hit()
        readFlyToml(c.text)
      }),
      { numRuns: 3_000 }
    )
  })

  test('values nested up to 400 deep anywhere in a fixture', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FIXTURES),
        fc.nat(),
        deepValue,
        fc.boolean(),
        (f, at, value, headers) => {
          cases.hit()
          const text = emitToml(
            mutate(f.doc, [{ op: 'set', at, value }]),
            headers
          )
          const ds = readFlyToml(text)
          const deep = ds.find((d) => d.code === 'too-deep')
          if (deep) expect(deep.key).toBeDefined()
        }
      ),
      { numRuns: 400 }
    )
  })
})

describe('a fly.toml problem names the file, the line and the key', () => {
  /** lineOf finds where a top-level key is written: `key = …`, `[key]` or `[[key]]`. */
  const lineOf = (text: string, key: string): number =>
    text
      .split('\n')
      .findIndex((l) =>
        [`${key} = `, `[${key}]`, `[[${key}]]`].some((s) => l.startsWith(s))
      ) + 1

  test('an unknown top-level key', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FIXTURES),
        fc.stringMatching(/^zz_[a-z0-9_]{1,12}$/),
        tomlValue,
        fc.boolean(),
        (f, key, value, headers) => {
          cases.hit()
          const text = emitToml({ ...f.doc, [key]: value }, headers)
          const ds = readFlyToml(text)
          if (UNREAD.includes(ds[0]?.code ?? '')) return
          const d = ds.find((x) => x.key === key)
          expect(d, text).toMatchObject({
            code: expect.stringMatching(/^(unknown|ignored)-key$/),
            file: FILE,
            line: lineOf(text, key)
          })
          expect(d!.summary).toContain(key)
        }
      ),
      { numRuns: 500 }
    )
  })

  test('a value of the wrong type for a top-level string', () => {
    const notString = tomlScalar.filter((v) => typeof v !== 'string')
    fc.assert(
      fc.property(
        fc.constantFrom(...FIXTURES),
        fc.constantFrom(
          'app',
          'primary_region',
          'kill_signal',
          'console_command'
        ),
        fc.oneof(
          notString,
          fc.array(tomlValue, { maxLength: 2 }),
          fc.dictionary(fc.stringMatching(/^[a-z]{1,4}$/), tomlScalar, {
            maxKeys: 2
          }) as fc.Arbitrary<TomlValue>
        ),
        (f, key, value) => {
          cases.hit()
          // Inline values only: a table value stays on the key's line.
          const text = emitToml({ ...f.doc, [key]: value }, false)
          const ds = readFlyToml(text)
          // A lone surrogate or a year past 9999 is not TOML: that error is the answer.
          if (UNREAD.includes(ds[0]?.code ?? '')) return
          expect(
            ds.find((d) => d.key === key),
            text
          ).toMatchObject({
            severity: 'error',
            code: 'wrong-type',
            file: FILE,
            line: lineOf(text, key)
          })
        }
      ),
      { numRuns: 400 }
    )
  })
})

describe('defects fuzzing found (regression tests)', () => {
  test('inline tables nested 3,000 deep: a too-deep error at the line and key, in well under a second', () => {
    const text = `app = "a"\n[env]\nX = ${'{b='.repeat(3000)}1${'}'.repeat(3000)}\n`
    const started = performance.now()
    const r = parseFlyToml(text, FILE)
    expect(performance.now() - started).toBeLessThan(1_000)
    expect(r.config).toBeUndefined()
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'too-deep',
        file: FILE,
        line: 3,
        key: `env.X${'.b'.repeat(31)}`
      })
    ])
  })

  test('arrays nested 20,000 deep: a too-deep error, not a stack overflow', () => {
    const text = `app = "a"\nprocesses = ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`
    const r = parseFlyToml(text, FILE)
    expect(r.diagnostics).toMatchObject([
      { code: 'too-deep', file: FILE, line: 2 }
    ])
    expect(r.diagnostics[0]!.summary).not.toMatch(/call stack/i)
  })

  test('table headers 20,000 keys long: read in well under a second', () => {
    const header = `[a${'.b'.repeat(20_000)}]\nx = 1\n`
    const started = performance.now()
    const r = parseFlyToml(`app = "a"\n${header}${header}`, FILE)
    expect(performance.now() - started).toBeLessThan(1_000)
    expect(r.diagnostics).toMatchObject([{ code: 'toml-syntax', line: 4 }])
  })

  test('keys named like Object members: a reserved-key error or an ordinary unknown key, never "must be a table, not a table"', () => {
    const r = parseFlyToml(
      'app = "a"\n[checks.constructor]\ntype = "tcp"\nport = 80\n',
      FILE
    )
    expect(r.diagnostics).toMatchObject([
      {
        severity: 'error',
        code: 'reserved-key',
        file: FILE,
        line: 2,
        key: 'checks.constructor'
      }
    ])
    const env = parseFlyToml('app = "a"\n[env]\n__proto__ = "x"\n', FILE)
    expect(env.diagnostics).toMatchObject([
      { code: 'reserved-key', line: 3, key: 'env.__proto__' }
    ])
    const top = parseFlyToml('app = "a"\nconstructor = 0\n', FILE)
    expect(top.diagnostics).toMatchObject([
      {
        code: 'unknown-key',
        line: 2,
        key: 'constructor',
        summary: 'unknown key "constructor" in the top level'
      }
    ])
  })

  test('a preset, a duration unit or a local file named "constructor" is not found on Object', () => {
    const vm = parseFlyToml('app = "a"\n[[vm]]\nsize = "constructor"\n', FILE)
    expect(vm.diagnostics).toMatchObject([
      { code: 'invalid-value', line: 3, key: 'vm[0].size' }
    ])
    const kill = parseFlyToml(
      'app = "a"\nkill_timeout = "1constructor"\n',
      FILE
    )
    expect(kill.diagnostics).toMatchObject([
      { code: 'invalid-value', line: 2, key: 'kill_timeout' }
    ])
    const files = parseFlyToml(
      'app = "a"\n[[files]]\nguest_path = "/x"\nlocal_path = "constructor"\n',
      FILE
    )
    const rendered = toMachineConfigs(files.config!, {
      ...OPTS,
      localFiles: {}
    })
    expect(rendered.diagnostics).toMatchObject([
      { code: 'missing-file-content' }
    ])
  })

  test('nan and inf are named as TOML writes them, not as "null"', () => {
    const r = parseFlyToml(
      'app = "a"\n[[vm]]\ncpus = nan\nmemory_mb = -inf\n',
      FILE
    )
    expect(r.diagnostics.map((d) => d.summary)).toEqual([
      '"cpus" in [[vm]] must be an integer, not a float nan',
      '"memory_mb" in [[vm]] must be an integer, not a float -inf'
    ])
  })

  test('a key with a newline or an escape sequence stays on one line in the summary', () => {
    const r = parseFlyToml('app = "a"\n"\\r\\n" = 1\n"\\u001b[31m" = 2\n', FILE)
    expect(r.diagnostics.map((d) => d.summary)).toEqual([
      'unknown key "\\r\\n" in the top level',
      'unknown key "\\u001b[31m" in the top level'
    ])
  })
})
