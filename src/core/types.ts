/**
 * Domain types of the rollout engine. These are not wire types: the adapter
 * maps Machines API JSON to them in one place (adapters/fly/wire.ts).
 */

/** MachineConfig is a Machines API machine config as the engine handles it: opaque but for these parts. */
export interface MachineConfig {
  image?: string
  env?: Record<string, string>
  metadata?: Record<string, string>
  services?: ServiceConfig[]
  checks?: Record<string, CheckConfig>
  mounts?: { volume?: string; path?: string; name?: string; size_gb?: number }[]
  restart?: { policy?: string; max_retries?: number }
  guest?: Record<string, unknown>
  [key: string]: unknown
}

export interface ServiceConfig {
  internal_port?: number
  protocol?: string
  ports?: { port?: number; handlers?: string[]; [key: string]: unknown }[]
  checks?: CheckConfig[]
  autostop?: boolean | string
  autostart?: boolean
  [key: string]: unknown
}

export interface CheckConfig {
  type?: string
  port?: number
  path?: string
  interval?: string
  timeout?: string
  grace_period?: string
  kind?: string
  [key: string]: unknown
}

/** Machine states the engine distinguishes (API-NOTES §3). */
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

/** CheckResult is one check's latest status on a machine. */
export interface CheckResult {
  name: string
  status: 'passing' | 'warning' | 'critical'
  output?: string
  updatedAt?: string
}

/** MachineEvent is one entry of a machine's event log (API-NOTES §8). */
export interface MachineEvent {
  id?: string
  type: string
  status: string
  timestamp: number
  exitCode?: number
  restarting?: boolean
  restartCount?: number
  oomKilled?: boolean
  requestedStop?: boolean
}

/** MachineView is a machine as read from the API, mapped to domain terms. */
export interface MachineView {
  id: string
  name: string
  region: string
  state: MachineState | string
  /** instance_id: the current version. */
  version: string
  /** image_ref.digest; compare images by digest, never by tag (API-NOTES §3). */
  imageDigest: string
  config: MachineConfig
  /** true when the host is not ok and `config` came from incomplete_config. */
  configIncomplete: boolean
  hostStatus: string
  cordoned: boolean
  checks: CheckResult[]
  events: MachineEvent[]
  createdAt?: string
  updatedAt?: string
}

/**
 * MachineRecord is one machine of the snapshot S₀, recorded before any change:
 * the only rollback target (ROLLOUT-SEMANTICS §1).
 */
export interface MachineRecord {
  id: string
  name: string
  region: string
  /** fly_process_group, `app` when absent. */
  group: string
  state: string
  version: string
  imageDigest: string
  /** The full config as read back, metadata included. */
  config: MachineConfig
  /** configHash(config): flyrollout_* metadata removed, canonical JSON. */
  hash: string
  volumeIds: string[]
}

/** Snapshot is S₀: the app as it was before a rollout changed anything. */
export interface Snapshot {
  app: string
  /** Unix ms. */
  takenAt: number
  machines: MachineRecord[]
}

/**
 * Release is R: the image by digest plus the rendered config of every process
 * group. Its id is derived from them, so the same inputs give the same id.
 */
export interface Release {
  /** Image reference pinned by digest, e.g. registry.fly.io/app@sha256:… */
  image: string
  digest: string
  /** Desired config per process group (metadata: flyctl's fly_* keys). */
  groups: Record<string, MachineConfig>
  /** sha256 of the normalized group configs. */
  id: string
  /** A release_command machine config, when fly.toml has one. */
  releaseCommand?: MachineConfig
}
