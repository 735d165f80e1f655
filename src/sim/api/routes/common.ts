import type { SimApp, SimMachine } from '../../world.js'
import { ApiError, badRequest, notFound } from '../errors.js'
import { RATES } from '../rate-limit.js'
import type { Ctx, RateKey } from '../router.js'

/** requireApp returns the path's app or answers 404. */
export function requireApp(ctx: Ctx): SimApp {
  const app = ctx.sim.world.apps.get(ctx.params.app_name ?? '')
  if (!app || app.status === 'destroying') throw notFound('app')
  return app
}

/** requireMachine returns the path's machine (destroyed ones included) or answers 404. */
export function requireMachine(ctx: Ctx): { app: SimApp; m: SimMachine } {
  const app = requireApp(ctx)
  const m = app.machines.get(ctx.params.machine_id ?? '')
  if (!m) throw notFound('machine')
  return { app, m }
}

/** requireLive is requireMachine for mutations: a destroyed machine cannot change [sim choice: 412]. */
export function requireLive(ctx: Ctx): { app: SimApp; m: SimMachine } {
  const r = requireMachine(ctx)
  if (r.m.state === 'destroyed' || r.m.state === 'destroying') {
    throw new ApiError(
      412,
      `failed_precondition: machine ${r.m.id} is ${r.m.state}`
    )
  }
  return r
}

/**
 * guardLease refuses a mutation of a leased machine without the lease's
 * nonce: 409 `lease currently held by …` (API-NOTES §4, [sim choice] for
 * which endpoints check it: every machine mutation).
 */
export function guardLease(ctx: Ctx, m: SimMachine): void {
  const lease = m.lease
  if (!lease) return
  if (lease.expiresAt * 1000 <= ctx.sim.world.now()) {
    m.lease = undefined
    return
  }
  if (ctx.nonce === lease.nonce) return
  throw new ApiError(409, leaseHeldMessage(m))
}

export function leaseHeldMessage(m: SimMachine): string {
  const l = m.lease!
  const at = new Date(l.expiresAt * 1000)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, ' +0000 UTC')
  return `machine ID ${m.id} lease currently held by ${l.owner}, expires at ${at}`
}

/**
 * guardHost refuses changes on an unreachable host [sim choice: 503 with the
 * message flyctl's replacement logic looks for].
 */
export function guardHost(m: SimMachine): void {
  if (m.hostStatus !== 'ok') {
    throw new ApiError(
      503,
      `unable to reach host for machine ${m.id}: deploys to this host are temporarily disabled`
    )
  }
}

/**
 * guardCapacity refuses to place or relaunch in a region whose hosts are full
 * (fault) [sim choice: 422 on create, 409 on update, both `insufficient_capacity`
 * with the message flyctl's replacement logic looks for].
 */
export function guardCapacity(
  ctx: Ctx,
  region: string,
  kind: 'create' | 'update'
): void {
  if (!ctx.sim.world.capacityFaults.has(region)) return
  if (kind === 'create') {
    throw new ApiError(
      422,
      'aborted: insufficient resources available to fulfill request: could not reserve resource for machine: insufficient memory available to fulfill request',
      'insufficient_capacity'
    )
  }
  throw new ApiError(
    409,
    'aborted: could not reserve resource for machine: insufficient memory available to fulfill request on the current host',
    'insufficient_capacity'
  )
}

/**
 * MAX_BODY_DEPTH is how deeply a request body may nest [sim choice]. Fly's Go
 * decoder refuses more than 10000 levels ("exceeded max depth"); flysim copies
 * bodies recursively (JSON, structuredClone), which overflows the stack long
 * before that, and no real MachineConfig nests beyond ten.
 */
export const MAX_BODY_DEPTH = 512

/** depthOf measures a JSON value's nesting without recursion, stopping past `limit`. */
function depthOf(value: unknown, limit: number): number {
  let max = 0
  const stack: [unknown, number][] = [[value, 1]]
  while (stack.length > 0) {
    const [v, d] = stack.pop()!
    if (!v || typeof v !== 'object') continue
    if (d > max) max = d
    if (max > limit) return max
    for (const x of Object.values(v)) stack.push([x, d + 1])
  }
  return max
}

/** objectBody returns the JSON body as an object, or answers 400. */
export function objectBody(ctx: Ctx, required = true): Record<string, unknown> {
  if (ctx.body === undefined) {
    if (required) throw badRequest('request body is required')
    return {}
  }
  if (!ctx.body || typeof ctx.body !== 'object' || Array.isArray(ctx.body)) {
    throw badRequest('request body must be a JSON object')
  }
  if (depthOf(ctx.body, MAX_BODY_DEPTH) > MAX_BODY_DEPTH) {
    throw badRequest(`invalid JSON body: exceeded max depth ${MAX_BODY_DEPTH}`)
  }
  return ctx.body as Record<string, unknown>
}

/**
 * MAX_LEASE_TTL_S bounds a lease TTL [sim choice: Fly documents no maximum;
 * its Go decoder takes an int, and flysim renders `expires_at` as a date].
 */
export const MAX_LEASE_TTL_S = 2 ** 31 - 1

/** leaseTtl checks a lease TTL in seconds: a positive integer, at most MAX_LEASE_TTL_S; 400 otherwise. */
export function leaseTtl(
  ttl: number | undefined,
  name: string
): number | undefined {
  if (ttl === undefined) return undefined
  if (!Number.isInteger(ttl) || ttl <= 0 || ttl > MAX_LEASE_TTL_S) {
    throw badRequest(
      `${name} must be a positive integer number of seconds, at most ${MAX_LEASE_TTL_S}`
    )
  }
  return ttl
}

/** field reads an optional typed field of a body, answering 400 on a wrong type. */
export function field<T extends 'string' | 'number' | 'boolean' | 'object'>(
  body: Record<string, unknown>,
  name: string,
  type: T
):
  | (T extends 'string'
      ? string
      : T extends 'number'
        ? number
        : T extends 'boolean'
          ? boolean
          : Record<string, unknown>)
  | undefined {
  const v = body[name]
  if (v === undefined || v === null) return undefined
  const ok =
    type === 'object'
      ? typeof v === 'object' && !Array.isArray(v)
      : type === 'number'
        ? typeof v === 'number' && Number.isFinite(v)
        : typeof v === type
  if (!ok)
    throw badRequest(
      `json: cannot unmarshal ${describe(v)} into field ${name} of type ${goType(type)}`
    )
  return v as never
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'array'
  return typeof v === 'object' ? 'object' : typeof v
}

function goType(t: string): string {
  return t === 'number'
    ? 'int'
    : t === 'boolean'
      ? 'bool'
      : t === 'object'
        ? 'object'
        : 'string'
}

/** queryBool reads a boolean query parameter ("true", "1"). */
export function queryBool(ctx: Ctx, name: string): boolean {
  const v = ctx.query.get(name)
  if (v === null) return false
  if (v === '' || v === 'true' || v === '1') return true
  if (v === 'false' || v === '0') return false
  throw badRequest(`invalid value for ${name}: "${v}" is not a boolean`)
}

/** queryInt reads an integer query parameter. */
export function queryInt(ctx: Ctx, name: string): number | undefined {
  const v = ctx.query.get(name)
  if (v === null || v === '') return undefined
  if (!/^-?\d+$/.test(v))
    throw badRequest(`invalid value for ${name}: "${v}" is not an integer`)
  return Number(v)
}

/** Rate keys (API-NOTES §10). */
export const perMachine: RateKey = (ctx) => ({
  key: `${ctx.params.app_name}/${ctx.params.machine_id}`,
  rate: RATES.action
})
export const perApp: RateKey = (ctx) => ({
  key: `${ctx.params.app_name ?? ''}`,
  rate: RATES.action
})
export const getMachineRate: RateKey = (ctx) => ({
  key: `${ctx.params.app_name}/${ctx.params.machine_id}`,
  rate: RATES.getMachine
})
export const appDeleteRate: RateKey = () => ({
  key: 'app-delete',
  rate: RATES.appDelete
})
