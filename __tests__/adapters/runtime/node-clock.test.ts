import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { createNodeClock } from '../../../src/adapters/runtime/node.js'

/**
 * The real clock's sleep, on fake timers: any length (Node fires a timer
 * longer than 2³¹−1 ms after 1 ms, which would end a long bake at once),
 * and an abort ends it early.
 */
beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

const DAY = 86_400_000

test('a 30-day sleep lasts 30 days, not 1 ms', async () => {
  const clock = createNodeClock()
  let done = false
  void clock.sleep(30 * DAY).then(() => (done = true))
  await vi.advanceTimersByTimeAsync(25 * DAY)
  expect(done).toBe(false)
  await vi.advanceTimersByTimeAsync(5 * DAY - 1)
  expect(done).toBe(false)
  await vi.advanceTimersByTimeAsync(1)
  expect(done).toBe(true)
})

test('a short sleep ends on time; an abort ends a long one at once', async () => {
  const clock = createNodeClock()
  let short = false
  void clock.sleep(500).then(() => (short = true))
  await vi.advanceTimersByTimeAsync(499)
  expect(short).toBe(false)
  await vi.advanceTimersByTimeAsync(1)
  expect(short).toBe(true)

  const ac = new AbortController()
  const long = clock.sleep(40 * DAY, ac.signal)
  await vi.advanceTimersByTimeAsync(30 * DAY)
  ac.abort(new Error('stop'))
  await expect(long).rejects.toThrow('stop')
})
