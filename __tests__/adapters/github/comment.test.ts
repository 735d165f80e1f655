import { getOctokit } from '@actions/github'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { upsertComment } from '../../../src/adapters/github/comment.js'
import type { GitHubClient } from '../../../src/adapters/github/client.js'
import { commentMarker } from '../../../src/core/preview.js'
import { startGitHubStub, type GitHubStub } from '../../helpers/github-stub.js'

/** The sticky comment against the GitHub stand-in, through the real octokit. */
let stub: GitHubStub
let client: GitHubClient
let issue = 100

beforeAll(async () => {
  stub = await startGitHubStub({ tokens: ['t0ken'] })
  client = getOctokit('t0ken', { baseUrl: stub.url })
})
afterAll(() => stub.close())
beforeEach(() => {
  issue++
  stub.resetCalls()
})

const WEB = commentMarker('web-pr-7')
const API = commentMarker('api-pr-7')
const where = () => ({ owner: 'acme', repo: 'web', issue })

describe('upsertComment', () => {
  test('creates the comment when none has the marker', async () => {
    const r = await upsertComment(client, {
      ...where(),
      marker: WEB,
      body: `${WEB}\nhello`
    })
    expect(r).toEqual({ ok: true, id: expect.any(Number), action: 'created' })
    const comments = stub.comments('acme', 'web', issue)
    expect(comments.map((c) => c.body)).toEqual([`${WEB}\nhello`])
    expect(stub.calls().map((c) => `${c.method} ${c.status}`)).toEqual([
      'GET 200',
      'POST 201'
    ])
  })

  test('a comment found on page 3 of 250 is updated, not duplicated', async () => {
    const bodies = Array.from({ length: 250 }, (_, i) => `comment ${i}`)
    bodies[220] = `${WEB}\nold`
    const ids = stub.seedComments('acme', 'web', issue, bodies)

    const r = await upsertComment(client, {
      ...where(),
      marker: WEB,
      body: `${WEB}\nnew`
    })

    expect(r).toEqual({ ok: true, id: ids[220], action: 'updated' })
    const comments = stub.comments('acme', 'web', issue)
    expect(comments).toHaveLength(250)
    expect(comments.filter((c) => c.body?.includes(WEB))).toHaveLength(1)
    expect(comments[220]!.body).toBe(`${WEB}\nnew`)
    const calls = stub.calls()
    expect(
      calls.filter((c) => c.method === 'GET').map((c) => c.query['page'] ?? '1')
    ).toEqual(['1', '2', '3'])
    expect(
      calls
        .filter((c) => c.method === 'GET')
        .every((c) => c.query['per_page'] === '100')
    ).toBe(true)
    expect(calls.filter((c) => c.method === 'POST')).toEqual([])
    expect(calls.at(-1)).toMatchObject({
      method: 'PATCH',
      path: `/repos/acme/web/issues/comments/${ids[220]}`,
      status: 200
    })
  })

  test('stops paging at the page that has the marker', async () => {
    const bodies = Array.from({ length: 250 }, (_, i) => `comment ${i}`)
    bodies[5] = `${WEB}\nold`
    stub.seedComments('acme', 'web', issue, bodies)
    await upsertComment(client, {
      ...where(),
      marker: WEB,
      body: `${WEB}\nnew`
    })
    expect(stub.calls().filter((c) => c.method === 'GET')).toHaveLength(1)
  })

  test('two apps in one PR keep two comments', async () => {
    for (const round of [1, 2]) {
      const web = await upsertComment(client, {
        ...where(),
        marker: WEB,
        body: `${WEB}\nweb ${round}`
      })
      const api = await upsertComment(client, {
        ...where(),
        marker: API,
        body: `${API}\napi ${round}`
      })
      const action = round === 1 ? 'created' : 'updated'
      expect(web).toMatchObject({ ok: true, action })
      expect(api).toMatchObject({ ok: true, action })
    }
    expect(stub.comments('acme', 'web', issue).map((c) => c.body)).toEqual([
      `${WEB}\nweb 2`,
      `${API}\napi 2`
    ])
  })

  test('a comment that only quotes the marker is not taken over', async () => {
    stub.seedComments('acme', 'web', issue, [
      { body: `> see this\n${WEB}`, user: 'mallory' }
    ])
    const r = await upsertComment(client, {
      ...where(),
      marker: WEB,
      body: `${WEB}\nours`
    })
    expect(r).toMatchObject({ ok: true, action: 'created' })
    expect(stub.comments('acme', 'web', issue)[0]!.body).toBe(
      `> see this\n${WEB}`
    )
  })

  test('with an author, a marked comment by someone else is not ours', async () => {
    stub.seedComments('acme', 'web', issue, [
      { body: `${WEB}\nfake`, user: 'mallory' },
      { body: `${WEB}\nreal`, user: 'github-actions[bot]' }
    ])
    const r = await upsertComment(client, {
      ...where(),
      marker: WEB,
      body: `${WEB}\nnew`,
      author: 'github-actions[bot]'
    })
    expect(r).toMatchObject({ ok: true, action: 'updated' })
    expect(stub.comments('acme', 'web', issue).map((c) => c.body)).toEqual([
      `${WEB}\nfake`,
      `${WEB}\nnew`
    ])
  })

  test('a body without the marker gets it on top', async () => {
    await upsertComment(client, { ...where(), marker: WEB, body: 'plain' })
    expect(stub.comments('acme', 'web', issue)[0]!.body).toBe(`${WEB}\nplain`)
  })

  test("a body over GitHub's cap is cut", async () => {
    await upsertComment(client, {
      ...where(),
      marker: WEB,
      body: `${WEB}\n${'x'.repeat(70_000)}`
    })
    const body = stub.comments('acme', 'web', issue)[0]!.body!
    expect(body.length).toBeLessThanOrEqual(65_536)
    expect(body).toMatch(/cut: the comment was too long/)
  })

  const failures: Array<{
    name: string
    seed?: boolean
    fail: [method: string, glob: string, status: number]
    warning: RegExp
  }> = [
    {
      name: 'a 403 on create names pull-requests: write',
      fail: ['POST', '/repos/*/*/issues/*/comments', 403],
      warning:
        /could not comment on #\d+: GitHub answered 403 \(Resource not accessible by integration\)\. .*`pull-requests: write`.*forks/
    },
    {
      name: 'a 403 on update names pull-requests: write',
      seed: true,
      fail: ['PATCH', '/repos/acme/web/issues/comments/*', 403],
      warning:
        /could not update the preview comment on #\d+: GitHub answered 403.*`pull-requests: write`/
    },
    {
      name: 'a 404 on listing names pull-requests: read',
      fail: ['GET', '/repos/**', 404],
      warning:
        /could not read the comments of #\d+: GitHub answered 404.*`pull-requests: read`/
    },
    {
      name: 'a 500 says GitHub may be unavailable',
      fail: ['GET', '/repos/**/comments', 500],
      warning: /GitHub answered 500.*GitHub may be unavailable/
    }
  ]
  for (const f of failures) {
    test(`never throws: ${f.name}`, async () => {
      if (f.seed) stub.seedComments('acme', 'web', issue, [`${WEB}\nold`])
      stub.failNext(...f.fail)
      const r = await upsertComment(client, {
        ...where(),
        marker: WEB,
        body: `${WEB}\nnew`
      })
      expect(r.ok).toBe(false)
      if (r.ok) return
      expect(r.status).toBe(f.fail[2])
      expect(r.warning).toMatch(f.warning)
      expect(r.warning).toMatch(/The deploy itself is not affected\.$/)
    })
  }

  test('a refused token points at github-token and never leaks it', async () => {
    const bad = getOctokit('wrong-secret-token', { baseUrl: stub.url })
    const r = await upsertComment(bad, { ...where(), marker: WEB, body: WEB })
    expect(r).toMatchObject({ ok: false, status: 401 })
    if (r.ok) return
    expect(r.warning).toMatch(/`github-token`/)
    expect(r.warning).not.toContain('wrong-secret-token')
  })

  test('an unreachable GitHub is a warning too', async () => {
    const gone = getOctokit('t0ken', { baseUrl: 'http://127.0.0.1:1' })
    const r = await upsertComment(gone, { ...where(), marker: WEB, body: WEB })
    expect(r).toMatchObject({ ok: false, status: 500 })
  })
})
