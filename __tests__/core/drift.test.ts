import { describe, expect, test } from 'vitest'
import {
  detectDrift,
  pinImage,
  referenceConfigs,
  renderDriftText,
  type DriftReport
} from '../../src/core/drift.js'
import { KEY, updateMarks } from '../../src/core/metadata.js'
import { configHash } from '../../src/core/normalize.js'
import type { MachineConfig, MachineView } from '../../src/core/types.js'
import { DIGEST_V1, DIGEST_V2, webConfig } from '../../__fixtures__/builders.js'
import { view } from '../../__fixtures__/fakes.js'

const DIGEST_V3 = 'sha256:' + '3'.repeat(64)
const NO_COUNTS = { counts: {} }

/** onTarget is a machine a rollout left on its target: its marks name its own hash. */
function onTarget(
  id: string,
  rolloutId: string,
  over: Partial<MachineView> & { env?: Record<string, string> } = {},
  status?: 'complete' | 'rolling-back'
): MachineView {
  const { env, ...rest } = over
  const config: MachineConfig = webConfig(undefined, {
    env: { PRIMARY_REGION: 'sjc', ...env }
  })
  config.metadata = {
    ...config.metadata,
    ...updateMarks({
      rolloutId,
      releaseId: 'r'.repeat(64),
      targetHash: configHash(config),
      wave: 0,
      prev: { version: 'v0', hash: 'h0', state: 'started' }
    }),
    ...(status ? { [KEY.status]: status } : {})
  }
  return view({ id, ...rest, config })
}

/** drifted is onTarget, then changed out of band: another env, the marks left as they were. */
function drifted(
  id: string,
  rolloutId: string,
  env: Record<string, string>,
  over: Partial<MachineView> = {},
  status?: 'complete'
): MachineView {
  const m = onTarget(id, rolloutId, over, status)
  m.config = { ...m.config, env: { ...m.config.env, ...env } }
  return m
}

function unmarked(id: string, over: Partial<MachineView> = {}): MachineView {
  return view({ id, ...over })
}

function group(g: string): MachineConfig {
  const c = webConfig()
  c.metadata = { ...c.metadata, fly_process_group: g }
  return c
}

describe('detectDrift', () => {
  const cases: {
    name: string
    machines: MachineView[]
    counts?: Record<string, Record<string, number>>
    release?: { digest: string }
    want: { kind: string; subject: string; from: string; to: string }[]
    digest?: string
    source?: DriftReport['digestSource']
  }[] = [
    {
      name: 'no machines: nothing drifted, no digest',
      machines: [],
      want: []
    },
    {
      name: 'machines on the target a complete rollout recorded',
      machines: [
        onTarget('m1', 'R1', {}, 'complete'),
        onTarget('m2', 'R1'),
        onTarget('m3', 'R1', { region: 'lhr' })
      ],
      want: [],
      digest: DIGEST_V1,
      source: 'marks'
    },
    {
      name: 'a machine changed out of band: config target → current',
      machines: [
        onTarget('m1', 'R1', {}, 'complete'),
        drifted('m2', 'R1', { LOG_LEVEL: 'debug' })
      ],
      want: [
        {
          kind: 'config',
          subject: 'm2',
          from: configHash(onTarget('m2', 'R1').config),
          to: configHash(drifted('m2', 'R1', { LOG_LEVEL: 'debug' }).config)
        }
      ],
      digest: DIGEST_V1,
      source: 'marks'
    },
    {
      name: 'unmarked machines: the started majority decides the image',
      machines: [
        unmarked('m1'),
        unmarked('m2'),
        unmarked('m3', { imageDigest: DIGEST_V2 })
      ],
      want: [{ kind: 'image', subject: 'm3', from: DIGEST_V1, to: DIGEST_V2 }],
      digest: DIGEST_V1,
      source: 'majority'
    },
    {
      name: 'stopped machines do not vote, but drift like the others',
      machines: [
        unmarked('m1'),
        unmarked('m2', { state: 'stopped', imageDigest: DIGEST_V2 }),
        unmarked('m3', { state: 'stopped', imageDigest: DIGEST_V2 })
      ],
      want: [
        { kind: 'image', subject: 'm2', from: DIGEST_V1, to: DIGEST_V2 },
        { kind: 'image', subject: 'm3', from: DIGEST_V1, to: DIGEST_V2 }
      ],
      digest: DIGEST_V1,
      source: 'majority'
    },
    {
      name: 'a tie and no marks: no digest, no image item',
      machines: [unmarked('m1'), unmarked('m2', { imageDigest: DIGEST_V2 })],
      want: []
    },
    {
      name: 'marks decide a tie: the newest rollout on target is right',
      machines: [
        onTarget('m1', 'R2', { imageDigest: DIGEST_V2 }, 'complete'),
        unmarked('m2')
      ],
      want: [{ kind: 'image', subject: 'm2', from: DIGEST_V2, to: DIGEST_V1 }],
      digest: DIGEST_V2,
      source: 'marks'
    },
    {
      name: 'the newest rollout wins over an older one',
      machines: [
        onTarget('m1', 'R1', { imageDigest: DIGEST_V1 }, 'complete'),
        onTarget('m2', 'R2', { imageDigest: DIGEST_V2 }, 'complete')
      ],
      want: [{ kind: 'image', subject: 'm1', from: DIGEST_V2, to: DIGEST_V1 }],
      digest: DIGEST_V2,
      source: 'marks'
    },
    {
      name: "a drifted machine's image is not the rollout's word",
      machines: [
        drifted('m1', 'R1', { X: '1' }, { imageDigest: DIGEST_V2 }, 'complete'),
        unmarked('m2'),
        unmarked('m3')
      ],
      want: [
        {
          kind: 'config',
          subject: 'm1',
          from: configHash(onTarget('m1', 'R1').config),
          to: configHash(drifted('m1', 'R1', { X: '1' }).config)
        },
        { kind: 'image', subject: 'm1', from: DIGEST_V1, to: DIGEST_V2 }
      ],
      digest: DIGEST_V1,
      source: 'majority'
    },
    {
      name: 'the release digest, when given, is what every machine should run',
      machines: [unmarked('m1'), unmarked('m2')],
      release: { digest: DIGEST_V3 },
      want: [
        { kind: 'image', subject: 'm1', from: DIGEST_V3, to: DIGEST_V1 },
        { kind: 'image', subject: 'm2', from: DIGEST_V3, to: DIGEST_V1 }
      ],
      digest: DIGEST_V3,
      source: 'release'
    },
    {
      name: 'a pool below counts: wanted → have',
      machines: [unmarked('m1'), unmarked('m2', { region: 'lhr' })],
      counts: { app: { sjc: 3, lhr: 1 } },
      want: [{ kind: 'pool', subject: 'sjc/app', from: '3', to: '1' }],
      digest: DIGEST_V1,
      source: 'majority'
    },
    {
      name: 'counts * covers every group; a region with none counts as 0',
      machines: [unmarked('m1'), unmarked('m2', { config: group('worker') })],
      counts: { '*': { sjc: 1, syd: 1 } },
      want: [
        { kind: 'pool', subject: 'syd/app', from: '1', to: '0' },
        { kind: 'pool', subject: 'syd/worker', from: '1', to: '0' }
      ],
      digest: DIGEST_V1,
      source: 'majority'
    },
    {
      name: 'counts above what runs is not drift (the plan destroys surplus)',
      machines: [unmarked('m1'), unmarked('m2')],
      counts: { app: { sjc: 1 } },
      want: [],
      digest: DIGEST_V1,
      source: 'majority'
    },
    {
      name: 'a rollout left in flight; its marks do not decide the image',
      machines: [
        onTarget('m1', 'R2', { imageDigest: DIGEST_V2 }),
        unmarked('m2'),
        unmarked('m3')
      ],
      want: [
        { kind: 'in-flight', subject: 'R2', from: 'complete', to: 'in-flight' },
        { kind: 'image', subject: 'm1', from: DIGEST_V1, to: DIGEST_V2 }
      ],
      digest: DIGEST_V1,
      source: 'majority'
    },
    {
      name: 'a rollout left rolling back',
      machines: [
        onTarget('m1', 'R1', {}, 'rolling-back'),
        onTarget('m2', 'R1')
      ],
      want: [
        {
          kind: 'in-flight',
          subject: 'R1',
          from: 'complete',
          to: 'rolling-back'
        }
      ],
      digest: DIGEST_V1,
      source: 'majority'
    },
    {
      name: 'destroyed machines and the release_command group are ignored',
      machines: [
        unmarked('m1'),
        unmarked('m2', { state: 'destroyed', imageDigest: DIGEST_V2 }),
        unmarked('m3', {
          imageDigest: DIGEST_V2,
          config: group('fly_app_release_command')
        })
      ],
      counts: { app: { sjc: 1 } },
      want: [],
      digest: DIGEST_V1,
      source: 'majority'
    }
  ]
  for (const c of cases) {
    test(c.name, () => {
      const r = detectDrift({
        machines: c.machines,
        spec: { counts: c.counts ?? {} },
        release: c.release
      })
      expect(
        r.items.map(({ kind, subject, from, to }) => ({
          kind,
          subject,
          from,
          to
        }))
      ).toEqual(c.want)
      expect(r.digest).toBe(c.digest)
      expect(r.digestSource).toBe(c.source)
    })
  }

  test('a config item names what changed against its group, and its rollout', () => {
    const r = detectDrift({
      machines: [
        onTarget('m1', 'R1', {}, 'complete'),
        drifted('m2', 'R1', { LOG_LEVEL: 'debug' })
      ],
      spec: NO_COUNTS
    })
    expect(r.items[0]).toMatchObject({ region: 'sjc', group: 'app' })
    expect(r.items[0]!.detail).toMatch(
      /^m2 \(sjc\/app\): config [0-9a-f]{12} → [0-9a-f]{12} since rollout R1 \(env \+LOG_LEVEL\)$/
    )
  })

  test('the digests tally lists started machines per digest, most used first', () => {
    const r = detectDrift({
      machines: [
        unmarked('m1', { imageDigest: DIGEST_V2 }),
        unmarked('m2'),
        unmarked('m3', { imageDigest: DIGEST_V2 })
      ],
      spec: NO_COUNTS
    })
    expect(r.digests).toEqual([
      { digest: DIGEST_V2, machines: ['m1', 'm3'] },
      { digest: DIGEST_V1, machines: ['m2'] }
    ])
  })
})

describe('referenceConfigs', () => {
  test('a group learns its config from the machines that did not drift', () => {
    const machines = [
      onTarget('m1', 'R1', {}, 'complete'),
      onTarget('m2', 'R1'),
      drifted('m3', 'R1', { LOG_LEVEL: 'debug' })
    ]
    const r = referenceConfigs(machines, new Set(['m3']))
    expect(r.problem).toBeUndefined()
    expect(r.groups!.app!.env).toEqual({ PRIMARY_REGION: 'sjc' })
    // No marks and no volume ids: the planner writes both per machine.
    expect(
      Object.keys(r.groups!.app!.metadata!).filter((k) =>
        k.startsWith('flyrollout_')
      )
    ).toEqual([])
  })

  test('volume ids are left out; machines differing only in them agree', () => {
    const withVolume = (id: string, vol: string) =>
      unmarked(id, {
        config: webConfig(undefined, {
          mounts: [{ volume: vol, path: '/data', name: 'data' }]
        })
      })
    const r = referenceConfigs(
      [withVolume('m1', 'vol_1'), withVolume('m2', 'vol_2')],
      new Set()
    )
    expect(r.groups!.app!.mounts).toEqual([{ path: '/data', name: 'data' }])
  })

  const refusals: {
    name: string
    machines: MachineView[]
    exclude: string[]
    want: RegExp
  }[] = [
    {
      name: 'machines of a group disagree',
      machines: [
        unmarked('m1'),
        unmarked('m2', {
          config: webConfig(undefined, { env: { PRIMARY_REGION: 'lhr' } })
        })
      ],
      exclude: [],
      want: /process group app have different configs \(m1 vs m2\)/
    },
    {
      name: 'every machine of a group drifted',
      machines: [drifted('m1', 'R1', { X: '1' })],
      exclude: ['m1'],
      want: /every machine of process group app drifted \(m1\)/
    }
  ]
  for (const c of refusals) {
    test(`refuses when ${c.name}`, () => {
      const r = referenceConfigs(c.machines, new Set(c.exclude))
      expect(r.groups).toBeUndefined()
      expect(r.problem).toMatch(c.want)
    })
  }
})

describe('pinImage', () => {
  const cases = [
    {
      image: 'registry.fly.io/demo:deployment-01',
      want: `registry.fly.io/demo@${DIGEST_V2}`
    },
    {
      image: `registry.fly.io/demo@${DIGEST_V1}`,
      want: `registry.fly.io/demo@${DIGEST_V2}`
    },
    { image: 'localhost:5000/demo', want: `localhost:5000/demo@${DIGEST_V2}` },
    {
      image: 'localhost:5000/demo:v1',
      want: `localhost:5000/demo@${DIGEST_V2}`
    }
  ]
  for (const c of cases) {
    test(`${c.image} → ${c.want}`, () => {
      expect(pinImage(c.image, DIGEST_V2)).toBe(c.want)
    })
  }
})

describe('renderDriftText', () => {
  const report = detectDrift({
    machines: [
      unmarked('m1'),
      unmarked('m2'),
      unmarked('m3', { imageDigest: DIGEST_V2 })
    ],
    spec: { counts: { app: { lhr: 1 } } }
  })

  test('lists every item', () => {
    expect(renderDriftText(report)).toBe(
      'drift: 2 item(s)\n' +
        '  image     m3 (sjc/app): image 111111111111 → 222222222222\n' +
        '  pool      lhr/app: 0 machine(s), counts wants 1\n'
    )
  })

  test('says what was repaired and why the rest was not', () => {
    expect(
      renderDriftText(
        report,
        ['m3'],
        [{ subject: 'lhr/app', why: 'no capacity' }]
      )
    ).toContain(
      'lhr/app: 0 machine(s), counts wants 1  [not repaired: no capacity]'
    )
    expect(renderDriftText(report, ['m3'])).toContain(
      '222222222222  [repaired]'
    )
  })

  test('no drift, and machines that disagree with nothing to decide', () => {
    expect(
      renderDriftText(
        detectDrift({
          machines: [
            unmarked('m1'),
            unmarked('m2', { imageDigest: DIGEST_V2 })
          ],
          spec: NO_COUNTS
        })
      )
    ).toBe(
      'drift: none\n' +
        'images: machines disagree (111111111111 on m1; 222222222222 on m2) and no rollout marks say which is right\n'
    )
  })
})
