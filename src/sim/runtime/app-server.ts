import { createHash } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Rng } from '../random.js'
import { behaviorOf, type SimMachine } from '../world.js'

/** Paths a flysim app treats as health endpoints besides its configured check paths [sim choice]. */
const HEALTH_PATHS = new Set(['/health', '/healthz', '/_health'])

/** The request headers the app echoes back, so tests can see what the edge added. */
const ECHOED = [
  'fly-region',
  'fly-client-ip',
  'fly-forwarded-port',
  'fly-forwarded-proto',
  'fly-preferred-instance-unavailable',
  'fly-request-id',
  'via'
]

/** AppProcess is a running machine's application: one HTTP server on loopback. */
export interface AppProcess {
  readonly port: number
  readonly env: Readonly<Record<string, string>>
  close(): void
}

/**
 * startAppProcess starts the application of a machine: an HTTP server on
 * 127.0.0.1 that behaves as the machine's image says. Every answer names the
 * machine, region, version and image that served it — in headers and in the
 * JSON body — because only the app can prove which machine answered
 * (API-NOTES §11).
 */
export async function startAppProcess(ctx: {
  machine: SimMachine
  env: Record<string, string>
  rng: Rng
}): Promise<AppProcess> {
  const { machine, env, rng } = ctx
  const identity = {
    app: machine.app,
    machine_id: machine.id,
    region: machine.region,
    version: machine.instanceId,
    image: machine.config.image ?? '',
    image_digest: machine.image.digest,
    process_group: machine.config.metadata?.['fly_process_group'] ?? ''
  }
  const checkPaths = new Set<string>()
  for (const c of Object.values(machine.config.checks ?? {})) {
    if (c?.path) checkPaths.add(c.path)
  }
  for (const s of machine.config.services ?? []) {
    for (const c of s?.checks ?? []) if (c?.path) checkPaths.add(c.path)
  }

  const server = http.createServer((req, res) => {
    void handle(req, res)
  })
  server.keepAliveTimeout = 5_000

  async function handle(
    req: http.IncomingMessage,
    res: http.ServerResponse
  ): Promise<void> {
    req.resume()
    const url = new URL(req.url ?? '/', 'http://app.internal')
    const behavior = behaviorOf(machine)
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-fly-machine-id': identity.machine_id,
      'x-fly-machine-version': identity.version,
      'x-fly-region': identity.region,
      'x-fly-image-ref': identity.image
    }
    if (url.pathname === '/.flysim/env') {
      // Names and digests only: a secret's value never leaves the machine.
      const digests = Object.fromEntries(
        Object.entries(env).map(([k, v]) => [
          k,
          createHash('sha256').update(v).digest('hex')
        ])
      )
      res
        .writeHead(200, headers)
        .end(JSON.stringify({ ...identity, env: digests }))
      return
    }
    const latency = sampleLatency(behavior.latency, rng)
    // Latency is physical: real milliseconds whatever the clock's scale, so a
    // client timing requests in real time measures what the image says.
    if (latency > 0) await new Promise((r) => setTimeout(r, latency))
    let status = 200
    const isHealth =
      checkPaths.has(url.pathname) || HEALTH_PATHS.has(url.pathname)
    if (isHealth) {
      const h = behavior.health
      if (h.kind === 'failing' || (h.kind === 'flaky' && rng.next() < h.p))
        status = 503
    }
    if (
      status === 200 &&
      behavior.errorRate > 0 &&
      rng.next() < behavior.errorRate
    ) {
      status = 500
    }
    const echoed: Record<string, string> = {}
    for (const h of ECHOED) {
      const v = req.headers[h]
      if (typeof v === 'string') echoed[h] = v
    }
    if (res.destroyed) return
    res.writeHead(status, headers).end(
      JSON.stringify({
        ...identity,
        status,
        method: req.method,
        path: url.pathname,
        latency_ms: latency,
        headers: echoed
      })
    )
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  return {
    port,
    env,
    close() {
      server.close()
      server.closeAllConnections()
    }
  }
}

/**
 * sampleLatency draws a log-normal latency with the given median and p99.
 *
 *   p50=0                 → 0
 *   p50=20, p99=20        → 20 (no spread)
 *   p50=20, p99=200       → median 20, 1 % above 200
 */
export function sampleLatency(
  l: { p50Ms: number; p99Ms: number },
  rng: Rng
): number {
  if (l.p50Ms <= 0) return 0
  if (l.p99Ms <= l.p50Ms) return l.p50Ms
  const sigma = Math.log(l.p99Ms / l.p50Ms) / 2.3263
  return Math.round(l.p50Ms * Math.exp(sigma * rng.normal()) * 10) / 10
}
