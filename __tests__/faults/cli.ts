/**
 * The CLI killed in each phase of a rollout: `dist/cli.js` (bundled by the
 * global setup) run as its own process against flysim (×10; the CLI keeps
 * real time), SIGKILLed — no cleanup at all — once the rollout is provably
 * in the phase: planned, updating (the canary's update applied, its /wait
 * stalled), baking (the first look printed), or rolling back (the canary
 * marked, its restore stalled). A new process then resumes or rolls back.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { join } from 'node:path'
import { expect } from 'vitest'
import type { Sim } from '../../src/sim/index.js'
import { watchChild } from '../helpers/cli.js'
import { releaseOf } from '../helpers/engine.js'
import { fleetOf, type Fleet, type Target } from './harness.js'

export type Phase = 'plan' | 'update' | 'bake' | 'rollback'

export const CLI_SPEC = `machine-deadline: 30s
waves:
  - name: canary
    regions: [sjc]
    machines: 1
    bake: 2s
  - name: rest
    regions: ["*"]
    bake: 2s
`
/** The image a phase deploys: one that fails at boot when the kill must come during the rollback. */
export const CLI_GOOD = 'registry.fly.io/demo:v2'
export const CLI_CRASHING = 'registry.fly.io/demo:crashing'

export interface CliRun {
  child: ChildProcess
  out: () => string
  exited: Promise<number | null>
}

/** cli runs `node <dist>/cli.js …args` against the sim. */
export function cli(sim: Sim, args: string[]): CliRun {
  const dist = process.env.FLY_ROLLOUT_TEST_DIST
  if (!dist)
    throw new Error('FLY_ROLLOUT_TEST_DIST is not set: run through vitest')
  const child = spawn(
    process.execPath,
    [
      join(dist, 'cli.js'),
      ...args,
      '--api-url',
      sim.apiUrl,
      '--edge-url',
      sim.edgeUrl,
      '--registry-url',
      sim.apiUrl
    ],
    {
      env: { ...process.env, FLY_API_TOKEN: sim.token },
      stdio: ['ignore', 'pipe', 'pipe']
    }
  )
  watchChild(`cli ${args[0]}`, child, { FLY_API_TOKEN: sim.token })
  let out = ''
  child.stdout!.on('data', (c) => (out += c))
  child.stderr!.on('data', (c) => (out += c))
  const exited = once(child, 'exit').then(([code]) => code as number | null)
  return { child, out: () => out, exited }
}

const args = (image: string) => [
  '--app',
  'demo',
  '--image',
  image,
  '--rollout',
  CLI_SPEC
]

export const deployArgs = (image: string) => ['deploy', ...args(image)]
export const resumeArgs = (image: string) => ['resume', ...args(image)]
export const rollbackArgs = ['rollback', '--app', 'demo']

/** inFlight is true once a request matching `re` was received and not yet answered. */
function inFlight(sim: Sim, method: string, re: RegExp): boolean {
  return sim.control
    .requests()
    .some((q) => q.method === method && re.test(q.path) && q.status === 0)
}

/**
 * killIn starts a deploy and SIGKILLs it in `phase`; returns S₀, the image
 * deployed and the release it pins to.
 */
export async function killIn(
  sim: Sim,
  phase: Phase
): Promise<{ before: Fleet; image: string; target: Target }> {
  sim.control.setImage(CLI_GOOD, { boot: '1s' })
  sim.control.setImage(CLI_CRASHING, { boot: '1s', crash: 'boot', exitCode: 3 })
  const before = fleetOf(sim)
  const canary = Object.keys(before)
    .filter((id) => before[id]!.region === 'sjc')
    .sort()[0]!
  const image = phase === 'rollback' ? CLI_CRASHING : CLI_GOOD
  const target = await releaseOf(sim, image)
  const lease = /\/machines\/[^/]+\/lease$/
  if (phase === 'plan')
    sim.control.failRequests({
      method: 'POST',
      path: '/v1/apps/demo/machines/*/lease',
      delay: '10m'
    })
  if (phase === 'update')
    sim.control.failRequests({
      method: 'GET',
      path: `/v1/apps/demo/machines/${canary}/wait`,
      delay: '10m'
    })
  if (phase === 'rollback')
    sim.control.failRequests({
      method: 'PATCH',
      path: '/v1/apps/demo/machines/*/metadata',
      delay: '20s'
    })
  const run = cli(sim, deployArgs(image))
  const poll = (fn: () => unknown) =>
    expect.poll(fn, { timeout: 30_000, interval: 25 }).toBe(true)
  if (phase === 'plan') {
    await poll(
      () => /rollout \S+: demo/.test(run.out()) && inFlight(sim, 'POST', lease)
    )
  } else if (phase === 'update') {
    await poll(() => inFlight(sim, 'GET', new RegExp(`${canary}/wait$`)))
  } else if (phase === 'bake') {
    await poll(() => /wave 1 \(canary\)[\s\S]*look:/.test(run.out()))
  } else {
    // The rollback's first step (marking the canary) is stalled: stall its restore's lease too.
    await poll(() => inFlight(sim, 'PATCH', /\/metadata$/))
    sim.control.failRequests({
      method: 'POST',
      path: `/v1/apps/demo/machines/${canary}/lease`,
      delay: '10m'
    })
    await poll(() => inFlight(sim, 'POST', new RegExp(`${canary}/lease$`)))
  }
  run.child.kill('SIGKILL')
  await run.exited
  expect(run.out()).not.toMatch(/result:/)
  sim.control.clearFaults()
  return { before, image, target }
}

/** lastLine is the CLI's result line, for the observed outcome. */
export function resultOf(out: string): string {
  const m = /result: (\S+)/.exec(out)
  if (m) return m[1]!
  if (/no interrupted rollout/.test(out)) return 'nothing to resume'
  if (/no rollout to roll back/.test(out)) return 'nothing to roll back'
  return 'no result'
}
