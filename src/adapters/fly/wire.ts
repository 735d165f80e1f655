/**
 * Machines API wire types, taken from machines-openapi.json (openapi.ts,
 * generated), and the one place Machine JSON becomes a core MachineView.
 * Where the spec is looser or stricter than what Fly sends, the refinement is
 * here and says why.
 */
import type {
  CheckResult,
  MachineConfig,
  MachineEvent,
  MachineView
} from '../../core/types.js'
import type { components } from './openapi.js'

type Schemas = components['schemas']

type SpecService = Schemas['fly.MachineService']
type SpecConfig = Schemas['fly.MachineConfig']

/**
 * WireMachineService is fly.MachineService as Fly answers it: the spec types
 * `autostop` as `off|stop|suspend`, yet says "the API continues to use
 * booleans for off and stop in responses", so both are kept as sent.
 */
export type WireMachineService = Omit<SpecService, 'autostop'> & {
  autostop?: boolean | 'off' | 'stop' | 'suspend'
}

/** WireMachineConfig is fly.MachineConfig with services as Fly answers them. */
export type WireMachineConfig = Omit<SpecConfig, 'services'> & {
  services?: WireMachineService[]
}

/**
 * WireExitEvent is `request.exit_event` of an `exit` event (fly-go
 * machine_types.go; the spec types `request` as a bare object).
 */
export interface WireExitEvent {
  exit_code?: number
  oom_killed?: boolean
  requested_stop?: boolean
  restarting?: boolean
  signal?: number
  exited_at?: string
}

/** WireEventRequest is a MachineEvent's `request` as fly-go decodes it (API-NOTES §8). */
export interface WireEventRequest {
  exit_event?: WireExitEvent
  restart_count?: number
  [key: string]: unknown
}

export type WireMachineEvent = Omit<Schemas['MachineEvent'], 'request'> & {
  request?: WireEventRequest
}

export type WireMachine = Omit<
  Schemas['Machine'],
  'config' | 'incomplete_config' | 'events'
> & {
  config?: WireMachineConfig
  incomplete_config?: WireMachineConfig
  events?: WireMachineEvent[]
}

export type WireCheckStatus = Schemas['CheckStatus']
export type WireLease = Schemas['Lease']
export type WireErrorResponse = Schemas['ErrorResponse']
export type WireWaitResponse = Schemas['WaitMachineResponse']
export type WireMachineVersion = Omit<
  Schemas['MachineVersion'],
  'user_config'
> & {
  user_config?: WireMachineConfig
}
export type WireApp = Schemas['App']
export type WireListApps = Schemas['ListAppsResponse']
export type WireIpAssignment = Schemas['IPAssignment']
export type WireAssignIpRequest = Schemas['assignIPRequest']
export type WireAssignIpResponse = Schemas['AssignIPResponse']
export type WireListIps = Schemas['listIPAssignmentsResponse']
export type WireCreatePostgresAttachmentRequest =
  Schemas['createPostgresAttachmentRequest']
export type WireVolume = Schemas['Volume']
export type WireRegions = Schemas['main.regionResponse']
export type WireSecrets = Schemas['AppSecrets']
export type WireSecretsUpdateResponse = Schemas['AppSecretsUpdateResp']

/**
 * WireLeaseEnvelope is the lease endpoints' wrapped shape, as fly-go decodes
 * it: `{status: "success", data}` or `{status: "error", message, code}`
 * (API-NOTES §4). The bare shape is a WireLease.
 */
export interface WireLeaseEnvelope {
  status?: string
  data?: WireLease
  message?: string
  code?: string
  error?: string
}

/** WireCreateMachineRequest is CreateMachineRequest with our config type. */
export type WireCreateMachineRequest = Omit<
  Schemas['CreateMachineRequest'],
  'config'
> & { config: WireMachineConfig }

/** WireUpdateMachineRequest is UpdateMachineRequest with our config type. */
export type WireUpdateMachineRequest = Omit<
  Schemas['UpdateMachineRequest'],
  'config'
> & { config: WireMachineConfig }

/**
 * WireUpdateMetadataRequest is updateMetadataRequest; the spec types values as
 * strings, but null (or "") removes a key (API-NOTES §7).
 */
export type WireUpdateMetadataRequest = Omit<
  Schemas['updateMetadataRequest'],
  'metadata'
> & { metadata: Record<string, string | null> }

/** WireSecretsUpdateRequest is AppSecretsUpdateRequest; null unsets (API-NOTES §2.3). */
export interface WireSecretsUpdateRequest {
  values: Record<string, string | null>
}

/** Check names flaps invents for compatibility; fly-go drops them (API-NOTES §9). */
const COMPAT_CHECK_PREFIX = 'bg_deployments_compat'

const CHECK_STATUSES = new Set<CheckResult['status']>([
  'passing',
  'warning',
  'critical'
])

/**
 * toCheckResult maps a CheckStatus. A status the engine does not know is
 * treated as `critical`: only `passing` ever counts as healthy (API-NOTES §9).
 */
export function toCheckResult(c: WireCheckStatus): CheckResult {
  const status = CHECK_STATUSES.has(c.status as CheckResult['status'])
    ? (c.status as CheckResult['status'])
    : 'critical'
  const out: CheckResult = { name: c.name ?? '', status }
  if (c.output !== undefined) out.output = c.output
  if (c.updated_at !== undefined) out.updatedAt = c.updated_at
  return out
}

/**
 * toMachineEvent maps a MachineEvent; an `exit` event's `request.exit_event`
 * and `request.restart_count` become flat fields (API-NOTES §8).
 */
export function toMachineEvent(e: WireMachineEvent): MachineEvent {
  const out: MachineEvent = {
    type: e.type ?? '',
    status: e.status ?? '',
    timestamp: e.timestamp ?? 0
  }
  if (e.id !== undefined) out.id = e.id
  const req = isObject(e.request) ? e.request : undefined
  const exit = isObject(req?.exit_event) ? req.exit_event : undefined
  if (typeof exit?.exit_code === 'number') out.exitCode = exit.exit_code
  if (typeof exit?.restarting === 'boolean') out.restarting = exit.restarting
  if (typeof exit?.oom_killed === 'boolean') out.oomKilled = exit.oom_killed
  if (typeof exit?.requested_stop === 'boolean') {
    out.requestedStop = exit.requested_stop
  }
  if (typeof req?.restart_count === 'number') {
    out.restartCount = req.restart_count
  }
  return out
}

/**
 * toMachineView maps a Machine to the engine's MachineView (API-NOTES §3):
 *
 * - `version` is `instance_id`; `imageDigest` is `image_ref.digest` (images
 *   compare by digest, never by tag);
 * - with the host not ok Fly answers `incomplete_config` instead of (or
 *   beside) `config`: it is used, and `configIncomplete` says so;
 * - `autostop` stays as the API sent it (booleans for off/stop);
 * - flaps' `bg_deployments_compat*` checks are dropped (API-NOTES §9);
 * - a `summary` list omits config, checks, events and host_status: they come
 *   back empty, and `hostStatus` as `ok` (use `get` for the truth).
 */
export function toMachineView(m: WireMachine): MachineView {
  const hostStatus = m.host_status ?? 'ok'
  const incomplete =
    hostStatus !== 'ok' ||
    (m.config === undefined && m.incomplete_config !== undefined)
  const config = (
    hostStatus !== 'ok'
      ? (m.incomplete_config ?? m.config)
      : (m.config ?? m.incomplete_config)
  ) as MachineConfig | undefined
  const view: MachineView = {
    id: m.id ?? '',
    name: m.name ?? '',
    region: m.region ?? '',
    state: m.state ?? '',
    version: m.instance_id ?? '',
    imageDigest: m.image_ref?.digest ?? '',
    config: config ?? {},
    configIncomplete: incomplete,
    hostStatus,
    cordoned: m.cordoned ?? false,
    checks: (m.checks ?? [])
      .filter((c) => !(c.name ?? '').startsWith(COMPAT_CHECK_PREFIX))
      .map(toCheckResult),
    events: (m.events ?? []).map(toMachineEvent)
  }
  if (m.created_at !== undefined) view.createdAt = m.created_at
  if (m.updated_at !== undefined) view.updatedAt = m.updated_at
  return view
}

/** toWireConfig hands a core MachineConfig to the API as is: it is opaque to us. */
export function toWireConfig(c: MachineConfig): WireMachineConfig {
  return c as WireMachineConfig
}

function isObject<T>(v: T | undefined | null): v is T & object {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
