import { describe, expect, test } from 'vitest'
import { KEY, updateMarks } from '../../src/core/metadata.js'
import { configHash } from '../../src/core/normalize.js'
import type {
  MachineConfig,
  MachineRecord,
  MachineView
} from '../../src/core/types.js'
import { restoreMachine } from '../../src/orchestrator/restore-machine.js'
import {
  findRollout,
  reconstructS0,
  rollbackRollout
} from '../../src/orchestrator/resume.js'
import { toRecord } from '../../src/orchestrator/snapshot.js'
import { DIGEST_V1, DIGEST_V2, webConfig } from '../../__fixtures__/builders.js'
import {
  fakePorts,
  view,
  type FakeMachine,
  type FakePorts
} from '../../__fixtures__/fakes.js'

const V2 = `registry.fly.io/demo@${DIGEST_V2}`

/** marked is a machine view carrying rollout marks (and a status, when given). */
function marked(
  id: string,
  rolloutId?: string,
  status?: 'complete' | 'rolling-back'
): MachineView {
  const config = webConfig()
  if (rolloutId)
    config.metadata = {
      ...config.metadata,
      ...updateMarks({
        rolloutId,
        releaseId: 'rel',
        targetHash: 't',
        wave: 0,
        prev: { version: 'v', hash: 'h', state: 'started' }
      }),
      ...(status ? { [KEY.status]: status } : {})
    }
  return view({ id, config })
}

describe('findRollout', () => {
  const machines = [
    marked('m1', '01A', 'complete'),
    marked('m2', '01A'),
    marked('m3', '01B'),
    marked('m4')
  ]
  const cases: {
    name: string
    machines: MachineView[]
    opts: Parameters<typeof findRollout>[1]
    want: ReturnType<typeof findRollout>
  }[] = [
    {
      name: 'the named rollout, when a machine carries it',
      machines,
      opts: { rolloutId: '01A' },
      want: { rolloutId: '01A', rollingBack: false }
    },
    {
      name: 'nothing for a name no machine carries',
      machines,
      opts: { rolloutId: '01Z' },
      want: undefined
    },
    {
      name: 'the one in flight, when none is named',
      machines,
      opts: {},
      want: { rolloutId: '01B', rollingBack: false }
    },
    {
      name: 'a named rollout that is rolling back says so',
      machines: [marked('m1', '01A', 'rolling-back'), marked('m2', '01A')],
      opts: { rolloutId: '01A' },
      want: { rolloutId: '01A', rollingBack: true }
    },
    {
      name: 'the in-flight rollout that is rolling back says so',
      machines: [marked('m1', '01A', 'rolling-back')],
      opts: {},
      want: { rolloutId: '01A', rollingBack: true }
    },
    {
      name: 'nothing when every rollout is complete (resume)',
      machines: [marked('m1', '01A', 'complete'), marked('m2', '01A')],
      opts: {},
      want: undefined
    },
    {
      name: 'the latest complete rollout for a rollback (ULIDs sort by time)',
      machines: [
        marked('m1', '01B', 'complete'),
        marked('m2', '01A', 'complete'),
        marked('m3', '01B')
      ],
      opts: { allowComplete: true },
      want: { rolloutId: '01B', rollingBack: false }
    },
    {
      name: 'nothing on an app no rollout touched',
      machines: [marked('m1'), marked('m2')],
      opts: { allowComplete: true },
      want: undefined
    }
  ]
  for (const c of cases) {
    test(c.name, () => {
      expect(findRollout(c.machines, c.opts)).toEqual(c.want)
    })
  }
})

/** after is machine `rec` after rollout R1 updated it to `config`; /versions keeps S₀. */
function after(
  rec: MachineRecord,
  config: MachineConfig = webConfig(V2)
): FakeMachine {
  const target = structuredClone(config)
  target.metadata = {
    ...target.metadata,
    ...updateMarks({
      rolloutId: 'R1',
      releaseId: 'rel',
      targetHash: configHash(target),
      wave: 1,
      prev: { version: rec.version, hash: rec.hash, state: rec.state }
    })
  }
  return {
    view: view({
      id: rec.id,
      region: rec.region,
      config: target,
      version: `${rec.id}-v2`,
      imageDigest: DIGEST_V2
    }),
    versions: [
      { version: rec.version, config: structuredClone(rec.config) },
      { version: `${rec.id}-v2`, config: structuredClone(target) }
    ]
  }
}

async function reconstruct(f: FakePorts) {
  return reconstructS0(
    f.ports,
    'demo',
    'R1',
    await f.ports.machines.list('demo')
  )
}

describe('reconstructS0', () => {
  test('rebuilds S₀ from /versions for touched machines and from the machine itself for the rest', async () => {
    // Arrange
    const stopped = toRecord(
      view({ id: 'm2', state: 'stopped', region: 'lhr' })
    )
    const touched = toRecord(view({ id: 'm1' }))
    const untouched = view({ id: 'm3', region: 'syd' })
    const created = webConfig(V2)
    created.mounts = [{ volume: 'vol_9', path: '/data' }]
    created.metadata = {
      ...created.metadata,
      ...updateMarks({
        rolloutId: 'R1',
        releaseId: 'rel',
        targetHash: 't',
        wave: 0
      })
    }
    const f = fakePorts({
      machines: [
        after(stopped),
        untouched,
        after(touched),
        view({ id: 'new1', config: created }),
        view({ id: 'gone', state: 'destroyed' }),
        view({
          id: 'rc',
          config: webConfig(V2, {
            metadata: { fly_process_group: 'fly_app_release_command' }
          })
        })
      ]
    })

    // Act
    const r = await reconstruct(f)

    // Assert
    expect(r.drift).toEqual([])
    expect(r.s0).toEqual([touched, stopped, toRecord(untouched)])
    expect([...r.done].sort()).toEqual(['m1', 'm2'])
    expect(r.created).toEqual(new Map([['new1', ['vol_9']]]))
    expect(
      f
        .callsOf('versions')
        .map((c) => c.args[1])
        .sort()
    ).toEqual(['m1', 'm2'])
    expect(f.outstandingLeases()).toEqual([])
  })

  test('machines another rollout marked are S₀ as they are now', async () => {
    const other = view({
      id: 'm1',
      config: webConfig(undefined, {
        metadata: {
          fly_process_group: 'app',
          ...updateMarks({
            rolloutId: 'R0',
            releaseId: 'r',
            targetHash: 't',
            wave: 0
          })
        }
      })
    })
    const f = fakePorts({ machines: [other] })

    const r = await reconstruct(f)

    expect(r.s0).toEqual([toRecord(other)])
    expect(r.created.size).toBe(0)
    expect(f.callsOf('versions')).toEqual([])
    expect(f.outstandingLeases()).toEqual([])
  })

  test('a touched machine whose config changed since is drift', async () => {
    const rec = toRecord(view({ id: 'm1' }))
    const m = after(rec)
    m.view.config.env = { CHANGED: 'by hand' }
    const f = fakePorts({ machines: [m] })

    const r = await reconstruct(f)

    expect(r.drift).toEqual(['m1: config changed since the rollout updated it'])
    expect(r.done.has('m1')).toBe(false)
    // Its S₀ is still known, so a rollback can put it back.
    expect(r.s0).toEqual([rec])
    expect(f.outstandingLeases()).toEqual([])
  })

  const untrusted = [
    { name: 'is missing from /versions', versions: () => [] },
    {
      name: 'does not match the recorded hash',
      versions: (rec: MachineRecord) => [
        { version: rec.version, config: { ...rec.config, env: { X: '1' } } }
      ]
    }
  ]
  for (const c of untrusted) {
    test(`a previous version that ${c.name} is drift, and no S₀ is made up`, async () => {
      const rec = toRecord(view({ id: 'm1' }))
      const m = after(rec)
      m.versions = c.versions(rec)
      const f = fakePorts({ machines: [m] })

      const r = await reconstruct(f)

      expect(r.drift).toEqual([
        `m1: its previous version ${rec.version} is missing from /versions or does not match the recorded hash`
      ])
      expect(r.s0).toEqual([])
      expect(r.done.has('m1')).toBe(true)
      expect(f.outstandingLeases()).toEqual([])
    })
  }

  test('a tag-only S₀ image reconstructed from /versions can still be restored', async () => {
    const TAG = 'registry.fly.io/demo:deployment-1'
    const rec = toRecord(
      view({ id: 'm1', config: webConfig(TAG), imageDigest: DIGEST_V1 })
    )
    const f = fakePorts({ machines: [after(rec)], tags: { [TAG]: DIGEST_V1 } })

    const { s0 } = await reconstruct(f)
    const r = await restoreMachine(
      {
        ports: f.ports,
        app: 'demo',
        rolloutId: 'R1',
        machineDeadlineMs: 300_000
      },
      { machineId: 'm1', s0: s0[0] }
    )

    expect(s0[0]!.config).toEqual(rec.config)
    expect(r.status).toBe('restored')
    expect(f.world.get('m1')!.view).toMatchObject({
      config: rec.config,
      imageDigest: DIGEST_V1
    })
    expect(f.outstandingLeases()).toEqual([])
  })
})

describe('rollbackRollout', () => {
  test('rolls back the latest rollout from the marks alone, even after it completed', async () => {
    const rec = toRecord(view({ id: 'm1' }))
    const m = after(rec)
    m.view.config.metadata![KEY.status] = 'complete'
    const f = fakePorts({ machines: [m] })

    const r = await rollbackRollout(f.ports, { app: 'demo' })

    expect(r).toEqual({
      rolloutId: 'R1',
      report: {
        complete: true,
        results: [{ machineId: 'm1', status: 'restored', s0Digest: DIGEST_V1 }]
      }
    })
    expect(f.world.get('m1')!.view.config).toEqual(rec.config)
    expect(f.outstandingLeases()).toEqual([])
  })

  test('an app no rollout touched has nothing to roll back', async () => {
    const f = fakePorts({ machines: [view({ id: 'm1' })] })

    expect(await rollbackRollout(f.ports, { app: 'demo' })).toBeUndefined()
    expect(f.ops()).toEqual(['list'])
    expect(f.outstandingLeases()).toEqual([])
  })
})
