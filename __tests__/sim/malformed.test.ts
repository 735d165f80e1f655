/**
 * Malformed requests: every route that takes a body gets broken JSON, the
 * wrong JSON, wrong field types, huge numbers, deep nesting and garbage
 * bytes, and bad query values go to the routes that read them. Each answer
 * must be a 4xx with an ErrorResponse body (`{error: string}`), never a 5xx,
 * and flysim must keep serving. A fast-check property then sends random
 * bodies to every such route. Every response is also checked against the
 * spec (../helpers/contract.ts).
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { routeTemplates, startSim, type Sim } from '../../src/sim/index.js'
import { createContractChecker } from '../helpers/contract.js'

const checker = createContractChecker()
let sim: Sim

const APP = 'demo'
const IMAGE = 'registry.fly.io/demo:deployment-malformed'
const RUNS = 200

interface Reply {
  status: number
  body: any
}

/** send sends a raw body (text or bytes) with a JSON content type. */
async function send(
  method: string,
  path: string,
  body?: string | Uint8Array
): Promise<Reply> {
  const res = await fetch(sim.apiUrl + path, {
    method,
    headers: {
      authorization: `Bearer ${sim.token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' })
    },
    body
  })
  const text = await res.text()
  let parsed: unknown
  try {
    parsed = text ? JSON.parse(text) : undefined
  } catch {
    parsed = text
  }
  return { status: res.status, body: parsed }
}

/** ioTurns lets loopback I/O run without letting virtual time pass. */
async function ioTurns(n = 20): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r))
}

/** drive moves the virtual clock until `pending` settles (a `/wait` that may block). */
async function drive<T>(pending: Promise<T>): Promise<T> {
  let settled = false
  const watched = pending.finally(() => {
    settled = true
  })
  await ioTurns()
  for (let spent = 0; !settled && spent <= 120_000; spent += 1_000) {
    await sim.control.advance(1_000)
    await ioTurns()
  }
  return watched
}

/** isClientError: a 4xx whose body is an ErrorResponse (`error` is a string). */
function isClientError(res: Reply): boolean {
  return (
    res.status >= 400 &&
    res.status < 500 &&
    typeof res.body === 'object' &&
    res.body !== null &&
    typeof res.body.error === 'string'
  )
}

/** isSafe: not a 5xx, and any error carries an ErrorResponse body. */
function isSafe(res: Reply): boolean {
  return res.status < 400 || isClientError(res)
}

interface Target {
  method: string
  template: string
  path: string
  /** The route decodes its body (start, restart, suspend, cordon, uncordon do not). */
  readsBody: boolean
}

const BODYLESS = /\/(start|restart|suspend|cordon|uncordon)$/

/**
 * targets lists every POST/PUT/PATCH route flysim serves under /v1, each on
 * a machine of its own (taken from `free`), so one route's lease or stop
 * never shadows another's validation.
 */
function targets(free: string[]): Target[] {
  return routeTemplates()
    .filter((r) => ['POST', 'PUT', 'PATCH'].includes(r.method))
    .filter((r) => r.template.startsWith('/v1'))
    .map((r) => {
      const machine = r.template.includes('{machine_id}') ? free.shift() : ''
      if (machine === undefined) throw new Error('not enough machines to fuzz')
      const path = r.template.replace(/\{(\w+)\}/g, (_, k: string) => {
        const value = {
          app_name: APP,
          machine_id: machine,
          secret_name: 'FUZZ_SECRET',
          key: 'fuzz_key',
          postgres_cluster_id: 'fuzz-pg'
        }[k]
        if (value === undefined) throw new Error(`no value for {${k}}`)
        return value
      })
      return {
        method: r.method,
        template: r.template,
        path,
        readsBody: !BODYLESS.test(r.template)
      }
    })
}

let all: Target[] = []
/** A machine no target uses: the query cases run on it. */
let spare = ''

beforeAll(async () => {
  sim = await startSim({
    apps: [{ name: APP, machinesPerRegion: 4 }],
    regions: ['sjc', 'lhr', 'syd'],
    clockScale: 0,
    onResponse: (info) => checker.check(info)
  })
  sim.control.setRateLimits(false)
  sim.control.createPostgresCluster({
    id: 'fuzz-pg',
    name: 'fuzz',
    region: 'sjc'
  })
  const list = await send('GET', `/v1/apps/${APP}/machines`)
  const free = (list.body as { id: string }[]).map((m) => m.id)
  all = targets(free)
  spare = free.shift()!
})

afterAll(async () => {
  await sim?.close()
})

const deep = (depth: number): string =>
  '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)

/** Bodies no route can decode: flysim answers 400 before any handler runs. */
const UNPARSABLE: [string, string | Uint8Array][] = [
  ['invalid JSON', '{config: image}'],
  ['truncated JSON', '{"config": {"image": "registry.fly.io/demo:x"'],
  ['a trailing comma', '{"ttl": 10,}'],
  ['a lone brace', '{'],
  ['garbage bytes', new Uint8Array([0xff, 0xfe, 0x00, 0x7b, 0xc3, 0x28])],
  ['unicode garbage', '\u0000\ud800\uffff{"\u202e":'],
  ['a body over 1 MiB', `{"pad":"${'x'.repeat(1 << 20)}"}`]
]

/** JSON that is not an object: routes that decode a body answer 400. */
const NOT_AN_OBJECT: [string, string][] = [
  ['a JSON array', '[{"config": {}}]'],
  ['a JSON string', '"config"'],
  ['a JSON number', '42'],
  ['JSON true', 'true'],
  ['JSON null', 'null'],
  ['deep nesting in an array', '['.repeat(5_000) + ']'.repeat(5_000)]
]

/** Wrong field types, huge numbers and deep nesting, per route. */
const WRONG_FIELDS: Record<string, unknown[]> = {
  'POST /v1/apps': [
    { name: 5, org_slug: 'personal' },
    { name: 'ok-name', org_slug: ['personal'] },
    { name: 'ok-name' },
    { name: '\u0000\ud800', org_slug: 'personal' }
  ],
  'POST /v1/apps/{app_name}/secrets': [
    { values: 'x' },
    { values: [] },
    { values: { A: 1 } },
    { values: { A: { nested: 'x' } } },
    { values: { 'bad name': 'x' } }
  ],
  'POST /v1/apps/{app_name}/secrets/{secret_name}': [
    { value: 7 },
    { value: null },
    { value: ['x'] }
  ],
  'POST /v1/apps/{app_name}/volumes': [
    { name: 'data', region: 'sjc', size_gb: 'abc' },
    { name: 'data', region: 'sjc', size_gb: 1e308 },
    { name: 'data', region: 'sjc', size_gb: 1.5 },
    { name: 'data', region: 'atlantis' },
    { name: 7, region: 'sjc' }
  ],
  'POST /v1/apps/{app_name}/ip_assignments': [
    { type: 4 },
    { type: 'v5' },
    { type: 'v6', region: 5 }
  ],
  'POST /v1/apps/{app_name}/machines': [
    { config: 'x' },
    { config: [] },
    { config: { image: 5 } },
    { config: { image: 'not a ref!' } },
    { config: { image: IMAGE, env: [] } },
    { config: { image: IMAGE, env: { A: 1 } } },
    { config: { image: IMAGE, services: 'x' } },
    { config: { image: IMAGE, services: [{ internal_port: '80' }] } },
    { config: { image: IMAGE, services: [{ internal_port: 1e308 }] } },
    { config: { image: IMAGE, services: [{ autostop: 'sometimes' }] } },
    { config: { image: IMAGE, services: [{ checks: [{ interval: 5 }] }] } },
    { config: { image: IMAGE, services: [{ checks: 'x' }] } },
    { config: { image: IMAGE, services: [{ checks: {} }] } },
    { config: { image: IMAGE, services: [{ ports: 'x' }] } },
    { config: { image: IMAGE, services: [null] } },
    { config: { image: IMAGE, checks: [] } },
    { config: { image: IMAGE, restart: { policy: 'sometimes' } } },
    { config: { image: IMAGE, mounts: {} } },
    { config: { image: IMAGE, guest: 'x' } },
    { config: { image: IMAGE, auto_destroy: 'yes' } },
    { config: { image: IMAGE, restart: 'always' } },
    { config: { image: IMAGE, mounts: [{ volume: 'vol_nope' }] } },
    { config: { image: IMAGE, standbys: 'm1' } },
    { config: { image: IMAGE }, region: 7 },
    { config: { image: IMAGE }, lease_ttl: 'abc' },
    { config: { image: IMAGE }, lease_ttl: 1e308 },
    { config: { image: IMAGE }, lease_ttl: 1.5 },
    { config: { image: IMAGE }, skip_launch: 'yes' },
    { config: { image: IMAGE }, min_secrets_version: 'abc' },
    { config: { image: IMAGE }, name: { first: 'x' } }
  ],
  'POST /v1/apps/{app_name}/machines/{machine_id}': [
    { config: 'x' },
    { config: { image: IMAGE, metadata: { a: 1 } } },
    { config: { image: IMAGE }, current_version: 5 },
    { config: { image: IMAGE }, lease_ttl: 1e308 },
    { config: { image: IMAGE }, lease_ttl: -1 },
    { config: { image: IMAGE }, skip_launch: 1 },
    { config: { image: IMAGE }, skip_service_registration: 'x' }
  ],
  'POST /v1/apps/{app_name}/machines/{machine_id}/stop': [
    { signal: 9 },
    { signal: 'SIGNOPE' },
    { timeout: 5 },
    { timeout: 'soon' }
  ],
  'POST /v1/apps/{app_name}/machines/{machine_id}/lease': [
    { ttl: 'abc' },
    { ttl: -1 },
    { ttl: 0 },
    { ttl: 1.5 },
    { ttl: 1e308 },
    { ttl: 1e20 },
    { ttl: 10, description: 5 }
  ],
  'PUT /v1/apps/{app_name}/machines/{machine_id}/metadata': [
    { metadata: 'x' },
    { metadata: [] },
    { metadata: { k: 1 } },
    { metadata: { 'bad key!': 'v' } },
    { metadata: { k: 'v' }, machine_version: 5 }
  ],
  'PATCH /v1/apps/{app_name}/machines/{machine_id}/metadata': [
    { metadata: { k: { nested: 'x' } } },
    {}
  ],
  'POST /v1/apps/{app_name}/machines/{machine_id}/metadata/{key}': [
    { value: 5 },
    { value: null },
    {},
    { value: ['v'] }
  ],
  'POST /v1/postgres/{postgres_cluster_id}/attachments': [
    { app_name: 5 },
    { app_name: ['demo'] },
    { app_name: { name: 'demo' } },
    {},
    { app_name: '' },
    { app_name: 'no-such-app' }
  ]
}

describe('malformed bodies', () => {
  test('every route that takes a body has wrong-field cases here', () => {
    const missing = all
      .filter((t) => t.readsBody)
      .map((t) => `${t.method} ${t.template}`)
      .filter((k) => !WRONG_FIELDS[k])

    expect(missing).toEqual([])
  })

  test('unparsable bodies are a 400 ErrorResponse on every route', async () => {
    const unsafe: string[] = []
    for (const t of all) {
      for (const [what, body] of UNPARSABLE) {
        const res = await send(t.method, t.path, body)
        if (!isClientError(res)) {
          unsafe.push(`${t.method} ${t.template} ${what}: ${res.status}`)
        }
      }
    }

    expect(unsafe).toEqual([])
  })

  test('JSON that is not an object is a 400 ErrorResponse on every route that reads a body', async () => {
    const unsafe: string[] = []
    for (const t of all) {
      for (const [what, body] of NOT_AN_OBJECT) {
        const res = await send(t.method, t.path, body)
        const ok = t.readsBody ? isClientError(res) : isSafe(res)
        if (!ok) unsafe.push(`${t.method} ${t.template} ${what}: ${res.status}`)
      }
    }

    expect(unsafe).toEqual([])
  })

  test('wrong field types, huge numbers and bad values are a 4xx ErrorResponse', async () => {
    const unsafe: string[] = []
    for (const t of all.filter((x) => x.readsBody)) {
      for (const body of WRONG_FIELDS[`${t.method} ${t.template}`] ?? []) {
        const res = await send(t.method, t.path, JSON.stringify(body))
        if (!isClientError(res)) {
          unsafe.push(
            `${t.method} ${t.template} ${JSON.stringify(body)}: ${res.status} ${JSON.stringify(res.body)}`
          )
        }
      }
    }

    expect(unsafe).toEqual([])
  })

  test('deep nesting inside a config is a 4xx, not a crash', async () => {
    const create = all.find(
      (t) =>
        t.method === 'POST' && t.template === '/v1/apps/{app_name}/machines'
    )!
    const body = `{"config": {"image": "${IMAGE}", "init": ${deep(20_000)}}}`

    const res = await send(create.method, create.path, body)

    expect(isClientError(res), JSON.stringify(res).slice(0, 300)).toBe(true)
  })
})

describe('rejected updates', () => {
  test('a 400 for a late field leaves the machine and its version as they were', async () => {
    const update = all.find(
      (t) => t.template === '/v1/apps/{app_name}/machines/{machine_id}'
    )!
    const before = await send('GET', update.path)
    const bodies = [
      { config: { image: `${IMAGE}-2` }, skip_service_registration: 'x' },
      { config: { image: `${IMAGE}-2` }, lease_ttl: 1.5 },
      { config: { image: `${IMAGE}-2`, mounts: [{ volume: 'vol_nope' }] } }
    ]

    const statuses: number[] = []
    for (const b of bodies) {
      statuses.push((await send('POST', update.path, JSON.stringify(b))).status)
    }
    const after = await send('GET', update.path)

    expect(statuses).toEqual([400, 400, 400])
    expect(after.body.instance_id).toBe(before.body.instance_id)
    expect(after.body.config).toEqual(before.body.config)
  })

  test('an update refused for its mounts keeps the volume the machine holds attached', async () => {
    const vol = await send(
      'POST',
      `/v1/apps/${APP}/volumes`,
      JSON.stringify({ name: 'held', region: 'syd' })
    )
    const created = await send(
      'POST',
      `/v1/apps/${APP}/machines`,
      JSON.stringify({
        region: 'syd',
        skip_launch: true,
        config: { image: IMAGE, mounts: [{ volume: vol.body.id, path: '/d' }] }
      })
    )
    const id = created.body.id as string

    const refused = await send(
      'POST',
      `/v1/apps/${APP}/machines/${id}`,
      JSON.stringify({
        skip_launch: true,
        config: { image: IMAGE, mounts: [{ volume: 'vol_nope', path: '/d' }] }
      })
    )
    const shown = await send('GET', `/v1/apps/${APP}/volumes/${vol.body.id}`)
    await send('DELETE', `/v1/apps/${APP}/machines/${id}`)

    expect(refused.status).toBe(400)
    expect(shown.body.attached_machine_id).toBe(id)
  })
})

describe('bad query values', () => {
  const machine = (): string => `/v1/apps/${APP}/machines/${spare}`
  const cases = (): [string, string][] => [
    ['GET', `/v1/apps/${APP}/machines?state=bogus`],
    ['GET', `/v1/apps/${APP}/machines?summary=maybe`],
    ['GET', `/v1/apps/${APP}/machines?include_deleted=2`],
    ['GET', `${machine()}?include_leases=perhaps`],
    ['GET', `${machine()}/events?limit=abc`],
    ['GET', `${machine()}/events?limit=-1`],
    ['GET', `${machine()}/events?limit=1.5`],
    ['GET', `${machine()}/wait?timeout=-1`],
    ['GET', `${machine()}/wait?timeout=abc`],
    ['GET', `${machine()}/wait?state=bogus`],
    ['GET', `${machine()}/wait?state=stopped`],
    ['POST', `${machine()}/lease?ttl=abc`],
    ['POST', `${machine()}/lease?ttl=-5`],
    ['POST', `${machine()}/lease?ttl=99999999999999999999`],
    ['POST', `${machine()}/restart?timeout=soon`],
    ['POST', `${machine()}/restart?signal=SIGNOPE`],
    ['DELETE', `${machine()}?force=maybe`],
    ['GET', `/v1/apps/${APP}/secrets?min_version=abc`],
    ['GET', `/v1/apps/${APP}/secrets?show_secrets=perhaps`],
    ['GET', '/v1/apps?org_slug=']
  ]

  test('each is a 400 ErrorResponse', async () => {
    const wrong: string[] = []
    for (const [method, path] of cases()) {
      const res = await drive(send(method, path))
      if (res.status !== 400 || !isClientError(res)) {
        wrong.push(
          `${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`
        )
      }
    }

    expect(wrong).toEqual([])
  })

  test('random query values never crash /wait, /events or the machine list', async () => {
    const value = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.integer().map(String),
      fc.double().map(String)
    )
    const query = fc.record({
      route: fc.constantFrom('wait', 'events', 'list', 'lease'),
      name: fc.constantFrom('timeout', 'limit', 'state', 'ttl', 'summary'),
      value
    })

    await fc.assert(
      fc.asyncProperty(query, async ({ route, name, value }) => {
        const q = `${name}=${encodeURIComponent(value)}`
        const res = await drive(
          route === 'list'
            ? send('GET', `/v1/apps/${APP}/machines?${q}`)
            : route === 'lease'
              ? send('GET', `${machine()}/lease?${q}`)
              : send('GET', `${machine()}/${route}?${q}`)
        )
        return isSafe(res)
      }),
      { numRuns: RUNS }
    )
  })
})

/** Field names the routes read: random values under them reach the validators. */
const FIELDS = [
  'config',
  'region',
  'name',
  'lease_ttl',
  'skip_launch',
  'skip_service_registration',
  'min_secrets_version',
  'current_version',
  'signal',
  'timeout',
  'ttl',
  'description',
  'value',
  'values',
  'metadata',
  'machine_version',
  'updated_at',
  'org_slug',
  'network',
  'type',
  'size_gb',
  'encrypted',
  'service_name'
]

/** randomBody: any JSON, an object of known fields with any values, garbage text, or truncated JSON. */
const randomBody = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc
    .dictionary(fc.constantFrom(...FIELDS), fc.jsonValue(), { maxKeys: 4 })
    .map((v) => JSON.stringify(v)),
  fc.string({ unit: 'binary', maxLength: 64 }),
  fc
    .jsonValue()
    .map((v) => JSON.stringify(v) ?? '')
    .chain((s) => fc.nat(s.length).map((n) => s.slice(0, n)))
)

describe('random bodies', () => {
  let cases = 0

  test(`${RUNS} random bodies per route never get a 5xx or a malformed error`, async () => {
    for (const t of all) {
      await fc.assert(
        fc.asyncProperty(randomBody, async (body) => {
          cases++
          return isSafe(await send(t.method, t.path, body))
        }),
        { numRuns: RUNS }
      )
    }

    expect(cases).toBeGreaterThanOrEqual(RUNS * all.length)
    console.log(
      `malformed: ${cases} random bodies over ${all.length} routes, ` +
        `${checker.total()} responses validated`
    )
  })
})

describe('afterwards', () => {
  test('flysim still serves every app and machine', async () => {
    const app = await send('GET', `/v1/apps/${APP}`)
    const machines = await send('GET', `/v1/apps/${APP}/machines`)

    expect(app.status).toBe(200)
    expect(machines.status).toBe(200)
    expect(machines.body.length).toBeGreaterThanOrEqual(12)
  })

  test('every response, 2xx included, matched machines-openapi.json', () => {
    expect(checker.report()).toBe('')
  })
})
