/**
 * flysim: a local Fly.io for tests, demos and rehearsals. `startSim()` starts
 * the Machines API, machines that really serve HTTP, the edge proxy, the
 * flyctl release server and the admin API, all on 127.0.0.1.
 *
 * Package subpath: `fly-rollout/sim`.
 */
import { existsSync, readFileSync } from 'node:fs'
import { chmod, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import type http from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createAdminServer } from './admin.js'
import { createApiServer } from './api/server.js'
import { createRateLimiter } from './api/rate-limit.js'
import { createSimClock, type SimClock } from './clock.js'
import type { ResponseInfo, SimContext } from './context.js'
import { createControl, type SimControl } from './control.js'
import { createFaultBook } from './faults.js'
import { createImageRegistry } from './images.js'
import { createEdgeServer } from './proxy/edge.js'
import { createRng } from './random.js'
import { findRegion, REGIONS } from './regions.js'
import { createReleasesServer } from './releases/server.js'
import { MachineRuntime } from './runtime/lifecycle.js'
import { buildApp, type AppSpec } from './scenarios.js'
import { World } from './world.js'

export type { AppSpec } from './scenarios.js'
export type { SimClock } from './clock.js'
export type { SimControl, WorldSnapshot, MachineSnapshot } from './control.js'
export type { RequestRecord, ResponseInfo } from './context.js'
export type { BehaviorInput } from './images.js'
export { createSimClock } from './clock.js'
export { REGIONS } from './regions.js'
export { routeTemplates } from './api/server.js'

export interface StartSimOptions {
  /** Regions apps are placed in by default; default sjc, lhr, syd. Fly's real codes only. */
  regions?: string[]
  /** Apps that exist, running and healthy, when flysim is ready. */
  apps?: AppSpec[]
  /** Seed of every random choice (ids, latency, errors, load balancing). */
  seed?: number
  /** A clock to share with the caller; otherwise one is made at `clockScale`. */
  clock?: SimClock
  /** Virtual ms per real ms when flysim makes its own clock (default 1; 0 = only `advance()`). */
  clockScale?: number
  /** The API token to accept; default a random `fo1_flysim_…`. */
  token?: string
  /** Who leases are held by. */
  tokenOwner?: string
  /** Fly's documented rate limits (default on). */
  rateLimits?: boolean
  /** Lease responses wrapped `{status, data}` as fly-go reads them (default) or bare [OA3]. */
  leaseShape?: 'wrapped' | 'bare'
  /** The region clients are in; the edge is the nearest Fly region to it. Default: the first region. */
  clientRegion?: string
  /** API port (0 = any); edge, releases and admin take the next three when it is not 0. */
  port?: number
  /** How long the edge retries a forced instance or region before a 503 (virtual ms; default 2000). */
  edgeRetryMs?: number
  /** Sees every API response: contract tests validate them. */
  onResponse?: (info: ResponseInfo) => void
  /** flyctl versions the release server offers. */
  flyctlVersions?: string[]
}

export interface Sim {
  apiUrl: string
  edgeUrl: string
  releasesUrl: string
  adminUrl: string
  token: string
  /** The stand-in flyctl executable, ready to run (undefined when its bundle is missing). */
  flyctlPath?: string
  /** A directory holding `flyctl` and `fly`, for PATH. */
  binDir?: string
  control: SimControl
  close(): Promise<void>
}

/** DEFAULT_REGIONS are three continents' worth of Fly regions. */
export const DEFAULT_REGIONS = ['sjc', 'lhr', 'syd']

/** startSim starts a flysim and resolves once every server listens and every app's machines are healthy. */
export async function startSim(options: StartSimOptions = {}): Promise<Sim> {
  const regions = options.regions ?? DEFAULT_REGIONS
  for (const r of regions) assertRegion(r)
  const clientRegion = options.clientRegion ?? regions[0] ?? 'iad'
  assertRegion(clientRegion)
  const seed = options.seed ?? 1
  const rng = createRng(seed)
  const ownClock = !options.clock
  const clock =
    options.clock ?? createSimClock({ scale: options.clockScale ?? 1 })
  const world = new World(clock, rng, createImageRegistry())
  const runtime = new MachineRuntime(world)
  const limiter = createRateLimiter(clock)
  limiter.setEnabled(options.rateLimits ?? true)
  const token = options.token ?? `fo1_flysim_${rng.hex(32)}`
  const sim: SimContext = {
    world,
    runtime,
    limiter,
    faults: createFaultBook(),
    settings: {
      token,
      tokenOwner: options.tokenOwner ?? 'ci@example.com',
      leaseShape: options.leaseShape ?? 'wrapped',
      defaultRegion: regions[0] ?? 'iad',
      clientRegion,
      edgeRetryMs: options.edgeRetryMs ?? 2_000
    },
    log: [],
    onResponse: options.onResponse
  }
  const control = createControl(sim, regions)

  const flyctlScript = locateFlyctlScript()
  let releasesUrl = ''
  const releases = createReleasesServer({
    flyctlScript: () => {
      if (!flyctlScript)
        throw new Error(
          'the stand-in flyctl bundle (flyctl.cjs) was not found; run `npm run bundle`'
        )
      return readFileSync(flyctlScript)
    },
    baseUrl: () => releasesUrl,
    versions: options.flyctlVersions,
    now: () => clock.now()
  })

  const servers: http.Server[] = []
  const listen = async (server: http.Server, port: number): Promise<string> => {
    servers.push(server)
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => resolve())
    })
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  }
  const base = options.port ?? 0
  const at = (i: number) => (base === 0 ? 0 : base + i)
  let binDir: string | undefined
  let flyctlPath: string | undefined
  try {
    const apiUrl = await listen(createApiServer(sim), at(0))
    const edgeUrl = await listen(createEdgeServer(sim), at(1))
    releasesUrl = await listen(releases.server, at(2))
    const adminUrl = await listen(
      createAdminServer(control, releases.control),
      at(3)
    )
    if (flyctlScript) {
      binDir = await mkdtemp(join(tmpdir(), 'flysim-bin-'))
      flyctlPath = join(binDir, 'flyctl')
      await writeFile(
        flyctlPath,
        `#!/usr/bin/env node\n${readFileSync(flyctlScript, 'utf8').replace(/^#!.*\n/, '')}`
      )
      await chmod(flyctlPath, 0o755)
      await symlink(flyctlPath, join(binDir, 'fly'))
    }
    for (const spec of options.apps ?? []) await buildApp(sim, spec, regions)

    return {
      apiUrl,
      edgeUrl,
      releasesUrl,
      adminUrl,
      token,
      flyctlPath,
      binDir,
      control,
      async close() {
        runtime.shutdown()
        await Promise.all(servers.map((s) => closeServer(s)))
        if (ownClock) clock.dispose()
        if (binDir) await rm(binDir, { recursive: true, force: true })
      }
    }
  } catch (e) {
    runtime.shutdown()
    await Promise.all(servers.map((s) => closeServer(s)))
    if (binDir) await rm(binDir, { recursive: true, force: true })
    throw e
  }
}

function assertRegion(code: string): void {
  if (findRegion(code)) return
  const hint =
    code === 'sfo'
      ? ' (Fly has no sfo; the Bay Area region is sjc, San Jose)'
      : ''
  throw new TypeError(
    `unknown region "${code}"${hint}; Fly's regions are ${REGIONS.map((r) => r.code).join(', ')}`
  )
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve()
    server.close(() => resolve())
    server.closeAllConnections()
  })
}

/**
 * locateFlyctlScript finds the bundled stand-in flyctl: `FLYSIM_FLYCTL_SCRIPT`,
 * else `flyctl.cjs` beside this module (dist/), else the repository's dist/.
 */
export function locateFlyctlScript(): string | undefined {
  const candidates = [
    process.env.FLYSIM_FLYCTL_SCRIPT,
    fileURLToPath(new URL('./flyctl.cjs', import.meta.url)),
    fileURLToPath(new URL('../../dist/flyctl.cjs', import.meta.url))
  ]
  return candidates.find((p): p is string => Boolean(p && existsSync(p)))
}
