/**
 * Fuzzing the action's inputs (issue #6 §2): every input of action.yml gets
 * random, odd, huge or nearly-right text, and the `secrets` input gets
 * random NAME=VALUE lines and JSON. Proves that parseInputs either returns a
 * config whose every field is valid or throws one InputError whose problems
 * each name the input at fault (never another error), and that
 * parseSecretsInput never throws and never quotes a secret value in a
 * problem. The last block keeps the defects fuzzing found as regression
 * tests.
 */
import fc from 'fast-check'
import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { parse } from 'yaml'
import { parseInputs, type ActionConfig } from '../../src/action/inputs.js'
import { InputError } from '../../src/core/errors.js'
import { parseSecretsInput, SECRET_NAME } from '../../src/core/secrets-input.js'
import { hugeString, oddString } from './arbitraries.js'
import { budget, looksLikeStackTrace } from './budget.js'

const cases = budget('action-inputs')

/** INPUTS are action.yml's inputs: the fuzz gives each one text. */
const INPUTS = Object.keys(
  (parse(readFileSync('action.yml', 'utf8')) as { inputs: object }).inputs
)

/** Nearly-right values: what each input accepts, and its common typos. */
const NEAR = [
  'true',
  'false',
  'TRUE',
  'yes',
  'no',
  'on',
  'off',
  '1',
  '0',
  'auto',
  'deploy',
  'preview',
  'sweep',
  'redeploy',
  'remote',
  'local',
  'none',
  'managed',
  'unmanaged',
  'skip',
  'rollback',
  'leave',
  'latest',
  'prerel',
  '0.3.1',
  'v0.3.1',
  'v0.3.1-beta.2',
  '0.3',
  '45m',
  '7d',
  '0s',
  '-5m',
  '1e400s',
  '9'.repeat(400),
  'my-app',
  'My_App',
  '-app',
  'a'.repeat(64),
  'sjc',
  'sjc, lhr',
  'sjc,SJC',
  'fly-{pr}-x',
  '{repo}-{pr}',
  'personal',
  'https://api.machines.dev',
  'http://127.0.0.1:1',
  'ftp://x',
  'https://',
  'javascript:alert(1)',
  'A=1\nB=2',
  '=x',
  '__proto__=x',
  'constructor=y',
  'DB_*',
  'GITHUB_TOKEN',
  '*',
  'a b'
]

const inputValue = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NEAR) },
  { weight: 3, arbitrary: oddString },
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: hugeString.map((s) => s.slice(0, 10_000)) }
)

/** inputs sets a random subset of the inputs, the way a workflow's `with:` does. */
const inputs = fc
  .array(fc.tuple(fc.constantFrom(...INPUTS), inputValue), { maxLength: 12 })
  .map((kvs) => new Map(kvs))

/** read is the runner's getInput: trimmed, '' when unset. */
const reader =
  (m: Map<string, string>) =>
  (name: string): string =>
    (m.get(name) ?? '').trim()

/** checkConfig checks an accepted config holds only valid values. */
function checkConfig(c: ActionConfig, given: Map<string, string>): void {
  expect([undefined, 'deploy', 'preview', 'sweep', 'redeploy']).toContain(
    c.mode
  )
  for (const r of c.regions) expect(r).toMatch(/^[a-z]{3}$/)
  if (c.app !== undefined) expect(c.app).toMatch(/^[a-z0-9][a-z0-9-]{0,62}$/)
  expect(c.previewName).toContain('{pr}')
  for (const u of [c.apiUrl, c.registryUrl, c.flyctlReleasesUrl, c.edgeUrl])
    if (u !== undefined)
      expect(['http:', 'https:']).toContain(new URL(u).protocol)
  for (const ms of [c.timeoutMs, c.ttlMs])
    if (ms !== undefined) {
      expect(Number.isFinite(ms)).toBe(true)
      expect(ms).toBeGreaterThan(0)
    }
  // Every NAME=VALUE line of build-args is an own key of buildArgs.
  expect(Object.getPrototypeOf(c.buildArgs)).toBe(Object.prototype)
  for (const line of (given.get('build-args') ?? '').trim().split('\n')) {
    const l = line.trim()
    const eq = l.indexOf('=')
    if (l && !l.startsWith('#') && eq > 0)
      expect(Object.hasOwn(c.buildArgs, l.slice(0, eq).trim())).toBe(true)
  }
  expect(c.build === 'none' && c.image === undefined).toBe(false)
}

describe('any action inputs end in a config or one InputError naming the inputs', () => {
  test('random, odd, huge and nearly-right text for every input', () => {
    fc.assert(
      fc.property(inputs, fc.boolean(), (given, envToken) => {
        cases.hit()
        const env = envToken ? { FLY_API_TOKEN: 'fo1_env_token' } : {}
        let config: ActionConfig | undefined
        try {
          config = parseInputs(reader(given), env)
        } catch (e) {
          expect(e).toBeInstanceOf(InputError)
          const problems = (e as InputError).problems
          expect(problems.length).toBeGreaterThan(0)
          for (const p of problems) {
            const named = /^input ([a-z-]+)[:,]/.exec(p)
            expect(named, p).not.toBeNull()
            expect(INPUTS).toContain(named![1])
            expect(looksLikeStackTrace(p)).toBe(false)
          }
          return
        }
        checkConfig(config, given)
      }),
      { numRuns: 1_500 }
    )
  })
})

/** A secret value: marked (never a name, so never quoted as one), so a problem quoting one is caught. */
const secretValue = fc
  .tuple(oddString, fc.string({ maxLength: 8 }))
  .map(([a, b]) => `%S3CR3T%${a}${b}`.replace(/"""/g, ''))

const secretName = fc.oneof(
  fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,10}$/),
  fc.constantFrom('GITHUB_TOKEN', 'FLY_API_TOKEN', '__proto__', 'db_url'),
  oddString
)

/** A line of the NAME=VALUE form, quoted every way the parser reads, or broken. */
const secretLine = fc.oneof(
  fc
    .tuple(
      secretName,
      secretValue,
      fc.constantFrom('', '"', "'", '"""', '"""\n')
    )
    .map(([n, v, q]) =>
      q === '"""\n' ? `${n}="""\n${v}\n"""` : `${n}=${q}${v}${q}`
    ),
  fc.tuple(secretName, secretValue).map(([n, v]) => `${n} = ${v}`),
  secretValue,
  fc.constantFrom('', '# comment', '=', 'A=', 'A="""', '"""', '\r', '{')
)

/** The secrets input: lines, a JSON object (as toJSON(secrets) renders it), or broken JSON. */
const secretsText = fc.oneof(
  fc.array(secretLine, { maxLength: 6 }).map((ls) => ls.join('\n')),
  fc
    .array(fc.tuple(secretName, fc.oneof(secretValue, fc.constant(''))), {
      maxLength: 5
    })
    .map((kvs) => {
      const o: Record<string, unknown> = {}
      for (const [k, v] of kvs)
        Object.defineProperty(o, k, {
          value: v,
          enumerable: true,
          writable: true,
          configurable: true
        })
      return JSON.stringify(o)
    }),
  fc.tuple(secretName, secretValue, fc.nat()).map(([k, v, cut]) => {
    const json = JSON.stringify({ [k]: v })
    return json.slice(0, cut % json.length)
  })
)

const include = fc.array(
  fc.oneof(
    fc.constantFrom('DB_*', 'GITHUB_TOKEN', '*', 'A', '__proto__', 'db_url'),
    fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,6}\*?$/),
    oddString
  ),
  { maxLength: 3 }
)

describe('any secrets input ends in secrets or problems that quote no value', () => {
  test('random NAME=VALUE lines, JSON objects and broken JSON', () => {
    fc.assert(
      fc.property(secretsText, include, (text, inc) => {
        cases.hit()
        const r = parseSecretsInput(text, inc)
        for (const p of r.problems) {
          expect(p, p).not.toContain('S3CR3T')
          expect(p).toMatch(/^input secrets(-include)?[:,]? /)
          expect(looksLikeStackTrace(p)).toBe(false)
        }
        const names = r.entries.map((e) => e.name)
        expect(new Set(names).size).toBe(names.length)
        for (const e of r.entries) {
          expect(e.name).toMatch(SECRET_NAME)
          expect(typeof e.value).toBe('string')
        }
      }),
      { numRuns: 800 }
    )
  })
})

describe('defects fuzzing found (regression tests)', () => {
  test('a build argument named __proto__ is a problem, not a lost argument', () => {
    const given = new Map([['build-args', '__proto__=x\nA=1']])
    expect(() => parseInputs(reader(given), {})).toThrow(
      'input build-args, line 1: __proto__ is not a build argument name'
    )
  })

  test('a timeout too large to hold is a problem, not Infinity', () => {
    const given = new Map([['timeout', '9'.repeat(400)]])
    expect(() => parseInputs(reader(given), {})).toThrow(/input timeout/)
  })
})
