import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'
import { describe, expect, test } from 'vitest'
import { parse } from 'yaml'

/**
 * SECURITY.md "No shell": the product starts processes only with an argv
 * array and never through a shell, so no input, secret or file name is ever
 * parsed as a command line. A static check over src/ (flysim, src/sim/, is a
 * test fixture that runs its own machines and is left out).
 */

/** The child_process functions that take a file and an argv array and use no shell unless told. */
const ARGV_FUNCTIONS = new Set([
  'spawn',
  'spawnSync',
  'execFile',
  'execFileSync'
])
const PROCESS_MODULES = new Set([
  'node:child_process',
  'child_process',
  '@actions/exec'
])

/**
 * shellProblems lists every way `source` could run a command through a
 * shell: importing exec/execSync/fork (or all of child_process, or
 * @actions/exec, which splits a command string), a process function called
 * without an array literal as its argv, or any `shell` option but `false`.
 */
export function shellProblems(file: string, source: string): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.ES2022, true)
  const problems: string[] = []
  const local = new Map<string, string>()
  const where = (n: ts.Node) =>
    `${file}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`
  const visit = (n: ts.Node): void => {
    if (
      ts.isImportDeclaration(n) &&
      ts.isStringLiteral(n.moduleSpecifier) &&
      PROCESS_MODULES.has(n.moduleSpecifier.text)
    ) {
      const mod = n.moduleSpecifier.text
      const b = n.importClause?.namedBindings
      if (mod === '@actions/exec')
        problems.push(`${where(n)}: @actions/exec parses a command string`)
      else if (!b || !ts.isNamedImports(b) || n.importClause?.name)
        problems.push(`${where(n)}: import ${mod} by name, not whole`)
      else
        for (const e of b.elements) {
          const name = (e.propertyName ?? e.name).text
          if (ARGV_FUNCTIONS.has(name)) local.set(e.name.text, name)
          else problems.push(`${where(e)}: ${name} from ${mod}`)
        }
    }
    if (
      ts.isCallExpression(n) &&
      ts.isIdentifier(n.expression) &&
      local.has(n.expression.text)
    ) {
      const argv = n.arguments[1]
      if (!argv || !ts.isArrayLiteralExpression(argv))
        problems.push(
          `${where(n)}: ${n.expression.text} without an argv array literal`
        )
    }
    if (
      ts.isPropertyAssignment(n) &&
      (ts.isIdentifier(n.name) || ts.isStringLiteral(n.name)) &&
      n.name.text === 'shell' &&
      n.initializer.kind !== ts.SyntaxKind.FalseKeyword
    )
      problems.push(`${where(n)}: shell: ${n.initializer.getText()}`)
    if (ts.isShorthandPropertyAssignment(n) && n.name.text === 'shell')
      problems.push(`${where(n)}: shell option from a variable`)
    ts.forEachChild(n, visit)
  }
  visit(sf)
  return problems
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name)
    if (e.isDirectory()) return p === join('src', 'sim') ? [] : sources(p)
    return /\.ts$/.test(e.name) ? [p] : []
  })
}

describe('no shell', () => {
  const files = sources('src')

  test('no product file runs a command through a shell', () => {
    expect(files.length).toBeGreaterThan(50)
    const problems = files.flatMap((f) =>
      shellProblems(f, readFileSync(f, 'utf8'))
    )
    expect(problems).toEqual([])
  })

  test('the product starts processes in exactly two places, both argv arrays', () => {
    const users = files.filter((f) =>
      /from '(node:)?child_process'/.test(readFileSync(f, 'utf8'))
    )
    expect(users.sort()).toEqual([
      join('src', 'action', 'preview.ts'), // git rev-parse HEAD
      join('src', 'adapters', 'flyctl', 'flyctl.ts') // the runFlyctl chokepoint
    ])
  })

  test.each([
    [
      "import { exec } from 'node:child_process'\nexec(`flyctl ${x}`)",
      /exec from/
    ],
    ["import { execSync } from 'child_process'", /execSync from/],
    ["import * as cp from 'node:child_process'", /by name, not whole/],
    ["import cp from 'node:child_process'", /by name, not whole/],
    ["import { exec } from '@actions/exec'", /command string/],
    [
      "import { spawn } from 'node:child_process'\nspawn('flyctl', args.concat(x))",
      /without an argv array/
    ],
    [
      "import { spawn as s } from 'node:child_process'\ns(`flyctl deploy ${app}`)",
      /without an argv array/
    ],
    [
      "import { spawn } from 'node:child_process'\nspawn('flyctl', [a], { shell: true })",
      /shell: true/
    ],
    [
      "import { execFile } from 'node:child_process'\nconst shell = true\nexecFile('f', [], { shell })",
      /shell option from a variable/
    ]
  ])('the check catches %s', (source, problem) => {
    const found = shellProblems('bad.ts', source)
    expect(found.join('\n')).toMatch(problem)
  })

  test('the check passes what the product does', () => {
    expect(
      shellProblems(
        'ok.ts',
        "import { spawn } from 'node:child_process'\nspawn(file, [...args], { shell: false })"
      )
    ).toEqual([])
  })
})

describe('action.yml', () => {
  test('runs JavaScript only: no composite step where an input could be interpolated into a shell script', () => {
    const action = parse(readFileSync('action.yml', 'utf8')) as {
      runs: Record<string, unknown>
    }
    expect(action.runs.using).toMatch(/^node\d+$/)
    expect(action.runs).not.toHaveProperty('steps')
    expect(Object.keys(action.runs).sort()).toEqual(
      ['main', 'post', 'post-if', 'using'].sort()
    )
  })
})
