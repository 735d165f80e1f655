import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { run } from '../../src/action/main.js'
import { runPost } from '../../src/action/post-step.js'
import { StateKey } from '../../src/action/state-keys.js'
import { startSim, type Sim } from '../../src/sim/index.js'
import { fakeIO, type FakeIO } from './fake-io.js'

/**
 * SECURITY.md "Tokens and masking": every token and secret value reaches
 * the runner as `::add-mask::` before the first line of anything else, in
 * every mode and in the post step. (The bundled action's deploy is checked
 * the same way in __tests__/action/action.test.ts; these run src/ in-process
 * with a recording ActionIO, so every path is cheap to cover.)
 */
const PEM =
  '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----'
const SECRET_LINES = `DATABASE_URL=postgres://u:p@ss word@db/app\nPEM_KEY="""${PEM}"""\n`
const GITHUB_INPUT = 'ghs_inputtokenvalue0001'
const GITHUB_ENV = 'ghs_envtokenvalue000002'

/** expectMaskedFirst: each value was masked, and before anything was shown. */
function expectMaskedFirst(f: FakeIO, values: string[]): void {
  const first = f.firstOutput()
  const masks = f.calls
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => c.method === 'setSecret')
  for (const v of values) {
    const at = masks.find(({ c }) => c.args[0] === v)
    expect(at, `never masked: ${JSON.stringify(v)}`).toBeDefined()
    expect(at!.i, `masked after output: ${JSON.stringify(v)}`).toBeLessThan(
      first
    )
  }
}

const pemLines = PEM.split('\n')

let sim: Sim
let workspace: string
beforeEach(async () => {
  sim = await startSim({
    regions: ['sjc'],
    apps: [{ name: 'demo', machinesPerRegion: 1 }],
    seed: 5,
    clockScale: 50
  })
  sim.control.setImage('registry.fly.io/demo:good', { boot: '1s' })
  workspace = mkdtempSync(join(tmpdir(), 'fly-rollout-sec-'))
})
afterEach(async () => {
  await sim.close()
})

function eventFile(payload: unknown): string {
  const p = join(workspace, 'event.json')
  writeFileSync(p, JSON.stringify(payload))
  return p
}

describe('masking', () => {
  test('deploy: both tokens (input and environment), every secret and each line of a multi-line one are masked before any output', async () => {
    const f = fakeIO(
      {
        'api-token': sim.token,
        'github-token': GITHUB_INPUT,
        app: 'demo',
        image: 'registry.fly.io/demo:good',
        'api-url': sim.apiUrl,
        'edge-url': sim.edgeUrl,
        'registry-url': sim.apiUrl,
        'install-flyctl': 'false',
        'dry-run': 'true',
        secrets: SECRET_LINES,
        rollout: 'waves:\n  - regions: ["*"]\n'
      },
      { GITHUB_WORKSPACE: workspace, GITHUB_TOKEN: GITHUB_ENV }
    )
    await run(f.io)
    expect(f.failed()).toEqual([])
    expect(f.outputs().result).toBe('planned')
    expectMaskedFirst(f, [
      sim.token,
      GITHUB_INPUT,
      GITHUB_ENV,
      'postgres://u:p@ss word@db/app',
      PEM,
      ...pemLines
    ])
    for (const v of [sim.token, GITHUB_ENV, PEM, ...pemLines.slice(1, 3)])
      expect(f.shown()).not.toContain(v)
  }, 30_000)

  test('preview: a fork PR is skipped with a notice, and only after every value is masked', async () => {
    const f = fakeIO(
      {
        'api-token': 'fo1_forkruntokenvalue',
        'github-token': GITHUB_INPUT,
        preview: 'true',
        secrets: SECRET_LINES
      },
      {
        GITHUB_REPOSITORY: 'acme/web',
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: eventFile({
          action: 'opened',
          number: 7,
          pull_request: {
            number: 7,
            head: { sha: 'a'.repeat(40), repo: { full_name: 'mallory/web' } },
            base: { repo: { full_name: 'acme/web' } }
          }
        })
      }
    )
    await run(f.io)
    expect(f.failed()).toEqual([])
    expect(f.notices()[0]).toMatch(/comes from a fork/)
    expectMaskedFirst(f, ['fo1_forkruntokenvalue', GITHUB_INPUT, PEM])
  })

  test('a bad input fails the step only after the tokens are masked, and the failure names no value', async () => {
    const f = fakeIO(
      {
        'api-token': sim.token,
        app: 'demo',
        'dry-run': 'maybe',
        secrets: SECRET_LINES
      },
      { FLY_API_TOKEN: 'fo1_envtokenvalue_9' }
    )
    await run(f.io)
    expect(f.failed()).toHaveLength(1)
    expect(f.failed()[0]).toMatch(/dry-run/)
    expectMaskedFirst(f, [sim.token, 'fo1_envtokenvalue_9'])
    expect(f.shown()).not.toContain('ss word')
  })

  test('post: the token is masked before the post step says anything', async () => {
    const f = fakeIO(
      { 'api-token': sim.token },
      {},
      {
        [StateKey.Phase]: 'running',
        [StateKey.RolloutId]: '01JROLLOUT',
        [StateKey.App]: 'demo',
        [StateKey.OnCancel]: 'leave'
      }
    )
    await runPost(f.io)
    expect(f.calls.some((c) => c.method === 'warning')).toBe(true)
    expectMaskedFirst(f, [sim.token])
  })
})
