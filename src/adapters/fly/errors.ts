/**
 * Machines API answers → errors. A non-2xx becomes a FlyApiError (or its
 * LeaseConflictError / RateLimitedError subclasses) classified by status and
 * the body's machine-readable status, never by message text. The server's
 * message is kept, redacted: it is text we do not control.
 */
import {
  FlyApiError,
  LeaseConflictError,
  RateLimitedError,
  type LeaseHolder
} from '../../core/errors.js'

/** Redact scrubs secrets (the token, secret values) from text we show. */
export type Redact = (text: string) => string

/** MAX_SERVER_MESSAGE bounds how much of an error body a message quotes. */
const MAX_SERVER_MESSAGE = 300

/** ErrorBody is what an error answer said, in any of the shapes Fly uses. */
export interface ErrorBody {
  message?: string
  /** ErrorResponse.status (main.statusCode), or the lease envelope's `code`. */
  flyStatus?: string
  /** True when the body was the lease endpoints' `{status: "error", …}` envelope. */
  wrapped: boolean
}

/**
 * parseErrorBody reads an error answer's body:
 *
 *   {"error":"not found"}                                → message "not found"
 *   {"error":"…","status":"insufficient_capacity"}       → flyStatus insufficient_capacity
 *   {"status":"error","message":"…","code":"invalid"}    → wrapped, flyStatus invalid
 *   {"errors":[{"message":"…"}]}                         → message of the first
 *   plain text                                           → its first line
 */
export function parseErrorBody(text: string): ErrorBody {
  const trimmed = text.trim()
  if (!trimmed) return { wrapped: false }
  let json: unknown
  try {
    json = JSON.parse(trimmed)
  } catch {
    return { message: trimmed.split('\n')[0]!, wrapped: false }
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    return { message: trimmed, wrapped: false }
  }
  const o = json as Record<string, unknown>
  const wrapped = o.status === 'error' || o.status === 'success'
  const str = (v: unknown): string | undefined =>
    typeof v === 'string' && v.trim() ? v.trim() : undefined
  const first = Array.isArray(o.errors)
    ? (o.errors[0] as Record<string, unknown> | undefined)
    : undefined
  const message =
    str(o.error) ??
    str(o.message) ??
    (first && typeof first === 'object' ? str(first.message) : undefined)
  const flyStatus = wrapped ? str(o.code) : str(o.status)
  const out: ErrorBody = { wrapped }
  if (message) out.message = message
  if (flyStatus) out.flyStatus = flyStatus
  return out
}

/**
 * parseLeaseHolder reads the holder out of a 409's message, best effort
 * (context only; the classification never depends on it):
 *
 *   "machine ID m1 lease currently held by ci@example.com, expires at 2026-01-02 03:04:05 +0000 UTC"
 *     → {owner: "ci@example.com", expiresAt: 1767323045}
 */
export function parseLeaseHolder(message: string | undefined): LeaseHolder {
  const m = /lease currently held by (.+?)(?:, expires at (.+))?$/.exec(
    message ?? ''
  )
  if (!m) return {}
  const out: LeaseHolder = { owner: m[1]!.trim() }
  const at = m[2]
    ?.trim()
    .replace(/^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d(?:\.\d+)?).*$/, '$1T$2Z')
  const ms = at ? Date.parse(at) : NaN
  if (Number.isFinite(ms)) out.expiresAt = Math.floor(ms / 1000)
  return out
}

/** Statuses of main.statusCode that say a 409 is about capacity, not a lease. */
const NOT_A_LEASE = new Set([
  'insufficient_capacity',
  'volume_placement_capacity',
  'name_taken'
])

/**
 * toApiError maps a non-2xx answer:
 *
 * - 429 → RateLimitedError (no Retry-After: API-NOTES §10);
 * - 409 → LeaseConflictError, unless the ErrorResponse status names another
 *   cause (flysim's capacity refusal on update is a 409 `insufficient_capacity`);
 * - anything else → FlyApiError with the ErrorResponse `status`.
 */
export function toApiError(
  res: { status: number; method: string; path: string; body: string },
  redact: Redact
): FlyApiError {
  const parsed = parseErrorBody(res.body)
  // Redact first, then clip: clipping first could cut a secret so it no longer matches.
  const said = parsed.message ? clip(redact(parsed.message)) : undefined
  const message =
    `machines api answered ${res.status} to ${res.method} ${res.path}` +
    (said ? `: ${said}` : '')
  if (res.status === 429) {
    return new RateLimitedError(res.method, res.path, message)
  }
  if (
    res.status === 409 &&
    !(parsed.flyStatus && NOT_A_LEASE.has(parsed.flyStatus))
  ) {
    return new LeaseConflictError(
      res.method,
      res.path,
      message,
      parseLeaseHolder(said)
    )
  }
  return new FlyApiError(
    res.status,
    res.method,
    res.path,
    parsed.flyStatus,
    message
  )
}

/**
 * networkError is a request that got no answer: status 0. The cause is
 * rebuilt from its message and code only, redacted, so nothing the failing
 * layer attached (a request, headers) travels with the error.
 */
export function networkError(
  method: string,
  path: string,
  cause: unknown,
  redact: Redact,
  timeoutMs?: number
): FlyApiError {
  const code = errorCode(cause)
  const text = redact(describe(cause))
  const message =
    timeoutMs !== undefined
      ? `machines api did not answer ${method} ${path} within ${timeoutMs} ms`
      : `machines api unreachable for ${method} ${path}: ${text}` +
        (code && !text.includes(code) ? ` (${code})` : '')
  const safeCause = Object.assign(new Error(text), code ? { code } : {})
  return new FlyApiError(0, method, path, undefined, message, {
    cause: safeCause
  })
}

/** unexpectedBody is a 2xx whose body is not what the operation returns. */
export function unexpectedBody(
  res: { status: number; method: string; path: string },
  what: string
): FlyApiError {
  return new FlyApiError(
    res.status,
    res.method,
    res.path,
    undefined,
    `machines api answered ${res.status} to ${res.method} ${res.path} with an unexpected body: ${what}`
  )
}

function describe(e: unknown): string {
  if (e instanceof Error) {
    const inner =
      e.cause instanceof Error && e.cause.message !== e.message
        ? `: ${e.cause.message}`
        : ''
    return `${e.message || e.name}${inner}`
  }
  return String(e)
}

/** errorCode finds a Node/undici error code (ECONNRESET, UND_ERR_SOCKET, …) on an error or its cause. */
function errorCode(e: unknown): string | undefined {
  for (let cur = e, i = 0; cur && i < 4; i++) {
    const code = (cur as { code?: unknown }).code
    if (typeof code === 'string' && code) return code
    cur = (cur as { cause?: unknown }).cause
  }
  return undefined
}

function clip(s: string): string {
  return s.length > MAX_SERVER_MESSAGE
    ? `${s.slice(0, MAX_SERVER_MESSAGE)}…`
    : s
}
