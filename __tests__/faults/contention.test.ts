/**
 * Fault matrix, contention and rollback faults: a lease held by another
 * process (409) on the rollout's anchor and on a later machine, two rollouts
 * started at once, a rollback step failing once then succeeding, a rollback
 * that cannot finish (then finished by `rollback`), and a release_command
 * that fails, times out, or whose exit is read through failing /events. No
 * fault may leave a machine half-way, a lease of ours, or another's lease
 * broken.
 */
import { afterEach, expect } from 'vitest'
import { StateConflictError } from '../../src/core/errors.js'
import type { Release } from '../../src/core/types.js'
import { rollbackRollout } from '../../src/orchestrator/resume.js'
import type { RolloutEvent } from '../../src/orchestrator/run-rollout.js'
import type { Sim } from '../../src/sim/index.js'
import { deploy, enginePorts, releaseOf } from '../helpers/engine.js'
import {
  BAD,
  durableState,
  expectMachines,
  expectNoLeases,
  fleetOf,
  GOOD,
  scenario,
  SPEC,
  startFleet,
  type Fleet
} from './harness.js'

const MIGRATE = 'registry.fly.io/demo:migrate'

let sim: Sim
afterEach(async () => {
  await sim?.close()
})

async function arrange(): Promise<Fleet> {
  sim = await startFleet()
  return fleetOf(sim)
}

const sorted = (before: Fleet, region: string) =>
  Object.keys(before)
    .filter((id) => before[id]!.region === region)
    .sort()

/** leaseAsOther takes a machine's lease as another tool would (`fly deploy`). */
async function leaseAsOther(id: string): Promise<void> {
  const res = await fetch(`${sim.apiUrl}/v1/apps/demo/machines/${id}/lease`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${sim.token}`,
      'content-type': 'application/json'
    },
    body: JSON.stringify({ ttl: 3600, description: 'flyctl deploy' })
  })
  expect(res.status).toBe(201)
}

/** withReleaseCommand gives a release a release_command on `image`. */
async function withReleaseCommand(image: string): Promise<Release> {
  const release = await releaseOf(sim, GOOD)
  return {
    ...release,
    releaseCommand: { image, init: { cmd: ['bin/migrate'] }, metadata: {} }
  }
}

scenario('R01', async () => {
  const before = await arrange()
  const anchor = sorted(before, 'lhr').concat(sorted(before, 'sjc')).sort()[0]!
  await leaseAsOther(anchor)
  const err = await deploy(sim, GOOD, SPEC).then(
    () => undefined,
    (e: unknown) => e
  )
  expect(err).toBeInstanceOf(StateConflictError)
  expect((err as Error).message).toMatch(/leased by .*another deploy/)
  const machines = expectMachines(sim, before, 'old')
  // The other process's lease is untouched; we hold none.
  expect(sim.control.outstandingLeases().map((l) => l.machine)).toEqual([
    anchor
  ])
  return { outcome: 'refused', machines, state: durableState(sim) }
})

scenario('R02', async () => {
  const before = await arrange()
  const other = sorted(before, 'lhr')[1]!
  await leaseAsOther(other)
  const { outcome } = await deploy(sim, GOOD, SPEC)
  expect(outcome.reason).toMatch(/wave 2 \(rest\)/)
  const machines = expectMachines(sim, before, 'old')
  expect(sim.control.outstandingLeases().map((l) => l.machine)).toEqual([other])
  return { outcome: outcome.result, machines, state: durableState(sim) }
})

scenario('R03', async () => {
  const before = await arrange()
  const canary = sorted(before, 'sjc')[0]!
  // The restore's update of the canary fails once (500), then the retry succeeds.
  const { outcome } = await deploy(sim, BAD, SPEC, {
    onEvent: (e: RolloutEvent) => {
      if (e.type === 'rollback-started')
        sim.control.failRequests({
          method: 'POST',
          path: `/v1/apps/demo/machines/${canary}`,
          status: 500
        })
    }
  })
  expect(sim.control.faults()).toEqual([])
  expect(outcome.restored).toEqual([
    expect.objectContaining({ machineId: canary, status: 'restored' })
  ])
  const machines = expectMachines(sim, before, 'old')
  await expectNoLeases(sim)
  return { outcome: outcome.result, machines, state: durableState(sim) }
})

scenario('R04', async () => {
  const before = await arrange()
  const canary = sorted(before, 'sjc')[0]!
  // The canary's host becomes unreachable as the rollback starts: every restore attempt fails.
  const { outcome } = await deploy(sim, BAD, SPEC, {
    onEvent: (e: RolloutEvent) => {
      if (e.type === 'rollback-started')
        sim.control.setHostStatus(canary, 'unreachable')
    }
  })
  sim.control.setHostStatus(canary, 'ok')
  const machines = expectMachines(
    sim,
    before,
    Object.fromEntries(
      Object.keys(before).map((id) => [id, id === canary ? 'new' : 'old'])
    ),
    outcome
  )
  await expectNoLeases(sim)
  const state = durableState(sim)
  // Its host back, `rollback` finishes the job exactly.
  const { ports, close } = enginePorts(sim)
  const again = await rollbackRollout(ports, { app: 'demo' }).finally(close)
  expect(again?.report.complete).toBe(true)
  expectMachines(sim, before, 'old')
  expect(durableState(sim)).toBe('cleared')
  return { outcome: outcome.result, machines, state }
})

scenario('R05', async () => {
  const before = await arrange()
  const other = 'registry.fly.io/demo:v3'
  sim.control.setImage(other, { boot: '1s' })
  const results = await Promise.allSettled([
    deploy(sim, GOOD, SPEC),
    deploy(sim, other, SPEC)
  ])
  const won = results.flatMap((r) =>
    r.status === 'fulfilled' && r.value.outcome.result === 'promoted'
      ? [r.value.outcome]
      : []
  )
  const refused = results.filter(
    (r) => r.status === 'rejected' && r.reason instanceof StateConflictError
  )
  expect(won).toHaveLength(1)
  expect(refused).toHaveLength(1)
  const machines = expectMachines(sim, before, 'new', won[0])
  await expectNoLeases(sim)
  return {
    outcome: 'one promoted, one refused',
    machines,
    state: durableState(sim)
  }
})

scenario('R06', async () => {
  const before = await arrange()
  sim.control.setImage(MIGRATE, { boot: '1s', crash: 'boot', exitCode: 1 })
  const release = await withReleaseCommand(MIGRATE)
  const { outcome } = await deploy(sim, GOOD, SPEC, { release })
  expect(outcome.reason).toMatch(
    /release_command failed: it exited with code 1/
  )
  // The release_command's machine is gone too.
  const machines = expectMachines(sim, before, 'old')
  await expectNoLeases(sim)
  return { outcome: outcome.result, machines, state: durableState(sim) }
})

scenario('R07', async () => {
  const before = await arrange()
  // It never exits: the machine deadline (30 s) ends it.
  sim.control.setImage(MIGRATE, { boot: '1s' })
  const release = await withReleaseCommand(MIGRATE)
  const { outcome } = await deploy(sim, GOOD, SPEC, { release })
  expect(outcome.reason).toMatch(
    /release_command failed: it did not finish within 30s/
  )
  const machines = expectMachines(sim, before, 'old')
  await expectNoLeases(sim)
  return { outcome: outcome.result, machines, state: durableState(sim) }
})

scenario('R08', async () => {
  const before = await arrange()
  // It succeeds (exit 0); its exit event is read through 503s.
  sim.control.setImage(MIGRATE, { boot: '1s', crash: 'boot', exitCode: 0 })
  const release = await withReleaseCommand(MIGRATE)
  sim.control.failRequests({
    method: 'GET',
    path: '/v1/apps/demo/machines/*/events',
    status: 503,
    times: 2
  })
  const { outcome } = await deploy(sim, GOOD, SPEC, { release })
  expect(sim.control.faults()).toEqual([])
  const machines = expectMachines(sim, before, 'new', outcome)
  await expectNoLeases(sim)
  return { outcome: outcome.result, machines, state: durableState(sim) }
})

scenario('R09', async () => {
  const before = await arrange()
  const { ports, close } = enginePorts(sim)
  let victim = ''
  let edit: Promise<void> | undefined
  // As the canary wave starts, another tool edits a wave-2 machine that no
  // lease covers yet: our update of it is refused (its version moved), the
  // rollout rolls back — and leaves that machine as the other tool made it.
  const { outcome } = await deploy(sim, GOOD, SPEC, {
    onEvent: (e: RolloutEvent) => {
      if (e.type !== 'wave-started' || e.wave.index !== 0) return
      const leased = new Set(
        sim.control.outstandingLeases().map((l) => l.machine)
      )
      victim = sorted(before, 'lhr').find((id) => !leased.has(id))!
      edit = (async () => {
        const m = await ports.machines.get('demo', victim)
        await ports.machines.update('demo', victim, {
          config: { ...m.config, env: { ...m.config.env, DEBUG: '1' } },
          currentVersion: m.version
        })
      })()
    }
  }).finally(async () => {
    await edit
    close()
  })
  expect(outcome.result).toBe('rolled-back')
  expect(outcome.reason).toMatch(/wave 2 \(rest\)/)
  const after = fleetOf(sim)[victim]!
  expect(after.config.env).toMatchObject({ DEBUG: '1' })
  expect(after.image).toBe(before[victim]!.image)
  const machines = expectMachines(sim, { ...before, [victim]: after }, 'old')
  expect(machines).toBe('4/4 S₀')
  await expectNoLeases(sim)
  return {
    outcome: outcome.result,
    machines: '3/3 S₀, 1 left as the other tool made it',
    state: durableState(sim)
  }
})
