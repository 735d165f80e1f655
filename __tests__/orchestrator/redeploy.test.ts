import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { StateConflictError } from '../../src/core/errors.js'
import { KEY } from '../../src/core/metadata.js'
import { isNoop, planSteps, type UpdateStep } from '../../src/core/plan.js'
import { planRollout } from '../../src/core/planner.js'
import { makeRelease } from '../../src/core/release.js'
import {
  planRedeploy,
  renderRedeployPlanText
} from '../../src/orchestrator/redeploy.js'
import { startSim, type Sim } from '../../src/sim/index.js'
import {
  ALL_REGIONS,
  DIGEST_V1,
  fleet,
  s0,
  spec as specFrom
} from '../../__fixtures__/builders.js'
import { enginePorts, liveMachines, specOf } from '../helpers/engine.js'

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

describe('force in the planner', () => {
  const machines = fleet({ sjc: 2, lhr: 2 })
  // An image-only release of the image the machines already run: nothing changes.
  const same = makeRelease({
    image: machines[0]!.config.image!,
    digest: DIGEST_V1
  })
  const plan = (force?: boolean) =>
    planRollout({
      rolloutId: 'R1',
      snapshot: s0(machines),
      release: same,
      spec: specFrom(SPEC),
      primaryRegion: 'sjc',
      regions: ALL_REGIONS,
      force
    })

  test('without force, a release of what runs is a no-op and its steps carry no force', () => {
    const p = plan()
    expect(isNoop(p)).toBe(true)
    expect(planSteps(p).some((s) => 'force' in s)).toBe(false)
  })

  test('with force, every update is kept and marked: same hashes, not a no-op', () => {
    const p = plan(true)
    const updates = planSteps(p).filter(
      (s): s is UpdateStep => s.action === '~'
    )
    expect(updates.map((s) => s.machineId).sort()).toEqual(
      machines.map((m) => m.id).sort()
    )
    expect(updates.every((s) => s.force === true)).toBe(true)
    expect(updates.every((s) => s.fromHash === s.toHash)).toBe(true)
    expect(isNoop(p)).toBe(false)
  })

  test('the plan text shows forced steps as restarts', () => {
    const text = renderRedeployPlanText(plan(true))
    for (const m of machines)
      expect(text).toContain(
        `↻ restart  ${m.id}  ${m.region}  app  same config and image`
      )
    expect(text).toContain('Plan: 4 to restart, 0 to update, 0 to create')
    expect(text).not.toContain('unchanged')
  })
})

describe('planRedeploy through flysim', () => {
  let sim: Sim
  beforeEach(async () => {
    sim = await startSim({
      regions: ['sjc', 'lhr'],
      apps: [{ name: 'demo', machinesPerRegion: 2 }],
      seed: 13,
      clockScale: 20
    })
  })
  afterEach(async () => {
    await sim.close()
  })

  async function plan(
    input: Partial<Parameters<typeof planRedeploy>[1]> = {},
    yaml = SPEC
  ) {
    const spec = specOf(yaml)
    const { ports, close } = enginePorts(sim, spec)
    try {
      return await planRedeploy(ports, { app: 'demo', spec, ...input })
    } finally {
      close()
    }
  }

  test('R is the running digest, pinned; every machine restarts; nothing changes', async () => {
    const before = liveMachines(sim)
    const digest = Object.values(before)[0]!.image

    const p = await plan()

    expect(p.release!.digest).toBe(digest)
    expect(p.release!.image).toMatch(
      new RegExp(`^registry\\.fly\\.io/demo@${digest}$`)
    )
    expect(p.imageChange).toBe(false)
    expect(p.configSource).toBe('image-only')
    expect(p.drift.digestSource).toBe('majority')
    expect(p.text).toContain(`no image change: ${digest}`)
    const updates = planSteps(p.plan!).filter((s) => s.action === '~')
    expect(updates.length).toBe(4)
    expect(updates.every((s) => s.action === '~' && s.force)).toBe(true)
    expect(liveMachines(sim)).toEqual(before)
  })

  test('fly.toml configs, when given, are R’s config with the running image', async () => {
    const before = liveMachines(sim)
    const config = JSON.parse(Object.values(before)[0]!.config)
    config.env = { ...config.env, FEATURE: 'on' }

    const p = await plan({ groups: { app: config } })

    expect(p.configSource).toBe('fly.toml')
    expect(p.release!.groups.app!.image).toBe(p.release!.image)
    expect(p.text).toContain('env +FEATURE')
  })

  test('a rebuilt image is rolled out instead, and the plan says so', async () => {
    const rebuilt = sim.control.setImage('registry.fly.io/demo:rebuilt')

    const p = await plan({
      rebuild: { image: 'registry.fly.io/demo:rebuilt', digest: rebuilt.digest }
    })

    expect(p.imageChange).toBe(true)
    expect(p.release!.image).toBe(`registry.fly.io/demo@${rebuilt.digest}`)
    expect(p.text).toMatch(/image rebuilt: sha256:\w+ .*→ sha256:\w+/)
  })

  test('machines on other images: the majority wins, the odd one is drift', async () => {
    const before = liveMachines(sim)
    const [odd] = Object.keys(before).sort()
    await moveImage(odd!, 'registry.fly.io/demo:other')

    const p = await plan()

    expect(p.release!.digest).toBe(before[odd!]!.image)
    expect(p.drift.items.map((i) => `${i.kind}:${i.subject}`)).toEqual([
      `image:${odd}`
    ])
  })

  test('machines split evenly with no marks to decide: refused, naming both images', async () => {
    const ids = Object.keys(liveMachines(sim)).sort()
    await moveImage(ids[0]!, 'registry.fly.io/demo:other')
    await moveImage(ids[1]!, 'registry.fly.io/demo:other')

    const err = await plan().catch((e: unknown) => e)

    expect(err).toBeInstanceOf(StateConflictError)
    expect((err as Error).message).toMatch(
      /machines of demo run different images \(sha256:\w+ on \w+, \w+; sha256:\w+ on \w+, \w+\) and no rollout marks say which is right/
    )
  })

  test('a rollout left in flight is reported; the plan waits for its rollback', async () => {
    const [id] = Object.keys(liveMachines(sim)).sort()
    const { ports, close } = enginePorts(sim)
    await ports.machines.setMetadata('demo', id!, {
      [KEY.id]: '01JZZZZZZZZZZZZZZZZZZZZZZZ'
    })
    close()

    const p = await plan()

    expect(p.inFlight).toEqual({
      rolloutId: '01JZZZZZZZZZZZZZZZZZZZZZZZ',
      rollingBack: false,
      machines: [id]
    })
    expect(p.plan).toBeUndefined()
    expect(p.release).toBeUndefined()
    expect(p.text).toContain(
      'rollout 01JZZZZZZZZZZZZZZZZZZZZZZZ is in flight: the redeploy rolls it back first (never forward)'
    )
    expect(p.drift.items[0]).toMatchObject({ kind: 'in-flight' })
  })

  /** moveImage puts one machine on another image, out of band. */
  async function moveImage(id: string, image: string): Promise<void> {
    sim.control.setImage(image)
    const { ports, close } = enginePorts(sim)
    const m = await ports.machines.get('demo', id)
    await ports.machines.update('demo', id, {
      config: { ...m.config, image },
      currentVersion: m.version
    })
    close()
    await expect
      .poll(() => liveMachines(sim)[id]!.state, { timeout: 10_000 })
      .toBe('started')
  }
})
