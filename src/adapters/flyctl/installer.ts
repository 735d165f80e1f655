/**
 * Installs flyctl the way setup-flyctl does, plus what its users asked for
 * (USERS.md §3 #9, #10): resolve → download → **verify against the
 * release's checksums.txt, before anything is unpacked** → extract → tool
 * cache, with both `flyctl` and a `fly` alias in the cached directory
 * (API-NOTES §15). The caller adds `dir` to PATH.
 *
 * - Resolve: `GET {releasesUrl}/app/flyctl_releases/{Linux|macOS|Windows}/{x86_64|arm64}/{version}`
 *   with `Accept: application/json` → `{version, download_url}`; a plain-text
 *   answer is the download URL itself (an empty one is an error).
 * - A pinned version found in the tool cache costs no request at all; for
 *   `latest` the version is resolved first, then looked up.
 * - checksums.txt sits beside the asset (goreleaser); a mismatch or a
 *   missing line is a ChecksumMismatchError and nothing is extracted.
 * - Retries: resolve and checksums.txt are tried 3 times with backoff on
 *   network errors, 408, 429 and 5xx; the asset download is retried by
 *   tool-cache's `downloadTool` itself (3 attempts, 10–20 s apart, same
 *   statuses). A checksum mismatch is never retried.
 *
 * Only `find` and `cacheDir` need RUNNER_TOOL_CACHE; downloads and
 * extraction go to a scratch directory under RUNNER_TEMP (else the OS temp
 * dir) that is removed afterwards, whatever happened.
 */
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import {
  chmod,
  copyFile,
  lstat,
  mkdir,
  mkdtemp,
  readFile,
  rm,
  stat,
  symlink,
  writeFile
} from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import * as tc from '@actions/tool-cache'
import {
  ChecksumMismatchError,
  errorMessage,
  FlyRolloutError,
  InputError
} from '../../core/errors.js'
import type { Logger } from '../../orchestrator/ports.js'

/** ToolCache is the part of @actions/tool-cache the installer uses (injectable for tests). */
export type ToolCache = Pick<
  typeof tc,
  'find' | 'downloadTool' | 'extractTar' | 'extractZip' | 'cacheDir'
>

/** DEFAULT_RELEASES_URL is where flyctl releases are resolved (API-NOTES §15). */
export const DEFAULT_RELEASES_URL = 'https://api.fly.io'

/** TOOL_NAME is the tool-cache key; setup-flyctl uses the same one. */
export const TOOL_NAME = 'flyctl'

/**
 * VERIFIED_MARKER is written into every directory this installer caches:
 * `<sha256>  <asset>`, the checksums.txt line it verified. A cached flyctl
 * without it (e.g. setup-flyctl's, which verifies nothing) is reinstalled.
 */
export const VERIFIED_MARKER = '.fly-rollout-verified'

/** ReleaseOs and ReleaseArch are goreleaser's spellings in flyctl's asset names. */
export type ReleaseOs = 'Linux' | 'macOS' | 'Windows'
export type ReleaseArch = 'x86_64' | 'arm64'

export interface InstallFlyctlOptions {
  /** `X.Y.Z`, `vX.Y.Z`, `X.Y.Z-pre`, `latest` or `prerel`. */
  version: string
  /** The resolver's base URL; default https://api.fly.io. */
  releasesUrl?: string
  /** Node's platform name (`linux`, `darwin`, `win32`); default `process.platform`. */
  platform?: NodeJS.Platform
  /** Node's arch name (`x64`, `arm64`); default `process.arch`. Also the tool-cache key's arch. */
  arch?: string
  /** Default: @actions/tool-cache, which needs RUNNER_TOOL_CACHE. */
  toolCache?: ToolCache
  /** Used for the resolver and checksums.txt (the asset goes through tool-cache); default global fetch. */
  fetch?: typeof fetch
  /** A Logger, or one function for every line (warnings prefixed `warning: `). */
  log?: Logger | ((message: string) => void)
  /** Sleeps between retries; default real timers. */
  sleep?: (ms: number) => Promise<void>
  /** Attempts and backoff for resolve and checksums.txt; default 3 attempts, 1 s doubling, ≤ 8 s. */
  retry?: { attempts?: number; baseMs?: number; maxMs?: number }
  /** Per-request timeout for resolve and checksums.txt, ms; default 30 000. */
  requestTimeoutMs?: number
  /** Scratch space for the download; default RUNNER_TEMP, else the OS temp dir. */
  tempDir?: string
}

/** InstalledFlyctl is a flyctl ready to run. */
export interface InstalledFlyctl {
  /** The exact version, without `v` (what `latest` resolved to). */
  version: string
  /** The cached directory holding flyctl and fly: add it to PATH. */
  dir: string
  flyctlPath: string
  /** The `fly` alias (a symlink to flyctl; a copy, `fly.exe`, on Windows). */
  flyPath: string
  /** True when it came from the tool cache without a download. */
  fromCache: boolean
  /** The archive's verified SHA-256 (from the marker on a cache hit), when known. */
  sha256?: string
  /** The archive's file name, e.g. `flyctl_0.3.214_Linux_x86_64.tar.gz`, when known. */
  asset?: string
}

/**
 * FlyctlInstallError is a flyctl install that failed for a reason other than
 * its checksum: an unknown version, an unsupported platform, an HTTP error,
 * a broken archive. Its fields say what was being installed, where from.
 */
export class FlyctlInstallError extends FlyRolloutError {
  readonly code = 'flyctl'

  constructor(
    message: string,
    /** The version as asked for (`latest`, `0.3.214`, …). */
    readonly version: string,
    /** goreleaser's OS and arch, or Node's names when unsupported. */
    readonly os: string,
    readonly arch: string,
    /** The URL being fetched, when there was one. */
    readonly url?: string,
    /** The HTTP status; 0 = no answer (network error or timeout). */
    readonly status?: number,
    options?: { cause?: unknown }
  ) {
    super(message, options)
  }

  /** No answer, 408, 429 and 5xx may succeed when repeated. */
  override get retryable(): boolean {
    const s = this.status
    return s === 0 || s === 408 || s === 429 || (s !== undefined && s >= 500)
  }
}

/** OS_NAMES maps Node's platform to goreleaser's OS (API-NOTES §15). */
const OS_NAMES: Partial<Record<NodeJS.Platform, ReleaseOs>> = {
  linux: 'Linux',
  darwin: 'macOS',
  win32: 'Windows'
}

/** ARCH_NAMES maps Node's arch to goreleaser's; flyctl ships no 32-bit builds. */
const ARCH_NAMES: Partial<Record<string, ReleaseArch>> = {
  x64: 'x86_64',
  arm64: 'arm64'
}

/** EXACT_VERSION is a pinned version, with an optional `v` and prerelease suffix. */
const EXACT_VERSION = /^v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/

/**
 * releasePlatform maps Node's platform and arch to the resolver's path
 * segments.
 *
 *   ('linux', 'x64')    → {os: 'Linux', arch: 'x86_64'}
 *   ('darwin', 'arm64') → {os: 'macOS', arch: 'arm64'}
 *   ('win32', 'x64')    → {os: 'Windows', arch: 'x86_64'}
 *   ('linux', 'ia32')   → undefined
 */
export function releasePlatform(
  platform: string,
  arch: string
): { os: ReleaseOs; arch: ReleaseArch } | undefined {
  const os = OS_NAMES[platform as NodeJS.Platform]
  const a = ARCH_NAMES[arch]
  return os && a ? { os, arch: a } : undefined
}

/**
 * parseChecksums reads goreleaser's checksums.txt, `<sha256-hex>␠␠<file>`
 * per line (a `*` before the name, sha256sum's binary mode, is allowed),
 * into file → lowercase hash. Other lines are skipped.
 *
 *   'ab…(64)  flyctl_0.3.214_Linux_x86_64.tar.gz\n' → {flyctl_…tar.gz → 'ab…'}
 *   'AB…(64) *flyctl.zip'                           → {flyctl.zip → 'ab…'}
 *   'not a line'                                     → {}
 */
export function parseChecksums(text: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const line of text.split(/\r?\n/)) {
    const m = /^([0-9a-fA-F]{64})\s+\*?(\S.*?)\s*$/.exec(line)
    if (m) out.set(m[2]!, m[1]!.toLowerCase())
  }
  return out
}

/**
 * versionFromUrl reads the release version from a download URL's tag
 * directory or asset name, as setup-flyctl does for plain-text answers.
 *
 *   '…/releases/download/v0.3.214/flyctl_0.3.214_Linux_x86_64.tar.gz' → '0.3.214'
 *   '…/flyctl_0.3.215-pre-1_macOS_arm64.tar.gz'                       → '0.3.215-pre-1'
 *   'https://example.com/flyctl.tgz'                                   → undefined
 */
export function versionFromUrl(url: string): string | undefined {
  const path = safePathname(url)
  const tag = /\/v(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\//.exec(path)
  if (tag) return tag[1]
  const asset = /\/flyctl_(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)_[^/]*$/.exec(path)
  return asset?.[1]
}

/**
 * installFlyctl installs one flyctl version into the tool cache, or finds it
 * there, and returns where it is. See the module comment for the steps.
 */
export async function installFlyctl(
  options: InstallFlyctlOptions
): Promise<InstalledFlyctl> {
  const requested = options.version.trim()
  const nodePlatform = options.platform ?? process.platform
  const nodeArch = options.arch ?? process.arch
  const platform = releasePlatform(nodePlatform, nodeArch)
  if (!platform) {
    throw new FlyctlInstallError(
      `flyctl ${requested} has no build for ${nodePlatform} ${nodeArch}: flyctl ships for linux, darwin and win32 on x64 and arm64`,
      requested,
      nodePlatform,
      nodeArch
    )
  }
  const exact = EXACT_VERSION.exec(requested)?.[1]
  if (!exact && requested !== 'latest' && requested !== 'prerel') {
    throw new InputError([
      `flyctl version "${requested}" is not X.Y.Z, vX.Y.Z, latest or prerel`
    ])
  }
  if (!options.toolCache && !process.env.RUNNER_TOOL_CACHE) {
    throw new FlyctlInstallError(
      `cannot install flyctl ${requested}: RUNNER_TOOL_CACHE is not set (GitHub runners set it; elsewhere point it at a cache directory)`,
      requested,
      platform.os,
      platform.arch
    )
  }

  const ctx: Ctx = {
    requested,
    os: platform.os,
    arch: platform.arch,
    cacheArch: nodeArch,
    windows: platform.os === 'Windows',
    tc: options.toolCache ?? tc,
    fetch: options.fetch ?? globalThis.fetch,
    log: toLogger(options.log),
    sleep: options.sleep ?? ((ms) => delay(ms)),
    attempts: Math.max(1, options.retry?.attempts ?? 3),
    baseMs: options.retry?.baseMs ?? 1000,
    maxMs: options.retry?.maxMs ?? 8000,
    timeoutMs: options.requestTimeoutMs ?? 30_000
  }
  const where = `${ctx.os} ${ctx.arch}`

  if (exact) {
    const hit = await tryCached(ctx, exact)
    if (hit) return hit
  }

  const releasesUrl = (options.releasesUrl ?? DEFAULT_RELEASES_URL).replace(
    /\/+$/,
    ''
  )
  const release = await withRetries(ctx, () =>
    resolveRelease(ctx, releasesUrl, exact ?? requested)
  )
  if (exact && release.version !== exact) {
    throw new FlyctlInstallError(
      `asked for flyctl ${exact} for ${where}, but the release server resolved ${release.version} (${release.downloadUrl})`,
      requested,
      ctx.os,
      ctx.arch,
      release.downloadUrl
    )
  }
  if (exact) {
    ctx.log.info(`flyctl ${release.version} (${where}): ${release.downloadUrl}`)
  } else {
    ctx.log.info(
      `flyctl ${requested} is ${release.version} (${where}): ${release.downloadUrl}`
    )
    const hit = await tryCached(ctx, release.version)
    if (hit) return hit
  }

  return download(ctx, release, options.tempDir)
}

/** Ctx is one install's settings, resolved. */
interface Ctx {
  requested: string
  os: ReleaseOs
  arch: ReleaseArch
  /** Node's arch: the tool-cache key, as tool-cache defaults to os.arch(). */
  cacheArch: string
  windows: boolean
  tc: ToolCache
  fetch: typeof fetch
  log: Logger
  sleep: (ms: number) => Promise<void>
  attempts: number
  baseMs: number
  maxMs: number
  timeoutMs: number
}

interface Release {
  version: string
  downloadUrl: string
}

const SILENT: Logger = { info() {}, warn() {}, debug() {} }

function toLogger(log: InstallFlyctlOptions['log']): Logger {
  if (typeof log !== 'function') return log ?? SILENT
  return {
    info: (m) => log(m),
    warn: (m) => log(`warning: ${m}`),
    debug: () => {}
  }
}

function binaries(ctx: Ctx): { flyctl: string; fly: string } {
  return ctx.windows
    ? { flyctl: 'flyctl.exe', fly: 'fly.exe' }
    : { flyctl: 'flyctl', fly: 'fly' }
}

/**
 * tryCached returns the cached install of `version` when fly-rollout
 * verified it, making sure the `fly` alias is there; undefined otherwise.
 */
async function tryCached(
  ctx: Ctx,
  version: string
): Promise<InstalledFlyctl | undefined> {
  const dir = ctx.tc.find(TOOL_NAME, version, ctx.cacheArch)
  if (!dir) return undefined
  const names = binaries(ctx)
  const flyctlPath = join(dir, names.flyctl)
  if (!(await isFile(flyctlPath))) {
    ctx.log.warn(
      `the tool cache has flyctl ${version} at ${dir} without ${names.flyctl}: reinstalling`
    )
    return undefined
  }
  const marker = await readFile(join(dir, VERIFIED_MARKER), 'utf8').catch(
    () => undefined
  )
  const verified = marker ? [...parseChecksums(marker)][0] : undefined
  if (!verified) {
    ctx.log.warn(
      `flyctl ${version} in the tool cache (${dir}) was not installed by fly-rollout, so its checksum was never verified: reinstalling`
    )
    return undefined
  }
  const flyPath = join(dir, names.fly)
  try {
    await placeAlias(ctx, dir)
  } catch (e) {
    ctx.log.warn(`could not add the fly alias in ${dir}: ${errorMessage(e)}`)
  }
  ctx.log.info(`flyctl ${version} found in the tool cache: ${dir}`)
  return {
    version,
    dir,
    flyctlPath,
    flyPath,
    fromCache: true,
    asset: verified[0],
    sha256: verified[1]
  }
}

/** resolveRelease asks the resolver which release and URL `version` means (API-NOTES §15). */
async function resolveRelease(
  ctx: Ctx,
  releasesUrl: string,
  version: string
): Promise<Release> {
  const url = `${releasesUrl}/app/flyctl_releases/${ctx.os}/${ctx.arch}/${encodeURIComponent(version)}`
  const fail = (why: string, status?: number, cause?: unknown) =>
    new FlyctlInstallError(
      `failed to resolve flyctl ${ctx.requested} for ${ctx.os} ${ctx.arch} at ${url}: ${why}`,
      ctx.requested,
      ctx.os,
      ctx.arch,
      url,
      status,
      cause === undefined ? undefined : { cause }
    )
  const res = await get(ctx, url, 'application/json', fail)
  if (res.status === 404) {
    throw new FlyctlInstallError(
      `flyctl ${ctx.requested} was not found for ${ctx.os} ${ctx.arch}: ${url} answered 404 (is it a released version? use X.Y.Z or latest)`,
      ctx.requested,
      ctx.os,
      ctx.arch,
      url,
      404
    )
  }
  if (!res.ok) throw fail(`HTTP ${res.status}`, res.status)
  const text = res.text.trim()
  if (!text) throw fail('the answer was empty')

  let downloadUrl = text
  let resolved: string | undefined
  if (text.startsWith('{')) {
    let body: { version?: unknown; download_url?: unknown }
    try {
      body = JSON.parse(text) as typeof body
    } catch (e) {
      throw fail(`the answer is not JSON: ${errorMessage(e)}`, undefined, e)
    }
    if (typeof body.download_url !== 'string' || !body.download_url) {
      throw fail('the answer has no download_url')
    }
    downloadUrl = body.download_url
    if (typeof body.version === 'string' && body.version) {
      resolved = body.version.replace(/^v/, '')
    }
  }
  if (!/^https?:\/\/\S+$/.test(downloadUrl)) {
    throw fail(
      `the download URL ${JSON.stringify(downloadUrl.slice(0, 200))} is not http(s)`
    )
  }
  resolved ??= versionFromUrl(downloadUrl)
  if (!resolved) {
    throw fail(`cannot tell the version from the download URL ${downloadUrl}`)
  }
  return { version: resolved, downloadUrl }
}

/**
 * download fetches checksums.txt and the asset into a scratch directory,
 * verifies the asset, and only then extracts, aliases and caches it.
 */
async function download(
  ctx: Ctx,
  release: Release,
  tempDir: string | undefined
): Promise<InstalledFlyctl> {
  const { version, downloadUrl } = release
  const asset = decodeURIComponent(
    safePathname(downloadUrl).split('/').pop() ?? ''
  )
  const names = binaries(ctx)
  const archive = /\.(tar\.gz|tgz)$/i.test(asset)
    ? 'tar'
    : /\.zip$/i.test(asset)
      ? 'zip'
      : undefined
  const fail = (
    why: string,
    url = downloadUrl,
    status?: number,
    cause?: unknown
  ) =>
    new FlyctlInstallError(
      `failed to install flyctl ${version} for ${ctx.os} ${ctx.arch} from ${url}: ${why}`,
      ctx.requested,
      ctx.os,
      ctx.arch,
      url,
      status,
      cause === undefined ? undefined : { cause }
    )
  if (!archive || !asset || /[/\\]/.test(asset)) {
    throw fail(`"${asset}" is not a .tar.gz or .zip archive`)
  }
  const expectedAsset = `flyctl_${version}_${ctx.os}_${ctx.arch}.${ctx.windows ? 'zip' : 'tar.gz'}`
  if (asset !== expectedAsset) {
    ctx.log.warn(
      `the release server named ${asset} for ${ctx.os} ${ctx.arch}; flyctl's releases call it ${expectedAsset}`
    )
  }

  // RUNNER_TEMP exists on a runner; a local run (local-action, the CLI) may name one that does not yet.
  const base = tempDir ?? process.env.RUNNER_TEMP ?? tmpdir()
  await mkdir(base, { recursive: true })
  const work = await mkdtemp(join(base, 'fly-rollout-flyctl-'))
  try {
    // checksums.txt first: it is small, and a release without it is refused
    // before the asset is fetched at all.
    const checksumsUrl = new URL('checksums.txt', downloadUrl).toString()
    const sums = await withRetries(ctx, async () => {
      const res = await get(
        ctx,
        checksumsUrl,
        'text/plain',
        (why, status, cause) => fail(why, checksumsUrl, status, cause)
      )
      if (res.status === 404) {
        throw fail(
          'the release has no checksums.txt (404), so flyctl cannot be verified; refusing to install it',
          checksumsUrl,
          404
        )
      }
      if (!res.ok) throw fail(`HTTP ${res.status}`, checksumsUrl, res.status)
      return parseChecksums(res.text)
    })

    ctx.log.info(`downloading ${downloadUrl}`)
    const file = join(work, asset)
    try {
      await ctx.tc.downloadTool(downloadUrl, file)
    } catch (e) {
      const status =
        e instanceof tc.HTTPError ? (e.httpStatusCode ?? 0) : undefined
      throw fail(
        status ? `HTTP ${status}` : errorMessage(e),
        downloadUrl,
        status ?? 0,
        e
      )
    }

    // Verify before extracting: a tampered archive is never unpacked.
    const actual = await sha256File(file)
    const expected = sums.get(asset)
    if (!expected) {
      throw new ChecksumMismatchError(
        asset,
        `(no entry in ${checksumsUrl})`,
        actual
      )
    }
    if (expected !== actual) {
      throw new ChecksumMismatchError(asset, expected, actual)
    }
    ctx.log.info(`verified ${asset}: sha256 ${actual} matches checksums.txt`)

    const staged = join(work, 'extracted')
    try {
      if (archive === 'tar') await ctx.tc.extractTar(file, staged)
      else await ctx.tc.extractZip(file, staged)
    } catch (e) {
      throw fail(
        `could not extract ${asset}: ${errorMessage(e)}`,
        downloadUrl,
        undefined,
        e
      )
    }
    if (!(await isFile(join(staged, names.flyctl)))) {
      throw fail(`${asset} has no ${names.flyctl} at its top level`)
    }
    await placeAlias(ctx, staged)
    await writeFile(join(staged, VERIFIED_MARKER), `${actual}  ${asset}\n`)

    const dir = await ctx.tc.cacheDir(staged, TOOL_NAME, version, ctx.cacheArch)
    ctx.log.info(`flyctl ${version} cached at ${dir}`)
    return {
      version,
      dir,
      flyctlPath: join(dir, names.flyctl),
      flyPath: join(dir, names.fly),
      fromCache: false,
      sha256: actual,
      asset
    }
  } finally {
    await rm(work, { recursive: true, force: true }).catch(() => undefined)
  }
}

/**
 * placeAlias makes `fly` next to `flyctl` (install.sh links `fly → flyctl`):
 * a relative symlink on unix, so it survives tool-cache's copy (which
 * re-creates symlinks verbatim); a copy, `fly.exe`, on Windows, where
 * symlinks need privileges. An existing alias is left alone.
 */
async function placeAlias(ctx: Ctx, dir: string): Promise<void> {
  const names = binaries(ctx)
  const flyctl = join(dir, names.flyctl)
  const fly = join(dir, names.fly)
  if (ctx.windows) {
    if (!(await isFile(fly))) await copyFile(flyctl, fly)
    return
  }
  await chmod(flyctl, 0o755)
  const existing = await lstat(fly).catch(() => undefined)
  if (existing) {
    if (await isFile(fly)) return
    await rm(fly, { force: true }) // a dangling link
  }
  await symlink(names.flyctl, fly)
}

interface Got {
  status: number
  ok: boolean
  text: string
}

/** get fetches a small text body with a timeout; no answer is status 0 (retryable). */
async function get(
  ctx: Ctx,
  url: string,
  accept: string,
  fail: (why: string, status?: number, cause?: unknown) => FlyctlInstallError
): Promise<Got> {
  try {
    const res = await ctx.fetch(url, {
      headers: { accept, 'user-agent': 'fly-rollout' },
      redirect: 'follow',
      signal: AbortSignal.timeout(ctx.timeoutMs)
    })
    const text = await res.text()
    return { status: res.status, ok: res.ok, text }
  } catch (e) {
    const timedOut = e instanceof Error && e.name === 'TimeoutError'
    const why = timedOut
      ? `no answer within ${ctx.timeoutMs} ms`
      : errorMessage(causeOf(e))
    throw fail(why, 0, e)
  }
}

/** withRetries runs fn up to ctx.attempts times while it throws a retryable error. */
async function withRetries<T>(ctx: Ctx, fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn()
    } catch (e) {
      const retryable = e instanceof FlyRolloutError && e.retryable
      if (!retryable || attempt >= ctx.attempts) throw e
      const ms = Math.min(ctx.maxMs, ctx.baseMs * 2 ** (attempt - 1))
      ctx.log.warn(
        `${errorMessage(e)}; retrying in ${ms} ms (attempt ${attempt + 1} of ${ctx.attempts})`
      )
      await ctx.sleep(ms)
    }
  }
}

/** causeOf unwraps fetch's "fetch failed" TypeError to the network error under it. */
function causeOf(e: unknown): unknown {
  const cause = e instanceof Error ? e.cause : undefined
  return cause instanceof Error ? cause : e
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile()
  } catch {
    return false
  }
}

function safePathname(url: string): string {
  try {
    return new URL(url).pathname
  } catch {
    return url
  }
}
