import { FlyctlError, type FlyctlIO } from './io.js'

/**
 * The stand-in flyctl's Machines API client. Like fly-go it finds the API at
 * `FLY_FLAPS_BASE_URL` (default https://api.machines.dev) and prefixes
 * `/v1` (API-NOTES §1); flysim's registry subset is on the same host under
 * `/v2` [sim choice, as flysim serves it there].
 */

/** DEFAULT_FLAPS_URL is fly-go's default Machines API base URL. */
export const DEFAULT_FLAPS_URL = 'https://api.machines.dev'

/** FlapsResponse is a decoded answer of any status. */
export interface FlapsResponse {
  status: number
  headers: Headers
  /** Parsed JSON body, or undefined when empty or not JSON. */
  body: unknown
  text: string
}

/**
 * ApiError is a non-2xx answer. Its message is the server's `error` text
 * (or a registry's `errors[0].message`); flyctl shows it after a context
 * prefix, plus the request id.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly requestId: string | undefined,
    readonly body: unknown
  ) {
    super(message)
  }
}

/** TransportError is a request that got no HTTP answer (refused, reset, no such host). */
export class TransportError extends Error {}

/** Flaps is the client: one `request` chokepoint. */
export interface Flaps {
  readonly baseUrl: string
  request(
    method: string,
    path: string,
    options?: { body?: unknown; nonce?: string; query?: Record<string, string> }
  ): Promise<FlapsResponse>
}

/**
 * resolveToken returns the API token flyctl would use: `--access-token`,
 * else FLY_ACCESS_TOKEN, else FLY_API_TOKEN. Missing → flyctl's login error.
 */
export function resolveToken(io: FlyctlIO, flag: string): string {
  const token = flag || io.env.FLY_ACCESS_TOKEN || io.env.FLY_API_TOKEN || ''
  if (!token.trim()) {
    throw new FlyctlError(
      "No access token available. Please login with 'flyctl auth login'"
    )
  }
  return token.trim()
}

/**
 * createFlaps returns a client for `io.env.FLY_FLAPS_BASE_URL`. The token is
 * sent as `Authorization: Bearer <token>`, or as is when it is already a
 * `FlyV1 …` macaroon header value, as flyctl does. It never appears in an
 * error message.
 */
export function createFlaps(
  io: FlyctlIO,
  token: string,
  version: string
): Flaps {
  const baseUrl = (io.env.FLY_FLAPS_BASE_URL || DEFAULT_FLAPS_URL).replace(
    /\/+$/,
    ''
  )
  const authorization = /^FlyV1\s/.test(token) ? token : `Bearer ${token}`
  return {
    baseUrl,
    async request(method, path, options = {}) {
      const url = new URL(baseUrl + path)
      for (const [k, v] of Object.entries(options.query ?? {})) {
        url.searchParams.set(k, v)
      }
      const headers: Record<string, string> = {
        authorization,
        'user-agent': `flyctl/${version}`,
        accept: 'application/json'
      }
      if (options.nonce) headers['fly-machine-lease-nonce'] = options.nonce
      let payload: string | undefined
      if (options.body !== undefined) {
        payload = JSON.stringify(options.body)
        headers['content-type'] = 'application/json'
      }
      let res: Response
      try {
        res = await io.fetch(url, { method, headers, body: payload })
      } catch (e) {
        throw new TransportError(networkMessage(method, url, e))
      }
      const text = await res.text().catch(() => '')
      let body: unknown
      try {
        body = text ? JSON.parse(text) : undefined
      } catch {
        body = undefined
      }
      if (res.status >= 200 && res.status < 300) {
        return { status: res.status, headers: res.headers, body, text }
      }
      throw new ApiError(
        res.status,
        errorText(res.status, body, text),
        res.headers.get('fly-request-id') ?? undefined,
        body
      )
    }
  }
}

/**
 * describeApiError renders an API or transport failure with flyctl's
 * context prefix (and the request id, when there was an answer):
 * `failed to get app: app not found (Request ID: 01J…-sjc)`. A FlyctlError
 * is already complete and passes through.
 */
export function describeApiError(context: string, e: unknown): FlyctlError {
  if (e instanceof ApiError) {
    const id = e.requestId ? ` (Request ID: ${e.requestId})` : ''
    return new FlyctlError(`${context}: ${e.message}${id}`)
  }
  if (e instanceof FlyctlError) return e
  return new FlyctlError(
    `${context}: ${e instanceof Error ? e.message : String(e)}`
  )
}

function errorText(status: number, body: unknown, text: string): string {
  if (body && typeof body === 'object') {
    const b = body as { error?: unknown; message?: unknown; errors?: unknown }
    if (typeof b.error === 'string' && b.error) return b.error
    if (Array.isArray(b.errors) && b.errors.length) {
      const first = b.errors[0] as { code?: unknown; message?: unknown }
      const code = typeof first.code === 'string' ? `${first.code}: ` : ''
      if (typeof first.message === 'string') return code + first.message
    }
    if (typeof b.message === 'string' && b.message) return b.message
  }
  const trimmed = text.trim()
  return trimmed
    ? `request returned non-2xx status, ${status}: ${trimmed.slice(0, 200)}`
    : `request returned non-2xx status, ${status}`
}

/**
 * networkMessage renders a transport failure like Go's net/http does:
 * `Get "http://127.0.0.1:1/v1/apps/demo": dial tcp 127.0.0.1:1: connect:
 * connection refused`.
 */
function networkMessage(method: string, url: URL, e: unknown): string {
  const goMethod = method[0] + method.slice(1).toLowerCase()
  const cause = (e as { cause?: { code?: string; message?: string } })?.cause
  const host = url.port
    ? url.host
    : `${url.hostname}:${url.protocol === 'https:' ? 443 : 80}`
  let why: string
  switch (cause?.code) {
    case 'ECONNREFUSED':
      why = `dial tcp ${host}: connect: connection refused`
      break
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      why = `dial tcp: lookup ${url.hostname}: no such host`
      break
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      why = 'connection reset by peer'
      break
    default:
      why = cause?.message ?? (e instanceof Error ? e.message : String(e))
  }
  return `${goMethod} "${url.origin}${url.pathname}": ${why}`
}
