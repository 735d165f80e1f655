/**
 * P6: what installing flyctl costs, against flysim's release server over
 * loopback HTTP with the real @actions/tool-cache.
 *
 * RUNNER_TOOL_CACHE and RUNNER_TEMP point at fresh temp dirs (tool-cache
 * reads them per call; they are put back afterwards). One cold install of the
 * pinned version (resolve → checksums.txt → download → verify → extract →
 * cache), then 20 warm ones (a tool-cache hit: no request at all), then 20
 * warm `latest` ones (one resolve, then the cache hit). In process: each
 * figure is the `installFlyctl` call alone, not a Node start-up. The action
 * calls it once per process, with nothing warmed up, so the warm pinned case
 * is also run 5 times in fresh Node processes (the installer bundled with
 * esbuild as the action is), timing the one call inside each.
 *
 * flysim's release assets hold the stand-in flyctl (tens of KB); a real
 * flyctl archive is about 30× larger, so the cold figure here is the
 * installer's own cost, not a real download's.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { build } from 'esbuild'
import { installFlyctl } from '../src/adapters/flyctl/installer.js'
import { startSim } from '../src/sim/index.js'
import { round } from './harness.js'

export interface InstallResult {
  version: string
  coldMs: number
  /** Size of the installed (stand-in) flyctl, bytes. */
  binaryBytes: number
  downloads: { resolves: number; assets: number; checksums: number }
  warmRuns: number
  warmMs: number[]
  warm: { median: number; max: number; min: number; allFromCache: boolean }
  /** `latest`: one resolve request, then the cache hit. */
  warmLatest: {
    median: number
    max: number
    min: number
    allFromCache: boolean
  }
  /** The pinned cache hit as the action pays it: one call in a fresh process. */
  warmFreshProcess: {
    runs: number
    ms: number[]
    median: number
    max: number
    allFromCache: boolean
  }
  targetMs: number
  met: boolean
}

const VERSION = '0.3.214'
const WARM = 20
const FRESH = 5

/** freshProcessScript bundles a script that times one installFlyctl call and prints {ms, fromCache}. */
async function freshProcessScript(dir: string): Promise<string> {
  const outfile = join(dir, 'install-once.mjs')
  await build({
    stdin: {
      contents: [
        `import { installFlyctl } from ${JSON.stringify(resolve('src/adapters/flyctl/installer.ts'))}`,
        'const t0 = performance.now()',
        'const r = await installFlyctl({ version: process.argv[2], releasesUrl: process.argv[3] })',
        'console.log(JSON.stringify({ ms: performance.now() - t0, fromCache: r.fromCache }))'
      ].join('\n'),
      resolveDir: process.cwd(),
      loader: 'ts'
    },
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);"
    },
    logLevel: 'warning'
  })
  return outfile
}

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
  return {
    median: round(median, 2),
    min: round(s[0]!, 2),
    max: round(s.at(-1)!, 2)
  }
}

export async function flyctlInstall(): Promise<InstallResult> {
  const root = mkdtempSync(join(tmpdir(), 'fly-rollout-bench-flyctl-'))
  const saved = {
    RUNNER_TOOL_CACHE: process.env.RUNNER_TOOL_CACHE,
    RUNNER_TEMP: process.env.RUNNER_TEMP
  }
  process.env.RUNNER_TOOL_CACHE = join(root, 'tool-cache')
  process.env.RUNNER_TEMP = join(root, 'temp')
  const sim = await startSim({ rateLimits: false })
  // @actions/core writes `::debug::` lines to stdout (the runner hides them); keep them out of the tables.
  const write = process.stdout.write
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]) =>
    String(chunk).startsWith('::debug::')
      ? true
      : (write as (...a: unknown[]) => boolean).call(
          process.stdout,
          chunk,
          ...rest
        )) as typeof process.stdout.write
  try {
    const opts = { version: VERSION, releasesUrl: sim.releasesUrl }
    let t0 = performance.now()
    const cold = await installFlyctl(opts)
    const coldMs = round(performance.now() - t0, 1)
    if (cold.fromCache) throw new Error('the cold install came from the cache')
    const downloads = (await (
      await fetch(`${sim.adminUrl}/releases/downloads`)
    ).json()) as InstallResult['downloads']

    const warmMs: number[] = []
    let allFromCache = true
    for (let i = 0; i < WARM; i++) {
      t0 = performance.now()
      const w = await installFlyctl(opts)
      warmMs.push(round(performance.now() - t0, 2))
      allFromCache &&= w.fromCache
    }
    const latestMs: number[] = []
    let latestFromCache = true
    for (let i = 0; i < WARM; i++) {
      t0 = performance.now()
      const w = await installFlyctl({ ...opts, version: 'latest' })
      latestMs.push(round(performance.now() - t0, 2))
      latestFromCache &&= w.fromCache && w.version === VERSION
    }
    const warm = { ...stats(warmMs), allFromCache }

    const script = await freshProcessScript(root)
    const freshMs: number[] = []
    let freshFromCache = true
    for (let i = 0; i < FRESH; i++) {
      const { stdout } = await promisify(execFile)(process.execPath, [
        script,
        VERSION,
        sim.releasesUrl
      ])
      // tool-cache's ::debug:: lines come first; the figure is the last line.
      const r = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
        ms: number
        fromCache: boolean
      }
      freshMs.push(round(r.ms, 2))
      freshFromCache &&= r.fromCache
    }
    const fresh = stats(freshMs)
    return {
      version: VERSION,
      coldMs,
      binaryBytes: statSync(cold.flyctlPath).size,
      downloads: {
        resolves: downloads.resolves,
        assets: downloads.assets,
        checksums: downloads.checksums
      },
      warmRuns: WARM,
      warmMs,
      warm,
      warmLatest: { ...stats(latestMs), allFromCache: latestFromCache },
      warmFreshProcess: {
        runs: FRESH,
        ms: freshMs,
        median: fresh.median,
        max: fresh.max,
        allFromCache: freshFromCache
      },
      targetMs: 100,
      met: warm.max < 100 && fresh.max < 100
    }
  } finally {
    process.stdout.write = write
    await sim.close()
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
    rmSync(root, { recursive: true, force: true })
  }
}

export function printInstall(r: InstallResult): void {
  console.log(
    `\nP6 flyctl install (flyctl ${r.version} from flysim's release server; target warm < ${r.targetMs} ms)`
  )
  console.log(
    `  cold: ${r.coldMs} ms (resolves ${r.downloads.resolves}, checksums ${r.downloads.checksums}, assets ${r.downloads.assets}; stand-in binary ${r.binaryBytes} bytes)`
  )
  console.log(
    `  warm ×${r.warmRuns} (pinned, cache hit): median ${r.warm.median} ms, min ${r.warm.min}, max ${r.warm.max}; all from cache: ${r.warm.allFromCache} — ${r.met ? 'met' : 'not met'}`
  )
  console.log(
    `  warm ×${r.warmRuns} (latest: resolve + cache hit): median ${r.warmLatest.median} ms, min ${r.warmLatest.min}, max ${r.warmLatest.max}; all from cache: ${r.warmLatest.allFromCache}`
  )
  const f = r.warmFreshProcess
  console.log(
    `  warm, one call in a fresh process ×${f.runs} (as the action pays it): median ${f.median} ms, max ${f.max} (${f.ms.join(', ')}); all from cache: ${f.allFromCache}`
  )
}
