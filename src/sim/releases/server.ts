import { createHash } from 'node:crypto'
import http from 'node:http'
import { gzip, tarball, zip, type ArchiveEntry } from './archive.js'
import {
  assetName,
  assetNames,
  compareVersions,
  formatVersion,
  normalizeArch,
  normalizeOs,
  parseAssetName,
  parseVersion,
  type ReleaseArch,
  type ReleaseOs,
  type SemVer
} from './catalog.js'

/**
 * flysim's stand-in for the two places flyctl is installed from
 * (API-NOTES §15): the resolver at `api.fly.io/app/flyctl_releases/…` and
 * GitHub's release downloads with `checksums.txt`. Every asset contains the
 * stand-in flyctl, pinned to the asset's version.
 */

/** ReleasesServerOptions configures createReleasesServer. */
export interface ReleasesServerOptions {
  /** The stand-in flyctl program (a CommonJS Node script; a shebang is added). */
  flyctlScript: () => Buffer
  /** Base URL the server is reachable at, known only after listen(): used in download URLs. */
  baseUrl: () => string
  /** Stable versions on offer; `latest` is the highest. */
  versions?: string[]
  /** One prerelease version, offered under `prerel` when it is the newest. */
  prerelease?: string
  /** Clock for release timestamps, unix ms. */
  now?: () => number
}

/** ReleaseAssetRef names one asset of one release; JSON-friendly for the admin API. */
export interface ReleaseAssetRef {
  /** `X.Y.Z` or `vX.Y.Z`. */
  version: string
  /** The asset's file name, e.g. `flyctl_0.3.214_Linux_x86_64.tar.gz`. */
  asset: string
}

/** ReleasesDownloads counts what clients fetched since the last reset. */
export interface ReleasesDownloads {
  /** GETs of `/app/flyctl_releases/…`, answered or not. */
  resolves: number
  /** Archive downloads served (redirect hops not counted). */
  assets: number
  /** checksums.txt downloads served. */
  checksums: number
  /** Served downloads per `v<version>/<file>`. */
  files: Record<string, number>
}

/** ReleaseInfo describes one release on offer. */
export interface ReleaseInfo {
  version: string
  prerelease: boolean
  /** ISO 8601 publish time. */
  timestamp: string
  assets: string[]
}

/**
 * ReleasesControl drives the release server from tests and the admin API.
 * Bad input (an unknown version or asset) throws a TypeError, which the admin
 * API answers with 400.
 */
export interface ReleasesControl {
  /** tamper makes an asset's served bytes differ from its checksums.txt line. */
  tamper(ref: ReleaseAssetRef): void
  /** dropChecksum leaves an asset's line out of checksums.txt. */
  dropChecksum(ref: ReleaseAssetRef): void
  /** reset undoes tampering and dropped lines, zeroes the counters and forgets built archives. */
  reset(): void
  /** downloads returns a copy of the counters. */
  downloads(): ReleasesDownloads
  /** releases lists the releases on offer, oldest first. */
  releases(): ReleaseInfo[]
}

/** DEFAULT_VERSIONS are the stable releases on offer unless told otherwise [sim choice]. */
export const DEFAULT_VERSIONS = ['0.3.195', '0.3.209', '0.3.214']

/** Release times are a week apart, the newest one day before start [sim choice]. */
const WEEK_MS = 7 * 24 * 3600 * 1000
const DAY_MS = 24 * 3600 * 1000

/** GitHub serves assets from another host after a 302 [sim choice: this path]. */
const OBJECT_PREFIX = '/release-assets/superfly/flyctl/'
const DOWNLOAD_PREFIX = '/superfly/flyctl/releases/download/'
const RESOLVE_PREFIX = '/app/flyctl_releases/'

interface Release {
  version: string
  semver: SemVer
  prerelease: boolean
  timestampMs: number
}

/**
 * createReleasesServer returns the release server (not listening yet) and
 * its control. Archives are built lazily and cached per (version, asset);
 * the bytes are deterministic for a given script, so checksums are stable.
 *
 * Routes:
 *   GET /app/flyctl_releases/{os}/{arch}/{version}  → download URL (text) or
 *       {version, prerelease, download_url, timestamp} with Accept: application/json
 *   GET /superfly/flyctl/releases/download/v{V}/{file} → 302 to the object, as GitHub does
 *   GET /release-assets/superfly/flyctl/v{V}/{file}  → the bytes
 */
export function createReleasesServer(opts: ReleasesServerOptions): {
  server: http.Server
  control: ReleasesControl
} {
  const releases = catalogue(opts)
  const byVersion = new Map(releases.map((r) => [r.version, r]))
  const built = new Map<string, Buffer>()
  const tampered = new Set<string>()
  const dropped = new Set<string>()
  let counts = emptyCounts()

  const key = (version: string, asset: string) => `v${version}/${asset}`

  /** release finds an offered release by `X.Y.Z` or `vX.Y.Z`, else undefined. */
  const release = (version: string): Release | undefined => {
    const v = parseVersion(version)
    return v ? byVersion.get(formatVersion(v)) : undefined
  }

  /** genuine returns an asset's true bytes (what checksums.txt vouches for). */
  const genuine = (version: string, asset: string): Buffer => {
    const k = key(version, asset)
    let bytes = built.get(k)
    if (!bytes) {
      bytes = buildAsset(opts.flyctlScript(), version, asset, false)
      built.set(k, bytes)
    }
    return bytes
  }

  /** served returns the bytes a download gets: tampered ones differ, yet still unpack. */
  const served = (version: string, asset: string): Buffer => {
    const k = key(version, asset)
    if (!tampered.has(k)) return genuine(version, asset)
    const tk = `tampered:${k}`
    let bytes = built.get(tk)
    if (!bytes) {
      bytes = buildAsset(opts.flyctlScript(), version, asset, true)
      built.set(tk, bytes)
    }
    return bytes
  }

  const checksums = (version: string): Buffer => {
    const lines = assetNames(version)
      .filter((a) => !dropped.has(key(version, a)))
      .map((a) => `${sha256(genuine(version, a))}  ${a}\n`)
    return Buffer.from(lines.join(''), 'utf8')
  }

  const requireRef = (ref: ReleaseAssetRef): string => {
    const r =
      ref && typeof ref.version === 'string' ? release(ref.version) : undefined
    if (!r) {
      throw new TypeError(`no flyctl release ${JSON.stringify(ref?.version)}`)
    }
    if (!assetNames(r.version).includes(ref.asset)) {
      throw new TypeError(
        `release v${r.version} has no asset ${JSON.stringify(ref.asset)}; ` +
          `assets: ${assetNames(r.version).join(', ')}`
      )
    }
    return key(r.version, ref.asset)
  }

  function resolve(
    req: http.IncomingMessage,
    parts: string[]
  ): { status: number; body: string; type: string } {
    counts.resolves++
    const notFound = { status: 404, body: '', type: 'text/plain' }
    if (parts.length !== 3) return notFound
    const [osPart, archPart, versionPart] = parts as [string, string, string]
    const os = normalizeOs(osPart)
    const arch = normalizeArch(archPart)
    if (!os || !arch) return notFound
    const r = pick(releases, versionPart)
    if (!r) return notFound
    const url =
      `${opts.baseUrl().replace(/\/+$/, '')}${DOWNLOAD_PREFIX}` +
      `v${r.version}/${assetName(r.version, os, arch)}`
    if (wantsJson(req)) {
      return {
        status: 200,
        type: 'application/json; charset=utf-8',
        body: JSON.stringify({
          version: r.version,
          prerelease: r.prerelease,
          download_url: url,
          timestamp: new Date(r.timestampMs).toISOString()
        })
      }
    }
    // API-NOTES §15: the plain body is the URL itself, nothing else.
    return { status: 200, type: 'text/plain; charset=utf-8', body: url }
  }

  /** locate finds the release file `v<version>/<file>` names, or undefined (404). */
  function locate(
    tagged: string,
    file: string
  ): { version: string; kind: 'checksums' | 'asset' } | undefined {
    const r = tagged.startsWith('v') ? release(tagged.slice(1)) : undefined
    if (!r || `v${r.version}` !== tagged) return undefined
    if (file === 'checksums.txt') {
      return { version: r.version, kind: 'checksums' }
    }
    const parsed = parseAssetName(file)
    if (!parsed || parsed.version !== r.version) return undefined
    return { version: r.version, kind: 'asset' }
  }

  /** object returns a located file's bytes, counting a GET as a download. */
  function object(
    found: { version: string; kind: 'checksums' | 'asset' },
    file: string,
    count: boolean
  ): Buffer {
    const bytes =
      found.kind === 'checksums'
        ? checksums(found.version)
        : served(found.version, file)
    if (count) {
      if (found.kind === 'checksums') counts.checksums++
      else counts.assets++
      const k = key(found.version, file)
      counts.files[k] = (counts.files[k] ?? 0) + 1
    }
    return bytes
  }

  const server = http.createServer((req, res) => {
    try {
      handle(req, res)
    } catch (e) {
      // A bug must answer 500, never take the simulator down.
      send(res, req, 500, 'text/plain; charset=utf-8', errorText(e))
    }
  })

  function handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const method = req.method ?? 'GET'
    const url = new URL(req.url ?? '/', 'http://releases.flysim')
    const path = url.pathname
    if (method !== 'GET' && method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD')
      send(res, req, 405, 'text/plain; charset=utf-8', 'Method Not Allowed')
      return
    }
    if (path.startsWith(RESOLVE_PREFIX)) {
      const parts = path.slice(RESOLVE_PREFIX.length).split('/').map(decode)
      const out = resolve(req, parts)
      send(res, req, out.status, out.type, out.body)
      return
    }
    if (path.startsWith(DOWNLOAD_PREFIX)) {
      const parts = path.slice(DOWNLOAD_PREFIX.length).split('/').map(decode)
      if (parts.length === 2 && locate(parts[0]!, parts[1]!)) {
        // GitHub answers release downloads with a redirect to its asset
        // host, an absolute URL (some clients cannot follow relative ones).
        res.setHeader(
          'location',
          `${opts.baseUrl()}${OBJECT_PREFIX}${parts.map(encodeURIComponent).join('/')}`
        )
        send(res, req, 302, 'text/plain; charset=utf-8', '')
        return
      }
      send(res, req, 404, 'text/plain; charset=utf-8', 'Not Found')
      return
    }
    if (path.startsWith(OBJECT_PREFIX)) {
      const parts = path.slice(OBJECT_PREFIX.length).split('/').map(decode)
      const found =
        parts.length === 2 ? locate(parts[0]!, parts[1]!) : undefined
      if (!found) {
        send(res, req, 404, 'text/plain; charset=utf-8', 'Not Found')
        return
      }
      const bytes = object(found, parts[1]!, method === 'GET')
      res.setHeader('content-disposition', `attachment; filename=${parts[1]!}`)
      send(res, req, 200, 'application/octet-stream', bytes)
      return
    }
    send(res, req, 404, 'text/plain; charset=utf-8', 'Not Found')
  }

  const control: ReleasesControl = {
    tamper(ref) {
      tampered.add(requireRef(ref))
    },
    dropChecksum(ref) {
      dropped.add(requireRef(ref))
    },
    reset() {
      tampered.clear()
      dropped.clear()
      built.clear()
      counts = emptyCounts()
    },
    downloads() {
      return { ...counts, files: { ...counts.files } }
    },
    releases() {
      return releases.map((r) => ({
        version: r.version,
        prerelease: r.prerelease,
        timestamp: new Date(r.timestampMs).toISOString(),
        assets: [...assetNames(r.version), 'checksums.txt']
      }))
    }
  }

  return { server, control }
}

/** catalogue validates the offered versions and gives each a publish time, oldest first. */
function catalogue(opts: ReleasesServerOptions): Release[] {
  const wanted = [
    ...(opts.versions ?? DEFAULT_VERSIONS).map((v) => ({ v, pre: false })),
    ...(opts.prerelease ? [{ v: opts.prerelease, pre: true }] : [])
  ]
  const list: Omit<Release, 'timestampMs'>[] = []
  const seen = new Set<string>()
  for (const { v, pre } of wanted) {
    const semver = parseVersion(v)
    if (!semver) {
      throw new TypeError(`invalid flyctl version ${JSON.stringify(v)}`)
    }
    if (pre !== (semver.pre !== '')) {
      throw new TypeError(
        pre
          ? `prerelease ${JSON.stringify(v)} needs a suffix, e.g. 0.3.215-pre-1`
          : `version ${JSON.stringify(v)} has a prerelease suffix; pass it as prerelease`
      )
    }
    const version = formatVersion(semver)
    if (seen.has(version)) continue
    seen.add(version)
    list.push({ version, semver, prerelease: pre })
  }
  if (!list.some((r) => !r.prerelease)) {
    throw new TypeError('at least one stable flyctl version is required')
  }
  list.sort((a, b) => compareVersions(a.semver, b.semver))
  const newest = (opts.now ?? Date.now)() - DAY_MS
  return list.map((r, i) => ({
    ...r,
    timestampMs: newest - (list.length - 1 - i) * WEEK_MS
  }))
}

/**
 * pick resolves a requested version: `latest` is the highest stable release,
 * `prerel` (or `pre`) the highest of all [sim choice: a prerelease older
 * than latest loses to it], else the exact version.
 */
function pick(
  releases: readonly Release[],
  requested: string
): Release | undefined {
  if (requested === 'latest')
    return releases.filter((r) => !r.prerelease).at(-1)
  if (requested === 'prerel' || requested === 'pre') return releases.at(-1)
  const v = parseVersion(requested)
  if (!v) return undefined
  const want = formatVersion(v)
  return releases.find((r) => r.version === want)
}

/**
 * buildAsset builds one archive. The flyctl inside is `#!/usr/bin/env node`,
 * lines pinning `globalThis.__FLYCTL_VERSION__` and `__FLYCTL_PLATFORM__`
 * (e.g. "linux/amd64"), then the script (its own
 * shebang and "use strict" prologue kept in front of the pin). The Windows
 * zip carries the same script as `flyctl.exe`: it cannot run as a Windows
 * binary, which is fine, as only its bytes and name are checked [sim choice].
 */
function buildAsset(
  script: Buffer,
  version: string,
  asset: string,
  tamper: boolean
): Buffer {
  const parsed = parseAssetName(asset)
  if (!parsed) throw new Error(`not a flyctl asset: ${asset}`)
  let body = script.toString('utf8')
  if (body.startsWith('#!')) body = body.slice(body.indexOf('\n') + 1)
  const prologue = /^(?:\s*(['"])use strict\1;?[ \t]*\r?\n)?/.exec(body)![0]
  body = body.slice(prologue.length)
  // The platform is pinned too, as a Go binary's GOOS/GOARCH are: it makes
  // every asset's bytes (and checksum) distinct, as real ones are.
  const pin =
    `globalThis.__FLYCTL_VERSION__ = ${JSON.stringify(version)};\n` +
    `globalThis.__FLYCTL_PLATFORM__ = ${JSON.stringify(goPlatform(parsed.os, parsed.arch))};\n`
  const mark = tamper ? '// tampered by flysim: not the published build\n' : ''
  const flyctl = Buffer.from(
    `#!/usr/bin/env node\n${prologue}${pin}${mark}${body}`,
    'utf8'
  )
  const docs: ArchiveEntry[] = [
    { name: 'LICENSE', data: Buffer.from(LICENSE, 'utf8'), mode: 0o644 },
    {
      name: 'README.md',
      data: Buffer.from(readme(version, asset), 'utf8'),
      mode: 0o644
    }
  ]
  if (parsed.os === 'Windows') {
    return zip([
      { name: 'flyctl.exe', data: flyctl, mode: 0o755 },
      { name: 'wintun.dll', data: Buffer.from(WINTUN, 'utf8'), mode: 0o644 }
    ])
  }
  return gzip(tarball([{ name: 'flyctl', data: flyctl, mode: 0o755 }, ...docs]))
}

const LICENSE = `Apache License
Version 2.0, January 2004
http://www.apache.org/licenses/

flysim placeholder: the real flyctl archive ships the full Apache-2.0 text.
`

const WINTUN = 'flysim placeholder for wintun.dll (not a real DLL)\n'

function readme(version: string, asset: string): string {
  return `# flyctl ${version} (flysim stand-in)

From ${asset}.

This archive mirrors the layout of a real flyctl release. The \`flyctl\`
inside is flysim's stand-in: a Node.js script that talks to a local
simulator through FLY_FLAPS_BASE_URL and FLY_API_TOKEN.
`
}

/** goPlatform spells a platform the way Go's GOOS/GOARCH do: linux/amd64. */
function goPlatform(os: ReleaseOs, arch: ReleaseArch): string {
  const goos = os === 'macOS' ? 'darwin' : os.toLowerCase()
  return `${goos}/${arch === 'x86_64' ? 'amd64' : 'arm64'}`
}

function wantsJson(req: http.IncomingMessage): boolean {
  return /\bapplication\/json\b/i.test(req.headers.accept ?? '')
}

function emptyCounts(): ReleasesDownloads {
  return { resolves: 0, assets: 0, checksums: 0, files: {} }
}

function sha256(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex')
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

function errorText(e: unknown): string {
  return `flysim releases: internal error: ${e instanceof Error ? e.message : String(e)}`
}

function send(
  res: http.ServerResponse,
  req: http.IncomingMessage,
  status: number,
  type: string,
  body: string | Buffer
): void {
  if (res.headersSent || res.destroyed) return
  const payload = typeof body === 'string' ? Buffer.from(body, 'utf8') : body
  res.writeHead(status, {
    'content-type': type,
    'content-length': String(payload.length)
  })
  res.end(req.method === 'HEAD' ? undefined : payload)
}
