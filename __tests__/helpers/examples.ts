/**
 * The workflows in `examples/`, read the way the runner reads them, so that
 * the end-to-end tests run what the examples say: the fly-rollout step's
 * `with:` inputs (its `${{ … }}` expressions resolved from values the test
 * gives) and the events the workflow starts on.
 */
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'

interface Workflow {
  on: Record<string, { types?: string[] } | null>
  jobs: Record<string, { steps: { uses?: string; with?: unknown }[] }>
}

const USES = 'fly-rollout/fly-rollout@'

function load(file: string): Workflow {
  return parse(readFileSync(file, 'utf8')) as Workflow
}

/**
 * exampleInputs is the `with:` of the one fly-rollout step in `file`, as
 * INPUT_* strings. Every `${{ expr }}` must be in `expressions`: an example
 * that gains an expression fails its test until the test says what it
 * stands for.
 */
export function exampleInputs(
  file: string,
  expressions: Record<string, string>
): Record<string, string> {
  const steps = Object.values(load(file).jobs)
    .flatMap((j) => j.steps)
    .filter((s) => s.uses?.startsWith(USES))
  if (steps.length !== 1)
    throw new Error(`${file}: ${steps.length} fly-rollout steps, expected 1`)
  const inputs: Record<string, string> = {}
  for (const [k, v] of Object.entries(
    (steps[0]!.with ?? {}) as Record<string, unknown>
  ))
    inputs[k] = String(v).replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expr) => {
      const value = expressions[expr as string]
      if (value === undefined)
        throw new Error(`${file}: input ${k}: no value for \${{ ${expr} }}`)
      return value
    })
  return inputs
}

/**
 * startsOn says whether `file` starts on the event `name` (with the
 * payload's `action`, when the workflow filters on `types:`).
 */
export function startsOn(file: string, name: string, action?: string): boolean {
  const on = load(file).on
  if (!(name in on)) return false
  const types = on[name]?.types
  return !types || action === undefined || types.includes(action)
}
