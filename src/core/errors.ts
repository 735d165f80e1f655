/**
 * The errors fly-rollout throws on purpose (HOUSE-STYLE §4). Each is a small
 * named class whose context lives in fields; retry policy reads `retryable`
 * or the class, never the message text. Messages start lowercase so they
 * embed in other sentences, and never carry a token or a secret value.
 */
import { formatDiagnostic, type Diagnostic } from './diagnostics.js'

/** ErrorCode names each class of error; it is stable for outputs and tests. */
export type ErrorCode =
  | 'input'
  | 'plan'
  | 'fly-api'
  | 'lease-conflict'
  | 'rate-limited'
  | 'flyctl'
  | 'checksum'
  | 'state-conflict'

/** FlyRolloutError is the base of every error we throw on purpose. */
export abstract class FlyRolloutError extends Error {
  abstract readonly code: ErrorCode

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    Object.defineProperty(this, 'name', {
      value: new.target.name,
      enumerable: false,
      configurable: true,
      writable: true
    })
  }

  /** True when the same call may succeed if repeated unchanged. */
  get retryable(): boolean {
    return false
  }

  /**
   * toJSON serializes the name, code, message and the context fields. The
   * `cause` is left out: it is another error whose text we do not control.
   */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = {
      name: this.name,
      code: this.code,
      message: this.message,
      retryable: this.retryable
    }
    for (const [k, v] of Object.entries(this)) {
      if (k !== 'cause' && !(k in out)) out[k] = v
    }
    return out
  }
}

/**
 * FlyApiError is a Machines API call that did not succeed: a non-2xx answer,
 * or no answer at all (`status` 0: network failure, reset, timeout or abort).
 * The request is redacted: method and path only, never headers or bodies.
 */
export class FlyApiError extends FlyRolloutError {
  readonly code: 'fly-api' | 'lease-conflict' | 'rate-limited' = 'fly-api'

  constructor(
    /** HTTP status; 0 = network failure or abort. */
    readonly status: number,
    readonly method: string,
    /** The request path (with query), e.g. `/v1/apps/demo/machines/m1`. */
    readonly path: string,
    /** ErrorResponse.status, e.g. `insufficient_capacity` (API-NOTES §1). */
    readonly flyStatus: string | undefined,
    message: string,
    options?: { cause?: unknown }
  ) {
    super(message, options)
  }

  /** 0 (no answer), 429 and 5xx may succeed when repeated. */
  override get retryable(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500
  }
}

/** LeaseHolder is who holds a machine's lease, as far as the API said. */
export interface LeaseHolder {
  owner?: string
  description?: string
  /** Unix seconds. */
  expiresAt?: number
}

/**
 * LeaseConflictError is a 409: someone else holds the machine's lease
 * (API-NOTES §4). Never retried blindly: the policy waits, re-reads the
 * holder, then gives up.
 */
export class LeaseConflictError extends FlyApiError {
  override readonly code = 'lease-conflict' as const

  constructor(
    method: string,
    path: string,
    message: string,
    /** The holder, when the API told us (owner, description, expiry). */
    readonly holder: LeaseHolder = {},
    options?: { cause?: unknown }
  ) {
    super(409, method, path, undefined, message, options)
  }

  override get retryable(): boolean {
    return false
  }
}

/**
 * RateLimitedError is a 429. Fly sends no Retry-After (API-NOTES §10), so the
 * caller backs off on its own; the request was not applied.
 */
export class RateLimitedError extends FlyApiError {
  override readonly code = 'rate-limited' as const

  constructor(
    method: string,
    path: string,
    message: string,
    options?: { cause?: unknown }
  ) {
    super(429, method, path, undefined, message, options)
  }

  override get retryable(): boolean {
    return true
  }
}

/**
 * AppNameTakenError is a 422 `name_taken` from app creation (API-NOTES §2.1):
 * the name is in use. App names are global, so it may be another org's app;
 * a flow that creates its app again (a preview) treats this as "already
 * exists" once `Apps.get` shows the app in its org.
 */
export class AppNameTakenError extends FlyApiError {
  constructor(
    /** The name that was asked for. */
    readonly app: string,
    method: string,
    path: string,
    message: string,
    options?: { cause?: unknown }
  ) {
    super(422, method, path, 'name_taken', message, options)
  }
}

/** InputError lists every problem with the inputs at once. */
export class InputError extends FlyRolloutError {
  readonly code = 'input'

  constructor(
    readonly problems: readonly string[],
    options?: { cause?: unknown }
  ) {
    super(
      problems.length === 1
        ? `invalid input: ${problems[0]}`
        : `invalid input (${problems.length} problems): ${problems.join('; ')}`,
      options
    )
  }
}

/** PlanError is a plan that must not run: it has error diagnostics. */
export class PlanError extends FlyRolloutError {
  readonly code = 'plan'

  constructor(
    readonly diagnostics: readonly Diagnostic[],
    options?: { cause?: unknown }
  ) {
    const errors = diagnostics.filter((d) => d.severity === 'error')
    const shown = errors.length > 0 ? errors : diagnostics
    super(
      `the plan has ${errors.length} error${errors.length === 1 ? '' : 's'}: ` +
        shown.map(formatDiagnostic).join('; '),
      options
    )
  }
}

/**
 * StateConflictError: another rollout is in flight on the app, or the app
 * drifted from what the recorded state says.
 */
export class StateConflictError extends FlyRolloutError {
  readonly code = 'state-conflict'

  constructor(
    message: string,
    /** What conflicts: the app, the other rollout, the drifted machines. */
    readonly details: {
      app?: string
      rolloutId?: string
      machineIds?: readonly string[]
    } = {},
    options?: { cause?: unknown }
  ) {
    super(message, options)
  }
}

/** Flags whose value is a credential; their values are redacted in argv. */
const SECRET_FLAGS = new Set(['--access-token', '-t', '--token'])

/**
 * redactArgs returns argv with credentials replaced by `[REDACTED]`: the
 * values of token flags, the value of every positional `NAME=value` (flyctl
 * takes secrets, build secrets and env that way), and any occurrence of a
 * known secret.
 *
 *   ['deploy', '-t', 'fo1_x']           → ['deploy', '-t', '[REDACTED]']
 *   ['secrets', 'set', 'DB=postgres:…'] → ['secrets', 'set', 'DB=[REDACTED]']
 *   ['--access-token=fo1_x']            → ['--access-token=[REDACTED]']
 *   ['--config=fly.toml']               → ['--config=fly.toml']
 */
export function redactArgs(
  args: readonly string[],
  secrets: readonly string[] = []
): string[] {
  const out: string[] = []
  for (let i = 0; i < args.length; i++) {
    const a = redactText(args[i]!, secrets)
    const eq = a.indexOf('=')
    const flag = a.startsWith('-')
    if (SECRET_FLAGS.has(a) && i + 1 < args.length) {
      out.push(a, REDACTED)
      i++
    } else if (eq > 0 && (!flag || SECRET_FLAGS.has(a.slice(0, eq)))) {
      out.push(`${a.slice(0, eq)}=${REDACTED}`)
    } else out.push(a)
  }
  return out
}

/** REDACTED replaces a secret wherever one would have been shown. */
export const REDACTED = '[REDACTED]'

/** redactText replaces every occurrence of each secret (of 4+ characters) in text. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text
  for (const s of secrets) {
    if (s.length < 4) continue
    // The raw value, and the forms a URL or a JSON body would carry it in.
    for (const form of new Set([
      s,
      encodeURIComponent(s),
      JSON.stringify(s).slice(1, -1)
    ])) {
      out = out.split(form).join(REDACTED)
    }
  }
  return out
}

/** FLYCTL_STDERR_MAX is how much of flyctl's stderr an error keeps (its tail). */
const FLYCTL_STDERR_MAX = 4000

/** FlyctlError is a flyctl run that failed. `args` is redacted, `stderr` trimmed to its tail. */
export class FlyctlError extends FlyRolloutError {
  readonly code = 'flyctl'
  readonly args: readonly string[]
  readonly stderr: string

  constructor(
    readonly exitCode: number,
    args: readonly string[],
    stderr: string,
    options?: { cause?: unknown; secrets?: readonly string[] }
  ) {
    const secrets = options?.secrets ?? []
    const safeArgs = redactArgs(args, secrets)
    const err = redactText(stderr, secrets).trim()
    const tail =
      err.length > FLYCTL_STDERR_MAX ? err.slice(-FLYCTL_STDERR_MAX) : err
    const lastLine = tail.split('\n').pop()?.trim() ?? ''
    const command = []
    for (const a of safeArgs) {
      if (a.startsWith('-') || command.length === 2) break
      command.push(a)
    }
    super(
      `flyctl${command.map((c) => ` ${c}`).join('')} exited with code ${exitCode}` +
        (lastLine ? `: ${lastLine}` : ''),
      options?.cause === undefined ? undefined : { cause: options.cause }
    )
    this.args = safeArgs
    this.stderr = tail
  }
}

/** ChecksumMismatchError is a download whose sha256 is not the one checksums.txt lists. */
export class ChecksumMismatchError extends FlyRolloutError {
  readonly code = 'checksum'

  constructor(
    readonly asset: string,
    readonly expected: string,
    readonly actual: string,
    options?: { cause?: unknown }
  ) {
    super(
      `checksum mismatch for ${asset}: expected sha256 ${expected}, got ${actual}`,
      options
    )
  }
}

/**
 * errorMessage returns a one-line, lowercase-first message for anything
 * thrown, fit for `fly-rollout failed: ${errorMessage(e)}`.
 *
 *   new Error('Boom')          → 'boom'
 *   new Error('API is down')   → 'API is down' (an acronym keeps its case)
 *   'plain string'             → 'plain string'
 *   { message: 'x' }           → 'x'
 *   undefined                  → 'unknown error'
 */
export function errorMessage(err: unknown): string {
  let msg: string
  if (err instanceof Error) msg = err.message
  else if (typeof err === 'string') msg = err
  else if (
    err &&
    typeof err === 'object' &&
    typeof (err as { message?: unknown }).message === 'string'
  ) {
    msg = (err as { message: string }).message
  } else if (err === undefined || err === null) msg = ''
  else {
    try {
      msg = JSON.stringify(err) ?? String(err)
    } catch {
      msg = String(err)
    }
  }
  msg = msg.trim().replace(/^error:\s*/i, '')
  if (!msg) {
    return err instanceof Error && err.name !== 'Error'
      ? err.name
      : 'unknown error'
  }
  const second = msg[1]
  if (!second || second === second.toLowerCase()) {
    msg = msg[0]!.toLowerCase() + msg.slice(1)
  }
  return msg
}
