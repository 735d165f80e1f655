import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { parse } from 'yaml'

/**
 * SECURITY.md "Workflows we ship": no `run:` script in examples/, the
 * README or our own CI splices an expression (`${{ … }}`) into a shell
 * script: values reach scripts as environment variables (GitHub's
 * script-injection guidance). And no shipped example runs on
 * `pull_request_target`. Least-privilege `permissions:` are checked in
 * __tests__/workflows.test.ts.
 */
interface Workflow {
  on?: unknown
  jobs?: Record<string, { steps?: { run?: string; name?: string }[] }>
}

/** splicedScripts lists the `run:` scripts of a workflow that contain an expression. */
export function splicedScripts(yaml: string): string[] {
  const wf = parse(yaml) as Workflow
  return Object.entries(wf.jobs ?? {}).flatMap(([job, j]) =>
    (j.steps ?? [])
      .filter((s) => typeof s.run === 'string' && /\$\{\{/.test(s.run))
      .map((s) => `${job}: ${s.name ?? s.run!.split('\n')[0]}`)
  )
}

function triggers(yaml: string): string[] {
  const on = (parse(yaml) as Workflow).on
  if (typeof on === 'string') return [on]
  if (Array.isArray(on)) return on.map(String)
  return Object.keys((on as Record<string, unknown>) ?? {})
}

const files = [
  ...readdirSync('examples').map((f) => `examples/${f}`),
  ...readdirSync('.github/workflows').map((f) => `.github/workflows/${f}`)
].filter((f) => /\.ya?ml$/.test(f))
const snippets = [
  ...readFileSync('README.md', 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)
]
  .map((m) => m[1]!)
  .filter((y) => /^jobs:/m.test(y))
const workflows: [string, string][] = [
  ...files.map((f): [string, string] => [f, readFileSync(f, 'utf8')]),
  ...snippets.map((y, i): [string, string] => [`README.md snippet ${i}`, y])
]

describe('workflows we ship', () => {
  test('there are workflows to check', () => {
    expect(files.length).toBeGreaterThanOrEqual(4)
    expect(snippets.length).toBeGreaterThanOrEqual(4)
  })

  test.each(workflows)(
    '%s splices no expression into a run script',
    (_, yaml) => {
      expect(splicedScripts(yaml)).toEqual([])
    }
  )

  test.each(files.filter((f) => f.startsWith('examples/')))(
    '%s does not run on pull_request_target',
    (file) => {
      expect(triggers(readFileSync(file, 'utf8'))).not.toContain(
        'pull_request_target'
      )
    }
  )

  test('the check catches a spliced PR title (it can fail)', () => {
    const bad =
      'on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - name: greet\n        run: echo "${{ github.event.pull_request.title }}"\n'
    expect(splicedScripts(bad)).toEqual(['a: greet'])
  })
})
