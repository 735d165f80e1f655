/**
 * Tiny typed clients for flysim's own tests: the Machines API over `fetch`,
 * the edge over `node:http` (the edge picks the app by `Host`, which `fetch`
 * cannot set), and drivers that move the virtual clock until something
 * happens. No real sleeps: only `setImmediate` turns for loopback I/O.
 */
import http from 'node:http'
import type { Sim } from '../../src/sim/index.js'

export interface ApiResponse<T = any> {
  status: number
  body: T
  headers: Headers
}

/** api calls the Machines API with the sim's token; the body is parsed JSON (or text, or undefined). */
export async function api<T = any>(
  sim: Sim,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {}
): Promise<ApiResponse<T>> {
  const res = await fetch(sim.apiUrl + path, {
    method,
    headers: {
      authorization: `Bearer ${sim.token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers
    },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  const text = await res.text()
  let parsed: unknown = undefined
  if (text) {
    const json = res.headers.get('content-type')?.includes('json')
    parsed = json ? JSON.parse(text) : text
  }
  return { status: res.status, body: parsed as T, headers: res.headers }
}

export interface EdgeResponse<T = any> {
  status: number
  headers: http.IncomingHttpHeaders
  body: T
}

/** edge sends a request through the edge proxy to `<app>.fly.dev`. */
export function edge<T = any>(
  sim: Sim,
  app: string,
  path: string,
  headers: Record<string, string> = {}
): Promise<EdgeResponse<T>> {
  const url = new URL(sim.edgeUrl)
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: 'GET',
        headers: { ...headers, host: `${app}.fly.dev` },
        agent: false
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          const json = String(res.headers['content-type']).includes('json')
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: (json ? JSON.parse(text) : text) as T
          })
        })
        res.on('error', reject)
      }
    )
    req.on('error', reject)
    req.end()
  })
}

/** machinePath is `/v1/apps/<app>/machines[/<id>[/<rest>]]`. */
export function machinePath(app: string, id?: string, rest?: string): string {
  let p = `/v1/apps/${app}/machines`
  if (id) p += `/${id}`
  if (rest) p += `/${rest}`
  return p
}

/** ioTurns lets loopback I/O and promise chains run, without letting time pass. */
export async function ioTurns(n = 50): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r))
}

/**
 * drive advances the virtual clock `stepMs` at a time until `promise` settles
 * (at most `maxMs` of virtual time), and returns its value. For requests
 * that only answer once virtual time passes: `/wait`, the edge's retries,
 * an injected delay.
 */
export async function drive<T>(
  sim: Sim,
  promise: Promise<T>,
  opts: { stepMs?: number; maxMs?: number } = {}
): Promise<T> {
  const step = opts.stepMs ?? 100
  const max = opts.maxMs ?? 120_000
  let settled = false
  const watched = promise.finally(() => {
    settled = true
  })
  await ioTurns()
  for (let spent = 0; !settled && spent <= max; spent += step) {
    await sim.control.advance(step)
    await ioTurns()
  }
  return watched
}

/**
 * waitFor advances the virtual clock `stepMs` at a time until `check` holds
 * (at most `maxMs`); it throws when it never does.
 */
export async function waitFor(
  sim: Sim,
  check: () => boolean | Promise<boolean>,
  opts: { stepMs?: number; maxMs?: number; what?: string } = {}
): Promise<void> {
  const step = opts.stepMs ?? 100
  const max = opts.maxMs ?? 60_000
  for (let spent = 0; spent <= max; spent += step) {
    if (await check()) return
    await sim.control.advance(step)
    await ioTurns()
  }
  throw new Error(
    `waitFor: ${opts.what ?? 'condition'} not met within ${max} ms of virtual time`
  )
}

/** stateOf reads a machine's state through the API. */
export async function stateOf(
  sim: Sim,
  app: string,
  id: string
): Promise<string> {
  const res = await api(sim, 'GET', machinePath(app, id))
  return res.body.state as string
}

/**
 * healthy advances the clock until the machine is started and every
 * configured check reports passing: the point the edge routes to it.
 */
export async function healthy(
  sim: Sim,
  app: string,
  id: string,
  opts: { maxMs?: number } = {}
): Promise<void> {
  await waitFor(
    sim,
    async () => {
      const m = (await api(sim, 'GET', machinePath(app, id))).body
      const checks: { status: string }[] = m.checks ?? []
      const configured =
        Object.keys(m.config?.checks ?? {}).length +
        (m.config?.services ?? []).reduce(
          (n: number, s: any) => n + (s.checks?.length ?? 0),
          0
        )
      return (
        m.state === 'started' &&
        checks.length === configured &&
        checks.every((c) => c.status === 'passing')
      )
    },
    { stepMs: 500, maxMs: opts.maxMs ?? 60_000, what: `machine ${id} healthy` }
  )
}

/**
 * webConfig is a MachineConfig for a plain web app: an HTTP service on 8080
 * behind 80/443, an HTTP check on /health unless `checks: false`.
 */
export function webConfig(
  image: string,
  opts: {
    checks?: boolean
    metadata?: Record<string, string>
    env?: Record<string, string>
    restart?: { policy?: string; max_retries?: number }
  } = {}
): Record<string, any> {
  return {
    image,
    env: opts.env ?? {},
    guest: { cpu_kind: 'shared', cpus: 1, memory_mb: 256 },
    services: [
      {
        protocol: 'tcp',
        internal_port: 8080,
        ports: [
          { port: 80, handlers: ['http'] },
          { port: 443, handlers: ['tls', 'http'] }
        ],
        checks:
          opts.checks === false
            ? []
            : [
                {
                  type: 'http',
                  interval: '5s',
                  timeout: '2s',
                  grace_period: '1s',
                  method: 'GET',
                  path: '/health'
                }
              ]
      }
    ],
    metadata: {
      fly_platform_version: 'v2',
      fly_process_group: 'app',
      ...opts.metadata
    },
    ...(opts.restart ? { restart: opts.restart } : {})
  }
}
