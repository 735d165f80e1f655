import { describe, expect, test } from 'vitest'
import {
  computeForGroup,
  defaultProcessName,
  durationToMs,
  editDistance,
  formatGoDuration,
  formatKeyPath,
  groupMatches,
  parseDiskGB,
  parseGoDuration,
  parseKeyPath,
  parseMemoryMiB,
  processNames,
  shlexSplit,
  suggestKey,
  goString,
  type Compute
} from '../../../src/core/appconfig/index.js'
import { base64Utf8 } from '../../../src/core/appconfig/base64.js'
import { presetError } from '../../../src/core/appconfig/presets.js'
import { sectionName, tomlType } from '../../../src/core/appconfig/reader.js'

// Rows repeat the worked examples in each function's doc comment.

describe('Go durations', () => {
  const parse: [string, bigint | undefined][] = [
    ['10s', 10_000_000_000n],
    ['1m21s', 81_000_000_000n],
    ['1.5h', 5_400_000_000_000n],
    ['-250ms', -250_000_000n],
    ['0', 0n],
    ['10', undefined],
    ['', undefined],
    ['1x', undefined],
    ['.5s', 500_000_000n],
    ['1µs', 1000n],
    ['1μs', 1000n],
    ['1us2ns', 1002n],
    ['+3s', 3_000_000_000n],
    ['.', undefined],
    ['9999999999h', undefined]
  ]
  for (const [text, want] of parse) {
    test(`parseGoDuration(${JSON.stringify(text)})`, () => {
      expect(parseGoDuration(text)).toBe(want)
    })
  }
  const format: [bigint, string][] = [
    [0n, '0s'],
    [81_000_000_000n, '1m21s'],
    [600_000_000_000n, '10m0s'],
    [3_600_000_000_000n, '1h0m0s'],
    [1_500_000_000n, '1.5s'],
    [500_000_000n, '500ms'],
    [1_500n, '1.5µs'],
    [7n, '7ns'],
    [-90_000_000_000n, '-1m30s'],
    [1_000_000_001n, '1.000000001s']
  ]
  for (const [ns, want] of format) {
    test(`formatGoDuration(${ns})`, () => {
      expect(formatGoDuration(ns)).toBe(want)
    })
  }
  test('durationToMs', () => {
    expect([
      durationToMs('5m'),
      durationToMs('1.5s'),
      durationToMs('999µs'),
      durationToMs('x')
    ]).toEqual([300000, 1500, 0, undefined])
  })
})

describe('shlexSplit (google/shlex)', () => {
  const cases: [string, string[] | string][] = [
    ['bundle exec rails s', ['bundle', 'exec', 'rails', 's']],
    [`sh -c "echo 'hi there'"`, ['sh', '-c', "echo 'hi there'"]],
    ['a\\ b c', ['a b', 'c']],
    ['run # comment', ['run']],
    ['""', ['']],
    ['bash "unclosed', 'EOF found when expecting closing quote'],
    ["it's", 'EOF found when expecting closing quote'],
    ['trailing\\', 'EOF found after escape character'],
    ['"a\\"b"', ['a"b']],
    ['"tail\\', 'EOF found after escape character'],
    ['x#y', ['x#y']],
    ['  \t\n ', []],
    ["'a b'c", ['a bc']]
  ]
  for (const [text, want] of cases) {
    test(JSON.stringify(text), () => {
      const r = shlexSplit(text)
      if (typeof want === 'string')
        expect(r).toEqual({ ok: false, error: want })
      else expect(r).toEqual({ ok: true, words: want })
    })
  }
})

describe('sizes (helpers.ParseSize over docker/go-units)', () => {
  const memory: [string, number | undefined][] = [
    ['512', 512],
    ['512mb', 512],
    ['1gb', 1024],
    ['1.5GB', 1536],
    ['8g', 8192],
    ['2 GiB', 2048],
    ['1024b', 0],
    ['lots', undefined],
    ['1gbb', undefined],
    ['1x', undefined],
    ['1kx', undefined],
    ['1kix', undefined],
    ['-1gb', undefined]
  ]
  for (const [text, want] of memory) {
    test(`parseMemoryMiB(${JSON.stringify(text)})`, () => {
      const r = parseMemoryMiB(text)
      if (want === undefined) expect(r.ok).toBe(false)
      else expect(r).toEqual({ ok: true, value: want })
    })
  }
  const disk: [string, number | undefined][] = [
    ['30', 30],
    ['30gb', 30],
    ['15Mb', 0],
    ['1TB', 1000],
    ['big', undefined]
  ]
  for (const [text, want] of disk) {
    test(`parseDiskGB(${JSON.stringify(text)})`, () => {
      const r = parseDiskGB(text)
      if (want === undefined) expect(r.ok).toBe(false)
      else expect(r).toEqual({ ok: true, value: want })
    })
  }
})

describe('suggestKey and editDistance', () => {
  const known = [
    'internal_port',
    'auto_start_machines',
    'auto_stop_machines',
    'cpus',
    'memory'
  ]
  const cases: [string, string | undefined][] = [
    ['internal-port', 'internal_port'],
    ['auto_machine_start', 'auto_start_machines'],
    ['auto_stop_machine', 'auto_stop_machines'],
    ['intrenal_port', 'internal_port'],
    ['cpu', 'cpus'],
    ['zebra', undefined]
  ]
  for (const [key, want] of cases) {
    test(`suggestKey(${key})`, () => {
      expect(suggestKey(key, known)).toBe(want)
    })
  }
  test('editDistance', () => {
    expect([
      editDistance('cpu', 'cpus'),
      editDistance('intrenal', 'internal'),
      editDistance('kitten', 'sitting')
    ]).toEqual([1, 1, 3])
  })
})

describe('process groups (processgroups.go)', () => {
  const cfg = (names: string[], vm: Compute[] = []) => ({
    processes: Object.fromEntries(names.map((n) => [n, []])),
    vm
  })
  test('processNames and defaultProcessName', () => {
    expect([processNames(cfg([])), defaultProcessName(cfg([]))]).toEqual([
      ['app'],
      'app'
    ])
    expect([
      processNames(cfg(['zzz', 'bar', 'foo'])),
      defaultProcessName(cfg(['zzz', 'bar', 'foo']))
    ]).toEqual([['bar', 'foo', 'zzz'], 'bar'])
    expect(defaultProcessName(cfg(['aaa', 'app', 'bbb']))).toBe('app')
  })
  test('groupMatches: an empty list is the default group only', () => {
    const c = cfg([])
    expect([
      groupMatches(c, 'app', []),
      groupMatches(c, 'web', []),
      groupMatches(c, 'web', ['web', 'api']),
      groupMatches(c, 'app', [''])
    ]).toEqual([true, false, true, true])
  })
  test('computeForGroup: the last explicit section, else the first general one', () => {
    const general: Compute = { size: 'shared-cpu-2x', processes: [] }
    const gpu: Compute = { gpu_kind: 'a100-pcie-40gb', processes: ['whisper'] }
    const c = cfg(['app', 'whisper', 'worker'], [gpu, general])
    expect(computeForGroup(c, 'whisper')).toBe(gpu)
    expect(computeForGroup(c, 'worker')).toBe(general)
    expect(
      computeForGroup(cfg(['app', 'bar'], [{ processes: ['bar'] }]), 'app')
    ).toBeUndefined()
  })
})

describe('small helpers', () => {
  test('formatKeyPath and parseKeyPath round-trip', () => {
    const paths: [(string | number)[], string][] = [
      [
        ['http_service', 'checks', 0, 'interval'],
        'http_service.checks[0].interval'
      ],
      [
        ['services', 1, 'ports', 0, 'handlers'],
        'services[1].ports[0].handlers'
      ],
      [['env', 'A.B'], 'env["A.B"]']
    ]
    for (const [segs, text] of paths) {
      expect(formatKeyPath(segs)).toBe(text)
      expect(parseKeyPath(text)).toEqual(segs)
    }
  })
  test('sectionName', () => {
    expect([
      sectionName([]),
      sectionName(['http_service']),
      sectionName(['services', 0, 'ports', 1]),
      sectionName(['services', 0, 'concurrency'])
    ]).toEqual([
      'the top level',
      '[http_service]',
      '[[services.ports]]',
      '[services.concurrency]'
    ])
  })
  test('tomlType', () => {
    expect(
      ['x', 8080, 1.5, true, [], {}, new Date(0), 1n].map(tomlType)
    ).toEqual([
      'string',
      'integer',
      'float',
      'boolean',
      'array',
      'table',
      'datetime',
      'integer'
    ])
  })
  test('goString (fmt %v)', () => {
    expect(
      [123, 1.5, true, ['a', 1], 1e21, 1e-7, { b: 1, a: 2 }, 5n, Infinity].map(
        goString
      )
    ).toEqual([
      '123',
      '1.5',
      'true',
      '[a 1]',
      '1e+21',
      '1e-07',
      'map[a:2 b:1]',
      '5',
      '+Inf'
    ])
  })
  test('base64Utf8', () => {
    expect(
      ['', 'hello world\n', 'aGVsbG8gd29ybGQK', 'é', 'ab'].map(base64Utf8)
    ).toEqual([
      '',
      'aGVsbG8gd29ybGQK',
      'YUdWc2JHOGdkMjl5YkdRSw==',
      'w6k=',
      'YWI='
    ])
  })
  test('presetError', () => {
    expect(presetError('large')).toBe(
      "invalid machine preset requested, 'large', expected to start with 'shared' or 'performance'"
    )
    expect(presetError('performance-3x')).toMatch(
      /^'performance-3x' is an invalid machine size, choose one of: \[performance-10x /
    )
  })
})

describe('go-units corners', () => {
  const cases: [string, boolean, number?][] = [
    ['1.2.3gb', false],
    ['1b', true, 0],
    ['3xb', false],
    ['1 kbb', false],
    ['2048kb', true, 2],
    ['4096KiB', true, 4]
  ]
  for (const [text, ok, value] of cases) {
    test(`parseMemoryMiB(${JSON.stringify(text)})`, () => {
      const r = parseMemoryMiB(text)
      expect(r.ok).toBe(ok)
      if (ok) expect(r).toEqual({ ok: true, value })
    })
  }
})
