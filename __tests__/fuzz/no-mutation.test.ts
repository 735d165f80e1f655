/**
 * Bad input changes nothing on Fly (issue #6 §2): fuzzed fly.toml files and
 * rollout specs that have errors go through the CLI's `deploy` in-process,
 * and fuzzed action inputs (and bad fly.toml / specs given as inputs) go
 * through the action's main step, each against a flysim with a running app.
 * Proves from flysim's request log that not one POST, PUT, PATCH or DELETE
 * reached the Machines API, and that each run failed with the input named.
 */
import fc from 'fast-check'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { parseInputs } from '../../src/action/inputs.js'
import { run } from '../../src/action/main.js'
import type { ActionIO } from '../../src/adapters/runtime/actions-io.js'
import { runCli } from '../../src/cli/main.js'
import { parseFlyToml } from '../../src/core/appconfig/index.js'
import { hasErrors } from '../../src/core/diagnostics.js'
import { parseRolloutSpec } from '../../src/core/spec.js'
import { startSim, type Sim } from '../../src/sim/index.js'
import { anyFlyToml, oddString } from './arbitraries.js'
import { budget } from './budget.js'
import { specText } from './spec-arbitraries.js'

const cases = budget('no-mutation')
const APP = 'demo'
const IMAGE = 'registry.fly.io/demo:deployment-fuzz'
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

let sim: Sim
let dir: string

beforeAll(async () => {
  sim = await startSim({
    apps: [{ name: APP, regions: ['sjc', 'lhr'], machinesPerRegion: 1 }]
  })
  dir = mkdtempSync(join(tmpdir(), 'flyrollout-fuzz-'))
})

afterAll(async () => {
  await sim?.close()
  rmSync(dir, { recursive: true, force: true })
})

/** mutations lists the mutating requests flysim received since `since`. */
function mutations(since: number): string[] {
  return sim.control
    .requests(since)
    .filter((r) => MUTATING.has(r.method))
    .map((r) => `${r.method} ${r.path}`)
}

/** lastSeq is the newest request's sequence number (0: none yet). */
function lastSeq(): number {
  return sim.control.requests().at(-1)?.seq ?? 0
}

test('the request log sees a mutating request (the check below can fail)', async () => {
  const since = lastSeq()
  await fetch(`${sim.apiUrl}/v1/apps/${APP}/machines/nope/lease`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${sim.token}`,
      'content-type': 'application/json'
    },
    body: '{"ttl":1}'
  }).then((r) => r.text())
  expect(mutations(since)).toEqual([`POST /v1/apps/${APP}/machines/nope/lease`])
})

const badToml = anyFlyToml.filter((c) =>
  hasErrors(parseFlyToml(c.text, 'fly.toml').diagnostics)
)
const badSpec = specText.filter(
  (t) => parseRolloutSpec(t, '--rollout').spec === undefined
)

/** cli runs one CLI command line in-process. */
async function cli(argv: string[]): Promise<{ code: number; err: string }> {
  let err = ''
  const code = await runCli(argv, {
    stdout: () => {},
    stderr: (t) => void (err += t),
    env: { FLY_API_TOKEN: sim.token },
    stopped: () => new Promise(() => {}),
    isTTY: false
  })
  return { code, err }
}

describe('the CLI deploy sends nothing that changes Fly for bad input', () => {
  test('a fly.toml with errors', async () => {
    let n = 0
    await fc.assert(
      fc.asyncProperty(badToml, async (c) => {
        cases.hit()
        const file = join(dir, `cli-${n++}.toml`)
        writeFileSync(file, c.text)
        const since = lastSeq()
        const { code, err } = await cli([
          'deploy',
          '--app',
          APP,
          '--image',
          IMAGE,
          '--config',
          file,
          `--api-url=${sim.apiUrl}`
        ])
        expect(code).toBe(1)
        expect(err).toContain(file)
        expect(mutations(since)).toEqual([])
      }),
      { numRuns: 80 }
    )
  })

  test('a rollout spec with errors', async () => {
    await fc.assert(
      fc.asyncProperty(badSpec, async (spec) => {
        cases.hit()
        const since = lastSeq()
        const { code, err } = await cli([
          'deploy',
          '--app',
          APP,
          '--image',
          IMAGE,
          `--rollout=${spec.includes('\n') ? spec : `${spec}\n`}`,
          `--api-url=${sim.apiUrl}`
        ])
        expect(code).toBe(1)
        expect(err).toMatch(/--rollout|invalid input/)
        expect(mutations(since)).toEqual([])
      }),
      { numRuns: 80 }
    )
  })
})

/** fakeIO is the runner for one action run: inputs in, failure out. */
function fakeIO(inputs: Map<string, string>): {
  io: ActionIO
  failed: () => string | undefined
} {
  let failed: string | undefined
  const io: ActionIO = {
    getInput: (name) => (inputs.get(name) ?? '').trim(),
    setOutput: () => {},
    setSecret: () => {},
    saveState: () => {},
    getState: () => '',
    info: () => {},
    debug: () => {},
    notice: () => {},
    warning: () => {},
    error: () => {},
    startGroup: () => {},
    endGroup: () => {},
    summary: async () => {},
    setFailed: (m) => void (failed = m),
    addPath: () => {},
    env: { GITHUB_WORKSPACE: dir, GITHUB_EVENT_NAME: 'push' }
  }
  return { io, failed: () => failed }
}

/** A workflow that would deploy demo to flysim, before the fuzz changes its inputs. */
const baseInputs = (): Map<string, string> =>
  new Map([
    ['app', APP],
    ['image', IMAGE],
    ['api-token', sim.token],
    ['api-url', sim.apiUrl],
    ['install-flyctl', 'false'],
    ['comment', 'false'],
    ['deployments', 'false']
  ])

const INPUT_NAMES = [
  'mode',
  'preview',
  'org',
  'regions',
  'build',
  'build-args',
  'flyctl-version',
  'timeout',
  'app',
  'ttl',
  'rollback',
  'on-cancel',
  'dry-run',
  'api-url',
  'secrets-include',
  'preview-name',
  'postgres',
  'fork-prs'
]

describe('the action sends nothing that changes Fly for bad input', () => {
  test('fuzzed inputs that parseInputs refuses', async () => {
    const badInputs = fc
      .array(
        fc.tuple(
          fc.constantFrom(...INPUT_NAMES),
          fc.oneof(
            oddString,
            fc.constantFrom('maybe', 'sjc,XX', '-1m', 'ftp://x', '{x}', 'A')
          )
        ),
        { minLength: 1, maxLength: 4 }
      )
      .map((kvs) => {
        const m = baseInputs()
        for (const [k, v] of kvs) m.set(k, v)
        return m
      })
      .filter((m) => {
        try {
          parseInputs((n) => (m.get(n) ?? '').trim(), {})
          return false
        } catch {
          return true
        }
      })
    await fc.assert(
      fc.asyncProperty(badInputs, async (inputs) => {
        cases.hit()
        const since = lastSeq()
        const { io, failed } = fakeIO(inputs)
        await run(io)
        expect(failed()).toMatch(/^fly-rollout failed: invalid input.*input /)
        expect(mutations(since)).toEqual([])
      }),
      { numRuns: 80 }
    )
  })

  test('a bad fly.toml or rollout spec given as inputs', async () => {
    let n = 0
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          badToml.map((c) => ({ toml: c.text })),
          badSpec.map((spec) => ({ spec }))
        ),
        async (bad) => {
          cases.hit()
          const inputs = baseInputs()
          if ('toml' in bad) {
            const file = `action-${n++}.toml`
            writeFileSync(join(dir, file), bad.toml)
            inputs.set('config', file)
          } else inputs.set('rollout', `${bad.spec}\n`)
          const since = lastSeq()
          const { io, failed } = fakeIO(inputs)
          await run(io)
          expect(failed()).toMatch(/^fly-rollout failed: invalid input/)
          expect(mutations(since)).toEqual([])
        }
      ),
      { numRuns: 60 }
    )
  })
})
