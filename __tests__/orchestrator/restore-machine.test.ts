import { describe, expect, test } from 'vitest'
import { KEY, updateMarks } from '../../src/core/metadata.js'
import { configHash } from '../../src/core/normalize.js'
import type { MachineConfig, MachineRecord } from '../../src/core/types.js'
import { acquire } from '../../src/orchestrator/leases.js'
import {
  restoreMachine,
  type RestoreContext
} from '../../src/orchestrator/restore-machine.js'
import { toRecord } from '../../src/orchestrator/snapshot.js'
import { DIGEST_V1, DIGEST_V2, webConfig } from '../../__fixtures__/builders.js'
import {
  apiError,
  fakePorts,
  view,
  type FakeMachine,
  type FakePorts
} from '../../__fixtures__/fakes.js'

const V2 = `registry.fly.io/demo@${DIGEST_V2}`
const DIGEST_V3 = 'sha256:' + '3'.repeat(64)
const ROLLOUT = 'R1'

/** marksOf returns the metadata rollout `rolloutId` wrote on a machine it updated from `s0`. */
function marksOf(s0: MachineRecord, rolloutId = ROLLOUT, target = 't') {
  return updateMarks({
    rolloutId,
    releaseId: 'rel',
    targetHash: target,
    wave: 0,
    prev: { version: s0.version, hash: s0.hash, state: s0.state }
  })
}

/**
 * touched is machine `s0` after rollout R1 updated it to R (V2 image): the
 * new version carries the marks; /versions still has S₀'s version.
 */
function touched(
  s0: MachineRecord,
  over: { state?: string; config?: MachineConfig; imageDigest?: string } = {}
): FakeMachine {
  const config = over.config ?? webConfig(V2)
  config.metadata = {
    ...config.metadata,
    ...marksOf(s0, ROLLOUT, configHash(config))
  }
  const version = `${s0.id}-v2`
  return {
    view: view({
      id: s0.id,
      config,
      version,
      state: over.state ?? 'started',
      imageDigest: over.imageDigest ?? DIGEST_V2
    }),
    versions: [
      { version: s0.version, config: structuredClone(s0.config) },
      { version, config: structuredClone(config) }
    ]
  }
}

/** s0Of records machine m1 as S₀ (webConfig on V1, optionally with an older rollout's marks). */
function s0Of(over: { state?: string; config?: MachineConfig } = {}) {
  return toRecord(
    view({
      id: 'm1',
      state: over.state ?? 'started',
      config: over.config ?? webConfig()
    })
  )
}

function ctxOf(
  f: FakePorts,
  over: Partial<RestoreContext> = {}
): RestoreContext {
  return {
    ports: f.ports,
    app: 'demo',
    rolloutId: ROLLOUT,
    minSecretsVersion: 9,
    machineDeadlineMs: 5 * 60_000,
    ...over
  }
}

function expectLeasesBalanced(f: FakePorts) {
  expect(f.outstandingLeases()).toEqual([])
}

describe('restoreMachine', () => {
  test('a machine already exactly as S₀ is unchanged: no lease, no update', async () => {
    const s0 = s0Of()
    const f = fakePorts({ machines: [view({ id: 'm1', config: s0.config })] })

    const r = await restoreMachine(ctxOf(f), { machineId: 'm1', s0 })

    expect(r).toEqual({
      machineId: 'm1',
      status: 'unchanged',
      s0Digest: DIGEST_V1
    })
    expect(f.ops('m1')).toEqual(['get'])
    expectLeasesBalanced(f)
  })

  test('when only our marks differ, one metadata PATCH puts them back: no update, no restart', async () => {
    // S₀ carries the marks of an older, complete rollout R0.
    const older = s0Of()
    const s0Config = webConfig()
    s0Config.metadata = {
      ...s0Config.metadata,
      ...marksOf(older, 'R0', 'r0-target'),
      [KEY.status]: 'complete'
    }
    const s0 = s0Of({ config: s0Config })
    // R1 sent S₀'s config unchanged (an `=` step): only the marks differ.
    const now = webConfig()
    now.metadata = {
      ...now.metadata,
      ...marksOf(s0),
      [KEY.status]: 'rolling-back'
    }
    const f = fakePorts({
      machines: [view({ id: 'm1', config: now, version: 'm1-v2' })]
    })

    const r = await restoreMachine(ctxOf(f), { machineId: 'm1', s0 })

    expect(r).toEqual({
      machineId: 'm1',
      status: 'restored',
      s0Digest: DIGEST_V1
    })
    expect(f.ops('m1')).toEqual([
      'get',
      'acquireLease',
      'setMetadata',
      'get',
      'releaseLease'
    ])
    const [, , kv, nonce] = f.callsOf('setMetadata')[0]!.args
    // R1's values go back to R0's; R1-only keys would be removed (null).
    expect(kv).toEqual({
      flyrollout_id: 'R0',
      flyrollout_target_hash: 'r0-target',
      flyrollout_status: 'complete'
    })
    expect(nonce).toBe(f.leasesAcquired[0]!.nonce)
    expect(f.world.get('m1')!.view.config).toEqual(s0.config)
    expect(f.world.get('m1')!.view.version).toBe('m1-v2')
    expectLeasesBalanced(f)
  })

  test('marks of this rollout that S₀ did not have are removed', async () => {
    const s0 = s0Of()
    const now = webConfig()
    now.metadata = { ...now.metadata, ...marksOf(s0) }
    const f = fakePorts({
      machines: [view({ id: 'm1', config: now, version: 'm1-v2' })]
    })

    const r = await restoreMachine(ctxOf(f), { machineId: 'm1', s0 })

    expect(r.status).toBe('restored')
    expect(f.callsOf('setMetadata')[0]!.args[2]).toEqual({
      flyrollout_id: null,
      flyrollout_release: null,
      flyrollout_target_hash: null,
      flyrollout_wave: null,
      flyrollout_prev_version: null,
      flyrollout_prev_hash: null,
      flyrollout_prev_state: null
    })
    expect(f.callsOf('update')).toEqual([])
    expectLeasesBalanced(f)
  })

  test('otherwise it updates with the S₀ config, waits until healthy and reads back', async () => {
    const s0 = s0Of()
    const f = fakePorts({ machines: [touched(s0)] })

    const r = await restoreMachine(ctxOf(f), { machineId: 'm1', s0 })

    expect(r).toEqual({
      machineId: 'm1',
      status: 'restored',
      s0Digest: DIGEST_V1
    })
    // The health poll's read doubles as the read-back: no second GET.
    expect(f.ops('m1')).toEqual([
      'get',
      'acquireLease',
      'update',
      'waitFor',
      'get',
      'releaseLease'
    ])
    expect(f.callsOf('update')[0]!.args).toEqual([
      'demo',
      'm1',
      {
        config: s0.config,
        currentVersion: 'm1-v2',
        skipLaunch: false,
        minSecretsVersion: 9
      },
      f.leasesAcquired[0]!.nonce
    ])
    expect(f.callsOf('waitFor')[0]!.args[2]).toMatchObject({
      states: expect.arrayContaining(['started']),
      version: 'm1-v3'
    })
    expect(f.world.get('m1')!.view).toMatchObject({
      config: s0.config,
      imageDigest: DIGEST_V1,
      state: 'started'
    })
    expectLeasesBalanced(f)
  })

  test('a stopped S₀ is updated with skip_launch, then stopped and waited for', async () => {
    const s0 = s0Of({ state: 'stopped' })
    // The proxy started it since (autostart).
    const f = fakePorts({ machines: [touched(s0, { state: 'started' })] })

    const r = await restoreMachine(ctxOf(f), { machineId: 'm1', s0 })

    expect(r).toMatchObject({ machineId: 'm1', status: 'restored' })
    const nonce = f.leasesAcquired[0]!.nonce
    expect(f.ops('m1')).toEqual([
      'get',
      'acquireLease',
      'update',
      'stop',
      'waitFor',
      'get',
      'releaseLease'
    ])
    expect(f.callsOf('update')[0]!.args[2]).toMatchObject({ skipLaunch: true })
    expect(f.callsOf('stop')[0]!.args).toEqual(['demo', 'm1', nonce])
    expect(f.callsOf('waitFor')[0]!.args[2]).toEqual({
      states: ['stopped'],
      version: 'm1-v3',
      timeoutS: 60
    })
    expect(f.world.get('m1')!.view.state).toBe('stopped')
    expectLeasesBalanced(f)
  })

  test('a stopped S₀ that is still stopped is not stopped again', async () => {
    const s0 = s0Of({ state: 'stopped' })
    const f = fakePorts({ machines: [touched(s0, { state: 'stopped' })] })

    const r = await restoreMachine(ctxOf(f), { machineId: 'm1', s0 })

    expect(r.status).toBe('restored')
    expect(f.callsOf('stop')).toEqual([])
    expect(f.callsOf('waitFor')).toEqual([])
    expectLeasesBalanced(f)
  })

  test('a suspended S₀ is suspended again, so a second restore changes nothing', async () => {
    const s0 = s0Of({ state: 'suspended' })
    // A config write discards the suspend snapshot: the machine is stopped now.
    const f = fakePorts({ machines: [touched(s0, { state: 'stopped' })] })

    const first = await restoreMachine(ctxOf(f), { machineId: 'm1', s0 })
    const updates = f.callsOf('update').length
    const second = await restoreMachine(ctxOf(f), { machineId: 'm1', s0 })

    expect(first.status).toBe('restored')
    expect(f.world.get('m1')!.view.state).toBe('suspended')
    expect(second.status).toBe('unchanged')
    expect(f.callsOf('update')).toHaveLength(updates)
    expectLeasesBalanced(f)
  })

  test('a machine restored exactly but not healthy is restored, flagged unhealthy (§7.4)', async () => {
    const s0 = s0Of()
    const f = fakePorts({ machines: [touched(s0)] })
    f.on('update', async (args, base) => {
      const v = await base(...args)
      f.world.get('m1')!.view.state = 'stopped'
      return v
    })

    const r = await restoreMachine(ctxOf(f), { machineId: 'm1', s0 })

    expect(r).toEqual({
      machineId: 'm1',
      status: 'restored',
      s0Digest: DIGEST_V1,
      unhealthy: true,
      reason: 'machine m1 is back on its S₀ config but not healthy'
    })
    expect(f.callsOf('update')).toHaveLength(1)
    expectLeasesBalanced(f)
  })

  test('a machine the rollout created is destroyed with its volumes', async () => {
    const config = webConfig(V2)
    config.metadata = {
      ...config.metadata,
      ...updateMarks({
        rolloutId: ROLLOUT,
        releaseId: 'rel',
        targetHash: 't',
        wave: 0
      })
    }
    const f = fakePorts({ machines: [view({ id: 'new1', config })] })

    const r = await restoreMachine(ctxOf(f), {
      machineId: 'new1',
      created: { volumeIds: ['vol_a'] }
    })

    expect(r).toEqual({ machineId: 'new1', status: 'destroyed' })
    const nonce = f.leasesAcquired[0]!.nonce
    expect(f.callsOf('destroy')[0]!.args).toEqual([
      'demo',
      'new1',
      { force: true },
      nonce
    ])
    expect(f.callsOf('volumes.destroy')[0]!.args).toEqual(['demo', 'vol_a'])
    expect(f.callsOf('update')).toEqual([])
    expect(f.world.get('new1')!.view.state).toBe('destroyed')
    expectLeasesBalanced(f)
  })

  test('a created machine is destroyed and waited for until Fly reports it destroyed (§7.3.6)', async () => {
    const f = fakePorts({
      machines: [view({ id: 'new1', config: webConfig(V2) })]
    })

    await restoreMachine(ctxOf(f), {
      machineId: 'new1',
      created: { volumeIds: [] }
    })

    expect(f.ops('new1')).toEqual([
      'get',
      'acquireLease',
      'destroy',
      'waitFor',
      'releaseLease'
    ])
    expect(f.callsOf('waitFor')[0]!.args[2]).toMatchObject({
      states: ['destroyed']
    })
    expectLeasesBalanced(f)
  })

  test('a machine marked created is destroyed even when this process did not create it', async () => {
    const config = webConfig(V2)
    config.metadata = {
      ...config.metadata,
      ...updateMarks({
        rolloutId: ROLLOUT,
        releaseId: 'rel',
        targetHash: 't',
        wave: 0
      })
    }
    const f = fakePorts({ machines: [view({ id: 'new1', config })] })

    const r = await restoreMachine(ctxOf(f), { machineId: 'new1' })

    expect(r.status).toBe('destroyed')
    expect(f.callsOf('destroy')).toHaveLength(1)
    expectLeasesBalanced(f)
  })

  const gone = [
    {
      name: 'a created machine already gone (404) counts as destroyed',
      created: true,
      want: 'destroyed'
    },
    {
      name: 'an S₀ machine that no longer exists is unrestorable',
      created: false,
      want: 'unrestorable'
    }
  ]
  for (const c of gone) {
    test(c.name, async () => {
      const f = fakePorts({ machines: [] })

      const r = await restoreMachine(ctxOf(f), {
        machineId: 'm1',
        ...(c.created ? { created: { volumeIds: [] } } : { s0: s0Of() })
      })

      expect(r.status).toBe(c.want)
      expect(f.ops('m1')).toEqual(['get'])
      expectLeasesBalanced(f)
    })
  }

  test('without a recorded S₀ it restores /versions’ previous version, checked against prev_hash', async () => {
    const s0 = s0Of()
    const f = fakePorts({ machines: [touched(s0)] })

    const r = await restoreMachine(ctxOf(f), { machineId: 'm1' })

    expect(r).toEqual({
      machineId: 'm1',
      status: 'restored',
      s0Digest: DIGEST_V1
    })
    expect(f.callsOf('versions')).toHaveLength(1)
    expect(f.callsOf('update')[0]!.args[2]).toMatchObject({ config: s0.config })
    expect(f.world.get('m1')!.view.config).toEqual(s0.config)
    expectLeasesBalanced(f)
  })

  const untrusted: {
    name: string
    versions: (s0: MachineRecord) => FakeMachine['versions']
  }[] = [
    {
      name: 'a previous version whose hash is not prev_hash',
      versions: (s0) => [
        {
          version: s0.version,
          config: { ...s0.config, env: { EDITED: 'later' } }
        }
      ]
    },
    { name: 'a previous version pruned from /versions', versions: () => [] }
  ]
  for (const c of untrusted) {
    test(`${c.name} is unrestorable: never guessed, never retried`, async () => {
      const s0 = s0Of()
      const m = touched(s0)
      m.versions = c.versions(s0)
      const f = fakePorts({ machines: [m] })

      const r = await restoreMachine(ctxOf(f), { machineId: 'm1' })

      expect(r).toMatchObject({
        machineId: 'm1',
        status: 'unrestorable',
        reason: expect.stringContaining('no trustworthy S₀ config for m1')
      })
      expect(f.ops('m1')).toEqual(['get', 'versions'])
      expect(f.clock.sleeps).toEqual([])
      expectLeasesBalanced(f)
    })
  }

  test('a tag-only S₀ image from /versions is restored without knowing its digest', async () => {
    const TAG = 'registry.fly.io/demo:deployment-1'
    const s0 = toRecord(
      view({ id: 'm1', config: webConfig(TAG), imageDigest: DIGEST_V1 })
    )
    const f = fakePorts({ machines: [touched(s0)], tags: { [TAG]: DIGEST_V1 } })

    const r = await restoreMachine(ctxOf(f), { machineId: 'm1' })

    expect(r.status).toBe('restored')
    expect(f.callsOf('update')).toHaveLength(1)
    expect(f.world.get('m1')!.view).toMatchObject({
      config: s0.config,
      imageDigest: DIGEST_V1
    })
    expectLeasesBalanced(f)
  })

  test('a tag that moved since S₀ is pinned to S₀’s digest', async () => {
    const TAG = 'registry.fly.io/demo:deployment-1'
    const s0 = toRecord(
      view({ id: 'm1', config: webConfig(TAG), imageDigest: DIGEST_V1 })
    )
    const f = fakePorts({ machines: [touched(s0)], tags: { [TAG]: DIGEST_V3 } })

    const r = await restoreMachine(ctxOf(f), { machineId: 'm1', s0 })

    expect(r).toMatchObject({ status: 'restored', s0Digest: DIGEST_V1 })
    const [first, second] = f.callsOf('update')
    expect((first!.args[2] as { config: MachineConfig }).config.image).toBe(TAG)
    expect((second!.args[2] as { config: MachineConfig }).config.image).toBe(
      `registry.fly.io/demo@${DIGEST_V1}`
    )
    expect(f.world.get('m1')!.view.imageDigest).toBe(DIGEST_V1)
    expectLeasesBalanced(f)
  })

  test('a retry after the S₀ config already landed finds the machine back, never an older rollout’s S₀', async () => {
    // S₀ carries the marks of the older rollout R0, whose own S₀ is still in /versions.
    const preR0 = toRecord(
      view({ id: 'm1', config: webConfig(), version: 'm1-v0' })
    )
    const s0Config = webConfig(`registry.fly.io/demo@${DIGEST_V3}`)
    s0Config.metadata = { ...s0Config.metadata, ...marksOf(preR0, 'R0') }
    const s0 = toRecord(
      view({ id: 'm1', config: s0Config, imageDigest: DIGEST_V3 })
    )
    const m = touched(s0)
    m.versions.unshift({ version: 'm1-v0', config: preR0.config })
    const f = fakePorts({ machines: [m] })
    let gets = 0
    f.on('get', async (args, base) => {
      // The read-back after the S₀ update fails once.
      if (++gets === 3) throw apiError(503, 'GET')
      return base(...args)
    })

    const r = await restoreMachine(ctxOf(f), { machineId: 'm1' })

    expect(['restored', 'unchanged']).toContain(r.status)
    expect(f.callsOf('update')).toHaveLength(1)
    expect(f.world.get('m1')!.view.config).toEqual(s0.config)
    expectLeasesBalanced(f)
  })

  test('a machine that keeps failing is tried once and retried 5 times with backoff 2 → 32 s, then reported failed, never thrown', async () => {
    const s0 = s0Of()
    const f = fakePorts({ machines: [touched(s0)] })
    f.on('update', async () => {
      throw apiError(500)
    })

    const r = await restoreMachine(ctxOf(f), { machineId: 'm1', s0 })

    expect(r).toEqual({
      machineId: 'm1',
      status: 'failed',
      reason: 'POST /v1/apps/demo/machines/m1: 500'
    })
    expect(f.callsOf('update')).toHaveLength(6)
    expect(f.clock.sleeps).toEqual([2_000, 4_000, 8_000, 16_000, 32_000])
    expect(f.leasesAcquired).toHaveLength(6)
    expect(
      f.logs.filter((l) => l.startsWith('warn: restore of m1 failed'))
    ).toHaveLength(6)
    expectLeasesBalanced(f)
  })

  test('a read that keeps failing is reported failed after 6 attempts', async () => {
    const f = fakePorts({ machines: [touched(s0Of())] })
    f.on('get', async () => {
      throw apiError(503, 'GET')
    })

    const r = await restoreMachine(ctxOf(f), { machineId: 'm1', s0: s0Of() })

    expect(r.status).toBe('failed')
    expect(f.callsOf('get')).toHaveLength(6)
    expectLeasesBalanced(f)
  })

  test('a lease held elsewhere for three tries is got on the retry; the restore goes on', async () => {
    const s0 = s0Of()
    const f = fakePorts({ machines: [touched(s0)] })
    f.on(
      'acquireLease',
      async () => {
        throw apiError(409)
      },
      3
    )

    const r = await restoreMachine(ctxOf(f), { machineId: 'm1', s0 })

    expect(r.status).toBe('restored')
    expect(f.callsOf('acquireLease')).toHaveLength(4)
    // Three conflict waits: the fourth try gets the lease within the first attempt.
    expect(f.clock.sleeps.slice(0, 3)).toEqual([10_000, 10_000, 10_000])
    expectLeasesBalanced(f)
  })

  test('the anchor is restored under the rollout’s lease, which stays held', async () => {
    const s0 = s0Of()
    const f = fakePorts({ machines: [touched(s0)] })
    const anchor = await acquire(f.ports, 'demo', 'm1', ROLLOUT)

    const r = await restoreMachine(ctxOf(f, { anchor }), {
      machineId: 'm1',
      s0
    })

    expect(r.status).toBe('restored')
    expect(f.callsOf('acquireLease')).toHaveLength(1)
    expect(f.callsOf('update')[0]!.args[3]).toBe(anchor.nonce)
    expect(f.callsOf('releaseLease')).toEqual([])
    await anchor.release()
    expectLeasesBalanced(f)
  })
})
