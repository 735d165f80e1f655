import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { expect, test } from 'vitest'
import { sha256Hex } from '../../src/core/sha256.js'

const cases = [
  {
    text: '',
    want: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
  },
  {
    text: 'abc',
    want: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
  },
  {
    text: 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
    want: '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'
  }
]
for (const c of cases) {
  test(`sha256Hex(${JSON.stringify(c.text.slice(0, 12))}…) matches the FIPS 180-2 vector`, () => {
    expect(sha256Hex(c.text)).toBe(c.want)
  })
}

test('sha256Hex agrees with node:crypto on any string, including unicode and block edges', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (s) => {
      expect(sha256Hex(s)).toBe(
        createHash('sha256').update(s, 'utf8').digest('hex')
      )
    }),
    { numRuns: 500 }
  )
})
