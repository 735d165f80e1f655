import { describe, expect, test } from 'vitest'
import {
  formatDuration,
  formatRate,
  parseDuration,
  parseRate
} from '../../src/core/units.js'

describe('parseDuration', () => {
  // The worked examples of the doc comment first, then the edges.
  const cases: { value: unknown; want: number | undefined }[] = [
    { value: '2m', want: 120_000 },
    { value: '1h30m', want: 5_400_000 },
    { value: '400ms', want: 400 },
    { value: 90, want: 90_000 },
    { value: 'soon', want: undefined },
    { value: '30s', want: 30_000 },
    { value: '1m30s', want: 90_000 },
    { value: '1d', want: 86_400_000 },
    { value: '1.5s', want: 1_500 },
    { value: ' 2m ', want: 120_000 },
    { value: '45', want: 45_000 },
    { value: 0, want: 0 },
    { value: '0s', want: 0 },
    { value: '', want: undefined },
    { value: '2 minutes', want: undefined },
    { value: '5min', want: undefined },
    { value: '2m junk', want: undefined },
    { value: '-5s', want: undefined },
    { value: -1, want: undefined },
    { value: Number.NaN, want: undefined },
    { value: Number.POSITIVE_INFINITY, want: undefined },
    { value: null, want: undefined },
    { value: true, want: undefined }
  ]
  for (const c of cases) {
    test(`${JSON.stringify(c.value) ?? String(c.value)} → ${c.want}`, () => {
      expect(parseDuration(c.value)).toBe(c.want)
    })
  }
})

describe('parseRate', () => {
  const cases: { value: unknown; want: number | undefined }[] = [
    { value: '1%', want: 0.01 },
    { value: '0.5%', want: 0.005 },
    { value: 0.02, want: 0.02 },
    { value: '100%', want: 1 },
    { value: '0%', want: 0 },
    { value: ' 5 % ', want: 0.05 },
    { value: '0.25', want: 0.25 },
    { value: 1, want: 1 },
    { value: 0, want: 0 },
    { value: '150%', want: undefined },
    { value: 2, want: undefined },
    { value: -0.1, want: undefined },
    { value: '-1%', want: undefined },
    { value: 'half', want: undefined },
    { value: '1%%', want: undefined },
    { value: null, want: undefined }
  ]
  for (const c of cases) {
    test(`${JSON.stringify(c.value)} → ${c.want}`, () => {
      expect(parseRate(c.value)).toBe(c.want)
    })
  }
})

describe('formatDuration', () => {
  const cases = [
    { ms: 120_000, want: '2m' },
    { ms: 90_500, want: '1m30.5s' },
    { ms: 400, want: '400ms' },
    { ms: 0, want: '0s' },
    { ms: 119_999, want: '2m' },
    { ms: 1_000, want: '1s' },
    { ms: 3_600_000, want: '1h' },
    { ms: 5_400_000, want: '1h30m' },
    { ms: 3_661_000, want: '1h1m1s' },
    { ms: 999.6, want: '1s' }
  ]
  for (const c of cases) {
    test(`${c.ms} → ${c.want}`, () => {
      expect(formatDuration(c.ms)).toBe(c.want)
    })
  }

  test('reads back through parseDuration', () => {
    for (const ms of [400, 1_000, 90_500, 120_000, 5_400_000, 3_661_000])
      expect(parseDuration(formatDuration(ms))).toBe(ms)
  })
})

describe('formatRate', () => {
  const cases = [
    { rate: 0.0125, want: '1.25%' },
    { rate: 0.05, want: '5%' },
    { rate: 0, want: '0%' },
    { rate: 1, want: '100%' },
    { rate: 0.00333, want: '0.33%' }
  ]
  for (const c of cases) {
    test(`${c.rate} → ${c.want}`, () => {
      expect(formatRate(c.rate)).toBe(c.want)
    })
  }
})
