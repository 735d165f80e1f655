import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { startSim, type Sim } from '../../src/sim/index.js'
import { api, machinePath } from '../helpers/sim-client.js'

const APP = 'limited'

let sim: Sim
let ids: string[]

beforeEach(async () => {
  sim = await startSim({
    clockScale: 0,
    rateLimits: true,
    regions: ['sjc', 'lhr'],
    apps: [{ name: APP }]
  })
  sim.control.setRateLimits(false)
  ids = (await api(sim, 'GET', machinePath(APP))).body.map((m: any) => m.id)
  sim.control.setRateLimits(true)
})

afterEach(async () => {
  await sim.close()
})

async function burst(
  n: number,
  method: string,
  path: string
): Promise<number[]> {
  const out: number[] = []
  for (let i = 0; i < n; i++) out.push((await api(sim, method, path)).status)
  return out
}

const cordon = (id: string): string => machinePath(APP, id, 'cordon')

describe('per-action buckets', () => {
  test('a burst of 5 actions on one machine lets 3 through and answers 429 to the rest', async () => {
    // Arrange
    const path = cordon(ids[0]!)

    // Act
    const statuses = await burst(5, 'POST', path)

    // Assert
    expect(statuses).toEqual([200, 200, 200, 429, 429])
  })

  test('a 429 is an ErrorResponse without Retry-After', async () => {
    // Arrange
    await burst(3, 'POST', cordon(ids[0]!))

    // Act
    const res = await api(sim, 'POST', cordon(ids[0]!))

    // Assert
    expect(res.status).toBe(429)
    expect(res.body).toEqual({ error: expect.any(String) })
    expect(res.headers.get('retry-after')).toBeNull()
  })

  test('a request the handler refuses still spends a token', async () => {
    // Arrange
    const start = machinePath(APP, ids[0], 'start')

    // Act
    const statuses = await burst(4, 'POST', start)

    // Assert
    expect(statuses).toEqual([412, 412, 412, 429])
  })

  test('one token comes back per second', async () => {
    // Arrange
    await burst(3, 'POST', cordon(ids[0]!))

    // Act
    await sim.control.advance('1s')
    const afterOne = await burst(2, 'POST', cordon(ids[0]!))
    await sim.control.advance('10s')
    const afterTen = await burst(4, 'POST', cordon(ids[0]!))

    // Assert
    expect(afterOne).toEqual([200, 429])
    expect(afterTen).toEqual([200, 200, 200, 429])
  })

  test('buckets are per machine', async () => {
    // Arrange
    await burst(3, 'POST', cordon(ids[0]!))

    // Act
    const other = await burst(3, 'POST', cordon(ids[1]!))

    // Assert
    expect(other).toEqual([200, 200, 200])
  })

  test('buckets are per action', async () => {
    // Arrange
    await burst(3, 'POST', cordon(ids[0]!))

    // Act
    const uncordon = await burst(
      3,
      'POST',
      machinePath(APP, ids[0], 'uncordon')
    )

    // Assert
    expect(uncordon).toEqual([200, 200, 200])
  })
})

describe('Get Machine', () => {
  test('GET machine allows a burst of 10, then 429', async () => {
    // Arrange
    const path = machinePath(APP, ids[0])

    // Act
    const statuses = await burst(12, 'GET', path)

    // Assert
    expect(statuses).toEqual([...Array(10).fill(200), 429, 429])
  })

  test('GET machine refills at 5 per second', async () => {
    // Arrange
    const path = machinePath(APP, ids[0])
    await burst(10, 'GET', path)

    // Act
    await sim.control.advance('1s')
    const statuses = await burst(6, 'GET', path)

    // Assert
    expect(statuses).toEqual([...Array(5).fill(200), 429])
  })

  test('GET machine does not spend the action bucket', async () => {
    // Arrange
    await burst(10, 'GET', machinePath(APP, ids[0]))

    // Act
    const statuses = await burst(3, 'POST', cordon(ids[0]!))

    // Assert
    expect(statuses).toEqual([200, 200, 200])
  })
})

describe('switch', () => {
  test('with rate limits off nothing is refused', async () => {
    // Arrange
    sim.control.setRateLimits(false)

    // Act
    const statuses = await burst(20, 'POST', cordon(ids[0]!))

    // Assert
    expect(new Set(statuses)).toEqual(new Set([200]))
  })
})
