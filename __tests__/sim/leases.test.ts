import { afterEach, describe, expect, test } from 'vitest'
import { startSim, type Sim } from '../../src/sim/index.js'
import { api, machinePath, webConfig } from '../helpers/sim-client.js'

const APP = 'leased'
const OWNER = 'deployer@example.com'

let sim: Sim

afterEach(async () => {
  await sim?.close()
})

async function setup(
  leaseShape: 'wrapped' | 'bare' = 'wrapped'
): Promise<string> {
  sim = await startSim({
    clockScale: 0,
    rateLimits: false,
    leaseShape,
    tokenOwner: OWNER,
    apps: [{ name: APP, regions: ['sjc'] }]
  })
  const list = await api(sim, 'GET', machinePath(APP))
  return list.body[0].id
}

const lease = (id: string, rest = ''): string =>
  machinePath(APP, id, 'lease') + rest

async function acquire(id: string, ttl = 30): Promise<Record<string, any>> {
  const res = await api(sim, 'POST', lease(id), { ttl })
  expect(res.status).toBe(201)
  return res.body.data
}

describe('acquire', () => {
  test('acquire answers 201 with the lease wrapped as fly-go reads it', async () => {
    // Arrange
    const id = await setup()
    const nowS = Math.floor(sim.control.clock.now() / 1000)

    // Act
    const res = await api(sim, 'POST', lease(id), {
      ttl: 13,
      description: 'rollout'
    })

    // Assert
    expect(res.status).toBe(201)
    expect(res.body.status).toBe('success')
    expect(res.body.data).toMatchObject({
      owner: OWNER,
      expires_at: nowS + 13,
      description: 'rollout'
    })
    expect(res.body.data.nonce).toMatch(/^\S+$/)
  })

  test('acquire answers the bare Lease under leaseShape bare', async () => {
    // Arrange
    const id = await setup('bare')

    // Act
    const res = await api(sim, 'POST', lease(id), { ttl: 13 })

    // Assert
    expect(res.status).toBe(201)
    expect(res.body).not.toHaveProperty('status')
    expect(res.body).toMatchObject({ owner: OWNER })
    expect(typeof res.body.nonce).toBe('string')
    expect(typeof res.body.expires_at).toBe('number')
  })

  test('the ttl query parameter fly-go sends is honoured', async () => {
    // Arrange
    const id = await setup()
    const nowS = Math.floor(sim.control.clock.now() / 1000)

    // Act
    const res = await api(sim, 'POST', lease(id, '?ttl=7'))

    // Assert
    expect(res.status).toBe(201)
    expect(res.body.data.expires_at).toBe(nowS + 7)
  })

  test('a second acquire without the nonce is a 409 naming the holder', async () => {
    // Arrange
    const id = await setup()
    await acquire(id)

    // Act
    const res = await api(sim, 'POST', lease(id), { ttl: 30 })

    // Assert
    expect(res.status).toBe(409)
    expect(JSON.stringify(res.body)).toMatch(
      new RegExp(`lease currently held by ${OWNER}`)
    )
  })

  test('acquire with the nonce refreshes the lease and extends expires_at', async () => {
    // Arrange
    const id = await setup()
    const first = await acquire(id, 13)
    await sim.control.advance('4s')

    // Act
    const res = await api(
      sim,
      'POST',
      lease(id),
      { ttl: 13 },
      {
        'fly-machine-lease-nonce': first.nonce
      }
    )

    // Assert
    expect(res.status).toBe(201)
    expect(res.body.data.nonce).toBe(first.nonce)
    expect(res.body.data.expires_at).toBe(first.expires_at + 4)
  })

  test('GET lease reads the current lease', async () => {
    // Arrange
    const id = await setup()
    const held = await acquire(id)

    // Act
    const res = await api(sim, 'GET', lease(id))

    // Assert
    expect(res.status).toBe(200)
    expect(res.body.data).toMatchObject({
      nonce: held.nonce,
      owner: OWNER,
      expires_at: held.expires_at
    })
  })
})

describe('mutations of a leased machine', () => {
  const mutations: [string, string, (id: string) => string, unknown?][] = [
    [
      'update',
      'POST',
      (id) => machinePath(APP, id),
      { config: webConfig('registry.fly.io/leased:v2') }
    ],
    ['stop', 'POST', (id) => machinePath(APP, id, 'stop')],
    ['cordon', 'POST', (id) => machinePath(APP, id, 'cordon')],
    [
      'metadata',
      'POST',
      (id) => machinePath(APP, id, 'metadata/k'),
      { value: 'v' }
    ],
    ['destroy', 'DELETE', (id) => machinePath(APP, id) + '?force=true']
  ]

  for (const [name, method, path, body] of mutations) {
    test(`${name} without the nonce is a 409`, async () => {
      // Arrange
      const id = await setup()
      await acquire(id)

      // Act
      const res = await api(sim, method, path(id), body)

      // Assert
      expect(res.status).toBe(409)
      expect(res.body.error).toMatch(/lease currently held by/)
    })

    test(`${name} with a wrong nonce is a 409`, async () => {
      // Arrange
      const id = await setup()
      await acquire(id)

      // Act
      const res = await api(sim, method, path(id), body, {
        'fly-machine-lease-nonce': 'not-the-nonce'
      })

      // Assert
      expect(res.status).toBe(409)
    })

    test(`${name} with the nonce succeeds`, async () => {
      // Arrange
      const id = await setup()
      const held = await acquire(id)

      // Act
      const res = await api(sim, method, path(id), body, {
        'fly-machine-lease-nonce': held.nonce
      })

      // Assert
      expect(res.status).toBeLessThan(300)
    })
  }
})

describe('expiry and release', () => {
  test('a lease lapses at expires_at', async () => {
    // Arrange
    const id = await setup()
    await acquire(id, 10)

    // Act
    await sim.control.advance('9s')
    const held = await api(sim, 'POST', machinePath(APP, id, 'cordon'))
    await sim.control.advance('1s')
    const lapsed = await api(sim, 'POST', machinePath(APP, id, 'cordon'))
    const read = await api(sim, 'GET', lease(id))

    // Assert
    expect(held.status).toBe(409)
    expect(lapsed.status).toBe(200)
    expect(read.status).toBe(404)
  })

  test('release with the nonce frees the machine for another holder', async () => {
    // Arrange
    const id = await setup()
    const held = await acquire(id)

    // Act
    const released = await api(sim, 'DELETE', lease(id), undefined, {
      'fly-machine-lease-nonce': held.nonce
    })
    const again = await api(sim, 'POST', lease(id), { ttl: 30 })

    // Assert
    expect(released.status).toBe(200)
    expect(again.status).toBe(201)
    expect(again.body.data.nonce).not.toBe(held.nonce)
  })

  test('release with a wrong nonce is a 409 and keeps the lease', async () => {
    // Arrange
    const id = await setup()
    await acquire(id)

    // Act
    const res = await api(sim, 'DELETE', lease(id), undefined, {
      'fly-machine-lease-nonce': 'not-the-nonce'
    })

    // Assert
    expect(res.status).toBe(409)
    expect(sim.control.outstandingLeases()).toHaveLength(1)
  })
})

describe('lease_ttl on create', () => {
  test('create with lease_ttl returns a nonce and starts out leased', async () => {
    // Arrange
    const id = await setup()
    const config = (await api(sim, 'GET', machinePath(APP, id))).body.config

    // Act
    const res = await api(sim, 'POST', machinePath(APP), {
      config,
      region: 'sjc',
      lease_ttl: 60
    })
    const withoutNonce = await api(
      sim,
      'POST',
      machinePath(APP, res.body.id, 'cordon')
    )
    const withNonce = await api(
      sim,
      'POST',
      machinePath(APP, res.body.id, 'cordon'),
      undefined,
      { 'fly-machine-lease-nonce': res.body.nonce }
    )

    // Assert
    expect(res.status).toBe(200)
    expect(typeof res.body.nonce).toBe('string')
    expect(withoutNonce.status).toBe(409)
    expect(withNonce.status).toBe(200)
  })
})

describe('outstandingLeases', () => {
  test('lists unexpired leases and forgets released and lapsed ones', async () => {
    // Arrange
    sim = await startSim({
      clockScale: 0,
      rateLimits: false,
      tokenOwner: OWNER,
      apps: [{ name: APP, regions: ['sjc', 'lhr', 'syd'] }]
    })
    const ids = (await api(sim, 'GET', machinePath(APP))).body.map(
      (m: any) => m.id as string
    )
    const a = await acquire(ids[0], 60)
    await acquire(ids[1], 5)
    const c = await acquire(ids[2], 60)

    // Act
    await api(sim, 'DELETE', lease(ids[0]), undefined, {
      'fly-machine-lease-nonce': a.nonce
    })
    await sim.control.advance('5s')
    const out = sim.control.outstandingLeases()

    // Assert
    expect(out).toEqual([
      { app: APP, machine: ids[2], owner: OWNER, expiresAt: c.expires_at }
    ])
  })
})
