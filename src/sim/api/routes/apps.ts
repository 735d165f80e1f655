import { createHash } from 'node:crypto'
import { findRegion, REGIONS } from '../../regions.js'
import type { SimApp, SimVolume } from '../../world.js'
import { ApiError, badRequest, notFound } from '../errors.js'
import { renderApp, renderIp, renderVolume } from '../render.js'
import { route, type Ctx, type Route } from '../router.js'
import {
  appDeleteRate,
  field,
  objectBody,
  perApp,
  queryBool,
  queryInt,
  requireApp
} from './common.js'

/** Fly app names: lowercase letters, digits and dashes, a DNS label [sim choice: the exact rule]. */
const APP_NAME = /^[a-z0-9][a-z0-9-]{0,61}[a-z0-9]$|^[a-z0-9]$/
const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/
const APP_DELETE_MS = 1_000

function listApps(ctx: Ctx) {
  const org = ctx.query.get('org_slug')
  if (!org) throw badRequest('org_slug is required')
  const apps = [...ctx.sim.world.apps.values()].filter(
    (a) => a.orgSlug === org && a.status !== 'destroying'
  )
  return {
    status: 200,
    body: {
      total_apps: apps.length,
      apps: apps.map((a) => renderApp(ctx.sim.world, a))
    }
  }
}

function createApp(ctx: Ctx) {
  const body = objectBody(ctx)
  const name =
    field(body, 'name', 'string') ?? field(body, 'app_name', 'string')
  const org = field(body, 'org_slug', 'string')
  if (!name) throw badRequest('name is required')
  if (!org) throw badRequest('org_slug is required')
  if (!APP_NAME.test(name)) {
    throw badRequest(
      `invalid app name "${name}": use lowercase letters, digits and dashes, at most 63 characters`
    )
  }
  const world = ctx.sim.world
  if (world.apps.has(name)) {
    throw new ApiError(422, `app name "${name}" is already taken`, 'name_taken')
  }
  if (!world.orgs.has(org)) throw notFound(`organization ${org}`)
  createAppRecord(ctx, name, org, field(body, 'network', 'string'))
  return { status: 201 }
}

/** createAppRecord adds an empty app to the world (also used by scenarios). */
export function createAppRecord(
  ctx: { sim: Ctx['sim'] },
  name: string,
  org: string,
  network?: string
): SimApp {
  const world = ctx.sim.world
  const app: SimApp = {
    id: world.rng.hex(12),
    name,
    orgSlug: org,
    network: network || 'default',
    createdAt: world.now(),
    status: 'pending',
    machines: new Map(),
    volumes: new Map(),
    secrets: new Map(),
    secretsVersion: 0,
    ips: [],
    attachments: new Set()
  }
  world.apps.set(name, app)
  return app
}

function showApp(ctx: Ctx) {
  return { status: 200, body: renderApp(ctx.sim.world, requireApp(ctx)) }
}

/** deleteApp answers 202 and tears the app down shortly after (API-NOTES §2.1). */
function deleteApp(ctx: Ctx) {
  const app = requireApp(ctx)
  const world = ctx.sim.world
  app.status = 'destroying'
  for (const m of app.machines.values()) {
    if (m.state !== 'destroyed' && m.state !== 'destroying')
      ctx.sim.runtime.destroy(app, m)
  }
  world.clock.setTimer(APP_DELETE_MS, () => {
    if (world.apps.get(app.name) !== app) return
    for (const m of app.machines.values()) world.removeMachine(app, m.id)
    world.apps.delete(app.name)
  })
  return { status: 202 }
}

// --- secrets (API-NOTES §2.3, §14) --------------------------------------------

/** digestOf is the digest flysim reports for a secret value. */
export function digestOf(value: string): string {
  // [sim choice] Fly's digest format is not documented: 16 hex of sha256.
  return createHash('sha256').update(value).digest('hex').slice(0, 16)
}

function renderSecrets(ctx: Ctx, app: SimApp, show: boolean) {
  return [...app.secrets.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, s]) => ({
      name,
      digest: s.digest,
      created_at: ctx.sim.world.iso(s.createdAt),
      updated_at: ctx.sim.world.iso(s.updatedAt),
      ...(show ? { value: s.value } : {})
    }))
}

function listSecrets(ctx: Ctx) {
  const app = requireApp(ctx)
  const min = queryInt(ctx, 'min_version')
  if (min !== undefined && min > app.secretsVersion) {
    throw badRequest(
      `secrets version ${min} is not available yet (current ${app.secretsVersion})`
    )
  }
  return {
    status: 200,
    body: { secrets: renderSecrets(ctx, app, queryBool(ctx, 'show_secrets')) }
  }
}

/** setSecrets applies `{values: {NAME: value | null}}` as one new version. */
function setSecrets(ctx: Ctx) {
  const app = requireApp(ctx)
  const body = objectBody(ctx)
  const values = body.values
  if (!values || typeof values !== 'object' || Array.isArray(values)) {
    throw badRequest(
      'values must be an object of secret names to values (null unsets)'
    )
  }
  const entries = Object.entries(values as Record<string, unknown>)
  if (entries.length === 0)
    throw badRequest('values must name at least one secret')
  for (const [name, v] of entries) {
    if (!SECRET_NAME.test(name))
      throw badRequest(`invalid secret name "${name}"`)
    if (v !== null && typeof v !== 'string')
      throw badRequest(
        `invalid value for secret ${name}: must be a string or null`
      )
  }
  applySecrets(ctx, app, entries as [string, string | null][])
  return {
    status: 200,
    body: {
      secrets: renderSecrets(ctx, app, false),
      version: app.secretsVersion,
      Version: app.secretsVersion
    }
  }
}

/** applySecrets sets (string) and unsets (null) an app's secrets as one new version. */
export function applySecrets(
  ctx: { sim: Ctx['sim'] },
  app: SimApp,
  entries: [string, string | null][]
): void {
  const now = ctx.sim.world.now()
  const version = app.secretsVersion + 1
  let changed = false
  for (const [name, value] of entries) {
    const old = app.secrets.get(name)
    if (value === null) {
      if (old) {
        app.secrets.delete(name)
        changed = true
      }
      continue
    }
    const digest = digestOf(value)
    if (old?.digest === digest) continue
    app.secrets.set(name, {
      value,
      digest,
      createdAt: old?.createdAt ?? now,
      updatedAt: now,
      version
    })
    changed = true
  }
  // [sim choice] a request that changes nothing still gets a version, as flyctl needs one back.
  app.secretsVersion = changed ? version : Math.max(app.secretsVersion, version)
}

function showSecret(ctx: Ctx) {
  const app = requireApp(ctx)
  const s = app.secrets.get(ctx.params.secret_name!)
  if (!s) throw notFound('secret')
  return {
    status: 200,
    body: {
      name: ctx.params.secret_name,
      digest: s.digest,
      created_at: ctx.sim.world.iso(s.createdAt),
      updated_at: ctx.sim.world.iso(s.updatedAt),
      ...(queryBool(ctx, 'show_secrets') ? { value: s.value } : {})
    }
  }
}

function setSecret(ctx: Ctx) {
  const app = requireApp(ctx)
  const name = ctx.params.secret_name!
  if (!SECRET_NAME.test(name)) throw badRequest(`invalid secret name "${name}"`)
  const value = field(objectBody(ctx), 'value', 'string')
  if (value === undefined) throw badRequest('value is required')
  applySecrets(ctx, app, [[name, value]])
  const s = app.secrets.get(name)!
  return {
    status: 201,
    body: {
      name,
      digest: s.digest,
      created_at: ctx.sim.world.iso(s.createdAt),
      updated_at: ctx.sim.world.iso(s.updatedAt),
      version: app.secretsVersion,
      Version: app.secretsVersion
    }
  }
}

function deleteSecret(ctx: Ctx) {
  const app = requireApp(ctx)
  if (!app.secrets.has(ctx.params.secret_name!)) throw notFound('secret')
  applySecrets(ctx, app, [[ctx.params.secret_name!, null]])
  return {
    status: 200,
    body: { version: app.secretsVersion, Version: app.secretsVersion }
  }
}

// --- volumes -----------------------------------------------------------------

function listVolumes(ctx: Ctx) {
  const app = requireApp(ctx)
  const vols = [...app.volumes.values()].filter((v) => v.state !== 'destroyed')
  return { status: 200, body: vols.map((v) => renderVolume(ctx.sim.world, v)) }
}

function createVolume(ctx: Ctx) {
  const app = requireApp(ctx)
  const body = objectBody(ctx)
  const name = field(body, 'name', 'string')
  const region = field(body, 'region', 'string')
  const size = field(body, 'size_gb', 'number') ?? 1
  if (!name || !/^[a-z0-9_]{1,30}$/.test(name)) {
    throw badRequest(
      'name is required: lowercase letters, digits and underscores, at most 30 characters'
    )
  }
  if (!region || !findRegion(region))
    throw badRequest(`region "${region ?? ''}" is not a valid Fly region`)
  if (!Number.isInteger(size) || size < 1 || size > 500)
    throw badRequest('size_gb must be an integer from 1 to 500')
  if (ctx.sim.world.capacityFaults.has(region)) {
    throw new ApiError(
      412,
      `not enough capacity in region ${region} to place volume`,
      'volume_placement_capacity'
    )
  }
  const world = ctx.sim.world
  const v: SimVolume = {
    id: `vol_${world.rng.hex(16)}`,
    name,
    app: app.name,
    region,
    sizeGb: size,
    state: 'created',
    createdAt: world.now(),
    encrypted: field(body, 'encrypted', 'boolean') ?? true,
    zone: world.rng.hex(4)
  }
  app.volumes.set(v.id, v)
  return { status: 200, body: renderVolume(world, v) }
}

function requireVolume(ctx: Ctx): { app: SimApp; v: SimVolume } {
  const app = requireApp(ctx)
  const v = app.volumes.get(ctx.params.volume_id!)
  if (!v || v.state === 'destroyed') throw notFound('volume')
  return { app, v }
}

function showVolume(ctx: Ctx) {
  return {
    status: 200,
    body: renderVolume(ctx.sim.world, requireVolume(ctx).v)
  }
}

function deleteVolume(ctx: Ctx) {
  const { app, v } = requireVolume(ctx)
  const holder = v.attachedMachineId
    ? app.machines.get(v.attachedMachineId)
    : undefined
  // [sim choice] deleting a volume a live machine mounts is refused with 412.
  if (holder && holder.state !== 'destroyed') {
    throw new ApiError(
      412,
      `failed_precondition: volume ${v.id} is attached to machine ${holder.id}; destroy the machine first`
    )
  }
  v.state = 'destroyed'
  return { status: 200, body: renderVolume(ctx.sim.world, v) }
}

// --- IPs, regions ----------------------------------------------------------

const IP_TYPES = new Set([
  'v4',
  'v6',
  'shared_v4',
  'private_v6',
  'egress_v4',
  'egress_v6',
  'egress_pair'
])

function listIps(ctx: Ctx) {
  const app = requireApp(ctx)
  return {
    status: 200,
    body: { ips: app.ips.map((ip) => renderIp(ctx.sim.world, ip)) }
  }
}

function assignIp(ctx: Ctx) {
  const app = requireApp(ctx)
  const body = objectBody(ctx)
  const type = field(body, 'type', 'string')
  if (!type || !IP_TYPES.has(type)) {
    throw badRequest(`type must be one of ${[...IP_TYPES].join(', ')}`)
  }
  const region = field(body, 'region', 'string') ?? 'global'
  const world = ctx.sim.world
  const n = app.ips.length + 1
  const ip =
    type === 'shared_v4'
      ? '66.241.124.' + (world.rng.int(250) + 1)
      : type.includes('v4')
        ? `137.66.${world.rng.int(250) + 1}.${world.rng.int(250) + 1}`
        : type === 'private_v6'
          ? `fdaa:0:${world.rng.hex(4)}:0:1::${n}`
          : `2a09:8280:1::${world.rng.hex(2)}:${world.rng.hex(4)}:${n}`
  const rec = {
    ip,
    type,
    region,
    shared: type === 'shared_v4',
    serviceName: field(body, 'service_name', 'string'),
    createdAt: world.now()
  }
  app.ips.push(rec)
  return { status: 200, body: renderIp(world, rec) }
}

function releaseIp(ctx: Ctx) {
  const app = requireApp(ctx)
  const i = app.ips.findIndex((ip) => ip.ip === ctx.params.ip)
  if (i < 0) throw notFound('ip assignment')
  app.ips.splice(i, 1)
  return { status: 204 }
}

function regions(ctx: Ctx) {
  return {
    status: 200,
    body: {
      nearest: ctx.sim.settings.clientRegion,
      regions: REGIONS.map((r) => ({ ...r }))
    }
  }
}

export const appRoutes: Route[] = [
  route('GET', '/v1/apps', 'Apps_list', listApps, perApp),
  route('POST', '/v1/apps', 'Apps_create', createApp, perApp),
  route('GET', '/v1/apps/{app_name}', 'Apps_show', showApp, perApp),
  route(
    'DELETE',
    '/v1/apps/{app_name}',
    'Apps_delete',
    deleteApp,
    appDeleteRate
  ),
  route(
    'GET',
    '/v1/apps/{app_name}/secrets',
    'Secrets_list',
    listSecrets,
    perApp
  ),
  route(
    'POST',
    '/v1/apps/{app_name}/secrets',
    'Secrets_update',
    setSecrets,
    perApp
  ),
  route(
    'GET',
    '/v1/apps/{app_name}/secrets/{secret_name}',
    'Secret_get',
    showSecret,
    perApp
  ),
  route(
    'POST',
    '/v1/apps/{app_name}/secrets/{secret_name}',
    'Secret_create',
    setSecret,
    perApp
  ),
  route(
    'DELETE',
    '/v1/apps/{app_name}/secrets/{secret_name}',
    'Secret_delete',
    deleteSecret,
    perApp
  ),
  route(
    'GET',
    '/v1/apps/{app_name}/volumes',
    'Volumes_list',
    listVolumes,
    perApp
  ),
  route(
    'POST',
    '/v1/apps/{app_name}/volumes',
    'Volumes_create',
    createVolume,
    perApp
  ),
  route(
    'GET',
    '/v1/apps/{app_name}/volumes/{volume_id}',
    'Volumes_get_by_id',
    showVolume,
    perApp
  ),
  route(
    'DELETE',
    '/v1/apps/{app_name}/volumes/{volume_id}',
    'Volume_delete',
    deleteVolume,
    perApp
  ),
  route(
    'GET',
    '/v1/apps/{app_name}/ip_assignments',
    'App_IPAssignments_list',
    listIps,
    perApp
  ),
  route(
    'POST',
    '/v1/apps/{app_name}/ip_assignments',
    'App_IPAssignments_create',
    assignIp,
    perApp
  ),
  route(
    'DELETE',
    '/v1/apps/{app_name}/ip_assignments/{ip}',
    'App_IPAssignments_delete',
    releaseIp,
    perApp
  ),
  route('GET', '/v1/platform/regions', 'Platform_regions_get', regions, perApp)
]
