/**
 * The flyctl CLI wrapper (HOUSE-STYLE §1, actions/checkout's
 * git-command-manager): a small interface, a `createFlyctl` factory, and one
 * private `runFlyctl` chokepoint that every command goes through. The
 * chokepoint:
 *
 * - spawns flyctl with an argv array, never through a shell;
 * - gives it a sanitized environment: the token as FLY_API_TOKEN, the
 *   Machines API as FLY_FLAPS_BASE_URL (only when it is not Fly's default),
 *   and an allow-list of basics (PATH, HOME, proxies, Docker, Windows
 *   system variables); nothing else of the parent's leaks in, notably not a
 *   stale FLY_ACCESS_TOKEN, which flyctl would prefer over FLY_API_TOKEN;
 * - feeds `input` on stdin (secrets go there, never in argv), else closes
 *   stdin so a prompt fails instead of hanging;
 * - captures stdout and stderr, and turns a non-zero exit into a
 *   FlyctlError with redacted args and the redacted tail of stderr.
 *
 * The token is a secret: it is never put in argv, and every message, echoed
 * line and error is scrubbed of it.
 */
import { spawn } from 'node:child_process'
import { constants } from 'node:os'
import { FlyctlError, redactText } from '../../core/errors.js'
import type { Logger } from '../../orchestrator/ports.js'
import {
  buildDeployArgs,
  buildPostgresAttachArgs,
  buildVersionArgs,
  parseDeployOutput,
  parseVersionOutput,
  type DeployArgsOptions,
  type FlyctlBuildInfo
} from './args.js'

/** DEFAULT_API_URL is fly-go's default Machines API (API-NOTES §1). */
export const DEFAULT_API_URL = 'https://api.machines.dev'

/** ExecRequest is one process to run. */
export interface ExecRequest {
  env: Record<string, string>
  cwd?: string
  /** Written to stdin, which is then closed; undefined: stdin is /dev/null. */
  input?: string
  signal?: AbortSignal
  /** Sees output as it arrives, already decoded (chunks, not lines). */
  onOutput?: (stream: 'stdout' | 'stderr', chunk: string) => void
}

/** ExecResult is how a process ended and what it printed. */
export interface ExecResult {
  exitCode: number
  stdout: string
  stderr: string
}

/**
 * ExecFn runs `file` with `args` and resolves with its exit code and output,
 * whatever the code; it rejects only when the process could not run at all
 * (not found, not executable, aborted).
 */
export type ExecFn = (
  file: string,
  args: readonly string[],
  request: ExecRequest
) => Promise<ExecResult>

/** FlyctlOptions configures createFlyctl. */
export interface FlyctlOptions {
  /** The flyctl executable: a path (e.g. the installer's `flyctlPath`) or a name on PATH. */
  bin: string
  /**
   * The Fly API token, sent as FLY_API_TOKEN. A secret. Default: `env`'s
   * FLY_API_TOKEN, else the parent's FLY_ACCESS_TOKEN or FLY_API_TOKEN
   * (flyctl's own order).
   */
  token?: string
  /**
   * The Machines API base URL; FLY_FLAPS_BASE_URL is set only when it is not
   * Fly's default. Default: `env`'s, else the parent's FLY_FLAPS_BASE_URL. A
   * trailing `/v1` is dropped: fly-go adds it.
   */
  apiUrl?: string
  /**
   * Variables flyctl gets as given, on top of the basics, e.g.
   * `{FLY_API_TOKEN, FLY_FLAPS_BASE_URL}`. Token and API variables in it are
   * read as `token`/`apiUrl` and set the normal way.
   */
  env?: Readonly<Record<string, string | undefined>>
  /**
   * The environment the allow-listed basics (PATH, HOME, proxies, Docker,
   * Windows system variables) are taken from; default `process.env`.
   * Nothing else of it reaches flyctl.
   */
  parentEnv?: Readonly<Record<string, string | undefined>>
  /** flyctl's working directory (where it looks for fly.toml and the Dockerfile). */
  cwd?: string
  /** Runs the process; default: `spawnProcess` (node:child_process, no shell). */
  exec?: ExecFn
  /** More values to scrub from errors and echoed output (e.g. app secrets). */
  secrets?: readonly string[]
  /** Logs each command (redacted) at debug level, and flyctl's output when `echo` is unset. */
  log?: Logger
  /** Sees flyctl's output line by line, redacted, e.g. to stream a build log. */
  echo?: (line: string, stream: 'stdout' | 'stderr') => void
}

/** BuildAndPushOptions is a build of the app's image, pushed to registry.fly.io. */
export type BuildAndPushOptions = DeployArgsOptions & { signal?: AbortSignal }

/** Flyctl is the part of flyctl fly-rollout uses. */
export interface Flyctl {
  /** version returns what `flyctl version --json` reports. */
  version(options?: { signal?: AbortSignal }): Promise<FlyctlBuildInfo>
  /**
   * buildAndPush builds the image with `deploy --build-only --push` and
   * returns its reference, `registry.fly.io/<app>:<label>`. No machine is
   * touched: fly-rollout rolls the image out itself.
   */
  buildAndPush(options: BuildAndPushOptions): Promise<{ image: string }>
  /**
   * postgresAttach attaches `app` to an unmanaged Postgres cluster (`flyctl
   * postgres attach --yes`), which sets its DATABASE_URL secret. flyctl
   * prints the connection string, password included: the output is never
   * echoed or kept.
   */
  postgresAttach(
    cluster: string,
    app: string,
    options?: { signal?: AbortSignal }
  ): Promise<void>
}

/**
 * PASS_THROUGH are the parent variables flyctl may see (upper-cased; the
 * match ignores case, as Windows does). HOME holds ~/.fly/config.yml, which
 * `secrets import --stage` and a later deploy must share (API-NOTES §14).
 */
const PASS_THROUGH = new Set([
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'LANG',
  'LC_ALL',
  'LC_CTYPE',
  'TZ',
  'TERM',
  'NO_COLOR',
  'CI',
  'TMPDIR',
  'TEMP',
  'TMP',
  'XDG_CONFIG_HOME',
  'XDG_CACHE_HOME',
  'XDG_RUNTIME_DIR',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'ALL_PROXY',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  // Windows: a process without these cannot resolve paths, sockets or its profile.
  'SYSTEMROOT',
  'WINDIR',
  'COMSPEC',
  'PATHEXT',
  'SYSTEMDRIVE',
  'USERPROFILE',
  'APPDATA',
  'LOCALAPPDATA',
  'PROGRAMDATA',
  'HOMEDRIVE',
  'HOMEPATH'
])

/** PASS_THROUGH_PREFIXES: a local build (`--local-only`) talks to Docker. */
const PASS_THROUGH_PREFIXES = ['DOCKER_', 'BUILDKIT_']

/** OUTPUT_MAX is how much of each stream is kept in memory (its tail); build logs can be long. */
const OUTPUT_MAX = 1 << 20

/** TOKEN_AND_API are the variables flyctlEnv sets itself, whatever a caller passes. */
const TOKEN_AND_API = new Set([
  'FLY_API_TOKEN',
  'FLY_ACCESS_TOKEN',
  'FLY_FLAPS_BASE_URL'
])

/**
 * flyctlEnv returns the environment flyctl runs with: allow-listed basics of
 * `parent`, then `extra` as given (minus token and API variables), then
 * FLY_API_TOKEN, and FLY_FLAPS_BASE_URL when `apiUrl` is not Fly's default.
 *
 *   ({PATH, HOME, AWS_SECRET: 'x', FLY_ACCESS_TOKEN: 'old'}, 'tok')
 *     → {PATH, HOME, FLY_API_TOKEN: 'tok'}
 *   (…, 'tok', 'https://api.machines.dev/')  → no FLY_FLAPS_BASE_URL
 *   (…, 'tok', 'http://127.0.0.1:4280/v1')  → FLY_FLAPS_BASE_URL 'http://127.0.0.1:4280'
 */
export function flyctlEnv(
  parent: Readonly<Record<string, string | undefined>>,
  token: string | undefined,
  apiUrl: string | undefined,
  extra: Readonly<Record<string, string | undefined>> = {}
): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [name, value] of Object.entries(parent)) {
    if (value === undefined) continue
    const upper = name.toUpperCase()
    if (
      PASS_THROUGH.has(upper) ||
      PASS_THROUGH_PREFIXES.some((p) => upper.startsWith(p))
    ) {
      env[name] = value
    }
  }
  for (const [name, value] of Object.entries(extra)) {
    if (value !== undefined && !TOKEN_AND_API.has(name.toUpperCase())) {
      env[name] = value
    }
  }
  if (token) env.FLY_API_TOKEN = token
  const base = apiUrl?.trim().replace(/\/+$/, '').replace(/\/v1$/, '')
  if (base && base !== DEFAULT_API_URL) env.FLY_FLAPS_BASE_URL = base
  return env
}

/** createFlyctl returns a Flyctl that runs `options.bin`. */
export function createFlyctl(options: FlyctlOptions): Flyctl {
  const parent = options.parentEnv ?? process.env
  const extra = options.env ?? {}
  const token =
    options.token ??
    extra.FLY_API_TOKEN ??
    extra.FLY_ACCESS_TOKEN ??
    parent.FLY_ACCESS_TOKEN ??
    parent.FLY_API_TOKEN
  const apiUrl =
    options.apiUrl ?? extra.FLY_FLAPS_BASE_URL ?? parent.FLY_FLAPS_BASE_URL
  const env = flyctlEnv(parent, token, apiUrl, extra)
  const secrets = [...(token ? [token] : []), ...(options.secrets ?? [])]
  const exec = options.exec ?? spawnProcess
  const log = options.log
  const scrub = (text: string) => redactText(text, secrets)

  const echo = (stream: 'stdout' | 'stderr') => {
    const sink =
      options.echo ?? (log ? (line: string) => log.debug(line) : undefined)
    if (!sink) return undefined
    let pending = ''
    return {
      chunk(text: string) {
        pending += text
        const lines = pending.split(/\r?\n/)
        pending = lines.pop() ?? ''
        for (const l of lines) sink(scrub(l), stream)
      },
      flush() {
        if (pending) sink(scrub(pending), stream)
        pending = ''
      }
    }
  }

  /**
   * runFlyctl is the one place flyctl is started. It resolves with the
   * output of a zero exit and throws FlyctlError otherwise.
   */
  async function runFlyctl(
    args: readonly string[],
    run: { input?: string; signal?: AbortSignal; quiet?: boolean } = {}
  ): Promise<ExecResult> {
    log?.debug(`running ${scrub(['flyctl', ...args].join(' '))}`)
    const out = run.quiet ? undefined : echo('stdout')
    const err = run.quiet ? undefined : echo('stderr')
    let result: ExecResult
    try {
      result = await exec(options.bin, args, {
        env,
        cwd: options.cwd,
        input: run.input,
        signal: run.signal,
        onOutput:
          out || err
            ? (stream, chunk) => (stream === 'stdout' ? out : err)?.chunk(chunk)
            : undefined
      })
    } catch (e) {
      // It never ran (or was aborted): no exit code, so the shell's 127/130.
      const aborted = run.signal?.aborted === true
      const reason = e instanceof Error ? e.message : String(e)
      throw new FlyctlError(
        aborted ? 130 : 127,
        args,
        aborted
          ? `flyctl was cancelled: ${reason}`
          : `could not run flyctl (${options.bin}): ${reason}`,
        { cause: e, secrets }
      )
    } finally {
      out?.flush()
      err?.flush()
    }
    if (result.exitCode !== 0) {
      throw new FlyctlError(result.exitCode, args, result.stderr, { secrets })
    }
    return result
  }

  return {
    async version(opts = {}) {
      const { stdout } = await runFlyctl(buildVersionArgs(), opts)
      return parseVersionOutput(stdout)
    },
    async buildAndPush(opts) {
      const { signal, ...deploy } = opts
      const { stdout, stderr } = await runFlyctl(buildDeployArgs(deploy), {
        signal
      })
      return parseDeployOutput(stdout, stderr)
    },
    async postgresAttach(cluster, app, opts = {}) {
      await runFlyctl(buildPostgresAttachArgs(cluster, app), {
        signal: opts.signal,
        quiet: true
      })
    }
  }
}

/**
 * spawnProcess is the default ExecFn: node:child_process `spawn` with an argv
 * array and `shell: false`, stdin fed `input` (or /dev/null), both streams
 * captured (their last MiB each). A Windows `.cmd`/`.bat` cannot be spawned
 * this way (Node refuses since CVE-2024-27980); real flyctl is an `.exe`.
 */
export function spawnProcess(
  file: string,
  args: readonly string[],
  request: ExecRequest
): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, [...args], {
      cwd: request.cwd,
      env: request.env,
      shell: false,
      windowsHide: true,
      signal: request.signal,
      stdio: [request.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe']
    })
    const streams = { stdout: '', stderr: '' }
    for (const name of ['stdout', 'stderr'] as const) {
      const stream = child[name]
      if (!stream) continue
      stream.setEncoding('utf8')
      stream.on('data', (chunk: string) => {
        const kept = streams[name] + chunk
        streams[name] =
          kept.length > OUTPUT_MAX ? kept.slice(-OUTPUT_MAX) : kept
        request.onOutput?.(name, chunk)
      })
    }
    if (request.input !== undefined && child.stdin) {
      // EPIPE when the process exits without reading: its exit code says why.
      child.stdin.on('error', () => undefined)
      child.stdin.end(request.input, 'utf8')
    }
    child.once('error', reject)
    child.once('close', (code, signal) => {
      resolve({
        // Killed by a signal: 128 + its number, as a shell reports it.
        exitCode: code ?? 128 + signalNumber(signal),
        stdout: streams.stdout,
        stderr: streams.stderr
      })
    })
  })
}

function signalNumber(signal: NodeJS.Signals | null): number {
  return (signal && constants.signals[signal]) || 1
}
