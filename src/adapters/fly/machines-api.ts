/**
 * The Fly Machines API client: the Machines, Apps, Secrets, Volumes and
 * Platform ports over HTTP (API-NOTES §1, §2, §4, §5, §7, §10).
 *
 * Every call goes through one private `request` chokepoint, which adds the
 * token, times the request out, counts it, maps failures to errors and
 * retries what is safe to retry:
 *
 * | answer                 | safe op (GET, /wait, refresh, release, metadata, stop, …) | unsafe op (create, update, acquire, app/volume create, IP assign) |
 * |------------------------|-----------------------------------------------------------|-------------------------------------------------------------------|
 * | 429                    | retried (backoff + jitter)                                | retried: it was not applied                                       |
 * | 5xx, reset, timeout    | retried                                                   | thrown, `retryable`: it may have been applied                     |
 * | 409 (lease)            | thrown (LeaseConflictError)                               | thrown (LeaseConflictError)                                       |
 * | 400/401/403/404/412/422| thrown (a 404/412 after a retry may mean "done": per op)  | thrown (app create's 422 `name_taken`: AppNameTakenError)         |
 *
 * Postgres attach is safe: it is idempotent by app name ([OA3]: "The
 * attachment is created if it does not already exist", 200 when attached).
 * Postgres detach is safe, and a 404 after a retry means the first attempt
 * detached it.
 *
 * Backoff sleeps through the injected `sleep`, so tests and flysim's virtual
 * clock control time. Errors and logs carry method and path only: never the
 * token, the Authorization header or a request body.
 */
import { setTimeout as delay } from 'node:timers/promises'
import type { MachineConfig, MachineView } from '../../core/types.js'
import {
  AppNameTakenError,
  FlyApiError,
  LeaseConflictError,
  redactText,
  type LeaseHolder
} from '../../core/errors.js'
import type {
  AppSummary,
  Apps,
  IpAssignment,
  Lease,
  Logger,
  Machines,
  Platform,
  Postgres,
  Secrets,
  Volumes,
  WaitResult
} from '../../orchestrator/ports.js'
import {
  networkError,
  toApiError,
  unexpectedBody,
  type Redact
} from './errors.js'
import type { operations } from './openapi.js'
import {
  list,
  obj,
  optBool,
  optNum,
  optObj,
  optStr,
  toMachineEvent,
  toMachineView,
  toWireConfig,
  WireShapeError,
  type WireApp,
  type WireAssignIpRequest,
  type WireCreateMachineRequest,
  type WireCreatePostgresAttachmentRequest,
  type WireListApps,
  type WireListIps,
  type WireLease,
  type WireLeaseEnvelope,
  type WireMachine,
  type WireMachineEvent,
  type WireMachineVersion,
  type WireRegions,
  type WireSecrets,
  type WireSecretsUpdateRequest,
  type WireSecretsUpdateResponse,
  type WireUpdateMachineRequest,
  type WireUpdateMetadataRequest,
  type WireVolume,
  type WireWaitResponse
} from './wire.js'

/** Op is a Machines API operation, named by its operationId in machines-openapi.json. */
export type Op = keyof operations

/** ApiStats counts requests: every attempt, per operation, plus retries and 429s. */
export interface ApiStats {
  byOp: Record<string, number>
  /** Requests sent again after a 429, a 5xx or no answer. */
  retries: number
  /** 429 answers received. */
  rateLimited: number
}

export interface FlyMachinesApiOptions {
  /** e.g. `https://api.machines.dev` or flysim's apiUrl; a trailing `/v1` is tolerated. */
  baseUrl: string
  /** A Fly API token: sent as `Bearer <token>` (or as is when it starts with `FlyV1 `). A secret. */
  token: string
  fetch?: typeof fetch
  /** Sleeps between retries (default: real timers); pass a virtual clock's sleep to run backoff on it. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  /** Jitter source in [0, 1) (default Math.random). */
  random?: () => number
  logger?: Logger
  /** Attempts per call when the API fails (5xx, reset, timeout) and the op is safe to repeat; default 5. */
  maxAttempts?: number
  /** Attempts per call while the API answers 429; default 12. */
  maxRateLimitedAttempts?: number
  /** Backoff: base delay (doubling per attempt) and cap, ms; default 250 and 10 000. */
  backoff?: { baseMs?: number; maxMs?: number }
  /** Per-request timeout, real ms (a `/wait` gets its own timeout on top); default 60 000. */
  requestTimeoutMs?: number
  /** User-Agent header; default `fly-rollout`. */
  userAgent?: string
}

/** FlyMachinesApi is every port the Machines API backs, plus request counters. */
export interface FlyMachinesApi {
  machines: Machines
  apps: Apps
  secrets: Secrets
  volumes: Volumes
  platform: Platform
  postgres: Postgres
  /** stats returns a copy of the request counters. */
  stats(): ApiStats
}

/** NONCE_HEADER carries a lease nonce (API-NOTES §2). */
export const NONCE_HEADER = 'fly-machine-lease-nonce'

/** WAIT_MAX_S is the longest `/wait` Fly blocks for; fly-go clamps to 1–60 (API-NOTES §5). */
export const WAIT_MAX_S = 60

type Method = 'GET' | 'POST' | 'DELETE' | 'PATCH'

interface Call {
  op: Op
  method: Method
  /** Path with query, starting `/v1/`. */
  path: string
  body?: unknown
  nonce?: string
  /**
   * safe: repeating it cannot do harm (reads, /wait, idempotent writes), so
   * 5xx and no-answer are retried. unsafe: it may have been applied, so only
   * 429 (never applied) is retried.
   */
  safe: boolean
  /** Statuses that are answers, not errors (408 from /wait, 404 from a read of something optional). */
  accept?: readonly number[]
  /** Statuses that mean "already done" once an earlier attempt may have been applied. */
  doneAfterRetry?: readonly number[]
  timeoutMs?: number
  /** The caller's signal: aborting it ends the call with the signal's reason, without a retry. */
  signal?: AbortSignal
  /** Values to scrub from any error text (secret values sent in the body). */
  secrets?: readonly string[]
}

/** Answer is a response the call accepts: its status and parsed JSON body. */
interface Answer {
  status: number
  body: unknown
}

/** Raw is one HTTP response as received. */
interface Raw {
  status: number
  text: string
}

/**
 * createFlyMachinesApi returns the Machines API ports over HTTP. The client
 * keeps no state besides its counters; it is safe to share.
 */
export function createFlyMachinesApi(
  options: FlyMachinesApiOptions
): FlyMachinesApi {
  const base = options.baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '')
  const fetchImpl = options.fetch ?? globalThis.fetch
  const sleep = options.sleep ?? ((ms: number) => delay(ms))
  const random = options.random ?? Math.random
  const log = options.logger
  const maxAttempts = Math.max(1, options.maxAttempts ?? 5)
  const maxLimited = Math.max(1, options.maxRateLimitedAttempts ?? 12)
  const baseMs = options.backoff?.baseMs ?? 250
  const maxMs = options.backoff?.maxMs ?? 10_000
  const requestTimeoutMs = options.requestTimeoutMs ?? 60_000
  const authorization = /^(Bearer|FlyV1)\s/i.test(options.token)
    ? options.token
    : `Bearer ${options.token}`
  const tokenParts = [
    options.token,
    options.token.replace(/^(Bearer|FlyV1)\s+/i, ''),
    ...options.token.split(/[\s,]+/).filter((p) => p.length >= 8)
  ]
  const redactWith =
    (extra: readonly string[] = []): Redact =>
    (text) =>
      redactText(text, [...tokenParts, ...extra])

  const counters: ApiStats = { byOp: {}, retries: 0, rateLimited: 0 }

  /** backoffMs is the n-th (1-based) delay: exponential, capped, with equal jitter. */
  const backoffMs = (n: number): number => {
    const d = Math.min(maxMs, baseMs * 2 ** (n - 1))
    return Math.round(d / 2 + random() * (d / 2))
  }

  /**
   * send makes one HTTP attempt; it throws only when there is no answer. The
   * timeout is real time: it guards the transport, which a virtual clock
   * does not speed up (a server-side wait on flysim's clock only gets shorter).
   */
  async function send(call: Call, redact: Redact): Promise<Raw> {
    const timeoutMs = call.timeoutMs ?? requestTimeoutMs
    const abort = new AbortController()
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      abort.abort()
    }, timeoutMs)
    timer.unref?.()
    const onAbort = (): void => abort.abort()
    call.signal?.addEventListener('abort', onAbort, { once: true })
    const headers: Record<string, string> = {
      authorization,
      accept: 'application/json',
      'user-agent': options.userAgent ?? 'fly-rollout'
    }
    if (call.body !== undefined) headers['content-type'] = 'application/json'
    if (call.nonce) headers[NONCE_HEADER] = call.nonce
    try {
      const res = await fetchImpl(base + call.path, {
        method: call.method,
        headers,
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        signal: abort.signal
      })
      return { status: res.status, text: await res.text() }
    } catch (e) {
      if (call.signal?.aborted) throw call.signal.reason
      throw networkError(
        call.method,
        call.path,
        e,
        redact,
        timedOut ? timeoutMs : undefined
      )
    } finally {
      clearTimeout(timer)
      call.signal?.removeEventListener('abort', onAbort)
    }
  }

  /** request is the chokepoint: every Machines API call goes through it. */
  async function request(call: Call): Promise<Answer> {
    const redact = redactWith(call.secrets)
    let failures = 0
    let limited = 0
    let mayHaveApplied = false
    for (let attempt = 1; ; attempt++) {
      counters.byOp[call.op] = (counters.byOp[call.op] ?? 0) + 1
      let raw: Raw
      try {
        raw = await send(call, redact)
      } catch (e) {
        if (call.signal?.aborted) throw e
        if (!call.safe || failures + 1 >= maxAttempts) throw e
        failures++
        mayHaveApplied = true
        await retryAfter(call, attempt, failures, 'no answer')
        continue
      }
      const { status, text } = raw
      if ((status >= 200 && status < 300) || call.accept?.includes(status)) {
        return { status, body: parseJson(text) }
      }
      if (mayHaveApplied && call.doneAfterRetry?.includes(status)) {
        return { status, body: undefined }
      }
      if (status === 429) {
        counters.rateLimited++
        if (limited + 1 < maxLimited) {
          limited++
          await retryAfter(call, attempt, limited, '429')
          continue
        }
      } else if (status >= 500 && call.safe && failures + 1 < maxAttempts) {
        failures++
        mayHaveApplied = true
        await retryAfter(call, attempt, failures, String(status))
        continue
      }
      throw toApiError(
        { status, method: call.method, path: call.path, body: text },
        redact
      )
    }
  }

  async function retryAfter(
    call: Call,
    attempt: number,
    n: number,
    why: string
  ): Promise<void> {
    counters.retries++
    const ms = backoffMs(n)
    log?.debug(
      `retrying ${call.method} ${call.path} after ${why} (attempt ${attempt + 1}) in ${ms} ms`
    )
    await sleep(ms)
  }

  // --- helpers ----------------------------------------------------------------

  const appPath = (app: string): string => `/v1/apps/${enc(app)}`
  const machinePath = (app: string, id: string, rest = ''): string =>
    `${appPath(app)}/machines/${enc(id)}${rest}`

  function expectObject<T>(answer: Answer, call: Call, what: string): T {
    const b = answer.body
    if (!b || typeof b !== 'object' || Array.isArray(b)) {
      throw unexpectedBody(
        { status: answer.status, method: call.method, path: call.path },
        `expected ${what}`
      )
    }
    return b as T
  }

  function expectArray<T>(answer: Answer, call: Call, what: string): T[] {
    if (!Array.isArray(answer.body)) {
      throw unexpectedBody(
        { status: answer.status, method: call.method, path: call.path },
        `expected ${what}`
      )
    }
    return answer.body as T[]
  }

  /**
   * shaped reads a 2xx body with `read`: a field of the wrong type (a
   * WireShapeError) becomes a FlyApiError naming the call, never a
   * TypeError or a half-read value.
   */
  function shaped<R>(answer: Answer, c: Call, read: () => R): R {
    try {
      return read()
    } catch (e) {
      if (!(e instanceof WireShapeError)) throw e
      throw unexpectedBody(
        { status: answer.status, method: c.method, path: c.path },
        e.message
      )
    }
  }

  async function call<T, R = T>(
    c: Call,
    shape: 'object' | 'array' | 'none',
    what = 'a JSON body',
    read?: (value: T) => R
  ): Promise<{ status: number; value: R }> {
    const answer = await request(c)
    if (shape === 'none')
      return { status: answer.status, value: undefined as R }
    const value =
      shape === 'array'
        ? (expectArray<unknown>(answer, c, what) as T)
        : expectObject<T>(answer, c, what)
    return {
      status: answer.status,
      value: read
        ? shaped(answer, c, () => read(value))
        : (value as unknown as R)
    }
  }

  /**
   * leaseOf reads a lease answer in either shape (API-NOTES §4): wrapped
   * `{status: "success", data}` as fly-go decodes it, or a bare Lease.
   */
  function leaseOf(answer: Answer, c: Call): WireLease {
    const o = expectObject<WireLeaseEnvelope & WireLease>(answer, c, 'a lease')
    if (o.status === 'error') {
      throw toApiError(
        {
          status: answer.status,
          method: c.method,
          path: c.path,
          body: JSON.stringify(o)
        },
        redactWith()
      )
    }
    const data =
      o.data && typeof o.data === 'object' && !Array.isArray(o.data)
        ? o.data
        : (o as WireLease)
    return shaped(answer, c, () => {
      const l = data as Record<string, unknown>
      const out: WireLease = {}
      const nonce = optStr(l, 'nonce', 'the lease')
      if (nonce !== undefined) out.nonce = nonce
      const expiresAt = optNum(l, 'expires_at', 'the lease')
      if (expiresAt !== undefined) out.expires_at = expiresAt
      const owner = optStr(l, 'owner', 'the lease')
      if (owner !== undefined) out.owner = owner
      const description = optStr(l, 'description', 'the lease')
      if (description !== undefined) out.description = description
      return out
    })
  }

  function toLease(l: WireLease, answer: Answer, c: Call): Lease {
    if (typeof l.nonce !== 'string' || !l.nonce) {
      throw unexpectedBody(
        { status: answer.status, method: c.method, path: c.path },
        'the lease has no nonce'
      )
    }
    return { nonce: l.nonce, expiresAt: l.expires_at ?? 0 }
  }

  async function readHolder(
    app: string,
    id: string
  ): Promise<
    { owner: string; description: string; expiresAt: number } | undefined
  > {
    const c: Call = {
      op: 'Machines_show_lease',
      method: 'GET',
      path: machinePath(app, id, '/lease'),
      safe: true,
      accept: [404]
    }
    const answer = await request(c)
    if (answer.status === 404) return undefined
    const l = leaseOf(answer, c)
    return {
      owner: l.owner ?? '',
      description: l.description ?? '',
      expiresAt: l.expires_at ?? 0
    }
  }

  /**
   * withHolder fills a LeaseConflictError's holder from `GET …/lease` (owner,
   * description, expiry), best effort: the 409 itself names the owner only.
   */
  async function withHolder<T>(
    app: string,
    id: string,
    fn: () => Promise<T>
  ): Promise<T> {
    try {
      return await fn()
    } catch (e) {
      if (!(e instanceof LeaseConflictError)) throw e
      const holder = await readHolder(app, id).catch(() => undefined)
      if (!holder) throw e
      const merged: LeaseHolder = { ...e.holder }
      if (holder.owner) merged.owner = holder.owner
      if (holder.description) merged.description = holder.description
      if (holder.expiresAt) merged.expiresAt = holder.expiresAt
      throw new LeaseConflictError(e.method, e.path, e.message, merged, {
        cause: e
      })
    }
  }

  // --- Machines ---------------------------------------------------------------

  const machines: Machines = {
    async list(app, filter) {
      const q = new URLSearchParams()
      if (filter?.region) q.set('region', filter.region)
      if (filter?.summary) q.set('summary', 'true')
      for (const [k, v] of Object.entries(filter?.metadata ?? {})) {
        q.append(`metadata.${k}`, v)
      }
      const qs = q.toString()
      const { value } = await call(
        {
          op: 'Machines_list',
          method: 'GET',
          path: `${appPath(app)}/machines${qs ? `?${qs}` : ''}`,
          safe: true
        },
        'array',
        'a list of machines',
        (v: WireMachine[]) => v.map(toMachineView)
      )
      return value
    },

    async get(app, id) {
      const { value } = await call(
        {
          op: 'Machines_show',
          method: 'GET',
          path: machinePath(app, id),
          safe: true
        },
        'object',
        'a machine',
        toMachineView
      )
      return value
    },

    async create(app, req) {
      const body: WireCreateMachineRequest = {
        config: toWireConfig(req.config),
        region: req.region,
        name: req.name,
        skip_launch: req.skipLaunch,
        min_secrets_version: req.minSecretsVersion,
        lease_ttl: req.leaseTtlS
      }
      const { value } = await call(
        {
          op: 'Machines_create',
          method: 'POST',
          path: `${appPath(app)}/machines`,
          body,
          // Never repeated after a 5xx or no answer: the machine may exist.
          safe: false
        },
        'object',
        'a machine',
        (m: WireMachine) => {
          const view: MachineView & { nonce?: string } = toMachineView(m)
          const nonce = optStr(
            m as Record<string, unknown>,
            'nonce',
            'a machine'
          )
          if (nonce) view.nonce = nonce
          return view
        }
      )
      return value
    },

    async update(app, id, req, nonce) {
      const body: WireUpdateMachineRequest = {
        config: toWireConfig(req.config),
        current_version: req.currentVersion,
        skip_launch: req.skipLaunch,
        min_secrets_version: req.minSecretsVersion
      }
      const { value } = await call(
        {
          op: 'Machines_update',
          method: 'POST',
          path: machinePath(app, id),
          body,
          nonce,
          // Never repeated after a 5xx or no answer: it may have been applied
          // (a new version, a reboot); the orchestrator re-reads and reconciles.
          safe: false
        },
        'object',
        'a machine',
        toMachineView
      )
      return value
    },

    async destroy(app, id, opts, nonce) {
      await call(
        {
          op: 'Machines_delete',
          method: 'DELETE',
          path: machinePath(app, id, opts?.force ? '?force=true' : ''),
          nonce,
          safe: true,
          // A 404 after a retry: the first attempt destroyed it.
          doneAfterRetry: [404]
        },
        'none'
      )
    },

    async start(app, id, nonce) {
      await call(
        {
          op: 'Machines_start',
          method: 'POST',
          path: machinePath(app, id, '/start'),
          nonce,
          safe: true,
          // A 412 after a retry: the first attempt started it.
          doneAfterRetry: [412]
        },
        'none'
      )
    },

    async stop(app, id, nonce) {
      await call(
        {
          op: 'Machines_stop',
          method: 'POST',
          path: machinePath(app, id, '/stop'),
          nonce,
          safe: true,
          doneAfterRetry: [412]
        },
        'none'
      )
    },

    async suspend(app, id, nonce) {
      await call(
        {
          op: 'Machines_suspend',
          method: 'POST',
          path: machinePath(app, id, '/suspend'),
          nonce,
          safe: true,
          doneAfterRetry: [412]
        },
        'none'
      )
    },

    async waitFor(app, id, q): Promise<WaitResult> {
      // API-NOTES §5: /wait blocks ≤60 s; fly-go clamps what it sends to 1–60.
      const timeoutS = clampWait(q.timeoutS)
      const qs = new URLSearchParams()
      qs.set('state', (q.states.length ? q.states : ['started']).join(','))
      if (q.version) qs.set('version', q.version)
      qs.set('timeout', String(timeoutS))
      const c: Call = {
        op: 'Machines_wait',
        method: 'GET',
        path: `${machinePath(app, id, '/wait')}?${qs.toString()}`,
        safe: true,
        // 408 is the long-poll's end, not an error (API-NOTES §5).
        accept: [408],
        timeoutMs: timeoutS * 1000 + requestTimeoutMs,
        signal: q.signal
      }
      const answer = await request(c)
      if (answer.status === 408) return { ok: false, timedOut: true }
      const w = expectObject<WireWaitResponse>(answer, c, 'a wait response')
      return shaped(answer, c, (): WaitResult => {
        const o = w as Record<string, unknown>
        // [OA3] WaitMachineResponse has `ok`; a 200 that says false has not
        // reached the state: the caller waits again, as after a 408.
        if (optBool(o, 'ok', 'a wait response') === false)
          return { ok: false, timedOut: true }
        return {
          ok: true,
          state: optStr(o, 'state', 'a wait response') ?? '',
          version: optStr(o, 'version', 'a wait response') ?? ''
        }
      })
    },

    async acquireLease(app, id, ttlS, description) {
      const c: Call = {
        op: 'Machines_create_lease',
        method: 'POST',
        path: machinePath(app, id, '/lease'),
        body: { ttl: ttlS, description },
        // No nonce creates a lease: after a 5xx it may be ours already, with
        // a nonce we never saw, so it is not repeated.
        safe: false
      }
      return withHolder(app, id, async () => {
        const answer = await request(c)
        return toLease(leaseOf(answer, c), answer, c)
      })
    },

    async refreshLease(app, id, nonce, ttlS) {
      const c: Call = {
        op: 'Machines_create_lease',
        method: 'POST',
        path: machinePath(app, id, '/lease'),
        body: { ttl: ttlS },
        nonce,
        // With our nonce it only moves the expiry: safe to repeat.
        safe: true
      }
      return withHolder(app, id, async () => {
        const answer = await request(c)
        return toLease(leaseOf(answer, c), answer, c)
      })
    },

    async releaseLease(app, id, nonce) {
      await call(
        {
          op: 'Machines_release_lease',
          method: 'DELETE',
          path: machinePath(app, id, '/lease'),
          nonce,
          safe: true,
          // No lease (lapsed, released, machine gone): nothing left to release.
          accept: [404]
        },
        'none'
      )
    },

    leaseHolder(app, id) {
      return readHolder(app, id)
    },

    async versions(app, id) {
      const { value } = await call(
        {
          op: 'Machines_list_versions',
          method: 'GET',
          path: machinePath(app, id, '/versions'),
          safe: true
        },
        'array',
        'a list of versions',
        (vs: WireMachineVersion[]) =>
          vs.map((x) => {
            const v = obj(x, 'a version')
            return {
              version: optStr(v, 'version', 'a version') ?? '',
              config: (optObj(v, 'user_config', 'a version') ??
                {}) as MachineConfig
            }
          })
      )
      return value
    },

    async setMetadata(app, id, kv, nonce) {
      const body: WireUpdateMetadataRequest = { metadata: kv }
      await call(
        {
          op: 'Machines_update_metadata',
          method: 'PATCH',
          path: machinePath(app, id, '/metadata'),
          body,
          nonce,
          // Setting the same keys again changes nothing: safe to repeat.
          safe: true
        },
        'none'
      )
    },

    async events(app, id, limit) {
      const qs = limit === undefined ? '' : `?limit=${Math.max(1, limit)}`
      const { value } = await call(
        {
          op: 'Machines_list_events',
          method: 'GET',
          path: machinePath(app, id, `/events${qs}`),
          safe: true
        },
        'array',
        'a list of events',
        (es: WireMachineEvent[]) => es.map(toMachineEvent)
      )
      return value
    }
  }

  // --- Apps, secrets, volumes, platform ---------------------------------------

  const apps: Apps = {
    async get(app) {
      const c: Call = {
        op: 'Apps_show',
        method: 'GET',
        path: appPath(app),
        safe: true,
        accept: [404]
      }
      const answer = await request(c)
      if (answer.status === 404) return undefined
      const a = expectObject<WireApp>(answer, c, 'an app')
      return shaped(answer, c, () => toAppSummary(a, app, ''))
    },

    async create(app, org) {
      try {
        await call(
          {
            op: 'Apps_create',
            method: 'POST',
            path: '/v1/apps',
            body: { name: app, org_slug: org },
            // A repeat after a 5xx would answer name_taken for our own app.
            safe: false
          },
          'none'
        )
      } catch (e) {
        if (
          e instanceof FlyApiError &&
          e.status === 422 &&
          e.flyStatus === 'name_taken'
        ) {
          throw new AppNameTakenError(app, e.method, e.path, e.message, {
            cause: e
          })
        }
        throw e
      }
    },

    async destroy(app) {
      await call(
        {
          op: 'Apps_delete',
          method: 'DELETE',
          path: appPath(app),
          safe: true,
          doneAfterRetry: [404]
        },
        'none'
      )
    },

    async list(org) {
      const { value } = await call(
        {
          op: 'Apps_list',
          method: 'GET',
          path: `/v1/apps?org_slug=${enc(org)}`,
          safe: true
        },
        'object',
        'a list of apps',
        (v: WireListApps) =>
          list(v.apps, 'apps').map((a) => toAppSummary(a, '', org))
      )
      return value
    },

    async assignIp(app, type, opts) {
      const body: WireAssignIpRequest = {
        type,
        region: opts?.region,
        service_name: opts?.serviceName
      }
      const { value } = await call(
        {
          op: 'App_IPAssignments_create',
          method: 'POST',
          path: `${appPath(app)}/ip_assignments`,
          body,
          // A repeat could allocate a second address.
          safe: false
        },
        'object',
        'an IP assignment',
        toIpAssignment
      )
      return value
    },

    async listIps(app) {
      const { value } = await call(
        {
          op: 'App_IPAssignments_list',
          method: 'GET',
          path: `${appPath(app)}/ip_assignments`,
          safe: true
        },
        'object',
        'a list of IP assignments',
        (v: WireListIps) => list(v.ips, 'ips').map(toIpAssignment)
      )
      return value
    }
  }

  // --- Postgres (API-NOTES §2.1) ----------------------------------------------

  const postgresPath = (cluster: string): string =>
    `/v1/postgres/${enc(cluster)}`

  const postgres: Postgres = {
    async attach(cluster, app) {
      const body: WireCreatePostgresAttachmentRequest = { app_name: app }
      await call(
        {
          op: 'Postgres_attachments_create',
          method: 'POST',
          path: `${postgresPath(cluster)}/attachments`,
          body,
          // Idempotent by app name: a repeat answers 200 "already attached".
          safe: true
        },
        'none'
      )
    },

    async detach(cluster, app) {
      await call(
        {
          op: 'Postgres_attachments_delete',
          method: 'DELETE',
          path: `${postgresPath(cluster)}/attachments/${enc(app)}`,
          safe: true,
          // A 404 after a retry: the first attempt detached it.
          doneAfterRetry: [404]
        },
        'none'
      )
    }
  }

  const secrets: Secrets = {
    async set(app, values) {
      const body: WireSecretsUpdateRequest = { values }
      const { value } = await call<WireSecretsUpdateResponse>(
        {
          op: 'Secrets_update',
          method: 'POST',
          path: `${appPath(app)}/secrets`,
          body,
          // Values are absolute, so a repeat leaves the same secrets (with a
          // version at least as new): safe to repeat.
          safe: true,
          secrets: Object.values(values).filter(
            (v): v is string => typeof v === 'string'
          )
        },
        'object',
        'a secrets update response'
      )
      const version = value.version ?? value.Version
      if (typeof version !== 'number' || !Number.isFinite(version)) {
        throw unexpectedBody(
          { status: 200, method: 'POST', path: `${appPath(app)}/secrets` },
          'no secrets version'
        )
      }
      return { version }
    },

    async list(app) {
      const { value } = await call(
        {
          op: 'Secrets_list',
          method: 'GET',
          path: `${appPath(app)}/secrets`,
          safe: true
        },
        'object',
        'a list of secrets',
        (v: WireSecrets) =>
          list(v.secrets, 'secrets').map((x) => {
            const s = obj(x, 'a secret')
            return {
              name: optStr(s, 'name', 'a secret') ?? '',
              digest: optStr(s, 'digest', 'a secret') ?? ''
            }
          })
      )
      return value
    }
  }

  const volumes: Volumes = {
    async create(app, v) {
      const { value } = await call<WireVolume>(
        {
          op: 'Volumes_create',
          method: 'POST',
          path: `${appPath(app)}/volumes`,
          body: { name: v.name, region: v.region, size_gb: v.sizeGb },
          // A repeat would make a second volume.
          safe: false
        },
        'object',
        'a volume'
      )
      if (!value.id || typeof value.id !== 'string') {
        throw unexpectedBody(
          { status: 200, method: 'POST', path: `${appPath(app)}/volumes` },
          'the volume has no id'
        )
      }
      return { id: value.id }
    },

    async destroy(app, id) {
      await call(
        {
          op: 'Volume_delete',
          method: 'DELETE',
          path: `${appPath(app)}/volumes/${enc(id)}`,
          safe: true,
          doneAfterRetry: [404]
        },
        'none'
      )
    }
  }

  const platform: Platform = {
    async regions() {
      const { value } = await call(
        {
          op: 'Platform_regions_get',
          method: 'GET',
          path: '/v1/platform/regions',
          safe: true
        },
        'object',
        'a list of regions',
        (v: WireRegions) =>
          list(v.regions, 'regions')
            .map((r) => optStr(obj(r, 'a region'), 'code', 'a region') ?? '')
            .filter((c) => c !== '')
      )
      return value
    }
  }

  return {
    machines,
    apps,
    secrets,
    volumes,
    platform,
    postgres,
    stats() {
      return {
        byOp: { ...counters.byOp },
        retries: counters.retries,
        rateLimited: counters.rateLimited
      }
    }
  }
}

/** clampWait bounds a `/wait` timeout to 1–60 whole seconds (API-NOTES §5). */
export function clampWait(timeoutS: number): number {
  if (!Number.isFinite(timeoutS)) return WAIT_MAX_S
  return Math.min(WAIT_MAX_S, Math.max(1, Math.ceil(timeoutS)))
}

/** toIpAssignment maps an IPAssignment; an `egress_pair` answer has no `ip`. */
function toIpAssignment(w: unknown): IpAssignment {
  const o = obj(w, 'an IP assignment')
  const at = 'an IP assignment'
  const out: IpAssignment = {
    ip: optStr(o, 'ip', at) ?? '',
    region: optStr(o, 'region', at) ?? '',
    shared: optBool(o, 'shared', at) ?? false
  }
  const serviceName = optStr(o, 'service_name', at)
  if (serviceName) out.serviceName = serviceName
  const createdAt = optStr(o, 'created_at', at)
  if (createdAt) out.createdAt = createdAt
  return out
}

/** toAppSummary maps an App; `name` and `org` fill in what it leaves out. */
function toAppSummary(a: unknown, name: string, org: string): AppSummary {
  const o = obj(a, 'an app')
  const organization = optObj(o, 'organization', 'an app')
  return {
    name: optStr(o, 'name', 'an app') ?? name,
    org:
      (organization && optStr(organization, 'slug', 'an app.organization')) ??
      org,
    status: optStr(o, 'status', 'an app') ?? ''
  }
}

function enc(segment: string): string {
  return encodeURIComponent(segment)
}

function parseJson(text: string): unknown {
  if (!text.trim()) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}
