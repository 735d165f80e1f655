import { createHash } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { startSim, type Sim } from '../../src/sim/index.js'
import {
  api,
  edge,
  healthy,
  machinePath,
  stateOf,
  waitFor,
  webConfig
} from '../helpers/sim-client.js'

const APP = 'lifecycle'
const IMAGE = 'registry.fly.io/lifecycle:deployment-1'
const IMAGE_2 = 'registry.fly.io/lifecycle:deployment-2'

let sim: Sim

beforeEach(async () => {
  sim = await startSim({ clockScale: 0, rateLimits: false })
  const created = await api(sim, 'POST', '/v1/apps', {
    name: APP,
    org_slug: 'personal'
  })
  expect(created.status).toBe(201)
})

afterEach(async () => {
  await sim.close()
})

async function create(
  body: Record<string, unknown> = {}
): Promise<Record<string, any>> {
  const res = await api(sim, 'POST', machinePath(APP), {
    config: webConfig(IMAGE),
    region: 'sjc',
    ...body
  })
  expect(res.status).toBe(200)
  return res.body
}

async function started(id: string): Promise<void> {
  await waitFor(sim, async () => (await stateOf(sim, APP, id)) === 'started', {
    what: `machine ${id} started`
  })
}

async function stopped(id: string): Promise<void> {
  await waitFor(sim, async () => (await stateOf(sim, APP, id)) === 'stopped', {
    what: `machine ${id} stopped`
  })
}

describe('create', () => {
  test('a new machine is created, then starting, then started', async () => {
    // Arrange
    const seen: string[] = []

    // Act
    const m = await create()
    seen.push(m.state, await stateOf(sim, APP, m.id))
    await sim.control.advance('1s')
    seen.push(await stateOf(sim, APP, m.id))

    // Assert
    expect(seen).toEqual(['created', 'starting', 'started'])
  })

  test('a started machine has a start event above its launch event', async () => {
    // Arrange
    const m = await create()

    // Act
    await started(m.id)
    const events = await api(sim, 'GET', machinePath(APP, m.id, 'events'))

    // Assert
    expect(events.body.map((e: any) => [e.type, e.status, e.source])).toEqual([
      ['start', 'started', 'flyd'],
      ['launch', 'created', 'user']
    ])
    expect(events.body[0].timestamp).toBeGreaterThanOrEqual(
      events.body[1].timestamp
    )
  })

  test('skip_launch leaves a new machine created', async () => {
    // Arrange
    const m = await create({ skip_launch: true })

    // Act
    await sim.control.advance('10s')

    // Assert
    expect(await stateOf(sim, APP, m.id)).toBe('created')
  })
})

describe('real-time clock', () => {
  test('at clock scale 200 a machine boots without advance()', async () => {
    // Arrange
    await sim.close()
    sim = await startSim({ clockScale: 200, rateLimits: false })
    await api(sim, 'POST', '/v1/apps', { name: APP, org_slug: 'personal' })
    const m = await create()

    // Act
    const res = await api(
      sim,
      'GET',
      machinePath(APP, m.id, 'wait') + '?state=started&timeout=30'
    )

    // Assert
    expect(res.status).toBe(200)
    expect(res.body.state).toBe('started')
  })
})

describe('update', () => {
  test('an update gives the machine a new instance_id and keeps the old version', async () => {
    // Arrange
    const m = await create()
    await started(m.id)

    // Act
    const updated = await api(sim, 'POST', machinePath(APP, m.id), {
      config: webConfig(IMAGE_2)
    })
    await started(m.id)
    const versions = await api(sim, 'GET', machinePath(APP, m.id, 'versions'))

    // Assert
    expect(updated.status).toBe(200)
    expect(updated.body.instance_id).not.toBe(m.instance_id)
    expect(versions.body.map((v: any) => v.version)).toEqual([
      updated.body.instance_id,
      m.instance_id
    ])
    expect(versions.body[1].user_config.image).toBe(IMAGE)
    expect(versions.body[0].user_config.image).toBe(IMAGE_2)
  })

  test('an update reboots a started machine onto the new image', async () => {
    // Arrange
    const m = await create()
    await started(m.id)

    // Act
    const updated = await api(sim, 'POST', machinePath(APP, m.id), {
      config: webConfig(IMAGE_2)
    })
    await started(m.id)
    const now = await api(sim, 'GET', machinePath(APP, m.id))

    // Assert
    expect(updated.body.state).toBe('replacing')
    expect(now.body.config.image).toBe(IMAGE_2)
    expect(now.body.image_ref.digest).not.toBe(m.image_ref.digest)
    expect(now.body.events[0]).toMatchObject({ type: 'start' })
  })

  test('an update without skip_launch starts a stopped machine', async () => {
    // Arrange
    const m = await create()
    await started(m.id)
    await api(sim, 'POST', machinePath(APP, m.id, 'stop'))
    await stopped(m.id)

    // Act
    const updated = await api(sim, 'POST', machinePath(APP, m.id), {
      config: webConfig(IMAGE_2)
    })
    await started(m.id)
    const now = await api(sim, 'GET', machinePath(APP, m.id))

    // Assert
    expect(updated.status).toBe(200)
    expect(now.body.instance_id).toBe(updated.body.instance_id)
  })

  test('skip_launch keeps a stopped machine stopped and gives it a new version', async () => {
    // Arrange
    const m = await create()
    await started(m.id)
    await api(sim, 'POST', machinePath(APP, m.id, 'stop'))
    await stopped(m.id)

    // Act
    const updated = await api(sim, 'POST', machinePath(APP, m.id), {
      config: webConfig(IMAGE_2),
      skip_launch: true
    })
    await sim.control.advance('10s')
    const now = await api(sim, 'GET', machinePath(APP, m.id))

    // Assert
    expect(updated.status).toBe(200)
    expect(now.body.state).toBe('stopped')
    expect(now.body.instance_id).toBe(updated.body.instance_id)
    expect(now.body.instance_id).not.toBe(m.instance_id)
    expect(now.body.config.image).toBe(IMAGE_2)
  })

  test('posting an old user_config back makes a new version equal to the old one', async () => {
    // Arrange
    const m = await create()
    await started(m.id)
    await api(sim, 'POST', machinePath(APP, m.id), {
      config: webConfig(IMAGE_2)
    })
    const versions = await api(sim, 'GET', machinePath(APP, m.id, 'versions'))
    const old = versions.body.find((v: any) => v.version === m.instance_id)

    // Act
    const rolledBack = await api(sim, 'POST', machinePath(APP, m.id), {
      config: old.user_config
    })
    const after = await api(sim, 'GET', machinePath(APP, m.id, 'versions'))

    // Assert
    expect(rolledBack.body.instance_id).not.toBe(m.instance_id)
    expect(after.body).toHaveLength(3)
    expect(after.body[0].user_config).toEqual(old.user_config)
    expect(rolledBack.body.image_ref.digest).toBe(m.image_ref.digest)
  })

  test('an update is a POST: PUT is not allowed and paths need /v1', async () => {
    // Arrange
    const m = await create()

    // Act
    const put = await api(sim, 'PUT', machinePath(APP, m.id), {
      config: webConfig(IMAGE_2)
    })
    const unversioned = await api(sim, 'GET', `/apps/${APP}/machines/${m.id}`)

    // Assert
    expect(put.status).toBe(405)
    expect(unversioned.status).toBe(404)
    expect(
      (await api(sim, 'GET', machinePath(APP, m.id))).body.config.image
    ).toBe(IMAGE)
  })

  test('current_version other than the latest instance_id is refused', async () => {
    // Arrange
    const m = await create()
    await started(m.id)
    await api(sim, 'POST', machinePath(APP, m.id), {
      config: webConfig(IMAGE_2)
    })

    // Act
    const res = await api(sim, 'POST', machinePath(APP, m.id), {
      config: webConfig(IMAGE),
      current_version: m.instance_id
    })

    // Assert
    expect(res.status).toBe(412)
  })
})

describe('stop, start, restart, suspend', () => {
  test('stop ends in stopped with a requested-stop exit event', async () => {
    // Arrange
    const m = await create()
    await started(m.id)

    // Act
    const res = await api(sim, 'POST', machinePath(APP, m.id, 'stop'), {
      signal: 'SIGTERM',
      timeout: '1s'
    })
    await stopped(m.id)
    const events = await api(sim, 'GET', machinePath(APP, m.id, 'events'))

    // Assert
    expect(res.status).toBe(200)
    expect(events.body[0]).toMatchObject({
      type: 'exit',
      request: { exit_event: { requested_stop: true, restarting: false } }
    })
    expect(events.body[1]).toMatchObject({ type: 'stop', source: 'user' })
  })

  test('start brings a stopped machine back on the same version', async () => {
    // Arrange
    const m = await create()
    await started(m.id)
    await api(sim, 'POST', machinePath(APP, m.id, 'stop'))
    await stopped(m.id)

    // Act
    const res = await api(sim, 'POST', machinePath(APP, m.id, 'start'))
    await started(m.id)
    const now = await api(sim, 'GET', machinePath(APP, m.id))

    // Assert
    expect(res.status).toBe(200)
    expect(res.body.previous_state).toBe('stopped')
    expect(now.body.instance_id).toBe(m.instance_id)
  })

  test('start on a started machine is refused', async () => {
    // Arrange
    const m = await create()
    await started(m.id)

    // Act
    const res = await api(sim, 'POST', machinePath(APP, m.id, 'start'))

    // Assert
    expect(res.status).toBe(412)
    expect(res.body.error).toMatch(/unable to start machine/)
  })

  test('restart boots the same version again', async () => {
    // Arrange
    const m = await create()
    await started(m.id)

    // Act
    const res = await api(sim, 'POST', machinePath(APP, m.id, 'restart'))
    const during = await stateOf(sim, APP, m.id)
    await started(m.id)
    const now = await api(sim, 'GET', machinePath(APP, m.id))

    // Assert
    expect(res.status).toBe(200)
    expect(during).toBe('starting')
    expect(now.body.instance_id).toBe(m.instance_id)
    expect(now.body.events.map((e: any) => e.type).slice(0, 3)).toEqual([
      'start',
      'restart',
      'exit'
    ])
  })

  test('suspend ends in suspended and start resumes', async () => {
    // Arrange
    const m = await create()
    await started(m.id)

    // Act
    const res = await api(sim, 'POST', machinePath(APP, m.id, 'suspend'))
    await waitFor(
      sim,
      async () => (await stateOf(sim, APP, m.id)) === 'suspended'
    )
    await api(sim, 'POST', machinePath(APP, m.id, 'start'))
    await started(m.id)

    // Assert
    expect(res.status).toBe(200)
    expect(await stateOf(sim, APP, m.id)).toBe('started')
  })
})

describe('destroy', () => {
  test('destroying a started machine needs force', async () => {
    // Arrange
    const m = await create()
    await started(m.id)

    // Act
    const refused = await api(sim, 'DELETE', machinePath(APP, m.id))
    const forced = await api(
      sim,
      'DELETE',
      machinePath(APP, m.id) + '?force=true'
    )
    await waitFor(
      sim,
      async () => (await stateOf(sim, APP, m.id)) === 'destroyed'
    )

    // Assert
    expect(refused.status).toBe(412)
    expect(forced.status).toBe(200)
  })

  test('a stopped machine is destroyed without force', async () => {
    // Arrange
    const m = await create({ skip_launch: true })

    // Act
    const res = await api(sim, 'DELETE', machinePath(APP, m.id))
    await sim.control.advance('1s')

    // Assert
    expect(res.status).toBe(200)
    expect(await stateOf(sim, APP, m.id)).toBe('destroyed')
  })

  test('a machine being destroyed is still listed as destroying', async () => {
    // Arrange
    const m = await create()
    await started(m.id)

    // Act
    await api(sim, 'DELETE', machinePath(APP, m.id) + '?force=true')
    const list = await api(sim, 'GET', machinePath(APP))

    // Assert
    expect(list.body.map((x: any) => [x.id, x.state])).toEqual([
      [m.id, 'destroying']
    ])
  })

  test('destroyed machines leave the list unless include_deleted', async () => {
    // Arrange
    const keep = await create({ skip_launch: true })
    const gone = await create({ skip_launch: true })
    await api(sim, 'DELETE', machinePath(APP, gone.id))
    await sim.control.advance('1s')

    // Act
    const list = await api(sim, 'GET', machinePath(APP))
    const all = await api(
      sim,
      'GET',
      machinePath(APP) + '?include_deleted=true'
    )

    // Assert
    expect(list.body.map((m: any) => m.id)).toEqual([keep.id])
    expect(all.body.map((m: any) => [m.id, m.state])).toEqual([
      [keep.id, 'created'],
      [gone.id, 'destroyed']
    ])
  })
})

describe('list', () => {
  async function world(): Promise<Record<string, string>> {
    const a = await create({
      skip_launch: true,
      region: 'sjc',
      config: webConfig(IMAGE, { metadata: { tier: 'web', team: 'a' } })
    })
    const b = await create({
      region: 'lhr',
      config: webConfig(IMAGE, { metadata: { tier: 'web', team: 'b' } })
    })
    const c = await create({
      region: 'sjc',
      config: webConfig(IMAGE, { metadata: { tier: 'worker', team: 'a' } })
    })
    await started(b.id)
    await started(c.id)
    return { a: a.id, b: b.id, c: c.id }
  }
  const ids = async (query: string): Promise<string[]> =>
    (await api(sim, 'GET', machinePath(APP) + query)).body
      .map((m: any) => m.id)
      .sort()

  test('region filters by region', async () => {
    // Arrange
    const m = await world()

    // Act
    const got = await ids('?region=sjc')

    // Assert
    expect(got).toEqual([m.a, m.c].sort())
  })

  test('state filters by a comma list of states', async () => {
    // Arrange
    const m = await world()

    // Act
    const created = await ids('?state=created')
    const both = await ids('?state=created,started')

    // Assert
    expect(created).toEqual([m.a])
    expect(both).toEqual([m.a, m.b, m.c].sort())
  })

  test('metadata filters are ANDed', async () => {
    // Arrange
    const m = await world()

    // Act
    const web = await ids('?metadata.tier=web')
    const webA = await ids('?metadata.tier=web&metadata.team=a')

    // Assert
    expect(web).toEqual([m.a, m.b].sort())
    expect(webA).toEqual([m.a])
  })

  test('summary leaves out config, checks, events and host_status', async () => {
    // Arrange
    await world()

    // Act
    const list = await api(sim, 'GET', machinePath(APP) + '?summary=true')

    // Assert
    for (const m of list.body) {
      expect(m).not.toHaveProperty('config')
      expect(m).not.toHaveProperty('checks')
      expect(m).not.toHaveProperty('events')
      expect(m).not.toHaveProperty('host_status')
      expect(m).toHaveProperty('instance_id')
      expect(m).toHaveProperty('image_ref')
    }
  })
})

describe('machine environment', () => {
  const sha = (v: string): string =>
    createHash('sha256').update(v).digest('hex')

  test('a machine sees Fly variables and the secrets it was launched with', async () => {
    // Arrange
    const secrets = await api(sim, 'POST', `/v1/apps/${APP}/secrets`, {
      values: { DATABASE_URL: 'postgres://db/app' }
    })
    const m = await create({ min_secrets_version: secrets.body.version })
    await healthy(sim, APP, m.id)

    // Act
    const res = await edge(sim, APP, '/.flysim/env', {
      'fly-force-instance-id': m.id
    })

    // Assert
    expect(res.status).toBe(200)
    expect(res.headers['x-fly-machine-id']).toBe(m.id)
    expect(res.body.env).toMatchObject({
      FLY_APP_NAME: sha(APP),
      FLY_MACHINE_ID: sha(m.id),
      FLY_REGION: sha('sjc'),
      FLY_MACHINE_VERSION: sha(m.instance_id),
      FLY_IMAGE_REF: sha(IMAGE),
      FLY_PROCESS_GROUP: sha('app'),
      DATABASE_URL: sha('postgres://db/app')
    })
  })

  test('a secret set after a machine started does not reach it', async () => {
    // Arrange
    const m = await create()
    await healthy(sim, APP, m.id)
    await api(sim, 'POST', `/v1/apps/${APP}/secrets`, {
      values: { LATE: 'value' }
    })

    // Act
    const res = await edge(sim, APP, '/.flysim/env', {
      'fly-force-instance-id': m.id
    })

    // Assert
    expect(res.status).toBe(200)
    expect(res.body.env).not.toHaveProperty('LATE')
  })
})
