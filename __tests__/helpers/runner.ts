/**
 * Runs the bundled action the way the GitHub runner does: `node <dist>/index.js`
 * (then `post.js`) with INPUT_* variables and the file commands GITHUB_OUTPUT,
 * GITHUB_STATE, GITHUB_STEP_SUMMARY, GITHUB_ENV and GITHUB_PATH, and
 * RUNNER_TOOL_CACHE / RUNNER_TEMP. State saved by main reaches post as
 * STATE_* variables, as the runner passes it.
 *
 * Every step and runner is registered for the automatic leak scan
 * (leak-collector.ts): the step's stdout (its `::add-mask::` lines checked
 * and stripped), stderr, file commands, its HOME (where the stand-in flyctl
 * logs every argv) and the runner's directories are scanned, when the test
 * finishes, for the tokens and secret values the step was given.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseSecretsInput } from '../../src/core/secrets-input.js'
import { leaks, type MaskRule } from './leak-collector.js'

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
  // Everything a step leaves behind: file commands, HOME, RUNNER_TEMP, the
  // workspace. Not the tool cache (flyctl's binaries), the workspace's git
  // objects, nor the event payload the test wrote.
  leaks().dir(root, ['tool-cache', '.git', 'event.json'])
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
  // Each step has its own HOME: flyctl keeps its state, and the stand-in its
  // argv log, in ~/.fly, which the leak scan reads.
  const home = join(step, 'home')
  mkdirSync(home)
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: home,
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
  watchStep(
    `${entry} step ${step}`,
    env,
    () => out,
    () => err
  )
  if (!env.HOME!.startsWith(dirs.root)) leaks().dir(env.HOME!)
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

/**
 * watchStep registers a step for the leak scan: the secrets are the tokens
 * (api-token, github-token, FLY_API_TOKEN, GITHUB_TOKEN) and every value in
 * the `secrets` input, whether secrets-include selects it or not. The
 * action masks the tokens first thing, and the selected values right after
 * reading its inputs; a post step masks the token before any other output.
 */
function watchStep(
  label: string,
  env: Record<string, string>,
  stdout: () => string,
  stderr: () => string
): void {
  const input = (name: string) => env[`INPUT_${name.toUpperCase()}`]?.trim()
  const tokens = [
    input('api-token'),
    input('github-token'),
    env.FLY_API_TOKEN?.trim(),
    env.GITHUB_TOKEN?.trim()
  ].filter((v): v is string => Boolean(v))
  const raw = input('secrets') ?? ''
  const include = (input('secrets-include') ?? '')
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean)
  const selected = parseSecretsInput(raw, include).entries.map((e) => e.value)
  const watch = leaks()
  watch.secrets(...tokens, ...secretValues(raw))
  const post = label.startsWith('post')
  const rule: MaskRule = post
    ? {
        always: [],
        onceRunning: [input('api-token') || env.FLY_API_TOKEN?.trim() || ''],
        allowBefore: /^::debug::/
      }
    : {
        // The runner masks GITHUB_TOKEN itself; the action masks the rest.
        always: [
          input('api-token') ?? '',
          input('github-token') ?? '',
          env.FLY_API_TOKEN?.trim() ?? ''
        ],
        onceRunning: selected
      }
  watch.actionStdout(`${label} stdout`, stdout, rule)
  watch.text(`${label} stderr`, stderr)
}

/** secretValues are every value the `secrets` input holds: a JSON object's strings, or NAME=VALUE lines'. */
function secretValues(raw: string): string[] {
  if (raw.startsWith('{')) {
    try {
      const o = JSON.parse(raw) as Record<string, unknown>
      return Object.values(o).filter((v): v is string => typeof v === 'string')
    } catch {
      return []
    }
  }
  return parseSecretsInput(raw, []).entries.map((e) => e.value)
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
