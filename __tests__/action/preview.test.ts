import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { commentMarker } from '../../src/core/preview.js'
import type { MachineConfig } from '../../src/core/types.js'
import type { Sim } from '../../src/sim/index.js'
import { startSim } from '../helpers/sim.js'
import { startGitHubStub, type GitHubStub } from '../helpers/github-stub.js'
import { runnerDirs, startStep, type RunnerDirs } from '../helpers/runner.js'
import { exampleInputs, startsOn } from '../helpers/examples.js'
import { leaks } from '../helpers/leak-collector.js'
import { api, edge } from '../helpers/sim-client.js'

/**
 * `mode: preview` end to end: the bundled action, run as the runner runs
 * it, against flysim (×10) and the GitHub REST stand-in.
 */
const EXAMPLE = 'examples/preview.yml'
const GITHUB_TOKEN = 'ghs_preview_token_1234'
const REPO = 'acme/web'
const SHA1 = '1'.repeat(40)
const SHA2 = '2'.repeat(40)
const FLY_TOML = `app = "web"
primary_region = "sjc"

[http_service]
  internal_port = 8080

  [[http_service.checks]]
    grace_period = "1s"
    interval = "5s"
    timeout = "2s"
    path = "/health"
`

let sim: Sim
let gh: GitHubStub
let dirs: RunnerDirs
let clusterId: string
beforeEach(async () => {
  sim = await startSim({
    regions: ['sjc', 'lhr'],
    apps: [{ name: 'web', machinesPerRegion: 1 }],
    seed: 5,
    clockScale: 10
  })
  clusterId = sim.control.createPostgresCluster({
    name: 'previews-db',
    region: 'sjc'
  }).id
  gh = await startGitHubStub()
  gh.seedPull('acme', 'web', { number: 7, headSha: SHA1 })
  dirs = runnerDirs()
  writeFileSync(join(dirs.workspace, 'fly.toml'), FLY_TOML)
  writeFileSync(
    join(dirs.workspace, 'Dockerfile'),
    'FROM node:20-slim\nLABEL sim.boot=1s\n'
  )
})
afterEach(async () => {
  await gh.close()
  await sim.close()
})

/** SECRETS are the repository's secrets, as `toJSON(secrets)` hands them over. */
const SECRETS = {
  PREVIEW_GREETING: 'hello = "preview" world',
  STRIPE_KEY: 'sk_live_not_for_previews'
}

/**
 * inputs are examples/preview.yml's, resolved for this world (a fork PR
 * gets no secrets, as on GitHub), plus the endpoints and what a test varies.
 */
function inputs(
  extra: Record<string, string> = {},
  fork = false
): Record<string, string> {
  const token = fork ? '' : sim.token
  return {
    'api-url': sim.apiUrl,
    'edge-url': sim.edgeUrl,
    'registry-url': sim.apiUrl,
    'flyctl-releases-url': sim.releasesUrl,
    'flyctl-version': '0.3.214',
    'github-token': GITHUB_TOKEN,
    ...exampleInputs(EXAMPLE, {
      'secrets.FLY_API_TOKEN': token,
      'env.FLY_ORG': 'personal',
      'env.PREVIEW_POSTGRES': clusterId,
      'toJSON(secrets)': JSON.stringify(
        fork
          ? { github_token: GITHUB_TOKEN }
          : { ...SECRETS, FLY_API_TOKEN: token, github_token: GITHUB_TOKEN }
      )
    }),
    ...extra
  }
}

const env = () => ({
  GITHUB_REPOSITORY: REPO,
  GITHUB_API_URL: gh.url,
  GITHUB_SERVER_URL: 'https://github.example',
  GITHUB_RUN_ID: '42'
})

function pullRequest(
  action: string,
  sha: string,
  more: { headRepo?: string; merged?: boolean } = {}
) {
  return {
    name: 'pull_request',
    payload: {
      action,
      number: 7,
      pull_request: {
        number: 7,
        merged: more.merged ?? false,
        head: {
          sha,
          ref: 'feature',
          repo: { full_name: more.headRepo ?? REPO }
        },
        base: { repo: { full_name: REPO } }
      }
    }
  }
}

async function step(
  event: { name: string; payload: { action?: string } },
  extra: Record<string, string> = {},
  fork = false
) {
  expect(startsOn(EXAMPLE, event.name, event.payload.action)).toBe(true)
  const run = startStep('index', dirs, inputs(extra, fork), {
    env: env(),
    event
  })
  const { code } = await run.exited
  return { code, run, ...run.files() }
}

/** ips lists the preview's addresses: `shared v4` or `v6`. */
async function ips(): Promise<string[]> {
  const r = await api<{ ips: { ip: string; shared: boolean }[] }>(
    sim,
    'GET',
    '/v1/apps/web-pr-7/ip_assignments'
  )
  return r.body.ips
    .map((i) => (i.ip.includes('.') ? (i.shared ? 'shared v4' : 'v4') : 'v6'))
    .sort()
}

/** world is an app as flysim holds it; one being deleted counts as gone. */
const world = (app: string) =>
  sim.control
    .snapshotWorld()
    .apps.find((a) => a.name === app && a.status !== 'destroying')
const live = (app: string) =>
  (world(app)?.machines ?? []).filter((m) => m.state !== 'destroyed')

describe('mode: preview', () => {
  test('opened → app, IPs, database, comment and deployment; synchronize → the same machines and comment; closed → all of it gone', async () => {
    const production = JSON.stringify(live('web'))

    // Opened.
    const opened = await step(pullRequest('opened', SHA1), {
      'image-label': 'pr-7-a'
    })
    expect(opened.run.stdout()).not.toMatch(/::error::/)
    expect(opened.code).toBe(0)
    expect(opened.outputs).toMatchObject({
      app: 'web-pr-7',
      preview: 'created',
      result: 'promoted',
      url: 'https://web-pr-7.fly.dev'
    })
    const app = world('web-pr-7')!
    expect(app.org).toBe('personal')
    const first = live('web-pr-7')
    expect(first.map((m) => m.region)).toEqual(['sjc'])
    expect((first[0]!.config as MachineConfig).metadata).toMatchObject({
      flyrollout_preview: 'acme/web#7'
    })
    expect(await ips()).toEqual(['shared v4', 'v6'])
    // PREVIEW_* forwarded (secrets-include), nothing else; the database URL.
    expect(app.secretNames).toEqual(['DATABASE_URL', 'PREVIEW_GREETING'])
    expect(
      sim.control.postgresCluster(clusterId).attachments.map((a) => a.app)
    ).toEqual(['web-pr-7'])
    expect((await edge(sim, 'web-pr-7', '/')).status).toBe(200)

    const comments = gh.comments('acme', 'web', 7)
    expect(comments).toHaveLength(1)
    expect(comments[0]!.body).toMatch(
      new RegExp(`^${escape(commentMarker('web-pr-7'))}`)
    )
    expect(comments[0]!.body).toContain('Preview ready')
    expect(comments[0]!.body).toContain('https://web-pr-7.fly.dev')
    expect(opened.outputs['comment-id']).toBe(String(comments[0]!.id))
    const [deployment] = gh.deployments('acme', 'web')
    expect(deployment).toMatchObject({
      environment: 'pr-7',
      sha: SHA1,
      transient_environment: true,
      production_environment: false
    })
    expect(gh.statuses(Number(deployment!.id)).map((s) => s.state)).toEqual([
      'success',
      'in_progress'
    ])

    // Synchronize: the same machine, updated in place; the same comment, edited.
    const synced = await step(pullRequest('synchronize', SHA2), {
      'image-label': 'pr-7-b'
    })
    expect(synced.code).toBe(0)
    expect(synced.outputs).toMatchObject({
      preview: 'updated',
      result: 'promoted'
    })
    const second = live('web-pr-7')
    expect(second.map((m) => m.id)).toEqual(first.map((m) => m.id))
    expect(second[0]!.imageDigest).not.toBe(first[0]!.imageDigest)
    expect(await ips()).toEqual(['shared v4', 'v6'])
    const edited = gh.comments('acme', 'web', 7)
    expect(edited.map((c) => c.id)).toEqual(comments.map((c) => c.id))
    expect(edited[0]!.body).toContain(SHA2.slice(0, 7))
    expect(gh.deployments('acme', 'web')).toHaveLength(2)

    // Closed: database detached, then the app deleted; deployments inactive.
    const closed = await step(pullRequest('closed', SHA2, { merged: true }))
    expect(closed.code).toBe(0)
    expect(closed.outputs).toMatchObject({
      app: 'web-pr-7',
      preview: 'destroyed'
    })
    expect(world('web-pr-7')).toBeUndefined()
    expect(sim.control.postgresCluster(clusterId).attachments).toEqual([])
    for (const d of gh.deployments('acme', 'web'))
      expect(gh.statuses(Number(d.id))[0]!.state).toBe('inactive')
    expect(gh.comments('acme', 'web', 7)[0]!.body).toContain(
      'Preview destroyed'
    )
    expect(closed.summary).toContain('Deleted app `web-pr-7`')
    expect(closed.summary).toContain(`Detached from Postgres \`${clusterId}\``)

    // Production was never touched.
    expect(JSON.stringify(live('web'))).toBe(production)

    // No secret or token left the process or reached GitHub: the automatic
    // scan (leak-collector.ts) checks every step, the GitHub calls and
    // flysim's requests when the test ends; checked here too, to see it
    // looked for the repository's secrets, the Fly token and the GitHub token.
    const scan = leaks().check()
    expect(scan.problems).toEqual([])
    expect(scan.secrets).toBeGreaterThanOrEqual(4)
    expect(scan.scanned).toContain('GitHub stand-in calls')
  }, 120_000)

  test('GitHub failing is a warning, never a failed deploy; a Fly deletion failing fails the step', async () => {
    gh.failNext('POST', '/repos/acme/web/issues/*/comments', 403)
    gh.failNext('POST', '/repos/acme/web/deployments', 502)
    const opened = await step(pullRequest('opened', SHA1), { postgres: '' })
    expect(opened.code).toBe(0)
    expect(opened.outputs).toMatchObject({
      preview: 'created',
      result: 'promoted'
    })
    expect(opened.run.stdout()).toMatch(/::warning::.*comment/i)
    expect(opened.run.stdout()).toMatch(/::warning::.*deployment/i)
    // The comment's next write (the result) made it.
    const comments = gh.comments('acme', 'web', 7)
    expect(comments).toHaveLength(1)
    expect(comments[0]!.body).toContain('Preview ready')

    sim.control.failRequests({
      method: 'DELETE',
      path: '/v1/apps/web-pr-7',
      status: 500,
      times: 50
    })
    const closed = await step(pullRequest('closed', SHA1), { postgres: '' })
    expect(closed.code).toBe(1)
    expect(closed.run.stdout()).toMatch(/::error::.*web-pr-7/)
    expect(closed.outputs.preview).not.toBe('destroyed')
    expect(world('web-pr-7')).toBeDefined()
  }, 60_000)

  test('a fork PR is skipped with a notice: no app, no GitHub call, even without a Fly token', async () => {
    const fork = await step(
      pullRequest('opened', SHA1, { headRepo: 'mallory/web' }),
      {},
      true
    )
    expect(fork.code).toBe(0)
    expect(fork.outputs.preview).toBe('skipped')
    expect(fork.run.stdout()).toMatch(/::notice::PR #7 comes from a fork/)
    expect(world('web-pr-7')).toBeUndefined()
    expect(gh.calls()).toEqual([])
  }, 30_000)

  test('two preview apps of one PR keep a comment each', async () => {
    const image = { image: 'registry.fly.io/web:good', postgres: '' }
    sim.control.setImage('registry.fly.io/web:good', { boot: '1s' })
    const a = await step(pullRequest('opened', SHA1), image)
    const b = await step(pullRequest('opened', SHA1), {
      ...image,
      'preview-name': '{repo}-api-pr-{pr}'
    })
    expect([a.code, b.code]).toEqual([0, 0])
    expect([a.outputs.app, b.outputs.app]).toEqual(['web-pr-7', 'web-api-pr-7'])
    const bodies = gh.comments('acme', 'web', 7).map((c) => c.body ?? '')
    expect(bodies).toHaveLength(2)
    expect(bodies[0]).toContain(commentMarker('web-pr-7'))
    expect(bodies[1]).toContain(commentMarker('web-api-pr-7'))

    // A second push edits each app's own comment.
    await step(pullRequest('synchronize', SHA2), image)
    const after = gh.comments('acme', 'web', 7)
    expect(after).toHaveLength(2)
    expect(after[0]!.body).toContain(SHA2.slice(0, 7))
    expect(after[1]!.body).toContain(SHA1.slice(0, 7))
  }, 90_000)

  test('/preview deploys the PR head for a collaborator, and is ignored from anyone else', async () => {
    const ws = dirs.workspace
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
      'preview'
    )
    const head = git('rev-parse', 'HEAD')
    gh.seedPull('acme', 'web', { number: 9, headSha: head })
    gh.seedCollaborator('acme', 'web', 'alice', 'write')
    gh.seedCollaborator('acme', 'web', 'eve', 'read')
    const comment = (user: string, body = '/preview') => ({
      name: 'issue_comment',
      payload: {
        action: 'created',
        issue: { number: 9, pull_request: { url: 'x' } },
        comment: { body, author_association: 'NONE', user: { login: user } }
      }
    })

    const eve = await step(comment('eve'))
    expect(eve.code).toBe(0)
    expect(eve.outputs.preview).toBe('skipped')
    expect(eve.run.stdout()).toMatch(/::notice::\/preview from eve ignored/)
    expect(world('web-pr-9')).toBeUndefined()

    const alice = await step(comment('alice'), { postgres: '' })
    expect(alice.run.stdout()).not.toMatch(/::error::/)
    expect(alice.code).toBe(0)
    expect(alice.outputs).toMatchObject({
      app: 'web-pr-9',
      preview: 'created',
      result: 'promoted'
    })
    expect(gh.deployments('acme', 'web')[0]).toMatchObject({
      sha: head,
      environment: 'pr-9'
    })

    // The PR moved after the checkout: refused, nothing deployed from the stale tree.
    gh.seedPull('acme', 'web', { number: 9, headSha: SHA2 })
    const stale = await step(comment('alice'), { postgres: '' })
    expect(stale.code).toBe(1)
    expect(stale.run.stdout()).toMatch(/not PR #9's head 2222222/)
  }, 90_000)

  test('an app of the preview name that is not this PR’s preview is never touched', async () => {
    await sim.control.createApp({
      name: 'web-pr-7',
      org: 'personal',
      regions: ['sjc'],
      machinesPerRegion: 1
    })
    const before = JSON.stringify(live('web-pr-7'))
    const closed = await step(pullRequest('closed', SHA1))
    expect(closed.code).toBe(1)
    expect(closed.run.stdout()).toMatch(
      /::error::.*web-pr-7 is not PR #7's preview/
    )
    expect(JSON.stringify(live('web-pr-7'))).toBe(before)
  }, 30_000)
})

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
