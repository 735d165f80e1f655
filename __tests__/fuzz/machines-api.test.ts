/**
 * Fuzzing the Machines API adapter with malformed answers (issue #6 §2): a
 * tiny HTTP server on 127.0.0.1 answers each call with a fuzzed response —
 * good bodies with fields missing or of the wrong type, random JSON, HTML
 * error pages, truncated JSON, empty bodies, wrong content types, odd
 * statuses, and connections cut mid-body. Proves that every port method
 * either returns values of the types the engine expects or fails with a
 * FlyApiError naming the method and path — never a TypeError or another
 * untyped exception.
 */
import fc from 'fast-check'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  createFlyMachinesApi,
  type FlyMachinesApi
} from '../../src/adapters/fly/machines-api.js'
import { FlyApiError } from '../../src/core/errors.js'
import type { MachineView } from '../../src/core/types.js'
import { budget, looksLikeStackTrace } from './budget.js'

const cases = budget('machines-api')

/** Reply is what the server sends to the next request. */
interface Reply {
  status: number
  contentType?: string
  body: string
  /** full: as is; cut: promise more bytes than sent, then close; reset: close before answering. */
  transport: 'full' | 'cut' | 'reset'
}

let next: Reply = { status: 200, body: '{}', transport: 'full' }
let server: http.Server
let api: FlyMachinesApi

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      const r = next
      if (r.transport === 'reset') {
        req.socket.destroy()
        return
      }
      const headers: Record<string, string | number> = {}
      if (r.contentType) headers['content-type'] = r.contentType
      const bytes = Buffer.from(r.body)
      if (r.transport === 'cut') {
        headers['content-length'] = bytes.length + 10
        res.writeHead(r.status, headers)
        res.write(bytes)
        setImmediate(() => req.socket.destroy())
        return
      }
      res.writeHead(r.status, headers)
      res.end(bytes)
    })
  })
  await new Promise<void>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve())
  )
  const { port } = server.address() as AddressInfo
  api = createFlyMachinesApi({
    baseUrl: `http://127.0.0.1:${port}`,
    token: 'fo1_fuzz_token_0123456789',
    sleep: async () => {},
    maxAttempts: 2,
    maxRateLimitedAttempts: 2,
    requestTimeoutMs: 5_000
  })
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

// --- what the API answers when it works ------------------------------------------

const MACHINE = {
  id: 'm1',
  name: 'quiet-river',
  region: 'sjc',
  state: 'started',
  instance_id: '01JV',
  image_ref: {
    registry: 'registry.fly.io',
    repository: 'demo',
    digest: 'sha256:ab'
  },
  config: {
    image: 'registry.fly.io/demo:1',
    metadata: { fly_process_group: 'app' }
  },
  host_status: 'ok',
  checks: [{ name: 'http', status: 'passing', output: 'ok' }],
  events: [
    {
      id: 'e1',
      type: 'exit',
      status: 'stopped',
      timestamp: 1,
      request: { exit_event: { exit_code: 1 }, restart_count: 2 }
    }
  ],
  created_at: '2026-01-01T00:00:00Z'
}
const LEASE = {
  status: 'success',
  data: { nonce: 'n1', expires_at: 1_900_000_000, owner: 'ci@example.com' }
}

/** Op is one port call, and the body it gets when all goes well. */
interface Op {
  name: string
  good: unknown
  call: () => Promise<unknown>
  /** check says what a returned value must look like. */
  check?: (v: unknown) => void
}

const isString = (v: unknown) => expect(typeof v).toBe('string')

/** checkMachine: every field the engine reads has its type. */
function checkMachine(v: unknown): void {
  const m = v as MachineView
  for (const k of [
    'id',
    'name',
    'region',
    'state',
    'version',
    'imageDigest',
    'hostStatus'
  ] as const)
    isString(m[k])
  expect(typeof m.config).toBe('object')
  expect(m.config).not.toBeNull()
  expect(Array.isArray(m.config)).toBe(false)
  expect(typeof m.configIncomplete).toBe('boolean')
  expect(typeof m.cordoned).toBe('boolean')
  for (const c of m.checks) {
    isString(c.name)
    expect(['passing', 'warning', 'critical']).toContain(c.status)
  }
  for (const e of m.events) {
    isString(e.type)
    isString(e.status)
    expect(typeof e.timestamp).toBe('number')
  }
}

const OPS: Op[] = [
  {
    name: 'machines.list',
    good: [MACHINE],
    call: () => api.machines.list('demo', { region: 'sjc' }),
    check: (v) => (v as unknown[]).forEach(checkMachine)
  },
  {
    name: 'machines.get',
    good: MACHINE,
    call: () => api.machines.get('demo', 'm1'),
    check: checkMachine
  },
  {
    name: 'machines.create',
    good: { ...MACHINE, nonce: 'n1' },
    call: () =>
      api.machines.create('demo', { config: { image: 'x' }, region: 'sjc' }),
    check: checkMachine
  },
  {
    name: 'machines.update',
    good: MACHINE,
    call: () =>
      api.machines.update('demo', 'm1', { config: { image: 'x' } }, 'n1'),
    check: checkMachine
  },
  {
    name: 'machines.destroy',
    good: { ok: true },
    call: () => api.machines.destroy('demo', 'm1')
  },
  {
    name: 'machines.start',
    good: { ok: true },
    call: () => api.machines.start('demo', 'm1', 'n1')
  },
  {
    name: 'machines.stop',
    good: { ok: true },
    call: () => api.machines.stop('demo', 'm1', 'n1')
  },
  {
    name: 'machines.waitFor',
    good: { ok: true, state: 'started', version: '01JV' },
    call: () =>
      api.machines.waitFor('demo', 'm1', { states: ['started'], timeoutS: 1 }),
    check: (v) => {
      const w = v as { ok: boolean; state?: unknown; version?: unknown }
      expect(typeof w.ok).toBe('boolean')
      if (w.ok) {
        isString(w.state)
        isString(w.version)
      }
    }
  },
  {
    name: 'machines.acquireLease',
    good: LEASE,
    call: () => api.machines.acquireLease('demo', 'm1', 60, 'fly-rollout'),
    check: (v) => {
      const l = v as { nonce: unknown; expiresAt: unknown }
      isString(l.nonce)
      expect(typeof l.expiresAt).toBe('number')
    }
  },
  {
    name: 'machines.refreshLease',
    good: LEASE,
    call: () => api.machines.refreshLease('demo', 'm1', 'n1', 60),
    check: (v) => isString((v as { nonce: unknown }).nonce)
  },
  {
    name: 'machines.releaseLease',
    good: { ok: true },
    call: () => api.machines.releaseLease('demo', 'm1', 'n1')
  },
  {
    name: 'machines.leaseHolder',
    good: LEASE,
    call: () => api.machines.leaseHolder('demo', 'm1'),
    check: (v) => {
      if (v === undefined) return
      const h = v as {
        owner: unknown
        description: unknown
        expiresAt: unknown
      }
      isString(h.owner)
      isString(h.description)
      expect(typeof h.expiresAt).toBe('number')
    }
  },
  {
    name: 'machines.versions',
    good: [{ version: '01JV', user_config: { image: 'x' } }],
    call: () => api.machines.versions('demo', 'm1'),
    check: (v) =>
      (v as { version: unknown; config: unknown }[]).forEach((x) => {
        isString(x.version)
        expect(typeof x.config).toBe('object')
        expect(x.config).not.toBeNull()
      })
  },
  {
    name: 'machines.setMetadata',
    good: {},
    call: () => api.machines.setMetadata('demo', 'm1', { a: 'b' }, 'n1')
  },
  {
    name: 'machines.events',
    good: MACHINE.events,
    call: () => api.machines.events('demo', 'm1', 5),
    check: (v) =>
      (v as { type: unknown; timestamp: unknown }[]).forEach((e) => {
        isString(e.type)
        expect(typeof e.timestamp).toBe('number')
      })
  },
  {
    name: 'apps.get',
    good: {
      name: 'demo',
      organization: { slug: 'personal' },
      status: 'deployed'
    },
    call: () => api.apps.get('demo'),
    check: (v) => {
      if (v === undefined) return
      const a = v as Record<string, unknown>
      isString(a.name)
      isString(a.org)
      isString(a.status)
    }
  },
  {
    name: 'apps.create',
    good: {},
    call: () => api.apps.create('demo', 'personal')
  },
  { name: 'apps.destroy', good: {}, call: () => api.apps.destroy('demo') },
  {
    name: 'apps.list',
    good: {
      apps: [
        { name: 'demo', organization: { slug: 'personal' }, status: 'deployed' }
      ]
    },
    call: () => api.apps.list('personal'),
    check: (v) =>
      (v as Record<string, unknown>[]).forEach((a) => {
        isString(a.name)
        isString(a.org)
        isString(a.status)
      })
  },
  {
    name: 'apps.listIps',
    good: { ips: [{ ip: '1.2.3.4', region: 'global', shared: true }] },
    call: () => api.apps.listIps('demo'),
    check: (v) =>
      (v as Record<string, unknown>[]).forEach((i) => {
        isString(i.ip)
        isString(i.region)
        expect(typeof i.shared).toBe('boolean')
      })
  },
  {
    name: 'secrets.set',
    good: { version: 3 },
    call: () => api.secrets.set('demo', { A: 'value-of-a-secret' }),
    check: (v) =>
      expect(typeof (v as { version: unknown }).version).toBe('number')
  },
  {
    name: 'secrets.list',
    good: { secrets: [{ name: 'A', digest: 'abc' }] },
    call: () => api.secrets.list('demo'),
    check: (v) =>
      (v as Record<string, unknown>[]).forEach((s) => {
        isString(s.name)
        isString(s.digest)
      })
  },
  {
    name: 'volumes.create',
    good: { id: 'vol_1' },
    call: () =>
      api.volumes.create('demo', { name: 'data', region: 'sjc', sizeGb: 1 }),
    check: (v) => isString((v as { id: unknown }).id)
  },
  {
    name: 'platform.regions',
    good: { regions: [{ code: 'sjc' }, { code: 'lhr' }] },
    call: () => api.platform.regions(),
    check: (v) => (v as unknown[]).forEach(isString)
  },
  {
    name: 'postgres.attach',
    good: {},
    call: () => api.postgres.attach('pg', 'demo')
  }
]

// --- malformed answers ----------------------------------------------------------

type Json = null | boolean | number | string | Json[] | { [k: string]: Json }

/** paths lists every path in a JSON value. */
function paths(
  v: unknown,
  at: (string | number)[] = []
): (string | number)[][] {
  const out: (string | number)[][] = [at]
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])))
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]))
  return out
}

/** breakAt deletes the value at a path, or puts `value` there. */
function breakAt(good: unknown, at: number, value: Json | undefined): unknown {
  const copy = structuredClone(good)
  const all = paths(copy)
  const path = all[at % all.length]!
  if (path.length === 0) return value
  let parent = copy as Record<string | number, unknown>
  for (const k of path.slice(0, -1))
    parent = parent[k] as Record<string | number, unknown>
  const last = path[path.length - 1]!
  if (value === undefined) {
    if (Array.isArray(parent)) parent.splice(last as number, 1)
    else delete parent[last]
  } else parent[last] = value
  return copy
}

const wrongValue: fc.Arbitrary<Json | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constantFrom<Json>(0, -1, 1e308, true, '', 'x', [], {}, [null], {
    nonce: 1
  }),
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>
)

const HTML = `<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>`

/** body is what the server says, from a good body broken one way or another. */
const body = (good: unknown): fc.Arbitrary<string> =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .array(fc.tuple(fc.nat(), wrongValue), { minLength: 1, maxLength: 3 })
        .map((edits) =>
          JSON.stringify(
            edits.reduce((v, [at, x]) => breakAt(v, at, x), good) ?? null
          )
        )
    },
    { weight: 1, arbitrary: fc.constant(JSON.stringify(good)) },
    {
      weight: 2,
      arbitrary: fc.nat().map((n) => {
        const text = JSON.stringify(good)
        return text.slice(0, n % text.length)
      })
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '',
        ' ',
        HTML,
        'upstream connect error or disconnect/reset before headers',
        'null',
        'true',
        '"ok"',
        '[]',
        '{}',
        '{"error":"not found"}',
        '{"error":{"nested":1}}',
        '{"status":"error","message":"lease held","code":"failed_precondition"}',
        '{"errors":[null]}',
        '{"errors":"x"}',
        '\uFEFF{}'
      )
    },
    { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) }
  )

const reply = (good: unknown): fc.Arbitrary<Reply> =>
  fc.record({
    status: fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(200, 201) },
      {
        weight: 3,
        arbitrary: fc.constantFrom(
          202,
          204,
          301,
          400,
          401,
          403,
          404,
          408,
          409,
          412,
          422,
          429,
          500,
          502,
          503,
          599
        )
      }
    ),
    contentType: fc.constantFrom(
      undefined,
      'application/json',
      'application/json; charset=utf-8',
      'text/html',
      'text/plain',
      'application/octet-stream'
    ),
    body: body(good),
    transport: fc.constantFrom<Reply['transport']>(
      'full',
      'full',
      'full',
      'full',
      'full',
      'full',
      'full',
      'cut',
      'reset'
    )
  })

const opCase = fc
  .constantFrom(...OPS)
  .chain((op) => fc.tuple(fc.constant(op), reply(op.good)))

describe('a malformed Machines API answer ends in a typed error or a well-typed value', () => {
  test('every port method against broken bodies, statuses, content types and connections', async () => {
    await fc.assert(
      fc.asyncProperty(opCase, async ([op, r]) => {
        cases.hit()
        next = r
        let value: unknown
        try {
          value = await op.call()
        } catch (e) {
          expect(e, `${op.name}: ${String(e)}`).toBeInstanceOf(FlyApiError)
          const err = e as FlyApiError
          expect(err.message).toMatch(/^machines api /)
          expect(err.message).toContain(err.method)
          expect(err.message).toContain(err.path)
          expect(looksLikeStackTrace(err.message)).toBe(false)
          expect(err.message).not.toContain('fo1_fuzz_token')
          return
        }
        op.check?.(value)
      }),
      { numRuns: 1_600 }
    )
  })
})

describe('defects fuzzing found (regression tests)', () => {
  const answer = async (body: string, call: () => Promise<unknown>) => {
    next = {
      status: 200,
      contentType: 'application/json',
      body,
      transport: 'full'
    }
    return call().catch((e: unknown) => e)
  }

  test('a null in a list of IP assignments is a FlyApiError, not a TypeError', async () => {
    const e = await answer('{"ips":[null]}', () => api.apps.listIps('demo'))
    expect(e).toBeInstanceOf(FlyApiError)
    expect((e as Error).message).toBe(
      'machines api answered 200 to GET /v1/apps/demo/ip_assignments with an unexpected body: an IP assignment is not an object'
    )
  })

  test('a machine whose id is not a string is refused, not passed on to the engine', async () => {
    const e = await answer(JSON.stringify([{ ...MACHINE, id: {} }]), () =>
      api.machines.list('demo')
    )
    expect(e).toBeInstanceOf(FlyApiError)
    expect((e as Error).message).toContain('a machine.id is not a string')
  })

  test('a list that is not a list is a FlyApiError naming the field', async () => {
    const cases: [string, () => Promise<unknown>, string][] = [
      ['{"apps":"x"}', () => api.apps.list('personal'), 'apps is not a list'],
      [
        '{"secrets":{}}',
        () => api.secrets.list('demo'),
        'secrets is not a list'
      ],
      [
        '{"regions":[1]}',
        () => api.platform.regions(),
        'a region is not an object'
      ],
      [
        JSON.stringify({ ...MACHINE, checks: 'x' }),
        () => api.machines.get('demo', 'm1'),
        'a machine.checks is not a list'
      ],
      [
        '[null]',
        () => api.machines.versions('demo', 'm1'),
        'a version is not an object'
      ],
      [
        '{"ok":true,"state":7}',
        () =>
          api.machines.waitFor('demo', 'm1', {
            states: ['started'],
            timeoutS: 1
          }),
        'a wait response.state is not a string'
      ],
      [
        '{"status":"success","data":{"nonce":5}}',
        () => api.machines.acquireLease('demo', 'm1', 60, 'x'),
        'the lease.nonce is not a string'
      ],
      [
        '{"id":7}',
        () =>
          api.volumes.create('demo', { name: 'd', region: 'sjc', sizeGb: 1 }),
        'the volume has no id'
      ]
    ]
    for (const [body, call, says] of cases) {
      const e = await answer(body, call)
      expect(e, body).toBeInstanceOf(FlyApiError)
      expect((e as Error).message).toContain(says)
    }
  })
})
