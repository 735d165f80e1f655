import { expect, test } from 'vitest'
import { waveLabel } from '../../src/core/plan.js'

test('waveLabel names a wave once: its number, and its name when it has one of its own', () => {
  expect(waveLabel({ index: 0, name: 'canary' })).toBe('wave 1 (canary)')
  expect(waveLabel({ index: 1, name: 'wave 2' })).toBe('wave 2')
  expect(waveLabel({ index: 2, name: 'wave 2' })).toBe('wave 3 (wave 2)')
})
