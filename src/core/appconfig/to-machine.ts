import type { Diagnostic } from '../diagnostics.js'
import { base64Utf8 } from './base64.js'
import { durationToMs, parseGoDuration } from './duration.js'
import {
  computeForGroup,
  groupMatches,
  processNames,
  RELEASE_COMMAND_GROUP
} from './groups.js'
import type {
  MachineCheck,
  MachineConfig,
  MachineFile,
  MachineGuest,
  MachineMount,
  MachinePort,
  MachineService,
  MachineServiceCheck
} from './machine-config.js'
import { diagnose } from './origin.js'
import {
  DEFAULT_GPU_VM_SIZE,
  DEFAULT_VM_SIZE,
  MACHINE_PRESETS,
  presetError,
  RELEASE_COMMAND_DEFAULT_SIZE
} from './presets.js'
import { ownValue } from './reader.js'
import { shlexSplit } from './shlex.js'
import { parseDiskGB, parseMemoryMiB } from './size.js'
import type {
  AppConfig,
  Autostop,
  Compute,
  DeploySettings,
  HttpCheck,
  HttpService,
  Service,
  TcpCheck,
  TopLevelCheck
} from './types.js'

/**
 * MachineConfigOptions are the values fly.toml does not hold but every
 * machine config needs.
 */
export interface MachineConfigOptions {
  /** The image every group runs, ideally pinned by digest. */
  image: string
  /** Written as `fly_release_id` (API-NOTES §7), as flyctl's deploy does. */
  releaseId: string
  /** Written as `fly_release_version`. */
  releaseVersion: number | string
  /** Written as `fly_flyctl_version`; flyctl's "config unchanged" test ignores it. */
  flyctlVersion: string
  /**
   * Contents of `[[files]] local_path` files, base64-encoded, keyed by
   * `local_path` as written. The core does no I/O, so the caller reads them;
   * a `local_path` missing here is an error.
   */
  localFiles?: Readonly<Record<string, string>>
}

/** MachineConfigsResult is what toMachineConfigs returns. */
export interface MachineConfigsResult {
  /** One full config per process group, keyed by group name, in sorted group order. */
  groups: Record<string, MachineConfig>
  /** Translation problems. A config parseFlyToml accepted without errors yields none. */
  diagnostics: Diagnostic[]
}

/** FLY_PLATFORM_VERSION is the `fly_platform_version` value fly-go counts as an Apps v2 machine. */
export const FLY_PLATFORM_VERSION = 'v2'

/**
 * toMachineConfigs builds the Machines API config of every process group, as
 * flyctl's `ToMachineConfig(group, nil)` does after `Flatten(group)`, plus the
 * release metadata its deploy adds, so a later plain `flyctl deploy` still
 * recognises the machines:
 *
 * - sections with `processes` apply to those groups; sections without apply
 *   to the default group only (`[[vm]]` without `processes` applies to all);
 * - `[http_service]` becomes the first service (ports 80 http, 443 tls+http);
 * - service checks become `services[].checks` (tcp first, then http), top-level
 *   `[checks]` become `checks`, taking `http_service.internal_port` as port
 *   when they have none;
 * - `[processes]` gives `init.cmd` (else `[experimental] cmd`); entrypoint and
 *   exec come from `[experimental]`;
 * - `guest` is set only when a `[[vm]]` applies, so an absent guest means
 *   "keep the machine's current size", as in flyctl;
 * - `mounts` carry `name` and `path` only: the planner fills `volume` from the
 *   existing machine's mount;
 * - `dns`, `auto_destroy`, `schedule` (unless `[schedules]` sets it) and
 *   `standbys` are not set: flyctl preserves them from the existing machine.
 *
 * Unlike flyctl, maps flyctl walks in random order (check headers) are sorted,
 * so the same config always yields the same bytes.
 */
export function toMachineConfigs(
  config: AppConfig,
  opts: MachineConfigOptions
): MachineConfigsResult {
  const diagnostics: Diagnostic[] = []
  const groups: Record<string, MachineConfig> = {}
  for (const group of processNames(config)) {
    groups[group] = translateGroup(config, group, opts, diagnostics)
  }
  return { groups, diagnostics }
}

/**
 * translateGroup builds one group's config. With `opts` undefined it runs in
 * validation mode: the same checks, placeholder image and metadata, and no
 * demand for `local_path` contents.
 */
export function translateGroup(
  config: AppConfig,
  group: string,
  opts: MachineConfigOptions | undefined,
  diagnostics: Diagnostic[]
): MachineConfig {
  const matches = (list: readonly string[]): boolean =>
    groupMatches(config, group, list)
  const httpService =
    config.http_service && matches(config.http_service.processes)
      ? config.http_service
      : undefined
  const services = config.services.filter((s) => matches(s.processes))

  const mc: MachineConfig = {}
  if (opts !== undefined) mc.image = opts.image

  // Env: [env], then the two variables flyctl always sets.
  mc.env = { ...config.env, FLY_PROCESS_GROUP: group }
  if (config.primary_region) mc.env.PRIMARY_REGION = config.primary_region

  // Init
  mc.init = {}
  const groupCmd = config.processes[group]
  const cmd =
    groupCmd !== undefined && groupCmd.length > 0
      ? groupCmd
      : config.experimental?.cmd
  if (cmd !== undefined && cmd.length > 0) mc.init.cmd = [...cmd]
  if (config.experimental?.entrypoint?.length)
    mc.init.entrypoint = [...config.experimental.entrypoint]
  if (config.experimental?.exec?.length)
    mc.init.exec = [...config.experimental.exec]
  if (config.swap_size_mb !== undefined)
    mc.init.swap_size_mb = config.swap_size_mb

  // Guest
  const compute = computeForGroup(config, group)
  if (compute !== undefined) {
    const hdid = compute.host_dedication_id || config.host_dedication_id
    const guest = computeToGuest(compute, hdid, diagnostics, ['vm'])
    if (guest !== undefined) mc.guest = guest
  }

  // Metadata (API-NOTES §7)
  mc.metadata = releaseMetadata(group, opts)

  // Mounts
  const mounts = config.mounts.filter((m) => matches(m.processes))
  if (mounts.length > 0) {
    mc.mounts = mounts.map((m) => {
      const mount: MachineMount = { path: m.destination, name: m.source }
      if (m.auto_extend_size_threshold)
        mount.extend_threshold_percent = m.auto_extend_size_threshold
      const add = m.auto_extend_size_increment
        ? parseDiskGB(m.auto_extend_size_increment)
        : undefined
      if (add?.ok && add.value !== 0) mount.add_size_gb = add.value
      const limit = m.auto_extend_size_limit
        ? parseDiskGB(m.auto_extend_size_limit)
        : undefined
      if (limit?.ok && limit.value !== 0) mount.size_gb_limit = limit.value
      return mount
    })
  }

  // Services
  const all: MachineService[] = []
  if (httpService !== undefined)
    all.push(serviceToMachine(httpToService(httpService)))
  for (const s of services) all.push(serviceToMachine(s))
  if (all.length > 0) mc.services = all

  // Metrics: the first section for the group
  const metrics = config.metrics.find((m) => matches(m.processes))
  if (metrics !== undefined) {
    mc.metrics = {}
    if (metrics.port) mc.metrics.port = metrics.port
    if (metrics.path) mc.metrics.path = metrics.path
    if (metrics.https) mc.metrics.https = true
  }

  // Checks
  const names = Object.keys(config.checks)
    .filter((name) => matches(config.checks[name]!.processes))
    .sort()
  if (names.length > 0) {
    mc.checks = {}
    for (const name of names) {
      const check = config.checks[name]!
      const machineCheck = topLevelToMachine(check, name, diagnostics)
      if (machineCheck === undefined) continue
      if (machineCheck.port === undefined) {
        if (httpService === undefined) {
          diagnostics.push(
            diagnose(
              check,
              ['checks', name],
              ['port'],
              'error',
              'missing-key',
              `check '${name}' for process group '${group}' has no port set and the group has no http_service to take it from`,
              'set port = <the port to probe> on the check'
            )
          )
          continue
        }
        machineCheck.port = httpService.internal_port
      }
      mc.checks[name] = machineCheck
    }
  }

  // Statics
  if (config.statics.length > 0) {
    mc.statics = config.statics.map((s) => {
      const out: NonNullable<MachineConfig['statics']>[number] = {
        guest_path: s.guest_path,
        url_prefix: s.url_prefix
      }
      if (s.tigris_bucket) out.tigris_bucket = s.tigris_bucket
      if (s.index_document) out.index_document = s.index_document
      return out
    })
  }

  // Files, merged by guest path like fly-go's MergeFiles
  const files = machineFiles(
    config.files.filter((f) => matches(f.processes)),
    opts,
    diagnostics
  )
  if (files.length > 0) mc.files = files

  // Stop config
  if (config.kill_signal !== undefined || config.kill_timeout !== undefined) {
    mc.stop_config = {}
    if (config.kill_timeout !== undefined)
      mc.stop_config.timeout = config.kill_timeout
    if (config.kill_signal !== undefined)
      mc.stop_config.signal = config.kill_signal
  }

  // Schedule (newer flyctl's [schedules])
  const schedule = config.schedules[group]
  if (schedule) mc.schedule = schedule

  // Restart: the last section for the group wins
  for (const rs of config.restart.filter((x) => matches(x.processes))) {
    const policy =
      rs.policy === 'never'
        ? 'no'
        : rs.policy === 'always' || rs.policy === 'on-failure'
          ? rs.policy
          : undefined
    if (policy === undefined) {
      // parseFlyToml already reported it; this catches hand-built configs.
      if (opts === undefined) continue
      diagnostics.push(
        diagnose(
          rs,
          ['restart'],
          ['policy'],
          'error',
          'invalid-value',
          `invalid restart policy: ${rs.policy ?? ''}`,
          'use "always", "on-failure" or "never"'
        )
      )
      continue
    }
    mc.restart = { policy }
    if (rs.retries) mc.restart.max_retries = rs.retries
  }

  return mc
}

function releaseMetadata(
  group: string,
  opts: MachineConfigOptions | undefined
): Record<string, string> {
  return {
    fly_platform_version: FLY_PLATFORM_VERSION,
    fly_process_group: group,
    fly_release_id: opts?.releaseId ?? '',
    fly_release_version: String(opts?.releaseVersion ?? ''),
    fly_flyctl_version: opts?.flyctlVersion ?? ''
  }
}

/**
 * computeToGuest turns a `[[vm]]` section into a guest as flyctl's
 * `computeToGuest` does: start from `size` (default shared-cpu-1x, or
 * performance-8x when a GPU kind is set), apply `host_dedication_id`, then
 * `memory`, then every other key that is set (so `memory_mb` beats `memory`).
 *
 *   { size: "shared-cpu-2x" }                     → shared, 2 CPUs, 512 MiB
 *   { memory: "1gb" }                             → shared, 1 CPU, 1024 MiB
 *   { memory: "64gb", gpu_kind: "a100-pcie-40gb" } → performance, 8 CPUs, 65536 MiB, that GPU
 *   { size: "performance-4x", cpus: 8 }           → performance, 8 CPUs, 8192 MiB
 */
export function computeToGuest(
  compute: Compute,
  hostDedicationId: string | undefined,
  diagnostics: Diagnostic[],
  fallback: readonly (string | number)[]
): MachineGuest | undefined {
  const size =
    compute.size || (compute.gpu_kind ? DEFAULT_GPU_VM_SIZE : DEFAULT_VM_SIZE)
  const preset = ownValue(MACHINE_PRESETS, size)
  if (preset === undefined) {
    diagnostics.push(
      diagnose(
        compute,
        fallback,
        ['size'],
        'error',
        'invalid-value',
        presetError(size),
        'run `fly platform vm-sizes` for the list'
      )
    )
    return undefined
  }
  const guest: MachineGuest = {
    cpu_kind: preset.cpu_kind,
    cpus: preset.cpus,
    memory_mb: preset.memory_mb
  }
  if (preset.gpu_kind) guest.gpu_kind = preset.gpu_kind
  if (preset.gpus) guest.gpus = preset.gpus
  if (hostDedicationId) guest.host_dedication_id = hostDedicationId
  if (compute.memory) {
    const mb = parseMemoryMiB(compute.memory)
    if (!mb.ok || mb.value <= 0) {
      diagnostics.push(
        diagnose(
          compute,
          fallback,
          ['memory'],
          'error',
          'invalid-value',
          mb.ok
            ? 'memory cannot be zero'
            : `memory ${JSON.stringify(compute.memory)}: ${mb.error}`,
          'write memory = "1gb", "512mb" or an integer number of MB such as 1024'
        )
      )
      return undefined
    }
    guest.memory_mb = mb.value
  }
  if (compute.cpu_kind) guest.cpu_kind = compute.cpu_kind
  if (compute.cpus) guest.cpus = compute.cpus
  if (compute.memory_mb) guest.memory_mb = compute.memory_mb
  if (compute.max_memory_mb) guest.max_memory_mb = compute.max_memory_mb
  if (compute.gpus) guest.gpus = compute.gpus
  if (compute.gpu_kind) guest.gpu_kind = compute.gpu_kind
  if (compute.host_dedication_id)
    guest.host_dedication_id = compute.host_dedication_id
  if (compute.persist_rootfs) guest.persist_rootfs = compute.persist_rootfs
  if (compute.kernel_args?.length) guest.kernel_args = [...compute.kernel_args]
  return guest
}

/** httpToService is flyctl's `HTTPService.ToService`: ports 80 (http) and 443 (http+tls). */
function httpToService(hs: HttpService): Service {
  const p80: Service['ports'][number] = { port: 80, handlers: ['http'] }
  if (hs.force_https) p80.force_https = true
  if (hs.http_options) p80.http_options = hs.http_options
  const p443: Service['ports'][number] = {
    port: 443,
    handlers: ['http', 'tls']
  }
  if (hs.http_options) p443.http_options = hs.http_options
  if (hs.tls_options) p443.tls_options = hs.tls_options
  const s: Service = {
    protocol: 'tcp',
    internal_port: hs.internal_port,
    ports: [p80, p443],
    tcp_checks: [],
    http_checks: hs.checks,
    machine_checks: hs.machine_checks,
    processes: hs.processes
  }
  if (hs.concurrency) s.concurrency = hs.concurrency
  if (hs.auto_stop_machines) s.auto_stop_machines = hs.auto_stop_machines
  if (hs.auto_start_machines !== undefined)
    s.auto_start_machines = hs.auto_start_machines
  if (hs.min_machines_running !== undefined)
    s.min_machines_running = hs.min_machines_running
  return s
}

/** autostopToWire renders autostop as fly-go marshals it: false, true or "suspend". */
function autostopToWire(a: Autostop): boolean | 'suspend' {
  return a === 'off' ? false : a === 'stop' ? true : 'suspend'
}

function serviceToMachine(s: Service): MachineService {
  const out: MachineService = {}
  if (s.protocol) out.protocol = s.protocol
  if (s.internal_port) out.internal_port = s.internal_port
  if (s.auto_stop_machines) out.autostop = autostopToWire(s.auto_stop_machines)
  if (s.auto_start_machines !== undefined) out.autostart = s.auto_start_machines
  if (s.min_machines_running !== undefined)
    out.min_machines_running = s.min_machines_running
  if (s.ports.length > 0) out.ports = s.ports.map(portToMachine)
  const checks: MachineServiceCheck[] = [
    ...s.tcp_checks.map((c) => serviceCheck('tcp', c)),
    ...s.http_checks.map((c) => serviceCheck('http', c))
  ]
  if (checks.length > 0) out.checks = checks
  if (s.concurrency) out.concurrency = { ...s.concurrency }
  return out
}

function portToMachine(p: Service['ports'][number]): MachinePort {
  const out: MachinePort = {}
  if (p.port !== undefined) out.port = p.port
  if (p.start_port !== undefined) out.start_port = p.start_port
  if (p.end_port !== undefined) out.end_port = p.end_port
  if (p.handlers?.length) out.handlers = [...p.handlers]
  if (p.force_https) out.force_https = true
  if (p.tls_options) out.tls_options = structuredClone(p.tls_options)
  if (p.http_options) out.http_options = structuredClone(p.http_options)
  if (p.proxy_proto_options)
    out.proxy_proto_options = { ...p.proxy_proto_options }
  return out
}

function serviceCheck(
  type: 'tcp' | 'http',
  c: TcpCheck & Partial<HttpCheck>
): MachineServiceCheck {
  const out: MachineServiceCheck = { type }
  if (c.interval) out.interval = c.interval
  if (c.timeout) out.timeout = c.timeout
  if (c.grace_period) out.grace_period = c.grace_period
  if (type === 'http') {
    if (c.method !== undefined) out.method = c.method
    if (c.path !== undefined) out.path = c.path
    if (c.protocol !== undefined) out.protocol = c.protocol
    if (c.tls_skip_verify !== undefined) out.tls_skip_verify = c.tls_skip_verify
    if (c.tls_server_name !== undefined) out.tls_server_name = c.tls_server_name
    const headers = headerList(c.headers)
    if (headers.length > 0) out.headers = headers
  }
  return out
}

function headerList(
  headers: Record<string, string> | undefined
): { name: string; values: string[] }[] {
  return Object.keys(headers ?? {})
    .sort()
    .map((name) => ({ name, values: [headers![name]!] }))
}

/** topLevelToMachine is flyctl's `ToplevelCheck.toMachineCheck`: type must be http or tcp; the method is upper-cased. */
function topLevelToMachine(
  check: TopLevelCheck,
  name: string,
  diagnostics: Diagnostic[]
): MachineCheck | undefined {
  if (check.type !== 'http' && check.type !== 'tcp') {
    diagnostics.push(
      diagnose(
        check,
        ['checks', name],
        ['type'],
        'error',
        check.type === undefined ? 'missing-key' : 'invalid-value',
        `check '${name}' has a missing or invalid type, must be 'http' or 'tcp'`,
        'write type = "http" or type = "tcp"'
      )
    )
    return undefined
  }
  const out: MachineCheck = { type: check.type }
  if (check.port !== undefined) out.port = check.port
  if (check.interval) out.interval = check.interval
  if (check.timeout) out.timeout = check.timeout
  if (check.grace_period) out.grace_period = check.grace_period
  if (check.method !== undefined) out.method = check.method.toUpperCase()
  if (check.path !== undefined) out.path = check.path
  if (check.protocol !== undefined) out.protocol = check.protocol
  if (check.tls_skip_verify !== undefined)
    out.tls_skip_verify = check.tls_skip_verify
  if (check.tls_server_name !== undefined)
    out.tls_server_name = check.tls_server_name
  const headers = headerList(check.headers)
  if (headers.length > 0) out.headers = headers
  return out
}

function machineFiles(
  files: AppConfig['files'],
  opts: MachineConfigOptions | undefined,
  diagnostics: Diagnostic[]
): MachineFile[] {
  const out: MachineFile[] = []
  for (const f of files) {
    const file: MachineFile = { guest_path: f.guest_path }
    if (f.local_path) {
      const content = ownValue(opts?.localFiles, f.local_path)
      if (content !== undefined) file.raw_value = content
      else if (opts !== undefined) {
        diagnostics.push(
          diagnose(
            f,
            ['files'],
            ['local_path'],
            'error',
            'missing-file-content',
            `[[files]] local_path ${JSON.stringify(f.local_path)} was not read`,
            'pass its base64 contents in localFiles (the core does no I/O)'
          )
        )
        continue
      } else {
        file.raw_value = ''
      }
    } else if (f.secret_name) {
      file.secret_name = f.secret_name
    } else if (f.raw_value) {
      file.raw_value = base64Utf8(f.raw_value)
    }
    // fly-go MergeFiles: append new paths; an entry without content removes
    // an earlier one for the same path; otherwise it replaces it.
    const idx = out.findIndex((x) => x.guest_path === file.guest_path)
    if (idx === -1) out.push(file)
    else if (file.raw_value === undefined && file.secret_name === undefined)
      out.splice(idx, 1)
    else out[idx] = file
  }
  return out
}

/** ReleaseCommandOptions adds the guest to use when `[deploy] release_command_vm` is not set. */
export interface ReleaseCommandOptions extends MachineConfigOptions {
  /**
   * flyctl gives the release machine the guest of the default group's
   * machine with the most memory, or shared-cpu-2x for a new app. The core
   * cannot see machines: pass that guest here; without it shared-cpu-2x is used.
   */
  guest?: MachineGuest
}

/** ReleaseCommandResult is what toReleaseCommandConfig returns. */
export interface ReleaseCommandResult {
  /** Absent when fly.toml has no `[deploy] release_command`, or it cannot be split. */
  config?: MachineConfig
  diagnostics: Diagnostic[]
}

/**
 * toReleaseCommandConfig builds the throwaway machine that runs
 * `[deploy] release_command` before any machine is touched (API-NOTES §13),
 * as flyctl's `ToReleaseMachineConfig` plus its deploy do: the command split
 * like a shell, group `fly_app_release_command`, `RELEASE_COMMAND=1`,
 * `restart.policy = "no"`, `auto_destroy`, `dns.skip_registration`, no
 * services, no checks, no mounts, the app's `[env]`, stop config and files.
 */
export function toReleaseCommandConfig(
  config: AppConfig,
  opts: ReleaseCommandOptions
): ReleaseCommandResult {
  const diagnostics: Diagnostic[] = []
  const command = config.deploy?.release_command
  if (command === undefined || command === '') return { diagnostics }
  const split = shlexSplit(command)
  if (!split.ok) {
    diagnostics.push(
      diagnose(
        config.deploy!,
        ['deploy'],
        ['release_command'],
        'error',
        'invalid-value',
        `can't shell split release command: ${split.error}`
      )
    )
    return { diagnostics }
  }
  const mc: MachineConfig = {
    image: opts.image,
    init: { cmd: split.words },
    restart: { policy: 'no' },
    auto_destroy: true,
    dns: { skip_registration: true },
    metadata: releaseMetadata(RELEASE_COMMAND_GROUP, opts),
    env: {
      ...config.env,
      RELEASE_COMMAND: '1',
      FLY_PROCESS_GROUP: RELEASE_COMMAND_GROUP
    }
  }
  if (config.swap_size_mb !== undefined)
    mc.init!.swap_size_mb = config.swap_size_mb
  if (config.experimental?.entrypoint?.length)
    mc.init!.entrypoint = [...config.experimental.entrypoint]
  if (config.primary_region) mc.env!.PRIMARY_REGION = config.primary_region
  if (config.kill_signal !== undefined || config.kill_timeout !== undefined) {
    mc.stop_config = {}
    if (config.kill_timeout !== undefined)
      mc.stop_config.timeout = config.kill_timeout
    if (config.kill_signal !== undefined)
      mc.stop_config.signal = config.kill_signal
  }
  const files = machineFiles(config.files, opts, diagnostics)
  if (files.length > 0) mc.files = files
  const vm = config.deploy?.release_command_vm
  if (vm !== undefined) {
    const guest = computeToGuest(vm, config.host_dedication_id, diagnostics, [
      'deploy',
      'release_command_vm'
    ])
    if (guest !== undefined) mc.guest = guest
  } else if (opts.guest !== undefined) {
    mc.guest = structuredClone(opts.guest)
  } else {
    const p = MACHINE_PRESETS[RELEASE_COMMAND_DEFAULT_SIZE]!
    mc.guest = { cpu_kind: p.cpu_kind, cpus: p.cpus, memory_mb: p.memory_mb }
  }
  return { config: mc, diagnostics }
}

/** Defaults flyctl's deploy uses (API-NOTES §12). */
export const DEPLOY_DEFAULTS = {
  strategy: 'rolling',
  maxUnavailable: 0.33,
  waitTimeoutMs: 5 * 60_000,
  releaseCommandTimeoutMs: 5 * 60_000
} as const

/**
 * deploySettings reads `[deploy]` with flyctl's defaults filled in.
 *
 *   no [deploy]                         → rolling, 0.33, 5 min, no release command, 5 min
 *   strategy = "canary", wait_timeout = "10m" → canary, 0.33, 600000 ms, …
 *   release_command = "bin/rails db:migrate"  → releaseCommandArgv ["bin/rails", "db:migrate"]
 */
export function deploySettings(config: AppConfig): DeploySettings {
  const d = config.deploy
  const ms = (text: string | undefined, fallback: number): number => {
    if (text === undefined || parseGoDuration(text) === undefined)
      return fallback
    return durationToMs(text)!
  }
  const out: DeploySettings = {
    strategy: d?.strategy || DEPLOY_DEFAULTS.strategy,
    maxUnavailable: d?.max_unavailable ?? DEPLOY_DEFAULTS.maxUnavailable,
    waitTimeoutMs: ms(d?.wait_timeout, DEPLOY_DEFAULTS.waitTimeoutMs),
    releaseCommandTimeoutMs: ms(
      d?.release_command_timeout,
      DEPLOY_DEFAULTS.releaseCommandTimeoutMs
    )
  }
  if (d?.release_command) {
    out.releaseCommand = d.release_command
    const split = shlexSplit(d.release_command)
    if (split.ok) out.releaseCommandArgv = split.words
  }
  if (d?.seed_command) out.seedCommand = d.seed_command
  return out
}
