import { createHash } from 'node:crypto'
import { basename } from 'node:path'
import { flyctlPlatform, type CommandContext } from './context.js'
import { FlyctlError, goJson } from './io.js'

/**
 * BUILD_DATE is the build time the stand-in reports for every version
 * [sim choice: fixed, so output is reproducible].
 */
export const BUILD_DATE = '2025-01-01T00:00:00Z'

/**
 * buildInfo is flyctl's `buildinfo.Info()`: field names and order as
 * `flyctl version --json` encodes them (flyctl `internal/buildinfo`), the
 * version as a string (`internal/version.Version.MarshalJSON`).
 */
export function buildInfo(ctx: CommandContext): Record<string, string> {
  const { os, arch } = flyctlPlatform()
  return {
    Name: programName(ctx.io.argv0),
    Version: ctx.version,
    // [sim choice] a stable fake commit per version.
    Commit: createHash('sha1')
      .update(`flysim-flyctl-${ctx.version}`)
      .digest('hex'),
    BranchName: '',
    BuildDate: BUILD_DATE,
    OS: os,
    Architecture: arch,
    Environment: 'production'
  }
}

/**
 * runVersion prints `flyctl v0.3.214 linux/amd64 Commit: … BuildDate: …`,
 * or with `--json` one line of buildInfo. `--saveinstall`/`-s`, which
 * install.sh passes, is accepted and ignored.
 */
export function runVersion(ctx: CommandContext): void {
  const info = buildInfo(ctx)
  if (ctx.flag<boolean>('json')) {
    // json.NewEncoder without indent: one line.
    ctx.io.stdout.write(goJson(info))
    return
  }
  ctx.io.stdout.write(
    `${info.Name} v${info.Version} ${info.OS}/${info.Architecture} Commit: ${info.Commit} BuildDate: ${info.BuildDate}\n`
  )
}

/** runUpgrade refuses: the stand-in is installed from flysim's release server [sim choice]. */
export function runUpgrade(): void {
  throw new FlyctlError(
    "flysim's stand-in flyctl cannot upgrade itself; install another version from flysim's release server"
  )
}

/** programName is the executable's base name without a script extension: flyctl or fly. */
function programName(argv0: string | undefined): string {
  if (!argv0) return 'flyctl'
  const name = basename(argv0).replace(/\.(c?js|mjs|exe)$/i, '')
  return name || 'flyctl'
}
