import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  afterEach,
  beforeEach,
  describe,
  expect,
  onTestFinished,
  test
} from 'vitest'
import { KEY } from '../../src/core/metadata.js'
import { createSimClock } from '../../src/sim/clock.js'
import type { Sim } from '../../src/sim/index.js'
import { startSim } from '../helpers/sim.js'
import { deploy, enginePorts, liveMachines } from '../helpers/engine.js'
import { exampleInputs, startsOn } from '../helpers/examples.js'
import { startGitHubStub, type GitHubStub } from '../helpers/github-stub.js'
import { runnerDirs, startStep, type RunnerDirs } from '../helpers/runner.js'
import { api } from '../helpers/sim-client.js'

/**
 * The scheduled modes end to end, through the bundled action run as the
 * runner runs it: `sweep` (flysim + the GitHub stand-in) and `redeploy`.
 */
const HOUR = 3_600_000

let sim: Sim
let gh: GitHubStub
let dirs: RunnerDirs
beforeEach(async () => {
  sim = await startSim({
    regions: ['sjc', 'lhr'],
    apps: [{ name: 'demo', machinesPerRegion: 2 }],
    seed: 9,
    clockScale: 10
  })
  sim.control.setImage('registry.fly.io/demo:good', { boot: '1s' })
  gh = await startGitHubStub()
  dirs = runnerDirs()
})
afterEach(async () => {
  await gh.close()
  await sim.close()
})

const GITHUB_TOKEN = 'ghs_schedule_token_99'

/**
 * step runs the bundled action with an example workflow's inputs, resolved
 * for this world, started by `event` (which the example must start on),
 * plus the endpoints and what a test varies.
 */
async function step(
  example: string,
  opts: {
    event: 'schedule' | 'workflow_dispatch'
    expressions?: Record<string, string>
    extra?: Record<string, string>
    env?: Record<string, string>
  }
) {
  expect(startsOn(example, opts.event)).toBe(true)
  const inputs = {
    'api-url': sim.apiUrl,
    'edge-url': sim.edgeUrl,
    'registry-url': sim.apiUrl,
    'flyctl-releases-url': sim.releasesUrl,
    'flyctl-version': '0.3.214',
    'github-token': GITHUB_TOKEN,
    ...exampleInputs(example, {
      'secrets.FLY_API_TOKEN': sim.token,
      'env.FLY_ORG': 'personal',
      "github.event_name != 'schedule'": String(opts.event !== 'schedule'),
      "github.event_name == 'schedule'": String(opts.event === 'schedule'),
      ...opts.expressions
    }),
    ...opts.extra
  }
  const run = startStep('index', dirs, inputs, {
    env: {
      GITHUB_REPOSITORY: 'acme/web',
      GITHUB_API_URL: gh.url,
      ...opts.env
    },
    event: {
      name: opts.event,
      payload: opts.event === 'schedule' ? { schedule: '17 4 * * *' } : {}
    }
  })
  const { code } = await run.exited
  return { code, run, ...run.files() }
}

const apps = () =>
  sim.control
    .snapshotWorld()
    .apps.filter((a) => a.status !== 'destroying')
    .map((a) => a.name)
    .sort()

describe('mode: sweep', () => {
  test('lists by default, deletes with dry-run false: closed and expired previews go (database detached first), the rest stay', async () => {
    // Fly stamps machines with the real time: this flysim's clock starts 4 h ago.
    await sim.close()
    const clock = createSimClock({ scale: 10, start: Date.now() - 4 * HOUR })
    sim = await startSim({
      regions: ['sjc'],
      apps: [{ name: 'demo', machinesPerRegion: 1 }],
      clock
    })
    onTestFinished(() => clock.dispose())
    const { ports, close } = enginePorts(sim)
    const cluster = sim.control.createPostgresCluster({
      name: 'db',
      region: 'sjc'
    }).id
    const preview = async (name: string, tag?: string) => {
      const app = await sim.control.createApp({
        name,
        org: 'personal',
        regions: ['sjc'],
        machinesPerRegion: 1
      })
      if (tag)
        for (const id of app.machines.keys())
          await ports.machines.setMetadata(name, id, { [KEY.preview]: tag })
    }
    await preview('web-pr-9', 'acme/web#9')
    await sim.control.advance('3h30m')
    await preview('web-pr-7', 'acme/web#7')
    await preview('web-pr-8', 'acme/web#8')
    await preview('web-pr-10')
    await api(sim, 'POST', `/v1/postgres/${cluster}/attachments`, {
      app_name: 'web-pr-7'
    })
    close()
    gh.seedPull('acme', 'web', {
      number: 7,
      headSha: 'a'.repeat(40),
      state: 'closed'
    })
    gh.seedPull('acme', 'web', { number: 8, headSha: 'b'.repeat(40) })
    gh.seedPull('acme', 'web', { number: 9, headSha: 'c'.repeat(40) })
    gh.seedPull('acme', 'web', {
      number: 10,
      headSha: 'd'.repeat(40),
      state: 'closed'
    })
    const octokit = (path: string, body: unknown) =>
      fetch(`${gh.url}${path}`, {
        method: 'POST',
        headers: {
          authorization: 'token t',
          'content-type': 'application/json'
        },
        body: JSON.stringify(body)
      }).then((r) => r.json() as Promise<{ id: number }>)
    const deployment = await octokit('/repos/acme/web/deployments', {
      ref: 'a'.repeat(40),
      environment: 'pr-7',
      transient_environment: true,
      required_contexts: []
    })
    const all = apps()

    // examples/sweep.yml: started by hand it lists, on schedule it deletes.
    // Its TTL of 7d is 1h here (a week of flysim time is a week of checks).
    const SWEEP = 'examples/sweep.yml'
    const expressions = { 'env.PREVIEW_POSTGRES': cluster }
    const extra = { ttl: '1h' }
    const listed = await step(SWEEP, {
      event: 'workflow_dispatch',
      expressions,
      extra
    })
    expect(listed.run.stdout()).not.toMatch(/::error::/)
    expect(listed.code).toBe(0)
    expect(JSON.parse(listed.outputs.swept!)).toEqual(['web-pr-7', 'web-pr-9'])
    expect(listed.summary).toContain('dry run: nothing deleted')
    expect(listed.summary).toMatch(/`web-pr-10`: no machine carries/)
    expect(apps()).toEqual(all)

    const swept = await step(SWEEP, { event: 'schedule', expressions, extra })
    expect(swept.code).toBe(0)
    expect(JSON.parse(swept.outputs.swept!)).toEqual(['web-pr-7', 'web-pr-9'])
    expect(apps()).toEqual(['demo', 'web-pr-10', 'web-pr-8'])
    expect(sim.control.postgresCluster(cluster).attachments).toEqual([])
    expect(gh.statuses(deployment.id)[0]!.state).toBe('inactive')
    expect(swept.summary).toMatch(
      /\| `web-pr-7` \| #7 \| PR #7 is closed \| deleted \|/
    )
  }, 60_000)
})

describe('mode: redeploy', () => {
  // examples/redeploy.yml, on a shorter bake; `counts` makes a pool drift.
  const REDEPLOY = 'examples/redeploy.yml'
  const SPEC = `waves:
  - name: canary
    regions: [sjc]
    machines: 1
    bake: 1s
  - regions: ["*"]
    bake: 1s
counts: { sjc: 3 }
`

  test('repairs drift — a machine changed out of band, a pool below its count — onto the running digest', async () => {
    const first = await deploy(
      sim,
      'registry.fly.io/demo:good',
      SPEC.replace('counts: { sjc: 3 }\n', '')
    )
    expect(first.outcome.result).toBe('promoted')
    const before = liveMachines(sim)
    const victim = Object.keys(before)
      .filter((id) => before[id]!.region === 'lhr')
      .sort()[0]!
    const { ports, close } = enginePorts(sim)
    const current = await ports.machines.get('demo', victim)
    await ports.machines.update('demo', victim, {
      config: { ...current.config, env: { ...current.config.env, DEBUG: '1' } },
      currentVersion: current.version
    })
    close()
    await expect
      .poll(() => liveMachines(sim)[victim]!.state, { timeout: 10_000 })
      .toBe('started')

    const run = await step(REDEPLOY, {
      event: 'workflow_dispatch',
      extra: { app: 'demo', rollout: SPEC }
    })

    expect(run.run.stdout()).not.toMatch(/::error::/)
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('promoted')
    const drift = JSON.parse(run.outputs.drift!) as {
      kind: string
      subject: string
    }[]
    expect(drift.map((d) => `${d.kind}:${d.subject}`).sort()).toEqual(
      [`config:${victim}`, 'pool:sjc/app'].sort()
    )
    expect(JSON.parse(run.outputs.repaired!).sort()).toEqual(
      [victim, 'sjc/app'].sort()
    )
    expect(run.summary).toContain('### Drift')
    expect(run.summary).toContain('Image: the digest running before')
    const after = liveMachines(sim)
    expect(Object.values(after).filter((m) => m.region === 'sjc')).toHaveLength(
      3
    )
    expect(new Set(Object.values(after).map((m) => m.image))).toEqual(
      new Set([first.outcome.digest])
    )
    expect(JSON.parse(after[victim]!.config).env).not.toHaveProperty('DEBUG')
  }, 60_000)

  test('no-cache rebuilds the image without the build cache and rolls the rebuild out', async () => {
    const home = mkdtempSync(join(dirs.root, 'home-'))
    writeFileSync(
      join(dirs.workspace, 'Dockerfile'),
      'FROM scratch\nLABEL sim.boot=1s\n'
    )
    const before = liveMachines(sim)

    const run = await step(REDEPLOY, {
      event: 'schedule',
      extra: {
        app: 'demo',
        rollout: SPEC.replace('counts: { sjc: 3 }\n', ''),
        'image-label': 'nightly'
      },
      env: { HOME: home }
    })

    expect(run.run.stdout()).not.toMatch(/::error::/)
    expect(run.code).toBe(0)
    expect(run.summary).toContain('Image: rebuilt without cache')
    const argv = readFileSync(join(home, '.fly', 'flysim-argv.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { argv: string[] }).argv)
    expect(argv.find((a) => a[0] === 'deploy')).toContain('--no-cache')
    const after = liveMachines(sim)
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort())
    expect(new Set(Object.values(after).map((m) => m.image))).toEqual(
      new Set([run.outputs.image!.split('@')[1]])
    )
  }, 60_000)
})
