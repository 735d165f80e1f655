import { imageRefOf } from '../images.js'
import type {
  SimApp,
  SimIp,
  SimLease,
  SimMachine,
  SimVolume,
  World
} from '../world.js'
import type { WireMachineConfig } from '../wire.js'

/** clone deep-copies JSON data, so callers never share state with the world. */
export function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T)
}

/**
 * MACHINE_CONFIG_KEYS are [OA3] fly.MachineConfig's properties. Fly decodes a
 * config into its Go struct and answers with that struct, so a field the
 * struct lacks never comes back.
 */
const MACHINE_CONFIG_KEYS = new Set([
  'auto_destroy',
  'cache_drive',
  'checks',
  'containers',
  'disable_machine_autostart',
  'dns',
  'env',
  'files',
  'guest',
  'image',
  'init',
  'metadata',
  'metrics',
  'mounts',
  'processes',
  'restart',
  'rootfs',
  'schedule',
  'services',
  'size',
  'spot',
  'standbys',
  'statics',
  'stop_config'
])

/** dropNulls removes null-valued object fields, as Go's `omitempty` leaves nil maps, slices and pointers out. */
function dropNulls(v: unknown): void {
  if (Array.isArray(v)) {
    for (const x of v) dropNulls(x)
  } else if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>
    for (const [k, x] of Object.entries(o)) {
      if (x === null) delete o[k]
      else dropNulls(x)
    }
  }
}

/**
 * renderConfig renders a stored config the way Fly answers: only
 * fly.MachineConfig's fields, no nulls, and services' `autostop` "off"/"stop"
 * as booleans ([OA3] fly.MachineService: "the API continues to use booleans
 * for off and stop in responses").
 */
export function renderConfig(config: WireMachineConfig): WireMachineConfig {
  const out = clone(config)
  for (const k of Object.keys(out)) {
    if (!MACHINE_CONFIG_KEYS.has(k)) delete out[k]
  }
  dropNulls(out)
  for (const s of out.services ?? []) {
    if (s && s.autostop === 'off') s.autostop = false
    else if (s && s.autostop === 'stop') s.autostop = true
  }
  return out
}

/** renderMachine renders a Machine ([OA3] Machine). */
export function renderMachine(
  world: World,
  m: SimMachine,
  opts: { summary?: boolean; includeLease?: boolean; nonce?: string } = {}
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: m.id,
    name: m.name,
    state: m.state,
    region: m.region,
    instance_id: m.instanceId,
    private_ip: m.privateIp,
    image_ref: imageRefOf(m.image),
    created_at: world.iso(m.createdAt),
    updated_at: world.iso(m.updatedAt)
  }
  if (m.cordoned) out.cordoned = true
  if (!opts.summary) {
    // API-NOTES §3: with the host not ok, Fly answers incomplete_config.
    if (m.hostStatus === 'ok') out.config = renderConfig(m.config)
    else out.incomplete_config = renderConfig(m.config)
    out.host_status = m.hostStatus
    out.events = clone(m.events.slice(0, 20))
    out.checks = [...m.checks.values()].map((c) => ({ ...c }))
    if (opts.nonce) out.nonce = opts.nonce
  }
  if (opts.includeLease && m.lease && m.lease.expiresAt * 1000 > world.now()) {
    out.lease = {
      owner: m.lease.owner,
      expires_at: m.lease.expiresAt,
      description: m.lease.description
    }
  }
  return out
}

/** renderLease renders a Lease, wrapped the way fly-go decodes it unless `bare`. */
export function renderLease(
  lease: SimLease,
  shape: 'wrapped' | 'bare'
): unknown {
  const data = {
    nonce: lease.nonce,
    expires_at: lease.expiresAt,
    owner: lease.owner,
    description: lease.description,
    version: lease.version
  }
  return shape === 'bare' ? data : { status: 'success', data }
}

/**
 * renderLeaseReleased renders a lease release: Fly's docs example is wrapped
 * like the lease itself, `{status: "success", data: {ok: true}}` (superfly/docs
 * reference/machines/_machines_lease_release_resp.erb); bare, `{ok: true}`.
 */
export function renderLeaseReleased(shape: 'wrapped' | 'bare'): unknown {
  return shape === 'bare'
    ? { ok: true }
    : { status: 'success', data: { ok: true } }
}

/** renderVolume renders a Volume; unset fields are left out, as flysim never sends null. */
export function renderVolume(
  world: World,
  v: SimVolume
): Record<string, unknown> {
  const blocks = v.sizeGb * 262_144
  return {
    id: v.id,
    name: v.name,
    state: v.state,
    region: v.region,
    zone: v.zone,
    size_gb: v.sizeGb,
    encrypted: v.encrypted,
    fstype: 'ext4',
    type: 'local',
    host_status: 'ok',
    created_at: world.iso(v.createdAt),
    block_size: 4096,
    blocks,
    blocks_free: blocks,
    blocks_avail: blocks,
    bytes_total: blocks * 4096,
    bytes_used: 0,
    snapshot_retention: 5,
    auto_backup_enabled: true,
    ...(v.attachedMachineId ? { attached_machine_id: v.attachedMachineId } : {})
  }
}

/** renderApp renders an App ([OA3] App). */
export function renderApp(world: World, app: SimApp): Record<string, unknown> {
  const live = [...app.machines.values()].filter((m) => m.state !== 'destroyed')
  const org = world.orgs.get(app.orgSlug)
  return {
    id: app.id,
    name: app.name,
    status:
      app.status === 'pending' && live.length > 0 ? 'deployed' : app.status,
    machine_count: live.length,
    volume_count: [...app.volumes.values()].filter(
      (v) => v.state !== 'destroyed'
    ).length,
    network: app.network,
    organization: { name: org?.name ?? app.orgSlug, slug: app.orgSlug }
  }
}

/** renderIp renders an IPAssignment. */
export function renderIp(world: World, ip: SimIp): Record<string, unknown> {
  return {
    ip: ip.ip,
    region: ip.region,
    shared: ip.shared,
    created_at: world.iso(ip.createdAt),
    ...(ip.serviceName ? { service_name: ip.serviceName } : {})
  }
}
