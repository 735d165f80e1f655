import type {
  HttpOptions,
  MachineServiceConcurrency,
  TlsOptions
} from './machine-config.js'

/**
 * GoDuration is a duration in Go's canonical `Duration.String()` form
 * ("15s", "1m21s", "500ms"). Every duration in fly.toml, whether written as
 * integer milliseconds (checks), integer seconds (`kill_timeout`) or a Go
 * duration string, is normalised to this form, as flyctl does.
 */
export type GoDuration = string

/** Autostop is `auto_stop_machines` normalised: `true` → "stop", `false` → "off". */
export type Autostop = 'off' | 'stop' | 'suspend'

/**
 * AppConfig is a fly.toml after flyctl's normalisation (its `patches.go`):
 * one shape for every spelling real repositories use. Keys keep fly.toml's
 * names, so a diagnostic's key path reads the same as the file.
 *
 * Invariants the translator relies on:
 * - collections are never absent: an app without `[[services]]` has
 *   `services: []`;
 * - `processes` maps each group to its argv, already split like flyctl
 *   (an empty argv means "the image's CMD");
 * - every `processes` list elsewhere is as written (empty = the default
 *   group, see {@link defaultProcessName});
 * - durations are {@link GoDuration}s.
 */
export interface AppConfig {
  app?: string
  primary_region?: string
  kill_signal?: string
  kill_timeout?: GoDuration
  swap_size_mb?: number
  console_command?: string
  host_dedication_id?: string
  experimental?: Experimental
  build?: Build
  deploy?: Deploy
  env: Record<string, string>
  processes: Record<string, string[]>
  mounts: Mount[]
  http_service?: HttpService
  services: Service[]
  checks: Record<string, TopLevelCheck>
  files: FileSpec[]
  machine_checks: MachineCheckSpec[]
  restart: RestartSpec[]
  vm: Compute[]
  statics: StaticSpec[]
  metrics: MetricsSpec[]
  /** Newer flyctl: process group → schedule ("hourly", "daily", …). */
  schedules: Record<string, string>
}

/** Experimental is `[experimental]`; `cmd`, `entrypoint`, `exec` accept a string (one word) or a list. */
export interface Experimental {
  cmd?: string[]
  entrypoint?: string[]
  exec?: string[]
  auto_rollback?: boolean
  enable_consul?: boolean
  enable_etcd?: boolean
  lazy_load_images?: boolean
  use_zstd?: boolean
  attached?: { secrets?: { export?: Record<string, string> } }
}

/** Build is `[build]`. fly-rollout never builds; it is kept for callers that do. */
export interface Build {
  builder?: string
  args?: Record<string, string>
  buildpacks?: string[]
  image?: string
  settings?: Record<string, unknown>
  builtin?: string
  dockerfile?: string
  ignorefile?: string
  /** Also accepted as `build_target`, as flyctl does. */
  'build-target'?: string
  compose?: { file?: string }
}

/** Deploy is `[deploy]` (flyctl `type Deploy`, API-NOTES §13). */
export interface Deploy {
  strategy?: string
  max_unavailable?: number
  wait_timeout?: GoDuration
  release_command?: string
  release_command_timeout?: GoDuration
  release_command_vm?: Compute
  seed_command?: string
}

/** Mount is one `[[mounts]]` (or `[mounts]`, or the old `[mount]`). */
export interface Mount {
  source: string
  destination: string
  /** As written; integers become strings ("30"), sizes stay ("30gb"). */
  initial_size?: string
  snapshot_retention?: number
  scheduled_snapshots?: boolean
  auto_extend_size_threshold?: number
  auto_extend_size_increment?: string
  auto_extend_size_limit?: string
  processes: string[]
}

/** HttpService is `[http_service]`: one TCP service on 80 (http) and 443 (tls+http). */
export interface HttpService {
  internal_port: number
  force_https: boolean
  auto_stop_machines?: Autostop
  auto_start_machines?: boolean
  min_machines_running?: number
  processes: string[]
  concurrency?: MachineServiceConcurrency
  tls_options?: TlsOptions
  http_options?: HttpOptions
  checks: HttpCheck[]
  machine_checks: MachineCheckSpec[]
}

/** Service is one `[[services]]`. */
export interface Service {
  protocol?: string
  internal_port: number
  auto_stop_machines?: Autostop
  auto_start_machines?: boolean
  min_machines_running?: number
  ports: PortSpec[]
  concurrency?: MachineServiceConcurrency
  tcp_checks: TcpCheck[]
  http_checks: HttpCheck[]
  machine_checks: MachineCheckSpec[]
  processes: string[]
}

/** PortSpec is one `[[services.ports]]`; `port` may have been written as a string. */
export interface PortSpec {
  port?: number
  start_port?: number
  end_port?: number
  handlers?: string[]
  force_https?: boolean
  tls_options?: TlsOptions
  http_options?: HttpOptions
  proxy_proto_options?: { version?: string }
}

/** TcpCheck is one `[[services.tcp_checks]]`. */
export interface TcpCheck {
  interval?: GoDuration
  timeout?: GoDuration
  grace_period?: GoDuration
}

/** HttpCheck is one `[[services.http_checks]]` or `[[http_service.checks]]`. */
export interface HttpCheck extends TcpCheck {
  method?: string
  path?: string
  protocol?: string
  tls_skip_verify?: boolean
  tls_server_name?: string
  /** Header name → value; the old `[{name, value}]` list form is converted. */
  headers?: Record<string, string>
}

/** TopLevelCheck is one `[checks.<name>]`. */
export interface TopLevelCheck extends HttpCheck {
  type?: string
  port?: number
  processes: string[]
}

/** MachineCheckSpec is one `machine_checks` entry. fly-rollout does not run them (its own bake gates a rollout). */
export interface MachineCheckSpec {
  command: string[]
  image?: string
  entrypoint?: string[]
  kill_signal?: string
  kill_timeout?: GoDuration
}

/** RestartSpec is one `[[restart]]`; `never` becomes the API's `no`. */
export interface RestartSpec {
  policy?: 'always' | 'on-failure' | 'never'
  retries?: number
  processes: string[]
}

/** Compute is one `[[vm]]` (also `[vm]`, `[[compute]]`). `memory` keeps the text; `memory_mb` wins over it. */
export interface Compute {
  size?: string
  memory?: string
  cpu_kind?: string
  cpus?: number
  memory_mb?: number
  max_memory_mb?: number
  gpus?: number
  gpu_kind?: string
  host_dedication_id?: string
  kernel_args?: string[]
  persist_rootfs?: 'never' | 'always' | 'restart'
  processes: string[]
}

/** StaticSpec is one `[[statics]]`. */
export interface StaticSpec {
  guest_path: string
  url_prefix: string
  tigris_bucket?: string
  index_document?: string
}

/** MetricsSpec is one `[[metrics]]` (or `[metrics]`). */
export interface MetricsSpec {
  port?: number
  path?: string
  https?: boolean
  processes: string[]
}

/** FileSpec is one `[[files]]`: exactly one of `local_path`, `secret_name`, `raw_value` (none = remove the file). */
export interface FileSpec {
  guest_path: string
  local_path?: string
  secret_name?: string
  raw_value?: string
  processes: string[]
}

/**
 * DeploySettings is `[deploy]` with flyctl's defaults filled in
 * (API-NOTES §12, §13).
 */
export interface DeploySettings {
  /** `rolling` unless set; one of canary, rolling, immediate, bluegreen. */
  strategy: string
  /** 0.33 unless set: below 1 a fraction of machines, 1 or more a count. */
  maxUnavailable: number
  /** 5 minutes unless set. */
  waitTimeoutMs: number
  /** The command as written, when there is one. */
  releaseCommand?: string
  /** `releaseCommand` split like flyctl. */
  releaseCommandArgv?: string[]
  /** 5 minutes unless set. */
  releaseCommandTimeoutMs: number
  seedCommand?: string
}
