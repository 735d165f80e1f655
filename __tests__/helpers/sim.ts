/**
 * startSim for end-to-end tests: flysim, with its API token and request
 * log registered for the automatic leak scan (leak-collector.ts). The
 * secrets endpoints' bodies, which legitimately carry values, are never in
 * the log (flysim does not record them).
 */
import {
  startSim as startFlysim,
  type Sim,
  type StartSimOptions
} from '../../src/sim/index.js'
import { leaks } from './leak-collector.js'

export async function startSim(options: StartSimOptions = {}): Promise<Sim> {
  const sim = await startFlysim(options)
  const watch = leaks()
  watch.secrets(sim.token)
  watch.requests(`flysim ${sim.apiUrl} requests`, () => sim.control.requests())
  return sim
}
