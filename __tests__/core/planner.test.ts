import { describe, expect, test } from 'vitest'
import { planRollout } from '../../src/core/planner.js'
import { KEY } from '../../src/core/metadata.js'
import type { RolloutPlan, UpdateStep } from '../../src/core/plan.js'
import {
  ALL_REGIONS,
  fleet,
  machine,
  release,
  s0,
  spec,
  webConfig
} from '../../__fixtures__/builders.js'

/** shape renders a plan as wave → region → batches of "glyph id" for readable assertions. */
function shape(plan: RolloutPlan): string[][] {
  return plan.waves.map((w) =>
    w.regions.map(
      (r) =>
        `${r.region}: ` +
        r.batches
          .map((b) =>
            b
              .map((s) =>
                s.action === '~' ? `~${s.machineId}` : `+${s.reason}`
              )
              .join(' ')
          )
          .join(' | ')
    )
  )
}

function plan(
  machines = fleet({ sjc: 2, lhr: 2, syd: 2 }),
  yaml = '',
  primaryRegion = 'sjc'
) {
  return planRollout({
    rolloutId: 'R1',
    snapshot: s0(machines),
    release: release(),
    spec: spec(yaml),
    primaryRegion,
    regions: ALL_REGIONS
  })
}

describe('planRollout', () => {
  test('without a spec: a canary in the primary region, then the rest of it, then every other region', () => {
    const ms = fleet({ sjc: 2, lhr: 2, syd: 2 })
    const p = plan(ms)
    expect(p.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    expect(p.waves.map((w) => w.name)).toEqual([
      'canary',
      'sjc',
      'everywhere else'
    ])
    expect(shape(p)).toEqual([
      [`sjc: ~${ms[0]!.id}`],
      [`sjc: ~${ms[1]!.id}`],
      [
        `lhr: ~${ms[2]!.id} | ~${ms[3]!.id}`,
        `syd: ~${ms[4]!.id} | ~${ms[5]!.id}`
      ]
    ])
    expect(p.waves[0]!.baseline).toEqual([ms[1]!.id])
    expect(p.waves.map((w) => w.bakeMs)).toEqual([120_000, 60_000, 0])
    expect(p.anchor).toBe(ms[0]!.id)
  })

  test('the issue example: canary of one in sjc, then sjc and lhr, then everything else', () => {
    const ms = fleet({ sjc: 3, lhr: 2, syd: 1 })
    const p = plan(
      ms,
      `
waves:
  - name: canary
    regions: [sjc]
    machines: 1
    bake: 2m
  - regions: [sjc, lhr]
    bake: 5m
  - regions: ["*"]
`
    )
    expect(p.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    expect(shape(p)).toEqual([
      [`sjc: ~${ms[0]!.id}`],
      [
        `sjc: ~${ms[1]!.id} | ~${ms[2]!.id}`,
        `lhr: ~${ms[3]!.id} | ~${ms[4]!.id}`
      ],
      // syd has one machine: a surge machine keeps it serving while it updates.
      [`syd: +surge | ~${ms[5]!.id}`]
    ])
    expect(p.waves.map((w) => w.bakeMs)).toEqual([120_000, 300_000, 60_000])
  })

  test('never takes every started machine of a region down at once', () => {
    const ms = fleet({ sjc: 5 })
    const p = plan(ms, 'waves:\n  - regions: [sjc]\n    max-unavailable: 10\n')
    const sizes = p.waves[0]!.regions[0]!.batches.map((b) => b.length)
    expect(sizes).toEqual([1, 4])
  })

  test('a one-machine primary region gets a surge canary; the original is updated next and the surge retires then', () => {
    const ms = fleet({ sjc: 1, lhr: 2 })
    const p = plan(ms)
    expect(shape(p)[0]).toEqual(['sjc: +canary'])
    expect(p.waves[0]!.baseline).toEqual([ms[0]!.id])
    expect(shape(p)[1]).toEqual([`sjc: ~${ms[0]!.id}`])
    const canary = p.waves[0]!.regions[0]!.batches[0]![0]!
    expect(canary.action === '+' && canary.retireAfterWave).toBe(1)
  })

  test('stopped machines are updated with skip_launch in the first batch and do not count as unavailable', () => {
    const ms = [
      machine({ region: 'sjc' }),
      machine({ region: 'sjc' }),
      machine({ region: 'sjc', state: 'stopped' })
    ]
    const p = plan(ms, 'waves:\n  - regions: [sjc]\n')
    const batches = p.waves[0]!.regions[0]!.batches
    expect(
      batches.map((b) =>
        b.map((s) => s.action === '~' && `${s.machineId}:${s.skipLaunch}`)
      )
    ).toEqual([
      [`${ms[2]!.id}:true`, `${ms[0]!.id}:false`],
      [`${ms[1]!.id}:false`]
    ])
  })

  test('update bodies keep S₀ fly_* metadata, carry the rollout marks and hash without them', () => {
    const ms = fleet({ sjc: 2 })
    const p = plan(ms, 'waves:\n  - regions: [sjc]\n')
    const step = p.waves[0]!.regions[0]!.batches[0]![0]!
    if (step.action !== '~') throw new Error('expected an update')
    expect(step.config.image).toBe(release().image)
    expect(step.config.metadata).toMatchObject({
      fly_platform_version: 'v2',
      fly_process_group: 'app',
      fly_release_version: '1',
      flyrollout_id: 'R1',
      flyrollout_prev_version: ms[0]!.version,
      flyrollout_prev_hash: ms[0]!.hash,
      flyrollout_prev_state: 'started',
      flyrollout_target_hash: step.toHash,
      flyrollout_wave: '0'
    })
    expect(step.fromHash).toBe(ms[0]!.hash)
    expect(step.toHash).not.toBe(step.fromHash)
  })

  test('counts create machines in their region and destroy surplus only after the last wave', () => {
    const ms = fleet({ sjc: 2, lhr: 3 })
    const p = plan(ms, 'counts: { sjc: 3, lhr: 1, syd: 1 }\n')
    const steps = p.waves.flatMap((w) =>
      w.regions.flatMap((r) => r.batches.flat())
    )
    expect(
      steps
        .filter((s) => s.action === '+')
        .map((s) => s.region)
        .sort()
    ).toEqual(['sjc', 'syd'])
    // lhr keeps its lowest id; the two highest are surplus, never updated.
    expect(p.cleanup.map((c) => `${c.machineId}:${c.reason}`)).toEqual([
      `${ms[3]!.id}:surplus`,
      `${ms[4]!.id}:surplus`
    ])
    expect(
      steps.some(
        (s) =>
          s.action === '~' &&
          (s.machineId === ms[3]!.id || s.machineId === ms[4]!.id)
      )
    ).toBe(false)
  })

  test('reports every problem at once: unknown regions, empty waves, machines in no wave', () => {
    const ms = fleet({ sjc: 2, lhr: 1 })
    const p = plan(
      ms,
      `
waves:
  - regions: [sjc]
  - regions: [sjc]
  - regions: [xyz]
`
    )
    const errors = p.diagnostics
      .filter((d) => d.severity === 'error')
      .map((d) => d.summary)
    expect(errors).toEqual(
      expect.arrayContaining([
        'wave 3 (unnamed) lists region "xyz", which is not a Fly region',
        'wave 2 has no machines',
        '1 machine(s) of lhr/app are in no wave and would stay on the old release'
      ])
    )
  })

  test('a one-machine region whose machine has a volume needs allow-downtime', () => {
    const cfg = webConfig(undefined, {
      mounts: [{ volume: 'vol_1', path: '/data' }]
    })
    const ms = [
      machine({ region: 'sjc', config: cfg, volumeIds: ['vol_1'] }),
      ...fleet({ lhr: 2 })
    ]
    const p = plan(ms)
    expect(
      p.diagnostics.some(
        (d) => d.severity === 'error' && d.summary.includes('volume')
      )
    ).toBe(true)
    const ok = plan(ms, 'allow-downtime: true\n')
    expect(ok.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  })

  test('machines keep their volumes: the update body names the same volume id', () => {
    const cfg = webConfig(undefined, {
      mounts: [{ volume: 'vol_a', path: '/data' }]
    })
    const ms = [
      machine({ region: 'sjc', config: cfg, volumeIds: ['vol_a'] }),
      machine({
        region: 'sjc',
        config: { ...cfg, mounts: [{ volume: 'vol_b', path: '/data' }] },
        volumeIds: ['vol_b']
      })
    ]
    const r = release({
      groups: {
        app: webConfig(`registry.fly.io/demo@sha256:${'2'.repeat(64)}`, {
          mounts: [{ path: '/data', name: 'data' }]
        })
      }
    })
    const p = planRollout({
      rolloutId: 'R1',
      snapshot: s0(ms),
      release: r,
      spec: spec('waves:\n  - regions: [sjc]\n'),
      primaryRegion: 'sjc',
      regions: ALL_REGIONS
    })
    const vols = p.waves[0]!.regions[0]!.batches.flat().map(
      (s) => s.action === '~' && s.config.mounts?.[0]?.volume
    )
    expect(vols).toEqual(['vol_a', 'vol_b'])
  })

  test('is deterministic: the same inputs give the same plan', () => {
    const ms = fleet({ sjc: 3, lhr: 2 })
    expect(JSON.stringify(plan(ms))).toBe(JSON.stringify(plan(ms)))
  })

  test('machines with one S₀ config share its target, but each keeps its own label and marks', () => {
    const labelled = (tag: string) =>
      webConfig(undefined, {
        metadata: { fly_process_group: 'app', [KEY.preview]: tag }
      })
    const a = machine({ region: 'sjc', config: labelled('acme/web#1') })
    const b = machine({ region: 'sjc', config: labelled('acme/web#2') })
    expect(a.hash).toBe(b.hash)
    const p = plan([a, b])
    const steps = p.waves.flatMap((w) =>
      w.regions.flatMap((r) => r.batches.flat())
    ) as UpdateStep[]
    const byId = Object.fromEntries(steps.map((s) => [s.machineId, s]))
    expect(byId[a.id]!.config.metadata![KEY.preview]).toBe('acme/web#1')
    expect(byId[b.id]!.config.metadata![KEY.preview]).toBe('acme/web#2')
    expect(byId[a.id]!.toHash).toBe(byId[b.id]!.toHash)
    expect(byId[a.id]!.config.metadata![KEY.prevVersion]).toBe(a.version)
    expect(byId[b.id]!.config.metadata![KEY.prevVersion]).toBe(b.version)
    // The shared part is frozen: a plan is a value no one edits.
    expect(() => {
      ;(byId[a.id]!.config.env as Record<string, string>).X = '1'
    }).toThrow(TypeError)
  })
})
