import { placeMachine } from './api/routes/machines.js'
import { createAppRecord, digestOf } from './api/routes/apps.js'
import type { SimContext } from './context.js'
import { findRegion } from './regions.js'
import type { SimApp } from './world.js'
import type { WireMachineConfig } from './wire.js'

/** AppSpec describes an app that exists when flysim starts, as a first `fly deploy` left it. */
export interface AppSpec {
  name: string
  /** Regions to place machines in; default: the sim's regions. The first is `primary_region`. */
  regions?: string[]
  machinesPerRegion?: number
  /** Image ref; default `registry.fly.io/<name>:deployment-<ulid>`, healthy. */
  image?: string
  org?: string
  /** Extra env for every machine. */
  env?: Record<string, string>
  /** App secrets set before the machines start. */
  secrets?: Record<string, string>
  /** Replace the whole machine config (the image is still filled in when missing). */
  config?: WireMachineConfig
  /** Leave machines stopped instead of started. */
  stopped?: boolean
}

/** FLYCTL_VERSION is the flyctl version flysim's deployments claim [sim choice]. */
export const SCENARIO_FLYCTL_VERSION = '0.3.214'

/**
 * defaultMachineConfig is what `fly launch` + `fly deploy` produce for a
 * plain web app: an HTTP service on 8080 behind ports 80/443 with an HTTP
 * check, 1 shared CPU, and flyctl's metadata (API-NOTES §7).
 */
export function defaultMachineConfig(
  image: string,
  primaryRegion: string,
  env: Record<string, string> = {}
): WireMachineConfig {
  return {
    image,
    env: { PRIMARY_REGION: primaryRegion, ...env },
    init: {},
    guest: { cpu_kind: 'shared', cpus: 1, memory_mb: 256 },
    services: [
      {
        protocol: 'tcp',
        internal_port: 8080,
        autostop: 'off',
        autostart: true,
        min_machines_running: 0,
        ports: [
          { port: 80, handlers: ['http'], force_https: true },
          { port: 443, handlers: ['tls', 'http'] }
        ],
        concurrency: { type: 'connections', soft_limit: 20, hard_limit: 25 },
        checks: [
          {
            type: 'http',
            interval: '5s',
            timeout: '2s',
            grace_period: '1s',
            method: 'GET',
            path: '/health'
          }
        ]
      }
    ],
    restart: { policy: 'on-failure', max_retries: 10 },
    metadata: {
      fly_platform_version: 'v2',
      fly_process_group: 'app',
      fly_release_id: 'r' + primaryRegion,
      fly_release_version: '1',
      fly_flyctl_version: SCENARIO_FLYCTL_VERSION
    }
  }
}

/** buildApp creates an app and its machines, running and healthy, before anyone asks. */
export async function buildApp(
  sim: SimContext,
  spec: AppSpec,
  defaultRegions: string[]
): Promise<SimApp> {
  const world = sim.world
  const regions = spec.regions ?? defaultRegions
  for (const r of regions) {
    if (!findRegion(r))
      throw new TypeError(`unknown region "${r}" for app ${spec.name}`)
  }
  if (world.apps.has(spec.name))
    throw new TypeError(`app ${spec.name} already exists`)
  const org = spec.org ?? 'personal'
  if (!world.orgs.has(org)) world.orgs.set(org, { slug: org, name: org })
  const app = createAppRecord({ sim }, spec.name, org)
  for (const [name, value] of Object.entries(spec.secrets ?? {})) {
    app.secretsVersion = 1
    app.secrets.set(name, {
      value,
      digest: digestOf(value),
      createdAt: world.now(),
      updatedAt: world.now(),
      version: 1
    })
  }
  const image =
    spec.image ??
    `registry.fly.io/${spec.name}:deployment-${world.rng.ulid(world.now())}`
  if (!world.images.lookup(image)) world.images.push(image)
  const releaseId = world.rng.ulid(world.now()).slice(0, 24)
  const starts: Promise<void>[] = []
  for (const region of regions) {
    for (let i = 0; i < (spec.machinesPerRegion ?? 1); i++) {
      const config = structuredClone(
        spec.config ?? defaultMachineConfig(image, regions[0]!, spec.env)
      )
      config.image ??= image
      if (!spec.config && config.metadata)
        config.metadata.fly_release_id = releaseId
      const m = placeMachine(sim, app, { config, region, skipLaunch: true })
      if (spec.stopped) {
        m.state = 'stopped'
        world.changed(m)
      } else starts.push(sim.runtime.adopt(m))
    }
  }
  await Promise.all(starts)
  return app
}
