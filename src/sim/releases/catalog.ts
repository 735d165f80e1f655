/**
 * The naming rules of flyctl releases (API-NOTES §15): which os/arch
 * spellings the resolver accepts, how versions compare, and how goreleaser
 * names each asset.
 */

/** ReleaseOs is an OS as flyctl's goreleaser spells it in asset names. */
export type ReleaseOs = 'Linux' | 'macOS' | 'Windows'
/** ReleaseArch is an architecture as goreleaser spells it (no 386). */
export type ReleaseArch = 'x86_64' | 'arm64'

/** PLATFORMS lists every (os, arch) a release has an asset for. */
export const PLATFORMS: readonly { os: ReleaseOs; arch: ReleaseArch }[] = [
  { os: 'Linux', arch: 'x86_64' },
  { os: 'Linux', arch: 'arm64' },
  { os: 'macOS', arch: 'x86_64' },
  { os: 'macOS', arch: 'arm64' },
  { os: 'Windows', arch: 'x86_64' },
  { os: 'Windows', arch: 'arm64' }
]

/**
 * normalizeOs maps the spellings clients send to goreleaser's. install.sh
 * sends `uname -s` (Linux, Darwin); flyctl's self-update sends Go's GOOS
 * (linux, darwin, windows) (API-NOTES §15). Case-insensitive.
 *
 *   "Linux" | "linux"             → Linux
 *   "macOS" | "darwin" | "Darwin" → macOS
 *   "Windows" | "windows"         → Windows
 *   "freebsd"                     → undefined
 */
export function normalizeOs(s: string): ReleaseOs | undefined {
  switch (s.toLowerCase()) {
    case 'linux':
      return 'Linux'
    case 'macos':
    case 'darwin':
      return 'macOS'
    case 'windows':
      return 'Windows'
    default:
      return undefined
  }
}

/**
 * normalizeArch maps `uname -m` and GOARCH spellings to goreleaser's.
 *
 *   "x86_64" | "amd64"  → x86_64
 *   "arm64" | "aarch64" → arm64
 *   "386"               → undefined (flyctl ships no 32-bit builds)
 */
export function normalizeArch(s: string): ReleaseArch | undefined {
  switch (s.toLowerCase()) {
    case 'x86_64':
    case 'amd64':
      return 'x86_64'
    case 'arm64':
    case 'aarch64':
      return 'arm64'
    default:
      return undefined
  }
}

/** SemVer is a parsed release version. */
export interface SemVer {
  major: number
  minor: number
  patch: number
  /** Prerelease suffix without the dash, e.g. "pre-1"; "" for a stable release. */
  pre: string
}

/**
 * parseVersion reads `X.Y.Z`, `vX.Y.Z` or `X.Y.Z-<pre>`; anything else is
 * undefined.
 *
 *   "0.3.214"        → {0, 3, 214, ""}
 *   "v0.3.214"       → {0, 3, 214, ""}
 *   "0.3.215-pre-1"  → {0, 3, 215, "pre-1"}
 *   "latest"         → undefined
 */
export function parseVersion(s: string): SemVer | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?$/.exec(s.trim())
  if (!m) return undefined
  return {
    major: Number(m[1]),
    minor: Number(m[2]),
    patch: Number(m[3]),
    pre: m[4] ?? ''
  }
}

/** formatVersion renders a version without the `v`, as asset names do. */
export function formatVersion(v: SemVer): string {
  return `${v.major}.${v.minor}.${v.patch}${v.pre ? `-${v.pre}` : ''}`
}

/**
 * compareVersions orders versions semver-style: a prerelease sorts before
 * its stable release; prerelease parts compare numerically where both are
 * numbers, so pre-10 follows pre-9.
 *
 *   0.3.209 < 0.3.214 < 0.3.215-pre-1 < 0.3.215-pre-10 < 0.3.215
 */
export function compareVersions(a: SemVer, b: SemVer): number {
  const d = a.major - b.major || a.minor - b.minor || a.patch - b.patch
  if (d !== 0) return Math.sign(d)
  if (a.pre === b.pre) return 0
  if (!a.pre) return 1
  if (!b.pre) return -1
  const pa = a.pre.split(/[.-]/)
  const pb = b.pre.split(/[.-]/)
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i]
    const y = pb[i]
    if (x === undefined) return -1
    if (y === undefined) return 1
    const nx = /^\d+$/.test(x) ? Number(x) : NaN
    const ny = /^\d+$/.test(y) ? Number(y) : NaN
    if (!Number.isNaN(nx) && !Number.isNaN(ny)) {
      if (nx !== ny) return Math.sign(nx - ny)
    } else if (x !== y) return x < y ? -1 : 1
  }
  return 0
}

/**
 * assetName is goreleaser's archive name for a version and platform: no `v`,
 * `.zip` on Windows, `.tar.gz` elsewhere (flyctl `.goreleaser.yml`).
 *
 *   ("0.3.214", Linux, x86_64)   → flyctl_0.3.214_Linux_x86_64.tar.gz
 *   ("0.3.214", Windows, arm64)  → flyctl_0.3.214_Windows_arm64.zip
 */
export function assetName(
  version: string,
  os: ReleaseOs,
  arch: ReleaseArch
): string {
  const ext = os === 'Windows' ? 'zip' : 'tar.gz'
  return `flyctl_${version}_${os}_${arch}.${ext}`
}

/** parseAssetName inverts assetName; undefined for any other file name. */
export function parseAssetName(
  name: string
): { version: string; os: ReleaseOs; arch: ReleaseArch } | undefined {
  const m =
    /^flyctl_(.+)_(Linux|macOS|Windows)_(x86_64|arm64)\.(tar\.gz|zip)$/.exec(
      name
    )
  if (!m) return undefined
  const [, version, os, arch, ext] = m
  if ((os === 'Windows') !== (ext === 'zip')) return undefined
  return { version: version!, os: os as ReleaseOs, arch: arch as ReleaseArch }
}

/** assetNames lists a release's archives, sorted by name as checksums.txt is. */
export function assetNames(version: string): string[] {
  return PLATFORMS.map((p) => assetName(version, p.os, p.arch)).sort()
}
