import type { SimContext } from '../../context.js'
import { findRegion } from '../../regions.js'
import {
  TRANSITIONAL,
  type MachineState,
  type WireMachineConfig
} from '../../wire.js'
import type { SimApp, SimMachine } from '../../world.js'
import { parseGoDuration } from '../../durations.js'
import { ApiError, badRequest, notFound } from '../errors.js'
import { clone, renderConfig, renderMachine } from '../render.js'
import { route, type Ctx, type Route } from '../router.js'
import {
  field,
  getMachineRate,
  guardCapacity,
  guardHost,
  guardLease,
  leaseTtl,
  objectBody,
  perApp,
  perMachine,
  queryBool,
  queryInt,
  requireApp,
  requireLive,
  requireMachine
} from './common.js'

const LISTABLE_STATES = new Set(['created', 'started', 'stopped', 'suspended'])
const SIGNALS = new Set([
  'SIGHUP',
  'SIGINT',
  'SIGQUIT',
  'SIGKILL',
  'SIGUSR1',
  'SIGUSR2',
  'SIGTERM'
])
const RESTART_POLICIES = new Set([
  'no',
  'always',
  'on-failure',
  'spot-price',
  ''
])
const ADJECTIVES = [
  'quiet',
  'bold',
  'misty',
  'ancient',
  'small',
  'lively',
  'silent',
  'broken',
  'proud',
  'wild'
]
const NOUNS = [
  'river',
  'meadow',
  'sun',
  'leaf',
  'moon',
  'forest',
  'bird',
  'cloud',
  'field',
  'wave'
]

/**
 * CONFIG_FIELD_KINDS are the JSON kinds of [OA3] fly.MachineConfig's fields
 * that flysim does not check more closely below: Fly's Go decoder refuses a
 * config whose field has another kind, so flysim does too (and never echoes
 * one back).
 */
const CONFIG_FIELD_KINDS: Record<
  string,
  'object' | 'array' | 'string' | 'boolean'
> = {
  auto_destroy: 'boolean',
  cache_drive: 'object',
  containers: 'array',
  disable_machine_autostart: 'boolean',
  dns: 'object',
  files: 'array',
  guest: 'object',
  init: 'object',
  metrics: 'object',
  processes: 'array',
  restart: 'object',
  rootfs: 'object',
  schedule: 'string',
  size: 'string',
  spot: 'object',
  standbys: 'array',
  statics: 'array',
  stop_config: 'object'
}

function jsonKind(v: unknown): string {
  return Array.isArray(v) ? 'array' : typeof v
}

/**
 * validateConfig checks what flysim interprets of a MachineConfig and
 * answers 400 with Fly's wording where it is known.
 */
function validateConfig(ctx: Ctx, raw: unknown): WireMachineConfig {
  return storedForm(checkConfig(ctx, raw))
}

/**
 * storedForm is a config the way Fly keeps it: autostop is an enum whose
 * "off"/"stop" Fly answers as booleans ([OA3] fly.MachineService), so a
 * config read back and sent again is stored the same.
 */
export function storedForm(config: WireMachineConfig): WireMachineConfig {
  for (const s of config.services ?? []) {
    if (s?.autostop === 'off') s.autostop = false
    else if (s?.autostop === 'stop') s.autostop = true
  }
  return config
}

function checkConfig(ctx: Ctx, raw: unknown): WireMachineConfig {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw badRequest('config is required and must be an object')
  }
  const config = clone(raw) as WireMachineConfig
  if (typeof config.image !== 'string' || config.image.trim() === '') {
    throw badRequest('invalid config.image, must not be empty')
  }
  if (!ctx.sim.world.images.resolve(config.image)) {
    throw badRequest(
      `invalid config.image "${config.image}": not a valid image reference`
    )
  }
  for (const [key, want] of Object.entries(CONFIG_FIELD_KINDS)) {
    const v = config[key]
    if (v === undefined || v === null) continue
    if (jsonKind(v) !== want) {
      throw badRequest(
        `invalid config.${key}: json: cannot unmarshal ${jsonKind(v)} into a field of type ${want}`
      )
    }
  }
  for (const key of ['env', 'metadata'] as const) {
    const map = config[key]
    if (map === undefined || map === null) continue
    if (typeof map !== 'object' || Array.isArray(map)) {
      throw badRequest(`invalid config.${key}: must be a map of strings`)
    }
    for (const [k, v] of Object.entries(map)) {
      if (typeof v !== 'string')
        throw badRequest(`invalid config.${key}.${k}: must be a string`)
    }
  }
  if (config.services !== undefined && !Array.isArray(config.services)) {
    throw badRequest('invalid config.services: must be an array')
  }
  for (const [i, s] of (config.services ?? []).entries()) {
    if (!s || typeof s !== 'object')
      throw badRequest(`invalid config.services[${i}]`)
    if (
      s.internal_port !== undefined &&
      (!Number.isInteger(s.internal_port) ||
        s.internal_port < 1 ||
        s.internal_port > 65535)
    ) {
      throw badRequest(
        `invalid config.services[${i}].internal_port: ${JSON.stringify(s.internal_port)}`
      )
    }
    if (
      s.autostop !== undefined &&
      ![true, false, 'off', 'stop', 'suspend'].includes(s.autostop as never)
    ) {
      throw badRequest(
        `invalid config.services[${i}].autostop: ${JSON.stringify(s.autostop)}`
      )
    }
    for (const key of ['ports', 'checks'] as const) {
      if (s[key] !== undefined && s[key] !== null && !Array.isArray(s[key])) {
        throw badRequest(
          `invalid config.services[${i}].${key}: must be an array`
        )
      }
    }
    for (const [j, c] of (s.checks ?? []).entries())
      validateCheck(c, `config.services[${i}].checks[${j}]`)
  }
  if (config.checks !== undefined) {
    if (
      !config.checks ||
      typeof config.checks !== 'object' ||
      Array.isArray(config.checks)
    ) {
      throw badRequest('invalid config.checks: must be a map of checks')
    }
    for (const [name, c] of Object.entries(config.checks))
      validateCheck(c, `config.checks.${name}`)
  }
  const policy = config.restart?.policy
  if (policy !== undefined && !RESTART_POLICIES.has(policy)) {
    throw badRequest(
      `invalid config.restart.policy "${policy}": must be one of no, always, on-failure, spot-price`
    )
  }
  if (config.mounts !== undefined && !Array.isArray(config.mounts)) {
    throw badRequest('invalid config.mounts: must be an array')
  }
  return config
}

function validateCheck(c: unknown, where: string): void {
  if (!c || typeof c !== 'object')
    throw badRequest(`invalid ${where}: must be an object`)
  const check = c as Record<string, unknown>
  if (
    check.type !== undefined &&
    check.type !== 'http' &&
    check.type !== 'tcp'
  ) {
    throw badRequest(
      `invalid ${where}.type "${String(check.type)}": must be http or tcp`
    )
  }
  for (const d of ['interval', 'timeout', 'grace_period']) {
    const v = check[d]
    if (
      v !== undefined &&
      (typeof v !== 'string' || parseGoDuration(v) === undefined)
    ) {
      throw badRequest(
        `invalid ${where}.${d}: time: invalid duration ${JSON.stringify(v)}`
      )
    }
  }
}

/** attachVolumes checks `config.mounts` and attaches each volume to the machine. */
function attachVolumes(
  app: SimApp,
  m: { id: string; region: string },
  config: WireMachineConfig
): void {
  for (const [i, mount] of (config.mounts ?? []).entries()) {
    const id = mount?.volume
    if (!id) throw badRequest(`invalid config.mounts[${i}]: volume is required`)
    const v = app.volumes.get(id)
    if (!v || v.state === 'destroyed')
      throw badRequest(`volume ${id} not found`)
    if (v.region !== m.region) {
      throw badRequest(
        `volume ${id} is in region ${v.region}, the machine is in ${m.region}`
      )
    }
    const holder = v.attachedMachineId && app.machines.get(v.attachedMachineId)
    if (holder && holder.id !== m.id && holder.state !== 'destroyed') {
      throw new ApiError(
        412,
        `volume ${id} is already attached to machine ${holder.id}`,
        'volume_placement_capacity'
      )
    }
  }
  for (const mount of config.mounts ?? []) {
    const v = app.volumes.get(mount.volume!)
    if (v) v.attachedMachineId = m.id
  }
}

/** secretsVersionFor checks `min_secrets_version` against the app's secrets. */
function checkMinSecrets(app: SimApp, body: Record<string, unknown>): void {
  const min = field(body, 'min_secrets_version', 'number')
  if (min !== undefined && min > app.secretsVersion) {
    throw badRequest(
      `min_secrets_version ${min} is newer than the app's secrets version ${app.secretsVersion}`
    )
  }
}

function takeLease(
  ctx: Ctx,
  m: SimMachine,
  ttl: number | undefined
): string | undefined {
  if (ttl === undefined) return undefined
  const nonce = ctx.sim.world.rng.hex(12)
  m.lease = {
    nonce,
    owner: ctx.sim.settings.tokenOwner,
    description: '',
    expiresAt: Math.floor(ctx.sim.world.now() / 1000) + ttl,
    version: ctx.sim.world.newVersion()
  }
  return nonce
}

function listMachines(ctx: Ctx) {
  const app = requireApp(ctx)
  const includeDeleted = queryBool(ctx, 'include_deleted')
  const summary = queryBool(ctx, 'summary')
  const includeLeases = queryBool(ctx, 'include_leases')
  const region = ctx.query.get('region')
  const states = (ctx.query.get('state') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  for (const s of states) {
    if (!LISTABLE_STATES.has(s)) {
      throw badRequest(
        `invalid state filter "${s}": must be one of created, started, stopped, suspended`
      )
    }
  }
  const meta: [string, string][] = []
  for (const [k, v] of ctx.query) {
    if (k.startsWith('metadata.')) meta.push([k.slice(9), v])
  }
  const out = [...app.machines.values()].filter((m) => {
    // A destroying machine is still listed: fly-go filters it out itself (API-NOTES §7).
    if (!includeDeleted && m.state === 'destroyed') return false
    if (region && m.region !== region) return false
    if (states.length && !states.includes(m.state)) return false
    return meta.every(([k, v]) => m.config.metadata?.[k] === v)
  })
  return {
    status: 200,
    body: out.map((m) =>
      renderMachine(ctx.sim.world, m, { summary, includeLease: includeLeases })
    )
  }
}

function createMachine(ctx: Ctx) {
  const app = requireApp(ctx)
  const body = objectBody(ctx)
  const config = validateConfig(ctx, body.config)
  const region =
    field(body, 'region', 'string') || ctx.sim.settings.defaultRegion
  if (!findRegion(region))
    throw badRequest(`region "${region}" is not a valid Fly region`)
  const name = field(body, 'name', 'string')
  for (const other of app.machines.values()) {
    if (name && other.name === name && other.state !== 'destroyed') {
      throw new ApiError(
        422,
        `a machine named "${name}" already exists in app ${app.name}`,
        'name_taken'
      )
    }
  }
  checkMinSecrets(app, body)
  guardCapacity(ctx, region, 'create')
  const ttl = leaseTtl(field(body, 'lease_ttl', 'number'), 'lease_ttl')
  const skipLaunch = field(body, 'skip_launch', 'boolean') ?? false
  const m = placeMachine(ctx.sim, app, {
    config,
    region,
    name,
    skipLaunch: true,
    skipServiceRegistration:
      field(body, 'skip_service_registration', 'boolean') ?? false
  })
  const nonce = takeLease(ctx, m, ttl)
  // Fly answers a create with the machine as placed (`created`); the boot follows.
  const placed = renderMachine(ctx.sim.world, m, { nonce })
  if (!skipLaunch) ctx.sim.runtime.launch(m, 'start')
  return { status: 200, body: placed }
}

/**
 * placeMachine creates a machine record (volumes attached, `launch` event)
 * and boots it unless `skipLaunch`.
 */
export function placeMachine(
  sim: SimContext,
  app: SimApp,
  spec: {
    config: WireMachineConfig
    region: string
    name?: string
    skipLaunch?: boolean
    skipServiceRegistration?: boolean
  }
): SimMachine {
  const world = sim.world
  const id = world.newMachineId()
  storedForm(spec.config)
  attachVolumes(app, { id, region: spec.region }, spec.config)
  const version = world.newVersion()
  const now = world.now()
  const m: SimMachine = {
    id,
    name:
      spec.name ||
      `${ADJECTIVES[world.rng.int(10)]}-${NOUNS[world.rng.int(10)]}-${world.rng.int(9000) + 1000}`,
    app: app.name,
    region: spec.region,
    privateIp: `fdaa:0:${world.rng.hex(4)}:a7b:${world.rng.hex(4)}:${world.rng.hex(4)}:${world.rng.hex(4)}:2`,
    state: 'created',
    cordoned: false,
    hostStatus: 'ok',
    instanceId: version,
    config: spec.config,
    image: world.images.resolve(spec.config.image!)!,
    versions: [{ version, config: clone(spec.config), createdAt: now }],
    events: [],
    checks: new Map(),
    createdAt: now,
    updatedAt: now,
    restartCount: 0,
    secretsVersion: app.secretsVersion,
    skipServiceRegistration: spec.skipServiceRegistration ?? false
  }
  world.addMachine(app, m)
  world.addEvent(m, 'launch', 'created', 'user')
  if (!spec.skipLaunch) sim.runtime.launch(m, 'start')
  else world.changed(m)
  return m
}

function updateMachine(ctx: Ctx) {
  const { app, m } = requireLive(ctx)
  guardLease(ctx, m)
  const body = objectBody(ctx)
  const config = validateConfig(ctx, body.config)
  const current = field(body, 'current_version', 'string')
  if (current && current !== m.instanceId) {
    throw new ApiError(
      412,
      `current_version ${current} does not match the machine's version ${m.instanceId}`
    )
  }
  const region = field(body, 'region', 'string')
  if (region && region !== m.region) {
    throw badRequest(
      `cannot move machine ${m.id} from ${m.region} to ${region}: destroy it and create one in ${region}`
    )
  }
  const name = field(body, 'name', 'string')
  checkMinSecrets(app, body)
  guardHost(m)
  const skipLaunch = field(body, 'skip_launch', 'boolean') ?? false
  // Every field is read before anything changes: a 400 leaves the machine as it was.
  const skipRegistration =
    body.skip_service_registration === undefined
      ? undefined
      : (field(body, 'skip_service_registration', 'boolean') ?? false)
  const ttl = leaseTtl(field(body, 'lease_ttl', 'number'), 'lease_ttl')
  const wasRunning =
    m.state === 'started' || m.state === 'starting' || m.state === 'replacing'
  if (wasRunning || !skipLaunch) guardCapacity(ctx, m.region, 'update')
  attachVolumes(app, m, config)
  // Volumes the old config held and the new one does not are released.
  const kept = new Set((config.mounts ?? []).map((mount) => mount?.volume))
  for (const v of app.volumes.values()) {
    if (v.attachedMachineId === m.id && !kept.has(v.id))
      v.attachedMachineId = undefined
  }
  const world = ctx.sim.world
  const version = world.newVersion()
  m.instanceId = version
  m.config = config
  m.image = world.images.resolve(config.image!)!
  if (name) m.name = name
  if (skipRegistration !== undefined)
    m.skipServiceRegistration = skipRegistration
  m.versions.push({ version, config: clone(config), createdAt: world.now() })
  const nonce = takeLease(ctx, m, ttl)
  world.addEvent(m, 'update', 'replacing', 'user')
  if (wasRunning || !skipLaunch) {
    ctx.sim.runtime.launch(m, wasRunning ? 'replace' : 'start')
  } else {
    // A stopped or suspended machine keeps its state; a suspended snapshot cannot survive a new config [sim choice].
    if (m.state === 'suspended') m.state = 'stopped'
    world.changed(m)
  }
  return { status: 200, body: renderMachine(world, m, { nonce }) }
}

function deleteMachine(ctx: Ctx) {
  const { app, m } = requireMachine(ctx)
  if (m.state === 'destroyed') throw notFound('machine')
  if (m.state === 'destroying') return { status: 200, body: { ok: true } }
  guardLease(ctx, m)
  const force = queryBool(ctx, 'force') || queryBool(ctx, 'kill')
  const active =
    m.state === 'started' ||
    m.state === 'starting' ||
    m.state === 'replacing' ||
    m.state === 'stopping'
  if (active && !force) {
    throw new ApiError(
      412,
      `failed_precondition: unable to destroy machine, not currently stopped or suspended (state: ${m.state}); use force=true`
    )
  }
  ctx.sim.runtime.destroy(app, m)
  return { status: 200, body: { ok: true } }
}

function startMachine(ctx: Ctx) {
  const { m } = requireLive(ctx)
  guardLease(ctx, m)
  guardHost(m)
  if (
    m.state === 'started' ||
    m.state === 'starting' ||
    m.state === 'replacing'
  ) {
    throw new ApiError(
      412,
      `failed_precondition: unable to start machine from current state: '${m.state}'`
    )
  }
  guardCapacity(ctx, m.region, 'update')
  const previous = m.state
  ctx.sim.world.addEvent(m, 'start', 'starting', 'user')
  ctx.sim.runtime.launch(m, 'start')
  return {
    status: 200,
    body: { previous_state: previous, migrated: false, new_host: '' }
  }
}

function stopMachine(ctx: Ctx) {
  const { m } = requireLive(ctx)
  guardLease(ctx, m)
  guardHost(m)
  const body = objectBody(ctx, false)
  const signal = field(body, 'signal', 'string')
  if (signal && !SIGNALS.has(signal))
    throw badRequest(`invalid signal "${signal}"`)
  const timeoutText = field(body, 'timeout', 'string')
  const timeoutMs =
    timeoutText === undefined ? undefined : parseGoDuration(timeoutText)
  if (timeoutText !== undefined && timeoutMs === undefined) {
    throw badRequest(`invalid timeout: time: invalid duration "${timeoutText}"`)
  }
  // [sim choice] stopping a machine that is not running succeeds and does nothing.
  if (
    m.state === 'stopped' ||
    m.state === 'created' ||
    m.state === 'suspended'
  ) {
    return { status: 200, body: { ok: true } }
  }
  ctx.sim.world.addEvent(m, 'stop', 'stopping', 'user')
  ctx.sim.runtime.stop(m, { signal, timeoutMs })
  return { status: 200, body: { ok: true } }
}

function restartMachine(ctx: Ctx) {
  const { m } = requireLive(ctx)
  guardLease(ctx, m)
  guardHost(m)
  const signal = ctx.query.get('signal') ?? undefined
  if (signal && !SIGNALS.has(signal))
    throw badRequest(`invalid signal "${signal}"`)
  const timeout = ctx.query.get('timeout')
  if (
    timeout &&
    !/^\d+$/.test(timeout) &&
    parseGoDuration(timeout) === undefined
  ) {
    throw badRequest(`invalid timeout "${timeout}"`)
  }
  if (m.state !== 'started') {
    throw new ApiError(
      412,
      `failed_precondition: unable to restart machine, not currently started (state: ${m.state})`
    )
  }
  ctx.sim.runtime.restart(m, signal)
  return { status: 200, body: { ok: true } }
}

function suspendMachine(ctx: Ctx) {
  const { m } = requireLive(ctx)
  guardLease(ctx, m)
  guardHost(m)
  if (m.state !== 'started') {
    throw new ApiError(
      412,
      `failed_precondition: unable to suspend machine, not currently started (state: ${m.state})`
    )
  }
  ctx.sim.world.addEvent(m, 'suspend', 'suspending', 'user')
  ctx.sim.runtime.suspend(m)
  return { status: 200, body: { ok: true } }
}

function cordon(on: boolean) {
  return (ctx: Ctx) => {
    const { m } = requireLive(ctx)
    guardLease(ctx, m)
    m.cordoned = on
    ctx.sim.world.changed(m)
    return { status: 200, body: { ok: true } }
  }
}

function listEvents(ctx: Ctx) {
  const { m } = requireMachine(ctx)
  const limit = queryInt(ctx, 'limit') ?? 20
  if (limit < 1) throw badRequest('limit must be at least 1')
  return { status: 200, body: clone(m.events.slice(0, Math.min(limit, 50))) }
}

function listVersions(ctx: Ctx) {
  const { m } = requireMachine(ctx)
  return {
    status: 200,
    body: [...m.versions]
      .reverse()
      .map((v) => ({ version: v.version, user_config: renderConfig(v.config) }))
  }
}

/**
 * waitMachine blocks until the machine reaches one of the states (API-NOTES
 * §5): at most 60 s, 408 on timeout; `version` pins the version; `stopped`
 * needs a version; `settled` means no transitional state [sim choice].
 */
async function waitMachine(ctx: Ctx) {
  const { m } = requireMachine(ctx)
  const raw = ctx.query.getAll('state').flatMap((s) => s.split(','))
  const states = raw.map((s) => s.trim()).filter(Boolean)
  if (states.length === 0) states.push('started')
  for (const s of states) {
    if (
      ![
        'started',
        'stopped',
        'suspended',
        'destroyed',
        'failed',
        'settled'
      ].includes(s)
    ) {
      throw badRequest(
        `invalid state "${s}": must be one of started, stopped, suspended, destroyed, failed, settled`
      )
    }
  }
  const version =
    ctx.query.get('version') ?? ctx.query.get('instance_id') ?? undefined
  if (states.includes('stopped') && !version) {
    throw badRequest('version is required when waiting for the stopped state')
  }
  const fromEvent = ctx.query.get('from_event_id') ?? undefined
  const timeoutText = ctx.query.get('timeout') ?? '60'
  let timeoutS = /^\d+$/.test(timeoutText)
    ? Number(timeoutText)
    : (parseGoDuration(timeoutText) ?? NaN) / 1000
  if (!Number.isFinite(timeoutS) || timeoutS < 0) {
    throw badRequest(`invalid timeout "${timeoutText}"`)
  }
  timeoutS = Math.min(timeoutS, 60)

  // [sim choice] only the current state counts: a machine that stopped and went
  // on to destroying (auto_destroy) no longer satisfies `stopped`; wait for
  // `stopped,destroyed` when it may be destroyed.
  const satisfied = (): boolean => {
    if (version && m.instanceId !== version) return false
    if (fromEvent && !m.events.some((e) => e.id > fromEvent)) return false
    return states.some((s) =>
      s === 'settled'
        ? !TRANSITIONAL.has(m.state)
        : m.state === (s as MachineState)
    )
  }
  const ok = () => ({
    status: 200,
    body: {
      ok: true,
      state: m.state,
      version: m.instanceId,
      event_id: m.events[0]?.id ?? ''
    }
  })
  if (satisfied()) return ok()
  const world = ctx.sim.world
  return await new Promise<{ status: number; body: unknown }>((resolve) => {
    const done = (r: { status: number; body: unknown }): void => {
      cancel()
      world.off('machine', onChange)
      ctx.signal.removeEventListener('abort', onAbort)
      resolve(r)
    }
    const onChange = (changed: SimMachine): void => {
      if (changed === m && satisfied()) done(ok())
    }
    const onAbort = (): void =>
      done({ status: 499, body: { error: 'client closed request' } })
    const cancel = world.clock.setTimer(timeoutS * 1000, () =>
      done({
        status: 408,
        body: {
          error: `deadline_exceeded: machine ${m.id} did not reach state ${states.join(',')} within ${timeoutS}s`
        }
      })
    )
    world.on('machine', onChange)
    ctx.signal.addEventListener('abort', onAbort, { once: true })
  })
}

function getMachine(ctx: Ctx) {
  const { m } = requireMachine(ctx)
  // [sim choice] a destroyed machine answers GET for a minute, then 404.
  if (
    m.state === 'destroyed' &&
    m.destroyedAt !== undefined &&
    ctx.sim.world.now() - m.destroyedAt > 60_000
  ) {
    throw notFound('machine')
  }
  return {
    status: 200,
    body: renderMachine(ctx.sim.world, m, {
      includeLease: queryBool(ctx, 'include_leases')
    })
  }
}

export const machineRoutes: Route[] = [
  route(
    'GET',
    '/v1/apps/{app_name}/machines',
    'Machines_list',
    listMachines,
    perApp
  ),
  route(
    'POST',
    '/v1/apps/{app_name}/machines',
    'Machines_create',
    createMachine,
    perApp
  ),
  route(
    'GET',
    '/v1/apps/{app_name}/machines/{machine_id}',
    'Machines_show',
    getMachine,
    getMachineRate
  ),
  route(
    'POST',
    '/v1/apps/{app_name}/machines/{machine_id}',
    'Machines_update',
    updateMachine,
    perMachine
  ),
  route(
    'DELETE',
    '/v1/apps/{app_name}/machines/{machine_id}',
    'Machines_delete',
    deleteMachine,
    perMachine
  ),
  route(
    'POST',
    '/v1/apps/{app_name}/machines/{machine_id}/start',
    'Machines_start',
    startMachine,
    perMachine
  ),
  route(
    'POST',
    '/v1/apps/{app_name}/machines/{machine_id}/stop',
    'Machines_stop',
    stopMachine,
    perMachine
  ),
  route(
    'POST',
    '/v1/apps/{app_name}/machines/{machine_id}/restart',
    'Machines_restart',
    restartMachine,
    perMachine
  ),
  route(
    'POST',
    '/v1/apps/{app_name}/machines/{machine_id}/suspend',
    'Machines_suspend',
    suspendMachine,
    perMachine
  ),
  route(
    'POST',
    '/v1/apps/{app_name}/machines/{machine_id}/cordon',
    'Machines_cordon',
    cordon(true),
    perMachine
  ),
  route(
    'POST',
    '/v1/apps/{app_name}/machines/{machine_id}/uncordon',
    'Machines_uncordon',
    cordon(false),
    perMachine
  ),
  route(
    'GET',
    '/v1/apps/{app_name}/machines/{machine_id}/events',
    'Machines_list_events',
    listEvents,
    perMachine
  ),
  route(
    'GET',
    '/v1/apps/{app_name}/machines/{machine_id}/versions',
    'Machines_list_versions',
    listVersions,
    perMachine
  ),
  route(
    'GET',
    '/v1/apps/{app_name}/machines/{machine_id}/wait',
    'Machines_wait',
    waitMachine,
    perMachine
  )
]
