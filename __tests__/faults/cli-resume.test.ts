/**
 * Fault matrix, the CLI killed (SIGKILL) in each phase — plan, update, bake,
 * rollback — then `fly-rollout resume` from a new process with the same
 * inputs: a rollout killed before any change has nothing to resume; one
 * killed mid-update or mid-bake is finished, every machine exactly on the
 * release; one killed mid-rollback finishes its rollback, every machine
 * exactly on S₀.
 */
import { afterEach, beforeEach, expect } from 'vitest'
import type { Sim } from '../../src/sim/index.js'
import { cli, killIn, resultOf, resumeArgs, type Phase } from './cli.js'
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

async function killThenResume(phase: Phase) {
  const { before, image, target } = await killIn(sim, phase)
  const run = cli(sim, resumeArgs(image))
  const code = await run.exited
  expect(run.out()).not.toMatch(/\n\s+at /)
  const result = resultOf(run.out())
  const machines = expectMachines(
    sim,
    before,
    result === 'promoted' ? 'new' : 'old',
    target
  )
  await expectNoLeases(sim, 20_000)
  return {
    outcome: `exit ${code}: ${result}`,
    machines,
    state: durableState(sim)
  }
}

scenario('K01', () => killThenResume('plan'), 60_000)
scenario('K02', () => killThenResume('update'), 60_000)
scenario('K03', () => killThenResume('bake'), 60_000)
scenario('K04', () => killThenResume('rollback'), 60_000)
