import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * Builds the stand-in flyctl from the current sources once per test run, so
 * tests never exercise a stale dist/. flysim finds it via FLYSIM_FLYCTL_SCRIPT.
 */
export default function setup(): () => void {
  if (!existsSync('src/sim/flyctl/main.ts')) return () => undefined
  const dir = mkdtempSync(join(tmpdir(), 'flyrollout-test-dist-'))
  execFileSync(
    process.execPath,
    ['scripts/bundle.mjs', '--only', 'flyctl', '--outdir', dir],
    { stdio: 'inherit' }
  )
  process.env.FLYSIM_FLYCTL_SCRIPT = join(dir, 'flyctl.cjs')
  return () => rmSync(dir, { recursive: true, force: true })
}
