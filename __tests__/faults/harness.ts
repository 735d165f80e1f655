/**
 * The fault matrix's harness: a small fleet on flysim (rate limits on, clock
 * ×20), and the end-state checks every scenario ends with — machine by
 * machine, each on exactly its S₀ config or exactly the release's, in its S₀
 * state; no machine destroyed or left over; no lease; the rollout's durable
 * marks cleared or resumable. `scenario()` ties a test to its row of the
 * static table (scenarios.ts) and asserts the observed outcome is that row's.
 */
import { expect, test } from 'vitest'
import { canonicalJson, normalizeConfig } from '../../src/core/normalize.js'
import { inFlightRollouts } from '../../src/core/planner.js'
import type { MachineConfig } from '../../src/core/types.js'
import type { Sim } from '../../src/sim/index.js'
import { startSim } from '../helpers/sim.js'
import { SCENARIOS, type ScenarioId } from './scenarios.js'

/**
 * Two waves on machine checks only: the canary (1 sjc machine), then
 * everything; a machine that is not healthy within 30 s fails its wave.
 */
export const SPEC = `machine-deadline: 30s
waves:
  - name: canary
    regions: [sjc]
    machines: 1
    bake: 5s
  - name: rest
    regions: ["*"]
    bake: 2s
`
export const GOOD = 'registry.fly.io/demo:v2'
export const BAD = 'registry.fly.io/demo:bad'

/** Machine is one live machine as the control plane sees it. */
export interface Machine {
  config: MachineConfig
  state: string
  image: string
  region: string
}
export type Fleet = Record<string, Machine>

/** startFleet starts flysim with app `demo`: 2 machines in sjc and 2 in lhr, healthy. */
export async function startFleet(
  opts: {
    seed?: number
    clockScale?: number
    machinesPerRegion?: number
    regions?: string[]
  } = {}
): Promise<Sim> {
  const sim = await startSim({
    regions: opts.regions ?? ['sjc', 'lhr'],
    apps: [{ name: 'demo', machinesPerRegion: opts.machinesPerRegion ?? 2 }],
    seed: opts.seed ?? 7,
    clockScale: opts.clockScale ?? 20,
    rateLimits: true
  })
  sim.control.setImage(GOOD, { boot: '1s' })
  sim.control.setImage(BAD, { boot: '1s', health: 'failing' })
  return sim
}

/** fleetOf reads every live machine of `demo` (full config, state, image digest). */
export function fleetOf(sim: Sim): Fleet {
  const app = sim.control.snapshotWorld().apps.find((a) => a.name === 'demo')!
  return Object.fromEntries(
    app.machines
      .filter((m) => m.state !== 'destroyed')
      .map((m) => [
        m.id,
        {
          config: m.config as MachineConfig,
          state: m.state,
          image: m.imageDigest,
          region: m.region
        }
      ])
  )
}

/** The release a machine must be on exactly: its pinned image ref and digest. */
export interface Target {
  image: string
  digest: string
}

/**
 * expectMachines asserts the fleet machine by machine and returns the
 * summary the table shows (`4/4 S₀`, `4/4 new`, `1 new, 3 S₀`):
 *
 * - `old`: the full config (metadata included), state and image digest
 *   deep-equal to S₀ — so no rollout mark is left on it;
 * - `new`: the normalized config is S₀'s with the release's image, the
 *   digest is the release's, and the state is S₀'s (none stopped that ran);
 * - the same machine ids as S₀: none destroyed, none left over.
 */
export function expectMachines(
  sim: Sim,
  before: Fleet,
  want: 'old' | 'new' | Record<string, 'old' | 'new'>,
  target?: Target
): string {
  const after = fleetOf(sim)
  expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort())
  let olds = 0
  let news = 0
  for (const [id, was] of Object.entries(before)) {
    const now = after[id]!
    const w = typeof want === 'string' ? want : want[id]
    if (w === 'old') {
      expect(canonicalJson(now.config), `${id} config`).toBe(
        canonicalJson(was.config)
      )
      expect({ id, state: now.state, image: now.image }).toEqual({
        id,
        state: was.state,
        image: was.image
      })
      olds++
    } else if (w === 'new') {
      if (!target) throw new Error('a new config needs the release target')
      const wanted = { ...normalizeConfig(was.config), image: target.image }
      expect(canonicalJson(normalizeConfig(now.config)), `${id} config`).toBe(
        canonicalJson(wanted)
      )
      expect({ id, state: now.state, image: now.image }).toEqual({
        id,
        state: was.state,
        image: target.digest
      })
      news++
    } else throw new Error(`no expectation for machine ${id}`)
  }
  const n = olds + news
  if (news === 0) return `${n}/${n} S₀`
  if (olds === 0) return `${n}/${n} new`
  return `${news} new, ${olds} S₀`
}

/** expectNoLeases asserts no lease is held (those of a killed process lapse: poll). */
export async function expectNoLeases(sim: Sim, timeout = 1_000) {
  await expect
    .poll(() => sim.control.outstandingLeases(), { timeout, interval: 50 })
    .toEqual([])
}

/**
 * durableState reads the rollout marks left on the machines: `cleared`
 * (none in flight: never marked, complete or restored), `resumable` (an
 * interrupted rollout a resume or rollback can pick up) or `rolling back`.
 */
export function durableState(sim: Sim): string {
  const views = Object.entries(fleetOf(sim)).map(([id, m]) => ({
    id,
    config: m.config
  }))
  const f = inFlightRollouts(views)
  if (!f.length) return 'cleared'
  return f[0]!.rollingBack ? 'rolling back' : 'resumable'
}

/** Observed is what a scenario saw: compared with its table row. */
export interface Observed {
  outcome: string
  machines: string
  state: string
}

/**
 * scenario runs one row of the fault matrix as a test: the body injects the
 * fault, runs the engine, asserts the end state machine by machine, and
 * returns what it observed — which must be exactly the row's expectation.
 */
export function scenario(
  id: ScenarioId,
  body: () => Promise<Observed>,
  timeoutMs = 30_000
): void {
  const row = SCENARIOS[id]
  test(
    `${id} ${row.fault} → ${row.outcome}`,
    async () => {
      const observed = await body()
      expect(observed).toEqual({
        outcome: row.outcome,
        machines: row.machines,
        state: row.state
      })
    },
    timeoutMs
  )
}
