import { getOctokit } from '@actions/github'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { GitHubClient } from '../../../src/adapters/github/client.js'
import { canTrigger, pullHead } from '../../../src/adapters/github/pulls.js'
import {
  startGitHubStub,
  type GitHubStub,
  type Role
} from '../../helpers/github-stub.js'

/** PR heads and `/preview` permission checks against the GitHub stand-in. */
let stub: GitHubStub
let client: GitHubClient

beforeAll(async () => {
  stub = await startGitHubStub()
  client = getOctokit('t0ken', { baseUrl: stub.url })
  stub.seedPull('acme', 'web', {
    number: 1,
    headSha: '1'.repeat(40),
    headRef: 'feat'
  })
  stub.seedPull('acme', 'web', {
    number: 2,
    headSha: '2'.repeat(40),
    headRepo: 'mallory/web'
  })
  stub.seedPull('acme', 'web', {
    number: 3,
    headSha: '3'.repeat(40),
    state: 'closed',
    merged: true
  })
  stub.seedPull('acme', 'web', {
    number: 4,
    headSha: '4'.repeat(40),
    headRepo: null
  })
  const roles: Role[] = ['admin', 'maintain', 'write', 'triage', 'read', 'none']
  for (const role of roles)
    stub.seedCollaborator('acme', 'web', `u-${role}`, role)
})
afterAll(() => stub.close())

describe('pullHead', () => {
  const cases = [
    {
      name: 'a same-repository PR',
      pull: 1,
      want: {
        sha: '1'.repeat(40),
        ref: 'feat',
        state: 'open',
        merged: false,
        fork: false
      }
    },
    {
      name: 'a fork PR',
      pull: 2,
      want: { sha: '2'.repeat(40), state: 'open', merged: false, fork: true }
    },
    {
      name: 'a merged PR',
      pull: 3,
      want: { sha: '3'.repeat(40), state: 'closed', merged: true, fork: false }
    },
    {
      name: 'a PR whose fork was deleted',
      pull: 4,
      want: { sha: '4'.repeat(40), fork: true }
    }
  ]
  for (const c of cases) {
    test(c.name, async () => {
      const r = await pullHead(client, {
        owner: 'acme',
        repo: 'web',
        pull: c.pull
      })
      expect(r).toMatchObject({ ok: true, ...c.want })
    })
  }

  test('a missing PR is a warning naming pull-requests: read', async () => {
    const r = await pullHead(client, { owner: 'acme', repo: 'web', pull: 99 })
    expect(r).toMatchObject({ ok: false, status: 404 })
    if (r.ok) return
    expect(r.warning).toMatch(
      /could not read pull request #99: GitHub answered 404 \(Not Found\)\..*`pull-requests: read`/
    )
  })
})

describe('canTrigger', () => {
  const cases: Array<{ user: string; allowed: boolean; permission: string }> = [
    { user: 'u-admin', allowed: true, permission: 'admin' },
    { user: 'u-maintain', allowed: true, permission: 'maintain' },
    { user: 'u-write', allowed: true, permission: 'write' },
    { user: 'u-triage', allowed: false, permission: 'triage' },
    { user: 'u-read', allowed: false, permission: 'read' },
    { user: 'u-none', allowed: false, permission: 'none' },
    { user: 'stranger', allowed: false, permission: 'none' }
  ]
  for (const c of cases) {
    test(`${c.user} ${c.allowed ? 'may' : 'may not'} trigger a preview`, async () => {
      const r = await canTrigger(client, {
        owner: 'acme',
        repo: 'web',
        user: c.user
      })
      expect(r).toEqual({
        ok: true,
        allowed: c.allowed,
        permission: c.permission
      })
    })
  }

  test('asks the collaborator permission endpoint', async () => {
    stub.resetCalls()
    await canTrigger(client, { owner: 'acme', repo: 'web', user: 'u-write' })
    expect(stub.calls()).toMatchObject([
      {
        method: 'GET',
        path: '/repos/acme/web/collaborators/u-write/permission',
        status: 200
      }
    ])
  })

  test('a GitHub failure is a warning, and the caller refuses', async () => {
    stub.failNext('GET', '/repos/*/*/collaborators/**', 502)
    const r = await canTrigger(client, {
      owner: 'acme',
      repo: 'web',
      user: 'u-write'
    })
    expect(r).toMatchObject({ ok: false, status: 502 })
    expect(r.ok && r.allowed).toBe(false)
  })
})
