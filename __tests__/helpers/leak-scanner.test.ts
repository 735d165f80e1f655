import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import type { RequestRecord } from '../../src/sim/index.js'
import {
  createLeakScanner,
  encodingsOf,
  type Encoding
} from './leak-scanner.js'

// Holds a space, quotes, a newline, `+`/`/`-producing bytes and non-ASCII,
// so every encoding differs from the raw value.
const SECRET = 'p@ss word "q"\n~~~?>>é'

function plant(encoding: Encoding): string {
  const text = encodingsOf(SECRET).find((f) => f.encoding === encoding)?.text
  if (text === undefined) throw new Error(`no ${encoding} form`)
  return `before ${text} after`
}

describe('createLeakScanner', () => {
  test('every encoding of the secret is a distinct form', () => {
    expect(encodingsOf(SECRET).map((f) => f.encoding)).toEqual([
      'raw',
      'base64',
      'base64url',
      'url-encoded',
      'form-encoded',
      'json-escaped'
    ])
  })

  test.each<Encoding>([
    'raw',
    'base64',
    'base64url',
    'url-encoded',
    'form-encoded',
    'json-escaped'
  ])('finds a secret planted %s', (encoding) => {
    // Arrange
    const scanner = createLeakScanner(['unrelated-value', SECRET])

    // Act
    scanner.scan('log', plant(encoding))

    // Assert
    expect(scanner.findings()).toEqual([
      { where: 'log', secret: 1, encoding, offset: 7 }
    ])
    expect(() => scanner.assertClean()).toThrow(/secret leak/)
  })

  test('finds a padded standard base64 form too', () => {
    const scanner = createLeakScanner(['abcde'])
    scanner.scan('log', `x ${Buffer.from('abcde').toString('base64')} y`)
    expect(scanner.findings().map((f) => f.encoding)).toEqual(['base64'])
  })

  test('clean text passes, and the report says what was scanned', () => {
    // Arrange
    const scanner = createLeakScanner([SECRET, 'hunter22'])

    // Act
    scanner.scan('log', 'nothing to see: p@ss, hunter2, word "q"')

    // Assert
    expect(() => scanner.assertClean()).not.toThrow()
    expect(scanner.report()).toMatch(/no secret found in 1 scanned text/)
  })

  test('the failure names where and how, never the secret itself', () => {
    // Arrange
    const scanner = createLeakScanner([SECRET])
    scanner.scan('stdout', plant('json-escaped'))

    // Act
    let message = ''
    try {
      scanner.assertClean()
    } catch (e) {
      message = (e as Error).message
    }

    // Assert
    expect(message).toMatch(/secret #0 \(\d+ chars, sha256 [0-9a-f]{8}…\)/)
    expect(message).toMatch(/json-escaped in stdout at offset 7/)
    const again = createLeakScanner([SECRET])
    again.scan('message', message)
    expect(again.findings()).toEqual([])
  })

  test('secrets shorter than 4 characters are not scanned, and the report says so', () => {
    // Arrange
    const scanner = createLeakScanner(['abc', 'abcd'])

    // Act
    scanner.scan('log', 'abc abc')

    // Assert
    expect(scanner.findings()).toEqual([])
    expect(scanner.report()).toMatch(
      /not scanned: secret #0 \(3 chars.*shorter than 4 characters/
    )
  })

  test('scanFile reads a file', () => {
    // Arrange
    const dir = mkdtempSync(join(tmpdir(), 'leak-scanner-'))
    const file = join(dir, 'out.log')
    writeFileSync(file, plant('base64'))
    const scanner = createLeakScanner([SECRET])

    // Act
    try {
      scanner.scanFile(file)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }

    // Assert
    expect(scanner.findings()).toEqual([
      { where: file, secret: 0, encoding: 'base64', offset: 7 }
    ])
  })

  test('scanRequests looks at paths, queries and bodies', () => {
    // Arrange
    const rec = (r: Partial<RequestRecord>): RequestRecord => ({
      seq: 1,
      at: 0,
      method: 'POST',
      path: '/v1/apps/demo/machines',
      query: '',
      status: 200,
      ...r
    })
    const scanner = createLeakScanner([SECRET])

    // Act
    scanner.scanRequests([
      rec({ seq: 1, body: JSON.stringify({ env: { A: SECRET } }) }),
      rec({ seq: 2, query: `a=${encodeURIComponent(SECRET)}` }),
      rec({ seq: 3, path: `/v1/apps/${encodeURIComponent(SECRET)}` }),
      rec({ seq: 4, body: '{"config":{}}' })
    ])

    // Assert
    expect(scanner.findings().map((f) => `${f.where} ${f.encoding}`)).toEqual([
      'request #1 POST /v1/apps/demo/machines (body) json-escaped',
      'request #2 POST /v1/apps/demo/machines (query) url-encoded',
      `request #3 POST /v1/apps/${encodeURIComponent(SECRET)} (path) url-encoded`
    ])
  })

  test('scanError looks at the message, the stack, fields and causes', () => {
    // Arrange
    const inner = Object.assign(new Error('inner'), { body: { v: SECRET } })
    const outer = new Error('outer', { cause: inner })
    const scanner = createLeakScanner([SECRET])

    // Act
    scanner.scanError('thrown', outer)
    scanner.scanError('clean', new Error('nothing here'))

    // Assert
    expect(scanner.findings().map((f) => f.where)).toEqual([
      'thrown (cause 1) .body'
    ])
  })
})
