import { describe, expect, test } from 'vitest'
import {
  formatDiagnostic,
  type Diagnostic
} from '../../../src/core/diagnostics.js'
import { locateKeys, parseFlyToml } from '../../../src/core/appconfig/index.js'

const lines = (...l: string[]): string => l.join('\n') + '\n'

function diags(text: string): Diagnostic[] {
  return parseFlyToml(text, 'fly.toml').diagnostics
}

/** only returns the diagnostics with `code`. */
function only(text: string, code: string): Diagnostic[] {
  return diags(text).filter((d) => d.code === code)
}

describe('positions: every diagnostic about a key has file, line and key', () => {
  const cases = [
    {
      name: 'a table header',
      text: lines(
        'app = "x"',
        '',
        '[http_service]',
        '  internal_port = 8080',
        '  auto_machine_start = true'
      ),
      key: 'http_service.auto_machine_start',
      line: 5
    },
    {
      name: 'the second array-of-tables entry',
      text: lines(
        '[[services]]',
        '  internal_port = 8080',
        '  [[services.ports]]',
        '    port = 80',
        '[[services]]',
        '  internal_port = 9090',
        '  [[services.ports]]',
        '    port = 90',
        '  [[services.ports]]',
        '    port = 91',
        '    handler = ["tls"]'
      ),
      key: 'services[1].ports[1].handler',
      line: 11
    },
    {
      name: 'a dotted key',
      text: lines(
        '[http_service]',
        'internal_port = 8080',
        'concurrency.kind = "requests"'
      ),
      key: 'http_service.concurrency.kind',
      line: 3
    },
    {
      name: 'a key inside an inline table',
      text: lines(
        '[[services]]',
        'internal_port = 8080',
        'ports = [',
        '  { port = 80 },',
        '  { port = 443, handler = ["tls"] },',
        ']'
      ),
      key: 'services[0].ports[1].handler',
      line: 5
    },
    {
      name: 'a quoted key',
      text: lines('[experimental]', '"entrypont" = ["/tini"]'),
      key: 'experimental.entrypont',
      line: 2
    },
    {
      name: 'a key after a multi-line string that looks like a table',
      text: lines(
        '[deploy]',
        'release_command = """',
        '[not.a.table]',
        'x = 1',
        '"""',
        'stratgy = "rolling"'
      ),
      key: 'deploy.stratgy',
      line: 6
    },
    {
      name: 'a top-level check table',
      text: lines(
        '[checks]',
        '  [checks.web]',
        '    type = "http"',
        '    port = 8080',
        '    methd = "GET"'
      ),
      key: 'checks.web.methd',
      line: 5
    }
  ]
  for (const c of cases) {
    test(c.name, () => {
      const d = diags(c.text).find((x) => x.key === c.key)
      expect(d).toMatchObject({ file: 'fly.toml', line: c.line, key: c.key })
    })
  }

  test('locateKeys falls back to the nearest written ancestor', () => {
    const l = locateKeys(
      lines(
        '[http_service]',
        'internal_port = 8080',
        'tls_options = { alpn = ["h2"] }'
      )
    )
    expect(l.line('http_service.tls_options.alpn[0]')).toBe(3)
    expect(l.line(['http_service', 'nothing', 'here'])).toBe(1)
    expect(l.line('missing')).toBeUndefined()
  })

  test('a TOML syntax error is one error with its line, never a throw', () => {
    const r = parseFlyToml(
      lines(
        'app = "x"',
        '[http_service]',
        'internal_port = ',
        'force_https = true'
      ),
      'fly.toml'
    )
    expect(r.config).toBeUndefined()
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'toml-syntax',
        file: 'fly.toml',
        line: 3
      })
    ])
    expect(r.diagnostics[0]!.summary).toMatch(
      /^invalid TOML: unexpected character/
    )
  })

  test('a redefined table is a syntax error on the second definition', () => {
    const r = parseFlyToml(
      lines('[env]', 'A = "1"', '[env]', 'B = "2"'),
      'fly.toml'
    )
    expect(r.diagnostics).toMatchObject([{ code: 'toml-syntax', line: 3 }])
  })

  test('formatDiagnostic renders like a compiler', () => {
    const [d] = only(
      lines(
        '[http_service]',
        'internal_port = 8080',
        'auto_machine_start = true'
      ),
      'unknown-key'
    )
    expect(formatDiagnostic(d!)).toBe(
      'fly.toml:3: error: unknown key "auto_machine_start" in [http_service] (did you mean "auto_start_machines"?)'
    )
  })
})

describe('constructs copied from blog posts get an error saying what Fly accepts', () => {
  test('min_machines_running = { "sfo" = 1 }: one integer, not per region', () => {
    const d = only(
      lines(
        '[http_service]',
        'internal_port = 8080',
        'min_machines_running = { "sfo" = 1, "ams" = 2 }'
      ),
      'per-region-count'
    )
    expect(d).toEqual([
      expect.objectContaining({
        severity: 'error',
        key: 'http_service.min_machines_running',
        line: 3,
        summary:
          'min_machines_running in [http_service] is one integer for the whole service, not a per-region table'
      })
    ])
    expect(d[0]!.detail).toContain('counts:')
    expect(d[0]!.detail).toContain('fly scale count --region')
  })

  test('[services.http_checks] as a table under [[services]]: read as one check, with a warning naming [[…]]', () => {
    const r = parseFlyToml(
      lines(
        '[[services]]',
        'internal_port = 8080',
        '[[services.ports]]',
        'port = 443',
        '[services.http_checks]',
        'path = "/health"',
        'interval = "10s"'
      ),
      'fly.toml'
    )
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'table-not-array',
        key: 'services[0].http_checks',
        line: 5,
        detail:
          'write [[services.http_checks]] (double brackets), one per entry, so more can follow'
      })
    ])
    expect(r.config?.services[0]?.http_checks).toEqual([
      { path: '/health', interval: '10s' }
    ])
  })

  test('[services.http_checks] with no [[services]] at all: an error, the service has no port', () => {
    const r = parseFlyToml(
      lines(
        '[http_service]',
        'internal_port = 8080',
        '[services.http_checks]',
        'path = "/health"'
      ),
      'fly.toml'
    )
    const errors = r.diagnostics.filter((d) => d.severity === 'error')
    expect(errors).toEqual([
      expect.objectContaining({ code: 'missing-key', key: 'services', line: 3 })
    ])
    expect(errors[0]!.detail).toContain('[[http_service.checks]]')
  })

  test('[[services.cpu]]: CPU belongs in [[vm]]', () => {
    const d = only(
      lines(
        '[[services]]',
        'internal_port = 8080',
        '[[services.ports]]',
        'port = 80',
        '[[services.cpu]]',
        'kind = "shared"',
        'count = 2'
      ),
      'misplaced-key'
    )
    expect(d).toEqual([
      expect.objectContaining({
        severity: 'error',
        key: 'services[0].cpu',
        line: 5,
        summary:
          '"cpu" cannot be set on a service: CPU and memory belong in [[vm]]'
      })
    ])
  })

  test('memory in [http_service]: also [[vm]]', () => {
    expect(
      only(
        lines('[http_service]', 'internal_port = 8080', 'memory = "1gb"'),
        'misplaced-key'
      )
    ).toMatchObject([{ key: 'http_service.memory', line: 3 }])
  })

  test('[deploy] counts and [[vm]] count are rollout or scale matters', () => {
    const d = only(
      lines('[deploy]', 'counts = { iad = 2 }', '[[vm]]', 'count = 3'),
      'misplaced-key'
    )
    expect(d.map((x) => [x.key, x.line])).toEqual([
      ['deploy.counts', 2],
      ['vm[0].count', 4]
    ])
  })

  test('[[files]] and [[statics]] written as a single table are refused (flyctl cannot read them)', () => {
    const d = only(
      lines(
        '[files]',
        'guest_path = "/a"',
        'raw_value = "x"',
        '[statics]',
        'guest_path = "/p"',
        'url_prefix = "/s"'
      ),
      'table-not-array'
    )
    expect(d.map((x) => [x.severity, x.key, x.line])).toEqual([
      ['error', 'files', 1],
      ['error', 'statics', 4]
    ])
  })

  test('[http_service] ports and tcp_checks', () => {
    const d = only(
      lines(
        '[http_service]',
        'internal_port = 8080',
        'ports = [80]',
        '[[http_service.tcp_checks]]',
        'interval = "10s"'
      ),
      'misplaced-key'
    )
    expect(d.map((x) => x.key)).toEqual([
      'http_service.ports',
      'http_service.tcp_checks'
    ])
  })

  test('a [[services.http_checks]] port: service checks always probe internal_port', () => {
    const d = only(
      lines(
        '[[services]]',
        'internal_port = 8080',
        '[[services.ports]]',
        'port = 80',
        '[[services.http_checks]]',
        'port = 9000'
      ),
      'misplaced-key'
    )
    expect(d).toMatchObject([
      { key: 'services[0].http_checks[0].port', line: 6 }
    ])
  })
})

describe('misspelt keys suggest the right one', () => {
  const cases = [
    {
      text: lines(
        '[http_service]',
        'internal_port = 8080',
        'auto_machine_start = true'
      ),
      key: 'http_service.auto_machine_start',
      want: 'auto_start_machines'
    },
    {
      text: lines('[[services]]', 'internal-port = 8080'),
      key: 'services[0].internal-port',
      want: 'internal_port'
    },
    {
      text: lines(
        '[http_service]',
        'internal_port = 8080',
        'auto_stop_machine = "stop"'
      ),
      key: 'http_service.auto_stop_machine',
      want: 'auto_stop_machines'
    },
    {
      text: lines('primary-region = "ams"'),
      key: 'primary-region',
      want: 'primary_region'
    },
    { text: lines('[[vm]]', 'cpu = 2'), key: 'vm[0].cpu', want: 'cpus' },
    {
      text: lines('[deploy]', 'stratgy = "rolling"'),
      key: 'deploy.stratgy',
      want: 'strategy'
    },
    {
      text: lines('[[mounts]]', 'source = "d"', 'destnation = "/d"'),
      key: 'mounts[0].destnation',
      want: 'destination'
    },
    {
      text: lines(
        '[http_service]',
        'internal_port = 8080',
        'forse_https = true'
      ),
      key: 'http_service.forse_https',
      want: 'force_https'
    },
    {
      text: lines(
        '[[services]]',
        'internal_port = 1',
        '[[services.tcp_check]]',
        'interval = "5s"'
      ),
      key: 'services[0].tcp_check',
      want: 'tcp_checks'
    },
    {
      text: lines('[[restart]]', 'policy = "always"', 'max_retries = 3'),
      key: 'restart[0].max_retries',
      want: undefined
    }
  ]
  for (const c of cases) {
    test(`${c.key} → ${c.want ?? '(explained)'}`, () => {
      const d = diags(c.text).find((x) => x.key === c.key)
      expect(d?.severity).toBe('error')
      if (c.want !== undefined)
        expect(d?.detail).toBe(`did you mean "${c.want}"?`)
      else expect(d?.detail).toContain('retries = 3')
    })
  }

  test('an unknown key with nothing close lists what the section accepts', () => {
    const [d] = only(lines('[[metrics]]', 'zebra = 1'), 'unknown-key')
    expect(d!.detail).toBe('[[metrics]] accepts: https, path, port, processes')
  })

  test('unknown [experimental] keys are warnings, as flyctl ignores them, unless close to a known key', () => {
    const d = diags(
      lines(
        '[experimental]',
        'private_network = true',
        'wibble = 1',
        'entry_point = ["/x"]'
      )
    )
    expect(d.map((x) => [x.severity, x.code, x.key])).toEqual([
      ['warning', 'ignored-key', 'experimental.private_network'],
      ['warning', 'ignored-key', 'experimental.wibble'],
      ['error', 'unknown-key', 'experimental.entry_point']
    ])
  })

  test('keys flyctl knows but ignores are warnings', () => {
    const d = diags(
      lines(
        '[[services]]',
        'internal_port = 8080',
        'script_checks = []',
        '[[services.ports]]',
        'port = 80',
        '[[services.tcp_checks]]',
        'restart_limit = 0',
        '[checks.a]',
        'type = "tcp"',
        'port = 1',
        'kind = "readiness"'
      )
    )
    expect(d.map((x) => [x.severity, x.code, x.key])).toEqual([
      ['warning', 'ignored-key', 'services[0].script_checks'],
      ['warning', 'ignored-key', 'services[0].tcp_checks[0].restart_limit'],
      ['warning', 'ignored-key', 'checks.a.kind']
    ])
  })

  test('every unknown key is reported, not only the first', () => {
    const d = only(
      lines(
        'ap = "x"',
        '[http_service]',
        'intern_port = 1',
        '[[vm]]',
        'sise = "x"'
      ),
      'unknown-key'
    )
    expect(d.map((x) => [x.key, x.detail])).toEqual([
      ['ap', 'did you mean "app"?'],
      ['http_service.intern_port', 'did you mean "internal_port"?'],
      ['vm[0].sise', 'did you mean "size"?']
    ])
  })
})

describe('wrong types name the key, the type found and the type expected', () => {
  const cases = [
    {
      name: 'internal_port = "8080" in [http_service] (flyctl refuses it)',
      text: lines('[http_service]', 'internal_port = "8080"'),
      want: {
        severity: 'error',
        key: 'http_service.internal_port',
        line: 2,
        summary:
          '"internal_port" in [http_service] must be an integer, not a string "8080"'
      }
    },
    {
      name: 'internal_port = "8080" in [[services]] (flyctl converts it: a warning)',
      text: lines(
        '[[services]]',
        'internal_port = "8080"',
        '[[services.ports]]',
        'port = 80'
      ),
      want: {
        severity: 'warning',
        key: 'services[0].internal_port',
        line: 2,
        summary:
          '"internal_port" in [[services]] must be an integer, not a string "8080"',
        detail: 'flyctl converts it; write internal_port = 8080'
      }
    },
    {
      name: 'internal_port = "http"',
      text: lines('[[services]]', 'internal_port = "http"'),
      want: {
        severity: 'error',
        key: 'services[0].internal_port',
        summary:
          '"internal_port" in [[services]] must be an integer, not a string "http"'
      }
    },
    {
      name: 'processes = "web"',
      text: lines(
        '[processes]',
        'web = "x"',
        '[[services]]',
        'internal_port = 1',
        'processes = "web"'
      ),
      want: {
        severity: 'error',
        key: 'services[0].processes',
        line: 5,
        summary:
          '"processes" in [[services]] must be an array of strings, not a string "web"',
        detail: 'write processes = ["web"]'
      }
    },
    {
      name: 'force_https = "true"',
      text: lines(
        '[http_service]',
        'internal_port = 1',
        'force_https = "true"'
      ),
      want: {
        severity: 'error',
        key: 'http_service.force_https',
        summary:
          '"force_https" in [http_service] must be a boolean, not a string "true"'
      }
    },
    {
      name: 'swap_size_mb = 1.5',
      text: lines('swap_size_mb = 1.5'),
      want: {
        severity: 'error',
        key: 'swap_size_mb',
        summary:
          '"swap_size_mb" in the top level must be an integer, not a float 1.5'
      }
    },
    {
      name: 'auto_stop_machines = "yes"',
      text: lines(
        '[http_service]',
        'internal_port = 1',
        'auto_stop_machines = "yes"'
      ),
      want: {
        severity: 'error',
        code: 'invalid-value',
        key: 'http_service.auto_stop_machines',
        line: 3
      }
    },
    {
      name: 'interval = "10 seconds"',
      text: lines(
        '[checks.a]',
        'type = "tcp"',
        'port = 1',
        'interval = "10 seconds"'
      ),
      want: {
        severity: 'error',
        code: 'invalid-value',
        key: 'checks.a.interval',
        detail: 'write a Go duration such as "10s", "1m30s" or "500ms"'
      }
    },
    {
      name: '[build.args] NODE_VERSION = 20',
      text: lines('[build.args]', 'NODE_VERSION = 20'),
      want: {
        severity: 'error',
        key: 'build.args.NODE_VERSION',
        detail: 'write NODE_VERSION = "20"'
      }
    },
    {
      name: 'restart policy = "no"',
      text: lines('[[restart]]', 'policy = "no"'),
      want: {
        severity: 'error',
        key: 'restart[0].policy',
        detail: 'fly.toml spells it "never" (the Machines API calls it "no")'
      }
    }
  ]
  for (const c of cases) {
    test(c.name, () => {
      expect(diags(c.text)).toContainEqual(
        expect.objectContaining({ file: 'fly.toml', ...c.want })
      )
    })
  }

  test('a process given as an array is accepted with a warning: flyctl would refuse it', () => {
    const r = parseFlyToml(
      lines('[processes]', 'web = ["bin/server", "--port", "8080"]'),
      'fly.toml'
    )
    expect(r.config?.processes).toEqual({
      web: ['bin/server', '--port', '8080']
    })
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'flyctl-incompatible',
        key: 'processes.web',
        detail:
          'write web = "bin/server --port 8080" so a plain `fly deploy` keeps working'
      })
    ])
  })

  test('env values that are arrays are converted like flyctl, with a warning', () => {
    const r = parseFlyToml(
      lines('[env]', 'LIST = ["a", 1]', 'N = 1.5', 'B = false'),
      'fly.toml'
    )
    expect(r.config?.env).toEqual({ LIST: '[a 1]', N: '1.5', B: 'false' })
    expect(r.diagnostics.map((d) => d.key)).toEqual(['env.LIST'])
  })
})

describe('normalisation of every form real repositories use', () => {
  test('auto_stop_machines as a boolean or a string', () => {
    const cases: [string, string][] = [
      ['true', 'stop'],
      ['false', 'off'],
      ['"stop"', 'stop'],
      ['"suspend"', 'suspend'],
      ['"off"', 'off']
    ]
    for (const [v, want] of cases) {
      const r = parseFlyToml(
        lines(
          '[http_service]',
          'internal_port = 1',
          `auto_stop_machines = ${v}`
        ),
        'fly.toml'
      )
      expect(r.config?.http_service?.auto_stop_machines).toBe(want)
    }
  })

  test('memory as "1gb", 512, \'512mb\' in [vm] or [[vm]]', () => {
    const r = parseFlyToml(
      lines(
        '[[vm]]',
        'memory = "1gb"',
        'processes = ["a"]',
        '[[vm]]',
        'memory = 512',
        '[[compute]]',
        "memory = '512mb'",
        'processes = ["b"]'
      ),
      'fly.toml'
    )
    expect(r.config?.vm.map((v) => v.memory)).toEqual(['512mb', '1gb', '512'])
  })

  test('durations: integer milliseconds in checks, integer seconds in kill_timeout, Go strings anywhere', () => {
    const c = parseFlyToml(
      lines(
        'kill_timeout = 120',
        '[[services]]',
        'internal_port = 1',
        '[[services.ports]]',
        'port = 1',
        '[[services.tcp_checks]]',
        'interval = 15000',
        'timeout = "2000ms"',
        'grace_period = "1m"'
      ),
      'fly.toml'
    ).config!
    expect(c.kill_timeout).toBe('2m0s')
    expect(c.services[0]!.tcp_checks).toEqual([
      { interval: '15s', timeout: '2s', grace_period: '1m0s' }
    ])
  })

  test('[mounts] table, [[mounts]] array and [mount] all become mounts', () => {
    const c = parseFlyToml(
      lines(
        '[mount]',
        'source = "a"',
        'destination = "/a"',
        '[[mounts]]',
        'source = "b"',
        'destination = "/b"',
        'processes = ["x"]'
      ),
      'fly.toml'
    ).config!
    expect(c.mounts.map((m) => m.source)).toEqual(['a', 'b'])
  })

  test('[metrics] table or [[metrics]] array', () => {
    const one = parseFlyToml(
      lines('[metrics]', 'port = 9091', 'path = "/metrics"'),
      'fly.toml'
    ).config!
    const many = parseFlyToml(
      lines(
        '[[metrics]]',
        'port = 1',
        '[[metrics]]',
        'port = 2',
        'processes = ["x"]'
      ),
      'fly.toml'
    ).config!
    expect(one.metrics).toEqual([
      { port: 9091, path: '/metrics', processes: [] }
    ])
    expect(many.metrics.map((m) => m.port)).toEqual([1, 2])
  })

  test('old check headers as a [{ name, value }] list; empty list dropped', () => {
    const c = parseFlyToml(
      lines(
        '[[services]]',
        'internal_port = 1',
        '[[services.ports]]',
        'port = 1',
        '[[services.http_checks]]',
        'headers = [{ name = "origin", value = "http://x" }, { name = "flag" }]',
        '[[services.http_checks]]',
        'headers = []'
      ),
      'fly.toml'
    ).config!
    expect(c.services[0]!.http_checks).toEqual([
      { headers: { origin: 'http://x', flag: '' } },
      {}
    ])
  })

  test('dotted keys read like tables', () => {
    const c = parseFlyToml(
      lines(
        'http_service.internal_port = 8080',
        'http_service.concurrency.type = "requests"'
      ),
      'fly.toml'
    ).config!
    expect(c.http_service).toMatchObject({
      internal_port: 8080,
      concurrency: { type: 'requests' }
    })
  })

  test('a [[checks]] entry without a name is an error', () => {
    expect(
      only(lines('[[checks]]', 'type = "tcp"'), 'missing-key')
    ).toMatchObject([{ key: 'checks[0]', line: 1 }])
  })

  test('kill_signal outside the API enum is a warning', () => {
    expect(diags(lines('kill_signal = "SIGSTOP"'))).toMatchObject([
      { severity: 'warning', key: 'kill_signal', line: 1 }
    ])
  })

  test('processes naming no group: errors for services and restart, warnings elsewhere, with a suggestion', () => {
    const d = diags(
      lines(
        '[processes]',
        'web = "w"',
        'worker = "x"',
        '[[services]]',
        'internal_port = 1',
        'processes = ["wbe"]',
        '[[services.ports]]',
        'port = 1',
        '[[vm]]',
        'processes = ["wokrer"]',
        '[[restart]]',
        'policy = "always"',
        'processes = ["nope"]'
      )
    ).filter((x) => x.code === 'unknown-process')
    expect(
      d.map((x) => [x.severity, x.key, x.line, x.detail?.split('?')[0]])
    ).toEqual([
      ['error', 'services[0].processes[0]', 6, "did you mean 'web'"],
      [
        'error',
        'restart[0].processes[0]',
        13,
        "add 'nope' to [processes] or remove it; the groups are: web, worker"
      ],
      ['warning', 'vm[0].processes[0]', 10, "did you mean 'worker'"]
    ])
  })

  test('http_service and a service on the same port in one group are duplicates', () => {
    const d = only(
      lines(
        '[http_service]',
        'internal_port = 8080',
        '[[services]]',
        'internal_port = 8080',
        'protocol = "tcp"',
        '[[services.ports]]',
        'port = 81'
      ),
      'duplicate-service'
    )
    expect(d).toMatchObject([{ key: 'services[0]', line: 3 }])
  })

  test('deploy: unknown strategy, canary with mounts, max_unavailable 0', () => {
    const d = diags(
      lines('[deploy]', 'strategy = "blue-green"', 'max_unavailable = 0')
    )
    expect(d.map((x) => [x.key, x.line])).toEqual([
      ['deploy.strategy', 2],
      ['deploy.max_unavailable', 3]
    ])
  })

  test('mount auto-extend settings: all or none, in range', () => {
    const d = diags(
      lines(
        '[[mounts]]',
        'source = "d"',
        'destination = "/d"',
        'auto_extend_size_threshold = 40'
      )
    )
    expect(d.map((x) => x.summary)).toEqual([
      "mount 'd' auto_extend_size_threshold, auto_extend_size_increment and auto_extend_size_limit must be all defined or none",
      "mount 'd' auto_extend_size_threshold must be between 50 and 99",
      "mount 'd' auto_extend_size_increment must be between 1GB and 100GB"
    ])
  })

  test('unsupported: machine_config and containers', () => {
    const d = only(
      lines(
        'machine_config = "m.json"',
        '[experimental]',
        'machine_config = "{}"'
      ),
      'misplaced-key'
    )
    expect(d.map((x) => x.key)).toEqual([
      'machine_config',
      'experimental.machine_config'
    ])
  })

  test('machine_checks are parsed but reported as not run', () => {
    const r = parseFlyToml(
      lines(
        '[[machine_checks]]',
        'command = "curl -f http://x"',
        'image = "curlimages/curl"'
      ),
      'fly.toml'
    )
    expect(r.config?.machine_checks).toEqual([
      { command: ['curl', '-f', 'http://x'], image: 'curlimages/curl' }
    ])
    expect(r.diagnostics).toMatchObject([
      { severity: 'warning', code: 'not-run', key: 'machine_checks[0]' }
    ])
  })
})
