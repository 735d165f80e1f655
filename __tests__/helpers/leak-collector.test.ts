import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import type { RequestRecord } from '../../src/sim/index.js'
import {
  createLeakCollector,
  leaks,
  maskFaults,
  type MaskRule
} from './leak-collector.js'
import { runnerDirs, startStep } from './runner.js'

/**
 * The automatic leak scan can fail: steps that leak are run through the
 * real runner helper (a stand-in action script in place of dist/), and the
 * running test's collector is checked directly, then emptied, so the test
 * itself does not fail.
 */
const TOKEN = 'fo1_flysim_0123456789abcdef0123456789abcdef'
const SECRET = 'p@ss word "q"\n~~~?>>é'

let realDist: string | undefined
afterEach(() => {
  if (realDist !== undefined) process.env.FLY_ROLLOUT_TEST_DIST = realDist
  realDist = undefined
})

/** fakeAction makes a dist/ whose index.js is `script` (CommonJS). */
function fakeAction(script: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'fly-rollout-fake-dist-'))
  writeFileSync(join(dir, 'index.js'), script)
  realDist ??= process.env.FLY_ROLLOUT_TEST_DIST ?? ''
  process.env.FLY_ROLLOUT_TEST_DIST = dir
}

/** MASK is what a well-behaved action does first: mask every value. */
const MASK = `
const esc = (v) => v.replace(/%/g, '%25').replace(/\\r/g, '%0D').replace(/\\n/g, '%0A')
const secrets = JSON.parse(process.env.INPUT_SECRETS)
for (const v of [process.env['INPUT_API-TOKEN'], ...Object.values(secrets)])
  console.log('::add-mask::' + esc(v))
const fs = require('node:fs')
`

async function runFake(script: string) {
  fakeAction(MASK + script)
  const step = startStep('index', runnerDirs(), {
    'api-token': TOKEN,
    secrets: JSON.stringify({ DB: SECRET }),
    'secrets-include': 'DB'
  })
  const { code } = await step.exited
  // Checked, then emptied before any assertion: the test itself must not fail.
  const result = leaks().check()
  leaks().forget()
  expect(code).toBe(0)
  return result
}

describe('the automatic leak scan of action steps', () => {
  test('a step that masks every value and prints none is clean', async () => {
    const r = await runFake(
      `console.log('deploying demo'); console.log('::debug::ok')`
    )

    expect(r.problems).toEqual([])
    expect(r.secrets).toBeGreaterThanOrEqual(2)
    expect(r.scanned.some((l) => l.endsWith(' stdout'))).toBe(true)
  })

  test('a step that echoes a secret, even base64-encoded, is reported', async () => {
    const r = await runFake(`
console.log('token: ' + Buffer.from(secrets.DB).toString('base64'))
console.error(process.env['INPUT_API-TOKEN'])`)

    expect(r.problems).toEqual([
      expect.stringMatching(
        /^a secret \(21 chars.* base64 in index step .* stdout/
      ),
      expect.stringMatching(
        /^a secret \(43 chars.* raw in index step .* stderr/
      )
    ])
    // Reports name a secret by length and hash, never by value.
    expect(r.problems.join('\n')).not.toContain(TOKEN)
    expect(r.problems.join('\n')).not.toContain('p@ss')
  })

  test('a secret in a file command, the job summary or the flyctl argv log is reported', async () => {
    const r = await runFake(`
fs.appendFileSync(process.env.GITHUB_OUTPUT, 'db=' + encodeURIComponent(secrets.DB) + '\\n')
fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, JSON.stringify({ db: secrets.DB }))
fs.mkdirSync(process.env.HOME + '/.fly', { recursive: true })
fs.appendFileSync(process.env.HOME + '/.fly/flysim-argv.jsonl', JSON.stringify({ argv: ['deploy', '--access-token', process.env['INPUT_API-TOKEN']] }) + '\\n')`)

    const text = r.problems.join('\n')
    expect(text).toMatch(/url-encoded in \S+\/output /)
    expect(text).toMatch(/json-escaped in \S+\/summary /)
    expect(text).toMatch(/raw in \S+\/home\/\.fly\/flysim-argv\.jsonl /)
  })

  test('a value masked after the step printed something, or never, is reported', async () => {
    fakeAction(`console.log('starting')
console.log('::add-mask::${TOKEN}')`)
    const step = startStep('index', runnerDirs(), {
      'api-token': TOKEN,
      secrets: 'DB=a value never masked',
      'secrets-include': 'DB'
    })
    await step.exited

    const r = leaks().check()
    leaks().forget()

    expect(r.problems).toHaveLength(2)
    expect(r.problems[0]).toMatch(/masked on line 2, after output on line 1/)
    expect(r.problems[1]).toMatch(/was never masked/)
  })
})

describe('createLeakCollector', () => {
  test("a token in flysim's request log is reported, the secrets endpoint's body is not recorded", () => {
    const c = createLeakCollector()
    c.secrets(TOKEN)
    const records: RequestRecord[] = [
      {
        seq: 1,
        at: 0,
        method: 'GET',
        path: '/v1/apps/demo/machines',
        query: `token=${TOKEN}`,
        status: 200
      }
    ]
    c.requests('flysim requests', () => records)

    expect(c.check().problems).toEqual([
      expect.stringMatching(
        /raw in request #1 GET \/v1\/apps\/demo\/machines \(query\)/
      )
    ])
  })

  test('a thrown error carrying a secret in its cause is reported', () => {
    const c = createLeakCollector()
    c.secrets(SECRET)
    c.error(
      'rollout error',
      new Error('update failed', { cause: new Error(`bad value ${SECRET}`) })
    )

    expect(c.check().problems).toEqual([
      expect.stringMatching(/raw in rollout error \(cause 1\) \.stack/),
      expect.stringMatching(/raw in rollout error \(cause 1\) \.message/)
    ])
  })

  test('each line of a multi-line secret is looked for on its own', () => {
    const c = createLeakCollector()
    c.secrets('-----BEGIN KEY-----\nMIIEvQIBADANBgkqhkiG9w0\n-----END KEY-----')
    c.text('log', () => 'key line MIIEvQIBADANBgkqhkiG9w0 printed')

    expect(c.check().problems).toHaveLength(1)
  })

  test('a token no test registered is reported by its shape', () => {
    const c = createLeakCollector()
    c.text('demo output', () => `ready ${TOKEN}`)

    expect(c.check().problems).toEqual([
      'a Fly API token (fo1_…) in demo output at offset 6'
    ])
  })

  test('blank secrets are ignored; a clean text is clean', () => {
    const c = createLeakCollector()
    c.secrets('', '  ', undefined)
    c.text('log', () => 'nothing to see')

    expect(c.check()).toEqual({
      problems: [],
      scanned: ['log'],
      secrets: 0,
      chars: 14
    })
  })
})

describe('maskFaults', () => {
  const rule: MaskRule = { always: ['tok-1234'], onceRunning: ['value-5678'] }

  test.each<[string, string[], number]>([
    [
      'masks first',
      ['::add-mask::tok-1234', '::add-mask::value-5678', 'hi'],
      0
    ],
    ['no output at all', [''], 0],
    [
      'an input error before the values are read',
      ['::add-mask::tok-1234', '::error::bad input'],
      0
    ],
    ['the token never masked', ['::add-mask::value-5678', 'hi'], 1],
    [
      'a value masked late',
      ['::add-mask::tok-1234', 'hi', '::add-mask::value-5678'],
      1
    ]
  ])('%s', (_, lines, faults) => {
    expect(maskFaults('step', lines, rule)).toHaveLength(faults)
  })
})

/**
 * The scan cannot be forgotten: end-to-end tests reach flysim, the CLI and
 * child processes only through the helpers that register them.
 */
describe('every end-to-end test is scanned', () => {
  const DIRS = [
    '__tests__/action',
    '__tests__/e2e',
    '__tests__/cli',
    '__tests__/faults'
  ]
  /** Files allowed to spawn an unwatched process, and why. */
  const UNWATCHED: Record<string, string> = {
    '__tests__/cli/sim.test.ts':
      '`fly-rollout sim` prints its token on purpose (its ready line); it runs no rollout'
  }
  const files = DIRS.flatMap((d) =>
    readdirSync(d)
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => `${d}/${f}`)
  )

  test.each(files)('%s', (file) => {
    const text = readFileSync(file, 'utf8')
    const valueImports = (from: string) =>
      [
        ...text.matchAll(
          new RegExp(`import\\s*\\{([^}]*)\\}\\s*from\\s*'${from}'`, 'g')
        )
      ]
        .flatMap((m) => m[1]!.split(','))
        .map((s) => s.trim())
        .filter((s) => s && !s.startsWith('type '))

    // flysim through helpers/sim.ts, runCli through helpers/cli.ts.
    expect(valueImports('../../src/sim/index.js')).not.toContain('startSim')
    expect(valueImports('../../src/cli/main.js')).not.toContain('runCli')
    if (/\bspawn\(/.test(text) && !UNWATCHED[file])
      expect(text).toMatch(/\bwatchChild\(/)
  })
})
