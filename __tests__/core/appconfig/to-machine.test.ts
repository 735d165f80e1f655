import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import {
  deploySettings,
  parseFlyToml,
  toMachineConfigs,
  toReleaseCommandConfig,
  type AppConfig,
  type MachineConfig,
  type MachineConfigOptions
} from '../../../src/core/appconfig/index.js'

// machines_test.go, case by case, on flyctl's fixtures (__fixtures__/fly/README.md).
const DIR = '__fixtures__/fly/appconfig'

const OPTS: MachineConfigOptions = {
  image: 'registry.fly.io/foo@sha256:abc',
  releaseId: '01JREL',
  releaseVersion: 7,
  flyctlVersion: 'v0.3.99'
}

function config(nameOrToml: string): AppConfig {
  const text = nameOrToml.endsWith('.toml')
    ? readFileSync(`${DIR}/${nameOrToml}`, 'utf8')
    : nameOrToml
  const r = parseFlyToml(
    text,
    nameOrToml.endsWith('.toml') ? nameOrToml : 'fly.toml'
  )
  expect(r.config).toBeDefined()
  return r.config!
}

function groups(c: AppConfig, opts = OPTS): Record<string, MachineConfig> {
  const r = toMachineConfigs(c, opts)
  expect(r.diagnostics).toEqual([])
  return r.groups
}

const metadata = (group: string) => ({
  fly_platform_version: 'v2',
  fly_process_group: group,
  fly_release_id: '01JREL',
  fly_release_version: '7',
  fly_flyctl_version: 'v0.3.99'
})

const httpPorts = [
  { port: 80, handlers: ['http'], force_https: true },
  { port: 443, handlers: ['http', 'tls'] }
]

describe('toMachineConfigs as flyctl ToMachineConfig (machines_test.go)', () => {
  test('tomachine.toml: the whole config (TestToMachineConfig)', () => {
    // The copied revision's [[statics]] has no tigris_bucket/index_document.
    expect(groups(config('tomachine.toml'))).toEqual({
      app: {
        image: 'registry.fly.io/foo@sha256:abc',
        env: { FOO: 'BAR', PRIMARY_REGION: 'mia', FLY_PROCESS_GROUP: 'app' },
        services: [{ protocol: 'tcp', internal_port: 8080, ports: httpPorts }],
        metadata: metadata('app'),
        metrics: { port: 9999, path: '/metrics' },
        statics: [{ guest_path: '/guest/path', url_prefix: '/url/prefix' }],
        mounts: [{ name: 'data', path: '/data' }],
        checks: {
          listening: { port: 8080, type: 'tcp' },
          status: {
            port: 8080,
            type: 'http',
            interval: '10s',
            timeout: '1s',
            path: '/status'
          }
        },
        stop_config: { timeout: '10s', signal: 'SIGTERM' },
        init: { swap_size_mb: 512 },
        restart: { policy: 'always' }
      }
    })
  })

  test('tomachine-experimental.toml: cmd, entrypoint, exec; [processes] beats experimental cmd (TestToMachineConfig_Experimental)', () => {
    const c = config('tomachine-experimental.toml')
    expect(groups(c).app!.init).toEqual({
      cmd: ['/call', 'me'],
      entrypoint: ['/IgoFirst'],
      exec: ['ignore', 'others']
    })
    const overridden = {
      ...c,
      processes: { app: ['/override', 'experimental'] }
    }
    expect(groups(overridden).app!.init).toEqual({
      cmd: ['/override', 'experimental'],
      entrypoint: ['/IgoFirst'],
      exec: ['ignore', 'others']
    })
  })

  test('validategroups.toml: init, services and checks per group (TestToMachineConfig_multiProcessGroups, same content as tomachine-processgroups.toml)', () => {
    const g = groups(config('validategroups.toml'))
    expect(Object.keys(g)).toEqual(['app', 'foo', 'vpn'])
    expect(g.app).toMatchObject({
      init: { cmd: ['run-nginx'] },
      metadata: { fly_process_group: 'app' },
      services: [
        {
          protocol: 'tcp',
          internal_port: 8080,
          ports: [
            { port: 80, handlers: ['http'] },
            { port: 443, handlers: ['http', 'tls'] }
          ]
        },
        { protocol: 'tcp', internal_port: 1111 }
      ],
      checks: { listening: { port: 8080, type: 'tcp' } }
    })
    expect(g.vpn).toMatchObject({
      init: { cmd: ['run-tailscale'] },
      services: [
        { protocol: 'udp', internal_port: 9999 },
        { protocol: 'tcp', internal_port: 1111 }
      ]
    })
    expect(g.vpn!.checks).toBeUndefined()
    expect(g.foo).toMatchObject({
      init: { cmd: ['keep', 'me', 'alive'] },
      services: [{ protocol: 'tcp', internal_port: 1111 }],
      checks: { listening: { port: 8080, type: 'tcp' } }
    })
    expect(g.app!.mounts).toEqual([{ name: 'foo', path: 'bar' }])
    expect(g.foo!.mounts).toBeUndefined()
  })

  test('tomachine-schedules.toml: cmd and schedule per group (TestToMachineConfig_schedules)', () => {
    const g = groups(config('tomachine-schedules.toml'))
    expect(
      Object.entries(g).map(([name, m]) => [
        name,
        m.init?.cmd,
        m.schedule,
        m.metadata?.fly_process_group
      ])
    ).toEqual([
      ['app', ['run-app'], undefined, 'app'],
      ['backups', ['backup-data'], 'hourly', 'backups'],
      ['certs', ['renew-certs'], 'weekly', 'certs']
    ])
  })

  test('tomachine-default-for-new-apps.toml: a check without port takes http_service.internal_port (TestToMachineConfig_defaultV2flytoml)', () => {
    const c = config('tomachine-default-for-new-apps.toml')
    expect(groups(c)).toEqual({
      app: {
        image: 'registry.fly.io/foo@sha256:abc',
        env: { PRIMARY_REGION: 'ord', FLY_PROCESS_GROUP: 'app' },
        init: {},
        services: [{ protocol: 'tcp', internal_port: 8080, ports: httpPorts }],
        metadata: metadata('app'),
        checks: {
          alive: {
            port: 8080,
            type: 'tcp',
            interval: '15s',
            timeout: '2s',
            grace_period: '5s'
          }
        }
      }
    })
    // Without an http_service to take the port from, the check is an error.
    const { http_service: _, ...noHttp } = c
    const r = toMachineConfigs(noHttp as AppConfig, OPTS)
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        key: 'checks.alive.port',
        summary: expect.stringContaining('has no port set'),
        line: 9,
        file: 'tomachine-default-for-new-apps.toml'
      })
    ])
  })

  test('tomachine-mounts.toml (inline): each group gets its own mount, others none (TestToReleaseMachineConfig_processGroupsAndMounts)', () => {
    const c = config(
      [
        '[processes]',
        'app = ""',
        'back = ""',
        'hola = ""',
        '[[mounts]]',
        'source = "data"',
        'destination = "/data"',
        'processes = ["app"]',
        '[[mounts]]',
        'source = "trash"',
        'destination = "/trash"',
        'processes = ["back"]'
      ].join('\n')
    )
    const g = groups(c)
    expect(g.app!.mounts).toEqual([{ name: 'data', path: '/data' }])
    expect(g.back!.mounts).toEqual([{ name: 'trash', path: '/trash' }])
    expect(g.hola!.mounts).toBeUndefined()
  })

  test('tomachine-services.toml: autostart/autostop as fly-go sends them (TestToMachineConfig_services)', () => {
    expect(groups(config('tomachine-services.toml')).app!.services).toEqual([
      {
        protocol: 'tcp',
        internal_port: 8080,
        autostart: true,
        autostop: true,
        ports: httpPorts
      },
      { protocol: 'tcp', internal_port: 1000, autostart: true, autostop: true },
      {
        protocol: 'tcp',
        internal_port: 1001,
        autostart: false,
        autostop: false
      },
      { protocol: 'tcp', internal_port: 1002, autostart: false },
      { protocol: 'tcp', internal_port: 1003, autostop: true },
      { protocol: 'tcp', internal_port: 1004 }
    ])
  })

  const compute = [
    { group: 'app', guest: { cpu_kind: 'shared', cpus: 2, memory_mb: 512 } },
    { group: 'worker', guest: { cpu_kind: 'shared', cpus: 2, memory_mb: 512 } },
    {
      group: 'whisper',
      guest: {
        cpu_kind: 'performance',
        cpus: 8,
        memory_mb: 65536,
        gpu_kind: 'a100-pcie-40gb'
      }
    },
    {
      group: 'isolated',
      guest: {
        cpu_kind: 'shared',
        cpus: 1,
        memory_mb: 256,
        host_dedication_id: 'lookma-iamsolo'
      }
    }
  ]
  for (const c of compute) {
    test(`tomachine-compute.toml: ${c.group} guest (TestToMachineConfig_compute)`, () => {
      expect(groups(config('tomachine-compute.toml'))[c.group]!.guest).toEqual(
        c.guest
      )
    })
  }

  test('tomachine-compute-nodefault.toml: no guest unless a [[compute]] applies (TestToMachineConfig_compute_none)', () => {
    const g = groups(config('tomachine-compute-nodefault.toml'))
    expect(g.app!.guest).toBeUndefined()
    expect(g.woo!.guest).toBeUndefined()
    expect(g.bar!.guest).toEqual({
      cpu_kind: 'performance',
      cpus: 4,
      memory_mb: 8192
    })
  })

  test('tomachine-hostdedicationid.toml: the section id beats the top-level one (TestToMachineConfig_hostdedicationid)', () => {
    const g = groups(config('tomachine-hostdedicationid.toml'))
    expect(g.front!.guest).toBeUndefined()
    expect(g.back!.guest).toEqual({
      cpu_kind: 'shared',
      cpus: 1,
      memory_mb: 256,
      host_dedication_id: 'specific'
    })
    expect(g.other!.guest).toEqual({
      cpu_kind: 'shared',
      cpus: 4,
      memory_mb: 1024,
      host_dedication_id: 'toplevel'
    })
  })

  test('full-reference.toml: per-group metrics, restart, files, and the [[vm]] without processes', () => {
    const c = config('full-reference.toml')
    const r = toMachineConfigs(c, {
      ...OPTS,
      localFiles: { '/local/path/config.yaml': 'Y29uZmln' }
    })
    expect(r.diagnostics).toEqual([])
    const { cron, web } = r.groups
    // "cron" is the default group (no "app"): unscoped sections land there.
    expect(cron!.mounts).toEqual([{ name: 'data', path: '/data' }])
    expect(cron!.metrics).toEqual({ port: 9999, path: '/metrics' })
    expect(cron!.schedule).toBe('hourly')
    expect(cron!.checks?.status).toEqual({
      type: 'http',
      port: 2020,
      interval: '10s',
      timeout: '2s',
      grace_period: '27s',
      method: 'GET',
      path: '/status',
      protocol: 'https',
      tls_skip_verify: true,
      tls_server_name: 'sni3.com',
      headers: [
        { name: 'Authorization', values: ['super-duper-secret'] },
        { name: 'Content-Type', values: ['application/json'] }
      ]
    })
    expect(web!.metrics).toEqual({ port: 9998, path: '/metrics' })
    expect(web!.restart).toEqual({ policy: 'always', max_retries: 3 })
    expect(web!.guest).toEqual({
      cpu_kind: 'shared',
      cpus: 1,
      memory_mb: 4096,
      host_dedication_id: '06031957'
    })
    expect(web!.init).toEqual({
      cmd: ['run', 'web'],
      entrypoint: ['entrypoint'],
      exec: ['exec'],
      swap_size_mb: 512
    })
    // Files follow `processes` like every other section; raw_value is base64-encoded once more, as flyctl does.
    expect(web!.files).toEqual([
      { guest_path: '/path/to/config.yaml', raw_value: 'Y29uZmln' }
    ])
    expect(cron!.files).toEqual([
      {
        guest_path: '/path/to/hello.txt',
        raw_value: 'YUdWc2JHOGdkMjl5YkdRSw=='
      },
      { guest_path: '/path/to/secret.txt', secret_name: 'SUPER_SECRET' }
    ])
    // No service applies: http_service and [[services]] name other groups.
    expect(web!.services).toBeUndefined()
  })

  test('a local_path file without its contents is an error pointing at the key', () => {
    const r = toMachineConfigs(config('full-reference.toml'), OPTS)
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        code: 'missing-file-content',
        key: 'files[2].local_path',
        line: 120,
        file: 'full-reference.toml'
      })
    ])
  })

  test('service checks: tcp first, then http with sorted headers; http_service checks on its service', () => {
    const c = config(
      [
        '[http_service]',
        'internal_port = 8080',
        'auto_stop_machines = "suspend"',
        'min_machines_running = 1',
        '[[http_service.checks]]',
        'interval = 15000',
        'path = "/health"',
        '[http_service.checks.headers]',
        'X-B = "2"',
        'X-A = "1"',
        '[[services]]',
        'internal_port = 5432',
        'protocol = "tcp"',
        '[[services.ports]]',
        'port = 5432',
        '[[services.http_checks]]',
        'path = "/ready"',
        'method = "get"',
        '[[services.tcp_checks]]',
        'grace_period = "5s"'
      ].join('\n')
    )
    const [web, db] = groups(c).app!.services!
    expect(web).toEqual({
      protocol: 'tcp',
      internal_port: 8080,
      autostop: 'suspend',
      min_machines_running: 1,
      ports: [
        { port: 80, handlers: ['http'] },
        { port: 443, handlers: ['http', 'tls'] }
      ],
      checks: [
        {
          type: 'http',
          interval: '15s',
          path: '/health',
          headers: [
            { name: 'X-A', values: ['1'] },
            { name: 'X-B', values: ['2'] }
          ]
        }
      ]
    })
    // Service check methods are sent as written; only top-level ones are upper-cased.
    expect(db!.checks).toEqual([
      { type: 'tcp', grace_period: '5s' },
      { type: 'http', path: '/ready', method: 'get' }
    ])
  })

  test('[[files]]: a later entry for the same path replaces, an empty one removes (fly-go MergeFiles)', () => {
    const c = config(
      [
        '[[files]]',
        'guest_path = "/a"',
        'raw_value = "one"',
        '[[files]]',
        'guest_path = "/a"',
        'secret_name = "TWO"',
        '[[files]]',
        'guest_path = "/b"',
        'raw_value = "x"',
        '[[files]]',
        'guest_path = "/b"',
        'raw_value = ""'
      ].join('\n')
    )
    expect(groups(c).app!.files).toEqual([
      { guest_path: '/a', secret_name: 'TWO' }
    ])
  })

  test('[[vm]] sizing: memory as text, memory_mb wins, invalid size and zero memory are errors', () => {
    const ok = config(
      '[[vm]]\nsize = "performance-2x"\nmemory = "16gb"\n[[vm]]\nprocesses = ["x"]\n'
    )
    expect(groups(ok).app!.guest).toEqual({
      cpu_kind: 'performance',
      cpus: 2,
      memory_mb: 16384
    })
    const bad = parseFlyToml(
      '[processes]\na = ""\nb = ""\n[[vm]]\nsize = "shared-cpu-3x"\nprocesses = ["a"]\n[[vm]]\nmemory = "0"\nprocesses = ["b"]\n',
      'fly.toml'
    )
    expect(bad.diagnostics.filter((d) => d.severity === 'error')).toEqual([
      expect.objectContaining({
        key: 'vm[0].size',
        line: 5,
        summary: expect.stringContaining(
          "'shared-cpu-3x' is an invalid machine size, choose one of: [shared-cpu-1x"
        )
      }),
      expect.objectContaining({
        key: 'vm[1].memory',
        line: 8,
        summary: 'memory cannot be zero'
      })
    ])
  })

  test('[[restart]] "never" is the API\'s "no"; [mounts] auto-extend becomes mount sizes', () => {
    const c = config(
      [
        '[[restart]]',
        'policy = "never"',
        '[[mounts]]',
        'source = "data"',
        'destination = "/data"',
        'auto_extend_size_threshold = 80',
        'auto_extend_size_increment = "1GB"',
        'auto_extend_size_limit = "10GB"'
      ].join('\n')
    )
    const app = groups(c).app!
    expect(app.restart).toEqual({ policy: 'no' })
    expect(app.mounts).toEqual([
      {
        name: 'data',
        path: '/data',
        extend_threshold_percent: 80,
        add_size_gb: 1,
        size_gb_limit: 10
      }
    ])
  })

  test('a hand-built config without positions still gets keys in its diagnostics', () => {
    const c: AppConfig = {
      ...config('app = "x"\n'),
      checks: { nope: { type: 'icmp', processes: [] } },
      vm: [{ size: 'huge', processes: [] }]
    }
    const r = toMachineConfigs(c, OPTS)
    expect(r.diagnostics.map((d) => [d.key, d.line, d.file])).toEqual([
      ['vm.size', undefined, undefined],
      ['checks.nope.type', undefined, undefined]
    ])
  })
})

describe('toReleaseCommandConfig as flyctl ToReleaseMachineConfig (machines_test.go)', () => {
  test('tomachine.toml (TestToReleaseMachineConfig), with the guest flyctl infers for a new app', () => {
    expect(toReleaseCommandConfig(config('tomachine.toml'), OPTS)).toEqual({
      config: {
        image: 'registry.fly.io/foo@sha256:abc',
        init: { cmd: ['migrate-db'], swap_size_mb: 512 },
        env: {
          FOO: 'BAR',
          PRIMARY_REGION: 'mia',
          RELEASE_COMMAND: '1',
          FLY_PROCESS_GROUP: 'fly_app_release_command'
        },
        metadata: metadata('fly_app_release_command'),
        auto_destroy: true,
        restart: { policy: 'no' },
        dns: { skip_registration: true },
        stop_config: { timeout: '10s', signal: 'SIGTERM' },
        guest: { cpu_kind: 'shared', cpus: 2, memory_mb: 512 }
      },
      diagnostics: []
    })
  })

  test("release_command_vm, or the caller's guest, sizes the machine; entrypoint comes from [experimental]", () => {
    const c = config(
      '[experimental]\nentrypoint = ["/tini", "--"]\n[deploy]\nrelease_command = "bin/rails db:migrate"\n[deploy.release_command_vm]\nsize = "performance-2x"\nmemory = "8g"\n'
    )
    const r = toReleaseCommandConfig(c, OPTS)
    expect(r.config?.init).toEqual({
      cmd: ['bin/rails', 'db:migrate'],
      entrypoint: ['/tini', '--']
    })
    expect(r.config?.guest).toEqual({
      cpu_kind: 'performance',
      cpus: 2,
      memory_mb: 8192
    })
    const noVm = config('[deploy]\nrelease_command = "migrate"\n')
    const guest = { cpu_kind: 'performance', cpus: 4, memory_mb: 8192 }
    expect(
      toReleaseCommandConfig(noVm, { ...OPTS, guest }).config?.guest
    ).toEqual(guest)
  })

  test('no release_command gives no config; an unsplittable one an error', () => {
    expect(toReleaseCommandConfig(config('app = "x"\n'), OPTS)).toEqual({
      diagnostics: []
    })
    const bad = parseFlyToml(
      '[deploy]\nrelease_command = "sh -c \'oops"\n',
      'fly.toml'
    )
    expect(bad.diagnostics).toEqual([
      expect.objectContaining({
        key: 'deploy.release_command',
        line: 2,
        severity: 'error'
      })
    ])
    const r = toReleaseCommandConfig(bad.config!, OPTS)
    expect(r.config).toBeUndefined()
    expect(r.diagnostics[0]).toMatchObject({
      key: 'deploy.release_command',
      line: 2
    })
  })
})

describe('deploySettings', () => {
  // Rows mirror the worked examples on deploySettings.
  const cases = [
    {
      toml: 'app = "x"\n',
      want: {
        strategy: 'rolling',
        maxUnavailable: 0.33,
        waitTimeoutMs: 300000,
        releaseCommandTimeoutMs: 300000
      }
    },
    {
      toml: '[deploy]\nstrategy = "canary"\nwait_timeout = "10m"\n',
      want: {
        strategy: 'canary',
        maxUnavailable: 0.33,
        waitTimeoutMs: 600000,
        releaseCommandTimeoutMs: 300000
      }
    },
    {
      toml: '[deploy]\nrelease_command = "bin/rails db:migrate"\nrelease_command_timeout = "90s"\nmax_unavailable = 2\nseed_command = "bin/seed"\n',
      want: {
        strategy: 'rolling',
        maxUnavailable: 2,
        waitTimeoutMs: 300000,
        releaseCommand: 'bin/rails db:migrate',
        releaseCommandArgv: ['bin/rails', 'db:migrate'],
        releaseCommandTimeoutMs: 90000,
        seedCommand: 'bin/seed'
      }
    }
  ]
  for (const c of cases) {
    test(JSON.stringify(c.toml), () => {
      expect(deploySettings(config(c.toml))).toEqual(c.want)
    })
  }

  test('an integer wait_timeout is nanoseconds to flyctl, and we warn', () => {
    const r = parseFlyToml('[deploy]\nwait_timeout = 600\n', 'fly.toml')
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'ambiguous-duration',
        key: 'deploy.wait_timeout',
        line: 2
      })
    ])
    expect(r.config?.deploy?.wait_timeout).toBe('600ns')
    expect(deploySettings(r.config!).waitTimeoutMs).toBe(0)
  })
})
