/**
 * P7: how many machines one flysim process holds, and its memory at 1,000.
 *
 * Builds apps of 500 machines (every machine a real HTTP server on loopback
 * with its checks running) until the target or a failure, reading RSS and
 * heap after each step, then proves the machines answer through the edge.
 * Not a test: it prints a table and writes bench/results/sim-capacity.json.
 */
import http from 'node:http'
import { startSim } from '../src/sim/index.js'
import { REGIONS } from '../src/sim/regions.js'

export interface CapacityResult {
  steps: { machines: number; rssMb: number; heapMb: number; buildMs: number }[]
  maxMachines: number
  stoppedBy: string
  at1000: { rssMb: number; heapMb: number; perMachineKb: number }
  edgeSample: { requests: number; ok: number; p50Ms: number }
}

const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10

export async function simCapacity(
  target = Number(process.env.SIM_CAPACITY_TARGET ?? 10000)
): Promise<CapacityResult> {
  globalThis.gc?.()
  const base = process.memoryUsage()
  const sim = await startSim({ seed: 1, regions: REGIONS.map((r) => r.code) })
  const steps: CapacityResult['steps'] = []
  let stoppedBy = `reached the target of ${target}`
  let n = 0
  // 20 regions × 25 machines: steps of exactly 500.
  const regions = REGIONS.slice(0, 20).map((r) => r.code)
  try {
    while (n < target) {
      const t0 = performance.now()
      try {
        const perRegion = Math.ceil(Math.min(500, target - n) / regions.length)
        await sim.control.createApp({
          name: `cap-${steps.length}`,
          regions,
          machinesPerRegion: perRegion
        })
        n = sim.control.machineCount()
      } catch (e) {
        stoppedBy = `failed after ${n} machines: ${(e as Error).message}`
        break
      }
      globalThis.gc?.()
      let mem: NodeJS.MemoryUsage
      try {
        mem = process.memoryUsage()
      } catch (e) {
        // Reading /proc needs a file descriptor: EMFILE means the process's fd limit is the ceiling.
        stoppedBy = `failed at ${n} machines: ${(e as Error).message}`
        break
      }
      steps.push({
        machines: n,
        rssMb: mb(mem.rss),
        heapMb: mb(mem.heapUsed),
        buildMs: Math.round(performance.now() - t0)
      })
    }
    const edgeSample = await sampleEdge(sim.edgeUrl, 'cap-0', 200)
    const first =
      steps.find((s) => s.machines >= 1000) ?? steps[steps.length - 1]!
    return {
      steps,
      maxMachines: n,
      stoppedBy,
      at1000: {
        rssMb: first.rssMb,
        heapMb: first.heapMb,
        perMachineKb: Math.round(
          ((first.rssMb - mb(base.rss)) * 1024) / first.machines
        )
      },
      edgeSample
    }
  } finally {
    await sim.close()
  }
}

async function sampleEdge(edgeUrl: string, app: string, requests: number) {
  const times: number[] = []
  let ok = 0
  for (let i = 0; i < requests; i++) {
    const t0 = performance.now()
    const status = await new Promise<number>((resolve) => {
      const req = http.request(
        `${edgeUrl}/`,
        { headers: { host: `${app}.fly.dev` } },
        (res) => {
          res.resume()
          res.on('end', () => resolve(res.statusCode ?? 0))
        }
      )
      req.on('error', () => resolve(0))
      req.end()
    })
    times.push(performance.now() - t0)
    if (status === 200) ok++
  }
  times.sort((a, b) => a - b)
  return {
    requests,
    ok,
    p50Ms: Math.round(times[Math.floor(times.length / 2)]! * 100) / 100
  }
}

export function printCapacity(r: CapacityResult): void {
  console.log(
    'P7 flysim capacity (one process, every machine a real HTTP server with running checks)'
  )
  console.log('  machines   rss MB   heap MB   build ms')
  for (const s of r.steps) {
    console.log(
      `  ${String(s.machines).padStart(8)} ${String(s.rssMb).padStart(8)} ${String(s.heapMb).padStart(9)} ${String(s.buildMs).padStart(10)}`
    )
  }
  console.log(`  held ${r.maxMachines} machines (${r.stoppedBy})`)
  console.log(
    `  at 1,000 machines: rss ${r.at1000.rssMb} MB, heap ${r.at1000.heapMb} MB, ≈${r.at1000.perMachineKb} KB per machine`
  )
  console.log(
    `  edge sample: ${r.edgeSample.ok}/${r.edgeSample.requests} ok, p50 ${r.edgeSample.p50Ms} ms`
  )
}
