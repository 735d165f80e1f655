/**
 * A flysim and a Machines API client wired to its virtual clock, for the
 * adapter's contract tests: backoff sleeps and request timeouts run on
 * virtual time, so retries cost no real waiting.
 */
import type { RequestRecord, Sim } from '../../../src/sim/index.js'
import {
  createFlyMachinesApi,
  type FlyMachinesApi,
  type FlyMachinesApiOptions
} from '../../../src/adapters/fly/machines-api.js'

/** seededRandom is a small deterministic PRNG (mulberry32) for jitter. */
export function seededRandom(seed = 42): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** apiFor returns a client of the sim's API whose time is the sim's clock. */
export function apiFor(
  sim: Sim,
  extra: Partial<FlyMachinesApiOptions> = {}
): FlyMachinesApi {
  return createFlyMachinesApi({
    baseUrl: sim.apiUrl,
    token: sim.token,
    sleep: (ms) => sim.control.clock.sleep(ms),
    random: seededRandom(),
    ...extra
  })
}

/** requestsSince lists the sim's requests after `seq` matching method and a path regexp. */
export function requestsSince(
  sim: Sim,
  seq: number,
  method: string,
  path: RegExp
): RequestRecord[] {
  return sim.control
    .requests(seq)
    .filter((r) => r.method === method && path.test(r.path))
}

/** lastSeq is the newest request's sequence number (0 when none). */
export function lastSeq(sim: Sim): number {
  const all = sim.control.requests()
  return all.length ? all[all.length - 1]!.seq : 0
}
