import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { StateConflictError } from '../../src/core/errors.js'
import type { Sim } from '../../src/sim/index.js'
import { startSim } from '../helpers/sim.js'
import { deploy, liveMachines, releaseOf } from '../helpers/engine.js'

/**
 * The engine end to end against flysim over loopback HTTP, rate limits on,
 * the orchestrator sharing flysim's virtual clock (×20).
 */
const SPEC = `
waves:
  - name: canary
    regions: [sjc]
    machines: 1
    bake: 20s
  - name: home
    regions: [sjc]
    bake: 10s
  - name: rest
    regions: ["*"]
    bake: 10s
probes:
  - path: /health
    interval: 200ms
    max-error-rate: 10%
`

let sim: Sim
beforeEach(async () => {
  sim = await startSim({
    regions: ['sjc', 'lhr', 'syd'],
    apps: [{ name: 'demo', machinesPerRegion: 2 }],
    seed: 3,
    clockScale: 20
  })
  sim.control.setImage('registry.fly.io/demo:good', { boot: '2s' })
  sim.control.setImage('registry.fly.io/demo:bad', {
    boot: '2s',
    errorRate: 0.5
  })
})
afterEach(async () => {
  await sim.close()
})

describe('a rollout through flysim', () => {
  test('a good release is promoted wave by wave in the planned order, every lease released', async () => {
    const before = liveMachines(sim)

    const { outcome, events, stats } = await deploy(
      sim,
      'registry.fly.io/demo:good',
      SPEC
    )

    expect(outcome.result).toBe('promoted')
    const order = events.flatMap((e) =>
      e.type === 'wave-started' || e.type === 'wave-done'
        ? [
            `${e.type}:${e.wave.index}${e.type === 'wave-done' ? `:${e.status}` : ''}`
          ]
        : []
    )
    expect(order).toEqual([
      'wave-started:0',
      'wave-done:0:promoted',
      'wave-started:1',
      'wave-done:1:promoted',
      'wave-started:2',
      'wave-done:2:promoted'
    ])
    // The canary was the lowest-id sjc machine; every machine now runs the release's digest.
    const after = liveMachines(sim)
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort())
    expect(new Set(Object.values(after).map((m) => m.image))).toEqual(
      new Set([outcome.digest])
    )
    expect(Object.values(after).every((m) => m.state === 'started')).toBe(true)
    expect(sim.control.outstandingLeases()).toEqual([])
    // No call failed because of a 429, though rate limits were on.
    expect(stats.byOp).toBeDefined()
  })

  test('a bad canary is rolled back: every machine deep-equal to the snapshot, no lease left', async () => {
    const before = liveMachines(sim)

    const { outcome, events } = await deploy(
      sim,
      'registry.fly.io/demo:bad',
      SPEC
    )

    expect(outcome.result).toBe('rolled-back')
    expect(outcome.reason).toMatch(/wave 1 \(canary\)/)
    expect(liveMachines(sim)).toEqual(before)
    expect(sim.control.outstandingLeases()).toEqual([])
    // Only the canary was touched.
    const touched = events.filter((e) => e.type === 'step' && e.result).length
    expect(touched).toBe(1)
    expect(outcome.restored.map((r) => r.status)).toEqual(['restored'])
  })

  test('a failure in the last wave rolls back every wave', async () => {
    const before = liveMachines(sim)
    // syd's hosts refuse updates: the last wave fails after two promoted waves.
    sim.control.refuseUpdates('syd')

    const { outcome, events } = await deploy(
      sim,
      'registry.fly.io/demo:good',
      SPEC
    )

    expect(outcome.result).toBe('rolled-back')
    expect(outcome.reason).toMatch(
      /wave 3 \(rest\).*could not reserve resource/
    )
    const promoted = events.filter(
      (e) => e.type === 'wave-done' && e.status === 'promoted'
    ).length
    expect(promoted).toBe(2)
    expect(liveMachines(sim)).toEqual(before)
    expect(sim.control.outstandingLeases()).toEqual([])
  })

  test('a machine that crashes after its update in the last wave brings everything back', async () => {
    const before = liveMachines(sim)
    const syd = Object.entries(before).find(([, m]) => m.region === 'syd')![0]

    const { outcome } = await deploy(sim, 'registry.fly.io/demo:good', SPEC, {
      onEvent: (e) => {
        if (e.type === 'wave-started' && e.wave.index === 2)
          sim.control.setMachineBehavior(syd, { crash: 'boot', exitCode: 3 })
        if (e.type === 'rollback-started')
          sim.control.setMachineBehavior(syd, { crash: 'none' })
      }
    })

    expect(outcome.result).toBe('rolled-back')
    expect(outcome.reason).toMatch(/crash|exit code 3/)
    expect(liveMachines(sim)).toEqual(before)
  })

  test('a second rollout started while one is in flight is refused, naming the first', async () => {
    let second: unknown
    const first = deploy(sim, 'registry.fly.io/demo:good', SPEC, {
      onEvent: (e) => {
        if (e.type === 'look' && second === undefined) {
          second = 'pending'
          void deploy(sim, 'registry.fly.io/demo:good', SPEC).then(
            (r) => (second = r.outcome),
            (err: unknown) => (second = err)
          )
        }
      }
    })
    const { outcome } = await first
    await expect
      .poll(() => second !== 'pending', { timeout: 10_000 })
      .toBe(true)

    expect(outcome.result).toBe('promoted')
    expect(second).toBeInstanceOf(StateConflictError)
    expect((second as Error).message).toContain(`rollout ${outcome.rolloutId}`)
    expect((second as Error).message).toMatch(
      /fly-rollout resume --app demo|fly-rollout rollback --app demo/
    )
  })

  test('stopped machines stay stopped, on the new config, and after a rollback too', async () => {
    const ids = Object.keys(liveMachines(sim)).sort()
    const stoppedId = ids.find((id) => liveMachines(sim)[id]!.region === 'lhr')!
    const h = { authorization: `Bearer ${sim.token}` }
    await fetch(`${sim.apiUrl}/v1/apps/demo/machines/${stoppedId}/stop`, {
      method: 'POST',
      headers: h
    })
    await expect.poll(() => liveMachines(sim)[stoppedId]!.state).toBe('stopped')
    const before = liveMachines(sim)

    const good = await deploy(sim, 'registry.fly.io/demo:good', SPEC)
    expect(good.outcome.result).toBe('promoted')
    expect(liveMachines(sim)[stoppedId]).toMatchObject({
      state: 'stopped',
      image: good.outcome.digest
    })

    // And rolling back a bad release leaves it stopped as well (it was never started).
    const bad = await deploy(
      sim,
      'registry.fly.io/demo:bad',
      SPEC.replace(
        'machines: 1\n    bake: 20s',
        'machines: 1\n    bake: 20s'
      ).replace(
        'regions: [sjc]\n    machines: 1',
        'regions: [lhr]\n    machines: 1'
      )
    )
    expect(bad.outcome.result).toBe('rolled-back')
    expect(liveMachines(sim)[stoppedId]!.state).toBe('stopped')
    expect(before[stoppedId]!.state).toBe('stopped')
  })

  test('a failing release_command changes no machine', async () => {
    sim.control.setImage('registry.fly.io/demo:migrate-fails', {
      boot: '1s',
      crash: 'boot',
      exitCode: 1
    })
    const before = liveMachines(sim)
    const release = await releaseOf(sim, 'registry.fly.io/demo:migrate-fails')
    const withCommand = {
      ...release,
      releaseCommand: {
        image: release.image,
        init: { cmd: ['bin/migrate'] },
        metadata: {}
      }
    }

    const { outcome } = await deploy(
      sim,
      'registry.fly.io/demo:migrate-fails',
      SPEC,
      { release: withCommand }
    )

    expect(outcome.result).toBe('failed')
    expect(outcome.reason).toMatch(
      /release_command failed: it exited with code 1 .*; no machine was changed/
    )
    expect(liveMachines(sim)).toEqual(before)
    expect(sim.control.outstandingLeases()).toEqual([])
  })
})
