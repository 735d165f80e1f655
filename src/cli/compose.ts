import { existsSync, readFileSync } from 'node:fs'
import {
  createFlyMachinesApi,
  type FlyMachinesApi
} from '../adapters/fly/machines-api.js'
import { resolveImageDigest } from '../adapters/fly/registry.js'
import {
  createHttpProber,
  type HttpProber
} from '../adapters/probe/http-prober.js'
import {
  createNodeClock,
  createStreamLogger,
  newUlid
} from '../adapters/runtime/node.js'
import {
  parseFlyToml,
  toMachineConfigs,
  toReleaseCommandConfig
} from '../core/appconfig/index.js'
import {
  formatDiagnostic,
  hasErrors,
  type Diagnostic
} from '../core/diagnostics.js'
import { InputError } from '../core/errors.js'
import { makeRelease } from '../core/release.js'
import { parseRolloutSpec, type RolloutSpec } from '../core/spec.js'
import type { MachineConfig, Release } from '../core/types.js'
import type { Clock, Ports } from '../orchestrator/ports.js'
import { VERSION } from '../lib/version.js'
import type { CommonFlags } from './flags.js'
import type { CliIO } from './io.js'

/** Built ports plus what the commands need to report and close. */
export interface Composed {
  ports: Ports
  api: FlyMachinesApi
  prober: HttpProber
}

/**
 * composePorts wires the adapters for one CLI run: the Machines API client,
 * the edge prober, the clock and the logger. `clock` lets the embedded demo
 * share flysim's virtual clock.
 */
export function composePorts(
  flags: CommonFlags,
  token: string,
  io: CliIO,
  opts: { clock?: Clock; identity?: RolloutSpec['identity'] } = {}
): Composed {
  const clock = opts.clock ?? createNodeClock()
  const log = createStreamLogger((line) => io.stderr(line + '\n'), flags.debug)
  const api = createFlyMachinesApi({
    baseUrl: flags.apiUrl,
    token,
    sleep: (ms, s) => clock.sleep(ms, s),
    logger: log
  })
  const prober = createHttpProber({
    edgeUrl: flags.edgeUrl,
    now: () => clock.now(),
    identity: opts.identity === false ? false : opts.identity
  })
  const ports: Ports = {
    machines: api.machines,
    apps: api.apps,
    secrets: api.secrets,
    volumes: api.volumes,
    platform: api.platform,
    prober,
    clock,
    log,
    newId: () => newUlid(clock.now())
  }
  return { ports, api, prober }
}

/** loadSpec reads the rollout spec from a file path or inline YAML; empty means the defaults. */
export function loadSpec(value: string | undefined): {
  spec?: RolloutSpec
  diagnostics: Diagnostic[]
} {
  if (!value) return parseRolloutSpec('', 'defaults')
  const isFile = !value.includes('\n') && existsSync(value)
  return parseRolloutSpec(
    isFile ? readFileSync(value, 'utf8') : value,
    isFile ? value : '--rollout'
  )
}

export interface ReleaseInputs {
  app: string
  release: Release
  primaryRegion?: string
  diagnostics: Diagnostic[]
}

/**
 * loadRelease turns --config/--image into R: fly.toml rendered per process
 * group (offline, every problem with file:line), the image pinned by digest.
 * Throws InputError listing every problem before anything touches Fly.
 */
export async function loadRelease(
  flags: CommonFlags,
  token: string
): Promise<ReleaseInputs> {
  const diagnostics: Diagnostic[] = []
  let app = flags.app
  let image = flags.image
  let primaryRegion: string | undefined
  let appConfig
  if (flags.config) {
    if (!existsSync(flags.config))
      throw new InputError([`--config ${flags.config}: no such file`])
    const parsed = parseFlyToml(
      readFileSync(flags.config, 'utf8'),
      flags.config
    )
    diagnostics.push(...parsed.diagnostics)
    appConfig = parsed.config
    app ??= appConfig?.app
    primaryRegion = appConfig?.primary_region
    image ??= appConfig?.build?.image
  }
  if (hasErrors(diagnostics))
    throw new InputError(
      diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)
    )
  const problems: string[] = []
  if (!app) problems.push('no app: pass --app or a fly.toml with app = "…"')
  if (!image)
    problems.push('no image: pass --image (or [build] image in fly.toml)')
  if (problems.length) throw new InputError(problems)

  const pinned = await resolveImageDigest(image!, {
    token,
    registryUrl: flags.registryUrl
  })
  let groups: Record<string, MachineConfig> | undefined
  let releaseCommand: MachineConfig | undefined
  if (appConfig) {
    const opts = {
      image: pinned.image,
      releaseId: 'fly-rollout',
      releaseVersion: '0',
      flyctlVersion: `fly-rollout ${VERSION}`
    }
    const rendered = toMachineConfigs(appConfig, opts)
    diagnostics.push(...rendered.diagnostics)
    groups = rendered.groups as Record<string, MachineConfig>
    if (appConfig.deploy?.release_command) {
      const rc = toReleaseCommandConfig(appConfig, opts)
      diagnostics.push(...rc.diagnostics)
      releaseCommand = rc.config as MachineConfig | undefined
    }
    if (hasErrors(diagnostics))
      throw new InputError(
        diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)
      )
  }
  return {
    app: app!,
    release: makeRelease({
      image: pinned.image,
      digest: pinned.digest,
      groups,
      releaseCommand
    }),
    primaryRegion,
    diagnostics
  }
}
