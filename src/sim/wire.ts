/**
 * flysim's own reading of the Machines API wire format
 * (shared/fly/machines-openapi.json). Deliberately independent of the
 * product's adapter types: if both sides shared one misreading of the API,
 * every test would pass on both.
 */

/** MachineConfig is kept as the client sent it; these are the parts flysim interprets. */
export interface WireMachineConfig {
  image?: string
  env?: Record<string, string>
  metadata?: Record<string, string>
  services?: WireService[]
  checks?: Record<string, WireCheck>
  restart?: { policy?: string; max_retries?: number }
  mounts?: { volume?: string; path?: string; name?: string; size_gb?: number }[]
  guest?: Record<string, unknown>
  stop_config?: { signal?: string; timeout?: string }
  auto_destroy?: boolean
  dns?: { skip_registration?: boolean }
  [key: string]: unknown
}

export interface WireService {
  protocol?: string
  internal_port?: number
  ports?: { port?: number; handlers?: string[]; force_https?: boolean }[]
  checks?: WireCheck[]
  autostart?: boolean
  autostop?: boolean | string
  min_machines_running?: number
  concurrency?: { type?: string; soft_limit?: number; hard_limit?: number }
  [key: string]: unknown
}

export interface WireCheck {
  type?: string
  port?: number
  interval?: string
  timeout?: string
  grace_period?: string
  method?: string
  path?: string
  protocol?: string
  headers?: { name?: string; values?: string[] }[]
  kind?: string
  [key: string]: unknown
}

export interface WireCheckStatus {
  name: string
  status: 'passing' | 'warning' | 'critical'
  output: string
  updated_at: string
}

export interface WireEvent {
  id: string
  type: string
  status: string
  source: string
  timestamp: number
  request?: Record<string, unknown>
}

export interface WireImageRef {
  registry: string
  repository: string
  tag: string
  digest: string
  labels: Record<string, string>
}

/** ErrorResponse: `{error, status?}` ([OA3] ErrorResponse). */
export interface WireError {
  error: string
  status?:
    | 'unknown'
    | 'insufficient_capacity'
    | 'volume_placement_capacity'
    | 'name_taken'
}

/** Machine states flysim can report (API-NOTES §3). */
export type MachineState =
  | 'created'
  | 'starting'
  | 'started'
  | 'stopping'
  | 'stopped'
  | 'suspending'
  | 'suspended'
  | 'replacing'
  | 'destroying'
  | 'destroyed'
  | 'failed'

/** TRANSITIONAL states are the ones `/wait?state=settled` waits out [sim choice]. */
export const TRANSITIONAL: ReadonlySet<MachineState> = new Set([
  'starting',
  'stopping',
  'replacing',
  'suspending',
  'destroying'
])
