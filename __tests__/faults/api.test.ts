/**
 * Fault matrix, Machines API faults: 429 bursts, 5xx, connection resets and
 * /wait 408s on each call the engine makes (list, lease acquire and release,
 * update, wait, metadata, regions, create, delete, secrets, versions), with
 * flysim's rate limits on. Retryable faults within the budget end promoted,
 * every machine exactly on the release; faults the engine must not retry
 * (an update or create that may have been applied, a budget spent) end
 * rolled back, every machine exactly on S₀ — never half-way.
 */
import { afterEach, expect } from 'vitest'
import { FlyApiError } from '../../src/core/errors.js'
import { applySecrets } from '../../src/orchestrator/secrets.js'
import { rollbackRollout } from '../../src/orchestrator/resume.js'
import type { Sim } from '../../src/sim/index.js'
import { deploy, enginePorts } from '../helpers/engine.js'
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

const LIST = '/v1/apps/demo/machines'
const MACHINE = '/v1/apps/demo/machines/*'
const LEASE = '/v1/apps/demo/machines/*/lease'
const WAIT = '/v1/apps/demo/machines/*/wait'

let sim: Sim
afterEach(async () => {
  await sim?.close()
})

/** arrange starts the fleet and records S₀. */
async function arrange(machinesPerRegion = 2): Promise<Fleet> {
  sim = await startFleet({ machinesPerRegion })
  return fleetOf(sim)
}

/** promotedOrRolledBack deploys GOOD and checks the end state for either outcome. */
async function deployAndCheck(before: Fleet, spec = SPEC) {
  const { outcome } = await deploy(sim, GOOD, spec)
  // Every injected fault struck.
  expect(sim.control.faults()).toEqual([])
  const machines = expectMachines(
    sim,
    before,
    outcome.result === 'promoted' ? 'new' : 'old',
    outcome
  )
  await expectNoLeases(sim)
  return { outcome: outcome.result, machines, state: durableState(sim) }
}

scenario('A01', async () => {
  const before = await arrange()
  sim.control.failRequests({ method: 'GET', path: LIST, status: 429, times: 6 })
  return deployAndCheck(before)
})

scenario('A02', async () => {
  const before = await arrange()
  sim.control.failRequests({ method: 'GET', path: LIST, status: 503, times: 3 })
  return deployAndCheck(before)
})

scenario('A03', async () => {
  const before = await arrange()
  sim.control.failRequests({
    method: 'POST',
    path: LEASE,
    status: 429,
    times: 4
  })
  return deployAndCheck(before)
})

scenario('A04', async () => {
  const before = await arrange()
  // One lhr machine's lease fails twice: a blip, retried, not a failed rollout.
  const lhr = Object.keys(before)
    .filter((id) => before[id]!.region === 'lhr')
    .sort()[1]!
  sim.control.failRequests({
    method: 'POST',
    path: `/v1/apps/demo/machines/${lhr}/lease`,
    status: 503,
    times: 2
  })
  return deployAndCheck(before)
})

scenario('A05', async () => {
  const before = await arrange()
  sim.control.failRequests({
    method: 'DELETE',
    path: LEASE,
    status: 503,
    times: 3
  })
  return deployAndCheck(before)
})

scenario('A06', async () => {
  const before = await arrange()
  sim.control.failRequests({
    method: 'POST',
    path: MACHINE,
    status: 429,
    times: 4
  })
  return deployAndCheck(before)
})

scenario('A07', async () => {
  const before = await arrange()
  sim.control.failRequests({
    method: 'POST',
    path: MACHINE,
    status: 503,
    times: 1
  })
  const r = await deployAndCheck(before)
  // The update was sent again only after a read showed it was not applied.
  const updates = sim.control
    .requests()
    .filter((q) => q.method === 'POST' && /machines\/[^/]+$/.test(q.path))
  expect(updates.map((q) => q.status).filter((s) => s === 503)).toHaveLength(1)
  return r
})

scenario('A08', async () => {
  const before = await arrange()
  sim.control.failRequests({ method: 'POST', path: MACHINE, reset: true })
  return deployAndCheck(before)
})

scenario('A09', async () => {
  const before = await arrange()
  sim.control.failRequests({ method: 'GET', path: WAIT, status: 408, times: 6 })
  return deployAndCheck(before)
})

scenario('A10', async () => {
  const before = await arrange()
  sim.control.failRequests({ method: 'GET', path: WAIT, status: 503, times: 2 })
  sim.control.failRequests({ method: 'GET', path: WAIT, reset: true })
  return deployAndCheck(before)
})

scenario('A11', async () => {
  const before = await arrange()
  sim.control.failRequests({ method: 'GET', path: LIST, reset: true, times: 2 })
  sim.control.failRequests({ method: 'DELETE', path: LEASE, reset: true })
  return deployAndCheck(before)
})

scenario('A12', async () => {
  const before = await arrange()
  sim.control.failRequests({
    method: 'PATCH',
    path: '/v1/apps/demo/machines/*/metadata',
    status: 503,
    times: 2
  })
  return deployAndCheck(before)
})

scenario('A13', async () => {
  const before = await arrange()
  sim.control.failRequests({
    method: 'GET',
    path: '/v1/platform/regions',
    status: 500,
    times: 2
  })
  sim.control.failRequests({
    method: 'GET',
    path: '/v1/platform/regions',
    status: 429,
    times: 2
  })
  return deployAndCheck(before)
})

scenario('A14', async () => {
  const before = await arrange()
  // More 5xx than the client's 5 attempts: an infrastructure error before any change.
  sim.control.failRequests({
    method: 'GET',
    path: LIST,
    status: 502,
    times: 20
  })
  const err = await deploy(sim, GOOD, SPEC).then(
    () => undefined,
    (e: unknown) => e
  )
  expect(err).toBeInstanceOf(FlyApiError)
  sim.control.clearFaults()
  const machines = expectMachines(sim, before, 'old')
  await expectNoLeases(sim)
  return {
    outcome: `error ${(err as FlyApiError).code} ${(err as FlyApiError).status}`,
    machines,
    state: durableState(sim)
  }
})

scenario('A15', async () => {
  const before = await arrange()
  // Every attempt of one wave-2 machine's first /wait fails: its step fails.
  const lhr = Object.keys(before)
    .filter((id) => before[id]!.region === 'lhr')
    .sort()[0]!
  sim.control.failRequests({
    method: 'GET',
    path: `/v1/apps/demo/machines/${lhr}/wait`,
    status: 500,
    times: 5
  })
  return deployAndCheck(before)
})

scenario('A16', async () => {
  // One machine per region: the canary is a surge machine, created.
  const before = await arrange(1)
  sim.control.failRequests({ method: 'POST', path: LIST, status: 503 })
  return deployAndCheck(before)
})

scenario('A17', async () => {
  const before = await arrange(1)
  sim.control.failRequests({
    method: 'POST',
    path: LIST,
    status: 429,
    times: 3
  })
  return deployAndCheck(before)
})

scenario('A18', async () => {
  const before = await arrange(1)
  // The surge canary is destroyed once its region is promoted: deletes fail first.
  sim.control.failRequests({
    method: 'DELETE',
    path: MACHINE,
    status: 503,
    times: 2
  })
  return deployAndCheck(before)
})

scenario('A19', async () => {
  const before = await arrange()
  sim.control.failRequests({
    method: 'POST',
    path: '/v1/apps/demo/secrets',
    status: 503,
    times: 2
  })
  const { ports, close } = enginePorts(sim)
  const staged = await applySecrets(
    ports,
    'demo',
    [{ name: 'API_KEY', value: 'k3y-value-for-faults' }],
    { mask: () => undefined }
  ).finally(close)
  expect(sim.control.faults()).toEqual([])
  expect(staged.version).toBeGreaterThan(0)
  const { outcome } = await deploy(sim, GOOD, SPEC, {
    minSecretsVersion: staged.version
  })
  const machines = expectMachines(
    sim,
    before,
    outcome.result === 'promoted' ? 'new' : 'old',
    outcome
  )
  await expectNoLeases(sim)
  return { outcome: outcome.result, machines, state: durableState(sim) }
})

scenario('A20', async () => {
  const before = await arrange()
  // A failed canary left as it is (rollback: off), undone later from /versions that fail first.
  const left = await deploy(sim, BAD, SPEC, { rollback: 'off' })
  expect(left.outcome.result).toBe('failed')
  expect(durableState(sim)).toBe('resumable')
  sim.control.failRequests({
    method: 'GET',
    path: '/v1/apps/demo/machines/*/versions',
    status: 503,
    times: 3
  })
  const { ports, close } = enginePorts(sim)
  const r = await rollbackRollout(ports, { app: 'demo' }).finally(close)
  expect(sim.control.faults()).toEqual([])
  const machines = expectMachines(sim, before, 'old')
  await expectNoLeases(sim)
  return {
    outcome: r?.report.complete ? 'rolled-back' : 'rollback-incomplete',
    machines,
    state: durableState(sim)
  }
})
