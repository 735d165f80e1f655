import { afterEach, describe, expect, test } from 'vitest'
import { startSim, type Sim } from '../../../src/sim/index.js'
import {
  FlyApiError,
  LeaseConflictError,
  RateLimitedError
} from '../../../src/core/errors.js'
import type { MachineView } from '../../../src/core/types.js'
import { apiFor, lastSeq, requestsSince } from './sim-harness.js'

/**
 * The retry policy against flysim's injected faults and real rate limits:
 * 429 always retried; 5xx, resets and timeouts retried only for operations
 * that are safe to repeat; 409 and other 4xx never.
 */
const APP = 'demo'
const V2 = 'registry.fly.io/demo:v2'
const MACHINE = '/v1/apps/*/machines/*'
const ONE_MACHINE = /^\/v1\/apps\/demo\/machines\/[^/]+$/

let sim: Sim

afterEach(async () => {
  await sim?.close()
})

async function setup(
  opts: {
    rateLimits?: boolean
    leaseShape?: 'wrapped' | 'bare'
    clockScale?: number
  } = {}
): Promise<MachineView[]> {
  sim = await startSim({
    apps: [{ name: APP, machinesPerRegion: 2 }],
    regions: ['sjc', 'lhr', 'syd'],
    clockScale: opts.clockScale ?? 100,
    rateLimits: opts.rateLimits ?? false,
    leaseShape: opts.leaseShape ?? 'wrapped'
  })
  sim.control.setImage(V2, { boot: '1s' })
  return apiFor(sim).machines.list(APP)
}

describe('429', () => {
  test('a burst over the per-machine limit is retried until every call succeeds', async () => {
    // Arrange: 1 req/s, burst 3 per machine and action (API-NOTES §10).
    // 15 requests cannot spread over the 12 s of virtual time (0.6 s real at
    // this scale) it would take to dodge every 429.
    const [m] = await setup({ rateLimits: true, clockScale: 20 })
    const api = apiFor(sim)

    // Act
    const results = await Promise.allSettled(
      Array.from({ length: 15 }, () => api.machines.events(APP, m!.id, 5))
    )

    // Assert
    expect(results.filter((r) => r.status === 'rejected')).toEqual([])
    const s = api.stats()
    expect(s.rateLimited).toBeGreaterThan(0)
    expect(s.retries).toBe(s.rateLimited)
    expect(s.byOp.Machines_list_events).toBe(15 + s.rateLimited)
  })

  test('a rollout-shaped sequence on several machines never fails because of a 429', async () => {
    // Arrange
    const machines = await setup({ rateLimits: true })
    const api = apiFor(sim)

    // Act: lease → mark → update → wait → mark each step → release, all at
    // once, marking as eagerly as a careless orchestrator would.
    await Promise.all(
      machines.map(async (m) => {
        const lease = await api.machines.acquireLease(APP, m.id, 30, 'r1')
        const mark = (state: string | null) =>
          api.machines.setMetadata(
            APP,
            m.id,
            { flyrollout_state: state },
            lease.nonce
          )
        await mark('marked')
        await mark('updating')
        const u = await api.machines.update(
          APP,
          m.id,
          { config: { ...m.config, image: V2 }, currentVersion: m.version },
          lease.nonce
        )
        await mark('waiting')
        for (;;) {
          const w = await api.machines.waitFor(APP, m.id, {
            states: ['started'],
            version: u.version,
            timeoutS: 10
          })
          if (w.ok) break
        }
        await api.machines.get(APP, m.id)
        await mark('verified')
        await mark(null)
        await api.machines.releaseLease(APP, m.id, lease.nonce)
      })
    )

    // Assert
    expect(sim.control.outstandingLeases()).toEqual([])
    const after = await api.machines.list(APP)
    expect(after.every((m) => m.config.image === V2)).toBe(true)
    const s = api.stats()
    expect(s.byOp.Machines_update).toBe(machines.length)
    // Whatever 429s the pace provoked were retried, and nothing else was.
    expect(s.retries).toBe(s.rateLimited)
  })

  test('an update answered 429 is retried: it was not applied', async () => {
    const [m] = await setup()
    const api = apiFor(sim)
    sim.control.failRequests({
      method: 'POST',
      path: MACHINE,
      status: 429,
      times: 2
    })
    const since = lastSeq(sim)

    const u = await api.machines.update(APP, m!.id, {
      config: { ...m!.config, image: V2 }
    })

    expect(u.config.image).toBe(V2)
    expect(requestsSince(sim, since, 'POST', ONE_MACHINE)).toHaveLength(3)
    expect(api.stats()).toMatchObject({ rateLimited: 2, retries: 2 })
  })

  test('429s past the budget surface as a retryable RateLimitedError', async () => {
    const [m] = await setup()
    const api = apiFor(sim, { maxRateLimitedAttempts: 3 })
    sim.control.failRequests({
      method: 'GET',
      path: MACHINE,
      status: 429,
      times: 5
    })

    const err = await api.machines.get(APP, m!.id).catch((e: unknown) => e)

    expect(err).toBeInstanceOf(RateLimitedError)
    expect(err).toMatchObject({ status: 429, retryable: true })
    expect(api.stats().byOp.Machines_show).toBe(3)
  })
})

describe('5xx, resets and timeouts', () => {
  test('GET is retried through 503s', async () => {
    const [m] = await setup()
    const api = apiFor(sim)
    sim.control.failRequests({
      method: 'GET',
      path: MACHINE,
      status: 503,
      times: 2
    })

    const got = await api.machines.get(APP, m!.id)

    expect(got.id).toBe(m!.id)
    expect(api.stats()).toMatchObject({
      byOp: { Machines_show: 3 },
      retries: 2,
      rateLimited: 0
    })
  })

  test('GET is retried through a reset connection', async () => {
    const [m] = await setup()
    const api = apiFor(sim)
    sim.control.failRequests({
      method: 'GET',
      path: MACHINE,
      reset: true,
      times: 1
    })

    const got = await api.machines.get(APP, m!.id)

    expect(got.id).toBe(m!.id)
    expect(api.stats().retries).toBe(1)
  })

  test('GET is retried after a request timeout', async () => {
    // Request timeouts are real time: 100 ms, against a 10-minute stall
    // (6 s real at this clock scale).
    const [m] = await setup()
    const api = apiFor(sim, { requestTimeoutMs: 100 })
    sim.control.failRequests({
      method: 'GET',
      path: MACHINE,
      delay: '10m',
      times: 1
    })

    const got = await api.machines.get(APP, m!.id)

    expect(got.id).toBe(m!.id)
    expect(api.stats().byOp.Machines_show).toBe(2)
  })

  test('/wait is retried through a 502 and a reset', async () => {
    const [m] = await setup()
    const api = apiFor(sim)
    sim.control.failRequests({
      method: 'GET',
      path: `${MACHINE}/wait`,
      status: 502,
      times: 1
    })
    sim.control.failRequests({
      method: 'GET',
      path: `${MACHINE}/wait`,
      reset: true,
      times: 1
    })

    const w = await api.machines.waitFor(APP, m!.id, {
      states: ['started'],
      timeoutS: 5
    })

    expect(w).toMatchObject({ ok: true, state: 'started' })
    expect(api.stats().byOp.Machines_wait).toBe(3)
  })

  test('a safe call gives up after maxAttempts with a retryable FlyApiError', async () => {
    const [m] = await setup()
    const api = apiFor(sim, { maxAttempts: 3 })
    sim.control.failRequests({
      method: 'GET',
      path: MACHINE,
      status: 500,
      times: 10
    })

    const err = await api.machines.get(APP, m!.id).catch((e: unknown) => e)

    expect(err).toBeInstanceOf(FlyApiError)
    expect(err).toMatchObject({ status: 500, retryable: true })
    expect(api.stats().byOp.Machines_show).toBe(3)
  })

  test('metadata PATCH and lease release are retried through a 503', async () => {
    const [m] = await setup()
    const api = apiFor(sim)
    const lease = await api.machines.acquireLease(APP, m!.id, 30, 'r1')
    sim.control.failRequests({
      method: 'PATCH',
      path: `${MACHINE}/metadata`,
      status: 503,
      times: 1
    })
    sim.control.failRequests({
      method: 'DELETE',
      path: `${MACHINE}/lease`,
      status: 503,
      times: 1
    })

    await api.machines.setMetadata(APP, m!.id, { k: 'v' }, lease.nonce)
    await api.machines.releaseLease(APP, m!.id, lease.nonce)

    expect(sim.control.outstandingLeases()).toEqual([])
    expect(api.stats().byOp).toMatchObject({
      Machines_update_metadata: 2,
      Machines_release_lease: 2
    })
  })

  test('an update answered 503 is not repeated: a retryable error, one request', async () => {
    const [m] = await setup()
    const api = apiFor(sim)
    sim.control.failRequests({
      method: 'POST',
      path: MACHINE,
      status: 503,
      times: 1
    })
    const since = lastSeq(sim)

    const err = await api.machines
      .update(APP, m!.id, { config: { ...m!.config, image: V2 } })
      .catch((e: unknown) => e)

    expect(err).toBeInstanceOf(FlyApiError)
    expect(err).toMatchObject({
      status: 503,
      method: 'POST',
      retryable: true
    })
    expect(requestsSince(sim, since, 'POST', ONE_MACHINE)).toHaveLength(1)
  })

  test('an update whose connection resets is not repeated: status 0, retryable', async () => {
    const [m] = await setup()
    const api = apiFor(sim)
    sim.control.failRequests({
      method: 'POST',
      path: MACHINE,
      reset: true,
      times: 1
    })
    const since = lastSeq(sim)

    const err = await api.machines
      .update(APP, m!.id, { config: { ...m!.config, image: V2 } })
      .catch((e: unknown) => e)

    expect(err).toBeInstanceOf(FlyApiError)
    expect(err).toMatchObject({ status: 0, retryable: true })
    expect(requestsSince(sim, since, 'POST', ONE_MACHINE)).toHaveLength(1)
  })

  test('a create answered 500 is not repeated', async () => {
    const [m] = await setup()
    const api = apiFor(sim)
    sim.control.failRequests({
      method: 'POST',
      path: '/v1/apps/*/machines',
      status: 500,
      times: 1
    })
    const since = lastSeq(sim)

    const err = await api.machines
      .create(APP, { config: m!.config, region: 'sjc' })
      .catch((e: unknown) => e)

    expect(err).toMatchObject({ status: 500, retryable: true })
    expect(
      requestsSince(sim, since, 'POST', /^\/v1\/apps\/demo\/machines$/)
    ).toHaveLength(1)
  })
})

describe('409 and other 4xx', () => {
  test('a held lease is a LeaseConflictError with the holder, never retried', async () => {
    // Arrange
    const [m] = await setup()
    const other = apiFor(sim)
    await other.machines.acquireLease(APP, m!.id, 60, 'rollout 01J-other')
    const api = apiFor(sim)
    const since = lastSeq(sim)

    // Act
    const err = await api.machines
      .acquireLease(APP, m!.id, 30, 'rollout mine')
      .catch((e: unknown) => e)

    // Assert
    expect(err).toBeInstanceOf(LeaseConflictError)
    const conflict = err as LeaseConflictError
    expect(conflict).toMatchObject({
      code: 'lease-conflict',
      status: 409,
      retryable: false
    })
    expect(conflict.holder).toEqual({
      owner: 'ci@example.com',
      description: 'rollout 01J-other',
      expiresAt: expect.any(Number)
    })
    expect(requestsSince(sim, since, 'POST', /\/lease$/)).toHaveLength(1)
  })

  test('an update without the nonce of a leased machine is a LeaseConflictError', async () => {
    const [m] = await setup()
    const api = apiFor(sim)
    await api.machines.acquireLease(APP, m!.id, 60, 'held')
    const since = lastSeq(sim)

    const err = await api.machines
      .update(APP, m!.id, { config: m!.config })
      .catch((e: unknown) => e)

    expect(err).toBeInstanceOf(LeaseConflictError)
    expect((err as LeaseConflictError).holder.owner).toBe('ci@example.com')
    expect(requestsSince(sim, since, 'POST', ONE_MACHINE)).toHaveLength(1)
  })

  test('a capacity 409 is a FlyApiError with its fly status, not a lease conflict', async () => {
    const [m] = await setup()
    const api = apiFor(sim)
    sim.control.refuseUpdates(m!.region)

    const err = await api.machines
      .update(APP, m!.id, { config: { ...m!.config, image: V2 } })
      .catch((e: unknown) => e)

    expect(err).toBeInstanceOf(FlyApiError)
    expect(err).not.toBeInstanceOf(LeaseConflictError)
    expect(err).toMatchObject({
      status: 409,
      flyStatus: 'insufficient_capacity',
      retryable: false
    })
    expect(api.stats().byOp.Machines_update).toBe(1)
  })

  test('404, 400, 412 and 422 are thrown at once', async () => {
    const [m] = await setup()
    const api = apiFor(sim)

    const missing = await api.machines
      .get(APP, 'no-such-machine')
      .catch((e: unknown) => e)
    const bad = await api.machines
      .update(APP, m!.id, { config: { ...m!.config, image: '' } })
      .catch((e: unknown) => e)
    const stale = await api.machines
      .update(APP, m!.id, { config: m!.config, currentVersion: 'stale' })
      .catch((e: unknown) => e)
    const taken = await api.apps
      .create(APP, 'personal')
      .catch((e: unknown) => e)

    expect(missing).toMatchObject({ status: 404, retryable: false })
    expect(bad).toMatchObject({ status: 400, retryable: false })
    expect(stale).toMatchObject({ status: 412, retryable: false })
    expect(taken).toMatchObject({ status: 422, flyStatus: 'name_taken' })
    expect(api.stats()).toMatchObject({
      byOp: { Machines_show: 1, Machines_update: 2, Apps_create: 1 },
      retries: 0
    })
  })
})

describe('lease shapes', () => {
  for (const shape of ['wrapped', 'bare'] as const) {
    test(`acquire, holder, refresh and release work with ${shape} leases`, async () => {
      const [m] = await setup({ leaseShape: shape })
      const api = apiFor(sim)

      const lease = await api.machines.acquireLease(APP, m!.id, 20, shape)
      const holder = await api.machines.leaseHolder(APP, m!.id)
      const refreshed = await api.machines.refreshLease(
        APP,
        m!.id,
        lease.nonce,
        40
      )
      const conflict = await apiFor(sim)
        .machines.acquireLease(APP, m!.id, 20, 'other')
        .catch((e: unknown) => e)
      await api.machines.releaseLease(APP, m!.id, lease.nonce)

      expect(lease.nonce).toMatch(/\S+/)
      expect(holder).toMatchObject({
        owner: 'ci@example.com',
        description: shape
      })
      expect(refreshed.expiresAt).toBeGreaterThan(lease.expiresAt)
      expect(conflict).toBeInstanceOf(LeaseConflictError)
      expect((conflict as LeaseConflictError).holder.description).toBe(shape)
      expect(sim.control.outstandingLeases()).toEqual([])
    })
  }
})
