import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { startSim, type Sim } from '../../src/sim/index.js'
import {
  api,
  healthy,
  machinePath,
  waitFor,
  webConfig
} from '../helpers/sim-client.js'

const APP = 'checked'
const IMAGE = 'registry.fly.io/checked:deployment-1'

let sim: Sim

beforeEach(async () => {
  sim = await startSim({ clockScale: 0, rateLimits: false })
  await api(sim, 'POST', '/v1/apps', { name: APP, org_slug: 'personal' })
})

afterEach(async () => {
  await sim.close()
})

async function create(config: Record<string, any>): Promise<string> {
  const res = await api(sim, 'POST', machinePath(APP), {
    config,
    region: 'sjc'
  })
  expect(res.status).toBe(200)
  return res.body.id
}

async function machine(id: string): Promise<Record<string, any>> {
  return (await api(sim, 'GET', machinePath(APP, id))).body
}

async function exits(id: string): Promise<Record<string, any>[]> {
  const events = await api(
    sim,
    'GET',
    machinePath(APP, id, 'events') + '?limit=50'
  )
  return events.body.filter((e: any) => e.type === 'exit')
}

describe('health checks', () => {
  test('checks are empty right after boot and passing after the grace period', async () => {
    // Arrange
    const id = await create(webConfig(IMAGE))

    // Act
    await sim.control.advance('1s')
    const booted = await machine(id)
    await sim.control.advance('1s')
    const graced = await machine(id)

    // Assert
    expect(booted.state).toBe('started')
    expect(booted.checks).toEqual([])
    expect(graced.checks).toEqual([
      expect.objectContaining({
        name: 'servicecheck-00-http-8080',
        status: 'passing'
      })
    ])
  })

  test('without a grace period the first result comes after one interval', async () => {
    // Arrange
    const config = webConfig(IMAGE)
    delete config.services[0].checks[0].grace_period
    const id = await create(config)

    // Act
    await sim.control.advance('5.9s')
    const before = await machine(id)
    await sim.control.advance('0.2s')
    const after = await machine(id)

    // Assert
    expect(before.checks).toEqual([])
    expect(after.checks.map((c: any) => c.status)).toEqual(['passing'])
  })

  test('a failing image turns its checks critical and stays started', async () => {
    // Arrange
    sim.control.setImage(IMAGE, { health: 'failing' })
    const id = await create(webConfig(IMAGE))

    // Act
    await sim.control.advance('30s')
    const m = await machine(id)

    // Assert
    expect(m.state).toBe('started')
    expect(m.checks).toEqual([
      expect.objectContaining({
        name: 'servicecheck-00-http-8080',
        status: 'critical',
        output: expect.stringContaining('503')
      })
    ])
    expect(await exits(id)).toEqual([])
  })

  test('a check result carries name, status, output and updated_at', async () => {
    // Arrange
    const id = await create(webConfig(IMAGE))
    await healthy(sim, APP, id)

    // Act
    const [check] = (await machine(id)).checks

    // Assert
    expect(Object.keys(check).sort()).toEqual(
      ['name', 'output', 'status', 'updated_at'].sort()
    )
    expect(check.updated_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
  })

  test('service checks are numbered across services and top-level checks use their key', async () => {
    // Arrange
    const config = webConfig(IMAGE)
    config.services.push({
      protocol: 'tcp',
      internal_port: 9090,
      ports: [{ port: 9090 }],
      checks: [{ type: 'tcp', interval: '5s', grace_period: '1s' }]
    })
    config.checks = {
      alive: { type: 'tcp', port: 8080, interval: '5s', grace_period: '1s' }
    }
    const id = await create(config)

    // Act
    await sim.control.advance('2s')
    const m = await machine(id)

    // Assert
    expect(m.checks.map((c: any) => c.name).sort()).toEqual([
      'alive',
      'servicecheck-00-http-8080',
      'servicecheck-01-tcp-9090'
    ])
    expect(m.checks.every((c: any) => c.status === 'passing')).toBe(true)
  })

  test('a check on a port the app does not serve is critical', async () => {
    // Arrange
    const config = webConfig(IMAGE)
    config.checks = {
      admin: { type: 'tcp', port: 7070, interval: '5s', grace_period: '1s' }
    }
    const id = await create(config)

    // Act
    await sim.control.advance('2s')
    const m = await machine(id)

    // Assert
    expect(m.checks.find((c: any) => c.name === 'admin')).toMatchObject({
      status: 'critical'
    })
  })
})

describe('crashes and restart policies', () => {
  const CRASHING = 'registry.fly.io/checked:crashing'

  test('a crash loop under on-failure restarts up to max_retries, then stops', async () => {
    // Arrange
    sim.control.setImage(CRASHING, { crash: 'boot', exitCode: 3 })
    const id = await create(
      webConfig(CRASHING, { restart: { policy: 'on-failure', max_retries: 3 } })
    )

    // Act
    await waitFor(sim, async () => (await machine(id)).state === 'stopped', {
      what: 'crash loop to stop'
    })
    const found = (await exits(id)).reverse()

    // Assert
    expect(
      found.map((e) => [
        e.request.exit_event.restarting,
        e.request.restart_count,
        e.request.exit_event.exit_code,
        e.request.exit_event.requested_stop
      ])
    ).toEqual([
      [true, 0, 3, false],
      [true, 1, 3, false],
      [true, 2, 3, false],
      [false, 3, 3, false]
    ])
  })

  test('an image that crashes after a while exits from started and is restarted', async () => {
    // Arrange
    sim.control.setImage(CRASHING, { crash: 'after:30s', exitCode: 9 })
    const id = await create(webConfig(CRASHING))

    // Act
    await sim.control.advance('30.9s')
    const before = await exits(id)
    await sim.control.advance('0.2s')
    const after = await exits(id)
    const m = await machine(id)

    // Assert
    expect(before).toEqual([])
    expect(after).toHaveLength(1)
    expect(after[0].request.exit_event).toMatchObject({
      exit_code: 9,
      restarting: true
    })
    expect(m.state).toBe('starting')
  })

  test('exit events carry the fields flyctl reads', async () => {
    // Arrange
    sim.control.setImage(CRASHING, { crash: 'boot' })
    const id = await create(webConfig(CRASHING, { restart: { policy: 'no' } }))

    // Act
    await sim.control.advance('1s')
    const [exit] = await exits(id)

    // Assert
    expect(exit).toMatchObject({
      type: 'exit',
      source: 'flyd',
      timestamp: expect.any(Number),
      request: {
        exit_event: {
          exit_code: 1,
          oom_killed: false,
          requested_stop: false,
          restarting: false,
          signal: expect.any(Number),
          exited_at: expect.any(Number)
        },
        restart_count: 0
      }
    })
  })

  test('policy no stops at the first exit', async () => {
    // Arrange
    sim.control.setImage(CRASHING, { crash: 'boot' })
    const id = await create(webConfig(CRASHING, { restart: { policy: 'no' } }))

    // Act
    await sim.control.advance('10s')
    const m = await machine(id)

    // Assert
    expect(m.state).toBe('stopped')
    expect(await exits(id)).toHaveLength(1)
  })

  test('policy always keeps restarting past any retry count', async () => {
    // Arrange
    sim.control.setImage(CRASHING, { crash: 'boot' })
    const id = await create(
      webConfig(CRASHING, { restart: { policy: 'always', max_retries: 2 } })
    )

    // Act
    await sim.control.advance('30s')
    const found = await exits(id)

    // Assert
    expect(found.length).toBeGreaterThan(10)
    expect(found.every((e) => e.request.exit_event.restarting)).toBe(true)
    expect(found[0].request.restart_count).toBe(found.length - 1)
  })

  test('the default policy is on-failure with 10 retries', async () => {
    // Arrange
    sim.control.setImage(CRASHING, { crash: 'boot' })
    const id = await create(webConfig(CRASHING))

    // Act
    await waitFor(sim, async () => (await machine(id)).state === 'stopped')
    const found = await exits(id)

    // Assert
    expect(found).toHaveLength(11)
    expect(found[0].request.exit_event.restarting).toBe(false)
  })

  test('a per-machine crash override applies from the next boot', async () => {
    // Arrange
    const id = await create(
      webConfig(IMAGE, { restart: { policy: 'on-failure', max_retries: 1 } })
    )
    await healthy(sim, APP, id)
    sim.control.setMachineBehavior(id, { crash: 'boot', exitCode: 2 })

    // Act
    await api(sim, 'POST', machinePath(APP, id, 'restart'))
    await waitFor(sim, async () => (await machine(id)).state === 'stopped')
    const crashes = (await exits(id)).filter(
      (e) => !e.request.exit_event.requested_stop
    )

    // Assert
    expect(crashes.map((e) => e.request.exit_event.exit_code)).toEqual([2, 2])
  })
})

describe('events endpoint', () => {
  test('returns the newest 20 by default and at most 50', async () => {
    // Arrange
    sim.control.setImage('registry.fly.io/checked:loop', { crash: 'boot' })
    const id = await create(
      webConfig('registry.fly.io/checked:loop', {
        restart: { policy: 'always' }
      })
    )
    await sim.control.advance('60s')

    // Act
    const byDefault = await api(sim, 'GET', machinePath(APP, id, 'events'))
    const most = await api(
      sim,
      'GET',
      machinePath(APP, id, 'events') + '?limit=500'
    )

    // Assert
    expect(byDefault.body).toHaveLength(20)
    expect(most.body).toHaveLength(50)
    expect(most.body.slice(0, 20)).toEqual(byDefault.body)
    const stamps = most.body.map((e: any) => e.timestamp)
    expect(stamps).toEqual([...stamps].sort((a, b) => b - a))
  })
})

describe('killMachine', () => {
  test('a killed process leaves an exit event and is restarted', async () => {
    // Arrange
    const id = await create(webConfig(IMAGE))
    await healthy(sim, APP, id)

    // Act
    const killed = sim.control.killMachine(id)
    const right = await machine(id)
    await waitFor(sim, async () => (await machine(id)).state === 'started')
    const [exit] = await exits(id)

    // Assert
    expect(killed).toBe(true)
    expect(right.state).toBe('starting')
    expect(exit.request).toMatchObject({
      exit_event: {
        exit_code: 137,
        requested_stop: false,
        restarting: true
      },
      restart_count: 0
    })
  })

  test('a clean exit under on-failure is not restarted', async () => {
    // Arrange
    const id = await create(webConfig(IMAGE))
    await healthy(sim, APP, id)

    // Act
    sim.control.killMachine(id, { exitCode: 0 })
    await sim.control.advance('10s')

    // Assert
    expect((await machine(id)).state).toBe('stopped')
  })

  test('killing a machine that is not running does nothing', async () => {
    // Arrange
    const id = (
      await api(sim, 'POST', machinePath(APP), {
        config: webConfig(IMAGE),
        region: 'sjc',
        skip_launch: true
      })
    ).body.id

    // Act
    const killed = sim.control.killMachine(id)

    // Assert
    expect(killed).toBe(false)
    expect(await exits(id)).toEqual([])
  })
})
