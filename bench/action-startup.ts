/**
 * P5: what the action costs before it does anything — the size of its
 * bundles and the time from `node index.js` to the first request flysim
 * receives.
 *
 * 1. Bundles every entry point with `node scripts/bundle.mjs --outdir <tmp>`
 *    and reports index.js, post.js and cli.js: bytes, MB, and gzip (level 6)
 *    bytes.
 * 2. Starts a small flysim on a real-time clock (clockScale 1, so virtual
 *    ms = real ms) and runs `node <tmp>/index.js` as the runner does: INPUT_*
 *    variables, the GITHUB_OUTPUT / GITHUB_STATE / GITHUB_STEP_SUMMARY file
 *    commands, RUNNER_TOOL_CACHE / RUNNER_TEMP (see
 *    __tests__/helpers/runner.ts). A prebuilt image, `install-flyctl: false`,
 *    `build: none`, `dry-run: true`: the first request is the registry
 *    resolving the image's tag.
 * 3. Measures spawn → first request record's `at` (flysim stamps it on
 *    arrival, on the same clock the spawn was stamped with), spawn → exit,
 *    and, for scale, spawn → exit of a bare `node -e ''`.
 *
 * Rate limits are off: this measures start-up, and ten dry runs in a few
 * seconds would otherwise spend the app's list bucket.
 */
import { execFileSync, spawn } from 'node:child_process'
import { once } from 'node:events'
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { startSim } from '../src/sim/index.js'
import { pad, round } from './harness.js'

export interface BundleFile {
  file: string
  bytes: number
  mb: number
  gzipBytes: number
  gzipMb: number
}

export interface StartupResult {
  bundleMs: number
  bundles: BundleFile[]
  /** The action's own files (index.js, post.js) must each stay under this. */
  targetBytes: number
  sizeMet: boolean
  runs: number
  /** Spawn → first request flysim received, ms, in run order. */
  firstRequestMs: number[]
  firstRequest: { median: number; min: number; max: number; op: string }
  /** Spawn → process exit (the whole dry run), ms. */
  exit: { median: number; min: number; max: number }
  /** Spawn → exit of `node -e ''`: Node's own start-up here, ms. */
  bareNode: { median: number; min: number; max: number }
  /** Every run's `result` output. */
  results: string[]
  targetMs: number
  met: boolean
}

const MB = 1024 * 1024
const RUNS = 10

function stats(xs: number[]): { median: number; min: number; max: number } {
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
  return {
    median: round(median, 1),
    min: round(s[0]!, 1),
    max: round(s.at(-1)!, 1)
  }
}

/** parseOutputs reads GITHUB_OUTPUT's `name<<DELIM … DELIM` and `name=value` records. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const h = /^([^<=]+)<<(.+)$/.exec(lines[i]!)
    if (h) {
      const v: string[] = []
      for (i++; i < lines.length && lines[i] !== h[2]; i++) v.push(lines[i]!)
      out[h[1]!] = v.join('\n')
    } else if (lines[i]!.includes('=')) {
      const l = lines[i]!
      out[l.slice(0, l.indexOf('='))] = l.slice(l.indexOf('=') + 1)
    }
  }
  return out
}

async function timeExit(args: string[], env: NodeJS.ProcessEnv, cwd: string) {
  const t0 = performance.now()
  const child = spawn(process.execPath, args, { env, cwd, stdio: 'ignore' })
  const [code] = (await once(child, 'exit')) as [number | null]
  return { ms: performance.now() - t0, code }
}

export async function actionStartup(): Promise<StartupResult> {
  const root = mkdtempSync(join(tmpdir(), 'fly-rollout-bench-startup-'))
  try {
    const out = join(root, 'dist')
    const tb = performance.now()
    execFileSync(process.execPath, ['scripts/bundle.mjs', '--outdir', out], {
      stdio: 'inherit'
    })
    const bundleMs = Math.round(performance.now() - tb)
    const bundles = ['index.js', 'post.js', 'cli.js'].map((file) => {
      const bytes = statSync(join(out, file)).size
      const gzipBytes = gzipSync(readFileSync(join(out, file))).length
      return {
        file,
        bytes,
        mb: round(bytes / MB, 2),
        gzipBytes,
        gzipMb: round(gzipBytes / MB, 2)
      }
    })
    const targetBytes = 2 * MB

    const sim = await startSim({
      regions: ['sjc', 'lhr'],
      apps: [{ name: 'demo', machinesPerRegion: 1 }],
      seed: 5,
      clockScale: 1,
      rateLimits: false
    })
    const clock = sim.control.clock
    sim.control.setImage('registry.fly.io/demo:v2', {})
    const firstRequestMs: number[] = []
    const exits: number[] = []
    const bare: number[] = []
    const results: string[] = []
    let op = ''
    try {
      for (let i = 0; i < RUNS; i++) {
        const dir = join(root, `run-${i}`)
        const d = (p: string) => {
          mkdirSync(join(dir, p), { recursive: true })
          return join(dir, p)
        }
        const f = (p: string) => {
          writeFileSync(join(dir, p), '')
          return join(dir, p)
        }
        const workspace = d('workspace')
        const env: NodeJS.ProcessEnv = {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? dir,
          GITHUB_ACTIONS: 'true',
          CI: 'true',
          GITHUB_WORKSPACE: workspace,
          GITHUB_SHA: 'c0ffee0000000000000000000000000000000000',
          GITHUB_REPOSITORY: 'acme/demo',
          GITHUB_EVENT_NAME: 'push',
          GITHUB_EVENT_PATH: f('event.json'),
          GITHUB_OUTPUT: f('output'),
          GITHUB_STATE: f('state'),
          GITHUB_STEP_SUMMARY: f('summary'),
          GITHUB_ENV: f('env'),
          GITHUB_PATH: f('path'),
          RUNNER_TOOL_CACHE: d('tool-cache'),
          RUNNER_TEMP: d('temp'),
          RUNNER_OS: 'Linux'
        }
        writeFileSync(env.GITHUB_EVENT_PATH!, '{"ref":"refs/heads/main"}')
        const inputs: Record<string, string> = {
          'api-token': sim.token,
          app: 'demo',
          'api-url': sim.apiUrl,
          'edge-url': sim.edgeUrl,
          'registry-url': sim.apiUrl,
          image: 'registry.fly.io/demo:v2',
          build: 'none',
          'install-flyctl': 'false',
          'dry-run': 'true',
          rollback: 'auto',
          'on-cancel': 'rollback',
          'working-directory': '.'
        }
        for (const [k, v] of Object.entries(inputs))
          env[`INPUT_${k.toUpperCase()}`] = v

        const seq = sim.control.requests().at(-1)?.seq ?? 0
        const t0 = clock.now()
        const r0 = performance.now()
        const child = spawn(process.execPath, [join(out, 'index.js')], {
          env,
          cwd: workspace,
          stdio: ['ignore', 'ignore', 'pipe']
        })
        let stderr = ''
        child.stderr!.on('data', (c) => (stderr += c))
        const [code] = (await once(child, 'exit')) as [number | null]
        exits.push(performance.now() - r0)
        const first = sim.control.requests(seq)[0]
        if (code !== 0 || !first)
          throw new Error(
            `run ${i}: exit ${code}, ${first ? 'requests seen' : 'no request seen'}: ${stderr.slice(-2000)}`
          )
        firstRequestMs.push(first.at - t0)
        op ||= `${first.method} ${first.route ?? first.path}${first.op ? ` (${first.op})` : ''}`
        results.push(
          parseOutputs(readFileSync(env.GITHUB_OUTPUT!, 'utf8')).result ?? ''
        )

        bare.push(
          (await timeExit(['-e', ''], { PATH: env.PATH }, workspace)).ms
        )
      }
    } finally {
      await sim.close()
    }
    const first = stats(firstRequestMs)
    return {
      bundleMs,
      bundles,
      targetBytes,
      sizeMet: bundles
        .filter((b) => b.file !== 'cli.js')
        .every((b) => b.bytes < targetBytes),
      runs: RUNS,
      firstRequestMs,
      firstRequest: { ...first, op },
      exit: stats(exits),
      bareNode: stats(bare),
      results,
      targetMs: 300,
      met: first.median < 300
    }
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

export function printStartup(r: StartupResult): void {
  console.log(
    `\nP5 action start-up (bundled in ${r.bundleMs} ms; target: index.js and post.js < ${round(r.targetBytes / MB, 0)} MB, start → first request < ${r.targetMs} ms)`
  )
  console.log('  file          bytes      MB   gzip bytes  gzip MB')
  for (const b of r.bundles)
    console.log(
      `  ${pad(b.file, 10, true)} ${pad(b.bytes, 9)} ${pad(b.mb.toFixed(2), 7)} ${pad(b.gzipBytes, 12)} ${pad(b.gzipMb.toFixed(2), 8)}`
    )
  console.log(`  size: ${r.sizeMet ? 'met' : 'not met'}`)
  console.log(
    `  node index.js → first request (${r.firstRequest.op}), ${r.runs} runs: median ${r.firstRequest.median} ms (min ${r.firstRequest.min}, max ${r.firstRequest.max}) — ${r.met ? 'met' : 'not met'}`
  )
  console.log(`    per run: ${r.firstRequestMs.join(', ')} ms`)
  console.log(
    `  node index.js → exit (dry run): median ${r.exit.median} ms (min ${r.exit.min}, max ${r.exit.max}); results ${[...new Set(r.results)].join(', ')}`
  )
  console.log(
    `  bare \`node -e ''\` → exit: median ${r.bareNode.median} ms (min ${r.bareNode.min}, max ${r.bareNode.max})`
  )
}
