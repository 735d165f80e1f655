import { describe, expect, test } from 'vitest'
import { planRollout } from '../../src/core/planner.js'
import {
  parseRolloutSpec,
  SPEC_DEFAULTS,
  type RolloutSpec
} from '../../src/core/spec.js'
import { ALL_REGIONS, fleet, release, s0 } from '../../__fixtures__/builders.js'

const parse = (yaml: string) => parseRolloutSpec(yaml, 'rollout.yml')

/** ok parses a spec that must be valid. */
function ok(yaml: string): RolloutSpec {
  const r = parse(yaml)
  expect(r.diagnostics).toEqual([])
  return r.spec!
}

/** The spec with every default, as an empty text gives it. */
const DEFAULTS: RolloutSpec = {
  counts: {},
  probes: [],
  compare: {
    errors: true,
    latency: true,
    absMargin: 0.005,
    relMargin: 2,
    allowedIncrease: 1.1,
    minLatencyDeltaMs: 5
  },
  onInconclusive: 'hold',
  maxUnavailable: 1,
  machineDeadlineMs: 5 * 60_000,
  progressDeadlineMs: 15 * 60_000,
  allowDowntime: false,
  alpha: 0.01,
  verifyPasses: 1,
  identity: {
    machineHeader: 'x-fly-machine-id',
    versionHeader: 'x-fly-machine-version'
  }
}

describe('parseRolloutSpec: the issue’s example', () => {
  // The example wrote `sfo`; Fly has no sfo (the Bay Area region is sjc).
  const EXAMPLE = `
waves:
  - name: canary
    regions: [sjc]
    machines: 1
    bake: 2m
  - name: home
    regions: [sjc, lhr]
    bake: 5m
    max-bake: 20m
  - name: everywhere else
    regions: ["*"]
counts: { sjc: 3, lhr: 2, syd: 1 }
probes:
  - path: /health
`

  test('reads waves, counts and probes with every default filled in', () => {
    expect(ok(EXAMPLE)).toEqual({
      ...DEFAULTS,
      waves: [
        {
          name: 'canary',
          regions: ['sjc'],
          machines: 1,
          fraction: undefined,
          bakeMs: 120_000,
          maxBakeMs: undefined,
          maxUnavailable: undefined,
          progressDeadlineMs: undefined,
          gate: 'none',
          onInconclusive: undefined
        },
        {
          name: 'home',
          regions: ['sjc', 'lhr'],
          machines: undefined,
          fraction: undefined,
          bakeMs: 300_000,
          maxBakeMs: 1_200_000,
          maxUnavailable: undefined,
          progressDeadlineMs: undefined,
          gate: 'none',
          onInconclusive: undefined
        },
        {
          name: 'everywhere else',
          regions: ['*'],
          machines: undefined,
          fraction: undefined,
          bakeMs: undefined,
          maxBakeMs: undefined,
          maxUnavailable: undefined,
          progressDeadlineMs: undefined,
          gate: 'none',
          onInconclusive: undefined
        }
      ],
      counts: { '*': { sjc: 3, lhr: 2, syd: 1 } },
      probes: [
        {
          path: '/health',
          method: 'GET',
          intervalMs: 200,
          timeoutMs: 5000,
          headers: {},
          maxErrorRate: 0.05,
          maxP95Ms: undefined,
          maxP99Ms: undefined,
          minSamples: 92
        }
      ]
    })
  })

  test('regions "*" may also be written without a list', () => {
    expect(ok('waves:\n  - regions: "*"\n').waves![0]!.regions).toEqual(['*'])
  })
})

describe('parseRolloutSpec: defaults', () => {
  test('an empty text is the default spec', () => {
    expect(parse('')).toEqual({ spec: DEFAULTS, diagnostics: [] })
  })

  test('whitespace and comments only are the default spec too', () => {
    expect(parse('\n# nothing yet\n   \n')).toEqual({
      spec: DEFAULTS,
      diagnostics: []
    })
  })

  test('the documented defaults match SPEC_DEFAULTS', () => {
    expect(SPEC_DEFAULTS).toEqual({
      probeIntervalMs: 200,
      probeTimeoutMs: 5000,
      maxErrorRate: 0.05,
      machineDeadlineMs: 300_000,
      progressDeadlineMs: 900_000,
      alpha: 0.01
    })
  })

  // §5: min_samples = ceil(4.6 / max_rate); 460 for 1 %.
  const minSamples = [
    { rate: undefined, want: 92 },
    { rate: '5%', want: 92 },
    { rate: '1%', want: 460 },
    { rate: '0.1%', want: 4600 },
    { rate: 0.02, want: 230 },
    { rate: '3%', want: 154 },
    { rate: '0%', want: 4600 }
  ]
  for (const c of minSamples) {
    test(`min-samples defaults to ceil(4.6 / rate): max-error-rate ${c.rate ?? '(default)'} → ${c.want}`, () => {
      const yaml =
        'probes:\n  - path: /\n' +
        (c.rate === undefined ? '' : `    max-error-rate: ${c.rate}\n`)
      expect(ok(yaml).probes[0]!.minSamples).toBe(c.want)
    })
  }

  test('an explicit min-samples wins', () => {
    expect(
      ok('probes:\n  - path: /\n    max-error-rate: 1%\n    min-samples: 50\n')
        .probes[0]!.minSamples
    ).toBe(50)
  })

  test('a fully written probe keeps every field', () => {
    expect(
      ok(`
probes:
  - path: /api/ping?x=1
    method: HEAD
    expect: [200, 204]
    interval: 1s
    timeout: 2s
    headers: { Authorization: Bearer x, x-probe: "1" }
    max-error-rate: 1%
    max-p95: 300ms
    max-p99: 1s
`).probes
    ).toEqual([
      {
        path: '/api/ping?x=1',
        method: 'HEAD',
        expect: [200, 204],
        intervalMs: 1000,
        timeoutMs: 2000,
        headers: { Authorization: 'Bearer x', 'x-probe': '1' },
        maxErrorRate: 0.01,
        maxP95Ms: 300,
        maxP99Ms: 1000,
        minSamples: 460
      }
    ])
  })

  test('a single expected status is a list of one', () => {
    expect(
      ok('probes:\n  - path: /\n    expect: 204\n').probes[0]!.expect
    ).toEqual([204])
  })

  test('top-level settings override the defaults', () => {
    expect(
      ok(`
on-inconclusive: fail
max-unavailable: 3
machine-deadline: 10m
progress-deadline: 1h
allow-downtime: true
alpha: 5%
`)
    ).toEqual({
      ...DEFAULTS,
      onInconclusive: 'fail',
      maxUnavailable: 3,
      machineDeadlineMs: 600_000,
      progressDeadlineMs: 3_600_000,
      allowDowntime: true,
      alpha: 0.05
    })
  })

  test('a wave’s own settings', () => {
    expect(
      ok(`
waves:
  - regions: [lhr, ams]
    fraction: 50%
    max-unavailable: 2
    progress-deadline: 30m
    gate: manual
    on-inconclusive: pass
`).waves
    ).toEqual([
      {
        regions: ['lhr', 'ams'],
        machines: undefined,
        fraction: 0.5,
        bakeMs: undefined,
        maxBakeMs: undefined,
        maxUnavailable: 2,
        progressDeadlineMs: 1_800_000,
        gate: 'manual',
        onInconclusive: 'pass'
      }
    ])
  })

  test('compare: false turns both comparisons off; a mapping sets each', () => {
    expect(ok('compare: false\n').compare).toEqual({
      ...DEFAULTS.compare,
      errors: false,
      latency: false
    })
    expect(
      ok(`
compare:
  errors: true
  latency: false
  abs-margin: 1%
  rel-margin: 3
  allowed-increase: 1.25
`).compare
    ).toEqual({
      errors: true,
      latency: false,
      absMargin: 0.01,
      relMargin: 3,
      allowedIncrease: 1.25,
      minLatencyDeltaMs: 5
    })
  })

  test('identity: false turns the echo check off; a mapping names the headers, lowercased', () => {
    expect(ok('identity: false\n').identity).toBe(false)
    expect(ok('identity:\n  machine-header: X-Machine\n').identity).toEqual({
      machineHeader: 'x-machine',
      versionHeader: 'x-fly-machine-version'
    })
  })
})

describe('parseRolloutSpec: counts', () => {
  const cases: {
    name: string
    yaml: string
    want: RolloutSpec['counts']
  }[] = [
    {
      name: 'per region, for every group',
      yaml: 'counts: { sjc: 3, lhr: 2 }',
      want: { '*': { sjc: 3, lhr: 2 } }
    },
    {
      name: 'per process group',
      yaml: 'counts:\n  app: { sjc: 2 }\n  worker: { lhr: 1, sjc: 0 }\n',
      want: { app: { sjc: 2 }, worker: { lhr: 1, sjc: 0 } }
    },
    {
      name: 'both at once',
      yaml: 'counts:\n  sjc: 2\n  worker: { lhr: 1 }\n',
      want: { '*': { sjc: 2 }, worker: { lhr: 1 } }
    },
    {
      name: 'zero machines',
      yaml: 'counts: { syd: 0 }',
      want: { '*': { syd: 0 } }
    },
    { name: 'empty', yaml: 'counts: {}', want: {} }
  ]
  for (const c of cases) {
    test(c.name, () => {
      expect(ok(c.yaml).counts).toEqual(c.want)
    })
  }
})

describe('parseRolloutSpec: region codes', () => {
  test('the spec checks the shape of a code; the planner, which knows Fly’s regions, refuses sfo', () => {
    // Fly has no sfo: the Bay Area region is sjc.
    const spec = ok('counts: { sfo: 3 }')
    expect(spec.counts).toEqual({ '*': { sfo: 3 } })
    const plan = planRollout({
      rolloutId: 'R1',
      snapshot: s0(fleet({ sjc: 2 })),
      release: release(),
      spec,
      primaryRegion: 'sjc',
      regions: ALL_REGIONS
    })
    expect(plan.diagnostics).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        summary: 'counts names region "sfo", which is not a Fly region'
      })
    )
  })
})

describe('parseRolloutSpec: errors carry the file, line and key', () => {
  const cases: {
    name: string
    yaml: string
    line: number
    key?: string
    summary: string | RegExp
    detail?: string | RegExp
  }[] = [
    {
      name: 'an unknown top-level key, with a suggestion',
      yaml: 'wave:\n  - regions: [sjc]\n',
      line: 1,
      key: 'wave',
      summary: 'unknown key "wave" in the rollout spec',
      detail: 'did you mean "waves"?'
    },
    {
      name: 'an unknown wave key, with a suggestion',
      yaml: 'waves:\n  - regions: [sjc]\n    bakee: 2m\n',
      line: 3,
      key: 'waves[0].bakee',
      summary: 'unknown key "bakee" in waves[0]',
      detail: 'did you mean "bake"?'
    },
    {
      name: 'an unknown probe key written the TOML way',
      yaml: 'probes:\n  - path: /\n    max_error_rate: 1%\n',
      line: 3,
      key: 'probes[0].max_error_rate',
      summary: 'unknown key "max_error_rate" in probes[0]',
      detail: 'did you mean "max-error-rate"?'
    },
    {
      name: 'an unknown key with no close match lists the allowed ones',
      yaml: 'identity:\n  zzz: 1\n',
      line: 2,
      key: 'identity.zzz',
      summary: 'unknown key "zzz" in identity',
      detail: 'allowed: machine-header, version-header'
    },
    {
      name: 'machines that is not a number',
      yaml: 'waves:\n  - regions: [sjc]\n    machines: two\n',
      line: 3,
      key: 'waves[0].machines',
      summary: 'waves[0].machines must be an integer ≥ 1, got "two"'
    },
    {
      name: 'machines of zero',
      yaml: 'waves:\n  - regions: [sjc]\n    machines: 0\n',
      line: 3,
      key: 'waves[0].machines',
      summary: 'waves[0].machines must be an integer ≥ 1, got 0'
    },
    {
      name: 'a fractional max-unavailable',
      yaml: 'max-unavailable: 1.5\n',
      line: 1,
      key: 'max-unavailable',
      summary: 'max-unavailable must be an integer ≥ 1, got 1.5'
    },
    {
      name: 'allow-downtime that is not a boolean',
      yaml: 'allow-downtime: yes\n',
      line: 1,
      key: 'allow-downtime',
      summary: 'allow-downtime must be true or false'
    },
    {
      name: 'a bad bake duration',
      yaml: 'waves:\n  - regions: [sjc]\n    bake: 2 minutes\n',
      line: 3,
      key: 'waves[0].bake',
      summary: 'waves[0].bake must be a duration like 2m, 30s or 400ms'
    },
    {
      name: 'a bad machine deadline',
      yaml: 'machine-deadline: soon\n',
      line: 1,
      key: 'machine-deadline',
      summary: 'machine-deadline must be a duration like 2m, 30s or 400ms'
    },
    {
      name: 'a negative progress deadline',
      yaml: '\nprogress-deadline: -5m\n',
      line: 2,
      key: 'progress-deadline',
      summary: 'progress-deadline must be a duration like 2m, 30s or 400ms'
    },
    {
      name: 'an error rate above 100 %',
      yaml: 'probes:\n  - path: /\n    max-error-rate: 150%\n',
      line: 3,
      key: 'probes[0].max-error-rate',
      summary: 'probes[0].max-error-rate must be a share like 1% or 0.01'
    },
    {
      name: 'a fraction that is not a share',
      yaml: 'waves:\n  - regions: [sjc]\n    fraction: half\n',
      line: 3,
      key: 'waves[0].fraction',
      summary: 'waves[0].fraction must be a share like 1% or 0.01'
    },
    {
      name: 'a fraction of zero',
      yaml: 'waves:\n  - regions: [sjc]\n    fraction: 0%\n',
      line: 3,
      key: 'waves[0].fraction',
      summary: 'waves[0].fraction must be above 0'
    },
    {
      name: 'alpha out of range',
      yaml: 'alpha: 0.7\n',
      line: 1,
      key: 'alpha',
      summary: 'alpha must be between 0 and 0.5'
    },
    {
      name: 'a bad abs-margin',
      yaml: 'compare:\n  abs-margin: lots\n',
      line: 2,
      key: 'compare.abs-margin',
      summary: 'compare.abs-margin must be a share like 1% or 0.01'
    },
    {
      name: 'a rel-margin that is not a number',
      yaml: 'compare:\n  rel-margin: lots\n',
      line: 2,
      key: 'compare.rel-margin',
      summary: /^compare\.rel-margin must be a ratio of at least 1/
    },
    {
      name: 'an allowed-increase below 1',
      yaml: 'compare:\n  allowed-increase: 0.9\n',
      line: 2,
      key: 'compare.allowed-increase',
      summary: /^compare\.allowed-increase must be a ratio of at least 1/
    },
    {
      name: 'compare that is neither a boolean nor a mapping',
      yaml: 'compare: sometimes\n',
      line: 1,
      key: 'compare',
      summary: 'compare must be true, false or a mapping'
    },
    {
      name: 'compare.errors that is not a boolean',
      yaml: 'compare:\n  errors: sure\n',
      line: 2,
      key: 'compare.errors',
      summary: 'compare.errors must be true or false'
    },
    {
      name: 'machines and fraction together (reported on the wave)',
      yaml: 'waves:\n  - name: w\n    regions: [sjc]\n    machines: 1\n    fraction: 50%\n',
      line: 2,
      key: 'waves[0]',
      summary: 'waves[0] sets both machines and fraction; use one'
    },
    {
      name: 'max-bake shorter than bake',
      yaml: 'waves:\n  - regions: [sjc]\n    bake: 10m\n    max-bake: 5m\n',
      line: 4,
      key: 'waves[0].max-bake',
      summary: 'waves[0].max-bake must not be shorter than bake'
    },
    {
      name: 'a probe path without a leading /',
      yaml: 'probes:\n  - path: health\n',
      line: 2,
      key: 'probes[0].path',
      summary: 'probes[0].path must be a path starting with /'
    },
    {
      name: 'a probe without a path (reported on the probe)',
      yaml: 'probes:\n  - path: /\n  - method: GET\n',
      line: 3,
      key: 'probes[1].path',
      summary: 'probes[1].path must be a path starting with /'
    },
    {
      name: 'expect that is not a status',
      yaml: 'probes:\n  - path: /\n    expect: ok\n',
      line: 3,
      key: 'probes[0].expect',
      summary: 'probes[0].expect must be an HTTP status or a list of them'
    },
    {
      name: 'expect with a status out of range',
      yaml: 'probes:\n  - path: /\n    expect: [200, 99]\n',
      line: 3,
      key: 'probes[0].expect',
      summary: 'probes[0].expect must be an HTTP status or a list of them'
    },
    {
      name: 'a fly-force-* header (probes are pinned by fly-rollout)',
      yaml: 'probes:\n  - path: /\n    headers:\n      x-ok: "1"\n      Fly-Force-Instance-Id: abc\n',
      line: 5,
      key: 'probes[0].headers.Fly-Force-Instance-Id',
      summary:
        'probes[0].headers: Fly-Force-Instance-Id is set by fly-rollout itself (probes are pinned per machine)'
    },
    {
      name: 'a fly-prefer-* header (it falls back silently)',
      yaml: 'probes:\n  - path: /\n    headers: { fly-prefer-region: lhr }\n',
      line: 3,
      key: 'probes[0].headers.fly-prefer-region',
      summary:
        /^probes\[0\]\.headers: fly-prefer-region is set by fly-rollout itself/
    },
    {
      name: 'headers that are not a mapping',
      yaml: 'probes:\n  - path: /\n    headers: [a]\n',
      line: 3,
      key: 'probes[0].headers',
      summary: 'probes[0].headers must map header names to values'
    },
    {
      name: 'a method other than GET or HEAD',
      yaml: 'probes:\n  - path: /\n    method: POST\n',
      line: 3,
      key: 'probes[0].method',
      summary: 'probes[0].method must be one of GET, HEAD'
    },
    {
      name: 'a probe interval below 50 ms',
      yaml: 'probes:\n  - path: /\n    interval: 10ms\n',
      line: 3,
      key: 'probes[0].interval',
      summary: 'probes[0].interval must be at least 50ms'
    },
    {
      name: 'probes that are not a list',
      yaml: 'probes:\n  path: /\n',
      line: 2,
      key: 'probes',
      summary: 'probes must be a list of probes'
    },
    {
      name: 'a probe that is not a mapping',
      yaml: 'probes:\n  - /health\n',
      line: 2,
      key: 'probes[0]',
      summary: 'probes[0] must be a mapping with a path:'
    },
    {
      name: 'waves that are not a list',
      yaml: 'waves:\n  regions: [sjc]\n',
      line: 2,
      key: 'waves',
      summary: 'waves must be a non-empty list of waves'
    },
    {
      name: 'an empty list of waves',
      yaml: 'waves: []\n',
      line: 1,
      key: 'waves',
      summary: 'waves must be a non-empty list of waves'
    },
    {
      name: 'a wave that is not a mapping',
      yaml: 'waves:\n  - sjc\n',
      line: 2,
      key: 'waves[0]',
      summary: 'waves[0] must be a mapping with regions:'
    },
    {
      name: 'a wave without regions',
      yaml: 'waves:\n  - name: first\n    bake: 1m\n',
      line: 2,
      key: 'waves[0].regions',
      summary: 'waves[0] needs regions: (a list of region codes, or "*")'
    },
    {
      name: 'regions that are not region codes',
      yaml: 'waves:\n  - regions: [sjc, LHR]\n',
      line: 2,
      key: 'waves[0].regions',
      summary: 'waves[0].regions must list region codes like sjc or "*"'
    },
    {
      name: 'regions written as one code instead of a list',
      yaml: 'waves:\n  - regions: sjc\n',
      line: 2,
      key: 'waves[0].regions',
      summary: 'waves[0].regions must be a list of region codes or "*"'
    },
    {
      name: 'a wave name that is not a text',
      yaml: 'waves:\n  - name: { a: 1 }\n    regions: [sjc]\n',
      line: 2,
      key: 'waves[0].name',
      summary: 'waves[0].name must be a text'
    },
    {
      name: 'an unknown gate',
      yaml: 'waves:\n  - regions: [sjc]\n    gate: auto\n',
      line: 3,
      key: 'waves[0].gate',
      summary: 'waves[0].gate must be one of none, manual'
    },
    {
      name: 'an unknown on-inconclusive',
      yaml: 'on-inconclusive: maybe\n',
      line: 1,
      key: 'on-inconclusive',
      summary: 'on-inconclusive must be one of hold, fail, pass'
    },
    {
      name: 'counts that are not a mapping',
      yaml: 'counts: [sjc]\n',
      line: 1,
      key: 'counts',
      summary:
        'counts must map regions to machine counts, like { sjc: 3, lhr: 2 }'
    },
    {
      name: 'a count key that is not a region',
      yaml: 'counts:\n  sjc: 1\n  san-jose: 2\n',
      line: 3,
      key: 'counts.san-jose',
      summary: /^counts: "san-jose" is not a region code/
    },
    {
      name: 'a negative count',
      yaml: 'counts: { sjc: -1 }\n',
      line: 1,
      key: 'counts.sjc',
      summary: 'counts.sjc must be an integer ≥ 0, got -1'
    },
    {
      name: 'a group count keyed by something other than a region',
      yaml: 'counts:\n  worker:\n    everywhere: 2\n',
      line: 3,
      key: 'counts.worker.everywhere',
      summary: 'counts.worker: "everywhere" is not a region code'
    },
    {
      name: 'identity that is neither false nor a mapping',
      yaml: 'identity: yes\n',
      line: 1,
      key: 'identity',
      summary:
        'identity must be false or a mapping with machine-header and version-header'
    },
    {
      name: 'a spec that is not a mapping',
      yaml: '- waves\n',
      line: 1,
      summary: /^the rollout spec must be a YAML mapping/
    }
  ]
  for (const c of cases) {
    test(c.name, () => {
      const r = parse(c.yaml)
      expect(r.spec).toBeUndefined()
      expect(r.diagnostics).toHaveLength(1)
      const d = r.diagnostics[0]!
      expect(d).toMatchObject({
        severity: 'error',
        code: 'rollout-spec',
        file: 'rollout.yml',
        line: c.line
      })
      expect(d.key).toBe(c.key)
      if (typeof c.summary === 'string') expect(d.summary).toBe(c.summary)
      else expect(d.summary).toMatch(c.summary)
      if (c.detail !== undefined) {
        if (typeof c.detail === 'string') expect(d.detail).toBe(c.detail)
        else expect(d.detail).toMatch(c.detail)
      }
    })
  }

  const yamlErrors = [
    {
      name: 'an unclosed flow list',
      yaml: 'waves:\n  - regions: [sjc\n',
      line: 3
    },
    {
      name: 'a duplicate key',
      yaml: 'alpha: 0.01\nwaves: []\nalpha: 0.02\n',
      line: 3
    },
    {
      name: 'a tab as indentation',
      yaml: 'waves:\n  - regions: [sjc]\n\tbake: 2m\n',
      line: 3
    },
    {
      name: 'an unclosed quote',
      yaml: 'probes:\n  - path: /\n  - path: "/x\n',
      line: 4
    }
  ]
  for (const c of yamlErrors) {
    test(`invalid YAML is reported with its line: ${c.name}`, () => {
      const r = parse(c.yaml)
      expect(r.spec).toBeUndefined()
      expect(r.diagnostics.length).toBeGreaterThanOrEqual(1)
      expect(r.diagnostics[0]).toMatchObject({
        severity: 'error',
        code: 'yaml',
        file: 'rollout.yml',
        line: c.line,
        summary: expect.stringMatching(/^invalid YAML: /)
      })
    })
  }

  test('every problem is reported at once, each on its own line', () => {
    const r = parse(`
wave: 1
waves:
  - regions: [sjc]
    machines: 0
    bake: forever
probes:
  - path: health
    headers: { fly-force-region: lhr }
alpha: 0.9
`)
    expect(r.spec).toBeUndefined()
    expect(r.diagnostics.map((d) => [d.line, d.key])).toEqual([
      [2, 'wave'],
      [10, 'alpha'],
      [5, 'waves[0].machines'],
      [6, 'waves[0].bake'],
      [8, 'probes[0].path'],
      [9, 'probes[0].headers.fly-force-region']
    ])
  })
})

test('verify-passes sets how many consecutive passing check results verify a machine', () => {
  const r = parseRolloutSpec('verify-passes: 3\n', 'rollout.yml')
  expect(r.spec?.verifyPasses).toBe(3)
  const bad = parseRolloutSpec('verify-passes: 0\n', 'rollout.yml')
  expect(bad.diagnostics[0]).toMatchObject({ line: 1, key: 'verify-passes' })
})
