/**
 * Test builders (HOUSE-STYLE §9): nouns that build domain values with
 * sensible defaults, overridable field by field.
 */
import { configHash } from '../src/core/normalize.js'
import { parseRolloutSpec, type RolloutSpec } from '../src/core/spec.js'
import type {
  MachineConfig,
  MachineRecord,
  Release,
  Snapshot
} from '../src/core/types.js'

export const DIGEST_V1 = 'sha256:' + '1'.repeat(64)
export const DIGEST_V2 = 'sha256:' + '2'.repeat(64)

/** webConfig is a first-deploy web app config, as flysim's scenarios make it. */
export function webConfig(
  image = `registry.fly.io/demo@${DIGEST_V1}`,
  over: Partial<MachineConfig> = {}
): MachineConfig {
  return {
    image,
    env: { PRIMARY_REGION: 'sjc' },
    guest: { cpu_kind: 'shared', cpus: 1, memory_mb: 256 },
    services: [
      {
        protocol: 'tcp',
        internal_port: 8080,
        ports: [
          { port: 80, handlers: ['http'] },
          { port: 443, handlers: ['tls', 'http'] }
        ],
        checks: [
          {
            type: 'http',
            path: '/health',
            interval: '5s',
            grace_period: '1s',
            timeout: '2s'
          }
        ]
      }
    ],
    metadata: {
      fly_platform_version: 'v2',
      fly_process_group: 'app',
      fly_release_version: '1'
    },
    ...over
  }
}

let seq = 0
/** machine builds an S₀ record; ids sort in creation order. */
export function machine(
  over: Partial<MachineRecord> & { config?: MachineConfig } = {}
): MachineRecord {
  seq++
  const config = over.config ?? webConfig()
  return {
    id: over.id ?? `m${String(seq).padStart(3, '0')}`,
    name: over.name ?? `machine-${seq}`,
    region: over.region ?? 'sjc',
    group: over.group ?? config.metadata?.fly_process_group ?? 'app',
    state: over.state ?? 'started',
    version: over.version ?? `01V${String(seq).padStart(23, '0')}`,
    imageDigest: over.imageDigest ?? DIGEST_V1,
    config,
    hash: configHash(config),
    volumeIds: over.volumeIds ?? []
  }
}

/** fleet builds n started machines per region, ids in region order. */
export function fleet(
  perRegion: Record<string, number>,
  over: Partial<MachineRecord> = {}
): MachineRecord[] {
  return Object.entries(perRegion).flatMap(([region, n]) =>
    Array.from({ length: n }, () => machine({ ...over, region }))
  )
}

export function s0(machines: MachineRecord[], app = 'demo'): Snapshot {
  return { app, takenAt: 0, machines }
}

/** release builds R for the web app group with a new image. */
export function release(over: Partial<Release> = {}): Release {
  const image = over.image ?? `registry.fly.io/demo@${DIGEST_V2}`
  const groups = over.groups ?? { app: webConfig(image) }
  return {
    image,
    digest: over.digest ?? DIGEST_V2,
    groups,
    id: over.id ?? 'rel0000000000000',
    ...over
  }
}

/** spec parses a rollout spec, failing the test on any diagnostic. */
export function spec(yaml = ''): RolloutSpec {
  const r = parseRolloutSpec(yaml, 'rollout.yml')
  if (!r.spec)
    throw new Error(
      r.diagnostics.map((d) => `${d.line}: ${d.summary}`).join('\n')
    )
  return r.spec
}

export const ALL_REGIONS = [
  'ams',
  'iad',
  'lhr',
  'nrt',
  'sjc',
  'syd',
  'fra',
  'gru'
]
