/**
 * Fault matrix, the action cancelled: the bundled main step (dist/index.js,
 * run as the runner runs it) gets SIGINT mid-bake, then the post step runs
 * with the state main saved. With on-cancel: rollback the post step puts
 * every machine back exactly; with on-cancel: leave it leaves a rollout that
 * `resume` can pick up, the canary on the release and the rest on S₀.
 */
import { afterEach, beforeEach, expect } from 'vitest'
import { prepareResume } from '../../src/orchestrator/resume.js'
import type { Sim } from '../../src/sim/index.js'
import { enginePorts, releaseOf, specOf } from '../helpers/engine.js'
import { runnerDirs, startStep, type RunnerDirs } from '../helpers/runner.js'
import {
  durableState,
  expectMachines,
  expectNoLeases,
  fleetOf,
  GOOD,
  scenario,
  startFleet
} from './harness.js'

/** The canary bakes long enough (30 s) to be cancelled in its bake. */
const SPEC = `waves:
  - name: canary
    regions: [sjc]
    machines: 1
    bake: 30s
  - regions: ["*"]
    bake: 2s
`

let sim: Sim
let dirs: RunnerDirs
beforeEach(async () => {
  sim = await startFleet({ clockScale: 10 })
  dirs = runnerDirs()
})
afterEach(async () => {
  await sim.close()
})

function inputs(onCancel: string): Record<string, string> {
  return {
    'api-token': sim.token,
    app: 'demo',
    image: GOOD,
    'api-url': sim.apiUrl,
    'edge-url': sim.edgeUrl,
    'registry-url': sim.apiUrl,
    'install-flyctl': 'false',
    rollback: 'auto',
    'on-cancel': onCancel,
    'dry-run': 'false',
    'working-directory': '.',
    rollout: SPEC
  }
}

/** cancelInBake runs main, SIGINTs it once the canary is updated, then runs post. */
async function cancelInBake(onCancel: string) {
  const before = fleetOf(sim)
  const main = startStep('index', dirs, inputs(onCancel))
  await expect
    .poll(() => main.stdout(), { timeout: 30_000, interval: 25 })
    .toMatch(/updated \S+ \(sjc\)/)
  main.child.kill('SIGINT')
  await main.exited
  const { state } = main.files()
  expect(state['rollout-id']).toMatch(/^[0-9A-Z]{26}$/)
  const post = startStep('post', dirs, inputs(onCancel), { state })
  const { code } = await post.exited
  const said = /every machine is back as it was/.test(post.stdout())
    ? 'rolled back'
    : /left as it is/.test(post.stdout())
      ? 'left resumable'
      : 'no result'
  return { before, outcome: `post exit ${code}: ${said}` }
}

scenario(
  'X01',
  async () => {
    const { before, outcome } = await cancelInBake('rollback')
    const machines = expectMachines(sim, before, 'old')
    await expectNoLeases(sim, 20_000)
    return { outcome, machines, state: durableState(sim) }
  },
  60_000
)

scenario(
  'X02',
  async () => {
    const { before, outcome } = await cancelInBake('leave')
    const canary = Object.keys(before)
      .filter((id) => before[id]!.region === 'sjc')
      .sort()[0]!
    const target = await releaseOf(sim, GOOD)
    const machines = expectMachines(
      sim,
      before,
      Object.fromEntries(
        Object.keys(before).map((id) => [id, id === canary ? 'new' : 'old'])
      ),
      target
    )
    await expectNoLeases(sim, 20_000)
    // Resumable: the same inputs re-plan it, the canary done, from wave 1.
    const { ports, close } = enginePorts(sim)
    const prepared = await prepareResume(ports, {
      app: 'demo',
      release: target,
      spec: specOf(SPEC)
    }).finally(close)
    expect(prepared).toMatchObject({ fromWave: 0, done: new Set([canary]) })
    return { outcome, machines, state: durableState(sim) }
  },
  60_000
)
