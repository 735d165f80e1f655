/**
 * Contract tests: every Machines API route flysim serves is driven over real
 * HTTP through its success and documented error cases, and every response
 * body is validated against machines-openapi.json ([OA3]) by the checker in
 * ../helpers/contract.ts. A new route without a case here fails the coverage
 * test at the end.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  routeTemplates,
  startSim,
  type ResponseInfo,
  type Sim
} from '../../src/sim/index.js'
import { createContractChecker } from '../helpers/contract.js'

const checker = createContractChecker()
let sim: Sim

const APP = 'demo'
const M = (id: string, rest = ''): string =>
  `/v1/apps/${APP}/machines/${id}${rest ? `/${rest}` : ''}`

interface Reply {
  status: number
  body: any
}

/** call sends one API request with the sim's token (or `token`, or none when null). */
async function call(
  method: string,
  path: string,
  opts: {
    body?: unknown
    headers?: Record<string, string>
    token?: string | null
  } = {}
): Promise<Reply> {
  const token = opts.token === undefined ? sim.token : opts.token
  const res = await fetch(sim.apiUrl + path, {
    method,
    headers: {
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      ...(opts.body === undefined
        ? {}
        : { 'content-type': 'application/json' }),
      ...opts.headers
    },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body)
  })
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : undefined }
}

/** ioTurns lets loopback I/O run without letting virtual time pass. */
async function ioTurns(n = 20): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r))
}

/** drive moves the virtual clock in 100 ms steps until `pending` settles. */
async function drive<T>(pending: Promise<T>, maxMs = 120_000): Promise<T> {
  let settled = false
  const watched = pending.finally(() => {
    settled = true
  })
  await ioTurns()
  for (let spent = 0; !settled && spent <= maxMs; spent += 100) {
    await sim.control.advance(100)
    await ioTurns()
  }
  return watched
}

/** waitState advances virtual time until the machine reports `state`. */
async function waitState(id: string, state: string): Promise<void> {
  const res = await drive(
    call('GET', `${M(id, 'wait')}?state=${state}&timeout=60`)
  )
  expect(res.status).toBe(200)
}

/** config is a spec-only MachineConfig: every field here exists in [OA3]. */
function config(
  image: string,
  extra: Record<string, unknown> = {}
): Record<string, unknown> {
  return {
    image,
    env: { PRIMARY_REGION: 'sjc' },
    guest: { cpu_kind: 'shared', cpus: 1, memory_mb: 256 },
    services: [
      {
        protocol: 'tcp',
        internal_port: 8080,
        autostart: true,
        autostop: 'stop',
        min_machines_running: 0,
        ports: [
          { port: 80, handlers: ['http'], force_https: true },
          { port: 443, handlers: ['tls', 'http'] }
        ],
        concurrency: { type: 'connections', soft_limit: 20, hard_limit: 25 },
        checks: [
          {
            type: 'http',
            interval: '5s',
            timeout: '2s',
            grace_period: '1s',
            method: 'GET',
            path: '/health'
          }
        ]
      }
    ],
    checks: {
      alive: { type: 'tcp', port: 8080, interval: '15s', timeout: '2s' }
    },
    restart: { policy: 'on-failure', max_retries: 3 },
    stop_config: { signal: 'SIGINT', timeout: '5s' },
    metadata: { fly_platform_version: 'v2', fly_process_group: 'app' },
    ...extra
  }
}

const IMAGE = 'registry.fly.io/demo:deployment-contract'
let ids: string[] = []

beforeAll(async () => {
  sim = await startSim({
    apps: [{ name: APP, machinesPerRegion: 2 }],
    regions: ['sjc', 'lhr', 'syd'],
    clockScale: 0,
    onResponse: (info) => checker.check(info)
  })
  sim.control.setRateLimits(false)
  const list = await call('GET', `/v1/apps/${APP}/machines`)
  ids = (list.body as { id: string }[]).map((m) => m.id)
})

afterAll(async () => {
  await sim?.close()
})

describe('the checker', () => {
  const show = {
    method: 'GET',
    path: '/v1/apps/a/machines/m',
    route: '/v1/apps/{app_name}/machines/{machine_id}',
    op: 'Machines_show'
  }
  const cases: { what: string; info: ResponseInfo; drift: boolean }[] = [
    {
      what: 'a Machine with spec fields only',
      info: {
        ...show,
        status: 200,
        body: {
          id: 'm',
          config: { image: 'i', services: [{ autostop: true }] }
        }
      },
      drift: false
    },
    {
      what: 'a field the spec lacks',
      info: { ...show, status: 200, body: { id: 'm', invented: 1 } },
      drift: true
    },
    {
      what: 'a field the spec lacks, deep in the config',
      info: {
        ...show,
        status: 200,
        body: { id: 'm', config: { services: [{ ports: [{ bogus: 1 }] }] } }
      },
      drift: true
    },
    {
      what: 'autostop "off" in a response',
      info: {
        ...show,
        status: 200,
        body: { id: 'm', config: { services: [{ autostop: 'off' }] } }
      },
      drift: true
    },
    {
      what: 'a wrong type',
      info: { ...show, status: 200, body: { id: 'm', cordoned: 'yes' } },
      drift: true
    },
    {
      what: 'an error without `error`',
      info: { ...show, status: 404, body: { message: 'not found' } },
      drift: true
    },
    {
      what: 'an error with a status outside main.statusCode',
      info: { ...show, status: 422, body: { error: 'x', status: 'nope' } },
      drift: true
    },
    {
      what: 'a success status the spec does not declare',
      info: { ...show, status: 201, body: { id: 'm' } },
      drift: true
    },
    {
      what: 'an undocumented body where the spec declares none',
      info: {
        method: 'POST',
        path: '/v1/apps/a/machines/m/cordon',
        route: '/v1/apps/{app_name}/machines/{machine_id}/cordon',
        op: 'Machines_cordon',
        status: 200,
        body: { ok: true, extra: 1 }
      },
      drift: true
    },
    {
      what: 'an op name other than the operationId',
      info: { ...show, op: 'Machines_get', status: 200, body: { id: 'm' } },
      drift: true
    },
    {
      what: 'a route the spec lacks',
      info: {
        ...show,
        route: '/v1/apps/{app_name}/nope',
        status: 200,
        body: {}
      },
      drift: true
    },
    {
      what: 'a wrapped lease with a field Lease lacks',
      info: {
        method: 'GET',
        path: '/v1/apps/a/machines/m/lease',
        route: '/v1/apps/{app_name}/machines/{machine_id}/lease',
        op: 'Machines_show_lease',
        status: 200,
        body: { status: 'success', data: { nonce: 'n', holder: 'x' } }
      },
      drift: true
    }
  ]
  for (const c of cases) {
    test(`${c.drift ? 'fails' : 'passes'} ${c.what}`, () => {
      const own = createContractChecker()

      own.check(c.info)

      expect(own.violations.length > 0).toBe(c.drift)
    })
  }
})

describe('apps, secrets, volumes, IPs and regions', () => {
  test('listing apps answers ListAppsResponse; a missing org_slug is a 400', async () => {
    expect((await call('GET', '/v1/apps?org_slug=personal')).status).toBe(200)
    expect((await call('GET', '/v1/apps')).status).toBe(400)
  })

  test('creating an app answers 201, a taken name 422 name_taken, a bad name 400, an unknown org 404', async () => {
    const created = await call('POST', '/v1/apps', {
      body: { name: 'contract-new', org_slug: 'personal', network: 'n1' }
    })
    const taken = await call('POST', '/v1/apps', {
      body: { name: APP, org_slug: 'personal' }
    })
    const bad = await call('POST', '/v1/apps', {
      body: { name: 'Not_A_Name', org_slug: 'personal' }
    })
    const noOrg = await call('POST', '/v1/apps', {
      body: { name: 'contract-orphan', org_slug: 'nobody' }
    })

    expect(created.status).toBe(201)
    expect(taken).toMatchObject({ status: 422, body: { status: 'name_taken' } })
    expect(bad.status).toBe(400)
    expect(noOrg.status).toBe(404)
  })

  test('showing an app answers App; an unknown app is a 404', async () => {
    expect((await call('GET', `/v1/apps/${APP}`)).status).toBe(200)
    expect((await call('GET', '/v1/apps/no-such-app')).status).toBe(404)
  })

  test('deleting an app answers 202 and the app is gone after its teardown', async () => {
    const res = await call('DELETE', '/v1/apps/contract-new')
    await sim.control.advance('2s')

    expect(res.status).toBe(202)
    expect((await call('GET', '/v1/apps/contract-new')).status).toBe(404)
  })

  test('secrets answer AppSecrets, AppSecretsUpdateResp, AppSecret, SetAppSecretResponse and DeleteAppSecretResponse', async () => {
    const set = await call('POST', `/v1/apps/${APP}/secrets`, {
      body: { values: { DATABASE_URL: 'postgres://x', OLD: null } }
    })
    const one = await call('POST', `/v1/apps/${APP}/secrets/API_KEY`, {
      body: { value: 's3cret' }
    })
    const list = await call('GET', `/v1/apps/${APP}/secrets?show_secrets=true`)
    const show = await call('GET', `/v1/apps/${APP}/secrets/API_KEY`)
    const shown = await call(
      'GET',
      `/v1/apps/${APP}/secrets/API_KEY?show_secrets=1`
    )
    const del = await call('DELETE', `/v1/apps/${APP}/secrets/API_KEY`)

    expect([set.status, one.status, list.status]).toEqual([200, 201, 200])
    expect([show.status, shown.status, del.status]).toEqual([200, 200, 200])
  })

  test('secrets reject bad input with 400 and unknown names with 404', async () => {
    const statuses = [
      await call('POST', `/v1/apps/${APP}/secrets`, { body: { values: {} } }),
      await call('POST', `/v1/apps/${APP}/secrets`, {
        body: { values: { 'bad name': 'x' } }
      }),
      await call('POST', `/v1/apps/${APP}/secrets/BAD-NAME`, {
        body: { value: 'x' }
      }),
      await call('GET', `/v1/apps/${APP}/secrets?min_version=999`),
      await call('GET', `/v1/apps/${APP}/secrets/NOPE`),
      await call('DELETE', `/v1/apps/${APP}/secrets/NOPE`)
    ].map((r) => r.status)

    expect(statuses).toEqual([400, 400, 400, 400, 404, 404])
  })

  test('volumes answer Volume and Volume[]; bad input is a 400, an unknown volume a 404', async () => {
    const created = await call('POST', `/v1/apps/${APP}/volumes`, {
      body: { name: 'data', region: 'sjc', size_gb: 3 }
    })
    const id = created.body.id as string
    const list = await call('GET', `/v1/apps/${APP}/volumes`)
    const show = await call('GET', `/v1/apps/${APP}/volumes/${id}`)
    const bad = await call('POST', `/v1/apps/${APP}/volumes`, {
      body: { name: 'Data!', region: 'sjc' }
    })
    const missing = await call('GET', `/v1/apps/${APP}/volumes/vol_nope`)
    const del = await call('DELETE', `/v1/apps/${APP}/volumes/${id}`)

    expect([created.status, list.status, show.status]).toEqual([200, 200, 200])
    expect([bad.status, missing.status, del.status]).toEqual([400, 404, 200])
  })

  test('a volume attached to a machine answers 412 to a delete, and capacity faults 412 volume_placement_capacity', async () => {
    const vol = await call('POST', `/v1/apps/${APP}/volumes`, {
      body: { name: 'pinned', region: 'lhr', size_gb: 1 }
    })
    const machine = await call('POST', `/v1/apps/${APP}/machines`, {
      body: {
        region: 'lhr',
        skip_launch: true,
        config: config(IMAGE, {
          mounts: [{ volume: vol.body.id, path: '/data' }]
        })
      }
    })
    const shown = await call('GET', `/v1/apps/${APP}/volumes/${vol.body.id}`)
    const attached = await call(
      'DELETE',
      `/v1/apps/${APP}/volumes/${vol.body.id}`
    )
    sim.control.refuseUpdates('syd')
    const full = await call('POST', `/v1/apps/${APP}/volumes`, {
      body: { name: 'more', region: 'syd' }
    })
    sim.control.refuseUpdates('syd', false)
    const cleanup = await call('DELETE', M(machine.body.id))

    expect(machine.status).toBe(200)
    expect(shown.body.attached_machine_id).toBe(machine.body.id)
    expect(attached.status).toBe(412)
    expect(full).toMatchObject({
      status: 412,
      body: { status: 'volume_placement_capacity' }
    })
    expect(cleanup.status).toBe(200)
  })

  test('IP assignments answer listIPAssignmentsResponse and AssignIPResponse; release is a 204', async () => {
    const v6 = await call('POST', `/v1/apps/${APP}/ip_assignments`, {
      body: { type: 'v6', service_name: 'web' }
    })
    const shared = await call('POST', `/v1/apps/${APP}/ip_assignments`, {
      body: { type: 'shared_v4', region: 'global' }
    })
    const list = await call('GET', `/v1/apps/${APP}/ip_assignments`)
    const del = await call(
      'DELETE',
      `/v1/apps/${APP}/ip_assignments/${encodeURIComponent(v6.body.ip)}`
    )

    expect([v6.status, shared.status, list.status]).toEqual([200, 200, 200])
    expect(del).toEqual({ status: 204, body: undefined })
  })

  test('IP assignments reject an unknown type with 400 and an unknown IP with 404', async () => {
    const bad = await call('POST', `/v1/apps/${APP}/ip_assignments`, {
      body: { type: 'v5' }
    })
    const missing = await call(
      'DELETE',
      `/v1/apps/${APP}/ip_assignments/10.0.0.1`
    )

    expect([bad.status, missing.status]).toEqual([400, 404])
  })

  test('platform regions answer main.regionResponse', async () => {
    expect((await call('GET', '/v1/platform/regions')).status).toBe(200)
  })
})

describe('machines', () => {
  let fresh = ''

  test('listing machines answers Machine[] with every filter; a bogus state is a 400', async () => {
    const base = `/v1/apps/${APP}/machines`
    const statuses = [
      await call('GET', base),
      await call('GET', `${base}?summary=true`),
      await call('GET', `${base}?include_leases=true&include_deleted=true`),
      await call('GET', `${base}?state=started,stopped&region=sjc`),
      await call('GET', `${base}?metadata.fly_process_group=app`),
      await call('GET', `${base}?state=bogus`),
      await call('GET', `${base}?summary=maybe`),
      await call('GET', '/v1/apps/no-such-app/machines')
    ].map((r) => r.status)

    expect(statuses).toEqual([200, 200, 200, 200, 200, 400, 400, 404])
  })

  test('creating a machine with lease_ttl answers a Machine carrying its nonce', async () => {
    const res = await call('POST', `/v1/apps/${APP}/machines`, {
      body: {
        name: 'contract-one',
        region: 'sjc',
        lease_ttl: 30,
        config: config(IMAGE)
      }
    })
    fresh = res.body.id
    const released = await call('DELETE', M(fresh, 'lease'), {
      headers: { 'fly-machine-lease-nonce': res.body.nonce }
    })
    await waitState(fresh, 'started')

    expect(res.status).toBe(200)
    expect(typeof res.body.nonce).toBe('string')
    expect(released.status).toBe(200)
  })

  test('creating a machine rejects a taken name (422), a bad config or region (400) and an unknown app (404)', async () => {
    const statuses = [
      await call('POST', `/v1/apps/${APP}/machines`, {
        body: { name: 'contract-one', config: config(IMAGE) }
      }),
      await call('POST', `/v1/apps/${APP}/machines`, {
        body: { region: 'sjc' }
      }),
      await call('POST', `/v1/apps/${APP}/machines`, {
        body: { config: config(IMAGE), region: 'mars' }
      }),
      await call('POST', `/v1/apps/${APP}/machines`, {
        body: { config: config(IMAGE), lease_ttl: -5 }
      }),
      await call('POST', '/v1/apps/no-such-app/machines', {
        body: { config: config(IMAGE) }
      })
    ].map((r) => r.status)

    expect(statuses).toEqual([422, 400, 400, 400, 404])
  })

  test('a region without capacity refuses a create with 422 insufficient_capacity', async () => {
    sim.control.refuseUpdates('lhr')
    const res = await call('POST', `/v1/apps/${APP}/machines`, {
      body: { region: 'lhr', config: config(IMAGE) }
    })
    sim.control.refuseUpdates('lhr', false)

    expect(res).toMatchObject({
      status: 422,
      body: { status: 'insufficient_capacity' }
    })
  })

  test("a config field the spec lacks, or a null, is dropped from responses, as Fly's decoder drops it", async () => {
    const res = await call('POST', `/v1/apps/${APP}/machines`, {
      body: {
        region: 'syd',
        skip_launch: true,
        config: { ...config(IMAGE), bogus_field: 1, schedule: null }
      }
    })
    const versions = await call('GET', M(res.body.id, 'versions'))
    await call('DELETE', M(res.body.id))

    expect(res.status).toBe(200)
    expect(res.body.config).not.toHaveProperty('bogus_field')
    expect(res.body.config).not.toHaveProperty('schedule')
    expect(versions.body[0].user_config).not.toHaveProperty('bogus_field')
  })

  test('showing a machine answers Machine, with its lease when asked; an unknown machine is a 404', async () => {
    const lease = await call('POST', M(fresh, 'lease'), { body: { ttl: 30 } })
    const shown = await call('GET', `${M(fresh)}?include_leases=true`)
    await call('DELETE', M(fresh, 'lease'), {
      headers: { 'fly-machine-lease-nonce': lease.body.data.nonce }
    })
    const missing = await call('GET', M('d8d8d8d8d8d8d8'))

    expect(shown.status).toBe(200)
    expect(shown.body.lease).toBeDefined()
    expect(missing.status).toBe(404)
  })

  test('updating a machine answers Machine; a stale current_version is a 412, a bad config a 400, a region move a 400', async () => {
    const before = await call('GET', M(fresh))
    const updated = await call('POST', M(fresh), {
      body: {
        current_version: before.body.instance_id,
        config: config(IMAGE, { env: { RELEASE: '2' } }),
        skip_service_registration: false
      }
    })
    const stale = await call('POST', M(fresh), {
      body: {
        current_version: before.body.instance_id,
        config: config(IMAGE)
      }
    })
    const badConfig = await call('POST', M(fresh), {
      body: { config: { image: '' } }
    })
    const move = await call('POST', M(fresh), {
      body: { config: config(IMAGE), region: 'syd' }
    })
    const missing = await call('POST', M('d8d8d8d8d8d8d8'), {
      body: { config: config(IMAGE) }
    })
    await waitState(fresh, 'started')

    expect(updated.status).toBe(200)
    expect([stale.status, badConfig.status, move.status]).toEqual([
      412, 400, 400
    ])
    expect(missing.status).toBe(404)
  })

  test('an update refused for capacity is a 409 insufficient_capacity, and an unreachable host a 503', async () => {
    sim.control.refuseUpdates('sjc')
    const full = await call('POST', M(fresh), {
      body: { config: config(IMAGE) }
    })
    sim.control.refuseUpdates('sjc', false)
    sim.control.setHostStatus(fresh, 'unreachable')
    const shown = await call('GET', M(fresh))
    const unreachable = await call('POST', M(fresh), {
      body: { config: config(IMAGE) }
    })
    sim.control.setHostStatus(fresh, 'ok')

    expect(full).toMatchObject({
      status: 409,
      body: { status: 'insufficient_capacity' }
    })
    expect(shown.body).toMatchObject({ host_status: 'unreachable' })
    expect(shown.body.incomplete_config).toBeDefined()
    expect(unreachable.status).toBe(503)
  })

  test('stop, start, restart, suspend, cordon and uncordon answer their documented bodies', async () => {
    const cordon = await call('POST', M(fresh, 'cordon'))
    const uncordon = await call('POST', M(fresh, 'uncordon'))
    const restart = await call(
      'POST',
      `${M(fresh, 'restart')}?timeout=5s&signal=SIGTERM`
    )
    await waitState(fresh, 'started')
    const stop = await call('POST', M(fresh, 'stop'), {
      body: { signal: 'SIGTERM', timeout: '1s' }
    })
    await drive(
      call(
        'GET',
        `${M(fresh, 'wait')}?state=stopped&version=${(await call('GET', M(fresh))).body.instance_id}&timeout=30`
      )
    )
    const start = await call('POST', M(fresh, 'start'))
    await waitState(fresh, 'started')
    const suspend = await call('POST', M(fresh, 'suspend'))
    await waitState(fresh, 'suspended')
    const resumed = await call('POST', M(fresh, 'start'))
    await waitState(fresh, 'started')

    expect(
      [cordon, uncordon, restart, stop, start, suspend, resumed].map(
        (r) => r.status
      )
    ).toEqual([200, 200, 200, 200, 200, 200, 200])
  })

  test('lifecycle actions reject bad signals and timeouts with 400 and impossible states with 412', async () => {
    const statuses = [
      await call('POST', M(fresh, 'stop'), { body: { signal: 'SIGNOPE' } }),
      await call('POST', M(fresh, 'stop'), { body: { timeout: 'soon' } }),
      await call('POST', `${M(fresh, 'restart')}?signal=SIGNOPE`),
      await call('POST', `${M(fresh, 'restart')}?timeout=soon`),
      await call('POST', M(fresh, 'start')),
      await call('POST', M('d8d8d8d8d8d8d8', 'start')),
      await call('DELETE', M(fresh))
    ].map((r) => r.status)

    expect(statuses).toEqual([400, 400, 400, 400, 412, 404, 412])
  })

  test('events answer MachineEvent[]; a bad limit is a 400', async () => {
    const statuses = [
      await call('GET', M(fresh, 'events')),
      await call('GET', `${M(fresh, 'events')}?limit=5`),
      await call('GET', `${M(fresh, 'events')}?limit=0`),
      await call('GET', `${M(fresh, 'events')}?limit=abc`)
    ].map((r) => r.status)

    expect(statuses).toEqual([200, 200, 400, 400])
  })

  test('versions answer MachineVersion[] with user_config rendered as in responses', async () => {
    const res = await call('GET', M(fresh, 'versions'))
    const seeded = await call('GET', M(ids[0]!, 'versions'))

    expect(res.status).toBe(200)
    expect(res.body.length).toBeGreaterThan(1)
    expect(seeded.status).toBe(200)
  })

  test('waiting answers WaitMachineResponse, a bad state or a stopped wait without version 400, a timeout 408', async () => {
    const reached = await call('GET', `${M(fresh, 'wait')}?state=started`)
    const settled = await call('GET', `${M(fresh, 'wait')}?state=settled`)
    const bogus = await call('GET', `${M(fresh, 'wait')}?state=bogus`)
    const noVersion = await call('GET', `${M(fresh, 'wait')}?state=stopped`)
    const badTimeout = await call('GET', `${M(fresh, 'wait')}?timeout=-1`)
    const timedOut = await drive(
      call('GET', `${M(fresh, 'wait')}?state=suspended&timeout=1`)
    )

    expect([reached.status, settled.status]).toEqual([200, 200])
    expect([bogus.status, noVersion.status, badTimeout.status]).toEqual([
      400, 400, 400
    ])
    expect(timedOut.status).toBe(408)
  })

  test('deleting a machine answers 200 with force, and a destroyed machine still shows', async () => {
    const res = await call('DELETE', `${M(fresh)}?force=true`)
    await drive(call('GET', `${M(fresh, 'wait')}?state=destroyed&timeout=30`))
    const shown = await call('GET', M(fresh))
    const again = await call('DELETE', M(fresh))
    const listed = await call(
      'GET',
      `/v1/apps/${APP}/machines?include_deleted=true`
    )

    expect(res.status).toBe(200)
    expect(shown.body.state).toBe('destroyed')
    expect(again.status).toBe(404)
    expect(listed.status).toBe(200)
  })

  test('a destroyed machine refuses changes with 412', async () => {
    const statuses = [
      await call('POST', M(fresh), { body: { config: config(IMAGE) } }),
      await call('POST', M(fresh, 'start')),
      await call('POST', M(fresh, 'lease'), { body: { ttl: 10 } })
    ].map((r) => r.status)

    expect(statuses).toEqual([412, 412, 412])
  })
})

describe('leases and metadata', () => {
  test('a lease is created (201), read, refreshed and released in the wrapped shape', async () => {
    const id = ids[1]!
    const created = await call('POST', M(id, 'lease'), {
      body: { ttl: 30, description: 'contract' }
    })
    const nonce = created.body.data.nonce as string
    const shown = await call('GET', M(id, 'lease'))
    const refreshed = await call('POST', `${M(id, 'lease')}?ttl=60`, {
      headers: { 'fly-machine-lease-nonce': nonce }
    })
    const released = await call('DELETE', M(id, 'lease'), {
      headers: { 'fly-machine-lease-nonce': nonce }
    })

    expect(created).toMatchObject({ status: 201, body: { status: 'success' } })
    expect([shown.status, refreshed.status, released.status]).toEqual([
      200, 201, 200
    ])
  })

  test('a leased machine answers 409 to a mutation without its nonce, on every mutating route', async () => {
    const id = ids[2]!
    const created = await call('POST', M(id, 'lease'), { body: { ttl: 30 } })
    const nonce = created.body.data.nonce as string
    const statuses = [
      await call('POST', M(id, 'lease'), { body: { ttl: 30 } }),
      await call('POST', M(id), { body: { config: config(IMAGE) } }),
      await call('POST', M(id, 'stop')),
      await call('POST', M(id, 'cordon')),
      await call('POST', M(id, 'metadata/k'), { body: { value: 'v' } }),
      await call('PUT', M(id, 'metadata'), { body: { metadata: { k: 'v' } } }),
      await call('DELETE', M(id, 'lease'), {
        headers: { 'fly-machine-lease-nonce': 'wrong' }
      }),
      await call('DELETE', `${M(id)}?force=true`)
    ].map((r) => r.status)
    await call('DELETE', M(id, 'lease'), {
      headers: { 'fly-machine-lease-nonce': nonce }
    })

    expect(statuses).toEqual([409, 409, 409, 409, 409, 409, 409, 409])
  })

  test('lease endpoints answer 404 without a lease and 400 for a bad ttl or a missing nonce', async () => {
    const id = ids[3]!
    const statuses = [
      await call('GET', M(id, 'lease')),
      await call('POST', M(id, 'lease'), {
        headers: { 'fly-machine-lease-nonce': 'stale' }
      }),
      await call('POST', M(id, 'lease'), { body: { ttl: 0 } }),
      await call('POST', `${M(id, 'lease')}?ttl=abc`),
      await call('DELETE', M(id, 'lease')),
      await call('GET', M('d8d8d8d8d8d8d8', 'lease'))
    ].map((r) => r.status)

    expect(statuses).toEqual([404, 404, 400, 400, 400, 404])
  })

  test('metadata answers a string map, a key answers metadataValueResponse, writes answer 204', async () => {
    const id = ids[0]!
    const before = await call('GET', M(id))
    const upsert = await call('POST', M(id, 'metadata/role'), {
      body: { value: 'primary' }
    })
    const key = await call('GET', M(id, 'metadata/role'))
    const put = await call('PUT', M(id, 'metadata'), {
      body: {
        metadata: { a: '1', role: null },
        machine_version: before.body.instance_id,
        updated_at: new Date(0).toISOString()
      }
    })
    const patch = await call('PATCH', M(id, 'metadata'), {
      body: { metadata: { b: '2', a: '' } }
    })
    const del = await call('DELETE', M(id, 'metadata/b'))
    const map = await call('GET', M(id, 'metadata'))

    expect([upsert.status, key.status, put.status]).toEqual([204, 200, 204])
    expect([patch.status, del.status, map.status]).toEqual([204, 204, 200])
    expect(put.body).toBeUndefined()
  })

  test('metadata answers 412 for a stale machine_version, 400 for bad input and 404 for a missing key', async () => {
    const id = ids[0]!
    const statuses = [
      await call('PUT', M(id, 'metadata'), {
        body: {
          metadata: { a: '1' },
          machine_version: '01STALESTALESTALESTALESTAL'
        }
      }),
      await call('PATCH', M(id, 'metadata'), {
        body: {
          metadata: { a: '1' },
          machine_version: '01STALESTALESTALESTALESTAL'
        }
      }),
      await call('PUT', M(id, 'metadata'), { body: { metadata: 'x' } }),
      await call('POST', M(id, 'metadata/bad%20key'), { body: { value: 'v' } }),
      await call('POST', M(id, 'metadata/k'), { body: { value: 7 } }),
      await call('GET', M(id, 'metadata/nope'))
    ].map((r) => r.status)

    expect(statuses).toEqual([412, 412, 400, 400, 400, 404])
  })
})

describe('postgres', () => {
  const PG = '/v1/postgres/contract-pg'

  test('a cluster answers showPostgresClusterResponse and listPostgresDatabasesResponse; an unknown one is a 404', async () => {
    sim.control.createPostgresCluster({
      id: 'contract-pg',
      name: 'contract',
      region: 'sjc'
    })
    const attached = await call('POST', `${PG}/attachments`, {
      body: { app_name: APP }
    })
    const shown = await call('GET', PG)
    const dbs = await call('GET', `${PG}/databases`)
    const missing = await call('GET', '/v1/postgres/no-such-cluster')
    const noDbs = await call('GET', '/v1/postgres/no-such-cluster/databases')

    expect(attached.status).toBe(201)
    expect([shown.status, dbs.status]).toEqual([200, 200])
    expect([missing.status, noDbs.status]).toEqual([404, 404])
  })

  test('attachments answer createPostgresAttachmentResponse (201, 200 when attached) and 204 on detach; 404 and 422 otherwise', async () => {
    const again = await call('POST', `${PG}/attachments`, {
      body: { app_name: APP }
    })
    const statuses = [
      await call('POST', '/v1/postgres/no-such-cluster/attachments', {
        body: { app_name: APP }
      }),
      await call('POST', `${PG}/attachments`, {
        body: { app_name: 'no-such-app' }
      }),
      await call('POST', `${PG}/attachments`, { body: {} }),
      await call('DELETE', `${PG}/attachments/${APP}`),
      await call('DELETE', `${PG}/attachments/${APP}`),
      await call('DELETE', `${PG}/attachments/no-such-app`)
    ].map((r) => r.status)

    expect(again.status).toBe(200)
    expect(statuses).toEqual([404, 404, 422, 204, 404, 404])
  })
})

describe('auth, routing and rate limits', () => {
  test('a request without a token, or with a wrong one, is a 401 ErrorResponse', async () => {
    const none = await call('GET', `/v1/apps/${APP}/machines`, { token: null })
    const wrong = await call('GET', `/v1/apps/${APP}`, { token: 'fo1_wrong' })

    expect([none.status, wrong.status]).toEqual([401, 401])
    expect(typeof none.body.error).toBe('string')
  })

  test('an unknown path is a 404 and a wrong method a 405, both ErrorResponse', async () => {
    const unknown = await call('GET', '/v1/nothing/here')
    const method = await call('PUT', '/v1/apps')

    expect([unknown.status, method.status]).toEqual([404, 405])
  })

  test('a burst over the per-machine action rate is refused with a 429 ErrorResponse', async () => {
    sim.control.setRateLimits(true)
    const id = ids[4]!
    const statuses: number[] = []
    for (let i = 0; i < 4; i++) {
      statuses.push((await call('POST', M(id, 'cordon'))).status)
    }
    sim.control.setRateLimits(false)
    await call('POST', M(id, 'uncordon'))

    expect(statuses).toEqual([200, 200, 200, 429])
  })
})

describe('the contract', () => {
  test('every response flysim sent matches machines-openapi.json', () => {
    expect(checker.report()).toBe('')
  })

  test('every route flysim serves was validated in a 2xx', () => {
    const served = routeTemplates()
      .filter((r) => !r.template.startsWith('/v2'))
      .map((r) => `${r.method} ${r.template}`)
    const succeeded = checker.succeeded()

    expect(served.filter((r) => !succeeded.has(r))).toEqual([])
    console.log(
      `contract: ${checker.total()} responses validated, ` +
        `${checker.checked.size} distinct method+template+status combinations, ` +
        `${served.length} routes`
    )
  })
})
