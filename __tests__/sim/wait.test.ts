import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { startSim, type Sim } from '../../src/sim/index.js'
import {
  api,
  drive,
  ioTurns,
  machinePath,
  webConfig,
  type ApiResponse
} from '../helpers/sim-client.js'

const APP = 'waiter'
const IMAGE = 'registry.fly.io/waiter:deployment-1'

let sim: Sim
let running: Record<string, any>

beforeEach(async () => {
  sim = await startSim({
    clockScale: 0,
    rateLimits: false,
    apps: [{ name: APP, regions: ['sjc'], image: IMAGE }]
  })
  running = (await api(sim, 'GET', machinePath(APP))).body[0]
})

afterEach(async () => {
  await sim.close()
})

const wait = (id: string, query: string): Promise<ApiResponse> =>
  api(sim, 'GET', machinePath(APP, id, 'wait') + query)

/** pending says whether a request is still unanswered after loopback I/O ran. */
async function pending(p: Promise<unknown>): Promise<boolean> {
  let done = false
  void p.finally(() => {
    done = true
  })
  await ioTurns()
  return !done
}

async function createMachine(
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

describe('answers', () => {
  test('returns at once when the machine is already in the state', async () => {
    // Arrange
    const before = sim.control.clock.now()

    // Act
    const res = await wait(running.id, '?state=started')

    // Assert
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      ok: true,
      state: 'started',
      version: running.instance_id
    })
    expect(res.body.event_id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/)
    expect(sim.control.clock.now()).toBe(before)
  })

  test('blocks until the state arrives, then answers', async () => {
    // Arrange
    const m = await createMachine()
    const before = sim.control.clock.now()

    // Act
    const res = wait(m.id, '?state=started&timeout=30')
    const blocked = await pending(res)
    const answer = await drive(sim, res)

    // Assert
    expect(blocked).toBe(true)
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({ ok: true, state: 'started' })
    expect(sim.control.clock.now() - before).toBeGreaterThanOrEqual(1_000)
  })

  test('state defaults to started', async () => {
    // Arrange
    const m = await createMachine()

    // Act
    const answer = await drive(sim, wait(m.id, ''))

    // Assert
    expect(answer.status).toBe(200)
    expect(answer.body.state).toBe('started')
  })

  test('a comma list answers on any of the states', async () => {
    // Arrange
    await api(sim, 'POST', machinePath(APP, running.id, 'stop'))

    // Act
    const answer = await drive(
      sim,
      wait(running.id, `?state=started,stopped&version=${running.instance_id}`)
    )

    // Assert
    expect(answer.status).toBe(200)
    expect(answer.body.state).toBe('stopped')
  })
})

describe('version', () => {
  test("an old version's started does not count", async () => {
    // Arrange
    const updated = await api(sim, 'POST', machinePath(APP, running.id), {
      config: webConfig('registry.fly.io/waiter:deployment-2')
    })
    expect(updated.status).toBe(200)

    // Act
    const old = await drive(
      sim,
      wait(
        running.id,
        `?state=started&version=${running.instance_id}&timeout=5`
      )
    )
    const current = await drive(
      sim,
      wait(running.id, `?state=started&version=${updated.body.instance_id}`)
    )

    // Assert
    expect(old.status).toBe(408)
    expect(current.status).toBe(200)
    expect(current.body.version).toBe(updated.body.instance_id)
  })

  test('the new version is waited for while the machine is replacing', async () => {
    // Arrange
    const updated = await api(sim, 'POST', machinePath(APP, running.id), {
      config: webConfig('registry.fly.io/waiter:deployment-2')
    })

    // Act
    const res = wait(
      running.id,
      `?state=started&version=${updated.body.instance_id}&timeout=30`
    )
    const blocked = await pending(res)
    const answer = await drive(sim, res)

    // Assert
    expect(updated.body.state).toBe('replacing')
    expect(blocked).toBe(true)
    expect(answer.status).toBe(200)
  })

  test('instance_id is accepted as the deprecated alias of version', async () => {
    // Arrange
    await api(sim, 'POST', machinePath(APP, running.id, 'stop'))

    // Act
    const answer = await drive(
      sim,
      wait(running.id, `?state=stopped&instance_id=${running.instance_id}`)
    )

    // Assert
    expect(answer.status).toBe(200)
    expect(answer.body.state).toBe('stopped')
  })

  test('stopped without a version is a 400', async () => {
    // Arrange
    const path = '?state=stopped'

    // Act
    const res = await wait(running.id, path)

    // Assert
    expect(res.status).toBe(400)
    expect(res.body.error).toMatch(/version/)
  })

  test('from_event_id waits for an event after it', async () => {
    // Arrange
    const latest = running.events[0].id as string
    const res = wait(running.id, `?state=started&from_event_id=${latest}`)
    const blocked = await pending(res)

    // Act
    await api(sim, 'POST', machinePath(APP, running.id, 'restart'))
    const answer = await drive(sim, res)

    // Assert
    expect(blocked).toBe(true)
    expect(answer.status).toBe(200)
    expect(answer.body.event_id > latest).toBe(true)
  })
})

describe('timeout', () => {
  test('answers 408 once the timeout passes on the virtual clock', async () => {
    // Arrange
    const m = await createMachine({ skip_launch: true })
    const before = sim.control.clock.now()

    // Act
    const res = await drive(sim, wait(m.id, '?state=started&timeout=5'))

    // Assert
    expect(res.status).toBe(408)
    expect(res.body.error).toEqual(expect.any(String))
    const waited = sim.control.clock.now() - before
    expect(waited).toBeGreaterThanOrEqual(5_000)
    expect(waited).toBeLessThan(6_000)
  })

  test('a timeout over 60 s is clamped to 60 s', async () => {
    // Arrange
    const m = await createMachine({ skip_launch: true })
    const before = sim.control.clock.now()

    // Act
    const res = await drive(sim, wait(m.id, '?state=started&timeout=90'), {
      stepMs: 1_000
    })

    // Assert
    expect(res.status).toBe(408)
    const waited = sim.control.clock.now() - before
    expect(waited).toBeGreaterThanOrEqual(60_000)
    expect(waited).toBeLessThan(65_000)
  })

  test('the default timeout is 60 s', async () => {
    // Arrange
    const m = await createMachine({ skip_launch: true })
    const before = sim.control.clock.now()

    // Act
    const res = await drive(sim, wait(m.id, '?state=started'), {
      stepMs: 1_000
    })

    // Assert
    expect(res.status).toBe(408)
    const waited = sim.control.clock.now() - before
    expect(waited).toBeGreaterThanOrEqual(60_000)
    expect(waited).toBeLessThan(65_000)
  })
})

describe('settled and destroyed', () => {
  test('settled waits out a transitional state', async () => {
    // Arrange
    const m = await createMachine()

    // Act
    const res = wait(m.id, '?state=settled&timeout=30')
    const blocked = await pending(res)
    const answer = await drive(sim, res)

    // Assert
    expect(blocked).toBe(true)
    expect(answer.status).toBe(200)
    expect(answer.body.state).toBe('started')
  })

  test('settled answers at once for a machine in no transitional state', async () => {
    // Arrange
    const m = await createMachine({ skip_launch: true })

    // Act
    const res = await wait(m.id, '?state=settled')

    // Assert
    expect(res.status).toBe(200)
    expect(res.body.state).toBe('created')
  })

  test('an auto-destroyed machine that is gone answers destroyed, not stopped', async () => {
    // Arrange
    const ref = 'registry.fly.io/waiter:release-command'
    sim.control.setImage(ref, { crash: 'boot', exitCode: 0 })
    const m = await createMachine({
      config: {
        ...webConfig(ref, { restart: { policy: 'no' } }),
        auto_destroy: true
      }
    })
    await sim.control.advance('2s')
    const version = `version=${m.instance_id}&timeout=5`

    // Act
    const stopped = await drive(sim, wait(m.id, `?state=stopped&${version}`))
    const either = await wait(m.id, `?state=stopped,destroyed&${version}`)

    // Assert
    expect(stopped.status).toBe(408)
    expect(either.status).toBe(200)
    expect(either.body.state).toBe('destroyed')
  })

  test('destroyed answers once the machine is destroyed', async () => {
    // Arrange
    await api(sim, 'DELETE', machinePath(APP, running.id) + '?force=true')

    // Act
    const answer = await drive(sim, wait(running.id, '?state=destroyed'))

    // Assert
    expect(answer.status).toBe(200)
    expect(answer.body.state).toBe('destroyed')
  })
})
