import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { run } from '../../src/action/main.js'
import { startSim, type Sim } from '../../src/sim/index.js'
import { fakeIO } from './fake-io.js'

/**
 * SECURITY.md "Fork pull requests": a fork's code reaches Fly only through
 * `pull_request_target` with `fork-prs: deploy` (a job the README puts
 * behind an environment with required reviewers), and then only exactly the
 * commit the run was started, and approved, for. Runs src/ in-process with a
 * recording ActionIO against flysim.
 */
const OTHER_SHA = '2'.repeat(40)

let sim: Sim
let ws: string
let head: string
let saved: Record<string, string | undefined>
beforeEach(async () => {
  sim = await startSim({
    regions: ['sjc'],
    apps: [],
    seed: 9,
    clockScale: 50
  })
  sim.control.setImage('registry.fly.io/web:good', { boot: '1s' })
  ws = mkdtempSync(join(tmpdir(), 'fly-rollout-fork-'))
  writeFileSync(
    join(ws, 'fly.toml'),
    'app = "web"\nprimary_region = "sjc"\n\n[build]\n  image = "registry.fly.io/web:good"\n'
  )
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: ws, encoding: 'utf8' }).trim()
  git('init', '-q')
  git('add', '.')
  git(
    '-c',
    'user.email=t@example.com',
    '-c',
    'user.name=t',
    'commit',
    '-qm',
    'fork'
  )
  head = git('rev-parse', 'HEAD')
  // @actions/tool-cache reads the runner's directories from the environment.
  const runner = mkdtempSync(join(tmpdir(), 'fly-rollout-runner-'))
  saved = {
    RUNNER_TOOL_CACHE: process.env.RUNNER_TOOL_CACHE,
    RUNNER_TEMP: process.env.RUNNER_TEMP
  }
  process.env.RUNNER_TOOL_CACHE = join(runner, 'cache')
  process.env.RUNNER_TEMP = join(runner, 'temp')
})
afterEach(async () => {
  for (const [k, v] of Object.entries(saved))
    if (v === undefined) delete process.env[k]
    else process.env[k] = v
  await sim.close()
})

function forkRun(
  event: 'pull_request' | 'pull_request_target',
  sha: string,
  extra: Record<string, string> = {}
) {
  const eventPath = join(ws, '..', `${event}-${sha.slice(0, 6)}.json`)
  writeFileSync(
    eventPath,
    JSON.stringify({
      action: 'synchronize',
      number: 7,
      pull_request: {
        number: 7,
        head: { sha, ref: 'main', repo: { full_name: 'mallory/Evil-Name' } },
        base: { repo: { full_name: 'acme/web' } }
      }
    })
  )
  return fakeIO(
    {
      'api-token': sim.token,
      'api-url': sim.apiUrl,
      'edge-url': sim.edgeUrl,
      'registry-url': sim.apiUrl,
      'install-flyctl': 'false',
      preview: 'true',
      org: 'personal',
      // fly.toml names the image: flyctl is installed (from flysim) but builds nothing.
      'flyctl-releases-url': sim.releasesUrl,
      'flyctl-version': '0.3.214',
      rollout: 'waves:\n  - regions: ["*"]\n    bake: 1s\n',
      ...extra
    },
    {
      GITHUB_REPOSITORY: 'acme/web',
      GITHUB_EVENT_NAME: event,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_WORKSPACE: ws
    }
  )
}

const app = (name: string) =>
  sim.control.snapshotWorld().apps.find((a) => a.name === name)

describe('fork pull requests', () => {
  test('pull_request from a fork is skipped even with fork-prs: deploy: nothing on Fly', async () => {
    const f = forkRun('pull_request', head, { 'fork-prs': 'deploy' })
    await run(f.io)
    expect(f.failed()).toEqual([])
    expect(f.outputs().preview).toBe('skipped')
    expect(f.notices()[0]).toMatch(/get no secrets/)
    expect(sim.control.requests()).toEqual([])
  })

  test('pull_request_target from a fork is skipped unless fork-prs: deploy', async () => {
    const f = forkRun('pull_request_target', head)
    await run(f.io)
    expect(f.outputs().preview).toBe('skipped')
    expect(f.notices()[0]).toMatch(/fork-prs: skip/)
    expect(sim.control.requests()).toEqual([])
  })

  test('pull_request_target with fork-prs: deploy refuses a checkout that is not the approved head, before touching Fly', async () => {
    // The run was approved for OTHER_SHA; the workspace holds a later push.
    const f = forkRun('pull_request_target', OTHER_SHA, {
      'fork-prs': 'deploy'
    })
    await run(f.io)
    expect(f.failed()).toHaveLength(1)
    expect(f.failed()[0]).toMatch(
      new RegExp(
        `at ${head.slice(0, 7)}, not PR #7's head 2222222: check it out by sha`
      )
    )
    expect(app('web-pr-7')).toBeUndefined()
    expect(sim.control.requests().filter((r) => r.method !== 'GET')).toEqual([])
  })

  test('pull_request_target with fork-prs: deploy deploys the approved head, named after the base repository', async () => {
    const f = forkRun('pull_request_target', head, { 'fork-prs': 'deploy' })
    await run(f.io)
    expect(f.failed()).toEqual([])
    expect(f.outputs()).toMatchObject({
      app: 'web-pr-7',
      preview: 'created',
      result: 'promoted'
    })
    const machines = app('web-pr-7')!.machines
    expect(machines).toHaveLength(1)
    expect(
      (machines[0]!.config as { metadata: Record<string, string> }).metadata
        .flyrollout_preview
    ).toBe('acme/web#7')
  }, 30_000)
})
