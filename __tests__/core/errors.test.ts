import { describe, expect, test } from 'vitest'
import {
  ChecksumMismatchError,
  errorMessage,
  FlyApiError,
  FlyctlError,
  FlyRolloutError,
  InputError,
  LeaseConflictError,
  PlanError,
  RateLimitedError,
  redactArgs,
  StateConflictError
} from '../../src/core/errors.js'

describe('errorMessage', () => {
  test.each([
    [new Error('Boom'), 'boom'],
    [new Error('API is down'), 'API is down'],
    [new Error('Error: Nested'), 'nested'],
    [new TypeError(''), 'TypeError'],
    ['plain string', 'plain string'],
    [{ message: 'From an object' }, 'from an object'],
    [{ other: 1 }, '{"other":1}'],
    [42, '42'],
    [undefined, 'unknown error'],
    [null, 'unknown error']
  ])('%o → %s', (input, want) => {
    expect(errorMessage(input)).toBe(want)
  })
})

describe('FlyApiError.retryable', () => {
  test.each([
    [0, true],
    [429, true],
    [500, true],
    [503, true],
    [400, false],
    [401, false],
    [404, false],
    [408, false],
    [409, false],
    [412, false],
    [422, false]
  ])('status %i → %s', (status, want) => {
    expect(
      new FlyApiError(status, 'GET', '/v1/x', undefined, 'm').retryable
    ).toBe(want)
  })
})

describe('classes', () => {
  test('every class is a FlyRolloutError with its code, name and lowercase message', () => {
    const all: FlyRolloutError[] = [
      new FlyApiError(
        500,
        'GET',
        '/v1/x',
        undefined,
        'machines api answered 500'
      ),
      new LeaseConflictError('POST', '/v1/x/lease', 'lease held', {
        owner: 'o'
      }),
      new RateLimitedError('GET', '/v1/x', 'slow down'),
      new InputError(['app is required']),
      new PlanError([
        { severity: 'error', code: 'bad', summary: 'wave 2 is empty' }
      ]),
      new StateConflictError('another rollout is in flight', {
        app: 'demo',
        rolloutId: 'r1'
      }),
      new FlyctlError(1, ['deploy', '--build-only'], 'Error: no Dockerfile'),
      new ChecksumMismatchError('flyctl.tar.gz', 'aa', 'bb')
    ]
    expect(all.map((e) => e.code)).toEqual([
      'fly-api',
      'lease-conflict',
      'rate-limited',
      'input',
      'plan',
      'state-conflict',
      'flyctl',
      'checksum'
    ])
    for (const e of all) {
      expect(e).toBeInstanceOf(Error)
      expect(e).toBeInstanceOf(FlyRolloutError)
      expect(e.name).toBe(e.constructor.name)
      expect(e.message[0]).toBe(e.message[0]!.toLowerCase())
    }
  })

  test('lease conflicts and 429s are FlyApiErrors; only the 429 is retryable', () => {
    const lease = new LeaseConflictError('POST', '/p', 'held', {
      owner: 'o',
      description: 'rollout r1'
    })
    const limited = new RateLimitedError('GET', '/p', 'slow')
    expect(lease).toBeInstanceOf(FlyApiError)
    expect(lease).toMatchObject({ status: 409, retryable: false })
    expect(limited).toBeInstanceOf(FlyApiError)
    expect(limited).toMatchObject({ status: 429, retryable: true })
  })

  test('JSON carries the fields and message, not the cause', () => {
    const e = new LeaseConflictError(
      'POST',
      '/v1/apps/demo/machines/m1/lease',
      'lease held',
      { owner: 'o' },
      { cause: new Error('secret inner detail') }
    )
    const json = JSON.parse(JSON.stringify(e))
    expect(json).toEqual({
      name: 'LeaseConflictError',
      code: 'lease-conflict',
      message: 'lease held',
      retryable: false,
      status: 409,
      method: 'POST',
      path: '/v1/apps/demo/machines/m1/lease',
      holder: { owner: 'o' }
    })
    expect(JSON.stringify(e)).not.toContain('inner detail')
  })

  test('InputError lists every problem', () => {
    const e = new InputError(['app is required', 'image is required'])
    expect(e.message).toBe(
      'invalid input (2 problems): app is required; image is required'
    )
    expect(e.problems).toHaveLength(2)
  })

  test('PlanError shows the error diagnostics', () => {
    const e = new PlanError([
      { severity: 'warning', code: 'w', summary: 'just a warning' },
      {
        severity: 'error',
        code: 'e',
        summary: 'unknown region "sfo"',
        file: 'rollout.yml',
        line: 3
      }
    ])
    expect(e.message).toBe(
      'the plan has 1 error: rollout.yml:3: error: unknown region "sfo"'
    )
  })
})

describe('flyctl redaction', () => {
  test.each([
    [
      ['deploy', '-t', 'fo1_x'],
      ['deploy', '-t', '[REDACTED]']
    ],
    [
      ['deploy', '--access-token=fo1_x'],
      ['deploy', '--access-token=[REDACTED]']
    ],
    [
      ['secrets', 'set', 'DB=postgres://u:p@h/db'],
      ['secrets', 'set', 'DB=[REDACTED]']
    ],
    [
      ['deploy', '--config=fly.toml', '--env', 'A=b'],
      ['deploy', '--config=fly.toml', '--env', 'A=[REDACTED]']
    ]
  ])('%j → %j', (args, want) => {
    expect(redactArgs(args)).toEqual(want)
  })

  test('FlyctlError redacts argv and known secrets in stderr, keeps the last line', () => {
    const e = new FlyctlError(
      1,
      ['deploy', '--access-token', 'fo1_topsecret'],
      'connecting with fo1_topsecret\nError: unauthorized',
      { secrets: ['fo1_topsecret'] }
    )
    expect(e.args).toEqual(['deploy', '--access-token', '[REDACTED]'])
    expect(e.message).toBe(
      'flyctl deploy exited with code 1: Error: unauthorized'
    )
    expect(JSON.stringify(e)).not.toContain('fo1_topsecret')
    expect(e.stderr).toContain('[REDACTED]')
  })
})
