/**
 * Runs the bundled action the way the GitHub runner does: `node <dist>/index.js`
 * (then `post.js`) with INPUT_* variables and the file commands GITHUB_OUTPUT,
 * GITHUB_STATE, GITHUB_STEP_SUMMARY, GITHUB_ENV and GITHUB_PATH, and
 * RUNNER_TOOL_CACHE / RUNNER_TEMP. State saved by main reaches post as
 * STATE_* variables, as the runner passes it.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface RunnerDirs {
  root: string
  toolCache: string
  temp: string
  workspace: string
}

/** runnerDirs makes a fresh runner: tool cache, temp and workspace directories. */
export function runnerDirs(): RunnerDirs {
  const root = mkdtempSync(join(tmpdir(), 'fly-rollout-runner-'))
  const dirs = {
    root,
    toolCache: join(root, 'tool-cache'),
    temp: join(root, 'temp'),
    workspace: join(root, 'workspace')
  }
  for (const d of [dirs.toolCache, dirs.temp, dirs.workspace])
    mkdirSync(d, { recursive: true })
  return dirs
}

export interface StepRun {
  child: ChildProcess
  stdout: () => string
  stderr: () => string
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  /** After exit: the file commands the step wrote. */
  files: () => {
    outputs: Record<string, string>
    state: Record<string, string>
    summary: string
    path: string[]
  }
}

/** startStep runs dist/<entry>.js with the inputs and the state of an earlier step. */
export function startStep(
  entry: 'index' | 'post',
  dirs: RunnerDirs,
  inputs: Record<string, string>,
  opts: {
    state?: Record<string, string>
    env?: Record<string, string>
    /** The event that started the workflow: GITHUB_EVENT_NAME and the payload at GITHUB_EVENT_PATH. */
    event?: { name: string; payload: unknown }
  } = {}
): StepRun {
  const dist = process.env.FLY_ROLLOUT_TEST_DIST
  if (!dist)
    throw new Error(
      'FLY_ROLLOUT_TEST_DIST is not set: run the tests through vitest (its global setup bundles dist)'
    )
  const step = mkdtempSync(join(dirs.root, `${entry}-`))
  const file = (name: string) => {
    const p = join(step, name)
    writeFileSync(p, '')
    return p
  }
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dirs.root,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_WORKSPACE: dirs.workspace,
    GITHUB_SHA: 'c0ffee0000000000000000000000000000000000',
    GITHUB_REPOSITORY: 'acme/demo',
    GITHUB_EVENT_NAME: opts.event?.name ?? 'push',
    GITHUB_EVENT_PATH: file('event.json'),
    GITHUB_OUTPUT: file('output'),
    GITHUB_STATE: file('state'),
    GITHUB_STEP_SUMMARY: file('summary'),
    GITHUB_ENV: file('env'),
    GITHUB_PATH: file('path'),
    RUNNER_TOOL_CACHE: dirs.toolCache,
    RUNNER_TEMP: dirs.temp,
    RUNNER_OS: 'Linux',
    ...opts.env
  }
  writeFileSync(
    env.GITHUB_EVENT_PATH!,
    JSON.stringify(opts.event?.payload ?? { ref: 'refs/heads/main' })
  )
  for (const [k, v] of Object.entries(inputs))
    env[`INPUT_${k.toUpperCase()}`] = v
  for (const [k, v] of Object.entries(opts.state ?? {})) env[`STATE_${k}`] = v
  const child = spawn(process.execPath, [join(dist, `${entry}.js`)], {
    env,
    cwd: dirs.workspace,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let out = ''
  let err = ''
  child.stdout!.on('data', (c) => (out += c))
  child.stderr!.on('data', (c) => (err += c))
  const exited = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null
  }))
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    files: () => ({
      outputs: parseFileCommand(readFileSync(env.GITHUB_OUTPUT!, 'utf8')),
      state: parseFileCommand(readFileSync(env.GITHUB_STATE!, 'utf8')),
      summary: readFileSync(env.GITHUB_STEP_SUMMARY!, 'utf8'),
      path: readFileSync(env.GITHUB_PATH!, 'utf8').split('\n').filter(Boolean)
    })
  }
}

/** parseFileCommand reads `name<<DELIM\nvalue\nDELIM` (and `name=value`) records. */
export function parseFileCommand(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const heredoc = /^([^<=]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const [, name, delim] = heredoc
      const value: string[] = []
      for (i++; i < lines.length && lines[i] !== delim; i++)
        value.push(lines[i]!)
      out[name!] = value.join('\n')
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1)
    }
  }
  return out
}
