import { describe, expect, test } from 'vitest'
import {
  createFlyMachinesApi,
  type FlyMachinesApiOptions
} from '../../../src/adapters/fly/machines-api.js'
import {
  parseErrorBody,
  parseLeaseHolder,
  toApiError
} from '../../../src/adapters/fly/errors.js'
import {
  FlyApiError,
  LeaseConflictError,
  RateLimitedError
} from '../../../src/core/errors.js'
import type { Logger } from '../../../src/orchestrator/ports.js'

/**
 * Error mapping, lease shapes and redaction with an injected `fetch`: no
 * server, every answer scripted.
 */
const TOKEN = 'fo1_sekrit_token_0123456789abcdef'

interface Seen {
  url: string
  method: string
  headers: Record<string, string>
  body?: string
}

type Scripted =
  { status: number; body?: unknown; text?: string } | { throws: unknown }

/** fakeFetch answers each request with the next scripted answer (the last repeats). */
function fakeFetch(answers: Scripted[]): {
  fetch: typeof fetch
  seen: Seen[]
} {
  const seen: Seen[] = []
  let i = 0
  const fakeFetchImpl = async (
    input: string | URL | Request,
    init?: RequestInit
  ): Promise<Response> => {
    seen.push({
      url: String(input),
      method: init?.method ?? 'GET',
      headers: { ...(init?.headers as Record<string, string>) },
      body: init?.body as string | undefined
    })
    const a = answers[Math.min(i++, answers.length - 1)]!
    if ('throws' in a) throw a.throws
    const text = a.text ?? (a.body === undefined ? '' : JSON.stringify(a.body))
    return new Response(a.status === 204 ? null : text, {
      status: a.status,
      headers: { 'content-type': 'application/json' }
    })
  }
  return { fetch: fakeFetchImpl as typeof fetch, seen }
}

function client(
  answers: Scripted[],
  extra: Partial<FlyMachinesApiOptions> = {}
) {
  const f = fakeFetch(answers)
  const sleeps: number[] = []
  const api = createFlyMachinesApi({
    baseUrl: 'https://api.machines.dev/',
    token: TOKEN,
    fetch: f.fetch,
    sleep: async (ms) => {
      sleeps.push(ms)
    },
    random: () => 0.5,
    ...extra
  })
  return { api, seen: f.seen, sleeps }
}

const MACHINE = {
  id: 'm1',
  name: 'one',
  region: 'sjc',
  state: 'started',
  instance_id: '01JAAAAAAAAAAAAAAAAAAAAAAA',
  image_ref: { digest: 'sha256:aa' },
  config: { image: 'x' }
}

describe('requests', () => {
  test('sends the token as Bearer, JSON bodies and the nonce header, under /v1', async () => {
    const { api, seen } = client([{ status: 200, body: MACHINE }])

    await api.machines.update(
      'demo',
      'm1',
      { config: { image: 'x' }, currentVersion: 'v1', skipLaunch: true },
      'nonce-1'
    )

    expect(seen[0]).toMatchObject({
      url: 'https://api.machines.dev/v1/apps/demo/machines/m1',
      method: 'POST',
      headers: {
        authorization: `Bearer ${TOKEN}`,
        'content-type': 'application/json',
        'fly-machine-lease-nonce': 'nonce-1'
      }
    })
    expect(JSON.parse(seen[0]!.body!)).toEqual({
      config: { image: 'x' },
      current_version: 'v1',
      skip_launch: true
    })
  })

  test('a FlyV1 token is sent as is; a baseUrl ending in /v1 is not doubled', async () => {
    const { api, seen } = client([{ status: 200, body: [] }], {
      token: 'FlyV1 fm2_abcdefgh,fm2_ijklmnop',
      baseUrl: 'http://_api.internal:4280/v1'
    })
    await api.machines.list('demo', { metadata: { fly_process_group: 'app' } })
    expect(seen[0]!.url).toBe(
      'http://_api.internal:4280/v1/apps/demo/machines?metadata.fly_process_group=app'
    )
    expect(seen[0]!.headers.authorization).toBe(
      'FlyV1 fm2_abcdefgh,fm2_ijklmnop'
    )
  })

  test('app and machine ids are path-encoded', async () => {
    const { api, seen } = client([{ status: 200, body: MACHINE }])
    await api.machines.get('my app', 'a/b')
    expect(seen[0]!.url).toBe(
      'https://api.machines.dev/v1/apps/my%20app/machines/a%2Fb'
    )
  })
})

describe('error mapping', () => {
  const cases: {
    name: string
    status: number
    body?: unknown
    text?: string
    want: Record<string, unknown>
    cls: abstract new (...args: never[]) => FlyApiError
  }[] = [
    {
      name: '404 ErrorResponse',
      status: 404,
      body: { error: 'machine not found' },
      want: { status: 404, retryable: false, code: 'fly-api' },
      cls: FlyApiError
    },
    {
      name: '422 with main.statusCode',
      status: 422,
      body: { error: 'name taken', status: 'name_taken' },
      want: { status: 422, flyStatus: 'name_taken', retryable: false },
      cls: FlyApiError
    },
    {
      name: '409 lease, ErrorResponse',
      status: 409,
      body: {
        error:
          'machine ID m1 lease currently held by ci@example.com, expires at 2026-01-02 03:04:05 +0000 UTC'
      },
      want: {
        status: 409,
        code: 'lease-conflict',
        retryable: false,
        holder: { owner: 'ci@example.com', expiresAt: 1767323045 }
      },
      cls: LeaseConflictError
    },
    {
      name: '409 lease, wrapped envelope',
      status: 409,
      body: {
        status: 'error',
        message: 'lease currently held by deployer@x.io',
        code: 'invalid'
      },
      want: {
        code: 'lease-conflict',
        holder: { owner: 'deployer@x.io' }
      },
      cls: LeaseConflictError
    },
    {
      name: '409 insufficient_capacity',
      status: 409,
      body: { error: 'no room', status: 'insufficient_capacity' },
      want: { code: 'fly-api', flyStatus: 'insufficient_capacity' },
      cls: FlyApiError
    },
    {
      name: '429 without a body',
      status: 429,
      text: '',
      want: { status: 429, code: 'rate-limited', retryable: true },
      cls: RateLimitedError
    },
    {
      name: '503 plain text',
      status: 503,
      text: 'upstream connect error\nmore',
      want: { status: 503, retryable: true },
      cls: FlyApiError
    }
  ]
  for (const c of cases) {
    test(c.name, () => {
      const err = toApiError(
        {
          status: c.status,
          method: 'POST',
          path: '/v1/apps/demo/machines/m1',
          body: c.text ?? JSON.stringify(c.body)
        },
        (t) => t
      )
      expect(err).toBeInstanceOf(c.cls)
      expect(err).toMatchObject(c.want)
      expect(err.message).toMatch(
        /^machines api answered \d{3} to POST \/v1\/apps\/demo\/machines\/m1/
      )
      expect(err.message).not.toContain('\n')
    })
  }

  test('parseErrorBody reads every shape Fly uses', () => {
    expect(parseErrorBody('')).toEqual({ wrapped: false })
    expect(parseErrorBody('{"errors":[{"message":"denied"}]}')).toEqual({
      message: 'denied',
      wrapped: false
    })
    expect(
      parseErrorBody('{"status":"error","message":"m","code":"c"}')
    ).toEqual({ message: 'm', flyStatus: 'c', wrapped: true })
    // Clipping happens after redaction, in toApiError.
    expect(parseErrorBody('x'.repeat(400)).message).toHaveLength(400)
  })

  test('a long server message is redacted before it is clipped, so a secret it echoes cannot survive cut in half', () => {
    const secret = 'S'.repeat(250) + 'tail-of-the-secret'
    const err = toApiError(
      {
        status: 422,
        method: 'POST',
        path: '/v1/apps/a/secrets',
        body: JSON.stringify({ error: `bad value ${secret}` })
      },
      (t) => t.split(secret).join('[REDACTED]')
    )
    expect(err.message).not.toContain('SSSSSSSSSS')
    expect(err.message).toContain('[REDACTED]')
  })

  test('parseLeaseHolder is best effort', () => {
    expect(parseLeaseHolder(undefined)).toEqual({})
    expect(parseLeaseHolder('something else')).toEqual({})
    expect(parseLeaseHolder('lease currently held by a@b')).toEqual({
      owner: 'a@b'
    })
  })

  test('a 2xx with the wrong body is an error, not a crash', async () => {
    const { api } = client([{ status: 200, text: 'not json' }])
    await expect(api.machines.list('demo')).rejects.toMatchObject({
      status: 200,
      code: 'fly-api'
    })
  })
})

describe('retry decisions with scripted answers', () => {
  test('429s back off exponentially with jitter through the injected sleep', async () => {
    const { api, sleeps } = client(
      [
        { status: 429 },
        { status: 429 },
        { status: 429 },
        { status: 200, body: MACHINE }
      ],
      { backoff: { baseMs: 100, maxMs: 1_000 } }
    )
    await api.machines.get('demo', 'm1')
    // equal jitter at random 0.5: d/2 + d/4
    expect(sleeps).toEqual([75, 150, 300])
  })

  test('backoff is capped', async () => {
    const { api, sleeps } = client(
      [
        ...Array.from({ length: 6 }, () => ({ status: 500 })),
        { status: 200, body: MACHINE }
      ],
      { backoff: { baseMs: 100, maxMs: 400 }, maxAttempts: 10 }
    )
    await api.machines.get('demo', 'm1')
    expect(sleeps).toEqual([75, 150, 300, 300, 300, 300])
  })

  test('destroy: a 404 after a retried 502 means done; a first 404 is an error', async () => {
    const retried = client([
      { status: 502 },
      { status: 404, body: { error: 'gone' } }
    ])
    await expect(
      retried.api.machines.destroy('demo', 'm1')
    ).resolves.toBeUndefined()

    const first = client([{ status: 404, body: { error: 'not found' } }])
    await expect(
      first.api.machines.destroy('demo', 'm1')
    ).rejects.toMatchObject({ status: 404 })
  })

  test('start and stop: a 412 after a reset means done', async () => {
    const reset = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('other side closed'), {
        code: 'UND_ERR_SOCKET'
      })
    })
    const { api, seen } = client([
      { throws: reset },
      { status: 412, body: { error: 'already started' } }
    ])
    await api.machines.start('demo', 'm1')
    expect(seen).toHaveLength(2)
  })

  test('a network failure is status 0, retryable, with the code', async () => {
    const reset = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })
    })
    const { api, seen } = client([{ throws: reset }])
    const err = await api.machines
      .create('demo', { config: { image: 'x' }, region: 'sjc' })
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(FlyApiError)
    expect(err).toMatchObject({ status: 0, retryable: true, method: 'POST' })
    expect((err as Error).message).toContain('ECONNRESET')
    expect(seen).toHaveLength(1)
  })

  test('lease acquire accepts 200 and 201, wrapped and bare', async () => {
    const lease = { nonce: 'n1', expires_at: 100, owner: 'o' }
    for (const answer of [
      { status: 201, body: { status: 'success', data: lease } },
      { status: 200, body: lease },
      { status: 201, body: lease }
    ]) {
      const { api } = client([answer])
      expect(await api.machines.acquireLease('demo', 'm1', 10, 'd')).toEqual({
        nonce: 'n1',
        expiresAt: 100
      })
    }
  })

  test('a 2xx lease without a nonce is an error', async () => {
    const { api } = client([
      { status: 201, body: { status: 'success', data: {} } }
    ])
    await expect(
      api.machines.acquireLease('demo', 'm1', 10, 'd')
    ).rejects.toThrow(/no nonce/)
  })

  test('a lease conflict fills the holder from GET …/lease', async () => {
    const { api, seen } = client([
      { status: 409, body: { error: 'lease currently held by a@b' } },
      {
        status: 200,
        body: {
          status: 'success',
          data: { owner: 'a@b', description: 'rollout 7', expires_at: 9 }
        }
      }
    ])
    const err = await api.machines
      .acquireLease('demo', 'm1', 10, 'mine')
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(LeaseConflictError)
    expect((err as LeaseConflictError).holder).toEqual({
      owner: 'a@b',
      description: 'rollout 7',
      expiresAt: 9
    })
    expect(seen.map((s) => s.method)).toEqual(['POST', 'GET'])
  })

  test('leaseHolder: 404 is undefined', async () => {
    const { api } = client([
      { status: 404, body: { error: 'lease not found' } }
    ])
    expect(await api.machines.leaseHolder('demo', 'm1')).toBeUndefined()
  })

  test('/wait: 408 with any body is a timeout; a 200 with ok=false too', async () => {
    for (const answer of [
      { status: 408, text: '' },
      { status: 408, text: 'deadline exceeded' },
      { status: 200, body: { ok: false } }
    ]) {
      const { api } = client([answer])
      expect(
        await api.machines.waitFor('demo', 'm1', {
          states: ['started'],
          timeoutS: 5
        })
      ).toEqual({ ok: false, timedOut: true })
    }
  })

  test('/wait clamps fractional and huge timeouts', async () => {
    const { api, seen } = client([
      { status: 200, body: { ok: true, state: 'started', version: 'v' } }
    ])
    await api.machines.waitFor('demo', 'm1', {
      states: ['started', 'stopped'],
      version: 'v',
      timeoutS: 0.2
    })
    await api.machines.waitFor('demo', 'm1', { states: [], timeoutS: Infinity })
    const qs = seen.map((s) => new URL(s.url).searchParams)
    expect(qs.map((q) => q.get('timeout'))).toEqual(['1', '60'])
    expect(qs.map((q) => q.get('state'))).toEqual([
      'started,stopped',
      'started'
    ])
    expect(qs[0]!.get('version')).toBe('v')
  })
})

describe('redaction', () => {
  test('an error body that echoes the token never carries it', async () => {
    const { api } = client([
      {
        status: 401,
        body: {
          error: `token ${TOKEN} is not valid; header was Bearer ${TOKEN}`
        }
      }
    ])
    const err = (await api.machines
      .get('demo', 'm1')
      .catch((e: unknown) => e)) as FlyApiError

    expect(err).toBeInstanceOf(FlyApiError)
    expect(err.message).toContain('[REDACTED]')
    expect(err.message).not.toContain(TOKEN)
    expect(JSON.stringify(err)).not.toContain(TOKEN)
    expect(JSON.stringify(err)).not.toContain('sekrit')
    for (const v of Object.values(err)) expect(String(v)).not.toContain(TOKEN)
    expect(String(err.stack)).not.toContain(TOKEN)
    expect(JSON.parse(JSON.stringify(err))).toMatchObject({
      name: 'FlyApiError',
      code: 'fly-api',
      status: 401,
      method: 'GET',
      path: '/v1/apps/demo/machines/m1'
    })
  })

  test('a thrown fetch error that names the token is redacted, cause included', async () => {
    const { api } = client([
      {
        throws: new Error(`connect failed with Authorization: Bearer ${TOKEN}`)
      }
    ])
    const err = (await api.machines
      .update('demo', 'm1', { config: { image: 'x' } })
      .catch((e: unknown) => e)) as FlyApiError

    expect(err.status).toBe(0)
    expect(err.message).not.toContain(TOKEN)
    expect(String((err.cause as Error).message)).not.toContain(TOKEN)
    expect(JSON.stringify(err)).not.toContain(TOKEN)
  })

  test('secret values never appear in errors, even when the API echoes them', async () => {
    const value = 'postgres://user:hunter2hunter2@db/prod'
    const { api } = client([
      {
        status: 400,
        body: { error: `invalid value "${value}" for DATABASE_URL` }
      }
    ])
    const err = (await api.secrets
      .set('demo', { DATABASE_URL: value })
      .catch((e: unknown) => e)) as FlyApiError

    expect(err).toBeInstanceOf(FlyApiError)
    expect(err.message).toContain('DATABASE_URL')
    expect(err.message).not.toContain('hunter2')
    expect(JSON.stringify(err)).not.toContain('hunter2')
  })

  test('logs name the request, never the token or a body', async () => {
    const lines: string[] = []
    const logger: Logger = {
      info: (m) => lines.push(m),
      warn: (m) => lines.push(m),
      debug: (m) => lines.push(m)
    }
    const { api } = client(
      [{ status: 503 }, { status: 200, body: { secrets: [], version: 3 } }],
      { logger }
    )
    await api.secrets.set('demo', { API_KEY: 'value-of-the-key' })

    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(
      /retrying POST \/v1\/apps\/demo\/secrets after 503/
    )
    for (const l of lines) {
      expect(l).not.toContain(TOKEN)
      expect(l).not.toContain('value-of-the-key')
    }
  })
})

describe('stats', () => {
  test('counts every attempt per operation, retries and 429s', async () => {
    const { api } = client([
      { status: 429 },
      { status: 500 },
      { status: 200, body: MACHINE }
    ])
    await api.machines.get('demo', 'm1')
    expect(api.stats()).toEqual({
      byOp: { Machines_show: 3 },
      retries: 2,
      rateLimited: 1
    })
  })
})
