import type { SimMachine } from '../../world.js'
import { ApiError, badRequest, notFound } from '../errors.js'
import { renderLease, renderLeaseReleased } from '../render.js'
import { route, type Ctx, type Route } from '../router.js'
import {
  field,
  guardLease,
  leaseHeldMessage,
  leaseTtl,
  objectBody,
  perMachine,
  queryInt,
  requireLive,
  requireMachine
} from './common.js'

function liveLease(ctx: Ctx, m: SimMachine) {
  if (m.lease && m.lease.expiresAt * 1000 <= ctx.sim.world.now())
    m.lease = undefined
  return m.lease
}

/**
 * conflict answers the lease endpoint's 409 [sim choice: the shape]: bare,
 * an ErrorResponse; wrapped, fly-go's lease envelope `{status, message, code}`
 * plus `error`, so a client reading either field sees the holder.
 */
function conflict(ctx: Ctx, m: SimMachine): ApiError {
  const message = leaseHeldMessage(m)
  const body =
    ctx.sim.settings.leaseShape === 'bare'
      ? { error: message }
      : { status: 'error', error: message, message, code: 'invalid' }
  return new ApiError(409, message, undefined, body)
}

/**
 * acquireLease creates a lease, or refreshes it when the request carries the
 * current nonce (API-NOTES §4). TTL from the body, or `?ttl=` as fly-go sends.
 */
function acquireLease(ctx: Ctx) {
  const { m } = requireLive(ctx)
  const body = objectBody(ctx, false)
  const ttl = leaseTtl(
    field(body, 'ttl', 'number') ?? queryInt(ctx, 'ttl') ?? 30,
    'ttl'
  )!
  const description = field(body, 'description', 'string') ?? ''
  const world = ctx.sim.world
  const nowS = Math.floor(world.now() / 1000)
  const current = liveLease(ctx, m)
  if (current) {
    if (ctx.nonce !== current.nonce) throw conflict(ctx, m)
    current.expiresAt = nowS + ttl
    if (description) current.description = description
    return {
      status: 201,
      body: renderLease(current, ctx.sim.settings.leaseShape)
    }
  }
  if (ctx.nonce) {
    // Refreshing a lease that lapsed or never existed: Fly says it is not found [sim choice].
    throw notFound('lease')
  }
  m.lease = {
    nonce: world.rng.hex(12),
    owner: ctx.sim.settings.tokenOwner,
    description,
    expiresAt: nowS + ttl,
    version: world.newVersion()
  }
  return {
    status: 201,
    body: renderLease(m.lease, ctx.sim.settings.leaseShape)
  }
}

function showLease(ctx: Ctx) {
  const { m } = requireMachine(ctx)
  const lease = liveLease(ctx, m)
  if (!lease) throw notFound('lease')
  return { status: 200, body: renderLease(lease, ctx.sim.settings.leaseShape) }
}

/** releaseLease drops the lease; releasing one that lapsed already succeeds [sim choice]. */
function releaseLease(ctx: Ctx) {
  const { m } = requireMachine(ctx)
  if (!ctx.nonce) throw badRequest('fly-machine-lease-nonce header is required')
  const lease = liveLease(ctx, m)
  if (lease && lease.nonce !== ctx.nonce) throw conflict(ctx, m)
  m.lease = undefined
  return { status: 200, body: renderLeaseReleased(ctx.sim.settings.leaseShape) }
}

// --- metadata (API-NOTES §7): never a new version ---------------------------

const KEY = /^[A-Za-z0-9_.-]{1,128}$/

function metadataOf(m: SimMachine): Record<string, string> {
  m.config.metadata ??= {}
  return m.config.metadata
}

/** syncVersion keeps the current version's stored config equal to the live one. */
function syncVersion(m: SimMachine): void {
  const v = m.versions[m.versions.length - 1]
  if (v && v.version === m.instanceId)
    v.config.metadata = { ...m.config.metadata }
}

function showMetadata(ctx: Ctx) {
  const { m } = requireMachine(ctx)
  return { status: 200, body: { ...(m.config.metadata ?? {}) } }
}

function showMetadataKey(ctx: Ctx) {
  const { m } = requireMachine(ctx)
  const v = m.config.metadata?.[ctx.params.key!]
  if (v === undefined) throw notFound('metadata key')
  return { status: 200, body: { value: v } }
}

function upsertMetadataKey(ctx: Ctx) {
  const { m } = requireLive(ctx)
  guardLease(ctx, m)
  const key = ctx.params.key!
  if (!KEY.test(key)) throw badRequest(`invalid metadata key "${key}"`)
  const body = objectBody(ctx)
  const value = field(body, 'value', 'string')
  if (value === undefined) throw badRequest('value is required')
  metadataOf(m)[key] = value
  syncVersion(m)
  ctx.sim.world.changed(m)
  return { status: 204 }
}

function deleteMetadataKey(ctx: Ctx) {
  const { m } = requireLive(ctx)
  guardLease(ctx, m)
  delete metadataOf(m)[ctx.params.key!]
  syncVersion(m)
  ctx.sim.world.changed(m)
  return { status: 204 }
}

/** updateMetadata sets and removes several keys; 412 when `machine_version` is stale. */
function updateMetadata(ctx: Ctx) {
  const { m } = requireLive(ctx)
  guardLease(ctx, m)
  const body = objectBody(ctx)
  const version = field(body, 'machine_version', 'string')
  if (version && version !== m.instanceId) {
    throw new ApiError(
      412,
      `machine_version ${version} is stale: the machine is at ${m.instanceId}`
    )
  }
  const changes = body.metadata
  if (!changes || typeof changes !== 'object' || Array.isArray(changes)) {
    throw badRequest('metadata must be an object of strings')
  }
  const entries = Object.entries(changes as Record<string, unknown>)
  for (const [k, v] of entries) {
    if (!KEY.test(k)) throw badRequest(`invalid metadata key "${k}"`)
    if (v !== null && typeof v !== 'string')
      throw badRequest(
        `invalid value for metadata key "${k}": must be a string or null`
      )
  }
  const meta = metadataOf(m)
  for (const [k, v] of entries) {
    if (v === null || v === '') delete meta[k]
    else meta[k] = v as string
  }
  syncVersion(m)
  ctx.sim.world.changed(m)
  return { status: 204 }
}

const base = '/v1/apps/{app_name}/machines/{machine_id}'

export const leaseRoutes: Route[] = [
  route('GET', `${base}/lease`, 'Machines_show_lease', showLease, perMachine),
  route(
    'POST',
    `${base}/lease`,
    'Machines_create_lease',
    acquireLease,
    perMachine
  ),
  route(
    'DELETE',
    `${base}/lease`,
    'Machines_release_lease',
    releaseLease,
    perMachine
  ),
  route(
    'GET',
    `${base}/metadata`,
    'Machines_show_metadata',
    showMetadata,
    perMachine
  ),
  route(
    'PUT',
    `${base}/metadata`,
    'Machines_update_metadata',
    updateMetadata,
    perMachine
  ),
  route(
    'PATCH',
    `${base}/metadata`,
    'Machines_update_metadata',
    updateMetadata,
    perMachine
  ),
  route(
    'GET',
    `${base}/metadata/{key}`,
    'Machines_get_metadata_key',
    showMetadataKey,
    perMachine
  ),
  route(
    'POST',
    `${base}/metadata/{key}`,
    'Machines_upsert_metadata',
    upsertMetadataKey,
    perMachine
  ),
  route(
    'DELETE',
    `${base}/metadata/{key}`,
    'Machines_delete_metadata',
    deleteMetadataKey,
    perMachine
  )
]
