import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, isAbsolute, join, resolve } from 'node:path'
import type { FlagValue, Parsed } from './args.js'
import { createFlaps, resolveToken, type Flaps } from './flaps.js'
import { readFlyToml, type FlyToml } from './fly-toml.js'
import { FlyctlError, type FlyctlIO } from './io.js'

/** DEFAULT_VERSION is the flyctl version the stand-in reports unless pinned. */
export const DEFAULT_VERSION = '0.3.214'

/** CommandContext is what a subcommand gets. */
export interface CommandContext {
  io: FlyctlIO
  parsed: Parsed
  /** The working directory (deploy's WORKING_DIRECTORY argument applied). */
  cwd: string
  /** The reported flyctl version, without `v`. */
  version: string
  /** flaps returns the API client; it fails with flyctl's login error without a token. */
  flaps(): Flaps
  flag<T extends FlagValue>(name: string): T
}

/** createContext builds a CommandContext for a parsed command line. */
export function createContext(io: FlyctlIO, parsed: Parsed): CommandContext {
  const version = flyctlVersion(io.env)
  let client: Flaps | undefined
  const ctx: CommandContext = {
    io,
    parsed,
    cwd: io.cwd,
    version,
    flaps() {
      client ??= createFlaps(
        io,
        resolveToken(io, String(parsed.flags['access-token'] ?? '')),
        version
      )
      return client
    },
    flag<T extends FlagValue>(name: string): T {
      return parsed.flags[name] as T
    }
  }
  return ctx
}

/**
 * flyctlVersion is the version the stand-in claims: the one a release
 * archive pinned (`globalThis.__FLYCTL_VERSION__`), else
 * FLYSIM_FLYCTL_VERSION, else DEFAULT_VERSION.
 */
export function flyctlVersion(env: FlyctlIO['env']): string {
  const pinned = (globalThis as { __FLYCTL_VERSION__?: unknown })
    .__FLYCTL_VERSION__
  const v =
    (typeof pinned === 'string' && pinned) ||
    env.FLYSIM_FLYCTL_VERSION ||
    DEFAULT_VERSION
  return v.replace(/^v/, '')
}

/**
 * flyctlPlatform is Go's GOOS/GOARCH for the binary: pinned by the release
 * archive (`globalThis.__FLYCTL_PLATFORM__`, e.g. "linux/amd64"), else the
 * host's.
 */
export function flyctlPlatform(): { os: string; arch: string } {
  const pinned = (globalThis as { __FLYCTL_PLATFORM__?: unknown })
    .__FLYCTL_PLATFORM__
  if (typeof pinned === 'string' && pinned.includes('/')) {
    const [os, arch] = pinned.split('/') as [string, string]
    return { os, arch }
  }
  const os = process.platform === 'win32' ? 'windows' : process.platform
  const archs: Record<string, string> = {
    x64: 'amd64',
    ia32: '386',
    arm64: 'arm64',
    arm: 'arm'
  }
  return { os, arch: archs[process.arch] ?? process.arch }
}

/** AppConfig is the fly.toml a command found, if any. */
export interface AppConfig {
  /** Absolute path of fly.toml, when one was found. */
  path?: string
  /** Directory of fly.toml, else the working directory. */
  dir: string
  toml?: FlyToml
}

/**
 * loadAppConfig finds fly.toml as flyctl does: `-c/--config` (a file, or a
 * directory holding fly.toml), else `fly.toml` in the working directory.
 * A named config that cannot be read is an error; a missing default is not.
 */
export function loadAppConfig(ctx: CommandContext): AppConfig {
  const flag = String(ctx.parsed.flags.config ?? '')
  if (flag) {
    let path = isAbsolute(flag) ? flag : resolve(ctx.cwd, flag)
    if (existsSync(path) && statSync(path).isDirectory()) {
      path = join(path, 'fly.toml')
    }
    return { path, dir: dirname(path), toml: readToml(path) }
  }
  const path = join(ctx.cwd, 'fly.toml')
  if (!existsSync(path)) return { dir: ctx.cwd }
  return { path, dir: ctx.cwd, toml: readToml(path) }
}

function readToml(path: string): FlyToml {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (e) {
    const why =
      (e as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'no such file or directory'
        : (e as Error).message
    throw new FlyctlError(
      `failed loading app config from ${path}: open ${path}: ${why}`
    )
  }
  return readFlyToml(text)
}

/**
 * requireAppName returns the app: `-a/--app`, else FLY_APP, else fly.toml's
 * `app`; none is flyctl's RequireAppName error.
 */
export function requireAppName(
  ctx: CommandContext,
  config?: AppConfig
): string {
  const name =
    String(ctx.parsed.flags.app ?? '') ||
    ctx.io.env.FLY_APP ||
    (config ?? loadAppConfig(ctx)).toml?.app ||
    ''
  if (!name) {
    throw new FlyctlError(
      'the config for your app is missing an app name, add an app field to the fly.toml file or specify with the -a flag'
    )
  }
  return name
}
