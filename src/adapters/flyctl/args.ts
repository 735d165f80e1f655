/**
 * Pure argv builders and output parsers for the flyctl commands fly-rollout
 * runs (HOUSE-STYLE §1: argv is built outside `run()`, so tests compare
 * arrays instead of digging through mock calls). Nothing here touches the
 * process, the file system or the network.
 *
 * Secrets never go through these builders: the token travels in the
 * environment (FLY_API_TOKEN), secret values on stdin.
 */
import { FlyRolloutError, InputError } from '../../core/errors.js'

/** BuildMode is where the image is built: Fly's remote builder or the local Docker. */
export type BuildMode = 'remote' | 'local'

/** DeployArgsOptions describes one `flyctl deploy --build-only --push`. */
export interface DeployArgsOptions {
  /** The Fly app the image is pushed for: it names the repository, `registry.fly.io/<app>`. */
  app: string
  /** fly.toml path (`-c`); undefined: flyctl looks for `fly.toml` in its working directory. */
  config?: string
  /** Dockerfile path (`--dockerfile`), relative to flyctl's working directory. */
  dockerfile?: string
  /** The image tag (`--image-label`); undefined: flyctl picks `deployment-<ULID>`. */
  imageLabel?: string
  /** `--build-arg K=V`, in the object's order. Build args are not secret: they end up in the image. */
  buildArgs?: Readonly<Record<string, string>>
  mode: BuildMode
  /** `--no-cache`: rebuild every layer (a scheduled rebuild picks up base-image patches). */
  noCache?: boolean
}

/**
 * IMAGE_LABEL is a Docker tag: 1–128 characters of `[A-Za-z0-9_.-]`, not
 * starting with `.` or `-` (the distribution reference grammar).
 */
const IMAGE_LABEL = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/

/** BUILD_ARG_NAME is what flyctl's NAME=VALUE parser can split back: no `=`, no whitespace. */
const BUILD_ARG_NAME = /^[^=\s]+$/

/**
 * buildDeployArgs returns the argv of a build-and-push, flags in a fixed
 * order so the command is the same for the same options:
 *
 *   {app: 'web', mode: 'remote'}
 *     → ['deploy', '--build-only', '--push', '--remote-only', '-a', 'web']
 *   {app: 'web', mode: 'local', imageLabel: 'v1', config: 'fly.toml',
 *    dockerfile: 'Dockerfile', buildArgs: {A: '1'}}
 *     → ['deploy', '--build-only', '--push', '--image-label', 'v1',
 *        '--local-only', '-a', 'web', '-c', 'fly.toml',
 *        '--dockerfile', 'Dockerfile', '--build-arg', 'A=1']
 *
 * Every problem with the options is reported at once as an InputError.
 */
export function buildDeployArgs(options: DeployArgsOptions): string[] {
  const problems: string[] = []
  const {
    app,
    config,
    dockerfile,
    imageLabel,
    buildArgs = {},
    mode,
    noCache
  } = options
  if (!app || !app.trim()) problems.push('app is required to build an image')
  else if (app.startsWith('-')) problems.push(`app "${app}" is not an app name`)
  if (mode !== 'remote' && mode !== 'local') {
    problems.push(`build mode "${String(mode)}" is not remote or local`)
  }
  if (imageLabel !== undefined && !IMAGE_LABEL.test(imageLabel)) {
    problems.push(
      `image label "${imageLabel}" is not a Docker tag (1-128 of A-Z a-z 0-9 _ . -, not starting with . or -)`
    )
  }
  if (config !== undefined && !config) problems.push('config path is empty')
  if (dockerfile !== undefined && !dockerfile) {
    problems.push('dockerfile path is empty')
  }
  for (const name of Object.keys(buildArgs)) {
    if (!BUILD_ARG_NAME.test(name)) {
      problems.push(
        `build arg name "${name}" must be non-empty, without = or spaces`
      )
    }
  }
  if (problems.length > 0) throw new InputError(problems)

  const args = ['deploy', '--build-only', '--push']
  if (imageLabel !== undefined) args.push('--image-label', imageLabel)
  args.push(mode === 'remote' ? '--remote-only' : '--local-only')
  if (noCache) args.push('--no-cache')
  args.push('-a', app)
  if (config !== undefined) args.push('-c', config)
  if (dockerfile !== undefined) args.push('--dockerfile', dockerfile)
  for (const [name, value] of Object.entries(buildArgs)) {
    args.push('--build-arg', `${name}=${value}`)
  }
  return args
}

/**
 * buildPostgresAttachArgs attaches an app to an unmanaged Fly Postgres
 * cluster (a Postgres app), without prompts:
 *
 *   ('pg-main', 'web-pr-7') → ['postgres', 'attach', 'pg-main', '-a', 'web-pr-7', '--yes']
 */
export function buildPostgresAttachArgs(
  cluster: string,
  app: string
): string[] {
  const problems: string[] = []
  if (!cluster || cluster.startsWith('-'))
    problems.push(`postgres app "${cluster}" is not an app name`)
  if (!app || app.startsWith('-'))
    problems.push(`app "${app}" is not an app name`)
  if (problems.length) throw new InputError(problems)
  return ['postgres', 'attach', cluster, '-a', app, '--yes']
}

/** buildVersionArgs returns `flyctl version --json`'s argv: one JSON line of build info. */
export function buildVersionArgs(): string[] {
  return ['version', '--json']
}

/**
 * FlyctlOutputError is a flyctl run that exited 0 but printed something
 * fly-rollout cannot read (no `image:` line, `version --json` not JSON).
 * `output` is the tail of what it printed.
 */
export class FlyctlOutputError extends FlyRolloutError {
  readonly code = 'flyctl'

  constructor(
    /** The command, e.g. `deploy` or `version`. */
    readonly command: string,
    /** What was expected and not found. */
    readonly problem: string,
    /** The tail of flyctl's output (both streams), for the log. */
    readonly output: string
  ) {
    const last = output.trim().split('\n').pop()?.trim() ?? ''
    super(
      `flyctl ${command} succeeded but ${problem}` +
        (last ? ` (last output line: ${last})` : '')
    )
  }
}

/** OUTPUT_TAIL is how much output a FlyctlOutputError keeps. */
const OUTPUT_TAIL = 2000

/** ANSI_ESCAPE matches terminal colour and cursor sequences. */
// eslint-disable-next-line no-control-regex
const ANSI_ESCAPE = /\u001b\[[0-9;?]*[A-Za-z]/g

/** IMAGE_LINE is flyctl's final `image: <ref>` line (not `image size: …`). */
const IMAGE_LINE = /^[ \t]*image:[ \t]*(\S+)[ \t]*$/gm

/**
 * parseDeployOutput finds the pushed image in `flyctl deploy --build-only
 * --push` output. flyctl prints `image: registry.fly.io/<app>:<label>` on
 * **stderr** (render.TextBlock writes to ErrOut); stdout is read too, in
 * case a version moves it. The last such line wins; colour codes and CRs
 * are ignored.
 *
 *   stderr 'image: registry.fly.io/web:v1\nimage size: 42 MB\n' → {image: 'registry.fly.io/web:v1'}
 *   stdout 'image: registry.fly.io/web:v1'                      → {image: 'registry.fly.io/web:v1'}
 *   both empty                                                   → FlyctlOutputError
 */
export function parseDeployOutput(
  stdout: string,
  stderr: string
): { image: string } {
  const image = lastImage(stderr) ?? lastImage(stdout)
  if (image) return { image }
  throw new FlyctlOutputError(
    'deploy',
    'printed no "image: <ref>" line',
    tail(`${stdout}\n${stderr}`)
  )
}

function lastImage(text: string): string | undefined {
  const clean = text.replace(ANSI_ESCAPE, '').replace(/\r/g, '')
  let found: string | undefined
  for (const m of clean.matchAll(IMAGE_LINE)) found = m[1]
  return found
}

/** FlyctlBuildInfo is what `flyctl version --json` reports that fly-rollout uses. */
export interface FlyctlBuildInfo {
  /** Without the `v`, e.g. `0.3.214`. */
  version: string
  commit?: string
  buildDate?: string
  /** Go's GOOS and GOARCH, e.g. `linux`, `amd64`. */
  os?: string
  arch?: string
}

/**
 * parseVersionOutput reads `flyctl version --json`: one JSON object with
 * Go field names (flyctl `internal/buildinfo`).
 *
 *   '{"Name":"flyctl","Version":"0.3.214","OS":"linux",…}' → {version: '0.3.214', os: 'linux', …}
 *   '{"Version":"v0.3.214"}'                               → {version: '0.3.214'}
 *   'flyctl v0.3.214 linux/amd64 …'                        → FlyctlOutputError
 */
export function parseVersionOutput(stdout: string): FlyctlBuildInfo {
  const text = stdout.replace(ANSI_ESCAPE, '').trim()
  let parsed: unknown
  try {
    // Some versions print an update notice before the JSON: read from the first brace.
    parsed = JSON.parse(text.slice(Math.max(0, text.indexOf('{'))))
  } catch {
    throw new FlyctlOutputError(
      'version --json',
      'did not print JSON',
      tail(text)
    )
  }
  const o = (parsed ?? {}) as Record<string, unknown>
  const str = (k: string): string | undefined =>
    typeof o[k] === 'string' && o[k] ? (o[k] as string) : undefined
  const version = str('Version') ?? str('version')
  if (!version) {
    throw new FlyctlOutputError(
      'version --json',
      'printed no Version field',
      tail(text)
    )
  }
  const info: FlyctlBuildInfo = { version: version.replace(/^v/, '') }
  const commit = str('Commit')
  const buildDate = str('BuildDate')
  const os = str('OS')
  const arch = str('Architecture')
  if (commit) info.commit = commit
  if (buildDate) info.buildDate = buildDate
  if (os) info.os = os
  if (arch) info.arch = arch
  return info
}

function tail(text: string): string {
  const t = text.trim()
  return t.length > OUTPUT_TAIL ? t.slice(-OUTPUT_TAIL) : t
}
