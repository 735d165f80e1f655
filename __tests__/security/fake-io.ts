/**
 * fakeIO is an object-literal ActionIO (HOUSE-STYLE §1) that records every
 * call in order, so a test can ask what reached the runner and when.
 */
import type { ActionIO } from '../../src/adapters/runtime/actions-io.js'

export interface IOCall {
  method: keyof Omit<ActionIO, 'env'>
  args: unknown[]
}

/** READS are the calls that show nothing: everything else is output (log, annotation, file command). */
const READS = new Set(['getInput', 'getState', 'setSecret'])

export interface FakeIO {
  io: ActionIO
  calls: IOCall[]
  /** The values masked, in order. */
  masked(): string[]
  /** The index of the first call that shows something, or calls.length. */
  firstOutput(): number
  /** Everything shown, as one text (what a leak check scans). */
  shown(): string
  failed(): string[]
  notices(): string[]
  outputs(): Record<string, string>
}

export function fakeIO(
  inputs: Record<string, string>,
  env: Record<string, string | undefined> = {},
  state: Record<string, string> = {}
): FakeIO {
  const calls: IOCall[] = []
  const rec =
    (method: IOCall['method']) =>
    (...args: unknown[]) => {
      calls.push({ method, args })
    }
  const io: ActionIO = {
    getInput: (name) => {
      calls.push({ method: 'getInput', args: [name] })
      return (inputs[name] ?? '').trim()
    },
    getState: (key) => {
      calls.push({ method: 'getState', args: [key] })
      return state[key] ?? ''
    },
    setOutput: rec('setOutput'),
    setSecret: rec('setSecret'),
    saveState: rec('saveState'),
    info: rec('info'),
    debug: rec('debug'),
    notice: rec('notice'),
    warning: rec('warning'),
    error: rec('error'),
    startGroup: rec('startGroup'),
    endGroup: rec('endGroup'),
    summary: async (markdown) => {
      calls.push({ method: 'summary', args: [markdown] })
    },
    setFailed: rec('setFailed'),
    addPath: rec('addPath'),
    env
  }
  const of = (m: IOCall['method']) =>
    calls.filter((c) => c.method === m).map((c) => String(c.args[0]))
  return {
    io,
    calls,
    masked: () => of('setSecret'),
    firstOutput: () => {
      const i = calls.findIndex((c) => !READS.has(c.method))
      return i < 0 ? calls.length : i
    },
    shown: () =>
      calls
        .filter((c) => !READS.has(c.method))
        .map((c) => JSON.stringify(c.args))
        .join('\n'),
    failed: () => of('setFailed'),
    notices: () => of('notice'),
    outputs: () =>
      Object.fromEntries(
        calls
          .filter((c) => c.method === 'setOutput')
          .map((c) => [String(c.args[0]), String(c.args[1])])
      )
  }
}
