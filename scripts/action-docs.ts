/**
 * The README's Inputs and Outputs tables are generated from action.yml, so
 * they can never drift from what the action accepts (USERS.md complaint #15).
 * `npm run docs` rewrites the section between the markers;
 * __tests__/action/docs.test.ts fails when the README is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { parse } from 'yaml'

export const START =
  '<!-- action-docs:start (generated from action.yml by `npm run docs`) -->'
export const END = '<!-- action-docs:end -->'

interface ActionYml {
  inputs: Record<
    string,
    { description: string; required?: boolean; default?: string }
  >
  outputs: Record<string, { description: string }>
}

const cell = (s: string) => s.replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|')

/** renderActionDocs renders action.yml's inputs and outputs as two markdown tables. */
export function renderActionDocs(yml: string): string {
  const a = parse(yml) as ActionYml
  const lines = [
    START,
    '',
    '### Inputs',
    '',
    '| Input | Default | Description |',
    '|---|---|---|'
  ]
  for (const [name, i] of Object.entries(a.inputs)) {
    lines.push(
      `| \`${name}\` | ${i.default !== undefined ? `\`${i.default}\`` : ''} | ${cell(i.description)} |`
    )
  }
  lines.push('', '### Outputs', '', '| Output | Description |', '|---|---|')
  for (const [name, o] of Object.entries(a.outputs))
    lines.push(`| \`${name}\` | ${cell(o.description)} |`)
  lines.push('', END)
  return lines.join('\n')
}

/** withActionDocs returns the README with its generated section replaced (or an error when the markers are missing). */
export function withActionDocs(readme: string, yml: string): string {
  const a = readme.indexOf(START)
  const b = readme.indexOf(END)
  if (a < 0 || b < a)
    throw new Error(`README.md needs the markers ${START} … ${END}`)
  return (
    readme.slice(0, a) + renderActionDocs(yml) + readme.slice(b + END.length)
  )
}

if (process.argv[1]?.endsWith('action-docs.ts')) {
  writeFileSync(
    'README.md',
    withActionDocs(
      readFileSync('README.md', 'utf8'),
      readFileSync('action.yml', 'utf8')
    )
  )
}
