import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import type { Sim } from '../../src/sim/index.js'
import { startSim } from '../helpers/sim.js'
import { watchChild } from '../helpers/cli.js'
import { liveMachines } from '../helpers/engine.js'

/**
 * The CLI as separate processes against one flysim: a deploy killed mid-wave
 * (SIGKILL: no cleanup at all), then `rollback` or `resume` from a new
 * process. Machine checks decide each wave (no probes), so the bakes are
 * short and exact; flysim runs ×10 faster than the CLI's real clock.
 */
const SPEC = `
waves:
  - name: canary
    regions: [sjc]
    machines: 1
    bake: 2s
  - name: home
    regions: [sjc]
    bake: 2s
  - name: rest
    regions: ["*"]
    bake: 2s
`

let sim: Sim
let before: ReturnType<typeof liveMachines>
beforeEach(async () => {
  sim = await startSim({
    regions: ['sjc', 'lhr', 'syd'],
    apps: [{ name: 'demo', machinesPerRegion: 2 }],
    seed: 11,
    clockScale: 10
  })
  sim.control.setImage('registry.fly.io/demo:v2', { boot: '2s' })
  before = liveMachines(sim)
})
afterEach(async () => {
  await sim.close()
})

function cli(args: string[]): {
  child: ChildProcess
  out: () => string
  err: () => string
  exited: Promise<number>
} {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli/index.ts',
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
  watchChild(`fly-rollout ${args[0]}`, child, { FLY_API_TOKEN: sim.token })
  let out = ''
  let err = ''
  child.stdout!.on('data', (c) => (out += c))
  child.stderr!.on('data', (c) => (err += c))
  const exited = once(child, 'exit').then(([code]) => code as number)
  return { child, out: () => out, err: () => err, exited }
}

const deployArgs = [
  'deploy',
  '--app',
  'demo',
  '--image',
  'registry.fly.io/demo:v2',
  '--rollout',
  SPEC
]

async function killDuringWave2(): Promise<string> {
  const run = cli(deployArgs)
  await expect
    .poll(() => run.out(), { timeout: 60_000, interval: 50 })
    .toMatch(/wave 2 \(home\): updating/)
  run.child.kill('SIGKILL')
  await run.exited
  return run.out()
}

describe('a deploy killed mid-wave', () => {
  test('is undone by `fly-rollout rollback` from a new process: every machine exactly as before', async () => {
    const out = await killDuringWave2()
    expect(out).toMatch(/wave 1 \(canary\): promoted/)
    // The canary at least runs the new release, and carries the rollout's marks.
    expect(
      Object.values(liveMachines(sim)).some(
        (m, i) => m.image !== Object.values(before)[i]!.image
      )
    ).toBe(true)

    const rb = cli(['rollback', '--app', 'demo'])
    const code = await rb.exited

    expect(rb.err()).not.toMatch(/\n\s+at /)
    if (code !== 2) console.log(rb.out(), rb.err())
    expect(code).toBe(2)
    expect(rb.out()).toMatch(/result: rolled-back/)
    expect(liveMachines(sim)).toEqual(before)
    await expect
      .poll(() => sim.control.outstandingLeases(), { timeout: 30_000 })
      .toEqual([])
  }, 120_000)

  test('is finished by `fly-rollout resume` with the same inputs: every machine on the release', async () => {
    await killDuringWave2()

    const status = cli(['status', '--app', 'demo'])
    expect(await status.exited).toBe(0)
    expect(status.out()).toMatch(/is in flight/)

    const again = cli(deployArgs)
    expect(await again.exited).toBe(1)
    expect(again.err()).toMatch(
      /in flight on demo.*fly-rollout resume --app demo/
    )

    const resumed = cli([
      'resume',
      '--app',
      'demo',
      '--image',
      'registry.fly.io/demo:v2',
      '--rollout',
      SPEC
    ])
    const code = await resumed.exited

    expect(resumed.err()).not.toMatch(/\n\s+at /)
    expect(code).toBe(0)
    expect(resumed.out()).toMatch(/result: promoted/)
    const after = liveMachines(sim)
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort())
    expect(new Set(Object.values(after).map((m) => m.image)).size).toBe(1)
    expect(Object.values(after)[0]!.image).not.toBe(
      Object.values(before)[0]!.image
    )
    expect(Object.values(after).every((m) => m.state === 'started')).toBe(true)
  }, 120_000)

  test('resume with other inputs is refused, naming the rollout', async () => {
    sim.control.setImage('registry.fly.io/demo:v3', { boot: '2s' })
    await killDuringWave2()

    const resumed = cli([
      'resume',
      '--app',
      'demo',
      '--image',
      'registry.fly.io/demo:v3',
      '--rollout',
      SPEC
    ])
    expect(await resumed.exited).toBe(1)
    expect(resumed.err()).toMatch(
      /deploys release .* but these inputs make release/
    )
  }, 120_000)
})
