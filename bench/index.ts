/**
 * `npm run bench [name]`: runs every benchmark (or the one named) and writes
 * each one's JSON to bench/results/<name>.json, and all of this run's results
 * to bench/results/latest.json. Benchmarks report figures and ratios measured
 * in one run; they are never timed assertions.
 *
 *   sim-capacity        P7: machines one flysim holds, memory at 1,000
 *   rollout-efficiency  P1+P2: wall vs critical path, requests per machine
 *   rollback-speed      P3: first failing signal → every machine restored
 *   flyctl-baseline     fly deploy's rolling strategy on the same timings
 *   action-startup      P5: bundle sizes, node index.js → first API request
 *   flyctl-install      P6: flyctl install, cold and warm (tool cache)
 *   planner-scale       P4: the pure planner at 1,000 – 100,000 machines
 */
import { execFileSync } from 'node:child_process'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import os from 'node:os'
import { actionStartup, printStartup } from './action-startup.js'
import {
  flyctlBaseline,
  printFlyctl,
  type FlyctlResult
} from './flyctl-baseline.js'
import { flyctlInstall, printInstall } from './flyctl-install.js'
import { printRollback, rollbackSpeed } from './rollback-speed.js'
import {
  printEfficiency,
  rolloutEfficiency,
  type EfficiencyResult
} from './rollout-efficiency.js'
import { plannerScale, printPlanner } from './planner-scale.js'
import { printCapacity, simCapacity } from './sim-capacity.js'

interface Bench<T> {
  run: () => Promise<T>
  print: (r: T) => void
}

// sim-capacity first, in a fresh process: its per-machine memory figure is
// measured from this process's starting RSS.
const benches: Record<string, Bench<unknown>> = {
  'sim-capacity': { run: simCapacity, print: printCapacity } as Bench<unknown>,
  'rollout-efficiency': {
    run: () => rolloutEfficiency(),
    print: printEfficiency
  } as Bench<unknown>,
  'rollback-speed': {
    run: rollbackSpeed,
    print: printRollback
  } as Bench<unknown>,
  'flyctl-baseline': {
    run: flyctlBaseline,
    // Beside fly-rollout's own figures: this run's, else the last saved ones.
    print: (r) => printFlyctl(r as FlyctlResult, efficiency)
  } as Bench<unknown>,
  'action-startup': {
    run: actionStartup,
    print: printStartup
  } as Bench<unknown>,
  'flyctl-install': {
    run: flyctlInstall,
    print: printInstall
  } as Bench<unknown>,
  'planner-scale': {
    run: plannerScale,
    print: printPlanner
  } as Bench<unknown>
}

const only = process.argv[2]
if (only && !benches[only]) {
  console.error(
    `no benchmark "${only}"; choose one of: ${Object.keys(benches).join(', ')}`
  )
  process.exit(2)
}

const machine = {
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? '',
  memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
  ...gitState()
}

/** The engine measured: the commit and any uncommitted change under src/. */
function gitState(): { commit?: string; dirtySrc?: string[] } {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, { encoding: 'utf8' })
    return {
      commit: git('rev-parse', '--short', 'HEAD').trim(),
      dirtySrc: git('status', '--porcelain', '--', 'src')
        .split('\n')
        .filter(Boolean)
    }
  } catch {
    return {}
  }
}
await mkdir('bench/results', { recursive: true })
let efficiency: EfficiencyResult | undefined = await readFile(
  'bench/results/rollout-efficiency.json',
  'utf8'
)
  .then((t) => (JSON.parse(t) as { result: EfficiencyResult }).result)
  .catch(() => undefined)

const results: Record<string, unknown> = {}
const started = performance.now()
let failed = 0
for (const [name, b] of Object.entries(benches)) {
  if (only && only !== name) continue
  const t0 = performance.now()
  const loadBefore = os.loadavg()
  let result: unknown
  try {
    result = await b.run()
  } catch (e) {
    // One benchmark failing must not cost the others' figures.
    console.error(`\n${name} failed: ${(e as Error).stack ?? String(e)}`)
    results[name] = { name, error: String((e as Error).message ?? e) }
    failed++
    continue
  }
  const record = {
    name,
    at: new Date().toISOString(),
    machine,
    realMs: Math.round(performance.now() - t0),
    loadavg: { before: loadBefore, after: os.loadavg() },
    result
  }
  if (name === 'rollout-efficiency') efficiency = result as EfficiencyResult
  b.print(result)
  console.log(`  (${name}: ${Math.round(record.realMs / 1000)} s real)`)
  results[name] = record
  await writeFile(
    `bench/results/${name}.json`,
    JSON.stringify(record, null, 2) + '\n'
  )
}

// A partial run (`npm run bench <name>`) keeps the other benchmarks' last
// records in latest.json; each record carries its own time and machine.
const previous: Record<string, unknown> = only
  ? await readFile('bench/results/latest.json', 'utf8')
      .then(
        (t) =>
          (JSON.parse(t) as { results?: Record<string, unknown> }).results ?? {}
      )
      .catch(() => ({}))
  : {}
const stamp = {
  at: new Date().toISOString(),
  machine,
  realMs: Math.round(performance.now() - started),
  results: { ...previous, ...results }
}
await writeFile(
  'bench/results/latest.json',
  JSON.stringify(stamp, null, 2) + '\n'
)
console.log(
  `\nwrote bench/results/{${Object.keys(results).join(',')}}.json and latest.json (${Math.round(stamp.realMs / 1000)} s)`
)
if (failed) process.exitCode = 1
