import { createHash } from 'node:crypto'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { isAbsolute, join, resolve } from 'node:path'
import {
  loadAppConfig,
  requireAppName,
  type AppConfig,
  type CommandContext
} from './context.js'
import { DockerfileError, readLabels } from './dockerfile.js'
import { ApiError, describeApiError } from './flaps.js'
import { FlyctlError, humanizeBytes, newUlid } from './io.js'

/** REGISTRY is the registry host flyctl tags images with. */
export const REGISTRY = 'registry.fly.io'

/** SIM_LABELS maps flysim's behaviour fields to the Dockerfile labels that set them. */
const SIM_LABELS: Record<string, string> = {
  boot: 'sim.boot',
  health: 'sim.health',
  latency: 'sim.latency',
  errorRate: 'sim.error-rate',
  crash: 'sim.crash',
  exitCode: 'sim.exit-code'
}

/**
 * runDeploy implements `flyctl deploy --build-only [--push]`: the app must
 * exist, the Dockerfile's labels become the image's (flysim images carry
 * behaviour in `sim.*` labels), and with `--push` the manifest is PUT to
 * flysim's registry. Like flyctl, progress and the final `image:` and
 * `image size:` lines go to stderr (flyctl's render.TextBlock writes to
 * ErrOut). A full deploy is refused [sim choice]: fly-rollout rolls out
 * through the Machines API itself.
 */
export async function runDeploy(ctx: CommandContext): Promise<void> {
  const err = ctx.io.stderr
  // flyctl's preparers run in this order: session, working directory, app name.
  const flaps = ctx.flaps()
  const dirArg = ctx.parsed.positionals[0]
  if (dirArg) ctx.cwd = changeDirectory(ctx.cwd, dirArg)
  const config = loadAppConfig(ctx)
  const app = requireAppName(ctx, config)

  if (!ctx.flag<boolean>('build-only')) {
    throw new FlyctlError(
      "flysim's stand-in flyctl only builds and pushes images: run `flyctl deploy --build-only --push`, then roll the image out through the Machines API"
    )
  }
  const imageRef = ctx.flag<string>('image') || config.toml?.build.image
  if (imageRef) {
    throw new FlyctlError(
      `flysim's stand-in flyctl builds from a Dockerfile only; it cannot deploy the prebuilt image ${imageRef}`
    )
  }

  err.write('==> Verifying app config\n')
  if (config.path) {
    err.write(`Validating ${config.path}\n✓ Configuration is valid\n`)
  }
  err.write('--> Verified app config\n')
  try {
    await flaps.request('GET', `/v1/apps/${encodeURIComponent(app)}`)
  } catch (e) {
    throw describeApiError('failed to get app', e)
  }

  err.write('==> Building image\n')
  const dockerfile = resolveDockerfile(ctx, config)
  const buildArgs = {
    ...config.toml?.build.args,
    ...kvMap(ctx.flag<string[]>('build-arg'), 'invalid build args')
  }
  // Build secrets are parsed (and checked) like flyctl's, never printed.
  kvMap(ctx.flag<string[]>('build-secret'), 'invalid build secrets')
  let labels: Record<string, string>
  const text = readFileSync(dockerfile, 'utf8')
  try {
    labels = readLabels(
      text,
      buildArgs,
      ctx.flag<string>('build-target') || config.toml?.build.target
    )
  } catch (e) {
    if (e instanceof DockerfileError) {
      throw new FlyctlError(
        `failed to fetch an image or build from source: dockerfile parse error: ${e.message}`
      )
    }
    throw e
  }
  Object.assign(
    labels,
    kvMap(ctx.flag<string[]>('label'), 'failed to parse labels')
  )

  const tag = ctx.flag<string>('image-label') || `deployment-${newUlid()}`
  const image = `${REGISTRY}/${app}:${tag}`
  err.write(`==> Building image with flysim (${dockerfile})\n`)
  err.write('--> Building image done\n')

  if (ctx.flag<boolean>('push')) {
    err.write('==> Pushing image to fly\n')
    const manifest = { labels }
    let digest: string
    try {
      const res = await flaps.request(
        'PUT',
        `/v2/${encodeURIComponent(app)}/manifests/${encodeURIComponent(tag)}`,
        { body: manifest }
      )
      digest = res.headers.get('docker-content-digest') ?? ''
    } catch (e) {
      throw pushError(image, labels, e)
    }
    err.write(`The push refers to repository [${REGISTRY}/${app}]\n`)
    err.write(
      `${tag}: digest: ${digest} size: ${Buffer.byteLength(JSON.stringify(manifest))}\n`
    )
    err.write('--> Pushing image done\n')
  }

  err.write(`image: ${image}\n`)
  err.write(`image size: ${humanizeBytes(imageSize(text, labels))}\n`)
}

/** changeDirectory applies deploy's WORKING_DIRECTORY argument, as os.Chdir would. */
function changeDirectory(cwd: string, dir: string): string {
  const target = isAbsolute(dir) ? dir : resolve(cwd, dir)
  if (!existsSync(target)) {
    throw new FlyctlError(`chdir ${dir}: no such file or directory`)
  }
  if (!statSync(target).isDirectory()) {
    throw new FlyctlError(`chdir ${dir}: not a directory`)
  }
  return target
}

/**
 * resolveDockerfile picks `--dockerfile` (relative to the working
 * directory), else fly.toml's `[build] dockerfile` (relative to fly.toml),
 * else `Dockerfile` or `dockerfile` in the build context: fly.toml's
 * directory.
 */
function resolveDockerfile(ctx: CommandContext, config: AppConfig): string {
  const fromFlag = ctx.flag<string>('dockerfile')
  const fromToml = config.toml?.build.dockerfile
  const named = fromFlag
    ? resolve(ctx.cwd, fromFlag)
    : fromToml
      ? resolve(config.dir, fromToml)
      : undefined
  if (named) {
    if (!existsSync(named) || !statSync(named).isFile()) {
      throw new FlyctlError(
        `failed to fetch an image or build from source: dockerfile '${named}' not found`
      )
    }
    return named
  }
  for (const name of ['Dockerfile', 'dockerfile']) {
    const p = join(config.dir, name)
    if (existsSync(p) && statSync(p).isFile()) return p
  }
  throw new FlyctlError(
    'failed to fetch an image or build from source: app does not have a Dockerfile or buildpacks configured. See https://fly.io/docs/reference/configuration/#the-build-section'
  )
}

/** kvMap is flyctl's ParseKVStringsToMap: NAME=VALUE words, split at the first `=`. */
function kvMap(
  words: string[] | undefined,
  context: string
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const w of words ?? []) {
    const eq = w.indexOf('=')
    if (eq < 0) {
      throw new FlyctlError(
        `${context}: '${w}': must be in the format NAME=VALUE`
      )
    }
    out[w.slice(0, eq)] = w.slice(eq + 1)
  }
  return out
}

/** pushError explains a registry refusal, naming the `sim.*` label it was about. */
function pushError(
  image: string,
  labels: Record<string, string>,
  e: unknown
): FlyctlError {
  if (!(e instanceof ApiError)) {
    return describeApiError('failed to fetch an image or build from source', e)
  }
  const field = /invalid sim label (\w+)/.exec(e.message)?.[1]
  const label = field ? SIM_LABELS[field] : undefined
  const hint =
    label !== undefined
      ? ` (Dockerfile label ${label}=${JSON.stringify(labels[label] ?? '')})`
      : ''
  return describeApiError(
    `failed to fetch an image or build from source: error pushing image ${image}`,
    new ApiError(e.status, e.message + hint, e.requestId, e.body)
  )
}

/**
 * imageSize invents a size for the built image from its Dockerfile and
 * labels: 30–150 MB, stable for the same input [sim choice].
 */
function imageSize(dockerfile: string, labels: Record<string, string>): number {
  const h = createHash('sha256')
    .update(dockerfile)
    .update(JSON.stringify(labels))
    .digest()
  return (
    (30 + (h.readUInt32BE(0) % 120)) * 1_000_000 +
    (h.readUInt32BE(4) % 1_000_000)
  )
}
