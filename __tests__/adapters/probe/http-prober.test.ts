import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startSim, type Sim } from '../../../src/sim/index.js'
import {
  createHttpProber,
  type HttpProber,
  type HttpProberOptions
} from '../../../src/adapters/probe/http-prober.js'
import type { ProbeSpec } from '../../../src/core/spec.js'
import type { MachineView } from '../../../src/core/types.js'
import { apiFor } from '../fly/sim-harness.js'

/**
 * The prober through flysim's edge (which routes by Host and honours the
 * force headers), and against stub edges for what flysim cannot show.
 */
const APP = 'demo'

function spec(over: Partial<ProbeSpec> = {}): ProbeSpec {
  return {
    path: '/',
    method: 'GET',
    intervalMs: 1_000,
    // Virtual ms: 60 s is 0.6 s of real time at clock scale 100.
    timeoutMs: 60_000,
    headers: {},
    maxErrorRate: 0.05,
    minSamples: 10,
    ...over
  }
}

describe('through the flysim edge', () => {
  let sim: Sim
  let machines: MachineView[]
  let prober: HttpProber

  const proberFor = (over: Partial<HttpProberOptions> = {}): HttpProber =>
    createHttpProber({
      edgeUrl: sim.edgeUrl,
      now: () => sim.control.clock.now(),
      sleep: (ms, signal) => sim.control.clock.sleep(ms, signal),
      ...over
    })

  beforeAll(async () => {
    sim = await startSim({
      apps: [{ name: APP, machinesPerRegion: 2 }],
      regions: ['sjc', 'lhr', 'syd'],
      clockScale: 100,
      rateLimits: false,
      edgeRetryMs: 0
    })
    machines = await apiFor(sim).machines.list(APP)
    prober = proberFor()
  })

  afterAll(async () => {
    prober?.close()
    await sim?.close()
  })

  test('a probe pinned to a machine is answered by that machine', async () => {
    for (const m of machines) {
      const s = await prober.probe(APP, { machineId: m.id }, spec())
      expect(s).toMatchObject({
        status: 200,
        machineId: m.id,
        version: m.version
      })
      expect(s.error).toBeUndefined()
    }
  })

  test('a probe pinned to a region never leaves it', async () => {
    const lhr = new Set(
      machines.filter((m) => m.region === 'lhr').map((m) => m.id)
    )
    const seen = new Set<string>()
    for (let i = 0; i < 12; i++) {
      const s = await prober.probe(APP, { region: 'lhr' }, spec())
      expect(s.status).toBe(200)
      expect(lhr.has(s.machineId!)).toBe(true)
      seen.add(s.machineId!)
    }
    expect(seen.size).toBeGreaterThanOrEqual(1)
  })

  test('latency is real time (physical, whatever the clock scale); the timestamp comes from the injected clock', async () => {
    const m = machines.find((x) => x.region === 'syd')!
    sim.control.setMachineBehavior(m.id, { latency: '500ms/500ms' })
    const before = sim.control.clock.now()

    const s = await prober.probe(APP, { machineId: m.id }, spec())

    sim.control.setMachineBehavior(m.id, {})
    expect(s.status).toBe(200)
    expect(s.at).toBeGreaterThanOrEqual(before)
    expect(s.latencyMs).toBeGreaterThanOrEqual(500)
    expect(s.latencyMs).toBeLessThan(1500)
  })

  test('HEAD works and identity headers can be renamed or ignored', async () => {
    const m = machines[0]!
    const renamed = proberFor({
      identity: { machineHeader: 'X-Fly-Region', versionHeader: 'x-nope' }
    })
    const blind = proberFor({ identity: false })

    const head = await prober.probe(
      APP,
      { machineId: m.id },
      spec({ method: 'HEAD' })
    )
    const r = await renamed.probe(APP, { machineId: m.id }, spec())
    const b = await blind.probe(APP, { machineId: m.id }, spec())
    renamed.close()
    blind.close()

    expect(head).toMatchObject({ status: 200, machineId: m.id })
    expect(r.machineId).toBe(m.region)
    expect(r.version).toBeUndefined()
    expect(b.status).toBe(200)
    expect(b.machineId).toBeUndefined()
  })

  test('an app that does not exist is a 404 sample', async () => {
    const s = await prober.probe('nope', { region: 'sjc' }, spec())
    expect(s.status).toBe(404)
    expect(s.machineId).toBeUndefined()
  })

  test("a stopped machine's probe is a 503 sample, not a throw", async () => {
    const api = apiFor(sim)
    const m = machines.find((x) => x.region === 'sjc')!
    await api.machines.stop(APP, m.id)
    const w = await api.machines.waitFor(APP, m.id, {
      states: ['stopped'],
      version: m.version,
      timeoutS: 30
    })
    expect(w.ok).toBe(true)

    const s = await prober.probe(APP, { machineId: m.id }, spec())

    expect(s.status).toBe(503)
    expect(s.machineId).toBeUndefined()
    expect(s.error).toBeUndefined()
  })
})

describe('against stub edges', () => {
  let server: http.Server
  let url: string
  let connections = 0
  const seen: http.IncomingHttpHeaders[] = []
  let hang = false

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push(req.headers)
      req.resume()
      if (hang) return
      res.writeHead(500, {
        'x-fly-machine-id': 'stub-machine',
        'content-type': 'text/plain'
      })
      res.end('boom')
    })
    server.on('connection', () => connections++)
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })

  afterAll(async () => {
    server.closeAllConnections()
    await new Promise<void>((r) => server.close(() => r()))
  })

  const realProber = (over: Partial<HttpProberOptions> = {}) =>
    createHttpProber({ edgeUrl: url, now: () => Date.now(), ...over })

  test('sends Host and the force header; never prefer headers; keeps the connection alive', async () => {
    // Arrange
    const p = realProber({ hostFor: (app) => `${app}.example.test` })
    seen.length = 0
    connections = 0

    // Act
    const a = await p.probe(
      'demo',
      { machineId: 'm1' },
      spec({
        path: 'health',
        headers: {
          'X-Probe': 'fly-rollout',
          Host: 'evil.test',
          'Fly-Prefer-Region': 'iad',
          'fly-prefer-instance-id': 'm9',
          'fly-force-region': 'ams'
        }
      })
    )
    const b = await p.probe('demo', { region: 'lhr' }, spec())
    p.close()

    // Assert
    expect(a).toMatchObject({ status: 500, machineId: 'stub-machine' })
    expect(b.status).toBe(500)
    expect(seen[0]).toMatchObject({
      host: 'demo.example.test',
      'fly-force-instance-id': 'm1',
      'x-probe': 'fly-rollout'
    })
    expect(seen[0]).not.toHaveProperty('fly-prefer-region')
    expect(seen[0]).not.toHaveProperty('fly-prefer-instance-id')
    expect(seen[0]).not.toHaveProperty('fly-force-region')
    expect(seen[1]).toMatchObject({
      host: 'demo.example.test',
      'fly-force-region': 'lhr'
    })
    expect(seen[1]).not.toHaveProperty('fly-force-instance-id')
    expect(connections).toBe(1)
  })

  test('a probe that gets no answer in time is a sample with an error', async () => {
    const p = realProber()
    hang = true
    try {
      const s = await p.probe(
        'demo',
        { machineId: 'm1' },
        spec({ timeoutMs: 100 })
      )
      expect(s).toMatchObject({ status: 0, error: 'timeout after 100 ms' })
      expect(s.latencyMs).toBeGreaterThanOrEqual(90)
    } finally {
      hang = false
      p.close()
    }
  })

  test('a refused connection is a sample with an error', async () => {
    const closed = http.createServer()
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r))
    const port = (closed.address() as AddressInfo).port
    await new Promise<void>((r) => closed.close(() => r()))
    const p = createHttpProber({
      edgeUrl: `http://127.0.0.1:${port}`,
      now: () => Date.now()
    })

    const s = await p.probe('demo', { region: 'sjc' }, spec())
    p.close()

    expect(s.status).toBe(0)
    expect(s.error).toMatch(/ECONNREFUSED/)
  })

  test('the caller aborting rejects the probe', async () => {
    const p = realProber()
    hang = true
    const abort = new AbortController()
    try {
      const pending = p.probe(
        'demo',
        { machineId: 'm1' },
        spec({ timeoutMs: 10_000 }),
        abort.signal
      )
      setTimeout(() => abort.abort(new Error('bake cancelled')), 20)
      await expect(pending).rejects.toThrow('bake cancelled')
    } finally {
      hang = false
      p.close()
    }
  })
})
