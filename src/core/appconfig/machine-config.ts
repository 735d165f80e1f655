/**
 * MachineConfig mirrors [OA3] `components.schemas["fly.MachineConfig"]`
 * (shared/fly/machines-openapi.json), the body of a machine create or
 * update. Field names are the wire names. Optional fields are omitted rather
 * than set to `undefined`, as fly-go's `omitempty` does, so two configs that
 * mean the same thing compare equal with a deep-equality check.
 *
 * Durations (`interval`, `timeout`, `grace_period`, `stop_config.timeout`)
 * are Go duration strings such as `"15s"` or `"1m21s"`, exactly as flyctl
 * sends them.
 *
 * These are type aliases, not interfaces, so a value is assignable to the
 * engine's looser `MachineConfig` in core/types.ts (which has index
 * signatures).
 */
export type MachineConfig = {
  /** The image to run, e.g. `registry.fly.io/app@sha256:…`. */
  image?: string
  /** Environment variables. flyctl always sets `FLY_PROCESS_GROUP`, and `PRIMARY_REGION` when `primary_region` is set. */
  env?: Record<string, string>
  /** Always present in flyctl's bodies (fly-go `Init` has no omitempty). */
  init?: MachineInit
  /** Absent means "keep the machine's current guest": flyctl only sets it when fly.toml has a matching `[[vm]]`. */
  guest?: MachineGuest
  /** String→string; flyctl's keys are in API-NOTES §7. An update replaces the whole map. */
  metadata?: Record<string, string>
  mounts?: MachineMount[]
  services?: MachineService[]
  metrics?: MachineMetrics
  /** Named top-level checks (fly.toml `[checks]`). */
  checks?: Record<string, MachineCheck>
  statics?: Static[]
  files?: MachineFile[]
  schedule?: string
  auto_destroy?: boolean
  restart?: MachineRestart
  dns?: DnsConfig
  processes?: MachineProcess[]
  standbys?: string[]
  stop_config?: StopConfig
  containers?: ContainerConfig[]
  rootfs?: MachineRootfs
  cache_drive?: { size_mb?: number }
  spot?: { max_price_fraction?: number }
  /** Deprecated by Fly: use `guest`. */
  size?: string
  /** Deprecated by Fly: use `services[].autostart`. */
  disable_machine_autostart?: boolean
}

/** MachineInit is [OA3] `fly.MachineInit`. */
export type MachineInit = {
  exec?: string[]
  entrypoint?: string[]
  cmd?: string[]
  tty?: boolean
  swap_size_mb?: number
  kernel_args?: string[]
}

/** MachineGuest is [OA3] `fly.MachineGuest`. */
export type MachineGuest = {
  cpu_kind?: string
  cpus?: number
  memory_mb?: number
  max_memory_mb?: number
  gpus?: number
  gpu_kind?: string
  host_dedication_id?: string
  /** Deprecated by Fly: use `rootfs.persist`. */
  persist_rootfs?: 'never' | 'always' | 'restart'
  kernel_args?: string[]
}

/**
 * MachineMount is [OA3] `fly.MachineMount`. From fly.toml only `path` and
 * `name` (and the auto-extend settings) are known; the volume id in `volume`
 * is not, so the planner fills it from the existing machine's mount, as
 * flyctl's deploy does.
 */
export type MachineMount = {
  path?: string
  name?: string
  volume?: string
  encrypted?: boolean
  size_gb?: number
  extend_threshold_percent?: number
  add_size_gb?: number
  size_gb_limit?: number
}

/**
 * MachineAutostop is `services[].autostop`. [OA3] documents the strings;
 * fly-go sends `false` for "off" and `true` for "stop" for backward
 * compatibility, and so do we, so machines flyctl created compare equal.
 */
export type MachineAutostop = boolean | 'off' | 'stop' | 'suspend'

/** MachineService is [OA3] `fly.MachineService`. */
export type MachineService = {
  protocol?: string
  internal_port?: number
  autostop?: MachineAutostop
  autostart?: boolean
  min_machines_running?: number
  ports?: MachinePort[]
  checks?: MachineServiceCheck[]
  concurrency?: MachineServiceConcurrency
  force_instance_key?: string
  force_instance_description?: string
}

/** MachinePort is [OA3] `fly.MachinePort`. */
export type MachinePort = {
  port?: number
  start_port?: number
  end_port?: number
  handlers?: string[]
  force_https?: boolean
  tls_options?: TlsOptions
  http_options?: HttpOptions
  proxy_proto_options?: { version?: string }
}

/** TlsOptions is [OA3] `fly.TLSOptions`. */
export type TlsOptions = {
  alpn?: string[]
  versions?: string[]
  default_self_signed?: boolean
}

/** HttpOptions is [OA3] `fly.HTTPOptions`. */
export type HttpOptions = {
  compress?: boolean
  h2_backend?: boolean
  idle_timeout?: number
  headers_read_timeout?: number
  response?: {
    /** `false` removes a header, a string or string list sets it. */
    headers?: Record<string, unknown>
    pristine?: boolean
  }
  replay_cache?: ReplayCache[]
}

/** ReplayCache is [OA3] `fly.ReplayCache`. */
export type ReplayCache = {
  path_prefix?: string
  ttl_seconds?: number
  type?: 'cookie' | 'header'
  name?: string
  allow_bypass?: boolean
}

/** MachineServiceConcurrency is [OA3] `fly.MachineServiceConcurrency`. */
export type MachineServiceConcurrency = {
  type?: string
  hard_limit?: number
  soft_limit?: number
}

/** MachineHttpHeader is [OA3] `fly.MachineHTTPHeader`. */
export type MachineHttpHeader = {
  name?: string
  values?: string[]
}

/** MachineServiceCheck is [OA3] `fly.MachineServiceCheck`: a check inside `services[]`. */
export type MachineServiceCheck = {
  type?: 'tcp' | 'http'
  port?: number
  interval?: string
  timeout?: string
  grace_period?: string
  method?: string
  path?: string
  protocol?: string
  tls_skip_verify?: boolean
  tls_server_name?: string
  headers?: MachineHttpHeader[]
}

/** MachineCheck is [OA3] `fly.MachineCheck`: a named top-level check. */
export type MachineCheck = MachineServiceCheck & {
  kind?: 'informational' | 'readiness'
}

/** MachineMetrics is [OA3] `fly.MachineMetrics`. */
export type MachineMetrics = {
  port?: number
  path?: string
  https?: boolean
}

/** Static is [OA3] `fly.Static`. */
export type Static = {
  guest_path: string
  url_prefix: string
  tigris_bucket?: string
  index_document?: string
}

/** MachineFile is [OA3] `fly.File`: `raw_value` and secret contents are base64. */
export type MachineFile = {
  guest_path?: string
  raw_value?: string
  secret_name?: string
  image_config?: string
  mode?: number
}

/** MachineRestart is [OA3] `fly.MachineRestart`. */
export type MachineRestart = {
  policy?: 'no' | 'always' | 'on-failure' | 'spot-price'
  max_retries?: number
  gpu_bid_price?: number
}

/** DnsConfig is [OA3] `fly.DNSConfig`. */
export type DnsConfig = {
  skip_registration?: boolean
  nameservers?: string[]
  searches?: string[]
  options?: { name?: string; value?: string }[]
  dns_forward_rules?: { basename?: string; addr?: string }[]
  hostname?: string
  hostname_fqdn?: string
}

/** StopConfig is [OA3] `fly.StopConfig`. */
export type StopConfig = {
  timeout?: string
  signal?: string
}

/** MachineProcess is [OA3] `fly.MachineProcess`. */
export type MachineProcess = {
  exec?: string[]
  entrypoint?: string[]
  cmd?: string[]
  user?: string
  env?: Record<string, string>
  secrets?: { env_var?: string; name?: string }[]
  env_from?: { env_var?: string; field_ref?: string }[]
  ignore_app_secrets?: boolean
}

/** MachineRootfs is [OA3] `fly.MachineRootfs`. */
export type MachineRootfs = {
  persist?: 'never' | 'always' | 'restart'
  size_gb?: number
}

/** ContainerConfig is [OA3] `fly.ContainerConfig`, kept loose: fly.toml never produces one. */
export type ContainerConfig = {
  name?: string
  image?: string
  [field: string]: unknown
}
