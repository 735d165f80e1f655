import http from 'node:http'
import net from 'node:net'
import { parseGoDuration } from '../durations.js'
import type { WireCheck, WireMachineConfig } from '../wire.js'

/** CheckPlan is one configured check, ready to run. */
export interface CheckPlan {
  name: string
  /** service checks decide proxy routing; top-level ones only with kind readiness. */
  scope: 'service' | 'top'
  routing: boolean
  type: 'http' | 'tcp'
  port: number
  path: string
  method: string
  headers: Record<string, string>
  intervalMs: number
  timeoutMs: number
  graceMs: number
}

// [sim choice] defaults when a check leaves them out.
const DEFAULT_INTERVAL = 15_000
const DEFAULT_TIMEOUT = 2_000

function plan(
  name: string,
  scope: CheckPlan['scope'],
  c: WireCheck,
  defaultPort: number | undefined
): CheckPlan {
  const type = c.type === 'http' ? 'http' : 'tcp'
  const headers: Record<string, string> = {}
  for (const h of c.headers ?? []) {
    if (h?.name) headers[h.name] = (h.values ?? []).join(', ')
  }
  return {
    name,
    scope,
    routing: scope === 'service' || c.kind === 'readiness',
    type,
    port: c.port ?? defaultPort ?? 0,
    path: c.path ?? '/',
    method: (c.method ?? 'GET').toUpperCase(),
    headers,
    intervalMs: (c.interval && parseGoDuration(c.interval)) || DEFAULT_INTERVAL,
    timeoutMs: (c.timeout && parseGoDuration(c.timeout)) || DEFAULT_TIMEOUT,
    graceMs: (c.grace_period && parseGoDuration(c.grace_period)) || 0
  }
}

/**
 * configuredChecks lists the checks a machine config asks Fly to run, named as
 * Fly names them (API-NOTES §9): top-level checks by their key, service checks
 * `servicecheck-<NN>-<type>-<port>` numbered across all services.
 */
export function configuredChecks(config: WireMachineConfig): CheckPlan[] {
  const out: CheckPlan[] = []
  for (const [name, c] of Object.entries(config.checks ?? {})) {
    if (c && typeof c === 'object') out.push(plan(name, 'top', c, undefined))
  }
  let n = 0
  for (const s of config.services ?? []) {
    for (const c of s?.checks ?? []) {
      if (!c || typeof c !== 'object') continue
      const p = plan('', 'service', c, s.internal_port)
      p.name = `servicecheck-${String(n++).padStart(2, '0')}-${p.type}-${p.port}`
      out.push(p)
    }
  }
  return out
}

/** CheckResult is one execution's outcome. */
export interface CheckResult {
  passing: boolean
  output: string
}

/**
 * runCheck executes a check against a machine's real loopback port. `port`
 * is undefined when the app does not listen on the check's port.
 */
export function runCheck(
  p: CheckPlan,
  port: number | undefined
): Promise<CheckResult> {
  if (port === undefined) {
    return Promise.resolve({
      passing: false,
      output: `dial tcp [fdaa::]:${p.port}: connect: connection refused`
    })
  }
  return p.type === 'tcp' ? tcpCheck(p, port) : httpCheck(p, port)
}

function tcpCheck(p: CheckPlan, port: number): Promise<CheckResult> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port })
    const done = (r: CheckResult): void => {
      socket.destroy()
      resolve(r)
    }
    socket.setTimeout(p.timeoutMs, () =>
      done({
        passing: false,
        output: `dial tcp: i/o timeout after ${p.timeoutMs}ms`
      })
    )
    socket.once('connect', () => done({ passing: true, output: 'Success' }))
    socket.once('error', (e) =>
      done({
        passing: false,
        output: `dial tcp [fdaa::]:${p.port}: ${e.message}`
      })
    )
  })
}

function httpCheck(p: CheckPlan, port: number): Promise<CheckResult> {
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: p.path,
        method: p.method,
        headers: { 'user-agent': 'Consul Health Check', ...p.headers },
        timeout: p.timeoutMs,
        agent: false
      },
      (res) => {
        res.resume()
        const code = res.statusCode ?? 0
        const passing = code >= 200 && code < 400
        resolve({
          passing,
          output: passing
            ? `[✓] ${code} ${res.statusMessage ?? ''}`.trim()
            : `HTTP GET http://[fdaa::]:${p.port}${p.path}: ${code} ${res.statusMessage ?? ''}`.trim()
        })
      }
    )
    req.once('timeout', () => {
      req.destroy()
      resolve({
        passing: false,
        output: `context deadline exceeded after ${p.timeoutMs}ms`
      })
    })
    req.once('error', (e) =>
      resolve({ passing: false, output: `HTTP GET ${p.path}: ${e.message}` })
    )
    req.end()
  })
}
