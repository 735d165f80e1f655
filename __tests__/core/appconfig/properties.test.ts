import { stringify } from '@iarna/toml'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  MACHINE_PRESETS,
  parseFlyToml,
  toMachineConfigs,
  type MachineConfigOptions
} from '../../../src/core/appconfig/index.js'

const OPTS: MachineConfigOptions = {
  image: 'registry.fly.io/app@sha256:0',
  releaseId: 'r1',
  releaseVersion: 1,
  flyctlVersion: 'v0.3.0'
}

// Lines that look like fly.toml: known and unknown keys, headers, values of
// every TOML type, so random documents reach deep into the reader.
const word = fc.constantFrom(
  'app',
  'services',
  'http_service',
  'ports',
  'checks',
  'tcp_checks',
  'http_checks',
  'vm',
  'mounts',
  'processes',
  'env',
  'internal_port',
  'port',
  'handlers',
  'interval',
  'memory',
  'size',
  'auto_stop_machines',
  'min_machines_running',
  'concurrency',
  'restart',
  'policy',
  'files',
  'statics',
  'metrics',
  'experimental',
  'cmd',
  'deploy',
  'strategy',
  'kill_timeout',
  'headers',
  'web',
  'zebra'
)
const scalar = fc.oneof(
  fc.integer({ min: -5, max: 100000 }).map(String),
  fc.constantFrom(
    'true',
    'false',
    '1.5',
    '"10s"',
    '"1gb"',
    '"stop"',
    '""',
    '"a \\"b"',
    '2024-01-01T00:00:00Z'
  ),
  fc.string({ maxLength: 8 }).map((s) => JSON.stringify(s))
)
const value = fc.oneof(
  scalar,
  fc.array(scalar, { maxLength: 3 }).map((xs) => `[${xs.join(', ')}]`),
  fc
    .array(fc.tuple(word, scalar), { maxLength: 3 })
    .map(
      (kv) =>
        `{ ${[...new Map(kv)].map(([k, v]) => `${k} = ${v}`).join(', ')} }`
    )
)
const line = fc.oneof(
  fc
    .array(word, { minLength: 1, maxLength: 3 })
    .map((ks) => `[${ks.join('.')}]`),
  fc
    .array(word, { minLength: 1, maxLength: 3 })
    .map((ks) => `[[${ks.join('.')}]]`),
  fc
    .tuple(fc.array(word, { minLength: 1, maxLength: 2 }), value)
    .map(([ks, v]) => `${ks.join('.')} = ${v}`)
)
const flyTomlish = fc.array(line, { maxLength: 12 }).map((ls) => ls.join('\n'))

describe('parseFlyToml never throws', () => {
  test('on any string', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const r = parseFlyToml(text, 'fly.toml')
        expect(Array.isArray(r.diagnostics)).toBe(true)
        if (r.config === undefined)
          expect(r.diagnostics).toMatchObject([{ code: 'toml-syntax' }])
      }),
      { numRuns: 200 }
    )
  })

  test('on fly.toml-like documents; every diagnostic about a key has its file and line', () => {
    fc.assert(
      fc.property(flyTomlish, (text) => {
        const r = parseFlyToml(text, 'fly.toml')
        for (const d of r.diagnostics) {
          expect(d.code).not.toBe('internal')
          if (d.key !== undefined) {
            expect(d.file).toBe('fly.toml')
            expect(d.line).toBeGreaterThanOrEqual(1)
          }
        }
        if (r.config !== undefined) {
          // Translating whatever was read never throws either.
          toMachineConfigs(r.config, OPTS)
        }
      }),
      { numRuns: 300 }
    )
  })
})

// Valid configs built as values, written with @iarna/toml's stringify.
const ident = fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/)
const validConfig = fc.uniqueArray(ident, { maxLength: 3 }).chain((groups) => {
  const scope =
    groups.length === 0
      ? fc.constant([])
      : fc.subarray(groups, { minLength: 1 })
  const service = (i: number) =>
    fc.record({
      internal_port: fc.constant(1000 + i),
      protocol: fc.constantFrom('tcp', 'udp'),
      processes: scope,
      auto_stop_machines: fc.constantFrom<boolean | string>(
        true,
        false,
        'off',
        'stop',
        'suspend'
      ),
      ports: fc.array(
        fc.record({
          port: fc.integer({ min: 1, max: 65535 }),
          handlers: fc.subarray(['http', 'tls'])
        }),
        { minLength: 1, maxLength: 2 }
      ),
      tcp_checks: fc.array(
        fc.record({
          interval: fc.integer({ min: 1000, max: 60000 }),
          timeout: fc.constantFrom('2s', '5s')
        }),
        { maxLength: 2 }
      )
    })
  return fc.record(
    {
      app: ident,
      primary_region: fc.constantFrom('ams', 'iad', 'sea'),
      kill_signal: fc.constantFrom('SIGINT', 'SIGTERM'),
      kill_timeout: fc.integer({ min: 1, max: 300 }),
      env: fc.dictionary(
        fc.stringMatching(/^[A-Z][A-Z0-9_]{0,5}$/),
        fc.string({ maxLength: 10 }),
        {
          maxKeys: 3
        }
      ),
      processes: fc.constant(
        Object.fromEntries(groups.map((g) => [g, `bin/${g} --flag`]))
      ),
      http_service: fc.record({
        internal_port: fc.constant(8080),
        force_https: fc.boolean(),
        auto_start_machines: fc.boolean(),
        min_machines_running: fc.integer({ min: 0, max: 3 }),
        processes: scope
      }),
      services: fc
        .integer({ min: 0, max: 3 })
        .chain((n) =>
          fc.tuple(...Array.from({ length: n }, (_, i) => service(i)))
        ),
      checks: fc.dictionary(
        ident,
        fc.record({
          type: fc.constant('tcp'),
          port: fc.integer({ min: 1, max: 65535 }),
          interval: fc.constant('15s'),
          processes: scope
        }),
        { maxKeys: 2 }
      ),
      vm: fc.array(
        fc.record({
          size: fc.constantFrom(...Object.keys(MACHINE_PRESETS)),
          memory: fc.constantFrom<string | number>('512mb', '1gb', 2048)
        }),
        { maxLength: 1 }
      )
    },
    { requiredKeys: ['app', 'processes', 'services', 'env'] }
  )
})

describe('a valid config translates deterministically', () => {
  test('twice from one parse, and from two parses of the same text, to the same bytes', () => {
    fc.assert(
      fc.property(validConfig, (value) => {
        const text = stringify(value as Parameters<typeof stringify>[0])
        const first = parseFlyToml(text, 'fly.toml')
        const errors = first.diagnostics.filter((d) => d.severity === 'error')
        expect(errors).toEqual([])
        const a = toMachineConfigs(first.config!, OPTS)
        const b = toMachineConfigs(first.config!, OPTS)
        const c = toMachineConfigs(parseFlyToml(text, 'fly.toml').config!, OPTS)
        expect(a.diagnostics).toEqual([])
        expect(b).toEqual(a)
        expect(JSON.stringify(c)).toBe(JSON.stringify(a))
        // Every group gets flyctl's metadata and env.
        for (const [group, mc] of Object.entries(a.groups)) {
          expect(mc.metadata).toMatchObject({
            fly_platform_version: 'v2',
            fly_process_group: group
          })
          expect(mc.env?.FLY_PROCESS_GROUP).toBe(group)
        }
        expect(first.config!.env).toEqual(value.env)
      }),
      { numRuns: 100 }
    )
  })
})
