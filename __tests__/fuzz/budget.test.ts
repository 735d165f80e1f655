/**
 * The fuzz suite runs at least 10,000 generated cases per run (issue #6 §2):
 * the per-file plans add up to the floor, and each fuzz file's afterAll
 * (budget.ts) fails when it ran fewer cases than its plan.
 */
import { expect, test } from 'vitest'
import { FLOOR, PLANNED } from './budget.js'

test('the fuzz files plan at least 10,000 cases a run', () => {
  const total = Object.values(PLANNED).reduce((a, b) => a + b, 0)
  expect(total).toBe(11_300)
  expect(total).toBeGreaterThanOrEqual(FLOOR)
})
