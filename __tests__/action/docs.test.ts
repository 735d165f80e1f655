import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { renderActionDocs, withActionDocs } from '../../scripts/action-docs.js'

/** Prettier pads table columns; the content is what must match. */
const squash = (s: string) =>
  s
    .replace(/ +/g, ' ')
    .replace(/-{3,}/g, '---')
    .replace(/\| *:?---:? *(?=\|)/g, '|---')

test('the README documents exactly the inputs and outputs action.yml declares (npm run docs)', () => {
  const readme = readFileSync('README.md', 'utf8')
  expect(squash(readme)).toBe(
    squash(withActionDocs(readme, readFileSync('action.yml', 'utf8')))
  )
})

test('the generated tables name every input with its default', () => {
  const md = renderActionDocs(
    'inputs:\n  a:\n    description: first | one\n    default: x\noutputs:\n  o:\n    description: out\n'
  )
  expect(md).toContain('| `a` | `x` | first \\| one |')
  expect(md).toContain('| `o` | out |')
})
