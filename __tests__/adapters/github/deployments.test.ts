import { getOctokit } from '@actions/github'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import type { GitHubClient } from '../../../src/adapters/github/client.js'
import {
  deactivateEnvironment,
  runLogUrl,
  setDeploymentStatus,
  startDeployment
} from '../../../src/adapters/github/deployments.js'
import { previewEnvironment } from '../../../src/core/preview.js'
import { startGitHubStub, type GitHubStub } from '../../helpers/github-stub.js'

/** Preview deployments against the GitHub stand-in, through the real octokit. */
let stub: GitHubStub
let client: GitHubClient
let n = 0
let repo = ''

beforeAll(async () => {
  stub = await startGitHubStub()
  client = getOctokit('t0ken', { baseUrl: stub.url })
})
afterAll(() => stub.close())
beforeEach(() => {
  repo = `web${++n}`
  stub.resetCalls()
})

const SHA = 'a'.repeat(40)
const LOG = 'https://github.com/acme/web/actions/runs/42'
const URL_7 = 'https://web-pr-7.fly.dev'

async function start(pr = 7, ref = SHA): Promise<number> {
  const r = await startDeployment(client, {
    owner: 'acme',
    repo,
    ref,
    environment: previewEnvironment(pr),
    description: `preview of #${pr}`,
    logUrl: LOG
  })
  if (!r.ok) throw new Error(r.warning)
  expect(r.warning).toBeUndefined()
  return r.deploymentId
}

const statesOf = (id: number) =>
  stub
    .statuses(id)
    .map((s) => s.state)
    .reverse()

describe('preview deployments', () => {
  test('a transient, non-production deployment of the head in pr-<n>, in progress', async () => {
    const id = await start()

    const [create, status] = stub.calls()
    expect(create).toMatchObject({
      method: 'POST',
      path: `/repos/acme/${repo}/deployments`,
      status: 201,
      body: {
        ref: SHA,
        environment: 'pr-7',
        description: 'preview of #7',
        transient_environment: true,
        production_environment: false,
        auto_merge: false,
        required_contexts: []
      }
    })
    expect(status).toMatchObject({
      method: 'POST',
      path: `/repos/acme/${repo}/deployments/${id}/statuses`,
      body: { state: 'in_progress', log_url: LOG }
    })
    const [d] = stub.deployments('acme', repo)
    expect(d).toMatchObject({
      id,
      environment: 'pr-7',
      transient_environment: true,
      production_environment: false
    })
  })

  test('lifecycle: in_progress → success with URLs → inactive on close', async () => {
    const id = await start()
    const done = await setDeploymentStatus(client, {
      owner: 'acme',
      repo,
      deploymentId: id,
      state: 'success',
      environmentUrl: URL_7,
      logUrl: LOG,
      description: 'ready'
    })
    expect(done).toEqual({ ok: true, statusId: expect.any(Number) })
    expect(stub.statuses(id)[0]).toMatchObject({
      state: 'success',
      environment_url: URL_7,
      log_url: LOG
    })

    const closed = await deactivateEnvironment(client, {
      owner: 'acme',
      repo,
      environment: 'pr-7'
    })

    expect(closed).toEqual({ ok: true, deactivated: [id], skipped: [] })
    expect(statesOf(id)).toEqual(['in_progress', 'success', 'inactive'])
  })

  test('a failed preview ends in failure', async () => {
    const id = await start()
    await setDeploymentStatus(client, {
      owner: 'acme',
      repo,
      deploymentId: id,
      state: 'failure',
      logUrl: LOG,
      description: 'x'.repeat(300)
    })
    const [latest] = stub.statuses(id)
    expect(latest!.state).toBe('failure')
    expect(latest!.description.length).toBeLessThanOrEqual(140)
  })

  test('a URL that is not plain http(s) is not passed on', async () => {
    const id = await start()
    await setDeploymentStatus(client, {
      owner: 'acme',
      repo,
      deploymentId: id,
      state: 'success',
      environmentUrl: 'javascript:alert(1)'
    })
    expect(stub.calls().at(-1)!.body).not.toHaveProperty('environment_url')
  })

  test('deactivation covers every deployment of the PR, skips inactive ones, leaves other PRs alone', async () => {
    const first = await start(7, 'b'.repeat(40))
    const second = await start(7)
    const other = await start(8)
    await deactivateEnvironment(client, {
      owner: 'acme',
      repo,
      environment: 'pr-7'
    })
    stub.resetCalls()
    const third = await start(7, 'c'.repeat(40))

    const r = await deactivateEnvironment(client, {
      owner: 'acme',
      repo,
      environment: 'pr-7'
    })

    expect(r).toEqual({
      ok: true,
      deactivated: [third],
      skipped: [second, first]
    })
    expect(statesOf(first)).toEqual(['in_progress', 'inactive'])
    expect(statesOf(third)).toEqual(['in_progress', 'inactive'])
    expect(statesOf(other)).toEqual(['in_progress'])
    const inactivations = stub
      .calls()
      .filter(
        (c) =>
          c.method === 'POST' &&
          (c.body as { state?: string }).state === 'inactive'
      )
    expect(inactivations).toHaveLength(1)
  })

  test('deactivation pages through more than 100 deployments', async () => {
    // Created straight through the stand-in: 101 deployments, two pages.
    await Promise.all(
      Array.from({ length: 101 }, () =>
        fetch(`${stub.url}/repos/acme/${repo}/deployments`, {
          method: 'POST',
          headers: { authorization: 'token t0ken' },
          body: JSON.stringify({ ref: SHA, environment: 'pr-9' })
        })
      )
    )
    stub.resetCalls()
    const r = await deactivateEnvironment(client, {
      owner: 'acme',
      repo,
      environment: 'pr-9'
    })
    expect(r.ok && r.deactivated).toHaveLength(101)
    const lists = stub
      .calls()
      .filter((c) => c.path === `/repos/acme/${repo}/deployments`)
    expect(
      lists.map((c) => [c.query['per_page'], c.query['page'] ?? '1'])
    ).toEqual([
      ['100', '1'],
      ['100', '2']
    ])
  })

  test('an environment with no deployments is nothing to do', async () => {
    const r = await deactivateEnvironment(client, {
      owner: 'acme',
      repo,
      environment: 'pr-404'
    })
    expect(r).toEqual({ ok: true, deactivated: [], skipped: [] })
  })

  test('a 403 on create is a warning naming deployments: write', async () => {
    stub.failNext('POST', '/repos/acme/*/deployments', 403)
    const r = await startDeployment(client, {
      owner: 'acme',
      repo,
      ref: SHA,
      environment: 'pr-7'
    })
    expect(r).toMatchObject({ ok: false, status: 403 })
    if (r.ok) return
    expect(r.warning).toMatch(
      /^could not create a deployment in pr-7: GitHub answered 403 \(Resource not accessible by integration\)\. The job's token may lack `deployments: write`/
    )
    expect(stub.deployments('acme', repo)).toEqual([])
  })

  test('when only the first status fails, the deployment id comes back with a warning', async () => {
    stub.failNext('POST', '/repos/acme/*/deployments/*/statuses', 403)
    const r = await startDeployment(client, {
      owner: 'acme',
      repo,
      ref: SHA,
      environment: 'pr-7'
    })
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.deploymentId).toBe(Number(stub.deployments('acme', repo)[0]!.id))
    expect(r.warning).toMatch(/in_progress.*`deployments: write`/)
  })

  test('a failure while deactivating is a warning', async () => {
    await start()
    stub.failNext('POST', '/repos/**/statuses', 403)
    const r = await deactivateEnvironment(client, {
      owner: 'acme',
      repo,
      environment: 'pr-7'
    })
    expect(r).toMatchObject({ ok: false, status: 403 })
    if (r.ok) return
    expect(r.warning).toMatch(
      /deactivate the deployments of pr-7.*`deployments: write`/
    )
  })

  test('a rate-limited 403 says so', async () => {
    stub.failNext('POST', '/repos/**', 403, {
      message: 'API rate limit exceeded',
      headers: { 'x-ratelimit-remaining': '0' }
    })
    const r = await startDeployment(client, {
      owner: 'acme',
      repo,
      ref: SHA,
      environment: 'pr-7'
    })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.warning).toMatch(/rate limit is used up/)
  })
})

describe('runLogUrl', () => {
  test('links the workflow run', () => {
    expect(
      runLogUrl({
        GITHUB_SERVER_URL: 'https://ghe.example.com/',
        GITHUB_REPOSITORY: 'acme/web',
        GITHUB_RUN_ID: '42'
      })
    ).toBe('https://ghe.example.com/acme/web/actions/runs/42')
    expect(
      runLogUrl({ GITHUB_REPOSITORY: 'acme/web', GITHUB_RUN_ID: '42' })
    ).toBe('https://github.com/acme/web/actions/runs/42')
  })
  test('is undefined outside Actions', () => {
    expect(runLogUrl({})).toBeUndefined()
  })
})
