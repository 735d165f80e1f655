import { describe, expect, test } from 'vitest'
import { KEY, updateMarks } from '../../src/core/metadata.js'
import { configHash } from '../../src/core/normalize.js'
import type { MachineRecord } from '../../src/core/types.js'
import { acquire } from '../../src/orchestrator/leases.js'
import { rollBack } from '../../src/orchestrator/rollback.js'
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
const ROLLOUT = 'R1'

/** s0 records machine `id` before the rollout. */
function s0(id: string, region = 'sjc'): MachineRecord {
  return toRecord(view({ id, region, config: webConfig() }))
}

/** updated is `rec` after rollout R1 moved it to R; /versions keeps S₀. */
function updated(rec: MachineRecord): FakeMachine {
  const config = webConfig(V2)
  config.metadata = {
    ...config.metadata,
    ...updateMarks({
      rolloutId: ROLLOUT,
      releaseId: 'rel',
      targetHash: configHash(config),
      wave: 0,
      prev: { version: rec.version, hash: rec.hash, state: rec.state }
    })
  }
  return {
    view: view({
      id: rec.id,
      region: rec.region,
      config,
      version: `${rec.id}-v2`,
      imageDigest: DIGEST_V2
    }),
    versions: [
      { version: rec.version, config: structuredClone(rec.config) },
      { version: `${rec.id}-v2`, config: structuredClone(config) }
    ]
  }
}

/** createdBy is a machine rollout R1 created. */
function createdBy(id: string): FakeMachine {
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
  return {
    view: view({ id, config, imageDigest: DIGEST_V2 }),
    versions: [{ version: `${id}-v1`, config }]
  }
}

function input(
  f: FakePorts,
  over: Partial<Parameters<typeof rollBack>[0]> = {}
) {
  return {
    ports: f.ports,
    app: 'demo',
    rolloutId: ROLLOUT,
    machineDeadlineMs: 5 * 60_000,
    ...over
  }
}

function expectLeasesBalanced(f: FakePorts) {
  expect(f.outstandingLeases()).toEqual([])
}

describe('rollBack', () => {
  test('restores every touched machine and destroys every created one, all in parallel', async () => {
    // Arrange
    const [a, b, c] = [s0('m1'), s0('m2', 'lhr'), s0('m3', 'syd')]
    const untouched = view({ id: 'm4', config: webConfig() })
    const f = fakePorts({
      machines: [
        updated(a!),
        updated(b!),
        updated(c!),
        createdBy('new1'),
        untouched
      ]
    })

    // Act
    const report = await rollBack(input(f))

    // Assert
    expect(report).toEqual({
      complete: true,
      results: [
        { machineId: 'm1', status: 'restored', s0Digest: DIGEST_V1 },
        { machineId: 'm2', status: 'restored', s0Digest: DIGEST_V1 },
        { machineId: 'm3', status: 'restored', s0Digest: DIGEST_V1 },
        { machineId: 'new1', status: 'destroyed' }
      ]
    })
    expect(f.callsOf('list')[0]!.args).toEqual([
      'demo',
      { metadata: { flyrollout_id: ROLLOUT } }
    ])
    // Every machine is marked rolling-back before any restore begins…
    const ops = f.ops()
    expect(ops.slice(1, 5).sort()).toEqual([
      'setMetadata m1',
      'setMetadata m2',
      'setMetadata m3',
      'setMetadata new1'
    ])
    // …then every restore starts (from the list's read: no GET) before any of
    // them updates: they run in parallel.
    // (This process holds no S₀ here: each updated machine's comes from /versions.)
    expect(ops.slice(5, 9).sort()).toEqual([
      'acquireLease new1',
      'versions m1',
      'versions m2',
      'versions m3'
    ])
    // No GET before the update: the only one is the read-back after it.
    expect(ops.indexOf('get m1')).toBeGreaterThan(ops.indexOf('update m1'))
    for (const rec of [a!, b!, c!])
      expect(f.world.get(rec.id)!.view.config).toEqual(rec.config)
    expect(f.world.get('new1')!.view.state).toBe('destroyed')
    expect(f.ops('m4')).toEqual([])
    expectLeasesBalanced(f)
  })

  test('one failing machine does not block the others', async () => {
    const [a, b] = [s0('m1'), s0('m2')]
    const f = fakePorts({ machines: [updated(a!), updated(b!)] })
    f.on('get', async (args, base) => {
      if (args[1] === 'm1') throw apiError(503, 'GET')
      return base(...args)
    })

    const report = await rollBack(input(f))

    expect(report.complete).toBe(false)
    expect(report.results).toEqual([
      {
        machineId: 'm1',
        status: 'failed',
        reason: 'GET /v1/apps/demo/machines/m1: 503'
      },
      { machineId: 'm2', status: 'restored', s0Digest: DIGEST_V1 }
    ])
    // m2 was restored while m1 was still backing off: its first retry comes after m2's update.
    const ops = f.ops()
    const m1Gets = ops.flatMap((o, i) => (o === 'get m1' ? [i] : []))
    expect(m1Gets).toHaveLength(6)
    expect(ops.indexOf('update m2')).toBeLessThan(m1Gets[1]!)
    expectLeasesBalanced(f)
  })

  test('an unrestorable machine makes the rollback incomplete; the others are still restored', async () => {
    const [a, b] = [s0('m1'), s0('m2')]
    const pruned = updated(b!)
    pruned.versions = pruned.versions.slice(1)
    const f = fakePorts({ machines: [updated(a!), pruned] })

    const report = await rollBack(input(f))

    expect(report.complete).toBe(false)
    expect(report.results.map((r) => [r.machineId, r.status])).toEqual([
      ['m1', 'restored'],
      ['m2', 'unrestorable']
    ])
    expect(f.world.get('m1')!.view.config).toEqual(a!.config)
    expectLeasesBalanced(f)
  })

  test('uses the S₀ this process recorded, and restores machines it touched that are no longer marked', async () => {
    const [a, b] = [s0('m1'), s0('m2')]
    // m2 was already put back (no marks): restore is idempotent.
    const f = fakePorts({
      machines: [updated(a!), view({ id: 'm2', config: b!.config })]
    })

    const report = await rollBack(
      input(f, {
        s0: new Map([
          [a!.id, a!],
          [b!.id, b!]
        ])
      })
    )

    expect(report).toEqual({
      complete: true,
      results: [
        { machineId: 'm1', status: 'restored', s0Digest: DIGEST_V1 },
        { machineId: 'm2', status: 'unchanged', s0Digest: DIGEST_V1 }
      ]
    })
    // S₀ came from memory: /versions was not needed.
    expect(f.callsOf('versions')).toEqual([])
    expectLeasesBalanced(f)
  })

  test('machines this process created are destroyed with their volumes, marked or not', async () => {
    const f = fakePorts({
      machines: [view({ id: 'new1', config: webConfig(V2) })]
    })

    const report = await rollBack(
      input(f, { created: new Map([['new1', ['vol_1']]]) })
    )

    expect(report.results).toEqual([{ machineId: 'new1', status: 'destroyed' }])
    expect(f.callsOf('volumes.destroy').map((c) => c.args[1])).toEqual([
      'vol_1'
    ])
    expectLeasesBalanced(f)
  })

  test('machines already marked rolling-back are not marked again; the anchor is marked under its lease', async () => {
    const [a, b] = [s0('m1'), s0('m2')]
    const marked = updated(b!)
    marked.view.config.metadata![KEY.status] = 'rolling-back'
    const f = fakePorts({ machines: [updated(a!), marked] })
    const anchor = await acquire(f.ports, 'demo', 'm1', ROLLOUT)

    const report = await rollBack(input(f, { anchor }))

    expect(report.complete).toBe(true)
    expect(
      f
        .callsOf('setMetadata', 'm2')
        .filter(
          (c) =>
            (c.args[2] as Record<string, unknown>)[KEY.status] ===
            'rolling-back'
        )
    ).toEqual([])
    expect(f.callsOf('setMetadata', 'm1')[0]!.args).toEqual([
      'demo',
      'm1',
      { [KEY.status]: 'rolling-back' },
      anchor.nonce
    ])
    // The anchor's lease is the caller's: still held after the rollback.
    expect(f.outstandingLeases()).toEqual([
      { machineId: 'm1', nonce: anchor.nonce }
    ])
    await anchor.release()
    expectLeasesBalanced(f)
  })

  test('a failed rolling-back mark is not fatal', async () => {
    const a = s0('m1')
    const f = fakePorts({ machines: [updated(a)] })
    f.on(
      'setMetadata',
      async () => {
        throw apiError(500, 'PATCH')
      },
      1
    )

    const report = await rollBack(input(f))

    expect(report.complete).toBe(true)
    expect(f.logs).toContain(
      'debug: could not mark m1 rolling-back: PATCH /v1/apps/demo/machines/m1: 500'
    )
    expectLeasesBalanced(f)
  })

  test('nothing to roll back is complete', async () => {
    const f = fakePorts({ machines: [view({ id: 'm1' })] })

    expect(await rollBack(input(f))).toEqual({ complete: true, results: [] })
    expect(f.ops()).toEqual(['list'])
    expect(f.outstandingLeases()).toEqual([])
  })
})
