import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { parseRolloutSpec } from '../src/core/spec.js'

const readme = readFileSync('README.md', 'utf8')

test('the README starts a fresh machine with exactly the two set-up commands', () => {
  expect(readme).toContain('npm ci && npm run demo')
  expect(readme).toMatch(/^npm test\b/m)
})

test('the rollout spec the README documents parses without a single diagnostic', () => {
  const block = /### The rollout spec[\s\S]*?```yaml\n([\s\S]*?)```/.exec(
    readme
  )?.[1]
  expect(block).toBeDefined()
  const r = parseRolloutSpec(block!, 'README.md')
  expect(r.diagnostics).toEqual([])
  expect(r.spec?.waves).toHaveLength(3)
  expect(r.spec?.counts['*']).toEqual({ sjc: 3, lhr: 2, syd: 1 })
})
