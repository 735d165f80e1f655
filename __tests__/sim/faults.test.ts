import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { startSim, type Sim } from '../../src/sim/index.js'
import {
  api,
  drive,
  edge,
  machinePath,
  stateOf,
  waitFor,
  webConfig
} from '../helpers/sim-client.js'

const APP = 'faulty'
const IMAGE = 'registry.fly.io/faulty:deployment-1'
const IMAGE_2 = 'registry.fly.io/faulty:deployment-2'
const MACHINE_GLOB = '/v1/apps/*/machines/*'

let sim: Sim
/** One started, healthy machine per region. */
let ids: Record<string, string>

beforeEach(async () => {
  sim = await startSim({
    clockScale: 0,
    rateLimits: false,
    regions: ['sjc', 'lhr'],
    apps: [{ name: APP, image: IMAGE }]
  })
  ids = {}
  for (const m of (await api(sim, 'GET', machinePath(APP))).body) {
    ids[m.region] = m.id
  }
})

afterEach(async () => {
  await sim.close()
})

const update = (id: string, body: Record<string, unknown> = {}) =>
  api(sim, 'POST', machinePath(APP, id), {
    config: webConfig(IMAGE_2),
    ...body
  })

async function admin(
  method: string,
  path: string,
  body?: unknown
): Promise<{ status: number; body: any }> {
  const res = await fetch(sim.adminUrl + path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  return { status: res.status, body: await res.json() }
}

describe('request faults', () => {
  test('a status fault answers exactly the next N matching requests', async () => {
    // Arrange
    sim.control.failRequests({
      method: 'GET',
      path: MACHINE_GLOB,
      times: 2,
      status: 503
    })
    const path = machinePath(APP, ids.sjc)

    // Act
    const statuses: number[] = []
    for (let i = 0; i < 3; i++)
      statuses.push((await api(sim, 'GET', path)).status)

    // Assert
    expect(statuses).toEqual([503, 503, 200])
    expect(sim.control.faults()).toEqual([])
  })

  test('requests that do not match the method or path are untouched', async () => {
    // Arrange
    sim.control.failRequests({
      method: 'GET',
      path: MACHINE_GLOB,
      times: 1,
      status: 500
    })

    // Act
    const list = await api(sim, 'GET', machinePath(APP))
    const events = await api(sim, 'GET', machinePath(APP, ids.sjc, 'events'))
    const cordon = await api(sim, 'POST', machinePath(APP, ids.sjc, 'cordon'))
    const hit = await api(sim, 'GET', machinePath(APP, ids.sjc))

    // Assert
    expect([list.status, events.status, cordon.status]).toEqual([200, 200, 200])
    expect(hit.status).toBe(500)
    expect(hit.body).toEqual({ error: expect.any(String) })
  })

  test('a delay fault holds the answer for virtual time', async () => {
    // Arrange
    sim.control.failRequests({ path: MACHINE_GLOB, delay: '2s' })
    const before = sim.control.clock.now()

    // Act
    const res = await drive(sim, api(sim, 'GET', machinePath(APP, ids.sjc)))

    // Assert
    expect(res.status).toBe(200)
    expect(sim.control.clock.now() - before).toBeGreaterThanOrEqual(2_000)
  })

  test('a reset fault drops the connection once', async () => {
    // Arrange
    sim.control.failRequests({ path: MACHINE_GLOB, reset: true })
    const path = machinePath(APP, ids.sjc)

    // Act
    const first = api(sim, 'GET', path)
    await expect(first).rejects.toThrow()
    const second = await api(sim, 'GET', path)

    // Assert
    expect(second.status).toBe(200)
  })
})

describe('capacity', () => {
  test('an update in a full region is a 409 insufficient_capacity', async () => {
    // Arrange
    sim.control.refuseUpdates('sjc')

    // Act
    const res = await update(ids.sjc!)

    // Assert
    expect(res.status).toBe(409)
    expect(res.body.error).toMatch(/could not reserve resource for machine/)
    expect(res.body.status).toBe('insufficient_capacity')
  })

  test('a create in a full region is a 422 insufficient_capacity', async () => {
    // Arrange
    sim.control.refuseUpdates('sjc')

    // Act
    const res = await api(sim, 'POST', machinePath(APP), {
      config: webConfig(IMAGE),
      region: 'sjc'
    })

    // Assert
    expect(res.status).toBe(422)
    expect(res.body.status).toBe('insufficient_capacity')
  })

  test('other regions keep their capacity, and lifting the fault restores it', async () => {
    // Arrange
    sim.control.refuseUpdates('sjc')

    // Act
    const elsewhere = await update(ids.lhr!)
    sim.control.refuseUpdates('sjc', false)
    const lifted = await update(ids.sjc!)

    // Assert
    expect(elsewhere.status).toBe(200)
    expect(lifted.status).toBe(200)
  })

  test('a failed update leaves the machine on its old version', async () => {
    // Arrange
    const before = (await api(sim, 'GET', machinePath(APP, ids.sjc))).body
    sim.control.refuseUpdates('sjc')

    // Act
    await update(ids.sjc!)
    const after = (await api(sim, 'GET', machinePath(APP, ids.sjc))).body

    // Assert
    expect(after.instance_id).toBe(before.instance_id)
    expect(after.state).toBe('started')
  })
})

describe('unreachable host', () => {
  test('GET shows host_status and incomplete_config instead of config', async () => {
    // Arrange
    sim.control.setHostStatus(ids.sjc!, 'unreachable')

    // Act
    const res = await api(sim, 'GET', machinePath(APP, ids.sjc))

    // Assert
    expect(res.status).toBe(200)
    expect(res.body.host_status).toBe('unreachable')
    expect(res.body.incomplete_config).toMatchObject({ image: IMAGE })
    expect(res.body).not.toHaveProperty('config')
  })

  test('mutations on an unreachable host are a 503', async () => {
    // Arrange
    const id = ids.sjc!
    sim.control.setHostStatus(id, 'unreachable')

    // Act
    const statuses = [
      (await update(id)).status,
      (await api(sim, 'POST', machinePath(APP, id, 'stop'))).status,
      (await api(sim, 'POST', machinePath(APP, id, 'restart'))).status
    ]

    // Assert
    expect(statuses).toEqual([503, 503, 503])
  })
})

describe('platform faults', () => {
  test('pruneVersions keeps only the newest versions', async () => {
    // Arrange
    const id = ids.sjc!
    await update(id)
    const newest = (await update(id, { config: webConfig(IMAGE) })).body
    const all = await api(sim, 'GET', machinePath(APP, id, 'versions'))

    // Act
    sim.control.pruneVersions(id)
    const pruned = await api(sim, 'GET', machinePath(APP, id, 'versions'))

    // Assert
    expect(all.body).toHaveLength(3)
    expect(pruned.body.map((v: any) => v.version)).toEqual([newest.instance_id])
  })

  test('a slow boot override delays started', async () => {
    // Arrange
    const id = ids.sjc!
    sim.control.setMachineBehavior(id, { boot: '10s' })

    // Act
    await api(sim, 'POST', machinePath(APP, id, 'restart'))
    await sim.control.advance('9.9s')
    const slow = await stateOf(sim, APP, id)
    await sim.control.advance('0.1s')
    const up = await stateOf(sim, APP, id)

    // Assert
    expect(slow).toBe('starting')
    expect(up).toBe('started')
  })

  test('a flaky override makes checks flap', async () => {
    // Arrange
    const id = ids.sjc!
    sim.control.setMachineBehavior(id, { health: 'flaky:0.5' })
    const seen = new Set<string>()

    // Act
    for (let i = 0; i < 20; i++) {
      await sim.control.advance('5s')
      const m = (await api(sim, 'GET', machinePath(APP, id))).body
      seen.add(m.checks[0].status)
    }

    // Assert
    expect([...seen].sort()).toEqual(['critical', 'passing'])
  })

  test('clearFaults removes request, capacity, host and machine faults', async () => {
    // Arrange
    const id = ids.sjc!
    sim.control.failRequests({ path: '/v1/apps/*', status: 500, times: 5 })
    sim.control.refuseUpdates('sjc')
    sim.control.setHostStatus(ids.lhr!, 'unreachable')
    sim.control.setMachineBehavior(id, { boot: '1h' })
    sim.control.cutRegion('sjc')

    // Act
    sim.control.clearFaults()
    const updated = await update(id)
    await sim.control.advance('2s')
    const lhr = await api(sim, 'GET', machinePath(APP, ids.lhr))

    // Assert
    expect(sim.control.faults()).toEqual([])
    expect(updated.status).toBe(200)
    expect(await stateOf(sim, APP, id)).toBe('started')
    expect(lhr.body.host_status).toBe('ok')
  })
})

describe('admin HTTP API', () => {
  test('POST /faults with kind request fails the next matching requests', async () => {
    // Arrange
    const added = await admin('POST', '/faults', {
      kind: 'request',
      method: 'GET',
      path: MACHINE_GLOB,
      times: 1,
      status: 502
    })

    // Act
    const first = await api(sim, 'GET', machinePath(APP, ids.sjc))
    const second = await api(sim, 'GET', machinePath(APP, ids.sjc))

    // Assert
    expect(added.status).toBe(200)
    expect([first.status, second.status]).toEqual([502, 200])
  })

  test('POST /faults with kind capacity refuses updates in the region', async () => {
    // Arrange
    await admin('POST', '/faults', { kind: 'capacity', region: 'sjc' })

    // Act
    const res = await update(ids.sjc!)

    // Assert
    expect(res.status).toBe(409)
    expect(res.body.status).toBe('insufficient_capacity')
  })

  test('POST /faults with kind host makes the host unreachable', async () => {
    // Arrange
    await admin('POST', '/faults', {
      kind: 'host',
      machine: ids.sjc,
      status: 'unreachable'
    })

    // Act
    const res = await api(sim, 'GET', machinePath(APP, ids.sjc))

    // Assert
    expect(res.body.host_status).toBe('unreachable')
  })

  test('POST /faults with kind kill kills the process', async () => {
    // Arrange
    const body = { kind: 'kill', machine: ids.sjc, exitCode: 1 }

    // Act
    const res = await admin('POST', '/faults', body)
    const events = await api(sim, 'GET', machinePath(APP, ids.sjc, 'events'))

    // Assert
    expect(res.body).toEqual({ killed: true })
    expect(events.body[0]).toMatchObject({
      type: 'exit',
      request: { exit_event: { exit_code: 1, restarting: true } }
    })
  })

  test('POST /faults with kind prune-versions prunes versions', async () => {
    // Arrange
    await update(ids.sjc!)

    // Act
    await admin('POST', '/faults', { kind: 'prune-versions', machine: ids.sjc })
    const versions = await api(
      sim,
      'GET',
      machinePath(APP, ids.sjc, 'versions')
    )

    // Assert
    expect(versions.body).toHaveLength(1)
  })

  test('POST /faults with kind machine overrides one machine', async () => {
    // Arrange
    const body = { kind: 'machine', machine: ids.sjc, health: 'failing' }

    // Act
    await admin('POST', '/faults', body)
    await sim.control.advance('5s')
    const m = (await api(sim, 'GET', machinePath(APP, ids.sjc))).body

    // Assert
    expect(m.checks[0].status).toBe('critical')
  })

  test('POST /faults with kind cut-region takes the region off the edge', async () => {
    // Arrange
    const body = { kind: 'cut-region', region: 'sjc' }

    // Act
    await admin('POST', '/faults', body)
    const res = await edge(sim, APP, '/')

    // Assert
    expect(res.body.region).toBe('lhr')
  })

  test('POST /images gives an image its behaviour', async () => {
    // Arrange
    const ref = 'registry.fly.io/faulty:bad'
    const set = await admin('POST', '/images', { ref, health: 'failing' })

    // Act
    await update(ids.sjc!, { config: webConfig(ref) })
    await sim.control.advance('10s')
    const m = (await api(sim, 'GET', machinePath(APP, ids.sjc))).body

    // Assert
    expect(set.status).toBe(200)
    expect(set.body.digest).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(m.image_ref.digest).toBe(set.body.digest)
    expect(m.checks[0].status).toBe('critical')
  })

  test('POST /clock/advance moves the virtual clock', async () => {
    // Arrange
    const before = sim.control.clock.now()

    // Act
    const res = await admin('POST', '/clock/advance', { by: '90s' })

    // Assert
    expect(res.status).toBe(200)
    expect(res.body.now).toBe(before + 90_000)
  })

  test('GET and DELETE /faults list and clear faults', async () => {
    // Arrange
    await admin('POST', '/faults', {
      kind: 'request',
      path: MACHINE_GLOB,
      status: 500,
      times: 3
    })

    // Act
    const listed = await admin('GET', '/faults')
    const cleared = await admin('DELETE', '/faults')
    const after = await admin('GET', '/faults')

    // Assert
    expect(listed.body).toEqual([
      expect.objectContaining({ path: MACHINE_GLOB, remaining: 3 })
    ])
    expect(cleared.status).toBe(200)
    expect(after.body).toEqual([])
  })

  test('an unknown fault kind is a 400 naming the kinds', async () => {
    // Arrange
    const body = { kind: 'meteor' }

    // Act
    const res = await admin('POST', '/faults', body)

    // Assert
    expect(res.status).toBe(400)
    expect(res.body.error).toMatch(/unknown fault kind/)
  })
})

describe('edge faults', () => {
  test('a killed machine is out of the edge until it is healthy again', async () => {
    // Arrange
    const id = ids.sjc!
    sim.control.killMachine(id)

    // Act
    const during = await edge(sim, APP, '/')
    await waitFor(
      sim,
      async () =>
        (await api(sim, 'GET', machinePath(APP, id))).body.checks.length > 0
    )
    const after = await edge(sim, APP, '/')

    // Assert
    expect(during.body.region).toBe('lhr')
    expect(after.body.region).toBe('sjc')
  })
})
