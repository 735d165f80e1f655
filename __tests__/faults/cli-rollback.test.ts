/**
 * Fault matrix, the CLI killed (SIGKILL) in each phase — plan, update, bake,
 * rollback — then `fly-rollout rollback --app` from a new process, which
 * needs no other input: a rollout killed before any change has nothing to
 * roll back; every other ends with every machine exactly on S₀, no lease,
 * no rollout marks.
 */
import { afterEach, beforeEach, expect } from 'vitest'
import type { Sim } from '../../src/sim/index.js'
import { cli, killIn, resultOf, rollbackArgs, type Phase } from './cli.js'
import {
  durableState,
  expectMachines,
  expectNoLeases,
  scenario,
  startFleet
} from './harness.js'

let sim: Sim
beforeEach(async () => {
  sim = await startFleet({ clockScale: 10 })
})
afterEach(async () => {
  await sim.close()
})

async function killThenRollback(phase: Phase) {
  const { before } = await killIn(sim, phase)
  const run = cli(sim, rollbackArgs)
  const code = await run.exited
  expect(run.out()).not.toMatch(/\n\s+at /)
  const machines = expectMachines(sim, before, 'old')
  await expectNoLeases(sim, 20_000)
  return {
    outcome: `exit ${code}: ${resultOf(run.out())}`,
    machines,
    state: durableState(sim)
  }
}

scenario('K05', () => killThenRollback('plan'), 60_000)
scenario('K06', () => killThenRollback('update'), 60_000)
scenario('K07', () => killThenRollback('bake'), 60_000)
scenario('K08', () => killThenRollback('rollback'), 60_000)
