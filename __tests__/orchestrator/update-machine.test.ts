import { describe, expect, test } from 'vitest'
import { updateMarks } from '../../src/core/metadata.js'
import { configHash } from '../../src/core/normalize.js'
import type { UpdateStep } from '../../src/core/plan.js'
import type { MachineView } from '../../src/core/types.js'
import { acquire } from '../../src/orchestrator/leases.js'
import {
  applyUpdate,
  type StepContext
} from '../../src/orchestrator/update-machine.js'
import { DIGEST_V2, webConfig } from '../../__fixtures__/builders.js'
import {
  apiError,
  fakeObserver,
  fakePorts,
  view,
  type FakePorts
} from '../../__fixtures__/fakes.js'

const V2 = `registry.fly.io/demo@${DIGEST_V2}`

/** stepFor is the plan's update of machine m to R (webConfig on the V2 image). */
function stepFor(m: MachineView): UpdateStep {
  const config = webConfig(V2)
  const toHash = configHash(config)
  config.metadata = {
    ...config.metadata,
    ...updateMarks({
      rolloutId: 'R1',
      releaseId: 'rel',
      targetHash: toHash,
      wave: 0,
      prev: { version: m.version, hash: configHash(m.config), state: m.state }
    })
  }
  return {
    action: '~',
    machineId: m.id,
    region: m.region,
    group: 'app',
    fromVersion: m.version,
    fromState: m.state,
    fromHash: configHash(m.config),
    fromImage: m.imageDigest,
    toHash,
    config,
    skipLaunch: m.state !== 'started'
  }
}

function setup(m: MachineView = view({ id: 'm1' })) {
  const f = fakePorts({ machines: [m] })
  const observer = fakeObserver(f.clock)
  const ctx: StepContext = {
    ports: f.ports,
    app: 'demo',
    rolloutId: 'R1',
    digest: DIGEST_V2,
    observer,
    machineDeadlineMs: 5 * 60_000,
    minSecretsVersion: 7
  }
  return { f, ctx, observer, step: stepFor(m) }
}

/** expectLeasesBalanced: every lease the step acquired was released. */
function expectLeasesBalanced(f: FakePorts) {
  expect(f.outstandingLeases()).toEqual([])
}

describe('applyUpdate', () => {
  test('leases, sends R with current_version, skip_launch and min_secrets_version, waits, checks health, releases', async () => {
    // Arrange
    const { f, ctx, observer, step } = setup()

    // Act
    const r = await applyUpdate(ctx, step)

    // Assert
    expect(r).toEqual({ ok: true, machineId: 'm1', version: 'm1-v2' })
    expect(f.ops('m1')).toEqual([
      'acquireLease',
      'update',
      'waitFor',
      'releaseLease'
    ])
    const [nonce] = f.leasesAcquired.map((l) => l.nonce)
    expect(f.callsOf('acquireLease')[0]!.args).toEqual([
      'demo',
      'm1',
      60,
      'fly-rollout R1'
    ])
    expect(f.callsOf('update')[0]!.args).toEqual([
      'demo',
      'm1',
      {
        config: step.config,
        currentVersion: 'm1-v1',
        skipLaunch: false,
        minSecretsVersion: 7
      },
      nonce
    ])
    expect(f.callsOf('waitFor')[0]!.args).toEqual([
      'demo',
      'm1',
      {
        states: ['started', 'stopped', 'failed'],
        version: 'm1-v2',
        timeoutS: 60
      }
    ])
    expect(observer.asked).toEqual([{ machineId: 'm1', version: 'm1-v2' }])
    expect(f.callsOf('releaseLease')[0]!.args).toEqual(['demo', 'm1', nonce])
    expectLeasesBalanced(f)
  })

  test('a retryable 5xx whose update was applied is reconciled by a GET and not re-sent', async () => {
    const { f, ctx, step } = setup()
    f.on(
      'update',
      async (args, base) => {
        await base(...args)
        throw apiError(502)
      },
      1
    )

    const r = await applyUpdate(ctx, step)

    expect(r).toEqual({ ok: true, machineId: 'm1', version: 'm1-v2' })
    expect(f.ops('m1')).toEqual([
      'acquireLease',
      'update',
      'get',
      'waitFor',
      'releaseLease'
    ])
    expectLeasesBalanced(f)
  })

  const notApplied = [
    { name: 'a 503', error: apiError(503) },
    { name: 'a network failure (status 0)', error: apiError(0) },
    { name: 'a 429', error: apiError(429) }
  ]
  for (const c of notApplied) {
    test(`${c.name} whose update was not applied is sent once more, with the same nonce`, async () => {
      const { f, ctx, step } = setup()
      f.on(
        'update',
        async () => {
          throw c.error
        },
        1
      )

      const r = await applyUpdate(ctx, step)

      expect(r).toEqual({ ok: true, machineId: 'm1', version: 'm1-v2' })
      expect(f.ops('m1')).toEqual([
        'acquireLease',
        'update',
        'get',
        'update',
        'waitFor',
        'releaseLease'
      ])
      const [first, second] = f.callsOf('update')
      expect(second!.args).toEqual(first!.args)
      expectLeasesBalanced(f)
    })
  }

  test('a second retryable failure fails the step: no third try', async () => {
    const { f, ctx, step } = setup()
    f.on('update', async () => {
      throw apiError(503)
    })

    const r = await applyUpdate(ctx, step)

    expect(r).toMatchObject({ ok: false, machineId: 'm1', critical: false })
    expect(f.callsOf('update')).toHaveLength(2)
    expectLeasesBalanced(f)
  })

  test('a machine another deployer moved on during the retry fails the step', async () => {
    const { f, ctx, step } = setup()
    f.on(
      'update',
      async (args, base) => {
        // Someone else's config lands instead of ours.
        await base(args[0], args[1], { config: webConfig() }, args[3])
        throw apiError(500)
      },
      1
    )

    const r = await applyUpdate(ctx, step)

    expect(r).toMatchObject({
      ok: false,
      critical: true,
      reason: expect.stringContaining('someone else is deploying')
    })
    expect(f.callsOf('update')).toHaveLength(1)
    expectLeasesBalanced(f)
  })

  const terminal = [
    {
      name: 'a 412 (the machine moved past current_version)',
      error: apiError(412)
    },
    { name: 'a 400', error: apiError(400) },
    {
      name: 'insufficient capacity (422)',
      error: apiError(
        422,
        'POST',
        '/v1/apps/demo/machines/m1',
        'insufficient_capacity'
      )
    },
    { name: 'a non-API error', error: new TypeError('boom') }
  ]
  for (const c of terminal) {
    test(`${c.name} fails the step without pushing forward`, async () => {
      const { f, ctx, step } = setup()
      f.on('update', async () => {
        throw c.error
      })

      const r = await applyUpdate(ctx, step)

      expect(r).toEqual({
        ok: false,
        machineId: 'm1',
        critical: false,
        reason: expect.stringContaining('updating m1 failed')
      })
      expect(f.ops('m1')).toEqual(['acquireLease', 'update', 'releaseLease'])
      expectLeasesBalanced(f)
    })
  }

  test('a read-back hash other than the target fails the step before any wait', async () => {
    const { f, ctx, step } = setup()
    f.on('update', async (args, base) => {
      const v = await base(...args)
      return { ...v, config: { ...v.config, env: { DROPPED: 'by the API' } } }
    })

    const r = await applyUpdate(ctx, step)

    expect(r).toEqual({
      ok: false,
      machineId: 'm1',
      critical: true,
      reason: expect.stringMatching(
        /^machine m1 reads back a config other than the one sent/
      )
    })
    expect(f.ops('m1')).toEqual(['acquireLease', 'update', 'releaseLease'])
    expectLeasesBalanced(f)
  })

  test('a read-back image digest other than R’s fails the step', async () => {
    const { f, ctx, step } = setup()
    f.on('update', async (args, base) => ({
      ...(await base(...args)),
      imageDigest: 'sha256:' + '9'.repeat(64)
    }))

    const r = await applyUpdate(ctx, step)

    expect(r).toMatchObject({
      ok: false,
      critical: true,
      reason: `machine m1 runs image sha256:${'9'.repeat(64)}, want ${DIGEST_V2}`
    })
    expectLeasesBalanced(f)
  })

  for (const state of ['stopped', 'suspended']) {
    test(`a ${state} machine is updated with skip_launch and verified by read-back only`, async () => {
      const { f, ctx, observer, step } = setup(view({ id: 'm1', state }))

      const r = await applyUpdate(ctx, step)

      expect(r).toEqual({ ok: true, machineId: 'm1', version: 'm1-v2' })
      expect(f.ops('m1')).toEqual(['acquireLease', 'update', 'releaseLease'])
      expect(f.callsOf('update')[0]!.args[2]).toMatchObject({
        skipLaunch: true
      })
      expect(observer.asked).toEqual([])
      expect(f.world.get('m1')!.view.state).toBe(state)
      expectLeasesBalanced(f)
    })
  }

  test('a lease held by someone else is retried 3 times over 30 s, then the step fails', async () => {
    const { f, ctx, step } = setup()
    f.world.get('m1')!.lease = {
      nonce: 'theirs',
      description: 'flyctl deploy',
      expiresAt: Number.MAX_SAFE_INTEGER
    }

    const r = await applyUpdate(ctx, step)

    expect(r).toMatchObject({
      ok: false,
      machineId: 'm1',
      critical: false,
      reason: expect.stringContaining('lease currently held by flyctl deploy')
    })
    expect(f.ops('m1')).toEqual([
      'acquireLease',
      'acquireLease',
      'acquireLease',
      'acquireLease'
    ])
    expect(f.clock.sleeps).toEqual([10_000, 10_000, 10_000])
    expect(f.callsOf('update')).toEqual([])
    expectLeasesBalanced(f)
  })

  test('a lease that frees up on the second try goes ahead', async () => {
    const { f, ctx, step } = setup()
    f.on(
      'acquireLease',
      async () => {
        throw apiError(409)
      },
      1
    )

    const r = await applyUpdate(ctx, step)

    expect(r.ok).toBe(true)
    expect(f.callsOf('acquireLease')).toHaveLength(2)
    expectLeasesBalanced(f)
  })

  test('a step on the anchor uses the rollout’s lease and leaves it held', async () => {
    const { f, ctx, step } = setup()
    const anchor = await acquire(f.ports, 'demo', 'm1', 'R1')

    const r = await applyUpdate({ ...ctx, anchor }, step)

    expect(r.ok).toBe(true)
    expect(f.callsOf('acquireLease')).toHaveLength(1)
    expect(f.callsOf('update')[0]!.args[3]).toBe(anchor.nonce)
    expect(f.callsOf('releaseLease')).toEqual([])
    await anchor.release()
    expectLeasesBalanced(f)
  })

  test('a machine that stops instead of starting fails critically, naming its exit code', async () => {
    const { f, ctx, observer, step } = setup()
    f.on('update', async (args, base) => {
      const v = await base(...args)
      const m = f.world.get('m1')!
      m.view.state = 'stopped'
      m.view.events = [
        {
          type: 'exit',
          status: 'stopped',
          timestamp: f.clock.now(),
          exitCode: 3
        }
      ]
      return v
    })

    const r = await applyUpdate(ctx, step)

    expect(r).toEqual({
      ok: false,
      machineId: 'm1',
      critical: true,
      reason: 'machine m1 is stopped instead of started (exit code 3)'
    })
    expect(observer.asked).toEqual([])
    expectLeasesBalanced(f)
  })

  test('a machine that never starts fails at its deadline; the lease is refreshed meanwhile and released', async () => {
    const { f, ctx, step } = setup()
    f.on('update', async (args, base) => {
      const v = await base(...args)
      f.world.get('m1')!.view.state = 'starting'
      return v
    })
    const start = f.clock.now()

    const r = await applyUpdate(ctx, step)

    expect(r).toEqual({
      ok: false,
      machineId: 'm1',
      critical: false,
      reason: 'machine m1 did not start within 300s'
    })
    // /wait long-polls of ≤60 s until the 5-minute deadline.
    expect(f.callsOf('waitFor')).toHaveLength(5)
    expect(f.clock.now() - start).toBe(300_000)
    expect(f.callsOf('refreshLease').length).toBeGreaterThanOrEqual(1)
    for (const c of f.callsOf('refreshLease'))
      expect(c.args[2]).toBe(f.leasesAcquired[0]!.nonce)
    expectLeasesBalanced(f)
  })

  test('an unhealthy machine fails with the observer’s reason', async () => {
    const { f, ctx, step } = setup()
    const r = await applyUpdate(
      {
        ...ctx,
        observer: fakeObserver(f.clock, () => ({
          ok: false,
          reason: 'machine m1 crashed: exit code 1',
          critical: true
        }))
      },
      step
    )

    expect(r).toEqual({
      ok: false,
      machineId: 'm1',
      critical: true,
      reason: 'machine m1 crashed: exit code 1'
    })
    expectLeasesBalanced(f)
  })
})
