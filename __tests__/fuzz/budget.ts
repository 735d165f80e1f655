/**
 * The fuzz suite's case budget (issue #6: at least 10,000 generated cases per
 * run). Each fuzz file plans a number of cases in PLANNED, counts every case
 * its properties actually run with a {@link Budget}, and checks in `afterAll`
 * that it ran at least what it planned. budget.test.ts checks that the plans
 * add up to the floor, so shrinking one file's numRuns below its plan
 * fails that file, and shrinking a plan fails the sum.
 */
import { afterAll, expect } from 'vitest'

/** PLANNED is the cases each fuzz file runs per `npm test`. */
export const PLANNED = {
  'fly-toml': 4_300,
  'rollout-spec': 2_800,
  'action-inputs': 2_300,
  'machines-api': 1_600,
  'no-mutation': 300
} as const

/** FLOOR is the minimum: generated cases per run, all files together. */
export const FLOOR = 10_000

export type FuzzFile = keyof typeof PLANNED

/** Budget counts one file's cases. */
export interface Budget {
  /** hit counts one generated case; call it first thing in a property. */
  hit(): void
  readonly count: number
}

/**
 * budget returns the counter for `file` and registers an `afterAll` that
 * fails the file when fewer cases ran than PLANNED says.
 */
export function budget(file: FuzzFile): Budget {
  let count = 0
  afterAll(() => {
    expect(
      count,
      `${file}: cases run (planned ${PLANNED[file]})`
    ).toBeGreaterThanOrEqual(PLANNED[file])
  })
  return {
    hit: () => void count++,
    get count() {
      return count
    }
  }
}

/**
 * looksLikeStackTrace says whether a message leaks an exception instead of
 * explaining the problem: a stack frame, or a JavaScript runtime error's text.
 */
export function looksLikeStackTrace(message: string): boolean {
  return (
    /\n\s+at\s/.test(message) ||
    /\bat .+:\d+:\d+\)?$/m.test(message) ||
    /\b(TypeError|ReferenceError|RangeError|SyntaxError):/.test(message) ||
    /Cannot read propert|is not a function|is not iterable|undefined is not|of undefined|of null|Maximum call stack/.test(
      message
    )
  )
}
