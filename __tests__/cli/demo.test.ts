import { expect, test } from 'vitest'
import { cliIO as captureIO, runCli } from '../helpers/cli.js'

test('the demo promotes a good release and rolls a bad one back exactly', async () => {
  const io = captureIO()

  const code = await runCli(['demo', '--time-scale', '20'], io)

  expect(io.err()).toBe('')
  expect(code).toBe(0)
  const out = io.out()
  // The plan, the live progress and the final tables are printed for both stories.
  expect(out).toContain('Wave 1 · canary · sjc')
  expect(out).toMatch(/wave 1 \(canary\): promoted/)
  expect(out).toMatch(/wave 3 \(everywhere else\): promoted/)
  expect(out).toMatch(/result: promoted/)
  expect(out).toMatch(/wave 1 \(canary\): failed/)
  expect(out).toMatch(/result: rolled-back/)
  expect(out.match(/ {2}exactly as before\n/g)).toHaveLength(6)
  expect(out).toContain(
    'demo: v2 promoted; v3 rolled back, every machine exactly as before.'
  )
}, 120_000)

test('an unknown command exits 1 with the usage', async () => {
  const io = captureIO()
  expect(await runCli(['bogus'], io)).toBe(1)
  expect(io.err()).toContain('unknown command "bogus"')
})
