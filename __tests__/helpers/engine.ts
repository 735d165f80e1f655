/**
 * Test helpers for running the engine against flysim in-process: ports wired
 * to the simulator over real loopback HTTP, sharing its virtual clock. The
 * engine's log (debug included), each rollout's events and outcome, and
 * what it throws are registered for the automatic leak scan
 * (leak-collector.ts).
 */
import { composePorts } from '../../src/cli/compose.js'
import type { CliIO } from '../../src/cli/io.js'
import { resolveImageDigest } from '../../src/adapters/fly/registry.js'
import { canonicalJson } from '../../src/core/normalize.js'
import { makeRelease } from '../../src/core/release.js'
import { parseRolloutSpec, type RolloutSpec } from '../../src/core/spec.js'
import type { MachineConfig, Release } from '../../src/core/types.js'
import type { Ports } from '../../src/orchestrator/ports.js'
import {
  runRollout,
  type RolloutEvent,
  type RolloutInput
} from '../../src/orchestrator/run-rollout.js'
import type { Sim } from '../../src/sim/index.js'
import { leaks } from './leak-collector.js'

export const quietIO: CliIO = {
  stdout: () => undefined,
  stderr: () => undefined,
  env: {},
  stopped: () => new Promise(() => undefined),
  isTTY: false
}

/** enginePorts wires the product's adapters to a flysim, on its clock. */
export function enginePorts(
  sim: Sim,
  spec?: RolloutSpec
): {
  ports: Ports
  close: () => void
  stats: () => {
    byOp: Record<string, number>
    rateLimited: number
    retries: number
  }
} {
  let log = ''
  const watch = leaks()
  watch.secrets(sim.token)
  watch.text(`engine log (${sim.apiUrl})`, () => log)
  const { ports, prober, api } = composePorts(
    {
      apiUrl: sim.apiUrl,
      edgeUrl: sim.edgeUrl,
      registryUrl: sim.apiUrl,
      json: false,
      yes: true,
      debug: true,
      positionals: []
    },
    sim.token,
    { ...quietIO, stderr: (t) => void (log += t) },
    { clock: sim.control.clock, identity: spec?.identity }
  )
  return {
    ports,
    close: () => prober.close(),
    stats: () => api.stats() as never
  }
}

export function specOf(yaml: string): RolloutSpec {
  const r = parseRolloutSpec(yaml, 'test-spec.yml')
  if (!r.spec)
    throw new Error(
      r.diagnostics.map((d) => `${d.line}: ${d.summary}`).join('\n')
    )
  return r.spec
}

/** releaseOf pins an image in flysim's registry and makes an image-only release (or one with group configs). */
export async function releaseOf(
  sim: Sim,
  image: string,
  groups?: Record<string, MachineConfig>
): Promise<Release> {
  const pinned = await resolveImageDigest(image, {
    token: sim.token,
    registryUrl: sim.apiUrl
  })
  const g =
    groups &&
    Object.fromEntries(
      Object.entries(groups).map(([k, c]) => [k, { ...c, image: pinned.image }])
    )
  return makeRelease({ image: pinned.image, digest: pinned.digest, groups: g })
}

/** deploy runs one rollout in-process and collects its events. */
export async function deploy(
  sim: Sim,
  image: string,
  yaml: string,
  extra: Partial<RolloutInput> = {}
) {
  const spec = specOf(yaml)
  const { ports, close, stats } = enginePorts(sim, spec)
  const events: RolloutEvent[] = []
  leaks().text('rollout events', () => JSON.stringify(events))
  try {
    const release = extra.release ?? (await releaseOf(sim, image))
    const outcome = await runRollout(
      { app: 'demo', release, spec, onEvent: (e) => events.push(e), ...extra },
      ports
    )
    leaks().text('rollout outcome', () => JSON.stringify(outcome))
    return { outcome, events, stats: stats() }
  } catch (e) {
    leaks().error('rollout error', e)
    throw e
  } finally {
    close()
  }
}

/** liveMachines returns the app's machines as canonical JSON, for exact before/after comparisons. */
export function liveMachines(
  sim: Sim,
  app = 'demo'
): Record<
  string,
  { config: string; state: string; image: string; region: string }
> {
  const snap = sim.control.snapshotWorld().apps.find((a) => a.name === app)!
  return Object.fromEntries(
    snap.machines
      .filter((m) => m.state !== 'destroyed')
      .map((m) => [
        m.id,
        {
          config: canonicalJson(m.config),
          state: m.state,
          image: m.imageDigest,
          region: m.region
        }
      ])
  )
}
