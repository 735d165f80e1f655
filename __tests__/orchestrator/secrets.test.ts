import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  createFlyMachinesApi,
  type FlyMachinesApi
} from '../../src/adapters/fly/machines-api.js'
import { FlyApiError, InputError } from '../../src/core/errors.js'
import {
  parseSecretsInput,
  secretDigest,
  type SecretEntry
} from '../../src/core/secrets-input.js'
import type { Logger } from '../../src/orchestrator/ports.js'
import { applySecrets, scrubText } from '../../src/orchestrator/secrets.js'
import { startSim, type Sim } from '../../src/sim/index.js'
import { createLeakScanner } from '../helpers/leak-scanner.js'
import { edge, healthy } from '../helpers/sim-client.js'

/**
 * applySecrets against flysim over real HTTP: values that used to break
 * (spaces, quotes, newlines: USERS #4) reach the machines intact, only
 * through a machine update carrying min_secrets_version (staged,
 * ROLLOUT-SEMANTICS §10), and no value shows up in a request the API logs
 * or in an error.
 */

const PEM = [
  '-----BEGIN PRIVATE KEY-----',
  'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj',
  'MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu',
  '-----END PRIVATE KEY-----'
].join('\n')

/** INPUT is the action's `secrets` input as a user would write it. */
const INPUT = [
  '# staged by fly-rollout',
  'DB_URL=postgres://app:p@ss w0rd@db.internal:5432/app?sslmode=require',
  `GREETING="  hello, "world" #1  "`,
  `SINGLE='it''s = fine'`,
  'UNICODE=héllo wörld ✓ 🚀',
  `TLS_KEY="""${PEM}"""`,
  'MULTI="""',
  'line one',
  '',
  'line "three"  """'
].join('\r\n')

const APPS = ['sec-intact', 'sec-skip', 'sec-errors'] as const

let sim: Sim
let api: FlyMachinesApi
let entries: SecretEntry[]

beforeAll(async () => {
  sim = await startSim({
    clockScale: 0,
    rateLimits: false,
    regions: ['sjc'],
    apps: APPS.map((name) => ({ name, machinesPerRegion: 1 }))
  })
  api = createFlyMachinesApi({
    baseUrl: sim.apiUrl,
    token: sim.token,
    sleep: (ms) => sim.control.clock.sleep(ms),
    maxAttempts: 1
  })
  const parsed = parseSecretsInput(INPUT, [])
  expect(parsed.problems).toEqual([])
  entries = parsed.entries
})

afterAll(async () => {
  await sim?.close()
})

const sha256 = (v: string): string =>
  createHash('sha256').update(v).digest('hex')

/** envDigests reads a machine's env digests through the edge. */
async function envDigests(
  app: string,
  id: string
): Promise<Record<string, string>> {
  const res = await edge(sim, app, '/.flysim/env', {
    'fly-force-instance-id': id
  })
  expect(res.status).toBe(200)
  return res.body.env
}

function recorder() {
  const masked: string[] = []
  const logged: string[] = []
  const log: Logger = {
    info: (m) => logged.push(m),
    warn: (m) => logged.push(m),
    debug: (m) => logged.push(m)
  }
  return { masked, logged, log, mask: (v: string) => masked.push(v) }
}

/** lastSeq is the newest request's sequence number. */
function lastSeq(): number {
  const all = sim.control.requests()
  return all.length ? all[all.length - 1]!.seq : 0
}

async function thrown(p: Promise<unknown>): Promise<unknown> {
  try {
    await p
  } catch (e) {
    return e
  }
  throw new Error('expected a rejection')
}

describe('applySecrets against flysim', () => {
  test('values with spaces, quotes and newlines reach a machine intact, only through its update', async () => {
    // Arrange
    const app = 'sec-intact'
    const [machine] = await api.machines.list(app)
    const rec = recorder()
    const before = lastSeq()
    const scanner = createLeakScanner(entries.map((e) => e.value))

    // Act
    const result = await applySecrets(
      { secrets: api.secrets, log: rec.log },
      app,
      entries,
      { mask: rec.mask }
    )
    const stagedEnv = await envDigests(app, machine!.id)
    const machineCalls = sim.control
      .requests(before)
      .filter((r) => r.path.includes('/machines'))
    await api.machines.update(app, machine!.id, {
      config: machine!.config,
      minSecretsVersion: result.version
    })
    await healthy(sim, app, machine!.id)
    const env = await envDigests(app, machine!.id)

    // Assert
    const names = entries.map((e) => e.name)
    expect(names).toEqual([
      'DB_URL',
      'GREETING',
      'SINGLE',
      'UNICODE',
      'TLS_KEY',
      'MULTI'
    ])
    expect(result).toEqual({ version: 1, set: names, unchanged: [] })
    // Staged: nothing touched a machine, which still runs without them.
    expect(machineCalls).toEqual([])
    for (const n of names) expect(stagedEnv).not.toHaveProperty(n)
    // Updated with min_secrets_version: every value exactly as written.
    expect(Object.fromEntries(names.map((n) => [n, env[n]]))).toEqual({
      DB_URL: sha256(
        'postgres://app:p@ss w0rd@db.internal:5432/app?sslmode=require'
      ),
      GREETING: sha256('  hello, "world" #1  '),
      SINGLE: sha256("it''s = fine"),
      UNICODE: sha256('héllo wörld ✓ 🚀'),
      TLS_KEY: sha256(PEM),
      MULTI: sha256('\nline one\n\nline "three"  ')
    })
    expect(
      sim.control.snapshotWorld().apps.find((a) => a.name === app)
    ).toMatchObject({ secretsVersion: 1, secretNames: [...names].sort() })
    // Every value was masked, before anything went out.
    for (const e of entries) expect(rec.masked).toContain(e.value)
    expect(rec.masked).toEqual(expect.arrayContaining(PEM.split('\n')))
    // Nothing the API logged, nor our log, holds a value.
    scanner.scanRequests(sim.control.requests())
    for (const line of rec.logged) scanner.scan('log', line)
    scanner.assertClean()
  })

  test('unchanged values are skipped: a second apply sends no POST', async () => {
    // Arrange
    const app = 'sec-skip'
    await applySecrets({ secrets: api.secrets }, app, entries, {
      mask: () => undefined
    })
    const before = lastSeq()
    const rec = recorder()

    // Act
    const again = await applySecrets({ secrets: api.secrets }, app, entries, {
      mask: rec.mask
    })
    const afterAgain = sim.control
      .requests(before)
      .map((r) => `${r.method} ${r.path}`)
    const changed = entries.map((e) =>
      e.name === 'SINGLE' ? { ...e, value: 'a new value' } : e
    )
    const mid = lastSeq()
    const third = await applySecrets({ secrets: api.secrets }, app, changed, {
      mask: rec.mask
    })
    const listed = await api.secrets.list(app)

    // Assert
    expect(again).toEqual({
      set: [],
      unchanged: entries.map((e) => e.name)
    })
    expect(afterAgain).toEqual([`GET /v1/apps/${app}/secrets`])
    for (const e of entries) expect(rec.masked).toContain(e.value)
    expect(third).toEqual({
      version: 2,
      set: ['SINGLE'],
      unchanged: entries.map((e) => e.name).filter((n) => n !== 'SINGLE')
    })
    expect(
      sim.control
        .requests(mid)
        .filter((r) => r.method === 'POST')
        .map((r) => r.path)
    ).toEqual([`/v1/apps/${app}/secrets`])
    expect(listed.find((s) => s.name === 'SINGLE')?.digest).toBe(
      secretDigest('a new value')
    )
  })

  test('no value leaks into an error, whatever the API echoes back', async () => {
    // Arrange: a server that quotes what it got, in every shape.
    const app = 'sec-errors'
    const long = 'L0ng-secret '.repeat(40) // clipped by the adapter's 300-char message cap
    const values: SecretEntry[] = [...entries, { name: 'LONG', value: long }]
    const all = values.map((v) => v.value)
    const path = `/v1/apps/${app}/secrets`
    // The long value's start too: a clipped message would keep only that.
    const scanner = createLeakScanner([...all, long.slice(0, 100)])
    const errors: unknown[] = []

    // Act
    // 1. The list answers an error quoting values (the adapter does not redact a list).
    sim.control.failRequests({
      method: 'GET',
      path,
      status: 403,
      body: { error: `forbidden: ${all.join(' | ')}` }
    })
    errors.push(
      await thrown(
        applySecrets({ secrets: api.secrets }, app, values, {
          mask: () => undefined
        })
      )
    )
    // 2. The set answers a 422 quoting the JSON-escaped body, a value at a time.
    for (const v of [PEM, long, entries[1]!.value]) {
      sim.control.failRequests({
        method: 'POST',
        path,
        status: 422,
        body: `invalid value ${JSON.stringify(v)} for ${encodeURIComponent(v)}`
      })
      errors.push(
        await thrown(
          applySecrets({ secrets: api.secrets }, app, values, {
            mask: () => undefined
          })
        )
      )
    }
    // 3. An app that does not exist.
    errors.push(
      await thrown(
        applySecrets({ secrets: api.secrets }, 'sec-missing', values, {
          mask: () => undefined
        })
      )
    )

    // Assert
    expect(errors.map((e) => (e as FlyApiError).status)).toEqual([
      403, 422, 422, 422, 404
    ])
    for (const e of errors) expect(e).toBeInstanceOf(FlyApiError)
    errors.forEach((e, i) => scanner.scanError(`error ${i}`, e))
    scanner.scanRequests(sim.control.requests())
    scanner.assertClean()
    expect((errors[0] as Error).message).toMatch(
      /^machines api answered 403 to GET \/v1\/apps\/sec-errors\/secrets: forbidden: \[REDACTED\]/
    )
  })
})

describe('applySecrets with object-literal ports', () => {
  test('nothing to set: no call and no version', async () => {
    // Arrange
    const calls: string[] = []
    const secrets = {
      list: async () => {
        calls.push('list')
        return [{ name: 'A', digest: secretDigest('x').toUpperCase() }]
      },
      set: async () => {
        calls.push('set')
        return { version: 9 }
      }
    }

    // Act
    const r = await applySecrets(
      { secrets },
      'demo',
      [{ name: 'A', value: 'x' }],
      {
        mask: () => undefined
      }
    )
    const none = await applySecrets({ secrets }, 'demo', [], {
      mask: () => undefined
    })

    // Assert
    expect(r).toEqual({ set: [], unchanged: ['A'] })
    expect(none).toEqual({ set: [], unchanged: [] })
    expect(calls).toEqual(['list'])
  })

  test('bad names and duplicates are an InputError naming them, after masking', async () => {
    // Arrange
    const masked: string[] = []
    const secrets = {
      list: async () => [],
      set: async () => ({ version: 1 })
    }

    // Act
    const e = await thrown(
      applySecrets(
        { secrets },
        'demo',
        [
          { name: 'A', value: 'first value' },
          { name: 'A', value: 'second value' },
          { name: 'BAD-NAME', value: 'third value' }
        ],
        { mask: (v) => masked.push(v) }
      )
    )

    // Assert
    expect(e).toBeInstanceOf(InputError)
    expect((e as InputError).problems).toEqual([
      'secret A is given twice',
      '"BAD-NAME" is not a valid secret name'
    ])
    expect(masked).toEqual(['first value', 'second value', 'third value'])
  })

  test('a port error holding a value is scrubbed, keeping its class', async () => {
    // Arrange
    const value = 'multi\nline secret\twith "quotes"'
    const cause = new Error(`socket said ${encodeURIComponent(value)}`)
    const secrets = {
      list: async () => [],
      set: async () => {
        throw new FlyApiError(
          500,
          'POST',
          '/v1/apps/demo/secrets',
          undefined,
          `bad body {"values":{"A":${JSON.stringify(value)}}} or ${value}`,
          { cause }
        )
      }
    }
    const scanner = createLeakScanner([value])

    // Act
    const e = await thrown(
      applySecrets({ secrets }, 'demo', [{ name: 'A', value }], {
        mask: () => undefined
      })
    )

    // Assert
    expect(e).toBeInstanceOf(FlyApiError)
    expect((e as FlyApiError).retryable).toBe(true)
    scanner.scanError('thrown', e)
    scanner.assertClean()
    expect((e as Error).message).toContain('[REDACTED]')
  })
})

describe('scrubText', () => {
  test.each([
    { name: 'raw', text: 'x hunter22 y', want: 'x [REDACTED] y' },
    {
      name: 'JSON-escaped',
      text: 'a\\nb\\"',
      values: ['a\nb"'],
      want: '[REDACTED]'
    },
    {
      name: 'URL-encoded',
      text: 'q=a%20b%20c',
      values: ['a b c'],
      want: 'q=[REDACTED]'
    },
    {
      name: 'a line of a multi-line value',
      text: 'got line-two',
      values: ['line-one\nline-two'],
      want: 'got [REDACTED]'
    },
    {
      name: 'a clipped start',
      text: 'value hunter22-and…',
      values: ['hunter22-and-more'],
      want: 'value [REDACTED]…'
    },
    {
      name: 'a start cut at the end',
      text: 'value hunter22-a',
      values: ['hunter22-and-more'],
      want: 'value [REDACTED]'
    },
    {
      name: 'a short value is left alone',
      text: 'abc',
      values: ['abc'],
      want: 'abc'
    }
  ])('$name', ({ text, values = ['hunter22'], want }) => {
    expect(scrubText(text, values)).toBe(want)
  })
})
