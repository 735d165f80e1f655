import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * Bundles every entry point from the current sources once per test run, so
 * tests never exercise a stale dist/: flysim finds the stand-in flyctl via
 * FLYSIM_FLYCTL_SCRIPT, and the action's tests run FLY_ROLLOUT_TEST_DIST's
 * index.js and post.js the way the runner runs dist/.
 */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'flyrollout-test-dist-'))
  execFileSync(process.execPath, ['scripts/bundle.mjs', '--outdir', dir], {
    stdio: 'inherit'
  })
  process.env.FLYSIM_FLYCTL_SCRIPT = join(dir, 'flyctl.cjs')
  process.env.FLY_ROLLOUT_TEST_DIST = dir
  return () => rmSync(dir, { recursive: true, force: true })
}
