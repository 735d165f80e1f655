import { afterEach, describe, expect, test } from 'vitest'
import type { Sim } from '../../src/sim/index.js'
import { startSim } from '../helpers/sim.js'
import { deploy, liveMachines, releaseOf } from '../helpers/engine.js'
import { defaultMachineConfig } from '../../src/sim/scenarios.js'
import type { MachineConfig } from '../../src/core/types.js'

/** Counts, surge and volumes: rollouts that change the fleet's shape, and undo it. */
const WAVES = `
waves:
  - name: canary
    regions: [sjc]
    machines: 1
    bake: 5s
  - name: home
    regions: [sjc]
    bake: 5s
  - name: rest
    regions: ["*"]
    bake: 5s
`

let sim: Sim
afterEach(async () => {
  await sim.close()
})

describe('fleet shape', () => {
  test('counts create machines by cloning the group config and destroy surplus only after the last wave; a rollback undoes both', async () => {
    sim = await startSim({
      regions: ['sjc', 'lhr', 'syd'],
      apps: [{ name: 'demo', machinesPerRegion: 2 }],
      seed: 5,
      clockScale: 20
    })
    sim.control.setImage('registry.fly.io/demo:v2', { boot: '2s' })
    sim.control.setImage('registry.fly.io/demo:bad', {
      boot: '2s',
      crash: 'after:1s',
      exitCode: 2
    })
    const before = liveMachines(sim)
    const spec = `${WAVES}counts: { sjc: 3, lhr: 1 }\n`

    // A failing release first: the created machine is destroyed, the surplus lhr machine never touched.
    const bad = await deploy(sim, 'registry.fly.io/demo:bad', spec)
    expect(bad.outcome.result).toBe('rolled-back')
    expect(liveMachines(sim)).toEqual(before)

    const { outcome, events } = await deploy(
      sim,
      'registry.fly.io/demo:v2',
      spec
    )
    expect(outcome.result).toBe('promoted')
    const after = liveMachines(sim)
    const byRegion = (r: string) =>
      Object.values(after).filter((m) => m.region === r).length
    expect([byRegion('sjc'), byRegion('lhr'), byRegion('syd')]).toEqual([
      3, 1, 2
    ])
    const created = Object.keys(after).filter((id) => !(id in before))
    expect(created).toHaveLength(1)
    expect(after[created[0]!]!.image).toBe(outcome.digest)
    // The surplus lhr machine was destroyed after the last wave, not before.
    const cleanupAfterLastWave = events.findIndex(
      (e) => e.type === 'wave-done' && e.wave.index === outcome.waves.length - 1
    )
    expect(cleanupAfterLastWave).toBeGreaterThan(0)
    expect(sim.control.outstandingLeases()).toEqual([])
  })

  test('a first rollout onto an app without machines creates them, and completes: the next rollout is not refused as in flight', async () => {
    sim = await startSim({
      regions: ['sjc', 'lhr'],
      apps: [{ name: 'demo', machinesPerRegion: 0 }],
      seed: 8,
      clockScale: 20
    })
    sim.control.setImage('registry.fly.io/demo:v2', { boot: '1s' })
    sim.control.setImage('registry.fly.io/demo:v3', { boot: '1s' })
    const spec =
      'waves:\n  - regions: [sjc, lhr]\n    bake: 0s\ncounts: { sjc: 1, lhr: 1 }\nallow-downtime: true\n'
    const groups = {
      app: defaultMachineConfig(
        'registry.fly.io/demo:v2',
        'sjc'
      ) as MachineConfig
    }

    const first = await deploy(sim, '', spec, {
      primaryRegion: 'sjc',
      release: await releaseOf(sim, 'registry.fly.io/demo:v2', groups)
    })
    expect(first.outcome.result).toBe('promoted')
    expect(Object.keys(liveMachines(sim))).toHaveLength(2)

    const second = await deploy(sim, '', spec, {
      primaryRegion: 'sjc',
      release: await releaseOf(sim, 'registry.fly.io/demo:v3', groups)
    })
    expect(second.outcome.result).toBe('promoted')
    const after = Object.values(liveMachines(sim))
    expect(after.map((m) => m.image)).toEqual([
      second.outcome.digest,
      second.outcome.digest
    ])
  })

  test('a one-machine primary region gets a surge canary, which is destroyed once the region is promoted', async () => {
    sim = await startSim({
      regions: ['sjc', 'lhr'],
      apps: [{ name: 'demo', regions: ['sjc', 'lhr'], machinesPerRegion: 1 }],
      seed: 5,
      clockScale: 20
    })
    sim.control.setImage('registry.fly.io/demo:v2', { boot: '2s' })
    const before = liveMachines(sim)

    const { outcome, events } = await deploy(
      sim,
      'registry.fly.io/demo:v2',
      WAVES.replace('bake: 5s\n  - name: rest', 'bake: 5s\n  - name: rest')
    )

    expect(outcome.result).toBe('promoted')
    const firstStep = events.find((e) => e.type === 'step')
    expect(firstStep?.type === 'step' && firstStep.step.action).toBe('+')
    const after = liveMachines(sim)
    // Same machines as before (the surge is gone), all on the release, all started.
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort())
    expect(
      Object.values(after).every(
        (m) => m.image === outcome.digest && m.state === 'started'
      )
    ).toBe(true)
  })

  test('a machine keeps its volume across the rollout, and a new machine gets a new volume of the same size', async () => {
    sim = await startSim({ regions: ['sjc'], seed: 5, clockScale: 20 })
    sim.control.setImage('registry.fly.io/demo:v2', { boot: '2s' })
    const h = {
      authorization: `Bearer ${sim.token}`,
      'content-type': 'application/json'
    }
    await fetch(`${sim.apiUrl}/v1/apps`, {
      method: 'POST',
      headers: h,
      body: JSON.stringify({ name: 'demo', org_slug: 'personal' })
    })
    const ids: string[] = []
    for (let i = 0; i < 2; i++) {
      const vol = (await (
        await fetch(`${sim.apiUrl}/v1/apps/demo/volumes`, {
          method: 'POST',
          headers: h,
          body: JSON.stringify({ name: 'data', region: 'sjc', size_gb: 3 })
        })
      ).json()) as { id: string }
      const config = {
        ...defaultMachineConfig('registry.fly.io/demo:v1', 'sjc'),
        mounts: [{ volume: vol.id, path: '/data', name: 'data', size_gb: 3 }]
      }
      const m = (await (
        await fetch(`${sim.apiUrl}/v1/apps/demo/machines`, {
          method: 'POST',
          headers: h,
          body: JSON.stringify({ config, region: 'sjc' })
        })
      ).json()) as { id: string }
      ids.push(m.id)
    }
    await sim.control.advance('5s')
    const release = await releaseOf(sim, 'registry.fly.io/demo:v2', {
      app: {
        ...defaultMachineConfig('', 'sjc'),
        mounts: [{ path: '/data', name: 'data', size_gb: 3 }]
      }
    })

    const { outcome } = await deploy(
      sim,
      '',
      'waves:\n  - regions: [sjc]\n    bake: 5s\ncounts: { sjc: 3 }\n',
      { release }
    )

    expect(outcome.result).toBe('promoted')
    const snap = sim.control.snapshotWorld().apps[0]!
    const mounts = Object.fromEntries(
      snap.machines
        .filter((m) => m.state !== 'destroyed')
        .map((m) => [
          m.id,
          (m.config as { mounts: { volume: string }[] }).mounts[0]!.volume
        ])
    )
    expect(Object.keys(mounts)).toHaveLength(3)
    for (const id of ids)
      expect(
        snap.volumes.find((v) => v.id === mounts[id])?.attachedMachineId
      ).toBe(id)
    expect(snap.volumes.map((v) => v.sizeGb)).toEqual([3, 3, 3])
  })
})
