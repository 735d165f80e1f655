import { describe, expect, test } from 'vitest'
import {
  locateKeys,
  parseFlyToml,
  toMachineConfigs,
  toReleaseCommandConfig,
  type AppConfig
} from '../../../src/core/appconfig/index.js'

const lines = (...l: string[]): string => l.join('\n') + '\n'

// One row per reader or validator branch: the input and the
// [severity, code, key, line] of every diagnostic it must produce.
type Want = [string, string, string | undefined, number | undefined]
const cases: { name: string; text: string; want: Want[] }[] = [
  {
    name: 'env that is not a table, and a non-table [[env]] entry',
    text: lines('env = "A=1"'),
    want: [['error', 'wrong-type', 'env', 1]]
  },
  {
    name: 'env list with a scalar entry',
    text: lines('env = [{ A = "1" }, 3]'),
    want: [['error', 'wrong-type', 'env[1]', 1]]
  },
  {
    name: 'processes that are neither a table nor a list; a process that is a number',
    text: lines('processes = "web"'),
    want: [['error', 'wrong-type', 'processes', 1]]
  },
  {
    name: 'a process command of the wrong type',
    text: lines('[processes]', 'web = 1'),
    want: [['error', 'wrong-type', 'processes.web', 2]]
  },
  {
    name: 'old [[processes]] list entries without a name are skipped',
    text: lines(
      'processes = [{ command = "x" }, "junk", { name = "web", command = "./web" }]'
    ),
    want: []
  },
  {
    name: '[experimental] cmd of the wrong type; kill_timeout when the top level has one',
    text: lines(
      'kill_timeout = 5',
      '[experimental]',
      'cmd = 1',
      'kill_timeout = 9'
    ),
    want: [['error', 'wrong-type', 'experimental.cmd', 3]]
  },
  {
    name: '[build] compose that is not a table',
    text: lines('[build]', 'compose = "docker-compose.yml"'),
    want: [['error', 'wrong-type', 'build.compose', 2]]
  },
  {
    name: 'a mount without source or destination, a table initial_size, numeric auto-extend sizes',
    text: lines(
      '[[mounts]]',
      'initial_size = { gb = 1 }',
      'auto_extend_size_increment = 2',
      'auto_extend_size_threshold = 80',
      'auto_extend_size_limit = 20'
    ),
    want: [
      ['error', 'missing-key', 'mounts[0]', 1],
      ['error', 'wrong-type', 'mounts[0].initial_size', 2]
    ]
  },
  {
    name: 'snapshot_retention out of range, an unparseable increment, a limit over 500 GB',
    text: lines(
      '[[mounts]]',
      'source = "d"',
      'destination = "/d"',
      'snapshot_retention = 90',
      'auto_extend_size_threshold = 80',
      'auto_extend_size_increment = "lots"',
      'auto_extend_size_limit = "600gb"'
    ),
    want: [
      ['error', 'invalid-value', 'mounts[0].snapshot_retention', 4],
      ['error', 'invalid-value', 'mounts[0].auto_extend_size_increment', 6],
      ['error', 'invalid-value', 'mounts[0].auto_extend_size_increment', 6],
      ['error', 'invalid-value', 'mounts[0].auto_extend_size_limit', 7]
    ]
  },
  {
    name: 'auto_stop_machines of the wrong type; a concurrency string without a comma',
    text: lines(
      '[[services]]',
      'internal_port = 1',
      'auto_stop_machines = 1',
      'concurrency = "12"',
      '[[services.ports]]',
      'port = 1'
    ),
    want: [
      ['error', 'wrong-type', 'services[0].auto_stop_machines', 3],
      ['error', 'invalid-value', 'services[0].concurrency', 4]
    ]
  },
  {
    name: 'an unknown concurrency key; [http_service] without internal_port',
    text: lines(
      '[http_service]',
      'concurrency = { type = "requests", hard = 10 }'
    ),
    want: [
      ['error', 'missing-key', 'http_service', 1],
      ['error', 'unknown-key', 'http_service.concurrency.hard', 2]
    ]
  },
  {
    name: 'tls_options, http_options and replay_cache keys and types',
    text: lines(
      '[http_service]',
      'internal_port = 1',
      'tls_options = { alpn = ["h2"], versions = ["TLSv1.3"], default_self_signed = true }',
      '[http_service.http_options]',
      'h2_backend = true',
      'headers_read_timeout = 30',
      'gzip = true',
      '[http_service.http_options.response]',
      'pristine = true',
      '[[http_service.http_options.replay_cache]]',
      'path_prefix = "/"',
      'ttl_seconds = 60',
      'type = "session"',
      'name = "sid"',
      'allow_bypass = true'
    ),
    want: [
      ['error', 'unknown-key', 'http_service.http_options.gzip', 7],
      [
        'error',
        'invalid-value',
        'http_service.http_options.replay_cache[0].type',
        13
      ]
    ]
  },
  {
    name: 'check headers of the wrong type, and a list entry without a name',
    text: lines(
      '[checks.a]',
      'type = "http"',
      'port = 1',
      'headers = "X-A: 1"',
      '[checks.b]',
      'type = "http"',
      'port = 1',
      'headers = [{ value = "1" }]'
    ),
    want: [
      ['error', 'wrong-type', 'checks.a.headers', 4],
      ['error', 'invalid-value', 'checks.b.headers[0]', 8]
    ]
  },
  {
    name: 'a float internal_port is truncated like flyctl, with a warning; an odd protocol',
    text: lines(
      '[[services]]',
      'internal_port = 8080.5',
      'protocol = "tpc"',
      '[[services.ports]]',
      'port = 1'
    ),
    want: [
      ['warning', 'wrong-type', 'services[0].internal_port', 2],
      ['warning', 'invalid-value', 'services[0].protocol', 3]
    ]
  },
  {
    name: 'a service without internal_port',
    text: lines(
      '[[services]]',
      'protocol = "tcp"',
      '[[services.ports]]',
      'port = 1'
    ),
    want: [['error', 'missing-key', 'services[0]', 1]]
  },
  {
    name: 'machine_checks command of the wrong type and an unsplittable entrypoint',
    text: lines(
      '[[machine_checks]]',
      'command = 1',
      'entrypoint = "sh -c \'x"'
    ),
    want: [
      ['error', 'wrong-type', 'machine_checks[0].command', 2],
      ['error', 'invalid-value', 'machine_checks[0].entrypoint', 3],
      ['warning', 'not-run', 'machine_checks[0]', 1]
    ]
  },
  {
    name: 'checks that are not a table, and a check that is not a table',
    text: lines('checks = "all"'),
    want: [['error', 'wrong-type', 'checks', 1]]
  },
  {
    name: 'a check that is a string',
    text: lines('[checks]', 'web = "http"'),
    want: [['error', 'wrong-type', 'checks.web', 2]]
  },
  {
    name: 'a top-level check with a long timeout and no type',
    text: lines('[checks.slow]', 'port = 1', 'timeout = "2m"'),
    want: [
      ['error', 'check-duration', 'checks.slow.timeout', 3],
      ['error', 'missing-key', 'checks.slow.type', 1]
    ]
  },
  {
    name: 'service check durations out of range are warnings',
    text: lines(
      '[[services]]',
      'internal_port = 1',
      '[[services.ports]]',
      'port = 1',
      '[[services.tcp_checks]]',
      'interval = 500',
      'grace_period = "500ms"',
      'timeout = "2m"'
    ),
    want: [
      ['warning', 'check-duration', 'services[0].tcp_checks[0].interval', 6],
      ['warning', 'check-duration', 'services[0].tcp_checks[0].timeout', 8],
      ['warning', 'check-duration', 'services[0].tcp_checks[0].grace_period', 7]
    ]
  },
  {
    name: 'a file with two sources, a file without guest_path',
    text: lines(
      '[[files]]',
      'guest_path = "/a"',
      'raw_value = "x"',
      'secret_name = "S"',
      '[[files]]',
      'raw_value = "y"'
    ),
    want: [
      ['warning', 'ignored-key', 'files[0]', 1],
      ['error', 'missing-key', 'files[1]', 5]
    ]
  },
  {
    name: 'statics without url_prefix',
    text: lines('[[statics]]', 'guest_path = "/p"'),
    want: [['error', 'missing-key', 'statics[0]', 1]]
  },
  {
    name: 'restart: an unknown policy, a missing policy',
    text: lines(
      '[[restart]]',
      'policy = "sometimes"',
      '[[restart]]',
      'retries = 2'
    ),
    want: [
      ['error', 'invalid-value', 'restart[0].policy', 2],
      ['error', 'missing-key', 'restart[1]', 3]
    ]
  },
  {
    name: '[[vm]] memory of the wrong type, persist_rootfs valid and not',
    text: lines(
      '[[vm]]',
      'memory = true',
      'persist_rootfs = "always"',
      '[[vm]]',
      'persist_rootfs = "forever"',
      'processes = ["x"]'
    ),
    want: [
      ['error', 'wrong-type', 'vm[0].memory', 2],
      ['error', 'invalid-value', 'vm[1].persist_rootfs', 5],
      ['warning', 'unknown-process', 'vm[1].processes[0]', 6]
    ]
  },
  {
    name: 'unparseable memory',
    text: lines('[[vm]]', 'memory = "lots"'),
    want: [['error', 'invalid-value', 'vm[0].memory', 2]]
  },
  {
    name: 'schedules for no group, a schedule of the wrong type, a reserved group name',
    text: lines(
      '[processes]',
      'fly_app_worker = "w"',
      '[schedules]',
      'nightly = "daily"',
      'web = 1'
    ),
    want: [
      ['error', 'wrong-type', 'schedules.web', 5],
      ['warning', 'unknown-process', 'schedules.nightly', 4],
      ['warning', 'reserved-group', 'processes.fly_app_worker', 2]
    ]
  },
  {
    name: 'sections that must hold tables hold scalars',
    text: lines(
      'services = 1',
      'vm = ["x"]',
      'http_service = "on"',
      'deploy = 1',
      'build = 1',
      'experimental = 1'
    ),
    want: [
      ['error', 'wrong-type', 'experimental', 6],
      ['error', 'wrong-type', 'build', 5],
      ['error', 'wrong-type', 'deploy', 4],
      ['error', 'wrong-type', 'http_service', 3],
      ['error', 'wrong-type', 'services', 1],
      ['error', 'wrong-type', 'vm[0]', 2]
    ]
  },
  {
    name: 'max_unavailable and tls_skip_verify of the wrong type, a duration of the wrong type',
    text: lines(
      '[deploy]',
      'max_unavailable = "33%"',
      'wait_timeout = true',
      '[checks.a]',
      'type = "http"',
      'port = 1',
      'tls_skip_verify = "yes"'
    ),
    want: [
      ['error', 'wrong-type', 'deploy.max_unavailable', 2],
      ['error', 'wrong-type', 'deploy.wait_timeout', 3],
      ['error', 'wrong-type', 'checks.a.tls_skip_verify', 7]
    ]
  },
  {
    name: '[http_service] without a check port takes it; an http_service check of the wrong kind is refused',
    text: lines(
      '[http_service]',
      'internal_port = 8080',
      'http_checks = []',
      'protocol = "tcp"'
    ),
    want: [
      ['error', 'misplaced-key', 'http_service.http_checks', 3],
      ['error', 'misplaced-key', 'http_service.protocol', 4]
    ]
  },
  {
    name: '[[services]] checks, force_https, handlers and port at the wrong level',
    text: lines(
      '[[services]]',
      'internal_port = 1',
      'port = 80',
      'force_https = true',
      'handlers = ["http"]',
      '[[services.checks]]',
      'path = "/"'
    ),
    want: [
      ['error', 'misplaced-key', 'services[0].port', 3],
      ['error', 'misplaced-key', 'services[0].force_https', 4],
      ['error', 'misplaced-key', 'services[0].handlers', 5],
      ['error', 'misplaced-key', 'services[0].checks', 6],
      ['warning', 'no-ports', 'services[0]', 1]
    ]
  },
  {
    name: 'deploy regions, vm min_machines_running, top-level containers',
    text: lines(
      'containers = []',
      '[deploy]',
      'regions = ["ams"]',
      '[[vm]]',
      'min_machines_running = 1'
    ),
    want: [
      ['error', 'misplaced-key', 'containers', 1],
      ['error', 'misplaced-key', 'deploy.regions', 3],
      ['error', 'misplaced-key', 'vm[0].min_machines_running', 5]
    ]
  },
  {
    name: 'a [[services.ports]] table written once is read as one port, with a warning',
    text: lines(
      '[[services]]',
      'internal_port = 1',
      '[services.ports]',
      'port = 80'
    ),
    want: [['warning', 'table-not-array', 'services[0].ports', 3]]
  },
  {
    name: '[services] as a single table with an internal_port is one service',
    text: lines(
      '[services]',
      'internal_port = 8080',
      'ports = [{ port = 80 }]'
    ),
    want: [['warning', 'table-not-array', 'services', 1]]
  }
]

describe('every reader and validator branch reports where it should', () => {
  for (const c of cases) {
    test(c.name, () => {
      const r = parseFlyToml(c.text, 'fly.toml')
      expect(
        r.diagnostics.map((d) => [d.severity, d.code, d.key, d.line])
      ).toEqual(c.want)
    })
  }
})

describe('values those branches keep', () => {
  test('[experimental] attached secrets, experimental kill_timeout loses to the top level', () => {
    const c = parseFlyToml(
      lines(
        'kill_timeout = 5',
        '[experimental]',
        'kill_timeout = 9',
        '[experimental.attached.secrets.export]',
        'DB = "DATABASE_URL"'
      ),
      'fly.toml'
    ).config!
    expect(c.kill_timeout).toBe('5s')
    expect(c.experimental).toEqual({
      attached: { secrets: { export: { DB: 'DATABASE_URL' } } }
    })
  })

  test('http_service http_options go on both ports, tls_options on 443; https metrics; proxy_proto; persist_rootfs and max_memory_mb reach the guest', () => {
    const c = parseFlyToml(
      lines(
        '[http_service]',
        'internal_port = 8080',
        'force_https = true',
        'http_options = { h2_backend = true }',
        'tls_options = { alpn = ["h2"] }',
        '[[services]]',
        'internal_port = 5000',
        'ports = [{ port = 5000, handlers = ["proxy_proto"], proxy_proto_options = { version = "v2" } }]',
        '[metrics]',
        'port = 9091',
        'https = true',
        '[[vm]]',
        'size = "performance-1x"',
        'max_memory_mb = 4096',
        'persist_rootfs = "always"',
        'kernel_args = ["quiet"]',
        'gpus = 1'
      ),
      'fly.toml'
    ).config!
    const app = toMachineConfigs(c, {
      image: 'i',
      releaseId: 'r',
      releaseVersion: 1,
      flyctlVersion: 'v'
    }).groups.app!
    expect(app.services![0]!.ports).toEqual([
      {
        port: 80,
        handlers: ['http'],
        force_https: true,
        http_options: { h2_backend: true }
      },
      {
        port: 443,
        handlers: ['http', 'tls'],
        http_options: { h2_backend: true },
        tls_options: { alpn: ['h2'] }
      }
    ])
    expect(app.services![1]!.ports).toEqual([
      {
        port: 5000,
        handlers: ['proxy_proto'],
        proxy_proto_options: { version: 'v2' }
      }
    ])
    expect(app.metrics).toEqual({ port: 9091, https: true })
    expect(app.guest).toEqual({
      cpu_kind: 'performance',
      cpus: 1,
      memory_mb: 2048,
      max_memory_mb: 4096,
      gpus: 1,
      persist_rootfs: 'always',
      kernel_args: ['quiet']
    })
  })

  test('a hand-built invalid restart policy is an error at translation', () => {
    const c = parseFlyToml('app = "x"\n', 'fly.toml').config!
    const bad: AppConfig = {
      ...c,
      restart: [{ policy: 'sometimes' as 'always', processes: [] }]
    }
    const r = toMachineConfigs(bad, {
      image: 'i',
      releaseId: 'r',
      releaseVersion: 1,
      flyctlVersion: 'v'
    })
    expect(r.diagnostics).toMatchObject([
      { code: 'invalid-value', key: 'restart.policy' }
    ])
    expect(r.groups.app!.restart).toBeUndefined()
  })

  test("integer durations beyond a double convert exactly; beyond Go's int64 they are errors", () => {
    const big = parseFlyToml(
      '[deploy]\nwait_timeout = 9007199254740993\n',
      'fly.toml'
    )
    expect(big.config?.deploy?.wait_timeout).toBe('2501h59m59.254740993s')
    expect(
      parseFlyToml('kill_timeout = inf\n', 'fly.toml').diagnostics
    ).toMatchObject([{ code: 'wrong-type', key: 'kill_timeout' }])
    const huge = parseFlyToml('kill_timeout = 9007199254740993\n', 'fly.toml')
    expect(huge.config?.kill_timeout).toBeUndefined()
    expect(huge.diagnostics).toMatchObject([
      { code: 'invalid-value', key: 'kill_timeout', line: 1 }
    ])
  })
})

describe('remaining corners', () => {
  const opts = {
    image: 'i',
    releaseId: 'r',
    releaseVersion: 1,
    flyctlVersion: 'v'
  }

  test('env values of every TOML type become text as Go prints them', () => {
    const c = parseFlyToml(
      lines(
        '[env]',
        'WHEN = 1979-05-27T07:32:00Z',
        'NAN = nan',
        'NEG = -inf',
        'T = { b = 1, a = "x" }',
        'BIG = 9007199254740993'
      ),
      'fly.toml'
    ).config!
    expect(c.env).toEqual({
      WHEN: '1979-05-27T07:32:00.000Z',
      NAN: 'NaN',
      NEG: '-Inf',
      T: 'map[a:x b:1]',
      BIG: '9007199254740993'
    })
  })

  test('big integers, quoted array words, an empty attached table, a cookie replay cache', () => {
    const r = parseFlyToml(
      lines(
        '[processes]',
        'web = ["bin/server", "a b"]',
        '[experimental.attached]',
        '[[services]]',
        'internal_port = 9007199254740993',
        'ports = [{ port = 80, start_port = 8000, end_port = 8010 }]',
        '[http_service]',
        'internal_port = 8080',
        '[[http_service.http_options.replay_cache]]',
        'type = "cookie"',
        '[deploy]',
        'max_unavailable = 9007199254740993'
      ),
      'fly.toml'
    )
    expect(r.diagnostics.find((d) => d.key === 'processes.web')?.detail).toBe(
      `write web = "bin/server 'a b'" so a plain \`fly deploy\` keeps working`
    )
    expect(r.config?.experimental).toEqual({ attached: {} })
    expect(r.config?.services[0]?.internal_port).toBe(9007199254740992)
    expect(r.config?.http_service?.http_options?.replay_cache).toEqual([
      { type: 'cookie' }
    ])
    const web = toMachineConfigs(r.config!, opts).groups.web!
    expect(web.services![1]!.ports).toEqual([
      { port: 80, start_port: 8000, end_port: 8010 }
    ])
  })

  test('[[vm]] cpu_kind and cpus override the size; a later explicit [[vm]] wins', () => {
    const c = parseFlyToml(
      lines(
        '[[vm]]',
        'size = "shared-cpu-1x"',
        'cpu_kind = "performance"',
        'cpus = 2',
        '[[vm]]',
        'size = "shared-cpu-8x"',
        'processes = ["app"]',
        '[[vm]]',
        'size = "shared-cpu-4x"',
        'processes = ["app"]'
      ),
      'fly.toml'
    ).config!
    expect(toMachineConfigs(c, opts).groups.app!.guest).toEqual({
      cpu_kind: 'shared',
      cpus: 4,
      memory_mb: 1024
    })
    const only = { ...c, vm: [c.vm[0]!] }
    expect(toMachineConfigs(only, opts).groups.app!.guest).toEqual({
      cpu_kind: 'performance',
      cpus: 2,
      memory_mb: 256
    })
  })

  test('the release command machine gets every [[files]] entry', () => {
    const c = parseFlyToml(
      lines(
        '[deploy]',
        'release_command = "migrate"',
        '[[files]]',
        'guest_path = "/etc/a"',
        'raw_value = "a"',
        'processes = ["web"]'
      ),
      'fly.toml'
    ).config!
    expect(toReleaseCommandConfig(c, opts).config?.files).toEqual([
      { guest_path: '/etc/a', raw_value: 'YQ==' }
    ])
  })

  test('more than one build strategy counts buildpacks and build-target', () => {
    const r = parseFlyToml(
      lines('[build]', 'buildpacks = ["x"]', 'build-target = "prod"'),
      'fly.toml'
    )
    expect(r.diagnostics).toMatchObject([
      {
        code: 'build-strategies',
        summary:
          'more than one build configuration found: [a buildpack, a dockerfile]'
      }
    ])
  })

  test('the locator reads escaped keys, extra closing quotes and stray lines', () => {
    const text = lines(
      'a = """x""""',
      '"k\\u00e9y" = 1',
      "b = '''y'''''",
      '[env]',
      '"\\tTAB" = "1"',
      'c = [ # comment',
      '  1, # one',
      '  2,',
      ']'
    )
    const l = locateKeys(text)
    expect(l.line(['kéy'])).toBe(2)
    expect(l.line(['env', '\tTAB'])).toBe(5)
    expect(l.line(['env', 'c', 1])).toBe(8)
    // Not TOML at all: the scan still ends.
    const junk = locateKeys(
      '[[\n= = =\n{ , ]\n"unterminated\n[a.\nx = [1, {y = }\n'
    )
    expect(junk.line('a.x')).toBe(6)
  })
})
