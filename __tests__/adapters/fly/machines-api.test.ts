import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startSim, type Sim } from '../../../src/sim/index.js'
import type { FlyMachinesApi } from '../../../src/adapters/fly/machines-api.js'
import type { MachineView } from '../../../src/core/types.js'
import { apiFor, lastSeq, requestsSince } from './sim-harness.js'

/**
 * Every port method of createFlyMachinesApi against flysim over loopback
 * HTTP, with Fly's rate limits on: the client must get through them.
 */
const APP = 'demo'
const V2 = 'registry.fly.io/demo:v2'

let sim: Sim
let api: FlyMachinesApi
let all: MachineView[]

beforeAll(async () => {
  sim = await startSim({
    apps: [{ name: APP, machinesPerRegion: 2 }],
    regions: ['sjc', 'lhr', 'syd'],
    clockScale: 100,
    rateLimits: true
  })
  sim.control.setImage(V2, { boot: '2s' })
  api = apiFor(sim)
  all = await api.machines.list(APP)
})

afterAll(async () => {
  await sim?.close()
})

const inRegion = (r: string): MachineView[] => all.filter((m) => m.region === r)

describe('reading machines', () => {
  test('list maps every machine to a MachineView', () => {
    expect(all).toHaveLength(6)
    for (const m of all) {
      expect(m.state).toBe('started')
      expect(m.version).toMatch(/^[0-9A-Z]{26}$/)
      expect(m.imageDigest).toMatch(/^sha256:[0-9a-f]{64}$/)
      expect(m.hostStatus).toBe('ok')
      expect(m.configIncomplete).toBe(false)
      expect(m.config.metadata?.fly_process_group).toBe('app')
      expect(m.checks.map((c) => c.status)).toEqual(['passing'])
      expect(m.events.map((e) => e.type)).toContain('start')
    }
  })

  test('autostop comes back as the boolean the API sends', () => {
    expect(all[0]!.config.services?.[0]?.autostop).toBe(false)
  })

  test('list filters by region and asks for summaries', async () => {
    const lhr = await api.machines.list(APP, { region: 'lhr' })
    const summary = await api.machines.list(APP, {
      region: 'syd',
      summary: true
    })

    expect(lhr.map((m) => m.id).sort()).toEqual(
      inRegion('lhr')
        .map((m) => m.id)
        .sort()
    )
    expect(summary).toHaveLength(2)
    expect(summary[0]!.config).toEqual({})
    expect(summary[0]!.version).toBe(
      inRegion('syd').find((m) => m.id === summary[0]!.id)!.version
    )
  })

  test('list filters by metadata.KEY, ANDed', async () => {
    const [a, b] = inRegion('syd')
    await api.machines.setMetadata(APP, a!.id, {
      flyrollout_wave: '1',
      flyrollout_id: 'r1'
    })
    await api.machines.setMetadata(APP, b!.id, { flyrollout_wave: '1' })

    const both = await api.machines.list(APP, {
      metadata: { flyrollout_wave: '1' }
    })
    const one = await api.machines.list(APP, {
      metadata: { flyrollout_wave: '1', flyrollout_id: 'r1' }
    })

    expect(both.map((m) => m.id).sort()).toEqual([a!.id, b!.id].sort())
    expect(one.map((m) => m.id)).toEqual([a!.id])
  })

  test('get reads one machine', async () => {
    const m = await api.machines.get(APP, all[1]!.id)
    expect(m.id).toBe(all[1]!.id)
    expect(m.version).toBe(all[1]!.version)
    expect(m.config.image).toBe(all[1]!.config.image)
  })

  test('events honours limit and maps the fields', async () => {
    const events = await api.machines.events(APP, all[1]!.id, 1)
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({
      type: 'start',
      status: 'started',
      timestamp: expect.any(Number)
    })
    const q = sim.control.requests().at(-1)!
    expect(q.query).toBe('limit=1')
  })
})

describe('updating a machine under a lease', () => {
  test('lease → update with current_version → wait for the new version → release', async () => {
    // Arrange
    const m = inRegion('sjc')[0]!
    const lease = await api.machines.acquireLease(APP, m.id, 30, 'rollout r1')
    const since = lastSeq(sim)

    // Act
    const updated = await api.machines.update(
      APP,
      m.id,
      {
        config: { ...m.config, image: V2 },
        currentVersion: m.version,
        skipLaunch: false,
        minSecretsVersion: 0
      },
      lease.nonce
    )
    const waited = await api.machines.waitFor(APP, m.id, {
      states: ['started'],
      version: updated.version,
      timeoutS: 60
    })
    await api.machines.releaseLease(APP, m.id, lease.nonce)

    // Assert
    expect(updated.version).not.toBe(m.version)
    expect(waited).toEqual({
      ok: true,
      state: 'started',
      version: updated.version
    })
    const [post] = requestsSince(sim, since, 'POST', /\/machines\/[^/]+$/)
    expect(JSON.parse(post!.body!)).toMatchObject({
      current_version: m.version,
      skip_launch: false,
      min_secrets_version: 0,
      config: { image: V2 }
    })
    expect(await api.machines.leaseHolder(APP, m.id)).toBeUndefined()
    expect(sim.control.outstandingLeases()).toEqual([])
  })

  test('versions lists earlier configs by version', async () => {
    const m = inRegion('sjc')[0]!
    const versions = await api.machines.versions(APP, m.id)
    const old = versions.find((v) => v.version === m.version)
    expect(versions.length).toBeGreaterThanOrEqual(2)
    expect(old?.config.image).toBe(m.config.image)
    expect(old?.config.metadata?.fly_process_group).toBe('app')
  })

  test('setMetadata sets and removes keys without a new version', async () => {
    const m = inRegion('lhr')[1]!
    await api.machines.setMetadata(APP, m.id, { flyrollout_state: 'marked' })
    const marked = await api.machines.get(APP, m.id)
    await api.machines.setMetadata(APP, m.id, { flyrollout_state: null })
    const cleared = await api.machines.get(APP, m.id)

    expect(marked.config.metadata?.flyrollout_state).toBe('marked')
    expect(cleared.config.metadata).not.toHaveProperty('flyrollout_state')
    expect(cleared.version).toBe(m.version)
    const patch = sim.control
      .requests()
      .filter((r) => r.method === 'PATCH')
      .at(-1)!
    expect(JSON.parse(patch.body!)).toEqual({
      metadata: { flyrollout_state: null }
    })
  })

  test('leaseHolder names the holder; refreshLease moves the expiry', async () => {
    const m = inRegion('lhr')[0]!
    expect(await api.machines.leaseHolder(APP, m.id)).toBeUndefined()
    const lease = await api.machines.acquireLease(APP, m.id, 10, 'bake r1')
    const holder = await api.machines.leaseHolder(APP, m.id)
    const refreshed = await api.machines.refreshLease(
      APP,
      m.id,
      lease.nonce,
      100
    )
    await api.machines.releaseLease(APP, m.id, lease.nonce)

    expect(holder).toEqual({
      owner: 'ci@example.com',
      description: 'bake r1',
      expiresAt: lease.expiresAt
    })
    expect(refreshed.nonce).toBe(lease.nonce)
    expect(refreshed.expiresAt).toBeGreaterThan(lease.expiresAt + 50)
  })

  test('releasing a lease that is gone succeeds', async () => {
    const m = inRegion('lhr')[0]!
    await expect(
      api.machines.releaseLease(APP, m.id, 'no-such-nonce')
    ).resolves.toBeUndefined()
  })
})

describe('machine lifecycle', () => {
  test('create (leased) → stop → start → suspend → destroy', async () => {
    // Arrange
    const template = inRegion('syd')[0]!

    // Act
    const created = await api.machines.create(APP, {
      config: template.config,
      region: 'syd',
      name: 'canary-1',
      leaseTtlS: 60
    })
    const nonce = created.nonce!
    const started = await api.machines.waitFor(APP, created.id, {
      states: ['started'],
      version: created.version,
      timeoutS: 30
    })
    await api.machines.stop(APP, created.id, nonce)
    const stopped = await api.machines.waitFor(APP, created.id, {
      states: ['stopped'],
      version: created.version,
      timeoutS: 30
    })
    await api.machines.start(APP, created.id, nonce)
    await api.machines.waitFor(APP, created.id, {
      states: ['started'],
      timeoutS: 30
    })
    await api.machines.suspend(APP, created.id, nonce)
    const suspended = await api.machines.waitFor(APP, created.id, {
      states: ['suspended'],
      timeoutS: 30
    })
    await api.machines.destroy(APP, created.id, { force: true }, nonce)
    const destroyed = await api.machines.waitFor(APP, created.id, {
      states: ['destroyed'],
      timeoutS: 30
    })

    // Assert
    expect(created).toMatchObject({
      name: 'canary-1',
      region: 'syd',
      nonce: expect.any(String)
    })
    expect(started.ok && started.state).toBe('started')
    expect(stopped.ok && stopped.state).toBe('stopped')
    expect(suspended.ok && suspended.state).toBe('suspended')
    expect(destroyed.ok && destroyed.state).toBe('destroyed')
    const del = sim.control
      .requests()
      .filter((r) => r.method === 'DELETE' && r.op === 'Machines_delete')
      .at(-1)!
    expect(del.query).toBe('force=true')
  })

  test('create with skip_launch leaves the machine created', async () => {
    const template = inRegion('syd')[1]!
    const m = await api.machines.create(APP, {
      config: template.config,
      region: 'syd',
      skipLaunch: true
    })
    expect(m.state).toBe('created')
    expect(m.nonce).toBeUndefined()
    await api.machines.destroy(APP, m.id)
  })
})

describe('wait', () => {
  test('a /wait that ends in 408 is {ok: false, timedOut: true}', async () => {
    const m = inRegion('sjc')[1]!
    const r = await api.machines.waitFor(APP, m.id, {
      states: ['stopped'],
      version: m.version,
      timeoutS: 2
    })
    expect(r).toEqual({ ok: false, timedOut: true })
  })

  test('timeout is clamped to 1–60 s', async () => {
    const m = inRegion('sjc')[1]!
    const since = lastSeq(sim)
    await api.machines.waitFor(APP, m.id, {
      states: ['started'],
      timeoutS: 600
    })
    await api.machines.waitFor(APP, m.id, { states: ['started'], timeoutS: 0 })
    const waits = requestsSince(sim, since, 'GET', /\/wait$/)
    expect(
      waits.map((w) => new URLSearchParams(w.query).get('timeout'))
    ).toEqual(['60', '1'])
    expect(new URLSearchParams(waits[0]!.query).get('state')).toBe('started')
  })

  test('aborting the signal ends a /wait with its reason, not a 408 and not a retry', async () => {
    const m = inRegion('sjc')[1]!
    const since = lastSeq(sim)
    const stop = new AbortController()
    const reason = new Error('wave failed')
    const waiting = api.machines.waitFor(APP, m.id, {
      states: ['stopped'],
      timeoutS: 60,
      signal: stop.signal
    })
    setImmediate(() => stop.abort(reason))
    await expect(waiting).rejects.toBe(reason)
    expect(
      requestsSince(sim, since, 'GET', /\/wait$/).length
    ).toBeLessThanOrEqual(1)
  })
})

describe('apps, secrets, volumes, platform', () => {
  test('apps: get, create, destroy; a missing app is undefined', async () => {
    expect(await api.apps.get(APP)).toEqual({
      name: APP,
      org: 'personal',
      status: 'deployed'
    })
    expect(await api.apps.get('no-such-app')).toBeUndefined()

    await api.apps.create('demo-pr-7', 'personal')
    const made = await api.apps.get('demo-pr-7')
    await api.apps.destroy('demo-pr-7')

    expect(made).toMatchObject({ name: 'demo-pr-7', org: 'personal' })
    expect(await api.apps.get('demo-pr-7')).toBeUndefined()
  })

  test('secrets: set returns the new version, null unsets, list shows names and digests', async () => {
    const first = await api.secrets.set(APP, { DATABASE_URL: 'postgres://x' })
    const listed = await api.secrets.list(APP)
    const second = await api.secrets.set(APP, { DATABASE_URL: null })

    expect(first.version).toBeGreaterThan(0)
    expect(second.version).toBeGreaterThan(first.version)
    expect(listed).toEqual([
      { name: 'DATABASE_URL', digest: expect.any(String) }
    ])
    expect(await api.secrets.list(APP)).toEqual([])
    // flysim never logs secrets bodies; nothing else should either.
    const posts = sim.control
      .requests()
      .filter((r) => r.op === 'Secrets_update')
    expect(posts.every((r) => r.body === undefined)).toBe(true)
  })

  test('volumes: create and destroy', async () => {
    const v = await api.volumes.create(APP, {
      name: 'data',
      region: 'lhr',
      sizeGb: 1
    })
    expect(v.id).toMatch(/^vol_/)
    const world = () =>
      sim.control.snapshotWorld().apps.find((a) => a.name === APP)!.volumes
    expect(world().map((x) => x.id)).toContain(v.id)
    await api.volumes.destroy(APP, v.id)
    expect(world().map((x) => x.id)).not.toContain(v.id)
  })

  test('platform: region codes', async () => {
    const regions = await api.platform.regions()
    expect(regions).toEqual(expect.arrayContaining(['sjc', 'lhr', 'syd']))
  })
})

describe('counting', () => {
  test('stats counts requests per operation', () => {
    const s = api.stats()
    expect(s.byOp.Machines_list).toBeGreaterThanOrEqual(4)
    expect(s.byOp.Machines_update).toBe(1)
    expect(s.byOp.Machines_create).toBe(2)
    expect(s.retries).toBeGreaterThanOrEqual(s.rateLimited)
    const total = Object.values(s.byOp).reduce((a, b) => a + b, 0)
    expect(total).toBeGreaterThan(20)
  })
})
