import { parse as parseToml } from '@iarna/toml'
import type { Diagnostic } from '../diagnostics.js'
import { formatKeyPath, locateKeys, type KeySegment } from './locate.js'
import type {
  HttpOptions,
  MachineServiceConcurrency,
  ReplayCache,
  TlsOptions
} from './machine-config.js'
import { remember, type Origin } from './origin.js'
import { isTable, Reader, sectionName, tomlType, type Table } from './reader.js'
import { shlexSplit } from './shlex.js'
import type {
  AppConfig,
  Autostop,
  Build,
  Compute,
  Deploy,
  Experimental,
  FileSpec,
  HttpCheck,
  HttpService,
  MachineCheckSpec,
  MetricsSpec,
  Mount,
  PortSpec,
  RestartSpec,
  Service,
  StaticSpec,
  TcpCheck,
  TopLevelCheck
} from './types.js'
import { validateAppConfig } from './validate.js'

/** ParseResult is what parseFlyToml returns. */
export interface ParseResult {
  /**
   * The normalised config. Absent only when the text is not TOML, or nests
   * values too deep to read (code `too-deep`). When
   * `diagnostics` holds an error the config is a best effort for showing
   * the user, never something to deploy.
   */
  config?: AppConfig
  /** Every problem found, errors and warnings, in file order per check. */
  diagnostics: Diagnostic[]
}

/**
 * parseFlyToml reads a fly.toml the way flyctl does and validates it the way
 * `fly config validate` does, collecting every problem instead of stopping
 * at the first. It never throws.
 *
 * It normalises every form flyctl's `patches.go` accepts (v1 `[[services]]`
 * with `tcp_checks`/`http_checks`, `[experimental]` cmd/entrypoint/exec and
 * `kill_timeout`/`metrics_*`, integer-millisecond durations, `[vm]` or
 * `[[vm]]`/`[[compute]]`, `[mounts]`/`[[mounts]]`/`[mount]`,
 * `[[env]]`, `[[processes]]`, "soft,hard" concurrency, header lists, …) into
 * one {@link AppConfig}. Beyond flyctl it reports unknown keys (with the
 * likely intended key), values of the wrong type, and constructs copied from
 * blog posts that Fly does not read the way they look, each with the file,
 * line and key path.
 */
export function parseFlyToml(text: string, file: string): ParseResult {
  let raw: Table
  try {
    raw = parseToml(text) as Table
  } catch (e) {
    return { diagnostics: [syntaxDiagnostic(e, file)] }
  }
  let origin: Origin
  try {
    const locator = locateKeys(text)
    origin = { file, line: (path) => locator.line(path) }
  } catch {
    origin = { file, line: () => undefined }
  }
  const r = new Reader(origin)
  const bad = unreadable(raw)
  if (bad?.problem === 'too-deep') {
    r.error(
      'too-deep',
      bad.path,
      `"${formatKeyPath(bad.path)}" is nested more than ${MAX_NESTING} tables and arrays deep`,
      'fly.toml needs a few levels at most: flatten the value'
    )
    return { diagnostics: r.diagnostics }
  }
  if (bad?.problem === 'reserved-key') {
    const key = String(bad.path[bad.path.length - 1])
    r.error(
      'reserved-key',
      bad.path,
      `${JSON.stringify(key)} cannot be a key in fly.toml: it names a JavaScript built-in, which fly-rollout cannot read as a key`,
      'rename the key'
    )
    return { diagnostics: r.diagnostics }
  }
  try {
    const config = normalise(raw, r)
    validateAppConfig(config, r.diagnostics)
    return { config, diagnostics: r.diagnostics }
  } catch (e) {
    r.diagnostics.push({
      severity: 'error',
      code: 'internal',
      summary: `fly-rollout could not read ${file}: ${e instanceof Error ? e.message : String(e)}`,
      file
    })
    return { diagnostics: r.diagnostics }
  }
}

/** MAX_NESTING bounds how deep tables and arrays nest; fly.toml itself needs six levels. */
const MAX_NESTING = 32

/**
 * unreadable finds a value the readers below must not see: one nested
 * deeper than MAX_NESTING (they recurse, and thousands of levels would
 * overflow the stack), or a key @iarna/toml reads wrongly — `__proto__`
 * (assigning it would set a prototype, dropping the value) and tables named
 * like Object's own members (`[checks.constructor]`), which it answers with
 * the built-in function itself. It walks with an explicit stack.
 */
function unreadable(
  raw: Table
): { path: KeySegment[]; problem: 'too-deep' | 'reserved-key' } | undefined {
  const stack: { v: unknown; path: KeySegment[] }[] = [{ v: raw, path: [] }]
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const { v, path } = top
    if (typeof v === 'function' || path[path.length - 1] === '__proto__')
      return { path, problem: 'reserved-key' }
    if (path.length > MAX_NESTING) return { path, problem: 'too-deep' }
    if (Array.isArray(v))
      v.forEach((x, i) => stack.push({ v: x, path: [...path, i] }))
    else if (isTable(v))
      for (const [k, x] of Object.entries(v))
        stack.push({ v: x, path: [...path, k] })
  }
  return undefined
}

function syntaxDiagnostic(e: unknown, file: string): Diagnostic {
  const err = e as { message?: unknown; line?: unknown; col?: unknown }
  const message = typeof err?.message === 'string' ? err.message : String(e)
  const first = message
    .split('\n')[0]!
    .replace(/ at row \d+, col \d+, pos \d+:?$/, '')
  const d: Diagnostic = {
    severity: 'error',
    code: 'toml-syntax',
    summary: `invalid TOML: ${first.charAt(0).toLowerCase()}${first.slice(1)}`,
    file
  }
  // @iarna/toml counts rows from 0.
  if (typeof err?.line === 'number') d.line = err.line + 1
  if (typeof err?.col === 'number') d.detail = `at column ${err.col + 1}`
  return d
}

// ---------------------------------------------------------------------------
// Key rules. `known` lists what flyctl's structs read (config.go, service.go,
// toplevelcheck.go, fly-go machine_types.go) plus the aliases patches.go maps.

const VM_KEYS = [
  'size',
  'memory',
  'cpu_kind',
  'cpus',
  'memory_mb',
  'max_memory_mb',
  'gpus',
  'gpu_kind',
  'host_dedication_id',
  'kernel_args',
  'persist_rootfs',
  'processes'
] as const

/** Compute keys people put in a service; CPU and memory belong in [[vm]]. */
const COMPUTE_IN_SERVICE: Record<string, readonly [string, string]> =
  Object.fromEntries(
    [
      'cpu',
      'cpus',
      'cpu_kind',
      'memory',
      'memory_mb',
      'size',
      'gpu_kind',
      'gpus',
      'vm'
    ].map((k) => [
      k,
      [
        `"${k}" cannot be set on a service: CPU and memory belong in [[vm]]`,
        `move it to a [[vm]] section, e.g. [[vm]] cpus = 2, memory = "1gb" (add processes = [...] to size one process group)`
      ] as const
    ])
  )

const CHECK_TIMING = ['interval', 'timeout', 'grace_period'] as const
const HTTP_CHECK_KEYS = [
  ...CHECK_TIMING,
  'method',
  'path',
  'protocol',
  'tls_skip_verify',
  'tls_server_name',
  'headers'
] as const
const RESTART_LIMIT_IGNORED = {
  restart_limit:
    'a failing check never restarts a machine on the Machines platform; use [[restart]] for restart policy'
}

const TOP_RULES = {
  known: [
    'app',
    'primary_region',
    'kill_signal',
    'kill_timeout',
    'swap_size_mb',
    'console_command',
    'host_dedication_id',
    'experimental',
    'build',
    'deploy',
    'env',
    'processes',
    'mounts',
    'mount',
    'http_service',
    'services',
    'checks',
    'files',
    'machine_checks',
    'restart',
    'vm',
    'compute',
    'computes',
    'statics',
    'metrics',
    'metric',
    'schedules'
  ],
  misplaced: {
    machine_config: [
      'machine_config (a raw Machines API config file) is not supported by fly-rollout',
      'express the settings in fly.toml sections such as [[vm]], [[services]] and [checks]'
    ],
    container: [
      '"container" (multi-container machines) is not supported by fly-rollout',
      'fly-rollout deploys single-image machines; use flyctl for container apps'
    ],
    containers: [
      '"containers" (multi-container machines) is not supported by fly-rollout',
      'fly-rollout deploys single-image machines; use flyctl for container apps'
    ]
  }
} as const

// ---------------------------------------------------------------------------

function normalise(raw: Table, r: Reader): AppConfig {
  const o = r.origin
  const config: AppConfig = remember(
    {
      env: {},
      processes: {},
      mounts: [],
      services: [],
      checks: {},
      files: [],
      machine_checks: [],
      restart: [],
      vm: [],
      statics: [],
      metrics: [],
      schedules: {}
    },
    o,
    []
  )
  r.checkKeys(raw, [], TOP_RULES)

  setIf(config, 'app', r.str(raw, 'app', []))
  setIf(config, 'primary_region', r.str(raw, 'primary_region', []))
  setIf(config, 'kill_signal', r.str(raw, 'kill_signal', []))
  setIf(config, 'kill_timeout', r.duration(raw, 'kill_timeout', [], 's'))
  setIf(config, 'swap_size_mb', r.int(raw, 'swap_size_mb', []))
  setIf(config, 'console_command', r.str(raw, 'console_command', []))
  setIf(config, 'host_dedication_id', r.str(raw, 'host_dedication_id', []))

  const experimentalMetrics = readExperimental(raw, r, config)
  const build = readBuild(raw, r)
  if (build !== undefined) config.build = build
  const deploy = readDeploy(raw, r)
  if (deploy !== undefined) config.deploy = deploy
  config.env = readEnv(raw, r)
  config.processes = readProcesses(raw, r)
  config.mounts = readMounts(raw, r)
  const httpService = readHttpService(raw, r)
  if (httpService !== undefined) config.http_service = httpService
  config.services = readServices(raw, r)
  config.checks = readTopLevelChecks(raw, r)
  config.files = readFiles(raw, r)
  config.machine_checks = readMachineChecksAt(raw, 'machine_checks', [], r)
  config.restart = readRestart(raw, r)
  config.vm = readComputes(raw, r)
  config.statics = readStatics(raw, r)
  config.metrics = readMetrics(raw, r)
  if (config.metrics.length === 0 && experimentalMetrics !== undefined) {
    config.metrics = [experimentalMetrics]
  }
  config.schedules = readSchedules(raw, r)
  return config
}

function setIf<T extends object, K extends keyof T>(
  target: T,
  key: K,
  value: T[K] | undefined
): void {
  if (value !== undefined) target[key] = value
}

/** Entry is one table of an array-of-tables key, with the path it was read from. */
interface Entry {
  t: Table
  path: KeySegment[]
}

/**
 * tablesAt reads a key that holds tables: an array of tables, or (flyctl's
 * `ensureArrayOfMap`) a single table. `single` decides how a single table is
 * taken: silently, with a warning naming the array form, or refused.
 */
function tablesAt(
  raw: Table,
  key: string,
  path: readonly KeySegment[],
  r: Reader,
  single: 'ok' | 'warn' | 'refuse'
): Entry[] {
  const v = raw[key]
  const at = [...path, key]
  if (v === undefined) return []
  const names = [
    ...path.filter((s): s is string => typeof s === 'string'),
    key
  ].join('.')
  if (Array.isArray(v)) {
    const out: Entry[] = []
    v.forEach((item, i) => {
      if (isTable(item)) out.push({ t: item, path: [...at, i] })
      else r.wrongType([...at, i], item, `a table ([[${names}]])`)
    })
    return out
  }
  if (isTable(v)) {
    if (single === 'refuse') {
      r.error(
        'table-not-array',
        at,
        `[${names}] must be written [[${names}]]: flyctl reads it as a list of tables`,
        `write [[${names}]] (double brackets), one per entry`
      )
      return []
    }
    if (single === 'warn') {
      r.warn(
        'table-not-array',
        at,
        `[${names}] is a single table; flyctl reads it as one entry of [[${names}]]`,
        `write [[${names}]] (double brackets), one per entry, so more can follow`
      )
    }
    return [{ t: v, path: at }]
  }
  r.wrongType(at, v, `a list of tables ([[${names}]])`)
  return []
}

// --- [experimental] ---------------------------------------------------------

function readExperimental(
  raw: Table,
  r: Reader,
  config: AppConfig
): MetricsSpec | undefined {
  const path = ['experimental']
  const t = r.table(raw, 'experimental', [])
  if (t === undefined) return undefined
  r.checkKeys(t, path, {
    known: [
      'cmd',
      'entrypoint',
      'exec',
      'auto_rollback',
      'enable_consul',
      'enable_etcd',
      'lazy_load_images',
      'use_zstd',
      'attached',
      'kill_timeout',
      'metrics_port',
      'metrics_path'
    ],
    ignored: {
      private_network:
        'every Machines app is on its private network; remove the key',
      allowed_public_ports: 'ports are set per service in [[services.ports]]',
      auto_rollback_on_failure:
        'fly-rollout rolls back on failed checks by itself'
    },
    misplaced: {
      machine_config: [
        '[experimental] machine_config is not supported by fly-rollout',
        'express the settings in fly.toml sections such as [[vm]], [[services]] and [checks]'
      ]
    },
    lenient: true
  })
  const e: Experimental = remember({}, r.origin, path)
  for (const key of ['cmd', 'entrypoint', 'exec'] as const) {
    const v = t[key]
    if (v === undefined) continue
    // patches.go stringOrSliceToSlice: a string is ONE word, not split.
    if (typeof v === 'string') e[key] = [v]
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) {
      e[key] = [...(v as string[])]
    } else r.wrongType([...path, key], v, 'a string or an array of strings')
  }
  for (const key of [
    'auto_rollback',
    'enable_consul',
    'enable_etcd',
    'lazy_load_images',
    'use_zstd'
  ] as const) {
    setIf(e, key, r.bool(t, key, path))
  }
  const attached = r.table(t, 'attached', path)
  if (attached !== undefined) {
    const secrets = r.table(attached, 'secrets', [...path, 'attached'])
    const exp =
      secrets && r.table(secrets, 'export', [...path, 'attached', 'secrets'])
    e.attached = exp ? { secrets: { export: stringMap(exp) } } : {}
  }
  if (t.kill_timeout !== undefined && config.kill_timeout === undefined) {
    setIf(config, 'kill_timeout', r.duration(t, 'kill_timeout', path, 's'))
  }
  if (Object.keys(t).length > 0) config.experimental = e

  let metrics: MetricsSpec | undefined
  const port = r.int(t, 'metrics_port', path)
  const mpath = r.str(t, 'metrics_path', path)
  if (port !== undefined || mpath !== undefined) {
    metrics = remember({ processes: [] }, r.origin, path)
    setIf(metrics, 'port', port)
    setIf(metrics, 'path', mpath)
  }
  return metrics
}

function stringMap(t: Table): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(t)) out[k] = goString(v)
  return out
}

// --- [build] ------------------------------------------------------------------

function readBuild(raw: Table, r: Reader): Build | undefined {
  const path = ['build']
  const t = r.table(raw, 'build', [])
  if (t === undefined) return undefined
  r.checkKeys(t, path, {
    known: [
      'builder',
      'args',
      'buildpacks',
      'image',
      'settings',
      'builtin',
      'dockerfile',
      'ignorefile',
      'build-target',
      'build_target',
      'compose'
    ]
  })
  const b: Build = remember({}, r.origin, path)
  for (const key of [
    'builder',
    'image',
    'builtin',
    'dockerfile',
    'ignorefile'
  ] as const) {
    setIf(b, key, r.str(t, key, path))
  }
  const target =
    r.str(t, 'build-target', path) ?? r.str(t, 'build_target', path)
  setIf(b, 'build-target', target)
  setIf(b, 'buildpacks', r.strList(t, 'buildpacks', path))
  const args = r.table(t, 'args', path)
  if (args !== undefined) {
    b.args = {}
    for (const [k, v] of Object.entries(args)) {
      if (typeof v === 'string') b.args[k] = v
      else
        r.wrongType(
          [...path, 'args', k],
          v,
          'a string',
          `write ${k} = ${JSON.stringify(goString(v))}`
        )
    }
  }
  const settings = r.table(t, 'settings', path)
  if (settings !== undefined) b.settings = { ...settings }
  const compose = t.compose
  if (compose !== undefined) {
    if (isTable(compose)) {
      r.checkKeys(compose, [...path, 'compose'], {
        known: ['file'],
        lenient: true
      })
      b.compose = {}
      setIf(b.compose, 'file', r.str(compose, 'file', [...path, 'compose']))
    } else r.wrongType([...path, 'compose'], compose, 'a table')
  }
  return b
}

// --- [deploy] -----------------------------------------------------------------

function readDeploy(raw: Table, r: Reader): Deploy | undefined {
  const path = ['deploy']
  const t = r.table(raw, 'deploy', [])
  if (t === undefined) return undefined
  r.checkKeys(t, path, {
    known: [
      'strategy',
      'max_unavailable',
      'wait_timeout',
      'release_command',
      'release_command_timeout',
      'release_command_vm',
      'seed_command'
    ],
    misplaced: {
      counts: [
        '"counts" is not a fly.toml setting',
        'machine counts per region belong in the fly-rollout spec (counts:) or `fly scale count --region`'
      ],
      regions: [
        '"regions" is not a fly.toml setting',
        'regions to deploy to belong in the fly-rollout spec, or `fly deploy --regions`'
      ]
    }
  })
  const d: Deploy = remember({}, r.origin, path)
  setIf(d, 'strategy', r.str(t, 'strategy', path))
  setIf(d, 'max_unavailable', r.num(t, 'max_unavailable', path))
  setIf(d, 'wait_timeout', r.duration(t, 'wait_timeout', path, 'ns'))
  setIf(d, 'release_command', r.str(t, 'release_command', path))
  setIf(
    d,
    'release_command_timeout',
    r.duration(t, 'release_command_timeout', path, 'ns')
  )
  setIf(d, 'seed_command', r.str(t, 'seed_command', path))
  const vm = r.table(t, 'release_command_vm', path)
  if (vm !== undefined) {
    const c = readCompute(vm, [...path, 'release_command_vm'], r)
    if (c !== undefined) d.release_command_vm = c
  }
  return d
}

// --- [env] --------------------------------------------------------------------

function readEnv(raw: Table, r: Reader): Record<string, string> {
  const v = raw.env
  const env: Record<string, string> = {}
  if (v === undefined) return env
  const merge = (t: Table, path: KeySegment[]): void => {
    for (const [k, val] of Object.entries(t)) {
      if (Array.isArray(val) || isTable(val)) {
        r.warn(
          'wrong-type',
          [...path, k],
          `env "${k}" is ${tomlType(val) === 'array' ? 'an array' : 'a table'}; flyctl turns it into the text ${JSON.stringify(goString(val))}`,
          'environment values are strings'
        )
      }
      env[k] = goString(val)
    }
  }
  if (isTable(v)) merge(v, ['env'])
  else if (Array.isArray(v)) {
    v.forEach((item, i) => {
      if (isTable(item)) merge(item, ['env', i])
      else r.wrongType(['env', i], item, 'a table')
    })
  } else r.wrongType(['env'], v, 'a table')
  return env
}

/**
 * goString renders a value the way Go's `fmt.Sprintf("%v")` does, which is
 * how flyctl turns non-string `[env]` values into strings.
 *
 *   123 → "123"   1.5 → "1.5"   true → "true"   ["a", 1] → "[a 1]"
 *   1e21 → "1e+21"   { b = 1, a = 2 } → "map[a:2 b:1]"
 */
export function goString(v: unknown): string {
  if (typeof v === 'string') return v
  if (typeof v === 'bigint') return v.toString()
  if (typeof v === 'boolean') return v ? 'true' : 'false'
  if (typeof v === 'number') return goFloat(v)
  if (v instanceof Date)
    return Number.isNaN(v.getTime()) ? String(v) : v.toISOString()
  if (Array.isArray(v)) return `[${v.map(goString).join(' ')}]`
  if (isTable(v)) {
    const keys = Object.keys(v).sort()
    return `map[${keys.map((k) => `${k}:${goString(v[k])}`).join(' ')}]`
  }
  return String(v)
}

function goFloat(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e21) return String(v)
  if (!Number.isFinite(v))
    return Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf'
  // strconv.FormatFloat(v, 'g', -1, 64): exponent form when exp < -4 || exp >= 21
  const [mant, expText] = v.toExponential().split('e') as [string, string]
  const exp = Number(expText)
  if (exp < -4 || exp >= 21) {
    const sign = exp < 0 ? '-' : '+'
    const digits = String(Math.abs(exp)).padStart(2, '0')
    return `${mant}e${sign}${digits}`
  }
  return String(v)
}

// --- [processes] --------------------------------------------------------------

function readProcesses(raw: Table, r: Reader): Record<string, string[]> {
  const v = raw.processes
  const out: Record<string, string[]> = {}
  if (v === undefined) return out
  const add = (name: string, cmd: unknown, at: KeySegment[]): void => {
    if (typeof cmd === 'string') {
      const split = shlexSplit(cmd)
      if (split.ok) out[name] = split.words
      else {
        out[name] = []
        r.error(
          'invalid-value',
          at,
          `could not parse command for '${name}' process group: ${split.error}`,
          'check the quotes in the [processes] command'
        )
      }
    } else if (Array.isArray(cmd) && cmd.every((x) => typeof x === 'string')) {
      out[name] = [...(cmd as string[])]
      r.warn(
        'flyctl-incompatible',
        at,
        `process "${name}" is an array; fly-rollout accepts it but flyctl rejects it`,
        `write ${name} = ${JSON.stringify(cmd.map(shellQuote).join(' '))} so a plain \`fly deploy\` keeps working`
      )
    } else {
      r.wrongType(
        at,
        cmd,
        'a command string',
        `write ${name} = "bin/server --port 8080"`
      )
    }
  }
  if (isTable(v)) {
    for (const [name, cmd] of Object.entries(v))
      add(name, cmd, ['processes', name])
  } else if (Array.isArray(v)) {
    // Old GraphQL GetConfig output: [] or [{ name, command }]; empty entries are skipped.
    v.forEach((item, i) => {
      if (!isTable(item)) return
      if (item.name === undefined) return
      add(
        goString(item.name),
        item.command === undefined ? '' : goString(item.command),
        ['processes', i]
      )
    })
  } else {
    r.wrongType(
      ['processes'],
      v,
      'a table',
      'write [processes] with one name = "command" per group'
    )
  }
  return out
}

function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word)
    ? word
    : `'${word.replace(/'/g, `'"'"'`)}'`
}

// --- [[mounts]] ---------------------------------------------------------------

function readMounts(raw: Table, r: Reader): Mount[] {
  const entries = [
    ...tablesAt(raw, 'mount', [], r, 'ok'),
    ...tablesAt(raw, 'mounts', [], r, 'ok')
  ]
  const out: Mount[] = []
  for (const { t, path } of entries) {
    r.checkKeys(t, path, {
      known: [
        'source',
        'destination',
        'initial_size',
        'snapshot_retention',
        'scheduled_snapshots',
        'auto_extend_size_threshold',
        'auto_extend_size_increment',
        'auto_extend_size_limit',
        'processes'
      ]
    })
    const source = r.str(t, 'source', path)
    const destination = r.str(t, 'destination', path)
    if (source === undefined || destination === undefined) {
      r.error(
        'missing-key',
        path,
        `${sectionName(path)} needs both "source" (the volume name) and "destination" (where to mount it)`,
        'write source = "data" and destination = "/data"'
      )
    }
    const m: Mount = remember(
      {
        source: source ?? '',
        destination: destination ?? '',
        processes: r.strList(t, 'processes', path) ?? []
      },
      r.origin,
      path
    )
    const size = t.initial_size
    if (typeof size === 'string') m.initial_size = size
    else if (typeof size === 'number' || typeof size === 'bigint')
      m.initial_size = goString(size)
    else if (size !== undefined)
      r.wrongType([...path, 'initial_size'], size, 'a size such as "10gb"')
    setIf(m, 'snapshot_retention', r.int(t, 'snapshot_retention', path))
    setIf(m, 'scheduled_snapshots', r.bool(t, 'scheduled_snapshots', path))
    setIf(
      m,
      'auto_extend_size_threshold',
      r.int(t, 'auto_extend_size_threshold', path)
    )
    for (const key of [
      'auto_extend_size_increment',
      'auto_extend_size_limit'
    ] as const) {
      const val = t[key]
      if (typeof val === 'number' || typeof val === 'bigint')
        m[key] = goString(val)
      else setIf(m, key, r.str(t, key, path))
    }
    out.push(m)
  }
  return out
}

// --- services -----------------------------------------------------------------

function readAutostop(
  t: Table,
  path: KeySegment[],
  r: Reader
): Autostop | undefined {
  const v = t.auto_stop_machines
  if (v === undefined) return undefined
  if (v === true) return 'stop'
  if (v === false) return 'off'
  if (v === 'off' || v === 'stop' || v === 'suspend') return v
  const at = [...path, 'auto_stop_machines']
  if (typeof v === 'string') {
    r.error(
      'invalid-value',
      at,
      `auto_stop_machines in ${sectionName(path)} must be "off", "stop", "suspend", true or false, not ${JSON.stringify(v)}`
    )
  } else r.wrongType(at, v, 'a boolean or one of "off", "stop", "suspend"')
  return undefined
}

function readMinMachines(
  t: Table,
  path: KeySegment[],
  r: Reader
): number | undefined {
  const v = t.min_machines_running
  if (isTable(v)) {
    r.error(
      'per-region-count',
      [...path, 'min_machines_running'],
      `min_machines_running in ${sectionName(path)} is one integer for the whole service, not a per-region table`,
      'Fly keeps that many machines running in the primary region only; write min_machines_running = 1, and put per-region machine counts in the fly-rollout spec (counts:) or run `fly scale count --region`'
    )
    return undefined
  }
  return r.int(t, 'min_machines_running', path)
}

function readConcurrency(
  t: Table,
  path: KeySegment[],
  r: Reader,
  allowString: boolean
): MachineServiceConcurrency | undefined {
  const v = t.concurrency
  if (v === undefined) return undefined
  const at = [...path, 'concurrency']
  if (typeof v === 'string' && allowString) {
    // patches.go: old "soft,hard" strings
    const m = /^\s*(\d+)\s*,\s*(\d+)\s*$/.exec(v)
    if (m === null) {
      r.error(
        'invalid-value',
        at,
        `unknown value ${JSON.stringify(v)} for concurrency limits`,
        'write [services.concurrency] with type, soft_limit and hard_limit'
      )
      return undefined
    }
    return {
      type: 'requests',
      hard_limit: Number(m[2]),
      soft_limit: Number(m[1])
    }
  }
  if (!isTable(v)) {
    r.wrongType(
      at,
      v,
      'a table',
      'write [services.concurrency] with type = "requests", soft_limit and hard_limit'
    )
    return undefined
  }
  r.checkKeys(v, at, { known: ['type', 'hard_limit', 'soft_limit'] })
  const c: MachineServiceConcurrency = {}
  setIf(c, 'type', r.str(v, 'type', at))
  setIf(c, 'hard_limit', r.int(v, 'hard_limit', at))
  setIf(c, 'soft_limit', r.int(v, 'soft_limit', at))
  return c
}

function readTlsOptions(
  t: Table,
  path: KeySegment[],
  r: Reader
): TlsOptions | undefined {
  const v = r.table(t, 'tls_options', path)
  if (v === undefined) return undefined
  const at = [...path, 'tls_options']
  r.checkKeys(v, at, { known: ['alpn', 'versions', 'default_self_signed'] })
  const o: TlsOptions = {}
  setIf(o, 'alpn', r.strList(v, 'alpn', at))
  setIf(o, 'versions', r.strList(v, 'versions', at))
  setIf(o, 'default_self_signed', r.bool(v, 'default_self_signed', at))
  return o
}

function readHttpOptions(
  t: Table,
  path: KeySegment[],
  r: Reader
): HttpOptions | undefined {
  const v = r.table(t, 'http_options', path)
  if (v === undefined) return undefined
  const at = [...path, 'http_options']
  r.checkKeys(v, at, {
    known: [
      'compress',
      'h2_backend',
      'idle_timeout',
      'headers_read_timeout',
      'response',
      'replay_cache'
    ]
  })
  const o: HttpOptions = {}
  setIf(o, 'compress', r.bool(v, 'compress', at))
  setIf(o, 'h2_backend', r.bool(v, 'h2_backend', at))
  setIf(o, 'idle_timeout', r.int(v, 'idle_timeout', at))
  setIf(o, 'headers_read_timeout', r.int(v, 'headers_read_timeout', at))
  const resp = r.table(v, 'response', at)
  if (resp !== undefined) {
    const rat = [...at, 'response']
    r.checkKeys(resp, rat, { known: ['headers', 'pristine'] })
    o.response = {}
    const headers = r.table(resp, 'headers', rat)
    if (headers !== undefined)
      o.response.headers = plain(headers) as Record<string, unknown>
    setIf(o.response, 'pristine', r.bool(resp, 'pristine', rat))
  }
  const caches = tablesAt(v, 'replay_cache', at, r, 'warn')
  if (v.replay_cache !== undefined) {
    o.replay_cache = caches.map(({ t: c, path: cp }) => {
      r.checkKeys(c, cp, {
        known: ['path_prefix', 'ttl_seconds', 'type', 'name', 'allow_bypass']
      })
      const rc: ReplayCache = {}
      setIf(rc, 'path_prefix', r.str(c, 'path_prefix', cp))
      setIf(rc, 'ttl_seconds', r.int(c, 'ttl_seconds', cp))
      const type = r.str(c, 'type', cp)
      if (type === 'cookie' || type === 'header') rc.type = type
      else if (type !== undefined) {
        r.error(
          'invalid-value',
          [...cp, 'type'],
          `replay_cache type must be "cookie" or "header", not ${JSON.stringify(type)}`
        )
      }
      setIf(rc, 'name', r.str(c, 'name', cp))
      setIf(rc, 'allow_bypass', r.bool(c, 'allow_bypass', cp))
      return rc
    })
  }
  return o
}

/** plain copies a parsed TOML value into ordinary objects and arrays. */
function plain(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(plain)
  if (isTable(v)) {
    const out: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(v)) out[k] = plain(x)
    return out
  }
  if (typeof v === 'bigint') return Number(v)
  return v
}

function readHeaders(
  t: Table,
  path: KeySegment[],
  r: Reader
): Record<string, string> | undefined {
  const v = t.headers
  if (v === undefined) return undefined
  const at = [...path, 'headers']
  const out: Record<string, string> = {}
  if (isTable(v)) {
    for (const [k, val] of Object.entries(v)) out[k] = goString(val)
  } else if (Array.isArray(v)) {
    // patches.go: old [{ name, value }] lists
    v.forEach((item, i) => {
      if (isTable(item) && item.name !== undefined) {
        out[goString(item.name)] =
          item.value === undefined ? '' : goString(item.value)
      } else {
        r.error(
          'invalid-value',
          [...at, i],
          'unsupported headers format',
          'write [<check>.headers] with one Header-Name = "value" per header'
        )
      }
    })
  } else {
    r.wrongType(at, v, 'a table of header names to values')
  }
  return Object.keys(out).length > 0 ? out : undefined
}

function readTimings(
  target: TcpCheck,
  t: Table,
  path: KeySegment[],
  r: Reader
): void {
  for (const key of CHECK_TIMING)
    setIf(target, key, r.duration(t, key, path, 'ms'))
}

function readHttpCheckFields(
  target: HttpCheck,
  t: Table,
  path: KeySegment[],
  r: Reader
): void {
  readTimings(target, t, path, r)
  for (const key of [
    'method',
    'path',
    'protocol',
    'tls_server_name'
  ] as const) {
    setIf(target, key, r.str(t, key, path))
  }
  setIf(target, 'tls_skip_verify', r.bool(t, 'tls_skip_verify', path))
  setIf(target, 'headers', readHeaders(t, path, r))
}

function readServiceChecks(
  t: Table,
  key: 'tcp_checks' | 'http_checks' | 'checks',
  path: KeySegment[],
  r: Reader
): { tcp: TcpCheck[]; http: HttpCheck[] } {
  const tcp: TcpCheck[] = []
  const http: HttpCheck[] = []
  for (const { t: c, path: cp } of tablesAt(t, key, path, r, 'warn')) {
    if (key === 'tcp_checks') {
      r.checkKeys(c, cp, {
        known: CHECK_TIMING,
        ignored: RESTART_LIMIT_IGNORED,
        misplaced: checkKeyMisplaced('tcp')
      })
      const check: TcpCheck = remember({}, r.origin, cp)
      readTimings(check, c, cp, r)
      tcp.push(check)
    } else {
      r.checkKeys(c, cp, {
        known: HTTP_CHECK_KEYS,
        ignored: RESTART_LIMIT_IGNORED,
        misplaced: checkKeyMisplaced('http')
      })
      const check: HttpCheck = remember({}, r.origin, cp)
      readHttpCheckFields(check, c, cp, r)
      http.push(check)
    }
  }
  return { tcp, http }
}

function checkKeyMisplaced(
  kind: 'tcp' | 'http'
): Record<string, readonly [string, string]> {
  return {
    port: [
      `a service ${kind} check has no "port": it always checks the service's internal_port`,
      'remove "port", or use a top-level [checks.<name>] check to probe another port'
    ],
    type: [
      `a service check has no "type": the section says it is ${kind === 'tcp' ? 'TCP' : 'HTTP'}`,
      'remove "type"'
    ]
  }
}

function readPorts(t: Table, path: KeySegment[], r: Reader): PortSpec[] {
  const out: PortSpec[] = []
  for (const { t: p, path: pp } of tablesAt(t, 'ports', path, r, 'warn')) {
    r.checkKeys(p, pp, {
      known: [
        'port',
        'start_port',
        'end_port',
        'handlers',
        'force_https',
        'tls_options',
        'http_options',
        'proxy_proto_options'
      ]
    })
    const port: PortSpec = remember({}, r.origin, pp)
    setIf(port, 'port', readCoercedInt(p, 'port', pp, r))
    setIf(port, 'start_port', r.int(p, 'start_port', pp))
    setIf(port, 'end_port', r.int(p, 'end_port', pp))
    setIf(port, 'handlers', r.strList(p, 'handlers', pp))
    setIf(port, 'force_https', r.bool(p, 'force_https', pp))
    setIf(port, 'tls_options', readTlsOptions(p, pp, r))
    setIf(port, 'http_options', readHttpOptions(p, pp, r))
    const ppo = r.table(p, 'proxy_proto_options', pp)
    if (ppo !== undefined) {
      const at = [...pp, 'proxy_proto_options']
      r.checkKeys(ppo, at, { known: ['version'] })
      port.proxy_proto_options = {}
      setIf(port.proxy_proto_options, 'version', r.str(ppo, 'version', at))
    }
    out.push(port)
  }
  return out
}

/**
 * readCoercedInt reads an integer flyctl's `castToInt` also accepts as a
 * numeric string or a float: those are taken, with a warning.
 */
function readCoercedInt(
  t: Table,
  key: string,
  path: KeySegment[],
  r: Reader
): number | undefined {
  const v = t[key]
  if (v === undefined) return undefined
  if (typeof v === 'bigint') return Number(v)
  if (typeof v === 'number' && Number.isInteger(v)) return v
  const at = [...path, key]
  if (typeof v === 'string' && /^[+-]?\d+$/.test(v.trim()) && v.trim() === v) {
    r.wrongType(
      at,
      v,
      'an integer',
      `flyctl converts it; write ${key} = ${Number(v)}`,
      'warning'
    )
    return Number(v)
  }
  if (typeof v === 'number' && Number.isFinite(v)) {
    r.wrongType(
      at,
      v,
      'an integer',
      `flyctl truncates it to ${Math.trunc(v)}`,
      'warning'
    )
    return Math.trunc(v)
  }
  r.wrongType(
    at,
    v,
    'an integer',
    typeof v === 'string' ? `write ${key} = 8080` : undefined
  )
  return undefined
}

function readHttpService(raw: Table, r: Reader): HttpService | undefined {
  const path: KeySegment[] = ['http_service']
  const t = r.table(raw, 'http_service', [])
  if (t === undefined) return undefined
  r.checkKeys(t, path, {
    known: [
      'internal_port',
      'force_https',
      'auto_stop_machines',
      'auto_start_machines',
      'min_machines_running',
      'processes',
      'concurrency',
      'tls_options',
      'http_options',
      'checks',
      'machine_checks'
    ],
    ignored: {
      proxy_proto_options:
        'use a [[services]] section whose [[services.ports]] set proxy_proto_options'
    },
    misplaced: {
      ...COMPUTE_IN_SERVICE,
      ports: [
        '[http_service] has fixed ports (80 and 443) and no "ports" key',
        'to listen on other ports, add a [[services]] section with [[services.ports]]'
      ],
      tcp_checks: [
        '[http_service] takes [[http_service.checks]] (HTTP checks), not tcp_checks',
        'write [[http_service.checks]], or use a top-level [checks.<name>] with type = "tcp"'
      ],
      http_checks: [
        '[http_service] checks are written [[http_service.checks]], not http_checks',
        'rename the section to [[http_service.checks]]'
      ],
      protocol: [
        '[http_service] is always TCP with HTTP handlers; it has no "protocol"',
        'remove "protocol", or use [[services]] for other protocols'
      ]
    }
  })
  const internal = r.int(t, 'internal_port', path)
  if (internal === undefined && t.internal_port === undefined) {
    r.error(
      'missing-key',
      path,
      '[http_service] needs "internal_port", the port your app listens on',
      'write internal_port = 8080'
    )
  }
  const { http } = readServiceChecks(t, 'checks', path, r)
  const hs: HttpService = remember(
    {
      internal_port: internal ?? 0,
      force_https: r.bool(t, 'force_https', path) ?? false,
      processes: r.strList(t, 'processes', path) ?? [],
      checks: http,
      machine_checks: readMachineChecksAt(t, 'machine_checks', path, r)
    },
    r.origin,
    path
  )
  setIf(hs, 'auto_stop_machines', readAutostop(t, path, r))
  setIf(hs, 'auto_start_machines', r.bool(t, 'auto_start_machines', path))
  setIf(hs, 'min_machines_running', readMinMachines(t, path, r))
  setIf(hs, 'concurrency', readConcurrency(t, path, r, false))
  setIf(hs, 'tls_options', readTlsOptions(t, path, r))
  setIf(hs, 'http_options', readHttpOptions(t, path, r))
  return hs
}

function readServices(raw: Table, r: Reader): Service[] {
  const v = raw.services
  const out: Service[] = []
  const fromTable = isTable(v)
  for (const { t, path } of tablesAt(raw, 'services', [], r, 'ok')) {
    // patches.go drops services without any key ([[services]] alone).
    if (Object.keys(t).length === 0) continue
    if (fromTable) {
      r.warn(
        'table-not-array',
        path,
        '[services] is a single table; flyctl reads it as one [[services]] entry',
        'write [[services]] (double brackets); to configure [http_service], use [http_service.concurrency] or [[http_service.checks]]'
      )
    }
    r.checkKeys(t, path, {
      known: [
        'protocol',
        'internal_port',
        'auto_stop_machines',
        'auto_start_machines',
        'min_machines_running',
        'ports',
        'concurrency',
        'tcp_checks',
        'http_checks',
        'machine_checks',
        'processes'
      ],
      ignored: {
        script_checks:
          'script checks ran on the old Nomad platform only; use [checks] or [[services.http_checks]]',
        autoscaled: 'use auto_stop_machines and auto_start_machines'
      },
      misplaced: {
        ...COMPUTE_IN_SERVICE,
        checks: [
          'a [[services]] section has no "checks": its checks are [[services.tcp_checks]] and [[services.http_checks]]',
          'rename to [[services.http_checks]] or [[services.tcp_checks]] ([[http_service.checks]] exists only under [http_service])'
        ],
        force_https: [
          '"force_https" belongs on a port, not on the service',
          'move it into the [[services.ports]] entry for port 80'
        ],
        handlers: [
          '"handlers" belongs on a port, not on the service',
          'move it into a [[services.ports]] entry'
        ],
        port: [
          '"port" belongs in [[services.ports]]; the service itself has "internal_port"',
          'write internal_port = <the port your app listens on> and a [[services.ports]] entry with port = <the public port>'
        ]
      }
    })
    const internal = readCoercedInt(t, 'internal_port', path, r)
    if (internal === undefined && t.internal_port === undefined) {
      r.error(
        'missing-key',
        path,
        `${sectionName(path)} needs "internal_port", the port your app listens on`,
        fromTable
          ? 'a [services.…] table outside any [[services]] entry makes a service of its own; put these settings under [http_service] ([http_service.concurrency], [[http_service.checks]]) or inside a [[services]] entry'
          : 'write internal_port = 8080'
      )
    }
    const protocol = r.str(t, 'protocol', path)
    if (protocol !== undefined && protocol !== 'tcp' && protocol !== 'udp') {
      r.warn(
        'invalid-value',
        [...path, 'protocol'],
        `protocol ${JSON.stringify(protocol)} in ${sectionName(path)} is neither "tcp" nor "udp"`
      )
    }
    const checks = {
      tcp: readServiceChecks(t, 'tcp_checks', path, r).tcp,
      http: readServiceChecks(t, 'http_checks', path, r).http
    }
    const s: Service = remember(
      {
        internal_port: internal ?? 0,
        ports: readPorts(t, path, r),
        tcp_checks: checks.tcp,
        http_checks: checks.http,
        machine_checks: readMachineChecksAt(t, 'machine_checks', path, r),
        processes: r.strList(t, 'processes', path) ?? []
      },
      r.origin,
      path
    )
    setIf(s, 'protocol', protocol)
    setIf(s, 'auto_stop_machines', readAutostop(t, path, r))
    setIf(s, 'auto_start_machines', r.bool(t, 'auto_start_machines', path))
    setIf(s, 'min_machines_running', readMinMachines(t, path, r))
    setIf(s, 'concurrency', readConcurrency(t, path, r, true))
    out.push(s)
  }
  return out
}

// --- machine_checks -----------------------------------------------------------

function readMachineChecksAt(
  t: Table,
  key: string,
  path: readonly KeySegment[],
  r: Reader
): MachineCheckSpec[] {
  const out: MachineCheckSpec[] = []
  for (const { t: c, path: cp } of tablesAt(t, key, path, r, 'warn')) {
    r.checkKeys(c, cp, {
      known: ['command', 'image', 'entrypoint', 'kill_signal', 'kill_timeout']
    })
    const argv = (k: 'command' | 'entrypoint'): string[] | undefined => {
      const v = c[k]
      if (v === undefined) return undefined
      if (typeof v === 'string') {
        const split = shlexSplit(v)
        if (split.ok) return split.words
        r.error(
          'invalid-value',
          [...cp, k],
          `could not parse ${k} ${JSON.stringify(v)}: ${split.error}`
        )
        return undefined
      }
      if (Array.isArray(v) && v.every((x) => typeof x === 'string'))
        return [...(v as string[])]
      r.wrongType([...cp, k], v, 'an array of strings')
      return undefined
    }
    const check: MachineCheckSpec = remember(
      { command: argv('command') ?? [] },
      r.origin,
      cp
    )
    setIf(check, 'image', r.str(c, 'image', cp))
    setIf(check, 'entrypoint', argv('entrypoint'))
    setIf(check, 'kill_signal', r.str(c, 'kill_signal', cp))
    setIf(check, 'kill_timeout', r.duration(c, 'kill_timeout', cp, 'ns'))
    r.warn(
      'not-run',
      cp,
      'fly-rollout does not run machine_checks',
      'flyctl runs them in a throwaway machine before a rolling deploy; fly-rollout gates each wave on health checks and its bake instead'
    )
    out.push(check)
  }
  return out
}

// --- [checks] -----------------------------------------------------------------

function readTopLevelChecks(
  raw: Table,
  r: Reader
): Record<string, TopLevelCheck> {
  const v = raw.checks
  const out: Record<string, TopLevelCheck> = {}
  if (v === undefined) return out
  const read = (
    name: string,
    c: unknown,
    cp: KeySegment[],
    arrayForm: boolean
  ): void => {
    if (!isTable(c)) {
      r.wrongType(
        cp,
        c,
        'a table',
        `write [checks.${name}] with type, port and the check's settings`
      )
      return
    }
    r.checkKeys(c, cp, {
      known: [
        ...HTTP_CHECK_KEYS,
        'type',
        'port',
        'processes',
        ...(arrayForm ? ['name'] : [])
      ],
      ignored: {
        ...RESTART_LIMIT_IGNORED,
        kind: 'flyctl does not send "kind"; top-level checks stay informational'
      }
    })
    const check: TopLevelCheck = remember(
      { processes: r.strList(c, 'processes', cp) ?? [] },
      r.origin,
      cp
    )
    setIf(check, 'type', r.str(c, 'type', cp))
    setIf(check, 'port', r.int(c, 'port', cp))
    readHttpCheckFields(check, c, cp, r)
    out[name] = check
  }
  if (isTable(v)) {
    for (const [name, c] of Object.entries(v))
      read(name, c, ['checks', name], false)
  } else if (Array.isArray(v)) {
    v.forEach((c, i) => {
      if (isTable(c) && typeof c.name === 'string')
        read(c.name, c, ['checks', i], true)
      else {
        r.error(
          'missing-key',
          ['checks', i],
          'a [[checks]] entry needs a "name"',
          'write [checks.<name>] tables instead of [[checks]]'
        )
      }
    })
  } else {
    r.wrongType(
      ['checks'],
      v,
      'a table of named checks',
      'write [checks.<name>]'
    )
  }
  return out
}

// --- [[files]], [[statics]], [[metrics]], [[restart]], [[vm]] -----------------

function readFiles(raw: Table, r: Reader): FileSpec[] {
  const out: FileSpec[] = []
  for (const { t, path } of tablesAt(raw, 'files', [], r, 'refuse')) {
    r.checkKeys(t, path, {
      known: [
        'guest_path',
        'local_path',
        'secret_name',
        'raw_value',
        'processes'
      ]
    })
    const guest = r.str(t, 'guest_path', path)
    if (guest === undefined || guest === '') {
      r.error(
        'missing-key',
        path,
        '[[files]] needs "guest_path", the absolute path to write on the machine'
      )
    }
    const f: FileSpec = remember(
      {
        guest_path: guest ?? '',
        processes: r.strList(t, 'processes', path) ?? []
      },
      r.origin,
      path
    )
    setIf(f, 'local_path', r.str(t, 'local_path', path))
    setIf(f, 'secret_name', r.str(t, 'secret_name', path))
    setIf(f, 'raw_value', r.str(t, 'raw_value', path))
    const sources = (
      ['local_path', 'secret_name', 'raw_value'] as const
    ).filter((k) => (f[k] ?? '') !== '')
    if (sources.length > 1) {
      r.warn(
        'ignored-key',
        path,
        `[[files]] sets ${sources.join(' and ')}; only ${sources[0]} is used`,
        'set exactly one of local_path, secret_name and raw_value'
      )
    }
    out.push(f)
  }
  return out
}

function readStatics(raw: Table, r: Reader): StaticSpec[] {
  const out: StaticSpec[] = []
  for (const { t, path } of tablesAt(raw, 'statics', [], r, 'refuse')) {
    r.checkKeys(t, path, {
      known: ['guest_path', 'url_prefix', 'tigris_bucket', 'index_document']
    })
    const guest = r.str(t, 'guest_path', path)
    const prefix = r.str(t, 'url_prefix', path)
    if (!guest || !prefix) {
      r.error(
        'missing-key',
        path,
        '[[statics]] needs "guest_path" and "url_prefix"',
        'write guest_path = "/app/public" and url_prefix = "/public"'
      )
    }
    const s: StaticSpec = remember(
      { guest_path: guest ?? '', url_prefix: prefix ?? '' },
      r.origin,
      path
    )
    setIf(s, 'tigris_bucket', r.str(t, 'tigris_bucket', path))
    setIf(s, 'index_document', r.str(t, 'index_document', path))
    out.push(s)
  }
  return out
}

function readMetrics(raw: Table, r: Reader): MetricsSpec[] {
  const out: MetricsSpec[] = []
  const entries = [
    ...tablesAt(raw, 'metric', [], r, 'ok'),
    ...tablesAt(raw, 'metrics', [], r, 'ok')
  ]
  for (const { t, path } of entries) {
    r.checkKeys(t, path, { known: ['port', 'path', 'https', 'processes'] })
    const m: MetricsSpec = remember(
      { processes: r.strList(t, 'processes', path) ?? [] },
      r.origin,
      path
    )
    setIf(m, 'port', r.int(t, 'port', path))
    setIf(m, 'path', r.str(t, 'path', path))
    setIf(m, 'https', r.bool(t, 'https', path))
    out.push(m)
  }
  return out
}

function readRestart(raw: Table, r: Reader): RestartSpec[] {
  const out: RestartSpec[] = []
  for (const { t, path } of tablesAt(raw, 'restart', [], r, 'ok')) {
    r.checkKeys(t, path, {
      known: ['policy', 'retries', 'processes'],
      misplaced: {
        max_retries: [
          '[[restart]] spells the retry count "retries"',
          'write retries = 3 (fly-rollout sends it as max_retries)'
        ]
      }
    })
    const rs: RestartSpec = remember(
      { processes: r.strList(t, 'processes', path) ?? [] },
      r.origin,
      path
    )
    const policy = r.str(t, 'policy', path)
    if (policy === 'always' || policy === 'on-failure' || policy === 'never')
      rs.policy = policy
    else if (policy !== undefined) {
      r.error(
        'invalid-value',
        [...path, 'policy'],
        `invalid restart policy: ${policy}`,
        policy === 'no'
          ? 'fly.toml spells it "never" (the Machines API calls it "no")'
          : 'use "always", "on-failure" or "never"'
      )
    }
    if (t.policy === undefined) {
      r.error(
        'missing-key',
        path,
        'invalid restart policy: [[restart]] needs a policy',
        'write policy = "always", "on-failure" or "never"'
      )
    }
    setIf(rs, 'retries', r.int(t, 'retries', path))
    out.push(rs)
  }
  return out
}

function readComputes(raw: Table, r: Reader): Compute[] {
  const out: Compute[] = []
  for (const key of ['compute', 'computes', 'vm']) {
    for (const { t, path } of tablesAt(raw, key, [], r, 'ok')) {
      const c = readCompute(t, path, r)
      if (c !== undefined) out.push(c)
    }
  }
  return out
}

function readCompute(
  t: Table,
  path: KeySegment[],
  r: Reader
): Compute | undefined {
  r.checkKeys(t, path, {
    known: VM_KEYS,
    misplaced: {
      min_machines_running: [
        '"min_machines_running" belongs to a service, not to [[vm]]',
        'move it to [http_service] or the [[services]] entry'
      ],
      count: [
        '"count" is not a fly.toml setting: fly.toml sizes machines, it does not count them',
        'machine counts belong in the fly-rollout spec (counts:) or `fly scale count`'
      ]
    }
  })
  const c: Compute = remember(
    { processes: r.strList(t, 'processes', path) ?? [] },
    r.origin,
    path
  )
  setIf(c, 'size', r.str(t, 'size', path))
  const mem = t.memory
  if (typeof mem === 'string') c.memory = mem
  else if (typeof mem === 'number' || typeof mem === 'bigint')
    c.memory = goString(mem)
  else if (mem !== undefined)
    r.wrongType([...path, 'memory'], mem, 'a size such as "1gb" or 512')
  setIf(c, 'cpu_kind', r.str(t, 'cpu_kind', path))
  setIf(c, 'cpus', r.int(t, 'cpus', path))
  setIf(c, 'memory_mb', r.int(t, 'memory_mb', path))
  setIf(c, 'max_memory_mb', r.int(t, 'max_memory_mb', path))
  setIf(c, 'gpus', r.int(t, 'gpus', path))
  setIf(c, 'gpu_kind', r.str(t, 'gpu_kind', path))
  setIf(c, 'host_dedication_id', r.str(t, 'host_dedication_id', path))
  setIf(c, 'kernel_args', r.strList(t, 'kernel_args', path))
  const persist = r.str(t, 'persist_rootfs', path)
  if (persist === 'never' || persist === 'always' || persist === 'restart')
    c.persist_rootfs = persist
  else if (persist !== undefined) {
    r.error(
      'invalid-value',
      [...path, 'persist_rootfs'],
      `persist_rootfs must be "never", "always" or "restart", not ${JSON.stringify(persist)}`
    )
  }
  return c
}

function readSchedules(raw: Table, r: Reader): Record<string, string> {
  const t = r.table(raw, 'schedules', [])
  const out: Record<string, string> = {}
  if (t === undefined) return out
  for (const key of Object.keys(t)) {
    const v = r.str(t, key, ['schedules'])
    if (v !== undefined) out[key] = v
  }
  return out
}
