import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { StateConflictError } from '../../src/core/errors.js'
import { configHash } from '../../src/core/normalize.js'
import type { MachineConfig } from '../../src/core/types.js'
import {
  runRedeploy,
  type RedeployRunInput
} from '../../src/orchestrator/redeploy.js'
import type { RolloutEvent } from '../../src/orchestrator/run-rollout.js'
import type { Sim } from '../../src/sim/index.js'
import { startSim } from '../helpers/sim.js'
import { deploy, enginePorts, liveMachines, specOf } from '../helpers/engine.js'
import { leaks } from '../helpers/leak-collector.js'

/**
 * Redeploys end to end against flysim in-process, on its clock (×20): the
 * same engine as a rollout, every machine restarted, drift repaired.
 */
const SPEC = `
waves:
  - name: canary
    regions: [sjc]
    machines: 1
    bake: 2s
  - name: rest
    regions: ["*"]
    bake: 2s
`

let sim: Sim
beforeEach(async () => {
  sim = await startSim({
    regions: ['sjc', 'lhr'],
    apps: [{ name: 'demo', machinesPerRegion: 2 }],
    seed: 11,
    clockScale: 20
  })
  sim.control.setImage('registry.fly.io/demo:good', { boot: '1s' })
  sim.control.setImage('registry.fly.io/demo:crash', {
    boot: '1s',
    crash: 'boot',
    exitCode: 1
  })
})
afterEach(async () => {
  await sim.close()
})

async function redeploy(yaml: string, extra: Partial<RedeployRunInput> = {}) {
  const spec = specOf(yaml)
  const { ports, close } = enginePorts(sim, spec)
  const events: RolloutEvent[] = []
  leaks().text('redeploy events', () => JSON.stringify(events))
  try {
    const result = await runRedeploy(ports, {
      app: 'demo',
      spec,
      onEvent: (e) => events.push(e),
      ...extra
    })
    leaks().text('redeploy result', () => JSON.stringify(result))
    return { result, events }
  } catch (e) {
    leaks().error('redeploy error', e)
    throw e
  } finally {
    close()
  }
}

/** machines reads each live machine's version, digest, config hash and region. */
function machines(): Record<
  string,
  {
    version: string
    digest: string
    hash: string
    region: string
    config: MachineConfig
  }
> {
  const app = sim.control.snapshotWorld().apps.find((a) => a.name === 'demo')!
  return Object.fromEntries(
    app.machines
      .filter((m) => m.state !== 'destroyed')
      .map((m) => [
        m.id,
        {
          version: m.instanceId,
          digest: m.imageDigest,
          hash: configHash(m.config as MachineConfig),
          region: m.region,
          config: m.config as MachineConfig
        }
      ])
  )
}

describe('redeploy through flysim', () => {
  test('an unchanged app restarts every machine onto the same digest, wave by wave: new versions, same config hashes', async () => {
    const first = await deploy(sim, 'registry.fly.io/demo:good', SPEC)
    expect(first.outcome.result).toBe('promoted')
    const before = machines()

    const { result, events } = await redeploy(SPEC)

    expect(result.outcome.result).toBe('promoted')
    expect(result.imageChange).toBe(false)
    expect(result.drift.items).toEqual([])
    expect(result.repaired).toEqual([])
    expect(result.text).toContain('no image change')
    expect(result.outcome.digest).toBe(first.outcome.digest)
    const after = machines()
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort())
    for (const [id, m] of Object.entries(after)) {
      expect(m.version).not.toBe(before[id]!.version)
      expect(m.digest).toBe(before[id]!.digest)
      expect(m.hash).toBe(before[id]!.hash)
    }
    const order = events.flatMap((e) =>
      e.type === 'wave-started'
        ? [`start:${e.wave.index}`]
        : e.type === 'wave-done'
          ? [`done:${e.wave.index}:${e.status}`]
          : e.type === 'step' && e.result?.ok
            ? [`step:${e.step.action === '~' ? e.step.machineId : '+'}`]
            : []
    )
    const canary = Object.entries(before)
      .filter(([, m]) => m.region === 'sjc')
      .map(([id]) => id)
      .sort()[0]!
    expect(order.slice(0, 3)).toEqual([
      'start:0',
      `step:${canary}`,
      'done:0:promoted'
    ])
    expect(order.at(-1)).toBe('done:1:promoted')
    expect(order.filter((x) => x.startsWith('step:')).length).toBe(4)
    expect(sim.control.outstandingLeases()).toEqual([])
  })

  test('a machine changed out of band is detected and put back on the config its group shares', async () => {
    const first = await deploy(sim, 'registry.fly.io/demo:good', SPEC)
    expect(first.outcome.result).toBe('promoted')
    const before = machines()
    const victim = Object.keys(before)
      .filter((id) => before[id]!.region === 'lhr')
      .sort()[0]!
    const { ports, close } = enginePorts(sim)
    const current = await ports.machines.get('demo', victim)
    await ports.machines.update('demo', victim, {
      config: {
        ...current.config,
        env: { ...current.config.env, LOG_LEVEL: 'debug' }
      },
      currentVersion: current.version
    })
    close()
    await expect
      .poll(() => liveMachines(sim)[victim]!.state, { timeout: 10_000 })
      .toBe('started')

    const { result } = await redeploy(SPEC)

    expect(result.drift.items.map((i) => `${i.kind}:${i.subject}`)).toEqual([
      `config:${victim}`
    ])
    expect(result.drift.items[0]!.from).toBe(before[victim]!.hash)
    expect(result.drift.items[0]!.detail).toContain('env +LOG_LEVEL')
    expect(result.configSource).toBe('fleet')
    expect(result.outcome.result).toBe('promoted')
    expect(result.repaired).toEqual([victim])
    expect(result.text).toMatch(
      new RegExp(`config +${victim} .*env \\+LOG_LEVEL.*\\[repaired\\]`)
    )
    const after = machines()
    expect(after[victim]!.config.env).not.toHaveProperty('LOG_LEVEL')
    expect(after[victim]!.hash).toBe(before[victim]!.hash)
  })

  test('a pool below counts gets a machine; the app was never deployed by fly-rollout (its tag is pinned)', async () => {
    const before = liveMachines(sim)
    const digest = Object.values(before)[0]!.image

    const { result } = await redeploy(`${SPEC}counts: { sjc: 3 }\n`)

    expect(result.drift.items.map((i) => `${i.kind}:${i.subject}`)).toEqual([
      'pool:sjc/app'
    ])
    expect(result.outcome.result).toBe('promoted')
    expect(result.repaired).toEqual(['sjc/app'])
    const after = liveMachines(sim)
    const inSjc = Object.values(after).filter((m) => m.region === 'sjc')
    expect(inSjc.length).toBe(3)
    expect(new Set(Object.values(after).map((m) => m.image))).toEqual(
      new Set([digest])
    )
    for (const m of Object.values(after))
      expect(JSON.parse(m.config).image).toMatch(/@sha256:[0-9a-f]{64}$/)
  })

  test('a rollout left in flight is rolled back first, never pushed forward', async () => {
    const before = liveMachines(sim)
    const good = Object.values(before)[0]!.image
    const left = await deploy(sim, 'registry.fly.io/demo:crash', SPEC, {
      rollback: 'off'
    })
    expect(left.outcome.result).toBe('failed')

    const { result } = await redeploy(SPEC)

    expect(result.recovered?.rolloutId).toBe(left.outcome.rolloutId)
    expect(result.recovered?.report.complete).toBe(true)
    expect(result.drift.items[0]).toMatchObject({
      kind: 'in-flight',
      subject: left.outcome.rolloutId,
      to: 'in-flight'
    })
    expect(result.repaired).toContain(left.outcome.rolloutId)
    expect(result.text).toContain(
      `rolled back rollout ${left.outcome.rolloutId} (left in flight) first`
    )
    expect(result.outcome.result).toBe('promoted')
    expect(result.outcome.digest).toBe(good)
    const after = liveMachines(sim)
    expect(new Set(Object.values(after).map((m) => m.image))).toEqual(
      new Set([good])
    )
    expect(Object.values(after).every((m) => m.state === 'started')).toBe(true)
  })

  test('a rollout still running is not rolled back from under it', async () => {
    const long = SPEC.replace('bake: 2s', 'bake: 90s')
    let second: unknown = 'not started'
    const first = deploy(sim, 'registry.fly.io/demo:good', long, {
      onEvent: (e) => {
        if (e.type === 'look' && second === 'not started') {
          second = 'pending'
          void redeploy(SPEC).then(
            (r) => (second = r.result),
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
    expect((second as Error).message).toMatch(
      new RegExp(`rollout ${outcome.rolloutId} is running now on demo`)
    )
  })
})
