import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { startSim, type Sim } from '../../src/sim/index.js'
import {
  api,
  drive,
  edge,
  machinePath,
  stateOf,
  waitFor,
  webConfig,
  type EdgeResponse
} from '../helpers/sim-client.js'

const APP = 'web'
const OTHER = 'api'
const RETRY_MS = 3_000
const REQUEST_ID = /^[0-9A-HJKMNP-TV-Z]{26}-([a-z]{3})$/

let sim: Sim
/** Machine ids of APP by region, two per region. */
let byRegion: Record<string, string[]>

beforeEach(async () => {
  sim = await startSim({
    clockScale: 0,
    rateLimits: false,
    regions: ['sjc', 'lhr', 'syd'],
    clientRegion: 'sjc',
    edgeRetryMs: RETRY_MS,
    apps: [
      { name: APP, machinesPerRegion: 2 },
      { name: OTHER, regions: ['lhr'] }
    ]
  })
  byRegion = {}
  for (const m of (await api(sim, 'GET', machinePath(APP))).body) {
    ;(byRegion[m.region] ??= []).push(m.id)
  }
})

afterEach(async () => {
  await sim.close()
})

/** many sends n requests one after another and returns the serving machines. */
async function many(
  n: number,
  headers: Record<string, string> = {},
  app = APP
): Promise<string[]> {
  const out: string[] = []
  for (let i = 0; i < n; i++) {
    const res = await edge(sim, app, '/', headers)
    expect(res.status).toBe(200)
    out.push(String(res.headers['x-fly-machine-id']))
  }
  return out
}

async function stop(id: string): Promise<void> {
  await api(sim, 'POST', machinePath(APP, id, 'stop'))
  await waitFor(sim, async () => (await stateOf(sim, APP, id)) === 'stopped')
}

/** forced sends a request that may wait on the virtual clock, and times it. */
async function forced(
  headers: Record<string, string>
): Promise<{ res: EdgeResponse; waited: number }> {
  const before = sim.control.clock.now()
  const res = await drive(sim, edge(sim, APP, '/', headers))
  return { res, waited: sim.control.clock.now() - before }
}

describe('hosts and request ids', () => {
  test('the Host header picks the app', async () => {
    // Arrange
    const apiMachines = (await api(sim, 'GET', machinePath(OTHER))).body.map(
      (m: any) => m.id
    )

    // Act
    const web = await edge(sim, APP, '/')
    const other = await edge(sim, OTHER, '/')

    // Assert
    expect(web.body.app).toBe(APP)
    expect(Object.values(byRegion).flat()).toContain(
      web.headers['x-fly-machine-id']
    )
    expect(other.body.app).toBe(OTHER)
    expect(apiMachines).toContain(other.headers['x-fly-machine-id'])
  })

  test('an unknown app is a 404', async () => {
    // Arrange
    const host = 'nope'

    // Act
    const res = await edge(sim, host, '/')

    // Assert
    expect(res.status).toBe(404)
  })

  test('every answer carries Fly-Request-Id ending in the edge region', async () => {
    // Arrange
    await stop(byRegion.syd![0]!)
    await stop(byRegion.syd![1]!)

    // Act
    const ok = await edge(sim, APP, '/')
    const missing = await edge(sim, 'nope', '/')
    const unavailable = (await forced({ 'fly-force-region': 'syd' })).res

    // Assert
    for (const res of [ok, missing, unavailable]) {
      expect(res.headers['fly-request-id']).toMatch(REQUEST_ID)
      expect(REQUEST_ID.exec(String(res.headers['fly-request-id']))![1]).toBe(
        'sjc'
      )
    }
    expect(unavailable.status).toBe(503)
  })

  test('a pristine service answers without Fly-Request-Id, Via or Server', async () => {
    // Arrange
    const config = webConfig('registry.fly.io/quiet:v1')
    config.services[0].ports[0].http_options = { response: { pristine: true } }
    await sim.control.createApp({ name: 'quiet', regions: ['sjc'], config })

    // Act
    const res = await edge(sim, 'quiet', '/')

    // Assert
    expect(res.status).toBe(200)
    expect(res.headers).not.toHaveProperty('fly-request-id')
    expect(res.headers).not.toHaveProperty('via')
    expect(res.headers).not.toHaveProperty('server')
  })

  test('the app sees Fly-Region naming the edge, not the machine', async () => {
    // Arrange
    const headers = { 'fly-force-region': 'syd' }

    // Act
    const res = await edge(sim, APP, '/', headers)

    // Assert
    expect(res.body.region).toBe('syd')
    expect(res.body.headers['fly-region']).toBe('sjc')
    expect(res.body.headers['fly-request-id']).toBe(
      res.headers['fly-request-id']
    )
  })
})

describe('nearest region', () => {
  test('requests go to the region nearest the client', async () => {
    // Arrange
    const expected = new Set(byRegion.sjc)

    // Act
    const served = await many(10)

    // Assert
    expect(served.every((id) => expected.has(id))).toBe(true)
  })

  test('a client elsewhere is served from its nearest region', async () => {
    // Arrange
    await sim.close()
    sim = await startSim({
      clockScale: 0,
      rateLimits: false,
      regions: ['sjc', 'lhr', 'syd'],
      clientRegion: 'ams',
      apps: [{ name: APP }]
    })

    // Act
    const res = await edge(sim, APP, '/')

    // Assert
    expect(res.body.region).toBe('lhr')
    expect(res.headers['fly-request-id']).toMatch(/-ams$/)
  })
})

describe('fly-force-instance-id', () => {
  test('serves only that machine', async () => {
    // Arrange
    const target = byRegion.syd![1]!

    // Act
    const served = await many(8, { 'fly-force-instance-id': target })

    // Assert
    expect(new Set(served)).toEqual(new Set([target]))
  })

  test('a stopped machine is a 503 after the retry window, never another machine', async () => {
    // Arrange
    const target = byRegion.sjc![0]!
    await stop(target)

    // Act
    const { res, waited } = await forced({ 'fly-force-instance-id': target })

    // Assert
    expect(res.status).toBe(503)
    expect(res.headers['x-fly-machine-id']).toBeUndefined()
    expect(waited).toBeGreaterThanOrEqual(RETRY_MS)
  })

  test('a cordoned machine is a 503', async () => {
    // Arrange
    const target = byRegion.lhr![0]!
    await api(sim, 'POST', machinePath(APP, target, 'cordon'))

    // Act
    const { res } = await forced({ 'fly-force-instance-id': target })

    // Assert
    expect(res.status).toBe(503)
  })

  test('a machine failing its service check is a 503', async () => {
    // Arrange
    const target = byRegion.lhr![0]!
    sim.control.setMachineBehavior(target, { health: 'failing' })
    await sim.control.advance('5s')

    // Act
    const { res } = await forced({ 'fly-force-instance-id': target })

    // Assert
    expect(res.status).toBe(503)
  })

  test('a machine that becomes healthy within the window is served', async () => {
    // Arrange
    const target = byRegion.sjc![0]!
    await api(sim, 'POST', machinePath(APP, target, 'restart'))

    // Act
    const { res, waited } = await forced({ 'fly-force-instance-id': target })

    // Assert
    expect(res.status).toBe(200)
    expect(res.headers['x-fly-machine-id']).toBe(target)
    expect(waited).toBeGreaterThan(0)
    expect(waited).toBeLessThan(RETRY_MS)
  })
})

describe('fly-force-region', () => {
  test('serves only that region', async () => {
    // Arrange
    const expected = new Set(byRegion.syd)

    // Act
    const served = await many(8, { 'fly-force-region': 'syd' })

    // Assert
    expect(served.every((id) => expected.has(id))).toBe(true)
  })

  test('a list of regions serves from them only', async () => {
    // Arrange
    const expected = new Set([...byRegion.syd!, ...byRegion.lhr!])

    // Act
    const served = await many(8, { 'fly-force-region': 'syd,lhr' })

    // Assert
    expect(served.every((id) => expected.has(id))).toBe(true)
  })

  test('a region without healthy machines is a 503, no fallback', async () => {
    // Arrange
    await stop(byRegion.syd![0]!)
    await stop(byRegion.syd![1]!)

    // Act
    const { res, waited } = await forced({ 'fly-force-region': 'syd' })

    // Assert
    expect(res.status).toBe(503)
    expect(waited).toBeGreaterThanOrEqual(RETRY_MS)
  })
})

describe('fly-prefer-instance-id', () => {
  test('serves the preferred machine when it is healthy', async () => {
    // Arrange
    const target = byRegion.lhr![1]!

    // Act
    const res = await edge(sim, APP, '/', {
      'fly-prefer-instance-id': target
    })

    // Assert
    expect(res.headers['x-fly-machine-id']).toBe(target)
    expect(res.body.headers).not.toHaveProperty(
      'fly-preferred-instance-unavailable'
    )
  })

  test('falls back and tells the app which machine was unavailable', async () => {
    // Arrange
    const target = byRegion.sjc![0]!
    await stop(target)

    // Act
    const res = await edge(sim, APP, '/', {
      'fly-prefer-instance-id': target
    })

    // Assert
    expect(res.status).toBe(200)
    expect(res.headers['x-fly-machine-id']).not.toBe(target)
    expect(res.body.headers['fly-preferred-instance-unavailable']).toBe(target)
  })
})

describe('fly-prefer-region', () => {
  test('serves the preferred region when it is healthy', async () => {
    // Arrange
    const headers = { 'fly-prefer-region': 'syd' }

    // Act
    const res = await edge(sim, APP, '/', headers)

    // Assert
    expect(res.body.region).toBe('syd')
  })

  test('falls back to the nearest healthy region', async () => {
    // Arrange
    await stop(byRegion.syd![0]!)
    await stop(byRegion.syd![1]!)

    // Act
    const res = await edge(sim, APP, '/', { 'fly-prefer-region': 'syd' })

    // Assert
    expect(res.status).toBe(200)
    expect(res.body.region).toBe('sjc')
  })
})

describe('pool membership', () => {
  test('a cordoned machine receives no traffic until uncordoned', async () => {
    // Arrange
    const [cordoned, other] = byRegion.sjc!
    await api(sim, 'POST', machinePath(APP, cordoned, 'cordon'))

    // Act
    const during = await many(8)
    await api(sim, 'POST', machinePath(APP, cordoned, 'uncordon'))
    const after = await edge(sim, APP, '/', {
      'fly-force-instance-id': cordoned!
    })

    // Assert
    expect(new Set(during)).toEqual(new Set([other]))
    expect(after.status).toBe(200)
  })

  test('a machine failing its service check receives no traffic', async () => {
    // Arrange
    const [failing, other] = byRegion.sjc!
    sim.control.setMachineBehavior(failing!, { health: 'failing' })
    await sim.control.advance('5s')

    // Act
    const served = await many(8)

    // Assert
    expect(new Set(served)).toEqual(new Set([other]))
  })

  test('a failing informational top-level check keeps the machine in the pool', async () => {
    // Arrange
    const config = webConfig('registry.fly.io/gate:v1')
    config.checks = { side: { type: 'tcp', port: 7070, interval: '5s' } }
    await sim.control.createApp({ name: 'gate', regions: ['sjc'], config })

    // Act
    const res = await edge(sim, 'gate', '/')

    // Assert
    expect(res.status).toBe(200)
  })

  test('a failing readiness top-level check takes the machine out', async () => {
    // Arrange
    const config = webConfig('registry.fly.io/gate:v1')
    config.checks = {
      ready: { type: 'tcp', port: 7070, interval: '5s', kind: 'readiness' }
    }
    await sim.control.createApp({ name: 'gate', regions: ['sjc'], config })

    // Act
    const res = await edge(sim, 'gate', '/')

    // Assert
    expect(res.status).toBe(503)
  })

  test('a machine created with skip_service_registration receives no traffic', async () => {
    // Arrange
    await api(sim, 'POST', '/v1/apps', { name: 'green', org_slug: 'personal' })
    const created = await api(sim, 'POST', machinePath('green'), {
      config: webConfig('registry.fly.io/green:v1'),
      region: 'sjc',
      skip_service_registration: true
    })
    await waitFor(
      sim,
      async () =>
        (await api(sim, 'GET', machinePath('green', created.body.id))).body
          .checks.length > 0
    )

    // Act
    const res = await edge(sim, 'green', '/')

    // Assert
    expect(res.status).toBe(503)
  })

  test('a cut region leaves the edge, and forcing it is a 503', async () => {
    // Arrange
    sim.control.cutRegion('sjc')

    // Act
    const served = await many(4)
    const { res } = await forced({ 'fly-force-region': 'sjc' })

    // Assert
    expect(served.every((id) => byRegion.lhr!.includes(id))).toBe(true)
    expect(res.status).toBe(503)
  })
})
