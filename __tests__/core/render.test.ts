import { describe, expect, test } from 'vitest'
import type { Diagnostic } from '../../src/core/diagnostics.js'
import { planRollout } from '../../src/core/planner.js'
import type { RolloutPlan } from '../../src/core/plan.js'
import {
  configChanges,
  planCounts,
  renderPlanText
} from '../../src/core/render.js'
import type { MachineConfig, MachineRecord } from '../../src/core/types.js'
import {
  ALL_REGIONS,
  DIGEST_V2,
  machine,
  release,
  s0,
  spec,
  webConfig
} from '../../__fixtures__/builders.js'

const V2 = `registry.fly.io/demo@${DIGEST_V2}`

function plan(
  machines: MachineRecord[],
  yaml = 'probes:\n  - path: /health\n',
  rel = release()
): RolloutPlan {
  return planRollout({
    rolloutId: '01ROLLOUT',
    snapshot: s0(machines),
    release: rel,
    spec: spec(yaml),
    primaryRegion: 'sjc',
    regions: ALL_REGIONS
  })
}

describe('configChanges', () => {
  const cases: {
    name: string
    from: MachineConfig
    to: MachineConfig
    want: string[]
  }[] = [
    {
      name: 'the same config',
      from: webConfig(),
      to: webConfig(),
      want: []
    },
    {
      name: 'a new image, by short digest',
      from: webConfig(),
      to: webConfig(V2),
      want: ['image 111111111111 → 222222222222']
    },
    {
      name: 'an image by tag',
      from: { image: 'registry.fly.io/demo:deployment-1' },
      to: { image: 'registry.fly.io/demo:deployment-2' },
      want: [
        'image registry.fly.io/demo:deployment-1 → registry.fly.io/demo:deployment-2'
      ]
    },
    {
      name: 'env: added, removed and changed names',
      from: { env: { LOG_LEVEL: 'info', OLD: '1', SAME: 'x' } },
      to: { env: { LOG_LEVEL: 'debug', FEATURE: 'on', SAME: 'x' } },
      want: ['env +FEATURE -OLD ~LOG_LEVEL']
    },
    {
      name: 'a field added, removed and changed, in key order',
      from: { guest: { cpus: 1 }, restart: { policy: 'always' } },
      to: { guest: { cpus: 2 }, checks: { alive: { type: 'tcp' } } },
      want: ['+checks', 'guest', '-restart']
    },
    {
      name: 'metadata is not user-facing',
      from: { metadata: { fly_release_version: '1' } },
      to: { metadata: { fly_release_version: '2', flyrollout_id: 'R' } },
      want: []
    }
  ]
  for (const c of cases) {
    test(c.name, () => {
      expect(configChanges(c.from, c.to)).toEqual(c.want)
    })
  }
})

describe('renderPlanText', () => {
  test('renders waves, regions, batches, the cleanup and the counts line', () => {
    const ms = [
      machine({ id: 'm1', region: 'sjc' }),
      machine({ id: 'm2', region: 'sjc' }),
      machine({ id: 'm3', region: 'sjc' }),
      machine({ id: 'm4', region: 'lhr' }),
      machine({ id: 'm5', region: 'lhr' }),
      machine({ id: 'm6', region: 'syd' }),
      machine({ id: 'm7', region: 'lhr', state: 'stopped' })
    ]
    const p = plan(
      ms,
      `
waves:
  - name: canary
    regions: [sjc]
    machines: 1
    bake: 2m
  - name: home
    regions: [sjc, lhr]
    bake: 5m
    gate: manual
  - regions: ["*"]
counts: { sjc: 2, lhr: 2, syd: 1, ams: 1 }
probes:
  - path: /health
`,
      release({
        groups: {
          app: webConfig(V2, { env: { PRIMARY_REGION: 'sjc', FEATURE: 'on' } })
        }
      })
    )
    expect(renderPlanText(p)).toBe(
      [
        `fly-rollout plan for demo: release rel000000000, image ${V2}`,
        'rollout 01ROLLOUT, lock on m1',
        '',
        'Wave 1 · canary · sjc · bake 2m (up to 6m) · baseline m2',
        '  sjc',
        '    ~ update  m1  sjc  app  env +FEATURE, image 111111111111 → 222222222222',
        '',
        'Wave 2 · home · sjc, lhr · bake 5m (up to 15m) · manual approval',
        '  sjc',
        '    ~ update  m2  sjc  app  env +FEATURE, image 111111111111 → 222222222222',
        '  lhr batch 1',
        '    ~ update  m4  lhr  app  env +FEATURE, image 111111111111 → 222222222222',
        '  lhr batch 2',
        '    ~ update  m5  lhr  app  env +FEATURE, image 111111111111 → 222222222222',
        '',
        'Wave 3 · wave 3 · ams, syd · bake 1m (up to 3m)',
        '  ams',
        '    + create  ams  app  (counts)',
        '  syd batch 1',
        '    + create  syd  app  (surge: keeps the region serving, destroyed after wave 3)',
        '  syd batch 2',
        '    ~ update  m6  syd  app  env +FEATURE, image 111111111111 → 222222222222',
        '',
        'After the last wave',
        '    - destroy m3  sjc  app  (surplus)',
        '    - destroy m7  lhr  app  (surplus)',
        '',
        'Plan: 5 to update, 2 to create, 2 to destroy.',
        ''
      ].join('\n')
    )
    expect(planCounts(p)).toEqual({
      update: 5,
      create: 2,
      destroy: 2,
      unchanged: 0
    })
  })

  test('marks unchanged machines with =, stopped ones as staying stopped, and a checks-only wave', () => {
    const ms = [
      machine({ id: 'm1', region: 'sjc' }),
      machine({ id: 'm2', region: 'sjc', state: 'stopped' }),
      machine({ id: 'm3', region: 'sjc' }),
      machine({
        id: 'm4',
        region: 'lhr',
        config: webConfig(V2),
        imageDigest: DIGEST_V2
      }),
      machine({ id: 'm5', region: 'lhr' })
    ]
    const text = renderPlanText(plan(ms))
    const lines = text.split('\n')
    expect(lines).toContain(
      '    ~ update  m2  sjc  app  (stopped, stays stopped)  image 111111111111 → 222222222222'
    )
    expect(lines).toContain('    = m4  lhr  app  unchanged')
    expect(lines).toContain('Wave 3 · everywhere else · lhr · checks only')
    expect(lines).toContain('Wave 2 · sjc · sjc · bake 1m (up to 3m)')
    expect(lines).toContain(
      'Plan: 4 to update, 0 to create, 0 to destroy, 1 unchanged.'
    )
    expect(planCounts(plan(ms))).toEqual({
      update: 4,
      create: 0,
      destroy: 0,
      unchanged: 1
    })
  })

  test('every line of a step starts with its glyph', () => {
    const ms = [
      machine({ id: 'm1', region: 'sjc' }),
      machine({
        id: 'm2',
        region: 'sjc',
        config: webConfig(V2),
        imageDigest: DIGEST_V2
      }),
      machine({ id: 'm3', region: 'sjc' }),
      machine({ id: 'm4', region: 'sjc' })
    ]
    const p = plan(
      ms,
      'counts: { sjc: 3, lhr: 1 }\nprobes:\n  - path: /health\n'
    )
    const glyphs = renderPlanText(p)
      .split('\n')
      .filter((l) => l.startsWith('    '))
      .map((l) => l.trim()[0])
    expect(new Set(glyphs)).toEqual(new Set(['~', '+', '-', '=']))
  })

  test('says when a release_command runs', () => {
    const text = renderPlanText(
      plan(
        [machine({ id: 'm1' }), machine({ id: 'm2' })],
        undefined,
        release({ releaseCommand: { image: V2, init: { cmd: ['migrate'] } } })
      )
    )
    expect(text).toContain(
      '\n\n  ▶ release_command runs once on the new image before wave 1 (its effects are not rolled back)\n\nWave 1'
    )
  })

  test('ends with every diagnostic, warnings and errors, with file and line when known', () => {
    const p = plan([machine({ id: 'm1' }), machine({ id: 'm2' })], '')
    const extra: Diagnostic[] = [
      {
        severity: 'error',
        code: 'rollout-spec',
        summary: 'waves[0].bake must be a duration like 2m, 30s or 400ms',
        file: 'rollout.yml',
        line: 3
      }
    ]
    const text = renderPlanText({
      ...p,
      diagnostics: [...p.diagnostics, ...extra]
    })
    expect(text.split('\n').slice(-4)).toEqual([
      'Plan: 2 to update, 0 to create, 0 to destroy.',
      'warning: no probes configured: waves are judged on machine checks and events only (add probes: with a path that answers on every machine)',
      'rollout.yml:3: error: waves[0].bake must be a duration like 2m, 30s or 400ms',
      ''
    ])
  })

  test('an unapplyable plan still renders, with its errors', () => {
    const p = plan(
      [
        machine({ id: 'm1', region: 'sjc' }),
        machine({ id: 'm2', region: 'lhr' })
      ],
      'waves:\n  - regions: [sjc]\nprobes:\n  - path: /\n'
    )
    const text = renderPlanText(p)
    expect(text).toContain('Wave 1 · wave 1 · sjc · bake 1m (up to 3m)')
    expect(text).toContain(
      'error: 1 machine(s) of lhr/app are in no wave and would stay on the old release (add a wave with regions: [lhr] or ["*"])'
    )
  })

  test('a plan without an anchor says nothing about a lock', () => {
    const p = plan([machine({ id: 'm1' })], 'counts: { sjc: 0 }')
    expect(renderPlanText(p).split('\n')[1]).toBe('rollout 01ROLLOUT')
  })
})
