import http from 'node:http'
import type { SimContext } from '../context.js'
import { ApiError } from './errors.js'
import { match, type Ctx, type Result, type Route } from './router.js'
import { appRoutes } from './routes/apps.js'
import { leaseRoutes } from './routes/leases.js'
import { machineRoutes } from './routes/machines.js'
import { postgresRoutes } from './routes/postgres.js'
import { registryRoutes } from './routes/registry.js'

const ROUTES: readonly Route[] = [
  ...machineRoutes,
  ...leaseRoutes,
  ...appRoutes,
  ...postgresRoutes,
  ...registryRoutes
]

/** MAX_BODY is the largest request body flysim reads [sim choice]. */
const MAX_BODY = 1 << 20
/** The request log keeps the newest entries only. */
const MAX_LOG = 200_000

/** routeTemplates lists every (method, OpenAPI path) flysim serves. */
export function routeTemplates(): {
  method: string
  template: string
  op: string
}[] {
  return ROUTES.map((r) => ({
    method: r.method,
    template: r.template,
    op: r.op
  }))
}

/**
 * createApiServer returns the Machines API server: `/v1` as in
 * machines-openapi.json, plus the registry subset under `/v2`. Every request
 * is logged; request faults, then auth, then rate limits apply before the
 * handler runs. A handler's bug answers 500 and never takes the server down.
 */
export function createApiServer(sim: SimContext): http.Server {
  let seq = 0
  const server = http.createServer((req, res) => {
    void serve(req, res)
  })

  async function serve(
    req: http.IncomingMessage,
    res: http.ServerResponse
  ): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://flysim')
    const method = (req.method ?? 'GET').toUpperCase()
    const path = url.pathname
    const abort = new AbortController()
    res.once('close', () => abort.abort())
    const record = {
      seq: ++seq,
      at: sim.world.now(),
      method,
      path,
      query: url.search.slice(1),
      status: 0,
      route: undefined as string | undefined,
      op: undefined as string | undefined,
      body: undefined as string | undefined
    }
    sim.log.push(record)
    if (sim.log.length > MAX_LOG) sim.log.splice(0, sim.log.length - MAX_LOG)

    const send = (
      status: number,
      body?: unknown,
      headers: Record<string, string> = {},
      text = false
    ): void => {
      record.status = status
      if (res.headersSent || res.destroyed) return
      const payload =
        body === undefined ? '' : text ? String(body) : JSON.stringify(body)
      const h: Record<string, string> = { ...headers }
      if (body !== undefined)
        h['content-type'] = text
          ? 'text/plain; charset=utf-8'
          : 'application/json; charset=utf-8'
      h['content-length'] = String(Buffer.byteLength(payload))
      h['fly-request-id'] =
        sim.world.rng.ulid(sim.world.now()) + '-' + sim.settings.clientRegion
      res.writeHead(status, h)
      res.end(method === 'HEAD' ? undefined : payload)
      sim.onResponse?.({
        method,
        path,
        route: record.route,
        op: record.op,
        status,
        body: text ? body : body === undefined ? undefined : JSON.parse(payload)
      })
    }

    try {
      const text = await readBody(req)
      const found = match(ROUTES, method, path)
      if (found && 'route' in found) {
        record.route = found.route.template
        record.op = found.route.op
      }
      if (text && !path.includes('/secrets')) record.body = text

      // 1. Injected request faults.
      const fault = sim.faults.take(method, path)
      if (fault?.kind === 'reset') {
        record.status = -1
        req.socket.destroy()
        return
      }
      if (fault?.kind === 'status') {
        send(
          fault.status,
          fault.body ?? { error: `injected fault: ${fault.status}` }
        )
        return
      }
      if (fault?.kind === 'delay')
        await sim.world.clock
          .sleep(fault.ms, abort.signal)
          .catch(() => undefined)
      if (abort.signal.aborted) return

      // 2. Auth: Bearer (or fly-go's FlyV1) token.
      if (!authorized(req, sim.settings.token)) {
        if (path.startsWith('/v2')) {
          send(
            401,
            {
              errors: [
                { code: 'UNAUTHORIZED', message: 'authentication required' }
              ]
            },
            {
              'www-authenticate': 'Bearer realm="flysim"'
            }
          )
        } else send(401, { error: 'You must be authenticated to view this.' })
        return
      }

      if (!found) {
        send(404, { error: `no route for ${method} ${path}` })
        return
      }
      if (!('route' in found)) {
        send(
          405,
          {
            error: `method ${method} not allowed on ${path}; use ${found.allowed.join(', ')}`
          },
          {
            allow: found.allowed.join(', ')
          }
        )
        return
      }
      const { route, params } = found

      // 3. Body: JSON or nothing.
      let body: unknown
      if (text.length > 0) {
        try {
          body = JSON.parse(text)
        } catch (e) {
          send(400, { error: `invalid JSON body: ${(e as Error).message}` })
          return
        }
      }

      const nonceHeader = req.headers['fly-machine-lease-nonce']
      const ctx: Ctx = {
        sim,
        req,
        method,
        path,
        query: url.searchParams,
        params,
        body,
        nonce:
          typeof nonceHeader === 'string' && nonceHeader
            ? nonceHeader
            : undefined,
        signal: abort.signal
      }

      // 4. Rate limits (API-NOTES §10): 429 with an ErrorResponse, no Retry-After.
      // [sim choice] a request the handler then refuses (4xx) has spent its token.
      const bucket = route.rate?.(ctx)
      if (
        bucket &&
        !sim.limiter.take(`${route.op}:${bucket.key}`, bucket.rate)
      ) {
        send(429, { error: 'rate limit exceeded, slow down' })
        return
      }

      const result: Result = await route.handler(ctx)
      if (abort.signal.aborted) return
      send(result.status, result.body, result.headers, result.text)
    } catch (e) {
      if (e instanceof ApiError) send(e.httpStatus, e.toBody())
      else if (e instanceof BodyTooLarge) send(413, { error: e.message })
      else
        send(500, {
          error: `flysim internal error: ${(e as Error)?.message ?? String(e)}`
        })
    }
  }

  return server
}

class BodyTooLarge extends Error {}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY) {
        reject(new BodyTooLarge(`request body over ${MAX_BODY} bytes`))
        req.resume()
        return
      }
      chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

/**
 * authorized accepts the API's `Bearer <token>` (or fly-go's `FlyV1 <token>`)
 * and, as registry.fly.io does, `Basic base64(x:<token>)` (flyctl's docker
 * login uses user `x` and the token as password).
 */
function authorized(req: http.IncomingMessage, token: string): boolean {
  const h = req.headers.authorization ?? ''
  const m = /^(Bearer|FlyV1|Basic)\s+(.+)$/i.exec(h)
  if (!m) return false
  if (m[1]!.toLowerCase() !== 'basic') return m[2]!.trim() === token
  const decoded = Buffer.from(m[2]!.trim(), 'base64').toString('utf8')
  return decoded.slice(decoded.indexOf(':') + 1) === token
}
