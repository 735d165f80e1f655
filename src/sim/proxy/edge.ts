import http from 'node:http'
import type { SimContext } from '../context.js'
import { byDistanceFrom, findRegion } from '../regions.js'
import type { SimApp, SimMachine } from '../world.js'

/**
 * The edge proxy: one listener for every app, chosen by `Host: <app>.fly.dev`
 * (API-NOTES §11). It routes to started, uncordoned, registered machines whose
 * routing checks pass, nearest region first from the edge region, and
 * honours Fly's routing headers:
 *
 * - `fly-force-instance-id` / `fly-force-region`: only those, never a
 *   fallback; it retries for `edgeRetryMs` while they are unhealthy, then 503;
 * - `fly-prefer-instance-id` / `fly-prefer-region`: fall back, and tell the
 *   app with `Fly-Preferred-Instance-Unavailable`.
 *
 * Every answer carries `Fly-Request-Id: <ulid>-<edge region>`. The edge
 * region is the client region, or the `x-flysim-client-region` request header
 * [sim choice], mapped to the nearest Fly region.
 */
export function createEdgeServer(sim: SimContext): http.Server {
  const inflight = new Map<string, number>()

  const server = http.createServer((req, res) => {
    void serve(req, res)
  })

  async function serve(
    req: http.IncomingMessage,
    res: http.ServerResponse
  ): Promise<void> {
    const world = sim.world
    const clientRegion =
      header(req, 'x-flysim-client-region') ?? sim.settings.clientRegion
    const edgeRegion = findRegion(clientRegion)
      ? clientRegion
      : sim.settings.clientRegion
    const requestId = `${world.rng.ulid(world.now())}-${edgeRegion}`
    const fail = (status: number, message: string): void => {
      if (res.headersSent || res.destroyed) return
      res.writeHead(status, {
        'content-type': 'text/plain; charset=utf-8',
        'fly-request-id': requestId,
        server: 'Fly/flysim'
      })
      res.end(message + '\n')
    }

    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase()
    const appName = host.endsWith('.fly.dev')
      ? host.slice(0, -'.fly.dev'.length)
      : ''
    const app = world.apps.get(appName)
    if (!app || app.status === 'destroying') {
      req.resume()
      fail(404, `no app found for host "${host}"`)
      return
    }

    const forceId = header(req, 'fly-force-instance-id')
    const forceRegions = list(header(req, 'fly-force-region'))
    const preferId = header(req, 'fly-prefer-instance-id')
    const preferRegions = list(header(req, 'fly-prefer-region'))
    const extra: Record<string, string> = {}

    const pick = (): { m: SimMachine; port: number } | undefined => {
      const pool = routable(sim, app)
      if (forceId) return pool.find((c) => c.m.id === forceId)
      if (forceRegions.length) {
        return choose(
          pool.filter((c) => forceRegions.includes(c.m.region)),
          forceRegions,
          edgeRegion
        )
      }
      if (preferId) {
        const hit = pool.find((c) => c.m.id === preferId)
        if (hit) return hit
        extra['fly-preferred-instance-unavailable'] = preferId
      }
      return choose(pool, preferRegions, edgeRegion)
    }

    let target = pick()
    if (!target && (forceId || forceRegions.length)) {
      // No fallback: wait for the forced target to become routable.
      target = await waitFor(sim, pick, sim.settings.edgeRetryMs)
    }
    if (!target) {
      req.resume()
      const what = forceId
        ? `instance ${forceId}`
        : forceRegions.length
          ? `region ${forceRegions.join(',')}`
          : `app ${app.name}`
      fail(503, `could not find a healthy instance for ${what} to route to`)
      return
    }

    const { m, port } = target
    inflight.set(m.id, (inflight.get(m.id) ?? 0) + 1)
    const headers: http.OutgoingHttpHeaders = { ...req.headers }
    for (const h of [
      'fly-force-instance-id',
      'fly-force-region',
      'fly-prefer-instance-id',
      'fly-prefer-region',
      'x-flysim-client-region'
    ]) {
      delete headers[h]
    }
    Object.assign(headers, extra, {
      'fly-region': edgeRegion,
      'fly-client-ip': req.socket.remoteAddress ?? '127.0.0.1',
      'fly-forwarded-port': '443',
      'fly-forwarded-proto': 'https',
      'fly-request-id': requestId,
      via: '1.1 fly.io'
    })
    const upstream = http.request(
      {
        host: '127.0.0.1',
        port,
        method: req.method,
        path: req.url,
        headers,
        agent: false
      },
      (up) => {
        const out = { ...up.headers }
        if (!pristine(m)) {
          Object.assign(out, {
            'fly-request-id': requestId,
            via: '1.1 fly.io',
            server: 'Fly/flysim'
          })
        }
        res.writeHead(up.statusCode ?? 502, out)
        up.pipe(res)
        up.once('end', release)
      }
    )
    let released = false
    function release(): void {
      if (released) return
      released = true
      inflight.set(m.id, Math.max(0, (inflight.get(m.id) ?? 1) - 1))
    }
    upstream.once('error', () => {
      release()
      fail(502, `error connecting to instance ${m.id}: connection closed`)
    })
    res.once('close', () => {
      release()
      upstream.destroy()
    })
    req.pipe(upstream)
  }

  function choose(
    pool: { m: SimMachine; port: number }[],
    preferred: string[],
    edge: string
  ): { m: SimMachine; port: number } | undefined {
    if (pool.length === 0) return undefined
    const regions = [...new Set(pool.map((c) => c.m.region))]
    const order = [
      ...preferred.filter((r) => regions.includes(r)),
      ...byDistanceFrom(
        edge,
        regions.filter((r) => !preferred.includes(r))
      )
    ]
    const inRegion = pool.filter((c) => c.m.region === order[0])
    // Least in-flight requests, ties broken at random [sim choice].
    let best = Infinity
    let picks: typeof inRegion = []
    for (const c of inRegion) {
      const n = inflight.get(c.m.id) ?? 0
      if (n < best) {
        best = n
        picks = [c]
      } else if (n === best) picks.push(c)
    }
    return picks[sim.world.rng.int(picks.length)]
  }

  return server
}

/**
 * routable lists an app's machines the proxy may send traffic to, with the
 * loopback port behind their HTTP service.
 */
export function routable(
  sim: SimContext,
  app: SimApp
): { m: SimMachine; port: number }[] {
  const out: { m: SimMachine; port: number }[] = []
  for (const m of app.machines.values()) {
    if (m.state !== 'started' || m.cordoned || m.skipServiceRegistration)
      continue
    if (m.config.dns?.skip_registration) continue
    if (sim.world.cutRegions.has(m.region)) continue
    const service =
      (m.config.services ?? []).find((s) =>
        (s?.ports ?? []).some((p) => (p?.handlers ?? []).includes('http'))
      ) ?? m.config.services?.[0]
    if (!service || typeof service.internal_port !== 'number') continue
    const port = sim.runtime.listenPort(m, service.internal_port)
    if (port === undefined) continue
    const plans = sim.runtime.checkPlans(m).filter((c) => c.routing)
    // A check that has not reported yet keeps the machine out of the pool [sim choice].
    if (!plans.every((c) => m.checks.get(c.name)?.status === 'passing'))
      continue
    out.push({ m, port })
  }
  return out
}

function pristine(m: SimMachine): boolean {
  return (m.config.services ?? []).some((s) =>
    (s?.ports ?? []).some(
      (p) =>
        (p as { http_options?: { response?: { pristine?: boolean } } })
          .http_options?.response?.pristine === true
    )
  )
}

function waitFor<T>(
  sim: SimContext,
  pick: () => T | undefined,
  ms: number
): Promise<T | undefined> {
  if (ms <= 0) return Promise.resolve(undefined)
  return new Promise((resolve) => {
    const onChange = (): void => {
      const hit = pick()
      if (hit) finish(hit)
    }
    const finish = (v: T | undefined): void => {
      cancel()
      sim.world.off('machine', onChange)
      resolve(v)
    }
    const cancel = sim.world.clock.setTimer(ms, () => finish(pick()))
    sim.world.on('machine', onChange)
  })
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name]
  const s = Array.isArray(v) ? v[0] : v
  return s && s.trim() ? s.trim() : undefined
}

function list(v: string | undefined): string[] {
  return v
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : []
}
