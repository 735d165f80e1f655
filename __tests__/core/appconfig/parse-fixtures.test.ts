import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import type { Diagnostic } from '../../../src/core/diagnostics.js'
import {
  defaultProcessName,
  parseFlyToml,
  processNames,
  type AppConfig,
  type ParseResult
} from '../../../src/core/appconfig/index.js'

// flyctl's own fixtures (__fixtures__/fly/README.md); each case names the
// Go test whose assertions it repeats.
const DIR = '__fixtures__/fly/appconfig'

function load(name: string, extra = ''): ParseResult {
  return parseFlyToml(readFileSync(`${DIR}/${name}`, 'utf8') + extra, name)
}

function parsed(name: string): AppConfig {
  const r = load(name)
  expect(r.config).toBeDefined()
  return r.config!
}

const errors = (r: ParseResult): Diagnostic[] =>
  r.diagnostics.filter((d) => d.severity === 'error')
const summaries = (ds: Diagnostic[]): string =>
  ds.map((d) => d.summary).join('\n')

describe('flyctl fixtures read as flyctl reads them (serde_test.go)', () => {
  test('app-name.toml: the app name (TestLoadTOMLAppConfigWithAppName)', () => {
    const r = load('app-name.toml')
    expect(r.config?.app).toBe('test-app')
    expect(r.diagnostics).toEqual([])
  })

  test('services-emptysection.toml: a [[services]] without keys is dropped (TestLoadTOMLAppConfigWithEmptyService)', () => {
    const r = load('services-emptysection.toml')
    expect(r.config?.services).toEqual([])
    expect(r.diagnostics).toEqual([])
  })

  test('services-ports.toml: port http_options and response headers of any type (TestLoadTOMLAppConfigServicePorts)', () => {
    // The copied revision predates the tls_options and the port-82
    // proxy_proto entry the newest test also asserts.
    const r = load('services-ports.toml')
    expect(r.config?.services).toEqual([
      {
        protocol: 'tcp',
        internal_port: 8080,
        ports: [
          {
            port: 80,
            http_options: {
              compress: true,
              response: {
                headers: {
                  'fly-request-id': false,
                  'fly-wasnt-here': 'yes, it was',
                  'multi-valued': ['value1', 'value2']
                }
              }
            }
          }
        ],
        tcp_checks: [],
        http_checks: [],
        machine_checks: [],
        processes: []
      }
    ])
    expect(errors(r)).toEqual([])
  })

  test('always-invalid-v2.toml: an integer concurrency is refused, the app name still read (TestLoadTOMLAppConfigInvalidV2)', () => {
    const r = load('always-invalid-v2.toml')
    expect(r.config?.app).toBe('unsupported-format')
    expect(errors(r)).toEqual([
      expect.objectContaining({
        code: 'wrong-type',
        key: 'services[0].concurrency',
        line: 25,
        file: 'always-invalid-v2.toml'
      })
    ])
    expect(errors(r)[0]!.summary).toContain(
      'must be a table, not an integer 20'
    )
  })

  test('experimental-alt.toml: string cmd/exec/entrypoint, kill_timeout and metrics_* move out (TestLoadTOMLAppConfigExperimental)', () => {
    const c = parsed('experimental-alt.toml')
    expect(c.app).toBe('foo')
    expect(c.kill_timeout).toBe('3s')
    expect(c.metrics).toEqual([{ path: '/foo', port: 9000, processes: [] }])
    expect(c.experimental).toEqual({
      cmd: ['cmd'],
      entrypoint: ['entrypoint'],
      exec: ['exec']
    })
  })

  test('format-quirks.toml: [vm] table with integer memory, singular [mount] with integer size (TestLoadTOMLAppConfigFormatQuirks)', () => {
    const c = parsed('format-quirks.toml')
    expect(c.vm).toEqual([{ memory: '512', processes: [] }])
    expect(c.mounts).toEqual([
      {
        source: 'data',
        destination: '/data',
        initial_size: '200',
        snapshot_retention: 10,
        processes: []
      }
    ])
  })

  test('env-list.toml: [[env]] tables merge, values become strings (TestLoadTOMLAppConfigEnvList)', () => {
    expect(parsed('env-list.toml').env).toEqual({
      FOO: 'BAR',
      TWO: '2',
      TRUE: 'true'
    })
  })

  test('old-format.toml: v1 services, "soft,hard" concurrency, millisecond checks, [mount] (TestLoadTOMLAppConfigOldFormat)', () => {
    // The copied revision predates the experimental metrics and check
    // headers the newest test also asserts.
    const r = load('old-format.toml')
    const c = r.config!
    expect(c.app).toBe('foo')
    expect(c.build).toEqual({ 'build-target': 'thalayer' })
    expect(c.env).toEqual({ FOO: 'STRING', BAR: '123' })
    expect(c.mounts).toEqual([
      { source: 'data', destination: '/data', processes: [] }
    ])
    expect(c.processes).toEqual({})
    expect(c.experimental).toBeUndefined()
    expect(c.services).toEqual([
      {
        internal_port: 8080,
        ports: [{ port: 80, handlers: ['http'] }],
        concurrency: { type: 'requests', hard_limit: 23, soft_limit: 12 },
        tcp_checks: [
          { interval: '10s', timeout: '2s' },
          { interval: '20s', timeout: '3s' }
        ],
        http_checks: [
          { interval: '30s', timeout: '4s' },
          { interval: '20s', timeout: '3s' }
        ],
        machine_checks: [],
        processes: []
      }
    ])
    // flyctl converts the stringified ports; we say so, but accept them.
    expect(errors(r)).toEqual([])
    expect(r.diagnostics.map((d) => d.key)).toEqual([
      'services[0].internal_port',
      'services[0].ports[0].port'
    ])
  })

  test('full-reference.toml: every section flyctl reads (TestLoadTOMLAppConfigReferenceFormat)', () => {
    // The copied revision has [schedules] and a third process "cron"; the
    // newest test adds release_command_timeout and release_command_vm.
    const r = load('full-reference.toml')
    const c = r.config!
    expect(c).toMatchObject({
      app: 'foo',
      kill_signal: 'SIGTERM',
      kill_timeout: '3s',
      swap_size_mb: 512,
      primary_region: 'sea',
      console_command: '/bin/bash',
      host_dedication_id: '06031957'
    })
    expect(c.vm).toEqual([
      {
        size: 'shared-cpu-1x',
        memory: '8gb',
        cpu_kind: 'performance',
        cpus: 8,
        memory_mb: 8192,
        gpus: 2,
        gpu_kind: 'a100-pcie-40gb',
        host_dedication_id: 'isolated-xxx',
        kernel_args: ['quiet'],
        processes: ['app']
      },
      { memory_mb: 4096, processes: [] }
    ])
    expect(c.experimental).toEqual({
      cmd: ['cmd'],
      entrypoint: ['entrypoint'],
      exec: ['exec'],
      auto_rollback: true,
      enable_consul: true,
      enable_etcd: true
    })
    expect(c.restart).toEqual([
      { policy: 'always', retries: 3, processes: ['web'] }
    ])
    expect(c.build).toEqual({
      builder: 'dockerfile',
      image: 'foo/fighter',
      builtin: 'whatisthis',
      dockerfile: 'Dockerfile',
      ignorefile: '.gitignore',
      'build-target': 'target',
      buildpacks: ['packme', 'well'],
      settings: { foo: 'bar', other: 2 },
      args: { param1: 'value1', param2: 'value2' }
    })
    expect(c.deploy).toEqual({
      strategy: 'rolling-eyes',
      max_unavailable: 0.2,
      release_command: 'release command'
    })
    expect(c.env).toEqual({ FOO: 'BAR' })
    expect(c.metrics).toEqual([
      { port: 9999, path: '/metrics', processes: [] },
      { port: 9998, path: '/metrics', processes: ['web'] }
    ])
    const machineCheck = {
      command: ['curl', 'https://fly.io'],
      entrypoint: ['/bin/sh'],
      image: 'curlimages/curl',
      kill_signal: 'SIGKILL',
      kill_timeout: '5s'
    }
    expect(c.http_service).toEqual({
      internal_port: 8080,
      force_https: true,
      auto_start_machines: false,
      auto_stop_machines: 'off',
      min_machines_running: 0,
      processes: [],
      concurrency: { type: 'donuts', hard_limit: 10, soft_limit: 4 },
      tls_options: {
        alpn: ['h2', 'http/1.1'],
        versions: ['TLSv1.2', 'TLSv1.3'],
        default_self_signed: false
      },
      http_options: {
        compress: true,
        idle_timeout: 600,
        response: {
          headers: {
            'fly-request-id': false,
            'fly-wasnt-here': 'yes, it was',
            'multi-valued': ['value1', 'value2']
          }
        }
      },
      checks: [
        {
          interval: '1m21s', // written "1m21s"; flyctl's test compares with "81s"
          timeout: '7s',
          grace_period: '2s',
          method: 'GET',
          path: '/',
          protocol: 'https',
          tls_skip_verify: true,
          tls_server_name: 'sni2.com',
          headers: { 'My-Custom-Header': 'whatever' }
        }
      ],
      machine_checks: [machineCheck]
    })
    expect(c.machine_checks).toEqual([machineCheck])
    expect(c.statics).toEqual([
      {
        guest_path: '/path/to/statics',
        url_prefix: '/static-assets',
        tigris_bucket: 'example-bucket',
        index_document: 'index.html'
      }
    ])
    expect(c.files).toEqual([
      {
        guest_path: '/path/to/hello.txt',
        raw_value: 'aGVsbG8gd29ybGQK',
        processes: []
      },
      {
        guest_path: '/path/to/secret.txt',
        secret_name: 'SUPER_SECRET',
        processes: []
      },
      {
        guest_path: '/path/to/config.yaml',
        local_path: '/local/path/config.yaml',
        processes: ['web']
      }
    ])
    expect(c.mounts).toEqual([
      {
        source: 'data',
        destination: '/data',
        initial_size: '30gb',
        snapshot_retention: 17,
        processes: []
      }
    ])
    expect(c.processes).toEqual({
      web: ['run', 'web'],
      task: ['task', 'all', 'day'],
      cron: ['run', 'jobs']
    })
    expect(c.schedules).toEqual({ cron: 'hourly' })
    expect(c.checks).toEqual({
      status: {
        port: 2020,
        type: 'http',
        interval: '10s',
        timeout: '2s',
        grace_period: '27s',
        method: 'GET',
        path: '/status',
        protocol: 'https',
        tls_skip_verify: true,
        tls_server_name: 'sni3.com',
        headers: {
          'Content-Type': 'application/json',
          Authorization: 'super-duper-secret'
        },
        processes: []
      }
    })
    expect(c.services).toEqual([
      {
        internal_port: 8081,
        protocol: 'tcp',
        processes: ['app'],
        auto_start_machines: false,
        auto_stop_machines: 'off',
        min_machines_running: 1,
        concurrency: { type: 'requests', hard_limit: 22, soft_limit: 13 },
        ports: [
          {
            port: 80,
            start_port: 100,
            end_port: 200,
            handlers: ['https'],
            force_https: true,
            http_options: { idle_timeout: 600 }
          }
        ],
        tcp_checks: [{ interval: '21s', timeout: '4s', grace_period: '1s' }],
        http_checks: [
          {
            interval: '1m21s',
            timeout: '7s',
            grace_period: '2s',
            method: 'GET',
            path: '/',
            protocol: 'https',
            tls_skip_verify: true,
            tls_server_name: 'sni.com',
            headers: { 'My-Custom-Header': 'whatever' }
          },
          { interval: '33s', timeout: '10s', method: 'POST', path: '/check2' }
        ],
        machine_checks: [machineCheck]
      }
    ])
    // The fixture exercises parsing, not validity: `fly config validate`
    // refuses it too (unknown strategy, services for the undefined group "app").
    expect(errors(r).map((d) => d.key)).toEqual([
      'deploy.strategy',
      'http_service',
      'services[0].processes[0]'
    ])
  })

  test('setters-deploy.toml and setters-httpservice.toml (TestReleaseCommand_DeploySectionExists, TestSettersWithHTTPService)', () => {
    expect(parsed('setters-deploy.toml').deploy).toEqual({
      strategy: 'immediate'
    })
    expect(parsed('setters-httpservice.toml').http_service?.internal_port).toBe(
      9999
    )
  })

  test('compose.toml and compose-autodetect.toml: [build.compose] is accepted (newer flyctl)', () => {
    expect(parsed('compose.toml').build).toEqual({
      compose: { file: 'docker-compose.yml' }
    })
    expect(load('compose-autodetect.toml')).toMatchObject({
      config: { build: { compose: {} } },
      diagnostics: []
    })
  })
})

describe('inline inputs for flyctl fixtures not in the stored corpus (serde_test.go, definition_test.go)', () => {
  const cases: { test: string; toml: string; want: Partial<AppConfig> }[] = [
    {
      test: 'TestLoadTOMLAppConfigWithBuilderName (build.toml)',
      toml: 'app = "x"\n[build]\nbuilder = "builder/name"\n',
      want: { build: { builder: 'builder/name' } }
    },
    {
      test: 'TestLoadTOMLAppConfigWithImage (image.toml)',
      toml: '[build]\nimage = "image/name"\n',
      want: { build: { image: 'image/name' } }
    },
    {
      test: 'TestLoadTOMLAppConfigWithDockerfile (docker.toml)',
      toml: '[build]\ndockerfile = "./Dockerfile"\n',
      want: { build: { dockerfile: './Dockerfile' } }
    },
    {
      test: 'TestLoadTOMLAppConfigWithBuilderNameAndArgs (build-with-args.toml)',
      toml: '[build]\nbuilder = "b"\n[build.args]\nA = "B"\nC = "D"\n',
      want: { build: { builder: 'b', args: { A: 'B', C: 'D' } } }
    },
    {
      test: 'TestLoadTOMLAppConfigMountsArray (mounts-array.toml)',
      toml: 'app = "foo"\n[[mounts]]\nsource = "pg_data"\ndestination = "/data"\n',
      want: {
        mounts: [{ source: 'pg_data', destination: '/data', processes: [] }]
      }
    },
    {
      test: 'TestLoadTOMLAppConfigOldProcesses (old-processes.toml)',
      toml: '[[processes]]\nname = "web"\ncommand = "./web"\n[[processes]]\nname = "worker"\ncommand = "./worker"\n',
      want: { processes: { web: ['./web'], worker: ['./worker'] } }
    },
    {
      test: 'TestLoadTOMLAppConfigOldChecksFormat (old-pg-checks.toml)',
      toml: 'app = "foo"\n[checks.pg]\nport = 5500\ntype = "http"\npath = "/flycheck/pg"\n',
      want: {
        checks: {
          pg: { port: 5500, type: 'http', path: '/flycheck/pg', processes: [] }
        }
      }
    },
    {
      test: 'TestFromDefinitionChecksAsList',
      toml: '[[checks]]\nname = "pg"\nport = 80\ntype = "tcp"\n',
      want: { checks: { pg: { port: 80, type: 'tcp', processes: [] } } }
    },
    {
      test: 'TestFromDefinitionChecksAsEmptyList',
      toml: 'checks = []\n',
      want: { checks: {} }
    },
    {
      test: 'TestFromDefinitionKillTimeoutInteger',
      toml: 'kill_timeout = 20\n',
      want: { kill_timeout: '20s' }
    },
    {
      test: 'TestFromDefinitionKillTimeoutFloat',
      toml: 'kill_timeout = 1.5\n',
      want: { kill_timeout: '1s' }
    },
    {
      test: 'TestFromDefinitionKillTimeoutString',
      toml: 'kill_timeout = "10s"\n',
      want: { kill_timeout: '10s' }
    },
    {
      test: 'TestFromDefinition (restart as one table, http_checks = [])',
      toml: '[restart]\npolicy = "always"\nretries = 3\nprocesses = ["app"]\n[[services]]\ninternal_port = 8080\nprotocol = "tcp"\nhttp_checks = []\n[[services.ports]]\nport = 80\n',
      want: { restart: [{ policy: 'always', retries: 3, processes: ['app'] }] }
    }
  ]
  for (const c of cases) {
    test(c.test, () => {
      const r = parseFlyToml(c.toml, 'fly.toml')
      expect(r.config).toMatchObject(c.want)
      expect(errors(r)).toEqual([])
    })
  }

  test('TestLoadTOMLAppConfigServiceMulti (services-multi.toml)', () => {
    const r = parseFlyToml(
      [
        '[[services]]',
        'internal_port = 8081',
        'protocol = "tcp"',
        '[services.concurrency]',
        'type = "requests"',
        'hard_limit = 22',
        'soft_limit = 13',
        '[[services]]',
        'internal_port = 9999',
        'protocol = "tcp"',
        '[services.concurrency]',
        'type = "connections"',
        'hard_limit = 10',
        'soft_limit = 8'
      ].join('\n'),
      'fly.toml'
    )
    expect(
      r.config?.services.map((s) => [s.internal_port, s.concurrency])
    ).toEqual([
      [8081, { type: 'requests', hard_limit: 22, soft_limit: 13 }],
      [9999, { type: 'connections', hard_limit: 10, soft_limit: 8 }]
    ])
  })
})

describe('process groups (processgroups_test.go TestProcessNames)', () => {
  const cases = [
    { name: 'processes-none.toml', defaultName: 'app', names: ['app'] },
    {
      name: 'processes-multi.toml',
      defaultName: 'bar',
      names: ['bar', 'foo', 'zzz']
    }
  ]
  for (const c of cases) {
    test(`${c.name}: default ${c.defaultName}, groups ${c.names.join(', ')}`, () => {
      const config = parsed(c.name)
      expect(defaultProcessName(config)).toBe(c.defaultName)
      expect(processNames(config)).toEqual(c.names)
    })
  }
  test('processes-one.toml / processes-multiwithapp.toml (inline): "web" alone; "app" wins over sort order', () => {
    const one = parseFlyToml('[processes]\nweb = "./web"\n', 'fly.toml').config!
    expect([defaultProcessName(one), processNames(one)]).toEqual([
      'web',
      ['web']
    ])
    const withApp = parseFlyToml(
      '[processes]\nbbb = ""\nass = ""\napp = ""\nabc = ""\naaa = ""\n',
      'fly.toml'
    ).config!
    expect(defaultProcessName(withApp)).toBe('app')
    expect(processNames(withApp)).toEqual(['aaa', 'abc', 'app', 'ass', 'bbb'])
  })
})

describe('validation as flyctl validates (validation_test.go)', () => {
  test('validategroups.toml + canary: not with mounted volumes (TestConfig_ValidateGroups)', () => {
    const r = load('validategroups.toml', '\n[deploy]\nstrategy = "canary"\n')
    expect(summaries(errors(r))).toContain(
      'canary deployment strategy is not supported when using mounted volumes'
    )
    expect(errors(r)).toHaveLength(1)
  })

  test('validate-mounts.toml: size under 1GB, unparseable size, two mounts for one group (TestConfig_ValidateMounts)', () => {
    const r = load('validate-mounts.toml')
    expect(errors(r)).toEqual([
      expect.objectContaining({
        code: 'mounts-per-group',
        summary: "group 'app' has more than one [[mounts]] section defined",
        key: 'mounts[3]',
        line: 26
      }),
      expect.objectContaining({
        summary:
          "mount 'data' has an initial_size '15Mb' value which is smaller than 1GB",
        key: 'mounts[0].initial_size',
        line: 12
      }),
      expect.objectContaining({
        summary: expect.stringContaining(
          "initial_size 'unparseable' will fail because of"
        ),
        key: 'mounts[1].initial_size',
        line: 18
      })
    ])
  })

  test('validate-services.toml: a service without processes when groups exist; a service without ports (TestConfig_ValidateServices)', () => {
    const r = load('validate-services.toml')
    expect(errors(r)).toEqual([
      expect.objectContaining({
        code: 'unknown-process',
        key: 'services[0]',
        line: 12
      })
    ])
    expect(errors(r)[0]!.summary).toContain('service has no processes set')
    expect(r.diagnostics).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        summary: 'service must expose at least one port',
        key: 'services[0]'
      })
    )
  })

  const checks = [
    { name: 'validation-checks.toml', errors: 0 },
    { name: 'validation-checks-invalid.toml', errors: 1 }
  ]
  for (const c of checks) {
    test(`${c.name}: ${c.errors} error(s) (TestValidateChecksSection)`, () => {
      expect(errors(load(c.name))).toHaveLength(c.errors)
    })
  }
  test('validation-checks-invalid.toml names the 2 s minimum interval', () => {
    expect(errors(load('validation-checks-invalid.toml'))[0]).toMatchObject({
      summary:
        "check 'test_http_check' interval is too short: 1s, minimum is 2 seconds",
      key: 'checks.test_http_check.interval',
      line: 6
    })
  })

  const services = [
    { name: 'validation-services-0.toml', ok: true },
    { name: 'validation-services-1.toml', ok: true },
    { name: 'validation-services-2.toml', ok: true },
    { name: 'validation-services-3.toml', ok: true },
    { name: 'validation-services-2-multi-processes.toml', ok: true },
    { name: 'validation-services-2-duplicate.toml', ok: false },
    // flyctl PR #3522 (duplicate service definitions)
    { name: 'validate-duplicate-services.toml', ok: false },
    { name: 'validate-duplicate-services-diff-processgroup.toml', ok: true }
  ]
  for (const c of services) {
    test(`${c.name}: ${c.ok ? 'valid' : 'duplicate services'} (TestValidateServicesSection)`, () => {
      const errs = errors(load(c.name))
      if (c.ok) expect(errs).toEqual([])
      else {
        expect(errs).toHaveLength(1)
        expect(errs[0]).toMatchObject({ code: 'duplicate-service' })
        expect(errs[0]!.summary).toMatch(
          /service \[tcp-(8080|1738)\] has 2 duplicate definitions/
        )
      }
    })
  }

  test('an unclosed quote in [processes] or console_command (TestValidateProcessesSection, TestValidateConsoleCommand)', () => {
    const r = parseFlyToml(
      'console_command = "bash \\"unclosed"\n[processes]\ntest = "bash \\"unclosed"\nok = "bash"\n',
      'fly.toml'
    )
    expect(errors(r).map((d) => [d.key, d.line])).toEqual([
      ['processes.test', 3],
      ['console_command', 1]
    ])
  })

  test('services-processes.toml: processes = "web" is a string, not a list', () => {
    const r = load('services-processes.toml')
    expect(errors(r)[0]).toMatchObject({
      code: 'wrong-type',
      key: 'http_service.processes',
      line: 9,
      summary:
        '"processes" in [http_service] must be an array of strings, not a string "web"',
      detail: 'write processes = ["web"]'
    })
  })
})
