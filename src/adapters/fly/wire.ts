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
 * WireShapeError is a 2xx body of the right kind with a field of the wrong
 * type (a string where a list belongs, a null in a list of machines). The
 * client turns it into a FlyApiError naming the call; nothing half-read
 * reaches the engine.
 */
export class WireShapeError extends Error {}

type Obj = Record<string, unknown>

/** obj reads a JSON object; `what` names it in the error. */
export function obj(v: unknown, what: string): Obj {
  if (isObject(v)) return v as Obj
  throw new WireShapeError(`${what} is not an object`)
}

/** list reads an optional list: absent or null is empty, as Go decodes it. */
export function list(v: unknown, what: string): unknown[] {
  if (v === undefined || v === null) return []
  if (Array.isArray(v)) return v
  throw new WireShapeError(`${what} is not a list`)
}

/** optStr reads an optional string field: absent or null is undefined. */
export function optStr(o: Obj, key: string, what: string): string | undefined {
  const v = o[key]
  if (v === undefined || v === null) return undefined
  if (typeof v === 'string') return v
  throw new WireShapeError(`${what}.${key} is not a string`)
}

/** optNum reads an optional finite number field. */
export function optNum(o: Obj, key: string, what: string): number | undefined {
  const v = o[key]
  if (v === undefined || v === null) return undefined
  if (typeof v === 'number' && Number.isFinite(v)) return v
  throw new WireShapeError(`${what}.${key} is not a number`)
}

/** optBool reads an optional boolean field. */
export function optBool(
  o: Obj,
  key: string,
  what: string
): boolean | undefined {
  const v = o[key]
  if (v === undefined || v === null) return undefined
  if (typeof v === 'boolean') return v
  throw new WireShapeError(`${what}.${key} is not a boolean`)
}

/** optObj reads an optional object field. */
export function optObj(o: Obj, key: string, what: string): Obj | undefined {
  const v = o[key]
  if (v === undefined || v === null) return undefined
  return obj(v, `${what}.${key}`)
}

/**
 * toCheckResult maps a CheckStatus. A status the engine does not know is
 * treated as `critical`: only `passing` ever counts as healthy (API-NOTES §9).
 */
export function toCheckResult(c: WireCheckStatus): CheckResult {
  const o = obj(c, 'a check')
  const raw = optStr(o, 'status', 'a check')
  const status = CHECK_STATUSES.has(raw as CheckResult['status'])
    ? (raw as CheckResult['status'])
    : 'critical'
  const out: CheckResult = { name: optStr(o, 'name', 'a check') ?? '', status }
  const output = optStr(o, 'output', 'a check')
  if (output !== undefined) out.output = output
  const updatedAt = optStr(o, 'updated_at', 'a check')
  if (updatedAt !== undefined) out.updatedAt = updatedAt
  return out
}

/**
 * toMachineEvent maps a MachineEvent; an `exit` event's `request.exit_event`
 * and `request.restart_count` become flat fields (API-NOTES §8).
 */
export function toMachineEvent(e: WireMachineEvent): MachineEvent {
  const o = obj(e, 'an event')
  const out: MachineEvent = {
    type: optStr(o, 'type', 'an event') ?? '',
    status: optStr(o, 'status', 'an event') ?? '',
    timestamp: optNum(o, 'timestamp', 'an event') ?? 0
  }
  const id = optStr(o, 'id', 'an event')
  if (id !== undefined) out.id = id
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
 *   back empty, and `hostStatus` as `ok` (use `get` for the truth);
 * - a field of the wrong type throws a WireShapeError.
 */
export function toMachineView(m: WireMachine): MachineView {
  const o = obj(m, 'a machine')
  const at = 'a machine'
  const hostStatus = optStr(o, 'host_status', at) ?? 'ok'
  const full = optObj(o, 'config', at)
  const partial = optObj(o, 'incomplete_config', at)
  const incomplete =
    hostStatus !== 'ok' || (full === undefined && partial !== undefined)
  const config = (
    hostStatus !== 'ok' ? (partial ?? full) : (full ?? partial)
  ) as MachineConfig | undefined
  const imageRef = optObj(o, 'image_ref', at)
  const view: MachineView = {
    id: optStr(o, 'id', at) ?? '',
    name: optStr(o, 'name', at) ?? '',
    region: optStr(o, 'region', at) ?? '',
    state: optStr(o, 'state', at) ?? '',
    version: optStr(o, 'instance_id', at) ?? '',
    imageDigest:
      (imageRef && optStr(imageRef, 'digest', `${at}.image_ref`)) ?? '',
    config: config ?? {},
    configIncomplete: incomplete,
    hostStatus,
    cordoned: optBool(o, 'cordoned', at) ?? false,
    checks: list(o.checks, `${at}.checks`)
      .map((c) => toCheckResult(c as WireCheckStatus))
      .filter((c) => !c.name.startsWith(COMPAT_CHECK_PREFIX)),
    events: list(o.events, `${at}.events`).map((e) =>
      toMachineEvent(e as WireMachineEvent)
    )
  }
  const createdAt = optStr(o, 'created_at', at)
  if (createdAt !== undefined) view.createdAt = createdAt
  const updatedAt = optStr(o, 'updated_at', at)
  if (updatedAt !== undefined) view.updatedAt = updatedAt
  return view
}

/** toWireConfig hands a core MachineConfig to the API as is: it is opaque to us. */
export function toWireConfig(c: MachineConfig): WireMachineConfig {
  return c as WireMachineConfig
}

function isObject<T>(v: T | undefined | null): v is T & object {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
