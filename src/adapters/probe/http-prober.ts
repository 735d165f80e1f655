/**
 * The HTTP prober: one request through Fly's edge per probe, pinned to a
 * machine (`fly-force-instance-id`) or a region (`fly-force-region`), never
 * with the `fly-prefer-*` headers, which fall back silently (API-NOTES §11,
 * ROLLOUT-SEMANTICS §4.3).
 *
 * It speaks `node:http`/`node:https` rather than fetch: the edge routes by
 * `Host: <app>.fly.dev`, which fetch cannot set.
 */
import http from 'node:http'
import https from 'node:https'
import type { ProbeTarget, Prober, Sample } from '../../orchestrator/ports.js'
import type { ProbeSpec } from '../../core/spec.js'

/** IdentityHeaders name the response headers in which the app says who answered. */
export interface IdentityHeaders {
  machineHeader?: string
  versionHeader?: string
}

export interface HttpProberOptions {
  /**
   * The edge to send probes to, e.g. flysim's edgeUrl. Default: each app's
   * own `https://<host>` (the real Fly edge).
   */
  edgeUrl?: string
  /** The Host an app is served under; default `<app>.fly.dev`. */
  hostFor?: (app: string) => string
  /** The clock samples are stamped with (unix ms). */
  now: () => number
  /**
   * Sleeps for the probe timeout (default: real timers). Latency and
   * timeouts are physical: they are measured in real time even when the
   * rollout runs on a faster virtual clock (flysim's), whose scale would
   * otherwise multiply loopback overhead into fake latency.
   */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  /** Identity headers; default `x-fly-machine-id` / `x-fly-machine-version`. `false`: do not read. */
  identity?: IdentityHeaders | false
}

/** HttpProber is a Prober that owns keep-alive agents; `close` frees them. */
export interface HttpProber extends Prober {
  close(): void
}

/** Routing headers a probe's own headers may not set: the prober pins, and never prefers. */
const ROUTING_HEADERS = new Set([
  'host',
  'fly-force-instance-id',
  'fly-force-region',
  'fly-prefer-instance-id',
  'fly-prefer-region'
])

/** MAX_BODY_BYTES is how much of a probe's answer is read (then discarded). */
const MAX_BODY_BYTES = 64 * 1024

/**
 * createHttpProber returns a Prober. A probe never throws for an HTTP error,
 * a timeout or a transport failure: those are samples (status 0 and `error`
 * when there was no answer). It throws only when the caller aborts.
 */
export function createHttpProber(options: HttpProberOptions): HttpProber {
  const hostFor = options.hostFor ?? ((app: string) => `${app}.fly.dev`)
  const now = options.now
  const sleep =
    options.sleep ??
    ((ms: number, signal?: AbortSignal) =>
      new Promise<void>((resolve, reject) => {
        const t = setTimeout(resolve, ms)
        signal?.addEventListener(
          'abort',
          () => {
            clearTimeout(t)
            reject(signal.reason)
          },
          { once: true }
        )
      }))
  const identity =
    options.identity === false
      ? undefined
      : {
          machine: (
            options.identity?.machineHeader ?? 'x-fly-machine-id'
          ).toLowerCase(),
          version: (
            options.identity?.versionHeader ?? 'x-fly-machine-version'
          ).toLowerCase()
        }
  const httpAgent = new http.Agent({ keepAlive: true })
  const httpsAgent = new https.Agent({ keepAlive: true })

  function probe(
    app: string,
    target: ProbeTarget,
    spec: ProbeSpec,
    signal?: AbortSignal
  ): Promise<Sample> {
    signal?.throwIfAborted()
    const host = hostFor(app)
    const url = new URL(options.edgeUrl ?? `https://${host}`)
    const secure = url.protocol === 'https:'
    const headers: Record<string, string> = {}
    for (const [k, v] of Object.entries(spec.headers ?? {})) {
      if (!ROUTING_HEADERS.has(k.toLowerCase())) headers[k] = v
    }
    headers.host = host
    if ('machineId' in target) {
      headers['fly-force-instance-id'] = target.machineId
    } else headers['fly-force-region'] = target.region
    const path = spec.path.startsWith('/') ? spec.path : `/${spec.path}`
    const at = now()
    const t0 = performance.now()

    return new Promise<Sample>((resolve, reject) => {
      let settled = false
      const timer = new AbortController()
      const finish = (s: Omit<Sample, 'at' | 'latencyMs'>): void => {
        if (settled) return
        settled = true
        timer.abort()
        signal?.removeEventListener('abort', onAbort)
        resolve({
          at,
          latencyMs: Math.max(
            0,
            Math.round((performance.now() - t0) * 10) / 10
          ),
          ...s
        })
      }
      const onAbort = (): void => {
        if (settled) return
        settled = true
        timer.abort()
        req.destroy()
        reject(signal?.reason)
      }

      const req = (secure ? https : http).request({
        protocol: url.protocol,
        hostname: url.hostname,
        port: url.port || undefined,
        method: spec.method,
        path,
        headers,
        agent: secure ? httpsAgent : httpAgent,
        ...(secure ? { servername: host } : {})
      })
      req.once('response', (res) => {
        const out: Omit<Sample, 'at' | 'latencyMs'> = {
          status: res.statusCode ?? 0
        }
        if (identity) {
          const id = headerOf(res.headers, identity.machine)
          const version = headerOf(res.headers, identity.version)
          if (id) out.machineId = id
          if (version) out.version = version
        }
        // The answer counts once it is whole: latency includes the body.
        let read = 0
        res.on('data', (chunk: Buffer) => {
          read += chunk.length
          if (read > MAX_BODY_BYTES) {
            res.destroy()
            finish(out)
          }
        })
        res.once('end', () => finish(out))
        res.on('error', (e) =>
          finish({ ...out, error: `answer cut short: ${e.message}` })
        )
        res.once('close', () => finish(out))
      })
      req.on('error', (e) => finish({ status: 0, error: transportError(e) }))
      signal?.addEventListener('abort', onAbort, { once: true })
      sleep(spec.timeoutMs, timer.signal).then(
        () => {
          if (settled) return
          finish({ status: 0, error: `timeout after ${spec.timeoutMs} ms` })
          req.destroy()
        },
        () => undefined
      )
      req.end()
    })
  }

  return {
    probe,
    close() {
      httpAgent.destroy()
      httpsAgent.destroy()
    }
  }
}

function headerOf(
  headers: http.IncomingHttpHeaders,
  name: string
): string | undefined {
  const v = headers[name]
  const s = Array.isArray(v) ? v[0] : v
  return s && s.trim() ? s.trim() : undefined
}

function transportError(e: Error): string {
  const code = (e as { code?: unknown }).code
  return typeof code === 'string' && !e.message.includes(code)
    ? `${e.message} (${code})`
    : e.message || String(code ?? 'transport error')
}
