import { expect, test } from 'vitest'
import type { CliIO } from '../../src/cli/io.js'
import { runCli } from '../../src/cli/main.js'

function captureIO(): CliIO & { out: () => string; err: () => string } {
  let out = ''
  let err = ''
  return {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    env: {},
    stopped: () => new Promise(() => undefined),
    isTTY: false,
    out: () => out,
    err: () => err
  }
}

test('the demo shows machines in three regions serving through the edge', async () => {
  const io = captureIO()

  const code = await runCli(['demo'], io)

  expect(code).toBe(0)
  expect(io.err()).toBe('')
  expect(io.out()).toContain('app demo: 6 machines')
  for (const region of ['sjc', 'lhr', 'syd']) {
    // Each pinned request was answered by a machine of that region.
    expect(io.out()).toMatch(
      new RegExp(`\\n  ${region}\\s+200\\s+[0-9a-f]{14}\\s`)
    )
    expect(io.out()).toContain(`client near ${region} → ${region}`)
  }
})

test('an unknown command exits 1 with the usage', async () => {
  const io = captureIO()
  expect(await runCli(['bogus'], io)).toBe(1)
  expect(io.err()).toContain('unknown command "bogus"')
})
