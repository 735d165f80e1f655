import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { startSim, type Sim } from '../../src/sim/index.js'
import { api, machinePath, waitFor, webConfig } from '../helpers/sim-client.js'

const APP = 'stateful'
const IMAGE = 'registry.fly.io/stateful:deployment-1'

let sim: Sim
let machine: Record<string, any>

beforeEach(async () => {
  sim = await startSim({
    clockScale: 0,
    rateLimits: false,
    regions: ['sjc', 'lhr'],
    clientRegion: 'lhr',
    apps: [{ name: APP, regions: ['sjc'], image: IMAGE }]
  })
  machine = (await api(sim, 'GET', machinePath(APP))).body[0]
})

afterEach(async () => {
  await sim.close()
})

const meta = (rest = ''): string =>
  machinePath(APP, machine.id, 'metadata' + rest)

async function current(): Promise<Record<string, any>> {
  return (await api(sim, 'GET', machinePath(APP, machine.id))).body
}

describe('metadata', () => {
  test('setting a key edits config.metadata without a new version', async () => {
    // Arrange
    const before = await api(
      sim,
      'GET',
      machinePath(APP, machine.id, 'versions')
    )

    // Act
    const set = await api(sim, 'POST', meta('/flyrollout_wave'), { value: '2' })
    const after = await current()
    const versions = await api(
      sim,
      'GET',
      machinePath(APP, machine.id, 'versions')
    )

    // Assert
    expect(set.status).toBe(204)
    expect(after.config.metadata.flyrollout_wave).toBe('2')
    expect(after.instance_id).toBe(machine.instance_id)
    expect(versions.body).toHaveLength(before.body.length)
  })

  test('GET reads the map and single keys; a missing key is a 404', async () => {
    // Arrange
    await api(sim, 'POST', meta('/owner'), { value: 'team-a' })

    // Act
    const all = await api(sim, 'GET', meta())
    const one = await api(sim, 'GET', meta('/owner'))
    const missing = await api(sim, 'GET', meta('/nope'))

    // Assert
    expect(all.body).toMatchObject({
      owner: 'team-a',
      fly_process_group: 'app'
    })
    expect(one.body).toEqual({ value: 'team-a' })
    expect(missing.status).toBe(404)
  })

  test('DELETE removes a key', async () => {
    // Arrange
    await api(sim, 'POST', meta('/owner'), { value: 'team-a' })

    // Act
    const res = await api(sim, 'DELETE', meta('/owner'))

    // Assert
    expect(res.status).toBe(204)
    expect((await current()).config.metadata).not.toHaveProperty('owner')
  })

  test('PUT sets keys and removes those given null or ""', async () => {
    // Arrange
    await api(sim, 'POST', meta('/a'), { value: '1' })
    await api(sim, 'POST', meta('/b'), { value: '2' })

    // Act
    const res = await api(sim, 'PUT', meta(), {
      metadata: { a: null, b: '', c: '3' },
      machine_version: machine.instance_id
    })
    const after = await current()

    // Assert
    expect(res.status).toBe(204)
    expect(after.config.metadata).not.toHaveProperty('a')
    expect(after.config.metadata).not.toHaveProperty('b')
    expect(after.config.metadata.c).toBe('3')
    expect(after.config.metadata.fly_platform_version).toBe('v2')
    expect(after.instance_id).toBe(machine.instance_id)
  })

  test('PUT with a stale machine_version is a 412', async () => {
    // Arrange
    const config = (await current()).config
    await api(sim, 'POST', machinePath(APP, machine.id), { config })

    // Act
    const res = await api(sim, 'PUT', meta(), {
      metadata: { c: '3' },
      machine_version: machine.instance_id
    })

    // Assert
    expect(res.status).toBe(412)
    expect(res.body.error).toEqual(expect.any(String))
    expect((await current()).config.metadata).not.toHaveProperty('c')
  })

  test('PATCH behaves as PUT', async () => {
    // Arrange
    const body = { metadata: { d: '4' }, machine_version: machine.instance_id }

    // Act
    const res = await api(sim, 'PATCH', meta(), body)

    // Assert
    expect(res.status).toBe(204)
    expect((await current()).config.metadata.d).toBe('4')
  })

  test('an update replaces metadata with what its config carries', async () => {
    // Arrange
    await api(sim, 'POST', meta('/owner'), { value: 'team-a' })
    const config = webConfig(IMAGE)

    // Act
    await api(sim, 'POST', machinePath(APP, machine.id), { config })
    const after = await current()

    // Assert
    expect(after.config.metadata).not.toHaveProperty('owner')
  })
})

describe('secrets', () => {
  const secrets = `/v1/apps/${APP}/secrets`

  test('a bulk set returns the new version and its deprecated twin', async () => {
    // Arrange
    const before = (await api(sim, 'POST', secrets, { values: { A: '1' } }))
      .body.version

    // Act
    const res = await api(sim, 'POST', secrets, {
      values: { B: '2', C: '3' }
    })

    // Assert
    expect(res.status).toBe(200)
    expect(res.body.version).toBe(before + 1)
    expect(res.body.Version).toBe(res.body.version)
    expect(res.body.secrets.map((s: any) => s.name)).toEqual(['A', 'B', 'C'])
  })

  test('the list shows names and digests but no values', async () => {
    // Arrange
    await api(sim, 'POST', secrets, { values: { TOKEN: 'hunter2' } })

    // Act
    const res = await api(sim, 'GET', secrets)

    // Assert
    expect(res.body.secrets).toEqual([
      {
        name: 'TOKEN',
        digest: expect.any(String),
        created_at: expect.any(String),
        updated_at: expect.any(String)
      }
    ])
    expect(JSON.stringify(res.body)).not.toContain('hunter2')
  })

  test('show_secrets reveals values', async () => {
    // Arrange
    await api(sim, 'POST', secrets, { values: { TOKEN: 'hunter2' } })

    // Act
    const res = await api(sim, 'GET', secrets + '?show_secrets=true')

    // Assert
    expect(res.body.secrets[0].value).toBe('hunter2')
  })

  test('null unsets a secret and makes a new version', async () => {
    // Arrange
    const set = await api(sim, 'POST', secrets, { values: { A: '1', B: '2' } })

    // Act
    const res = await api(sim, 'POST', secrets, { values: { A: null } })

    // Assert
    expect(res.body.version).toBe(set.body.version + 1)
    expect(res.body.secrets.map((s: any) => s.name)).toEqual(['B'])
  })

  test('single-secret endpoints set, read and delete with versions', async () => {
    // Arrange
    const path = `${secrets}/API_KEY`

    // Act
    const created = await api(sim, 'POST', path, { value: 'k1' })
    const read = await api(sim, 'GET', path)
    const deleted = await api(sim, 'DELETE', path)
    const gone = await api(sim, 'GET', path)

    // Assert
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ name: 'API_KEY', version: 1 })
    expect(read.body).toMatchObject({ name: 'API_KEY' })
    expect(read.body).not.toHaveProperty('value')
    expect(deleted.status).toBe(200)
    expect(deleted.body.version).toBe(2)
    expect(gone.status).toBe(404)
  })

  test('min_secrets_version newer than the app has is a 400', async () => {
    // Arrange
    const set = await api(sim, 'POST', secrets, { values: { A: '1' } })
    const config = webConfig(IMAGE)

    // Act
    const create = await api(sim, 'POST', machinePath(APP), {
      config,
      region: 'sjc',
      min_secrets_version: set.body.version + 1
    })
    const update = await api(sim, 'POST', machinePath(APP, machine.id), {
      config,
      min_secrets_version: set.body.version + 1
    })
    const ok = await api(sim, 'POST', machinePath(APP, machine.id), {
      config,
      min_secrets_version: set.body.version
    })

    // Assert
    expect(create.status).toBe(400)
    expect(update.status).toBe(400)
    expect(ok.status).toBe(200)
  })
})

describe('volumes', () => {
  const volumes = `/v1/apps/${APP}/volumes`

  async function createVolume(region = 'sjc'): Promise<Record<string, any>> {
    const res = await api(sim, 'POST', volumes, {
      name: 'data',
      region,
      size_gb: 1
    })
    expect(res.status).toBe(200)
    return res.body
  }

  function withMount(volumeId: string): Record<string, any> {
    return {
      ...webConfig(IMAGE),
      mounts: [{ volume: volumeId, path: '/data' }]
    }
  }

  test('create, list, get and delete a volume', async () => {
    // Arrange
    const v = await createVolume()

    // Act
    const listed = await api(sim, 'GET', volumes)
    const got = await api(sim, 'GET', `${volumes}/${v.id}`)
    const deleted = await api(sim, 'DELETE', `${volumes}/${v.id}`)
    const after = await api(sim, 'GET', volumes)
    const gone = await api(sim, 'GET', `${volumes}/${v.id}`)

    // Assert
    expect(v).toMatchObject({ name: 'data', region: 'sjc', size_gb: 1 })
    expect(listed.body.map((x: any) => x.id)).toEqual([v.id])
    expect(got.body.id).toBe(v.id)
    expect(deleted.status).toBe(200)
    expect(after.body).toEqual([])
    expect(gone.status).toBe(404)
  })

  test('a mount attaches the volume, and it stays attached across an update', async () => {
    // Arrange
    const v = await createVolume()
    const created = await api(sim, 'POST', machinePath(APP), {
      config: withMount(v.id),
      region: 'sjc'
    })

    // Act
    const attached = await api(sim, 'GET', `${volumes}/${v.id}`)
    await api(sim, 'POST', machinePath(APP, created.body.id), {
      config: { ...withMount(v.id), image: 'registry.fly.io/stateful:v2' }
    })
    const afterUpdate = await api(sim, 'GET', `${volumes}/${v.id}`)

    // Assert
    expect(attached.body.attached_machine_id).toBe(created.body.id)
    expect(afterUpdate.body.attached_machine_id).toBe(created.body.id)
  })

  test('a volume attached to a live machine cannot be deleted', async () => {
    // Arrange
    const v = await createVolume()
    const created = await api(sim, 'POST', machinePath(APP), {
      config: withMount(v.id),
      region: 'sjc'
    })

    // Act
    const refused = await api(sim, 'DELETE', `${volumes}/${v.id}`)
    await api(sim, 'DELETE', machinePath(APP, created.body.id) + '?force=true')
    await waitFor(
      sim,
      async () =>
        (await api(sim, 'GET', machinePath(APP, created.body.id))).body
          .state === 'destroyed'
    )
    const allowed = await api(sim, 'DELETE', `${volumes}/${v.id}`)

    // Assert
    expect(refused.status).toBeGreaterThanOrEqual(400)
    expect(refused.body.error).toMatch(/attached/)
    expect(allowed.status).toBe(200)
  })

  test('a volume in another region cannot be mounted', async () => {
    // Arrange
    const v = await createVolume('lhr')

    // Act
    const res = await api(sim, 'POST', machinePath(APP), {
      config: withMount(v.id),
      region: 'sjc'
    })

    // Assert
    expect(res.status).toBe(400)
  })
})

describe('ip assignments', () => {
  const ips = `/v1/apps/${APP}/ip_assignments`

  test('assign, list and release an IP', async () => {
    // Arrange
    const body = { type: 'shared_v4' }

    // Act
    const assigned = await api(sim, 'POST', ips, body)
    const listed = await api(sim, 'GET', ips)
    const released = await api(
      sim,
      'DELETE',
      `${ips}/${encodeURIComponent(assigned.body.ip)}`
    )
    const after = await api(sim, 'GET', ips)

    // Assert
    expect(assigned.status).toBe(200)
    expect(assigned.body).toMatchObject({
      ip: expect.any(String),
      shared: true,
      created_at: expect.any(String)
    })
    expect(listed.body.ips.map((i: any) => i.ip)).toEqual([assigned.body.ip])
    expect(released.status).toBe(204)
    expect(after.body.ips).toEqual([])
  })

  test('an unknown IP type is a 400', async () => {
    // Arrange
    const body = { type: 'v5' }

    // Act
    const res = await api(sim, 'POST', ips, body)

    // Assert
    expect(res.status).toBe(400)
  })
})

describe('platform regions', () => {
  test("lists Fly's region codes and the nearest region", async () => {
    // Arrange
    const path = '/v1/platform/regions'

    // Act
    const res = await api(sim, 'GET', path)

    // Assert
    expect(res.status).toBe(200)
    expect(res.body.nearest).toBe('lhr')
    const codes = res.body.regions.map((r: any) => r.code)
    expect(codes).toEqual(
      expect.arrayContaining(['ams', 'iad', 'lhr', 'nrt', 'sjc', 'syd'])
    )
    expect(codes).not.toContain('sfo')
    expect(res.body.regions[0]).toMatchObject({
      code: expect.any(String),
      name: expect.any(String),
      geo_region: expect.any(String),
      deprecated: expect.any(Boolean),
      requires_paid_plan: expect.any(Boolean)
    })
  })
})

describe('apps', () => {
  test('create answers 201 and the app is listed under its org', async () => {
    // Arrange
    const body = { name: 'fresh', org_slug: 'personal' }

    // Act
    const created = await api(sim, 'POST', '/v1/apps', body)
    const listed = await api(sim, 'GET', '/v1/apps?org_slug=personal')
    const shown = await api(sim, 'GET', '/v1/apps/fresh')

    // Assert
    expect(created.status).toBe(201)
    expect(listed.body.apps.map((a: any) => a.name).sort()).toEqual(
      ['fresh', APP].sort()
    )
    expect(listed.body.total_apps).toBe(2)
    expect(shown.body).toMatchObject({
      name: 'fresh',
      machine_count: 0,
      organization: { slug: 'personal' }
    })
  })

  test('a taken name is a 422 name_taken', async () => {
    // Arrange
    const body = { name: APP, org_slug: 'personal' }

    // Act
    const res = await api(sim, 'POST', '/v1/apps', body)

    // Assert
    expect(res.status).toBe(422)
    expect(res.body.status).toBe('name_taken')
  })

  test('the list is filtered by org_slug, which is required', async () => {
    // Arrange
    await sim.control.createApp({
      name: 'other-org',
      org: 'acme',
      regions: ['sjc']
    })

    // Act
    const acme = await api(sim, 'GET', '/v1/apps?org_slug=acme')
    const missing = await api(sim, 'GET', '/v1/apps')

    // Assert
    expect(acme.body.apps.map((a: any) => a.name)).toEqual(['other-org'])
    expect(missing.status).toBe(400)
  })

  test('delete answers 202 and the app is gone shortly after', async () => {
    // Arrange
    const path = `/v1/apps/${APP}`

    // Act
    const res = await api(sim, 'DELETE', path)
    await sim.control.advance('5s')
    const shown = await api(sim, 'GET', path)
    const machines = await api(sim, 'GET', machinePath(APP))

    // Assert
    expect(res.status).toBe(202)
    expect(shown.status).toBe(404)
    expect(machines.status).toBe(404)
  })
})
