import { describe, expect, test } from 'vitest'
import type { Diagnostic } from '../../src/core/diagnostics.js'
import type {
  CreateStep,
  RolloutPlan,
  UpdateStep,
  WavePlan
} from '../../src/core/plan.js'
import {
  annotationsFor,
  escapeMarkdownCell,
  fence,
  renderOutputs,
  renderSummaryMarkdown,
  type Annotation,
  type ReportOutcome,
  type SummaryOptions
} from '../../src/core/report.js'
import type { MachineRecord } from '../../src/core/types.js'
import type { RolloutOutcome } from '../../src/orchestrator/run-rollout.js'
import {
  DIGEST_V1,
  DIGEST_V2,
  machine,
  webConfig
} from '../../__fixtures__/builders.js'

// The orchestrator's outcome must be assignable to the report's input as it is.
const _asReport = (o: RolloutOutcome): ReportOutcome => o
void _asReport

const T0 = 1_700_000_000_000
const V2 = `registry.fly.io/demo@${DIGEST_V2}`
const HOSTILE = 'probe said | <script>alert(1)</script> ``` `x` $x$ _y_'

// ─── Builders ───────────────────────────────────────────────────────────────

const S0: MachineRecord[] = [
  machine({ id: 'm1', region: 'sjc' }),
  machine({ id: 'm2', region: 'sjc' }),
  machine({ id: 'm3', region: 'iad' }),
  machine({ id: 'm4', region: 'ams', state: 'stopped' })
]

function update(m: MachineRecord, over: Partial<UpdateStep> = {}): UpdateStep {
  return {
    action: '~',
    machineId: m.id,
    region: m.region,
    group: m.group,
    fromVersion: m.version,
    fromState: m.state,
    fromHash: m.hash,
    fromImage: m.imageDigest,
    toHash: 'h2',
    config: webConfig(V2, { env: { PRIMARY_REGION: 'sjc', FEATURE: 'on' } }),
    skipLaunch: m.state !== 'started',
    ...over
  }
}

const create: CreateStep = {
  action: '+',
  key: 'new-ams-app-1',
  region: 'ams',
  group: 'app',
  toHash: 'h2',
  config: webConfig(V2),
  reason: 'surge',
  volumes: [],
  retireAfterWave: 2
}

function wave(
  index: number,
  name: string,
  regions: WavePlan['regions'],
  over: Partial<WavePlan> = {}
): WavePlan {
  return {
    index,
    name,
    regions,
    bakeMs: 600_000,
    maxBakeMs: 1_200_000,
    progressDeadlineMs: 1_800_000,
    gate: 'none',
    onInconclusive: 'hold',
    baseline: [],
    guard: [],
    ...over
  }
}

const PLAN: RolloutPlan = {
  id: '01ROLLOUT',
  app: 'demo',
  releaseId: 'rel0123456789',
  image: V2,
  digest: DIGEST_V2,
  primaryRegion: 'sjc',
  s0: S0,
  waves: [
    wave(0, 'canary', [{ region: 'sjc', batches: [[update(S0[0]!)]] }], {
      baseline: ['m2']
    }),
    wave(1, 'primary', [{ region: 'sjc', batches: [[update(S0[1]!)]] }], {
      bakeMs: 0
    }),
    wave(
      2,
      'rest',
      [
        { region: 'iad', batches: [[update(S0[2]!)]] },
        { region: 'ams', batches: [[create], [update(S0[3]!)]] }
      ],
      { gate: 'manual' }
    )
  ],
  cleanup: [
    {
      action: '-',
      machineId: 'm9',
      region: 'iad',
      group: 'worker',
      reason: 'removed-group'
    }
  ],
  anchor: 'm1',
  diagnostics: []
}

const FIGURES = [
  {
    path: '/health',
    canary: { n: 120, errors: 0, errorRate: 0, p50Ms: 40, p95Ms: 85.4 },
    baseline: { n: 118, errors: 1, errorRate: 1 / 118, p95Ms: 80 },
    identity: 'verified' as const
  },
  {
    path: '/api/items',
    canary: { n: 60, errors: 3, errorRate: 0.05 },
    identity: 'unverified' as const
  }
]

const base = {
  rolloutId: '01ROLLOUT',
  app: 'demo',
  image: V2,
  digest: DIGEST_V2,
  releaseId: 'rel0123456789',
  plan: PLAN,
  restored: [],
  diagnostics: [],
  startedAt: T0
}

const PROMOTED: RolloutOutcome = {
  ...base,
  result: 'promoted',
  endedAt: T0 + 1_500_000,
  waves: [
    {
      index: 0,
      name: 'canary',
      regions: ['sjc'],
      status: 'promoted',
      machines: 1,
      startedAt: T0 + 1_000,
      verifiedAt: T0 + 46_000,
      endedAt: T0 + 646_000,
      bake: { verdict: 'pass', reason: 'ok', elapsedMs: 600_000, looks: 10 },
      figures: FIGURES
    },
    {
      index: 1,
      name: 'primary',
      regions: ['sjc'],
      status: 'promoted',
      machines: 1,
      startedAt: T0 + 646_000,
      verifiedAt: T0 + 676_000,
      endedAt: T0 + 676_000
    },
    {
      index: 2,
      name: 'rest',
      regions: ['iad', 'ams'],
      status: 'promoted',
      machines: 3,
      startedAt: T0 + 676_000,
      verifiedAt: T0 + 796_000,
      endedAt: T0 + 1_396_000,
      bake: { verdict: 'pass', reason: 'ok', elapsedMs: 600_000, looks: 10 },
      figures: [FIGURES[0]!]
    }
  ]
}

const ROLLED_BACK: RolloutOutcome = {
  ...base,
  result: 'rolled-back',
  reason: `wave 1 (canary) failed: ${HOSTILE}`,
  endedAt: T0 + 400_000,
  failedAt: T0 + 300_000,
  restoredAt: T0 + 365_000,
  waves: [
    {
      index: 0,
      name: 'canary',
      regions: ['sjc'],
      status: 'rolled-back',
      machines: 1,
      startedAt: T0 + 1_000,
      verifiedAt: T0 + 46_000,
      endedAt: T0 + 300_000,
      bake: { verdict: 'fail', reason: HOSTILE, elapsedMs: 254_000, looks: 4 },
      figures: [
        {
          path: '/health',
          canary: { n: 40, errors: 7, errorRate: 0.175, p95Ms: 310 },
          identity: 'verified'
        }
      ]
    },
    {
      index: 1,
      name: 'primary',
      regions: ['sjc'],
      status: 'pending',
      machines: 1
    },
    {
      index: 2,
      name: 'rest',
      regions: ['iad', 'ams'],
      status: 'pending',
      machines: 3
    }
  ],
  restored: [
    { machineId: 'm1', status: 'restored', s0Digest: DIGEST_V1 },
    { machineId: 'new-sjc-app-1', status: 'destroyed' },
    {
      machineId: 'm2',
      status: 'restored',
      unhealthy: true,
      reason: 'machine m2 is back | but <b>not</b> healthy'
    }
  ]
}

const HELD: RolloutOutcome = {
  ...base,
  result: 'held',
  reason:
    "wave 2 (primary) is inconclusive after 1200s: /health: 2/30 errors; continue with 'fly-rollout resume --app demo'",
  endedAt: T0 + 1_300_000,
  waves: [
    { ...PROMOTED.waves[0]! },
    {
      index: 1,
      name: 'primary',
      regions: ['sjc'],
      status: 'held',
      machines: 1,
      startedAt: T0 + 646_000,
      verifiedAt: T0 + 676_000,
      endedAt: T0 + 1_276_000,
      bake: {
        verdict: 'inconclusive',
        reason: 'short of evidence',
        elapsedMs: 600_000,
        looks: 10
      },
      figures: [
        {
          path: '/health',
          canary: { n: 30, errors: 2, errorRate: 2 / 30 },
          identity: 'off'
        }
      ]
    },
    {
      index: 2,
      name: 'rest',
      regions: ['iad', 'ams'],
      status: 'pending',
      machines: 3
    }
  ]
}

const DIAGNOSTICS: Diagnostic[] = [
  {
    severity: 'error',
    code: 'unknown-key',
    summary: 'unknown key "auto_machine_start" in [http_service]',
    detail: 'did you mean "auto_start_machines"?',
    file: 'deploy/fly.toml',
    line: 12,
    key: 'http_service.auto_machine_start'
  },
  {
    severity: 'error',
    code: 'rollout-spec',
    summary: 'waves[1].bake: not a duration: "soon"',
    file: 'input rollout',
    line: 3
  },
  {
    severity: 'warning',
    code: 'rollout-spec',
    summary: 'probes: none given; machine checks only',
    file: '.github/rollout.yml',
    key: 'probes'
  },
  { severity: 'warning', code: 'input', summary: `no fly.toml | ${HOSTILE}` }
]

const INVALID: RolloutOutcome = {
  ...base,
  result: 'invalid',
  reason: 'the plan has errors; nothing was changed',
  plan: undefined,
  endedAt: T0 + 2_000,
  waves: [
    {
      index: 0,
      name: 'canary',
      regions: ['sjc'],
      status: 'pending',
      machines: 1
    }
  ],
  diagnostics: DIAGNOSTICS
}

const OPTIONS: SummaryOptions = {
  url: 'https://demo.fly.dev',
  flyctlVersion: '0.3.214',
  secrets: {
    set: ['DATABASE_URL', 'API_KEY=hunter2'],
    unchanged: ['SESSION_KEY']
  }
}

const ALL: { name: string; outcome: RolloutOutcome }[] = [
  { name: 'promoted', outcome: PROMOTED },
  { name: 'rolled back', outcome: ROLLED_BACK },
  { name: 'held', outcome: HELD },
  { name: 'invalid', outcome: INVALID }
]

// ─── Helpers ────────────────────────────────────────────────────────────────

function lines(md: string): string[] {
  return md.split('\n')
}

/** section returns the lines under `### name`, up to the next heading outside a fence. */
function section(md: string, name: string): string[] {
  const all = lines(md)
  const start = all.indexOf(`### ${name}`)
  if (start < 0) return []
  const out: string[] = []
  let open: string | undefined
  for (const l of all.slice(start + 1)) {
    if (!open && /^#{2,3} /.test(l)) break
    const f = /^(`{3,})/.exec(l)?.[1]
    if (f && !open) open = f
    else if (f && open && /^`+\s*$/.test(l) && f.length >= open.length)
      open = undefined
    if (l !== '') out.push(l)
  }
  return out
}

/** fenced parses fenced code blocks as CommonMark does (backtick fences). */
function fenced(md: string): { info: string; body: string[] }[] {
  const out: { info: string; body: string[] }[] = []
  let open: { fence: string; info: string; body: string[] } | undefined
  for (const l of lines(md)) {
    if (open) {
      const close = /^(`{3,})\s*$/.exec(l)
      if (close && close[1]!.length >= open.fence.length) {
        out.push({ info: open.info, body: open.body })
        open = undefined
      } else open.body.push(l)
      continue
    }
    const m = /^(`{3,})([^`]*)$/.exec(l)
    if (m) open = { fence: m[1]!, info: m[2]!.trim(), body: [] }
  }
  expect(open).toBeUndefined()
  return out
}

/** outsideFences returns the lines not inside a fenced block. */
function outsideFences(md: string): string[] {
  const out: string[] = []
  let open: string | undefined
  for (const l of lines(md)) {
    if (open) {
      const close = /^(`{3,})\s*$/.exec(l)
      if (close && close[1]!.length >= open.length) open = undefined
      continue
    }
    const m = /^(`{3,})[^`]*$/.exec(l)
    if (m) open = m[1]!
    else out.push(l)
  }
  return out
}

/** cells counts a table row's cells the way GFM splits them (unescaped `|`). */
function cells(row: string): number {
  return row.split(/(?<!\\)\|/).length - 2
}

// ─── escapeMarkdownCell, fence ──────────────────────────────────────────────

describe('escapeMarkdownCell', () => {
  const cases = [
    { text: 'a | b', want: 'a \\| b' },
    { text: '<script>', want: '&lt;script&gt;' },
    { text: 'release_command', want: 'release\\_command' },
    { text: 'one\ntwo', want: 'one two' },
    { text: '```', want: '\\`\\`\\`' },
    { text: 'a & b', want: 'a &amp; b' },
    { text: 'C:\\path', want: 'C:\\\\path' },
    { text: '$x$ *y* [z](u) ~w~', want: '\\$x\\$ \\*y\\* \\[z\\](u) \\~w\\~' },
    { text: 'plain text, 1.5%', want: 'plain text, 1.5%' }
  ]
  for (const c of cases) {
    test(`escapes ${JSON.stringify(c.text)}`, () => {
      expect(escapeMarkdownCell(c.text)).toBe(c.want)
    })
  }
})

describe('fence', () => {
  const cases = [
    { content: 'a', info: undefined, want: '```\na\n```' },
    { content: 'x ``` y', info: 'text', want: '````text\nx ``` y\n````' },
    { content: '`````', info: '', want: '``````\n`````\n``````' },
    { content: 'a\r\nb', info: '', want: '```\na\nb\n```' }
  ]
  for (const c of cases) {
    test(`fences ${JSON.stringify(c.content)} so it cannot close early`, () => {
      expect(fence(c.content, c.info)).toBe(c.want)
    })
  }

  test('a fence holds content that tries to close and reopen it', () => {
    const evil = 'before\n```\n# not a heading\n````\nafter'
    const blocks = fenced(fence(evil, 'text'))
    expect(blocks).toEqual([{ info: 'text', body: lines(evil) }])
  })
})

// ─── renderSummaryMarkdown ──────────────────────────────────────────────────

describe('renderSummaryMarkdown', () => {
  test('a promoted rollout: heading, facts, result', () => {
    const md = renderSummaryMarkdown(PROMOTED, OPTIONS)
    expect(lines(md).slice(0, 11)).toEqual([
      '## fly-rollout: demo — Promoted',
      '',
      '- **App:** `demo`',
      `- **Image:** \`${V2}\``,
      '- **Release:** `rel0123456789`',
      '- **Rollout:** `01ROLLOUT`',
      '- **URL:** <https://demo.fly.dev>',
      '- **flyctl:** `0.3.214`',
      '- **Secrets:** set `DATABASE_URL`, `API_KEY`; unchanged `SESSION_KEY`',
      '',
      '### Result'
    ])
    expect(section(md, 'Result')).toEqual(['**Promoted** after 25m.'])
    expect(section(md, 'Rollback')).toEqual([])
  })

  test('a promoted rollout: one row per wave and probe with its figures', () => {
    const md = renderSummaryMarkdown(PROMOTED)
    expect(section(md, 'Waves')).toEqual([
      '| Wave | Regions | Machines | Status | Verified in | Bake | Probe | Errors | Error rate | p95 | Baseline | Identity |',
      '|---|---|---:|---|---:|---|---|---:|---:|---:|---|---|',
      '| 1 canary | sjc | 1 | promoted | 45s | 10m · pass | `/health` | 0/120 | 0% | 85 ms | 1/118 (0.85%), p95 80 ms | verified |',
      '|  |  |  |  |  |  | `/api/items` | 3/60 | 5% | — | — | unverified |',
      '| 2 primary | sjc | 1 | promoted | 30s | — | — | — | — | — | — | — |',
      '| 3 rest | iad, ams | 3 | promoted | 2m | 10m · pass | `/health` | 0/120 | 0% | 85 ms | 1/118 (0.85%), p95 80 ms | verified |'
    ])
  })

  test('a promoted rollout: the plan, collapsed, with a table per wave', () => {
    const md = renderSummaryMarkdown(PROMOTED)
    const plan = section(md, 'Plan')
    expect(plan).toEqual([
      '<details><summary>Plan: 4 to update, 1 to create, 1 to destroy</summary>',
      '**Wave 1 · canary** · sjc · bake 10m (up to 20m) · baseline `m2`',
      '| Region | Batch | Machine | Action | Changes |',
      '|---|---:|---|:---:|---|',
      '| sjc | 1 | `m1` | `~` | env +FEATURE, image 111111111111 → 222222222222 |',
      '**Wave 2 · primary** · sjc · checks only',
      '| Region | Batch | Machine | Action | Changes |',
      '|---|---:|---|:---:|---|',
      '| sjc | 1 | `m2` | `~` | env +FEATURE, image 111111111111 → 222222222222 |',
      '**Wave 3 · rest** · iad, ams · bake 10m (up to 20m) · manual approval',
      '| Region | Batch | Machine | Action | Changes |',
      '|---|---:|---|:---:|---|',
      '| iad | 1 | `m3` | `~` | env +FEATURE, image 111111111111 → 222222222222 |',
      '| ams | 1 | `new-ams-app-1` | `+` | create: surge, keeps the region serving, destroyed after wave 3 |',
      '| ams | 2 | `m4` | `~` | env +FEATURE, image 111111111111 → 222222222222, stopped, stays stopped |',
      '**After the last wave**',
      '| Region | Batch | Machine | Action | Changes |',
      '|---|---:|---|:---:|---|',
      '| iad | — | `m9` | `-` | destroy (removed-group) |',
      '</details>',
      `> **Not rolled back:** A rollback puts every touched machine back to its exact config, image and state. It does not restore app secrets, volume data, \`release_command\` effects, IPs and certificates.`
    ])
    // <details> needs blank lines around markdown inside it.
    expect(md).toContain('</summary>\n\n**Wave 1')
    expect(md).toContain('|\n\n</details>\n\n')
  })

  test('a promoted rollout: the timeline is a mermaid gantt, a section per wave', () => {
    const md = renderSummaryMarkdown(PROMOTED)
    const blocks = fenced(md).filter((b) => b.info === 'mermaid')
    expect(blocks).toHaveLength(1)
    expect(blocks[0]!.body).toEqual([
      'gantt',
      '  title Rollout timeline',
      '  dateFormat x',
      '  axisFormat %H:%M:%S',
      '  todayMarker off',
      '  section Wave 1 canary',
      `    update :done, w1u, ${T0 + 1_000}, ${T0 + 46_000}`,
      `    bake :done, w1b, ${T0 + 46_000}, ${T0 + 646_000}`,
      '  section Wave 2 primary',
      `    update :done, w2u, ${T0 + 646_000}, ${T0 + 676_000}`,
      '  section Wave 3 rest',
      `    update :done, w3u, ${T0 + 676_000}, ${T0 + 796_000}`,
      `    bake :done, w3b, ${T0 + 796_000}, ${T0 + 1_396_000}`
    ])
    expect(section(md, 'Timeline')[0]).toBe('```mermaid')
  })

  test('a rolled-back rollout: reason fenced, restored machines, milestones', () => {
    const md = renderSummaryMarkdown(ROLLED_BACK, OPTIONS)
    expect(lines(md)[0]).toBe('## fly-rollout: demo — Rolled back')
    expect(section(md, 'Result')).toEqual(['**Rolled back** after 6m40s.'])
    expect(section(md, 'Rollback')).toEqual([
      '**Reason:**',
      '````text',
      `wave 1 (canary) failed: ${HOSTILE}`,
      '````',
      'Failure to restored: 1m5s.',
      '| Machine | Status | Detail |',
      '|---|---|---|',
      '| `m1` | restored | — |',
      '| `new-sjc-app-1` | destroyed | — |',
      '| `m2` | restored, unhealthy | machine m2 is back \\| but &lt;b&gt;not&lt;/b&gt; healthy |'
    ])
    expect(section(md, 'Waves')[2]).toBe(
      `| 1 canary | sjc | 1 | rolled back | 45s | 4m14s · fail | \`/health\` | 7/40 | 17.5% | 310 ms | — | verified |`
    )
    const gantt = fenced(md).find((b) => b.info === 'mermaid')!.body
    expect(gantt.slice(5)).toEqual([
      '  section Wave 1 canary',
      `    update :done, w1u, ${T0 + 1_000}, ${T0 + 46_000}`,
      `    bake :crit, w1b, ${T0 + 46_000}, ${T0 + 300_000}`,
      '  section Rollback',
      `    failure :crit, milestone, fail, ${T0 + 300_000}, 0d`,
      `    restore :crit, rb, ${T0 + 300_000}, ${T0 + 365_000}`,
      `    restored :milestone, back, ${T0 + 365_000}, 0d`
    ])
  })

  test('a rollback that could not restore every machine says how to retry', () => {
    const md = renderSummaryMarkdown({
      ...ROLLED_BACK,
      result: 'rollback-incomplete',
      restored: [{ machineId: 'm1', status: 'unrestorable', reason: 'gone' }]
    })
    expect(lines(md)[0]).toBe('## fly-rollout: demo — Rollback incomplete')
    expect(section(md, 'Rollback')).toContain(
      '**Some machines are not back on their previous release.** Retry with `fly-rollout rollback --app demo`.'
    )
    expect(section(md, 'Rollback')).toContain('| `m1` | unrestorable | gone |')
  })

  test('a failure left in place (rollback off) has a failure milestone only', () => {
    const md = renderSummaryMarkdown({
      ...ROLLED_BACK,
      result: 'failed',
      reason: 'wave 1 failed (rollback: off)',
      restored: [],
      restoredAt: undefined,
      waves: [
        {
          ...ROLLED_BACK.waves[0]!,
          status: 'failed',
          bake: undefined,
          verifiedAt: undefined
        }
      ]
    })
    expect(section(md, 'Result')).toEqual([
      '**Failed** after 6m40s — wave 1 failed (rollback: off)'
    ])
    const gantt = fenced(md).find((b) => b.info === 'mermaid')!.body
    expect(gantt.slice(5)).toEqual([
      '  section Wave 1 canary',
      `    update :crit, w1u, ${T0 + 1_000}, ${T0 + 300_000}`,
      '  section Failure',
      `    failure :crit, milestone, fail, ${T0 + 300_000}, 0d`
    ])
  })

  test('a held rollout: the reason, the held wave, an active bake bar', () => {
    const md = renderSummaryMarkdown(HELD)
    expect(lines(md)[0]).toBe('## fly-rollout: demo — Held')
    expect(section(md, 'Result')).toEqual([
      "**Held** after 21m40s — wave 2 (primary) is inconclusive after 1200s: /health: 2/30 errors; continue with 'fly-rollout resume --app demo'"
    ])
    expect(section(md, 'Waves')).toContain(
      '| 2 primary | sjc | 1 | held | 30s | 10m · inconclusive | `/health` | 2/30 | 6.67% | — | — | off |'
    )
    expect(section(md, 'Waves')).toContain(
      '| 3 rest | iad, ams | 3 | pending | — | — | — | — | — | — | — | — |'
    )
    const gantt = fenced(md).find((b) => b.info === 'mermaid')!.body
    expect(gantt).toContain(
      `    bake :active, w2b, ${T0 + 676_000}, ${T0 + 1_276_000}`
    )
    expect(gantt.filter((l) => l.startsWith('  section'))).toEqual([
      '  section Wave 1 canary',
      '  section Wave 2 primary'
    ])
    expect(gantt.some((l) => l.includes('milestone'))).toBe(false)
  })

  test('an invalid rollout: diagnostics, no waves table, no timeline', () => {
    const md = renderSummaryMarkdown(INVALID, { title: 'Deploy production' })
    expect(lines(md)[0]).toBe('## Deploy production — Invalid')
    expect(section(md, 'Result')).toEqual([
      '**Invalid** after 2s — the plan has errors; nothing was changed'
    ])
    expect(section(md, 'Waves')).toEqual([])
    expect(section(md, 'Timeline')).toEqual([])
    expect(section(md, 'Plan')).toEqual([])
    expect(section(md, 'Diagnostics')).toEqual([
      '| Severity | Where | Code | Problem |',
      '|---|---|---|---|',
      '| error | `deploy/fly.toml:12` | `unknown-key` | unknown key "auto\\_machine\\_start" in \\[http\\_service\\] (did you mean "auto\\_start\\_machines"?) |',
      '| error | `input rollout:3` | `rollout-spec` | waves\\[1\\].bake: not a duration: "soon" |',
      '| warning | `.github/rollout.yml` | `rollout-spec` | probes: none given; machine checks only |',
      '| warning | — | `input` | no fly.toml \\| probe said \\| &lt;script&gt;alert(1)&lt;/script&gt; \\`\\`\\` \\`x\\` \\$x\\$ \\_y\\_ |',
      `> **Not rolled back:** A rollback puts every touched machine back to its exact config, image and state. It does not restore app secrets, volume data, \`release_command\` effects, IPs and certificates.`
    ])
  })

  test('hostile text cannot break a table, a fence or the page', () => {
    const hostile: RolloutOutcome = {
      ...ROLLED_BACK,
      app: 'demo|x',
      reason: `${HOSTILE}\n\`\`\`\n## injected\n\`\`\`\`\`\n<img src=x>`,
      waves: [
        { ...ROLLED_BACK.waves[0]!, name: 'can|ary: `x` #1; %%{init}%%' }
      ],
      diagnostics: [{ ...DIAGNOSTICS[0]!, file: 'a|b`c.toml' }],
      restored: [{ machineId: 'm1', status: 'failed', reason: HOSTILE }]
    }
    const md = renderSummaryMarkdown(hostile, {
      title: '<h1>x</h1>',
      url: 'javascript:alert(1)',
      secrets: { set: ['A|B', '`tick'], unchanged: [] }
    })

    // The reason stays in its fence, whole; nothing after it is swallowed.
    const text = fenced(md).find((b) => b.info === 'text')!
    expect(text.body).toEqual(lines(hostile.reason!))
    expect(section(md, 'Rollback')).toContain('Failure to restored: 1m5s.')
    expect(outsideFences(md).filter((l) => l.startsWith('## '))).toEqual([
      '## &lt;h1&gt;x&lt;/h1&gt; — Rolled back'
    ])

    // Every table row has as many cells as its header.
    const outside = outsideFences(md)
    let width = 0
    for (const l of outside) {
      if (!l.startsWith('|')) {
        width = 0
        continue
      }
      if (!width) width = cells(l)
      expect(cells(l), l).toBe(width)
    }
    expect(
      section(md, 'Waves').every((l) => !l.startsWith('|') || cells(l) === 12)
    ).toBe(true)

    // No raw HTML and no unescaped code span outside fences.
    for (const l of outside) {
      expect(l).not.toMatch(/<(script|img|h1|b)\b/)
    }
    expect(md).toContain('- **URL:** javascript:alert(1)')
    expect(md).toContain('set `A|B`, `` `tick ``;')

    // Mermaid sees only a safe label.
    const gantt = fenced(md).find((b) => b.info === 'mermaid')!.body
    expect(gantt).toContain('  section Wave 1 can ary x 1 init')
  })

  test('secrets appear by name only', () => {
    const md = renderSummaryMarkdown(PROMOTED, {
      secrets: { set: ['TOKEN=s3cr3t-value', 'DB_URL'], unchanged: [] }
    })
    expect(md).toContain('- **Secrets:** set `TOKEN`, `DB_URL`; unchanged —')
    expect(md).not.toContain('s3cr3t')
  })

  test('an outcome without image or ids lists the app only', () => {
    const md = renderSummaryMarkdown({
      ...INVALID,
      image: '',
      digest: '',
      releaseId: '',
      rolloutId: ''
    })
    expect(lines(md).slice(0, 4)).toEqual([
      '## fly-rollout: demo — Invalid',
      '',
      '- **App:** `demo`',
      ''
    ])
  })

  test('an interrupted wave is drawn up to its start, as active', () => {
    const md = renderSummaryMarkdown({
      ...PROMOTED,
      result: 'interrupted',
      reason: 'cancelled',
      waves: [
        {
          ...PROMOTED.waves[0]!,
          status: 'pending',
          verifiedAt: undefined,
          endedAt: undefined,
          bake: undefined,
          figures: undefined,
          regions: []
        }
      ]
    })
    expect(section(md, 'Waves')[2]).toBe(
      '| 1 canary | — | 1 | pending | — | — | — | — | — | — | — | — |'
    )
    const gantt = fenced(md).find((b) => b.info === 'mermaid')!.body
    expect(gantt.slice(5)).toEqual([
      '  section Wave 1 canary',
      `    update :active, w1u, ${T0 + 1_000}, ${T0 + 1_000}`
    ])
  })

  const rollbacks: {
    name: string
    over: Partial<RolloutOutcome>
    want: string[]
  }[] = [
    {
      name: 'no reason, no times, nothing restored',
      over: {
        reason: undefined,
        failedAt: undefined,
        restoredAt: undefined,
        restored: []
      },
      want: []
    },
    {
      name: 'a restore that finished before the failure was recorded',
      over: { reason: undefined, restored: [], restoredAt: T0 + 200_000 },
      want: ['Failure to restored: 0s.']
    }
  ]
  for (const c of rollbacks) {
    test(`the rollback section with ${c.name}`, () => {
      const md = renderSummaryMarkdown({ ...ROLLED_BACK, ...c.over })
      expect(section(md, 'Rollback')).toEqual(c.want)
    })
  }

  const steps: { name: string; step: UpdateStep | CreateStep; want: string }[] =
    [
      {
        name: 'an unchanged machine',
        step: update(S0[0]!, { toHash: S0[0]!.hash, fromImage: DIGEST_V2 }),
        want: '| sjc | 1 | `m1` | `=` | unchanged |'
      },
      {
        name: 'a machine whose only change the plan cannot name',
        step: update(S0[0]!, { config: S0[0]!.config }),
        want: '| sjc | 1 | `m1` | `~` | config |'
      },
      {
        name: 'a machine not in S₀',
        step: update(machine({ id: 'mx', region: 'sjc' })),
        want: '| sjc | 1 | `mx` | `~` | config |'
      },
      {
        name: 'a machine counts: asks for',
        step: { ...create, reason: 'count', retireAfterWave: undefined },
        want: '| sjc | 1 | `new-ams-app-1` | `+` | create: counts |'
      },
      {
        name: 'a surge canary',
        step: { ...create, reason: 'canary', retireAfterWave: 0 },
        want: '| sjc | 1 | `new-ams-app-1` | `+` | create: surge canary, destroyed after wave 1 |'
      },
      {
        name: 'a new process group',
        step: { ...create, reason: 'group', retireAfterWave: undefined },
        want: '| sjc | 1 | `new-ams-app-1` | `+` | create: new process group |'
      }
    ]
  for (const c of steps) {
    test(`the plan row of ${c.name}`, () => {
      const plan: RolloutPlan = {
        ...PLAN,
        waves: [wave(0, 'only', [{ region: 'sjc', batches: [[c.step]] }])],
        cleanup: []
      }
      const rows = section(renderSummaryMarkdown({ ...PROMOTED, plan }), 'Plan')
      expect(rows[4]).toBe(c.want)
    })
  }

  test('the plan summary counts unchanged machines', () => {
    const plan: RolloutPlan = {
      ...PLAN,
      waves: [
        wave(0, 'only', [
          {
            region: 'sjc',
            batches: [
              [update(S0[0]!, { toHash: S0[0]!.hash, fromImage: DIGEST_V2 })]
            ]
          }
        ])
      ],
      cleanup: []
    }
    expect(
      section(renderSummaryMarkdown({ ...PROMOTED, plan }), 'Plan')[0]
    ).toBe(
      '<details><summary>Plan: 0 to update, 0 to create, 0 to destroy, 1 unchanged</summary>'
    )
  })

  test('an image by tag names its digest beside it', () => {
    const md = renderSummaryMarkdown({
      ...PROMOTED,
      image: 'registry.fly.io/demo:deployment-7'
    })
    expect(md).toContain(
      `- **Image:** \`registry.fly.io/demo:deployment-7\` (\`${DIGEST_V2}\`)`
    )
  })

  test('broken numbers render as a dash, never NaN', () => {
    const md = renderSummaryMarkdown({
      ...PROMOTED,
      endedAt: Number.NaN,
      waves: [
        {
          ...PROMOTED.waves[0]!,
          machines: Number.NaN,
          figures: [
            {
              path: '/health',
              canary: {
                n: 0,
                errors: 0,
                errorRate: Number.NaN,
                p95Ms: Number.NaN
              },
              baseline: { n: 0, errors: 0, errorRate: Number.NaN },
              identity: 'verified'
            }
          ]
        }
      ]
    })
    expect(section(md, 'Waves')[2]).toBe(
      '| 1 canary | sjc | 0 | promoted | 45s | 10m · pass | `/health` | 0/0 | — | — | 0/0 (—) | verified |'
    )
    expect(md).toContain('**Promoted** after —.')
  })

  for (const c of ALL) {
    test(`a ${c.name} rollout renders no undefined or NaN`, () => {
      for (const options of [{}, OPTIONS]) {
        const md = renderSummaryMarkdown(c.outcome, options)
        expect(md).not.toMatch(/undefined|NaN|null/)
        expect(md.endsWith('IPs and certificates.\n')).toBe(true)
      }
    })
  }
})

// ─── annotationsFor ─────────────────────────────────────────────────────────

describe('annotationsFor', () => {
  const cases: { name: string; d: Diagnostic; want: Annotation }[] = [
    {
      name: 'points at fly.toml and its line',
      d: DIAGNOSTICS[0]!,
      want: {
        level: 'error',
        message:
          'unknown key "auto_machine_start" in [http_service] (did you mean "auto_start_machines"?)',
        file: 'deploy/fly.toml',
        startLine: 12,
        title: 'fly-rollout: unknown-key'
      }
    },
    {
      name: 'names the action input when the spec was inline',
      d: DIAGNOSTICS[1]!,
      want: {
        level: 'error',
        message: 'input rollout line 3: waves[1].bake: not a duration: "soon"',
        title: 'fly-rollout: rollout-spec'
      }
    },
    {
      name: 'points at the spec file; the key stands in for a missing line',
      d: DIAGNOSTICS[2]!,
      want: {
        level: 'warning',
        message: 'probes: none given; machine checks only at probes',
        file: '.github/rollout.yml',
        title: 'fly-rollout: rollout-spec'
      }
    },
    {
      name: 'has no file when the problem is in no file',
      d: { severity: 'warning', code: 'input', summary: 'no fly.toml' },
      want: {
        level: 'warning',
        message: 'no fly.toml',
        title: 'fly-rollout: input'
      }
    }
  ]
  for (const c of cases) {
    test(c.name, () => {
      expect(annotationsFor([c.d])).toEqual([c.want])
    })
  }

  test('one annotation per diagnostic, in order', () => {
    expect(annotationsFor(DIAGNOSTICS).map((a) => a.level)).toEqual([
      'error',
      'error',
      'warning',
      'warning'
    ])
    expect(annotationsFor([])).toEqual([])
  })
})

// ─── renderOutputs ──────────────────────────────────────────────────────────

describe('renderOutputs', () => {
  test('a promoted rollout: ids, the image by digest, waves as compact JSON', () => {
    const out = renderOutputs(PROMOTED)
    expect({ ...out, waves: undefined }).toEqual({
      result: 'promoted',
      image: V2,
      'release-version': 'rel0123456789',
      'rollout-id': '01ROLLOUT',
      waves: undefined,
      'rollback-reason': ''
    })
    expect(out.waves).not.toContain('\n')
    expect(JSON.parse(out.waves)).toEqual([
      {
        name: 'canary',
        regions: ['sjc'],
        status: 'promoted',
        machines: 1,
        bake: { verdict: 'pass', elapsedMs: 600_000 },
        figures: [
          {
            path: '/health',
            canary: { n: 120, errors: 0, errorRate: 0, p50Ms: 40, p95Ms: 85.4 },
            baseline: { n: 118, errors: 1, errorRate: 1 / 118, p95Ms: 80 },
            identity: 'verified'
          },
          {
            path: '/api/items',
            canary: { n: 60, errors: 3, errorRate: 0.05 },
            identity: 'unverified'
          }
        ]
      },
      {
        name: 'primary',
        regions: ['sjc'],
        status: 'promoted',
        machines: 1,
        bake: null,
        figures: []
      },
      {
        name: 'rest',
        regions: ['iad', 'ams'],
        status: 'promoted',
        machines: 3,
        bake: { verdict: 'pass', elapsedMs: 600_000 },
        figures: [JSON.parse(JSON.stringify(FIGURES[0]))]
      }
    ])
  })

  const reasons: { name: string; outcome: RolloutOutcome; want: string }[] = [
    { name: 'rolled back', outcome: ROLLED_BACK, want: ROLLED_BACK.reason! },
    {
      name: 'rollback incomplete',
      outcome: { ...ROLLED_BACK, result: 'rollback-incomplete' },
      want: ROLLED_BACK.reason!
    },
    {
      name: 'failed',
      outcome: {
        ...INVALID,
        result: 'failed',
        reason: 'release_command failed'
      },
      want: 'release_command failed'
    },
    { name: 'held', outcome: HELD, want: '' },
    { name: 'invalid', outcome: INVALID, want: '' },
    { name: 'promoted', outcome: PROMOTED, want: '' }
  ]
  reasons.push({
    name: 'failed without a reason',
    outcome: { ...INVALID, result: 'failed', reason: undefined },
    want: ''
  })
  for (const c of reasons) {
    test(`rollback-reason when ${c.name}`, () => {
      expect(renderOutputs(c.outcome)['rollback-reason']).toBe(c.want)
    })
  }

  const images = [
    { image: V2, digest: DIGEST_V2, want: V2 },
    { image: 'registry.fly.io/demo:deployment-7', digest: DIGEST_V2, want: V2 },
    {
      image: 'localhost:5000/demo',
      digest: DIGEST_V2,
      want: `localhost:5000/demo@${DIGEST_V2}`
    },
    {
      image: 'registry.fly.io/demo:v1',
      digest: '',
      want: 'registry.fly.io/demo:v1'
    },
    { image: '', digest: '', want: '' }
  ]
  for (const c of images) {
    test(`image output for ${JSON.stringify(c.image)} is pinned by digest`, () => {
      expect(renderOutputs({ ...PROMOTED, ...c }).image).toBe(c.want)
    })
  }

  test('broken numbers in figures never reach the JSON as null', () => {
    const out = renderOutputs({
      ...PROMOTED,
      waves: [
        {
          ...PROMOTED.waves[0]!,
          bake: {
            verdict: 'pass',
            reason: '',
            elapsedMs: Number.NaN,
            looks: 0
          },
          figures: [
            {
              path: '/',
              canary: {
                n: 1,
                errors: 0,
                errorRate: Number.NaN,
                p95Ms: Number.NaN
              },
              identity: 'off'
            }
          ]
        }
      ]
    })
    expect(out.waves).toBe(
      '[{"name":"canary","regions":["sjc"],"status":"promoted","machines":1,"bake":{"verdict":"pass","elapsedMs":0},"figures":[{"path":"/","canary":{"n":1,"errors":0,"errorRate":0},"identity":"off"}]}]'
    )
  })
})
