/**
 * `npm run bench`: runs every benchmark and writes its JSON under
 * bench/results/. Benchmarks report figures and ratios measured in one run;
 * they are never timed assertions.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { printCapacity, simCapacity } from './sim-capacity.js'

const only = process.argv[2]
const results: Record<string, unknown> = {}
await mkdir('bench/results', { recursive: true })

if (!only || only === 'sim-capacity') {
  const r = await simCapacity()
  printCapacity(r)
  results['sim-capacity'] = r
}

const stamp = { at: new Date().toISOString(), node: process.version, results }
await writeFile(
  'bench/results/latest.json',
  JSON.stringify(stamp, null, 2) + '\n'
)
console.log('\nwrote bench/results/latest.json')
