import { describe, expect, test } from 'vitest'
import { LeaseConflictError } from '../../src/core/errors.js'
import { acquire, hold, LEASE_TTL_S } from '../../src/orchestrator/leases.js'
import { apiError, fakePorts, T0, view } from '../../__fixtures__/fakes.js'

describe('acquire', () => {
  test('leases the machine for the rollout, named so a refusal can say who holds it', async () => {
    const f = fakePorts({ machines: [view({ id: 'm1' })] })

    const lease = await acquire(f.ports, 'demo', 'm1', 'R1')
    await lease.release()

    expect(f.callsOf('acquireLease')[0]!.args).toEqual([
      'demo',
      'm1',
      LEASE_TTL_S,
      'fly-rollout R1'
    ])
    expect(f.callsOf('releaseLease')[0]!.args).toEqual([
      'demo',
      'm1',
      lease.nonce
    ])
    expect(f.outstandingLeases()).toEqual([])
  })

  test('someone else’s lease: retried 3 times, 10 s apart, then LeaseConflictError', async () => {
    const f = fakePorts({ machines: [view({ id: 'm1' })] })
    f.world.get('m1')!.lease = {
      nonce: 'theirs',
      description: 'flyctl deploy',
      expiresAt: Number.MAX_SAFE_INTEGER
    }

    await expect(acquire(f.ports, 'demo', 'm1', 'R1')).rejects.toBeInstanceOf(
      LeaseConflictError
    )
    expect(f.callsOf('acquireLease')).toHaveLength(4)
    expect(f.clock.sleeps).toEqual([10_000, 10_000, 10_000])
    expect(f.outstandingLeases()).toEqual([])
  })

  test('our own dead run’s lease is waited out, polling every 5 s', async () => {
    const f = fakePorts({ machines: [view({ id: 'm1' })] })
    f.world.get('m1')!.lease = {
      nonce: 'dead-run',
      description: 'fly-rollout R1',
      expiresAt: T0 / 1000 + 22
    }

    const lease = await acquire(f.ports, 'demo', 'm1', 'R1')
    await lease.release()

    expect(f.clock.sleeps).toEqual([5_000, 5_000, 5_000, 5_000, 5_000])
    expect(f.callsOf('acquireLease')).toHaveLength(6)
    expect(f.outstandingLeases()).toEqual([])
  })

  test('our own lease that never lapses is given up after one TTL and a bit', async () => {
    const f = fakePorts({ machines: [view({ id: 'm1' })] })
    f.world.get('m1')!.lease = {
      nonce: 'refreshed-elsewhere',
      description: 'fly-rollout R1',
      expiresAt: Number.MAX_SAFE_INTEGER
    }

    await expect(acquire(f.ports, 'demo', 'm1', 'R1')).rejects.toBeInstanceOf(
      LeaseConflictError
    )
    expect(f.clock.now() - T0).toBe((LEASE_TTL_S + 10) * 1000)
    expect(f.outstandingLeases()).toEqual([])
  })

  test('a transient failure is retried three times, backing off; a lease it may have taken is met as our own and waited out', async () => {
    const f = fakePorts({ machines: [view({ id: 'm1' })] })
    f.on(
      'acquireLease',
      async () => {
        throw apiError(503)
      },
      1
    )
    f.on(
      'acquireLease',
      async () => {
        throw apiError(0)
      },
      1
    )
    const t0 = f.ports.clock.now()
    const lease = await acquire(f.ports, 'demo', 'm1', 'R1')
    expect(f.ports.clock.now() - t0).toBe(3_000)
    expect(f.callsOf('acquireLease')).toHaveLength(3)
    await lease.release()
    expect(f.outstandingLeases()).toEqual([])
  })

  test('a transient failure that persists is thrown after three retries; other errors at once', async () => {
    const f = fakePorts({ machines: [view({ id: 'm1' })] })
    f.on('acquireLease', async () => {
      throw apiError(500)
    })
    await expect(acquire(f.ports, 'demo', 'm1', 'R1')).rejects.toMatchObject({
      status: 500
    })
    expect(f.callsOf('acquireLease')).toHaveLength(4)

    const g = fakePorts({ machines: [view({ id: 'm1' })] })
    g.on('acquireLease', async () => {
      throw apiError(404)
    })
    await expect(acquire(g.ports, 'demo', 'm1', 'R1')).rejects.toMatchObject({
      status: 404
    })
    expect(g.callsOf('acquireLease')).toHaveLength(1)
    expect(g.outstandingLeases()).toEqual([])
  })
})

describe('hold', () => {
  test('refreshes a held lease before it lapses, and stops once released', async () => {
    const f = fakePorts({ machines: [view({ id: 'm1' })] })
    const lease = await acquire(f.ports, 'demo', 'm1', 'R1')

    await f.ports.clock.sleep(100_000)
    await lease.release()
    await f.ports.clock.sleep(100_000)

    // Every 40 s (two thirds of the 60 s TTL): at 40 s and 80 s, none after release.
    expect(f.callsOf('refreshLease').map((c) => c.args)).toEqual([
      ['demo', 'm1', lease.nonce, LEASE_TTL_S],
      ['demo', 'm1', lease.nonce, LEASE_TTL_S]
    ])
    expect(f.outstandingLeases()).toEqual([])
  })

  test('release never throws, and a second release does nothing', async () => {
    const f = fakePorts({ machines: [view({ id: 'm1' })] })
    f.on('releaseLease', async () => {
      throw apiError(500, 'DELETE')
    })
    const lease = hold(f.ports, 'demo', 'm1', 'nonce-x')

    await lease.release()
    await lease.release()

    expect(f.callsOf('releaseLease')).toHaveLength(1)
    expect(f.logs).toEqual([
      'warn: could not release the lease on m1: DELETE /v1/apps/demo/machines/m1: 500'
    ])
    expect(f.outstandingLeases()).toEqual([])
  })
})
