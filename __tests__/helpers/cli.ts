/**
 * The CLI in-process for end-to-end tests: a capturing CliIO, and runCli,
 * both registered for the automatic leak scan (leak-collector.ts): what
 * the command printed is scanned for the tokens its environment held.
 */
import type { ChildProcess } from 'node:child_process'
import type { CliIO } from '../../src/cli/io.js'
import { runCli as runCliMain } from '../../src/cli/main.js'
import { leaks } from './leak-collector.js'

/** TOKEN_ENV are the variables a CLI run reads credentials from. */
export const TOKEN_ENV = ['FLY_API_TOKEN', 'FLY_ACCESS_TOKEN', 'GITHUB_TOKEN']

export type CapturedIO = CliIO & { out: () => string; err: () => string }

let runs = 0

/** cliIO captures stdout and stderr; `env` is the command's whole environment. */
export function cliIO(
  env: Record<string, string> = {},
  isTTY = false
): CapturedIO {
  let out = ''
  let err = ''
  const io: CapturedIO = {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    env,
    stopped: () => new Promise(() => undefined),
    isTTY,
    out: () => out,
    err: () => err
  }
  watched.add(io)
  watchOutput(`cli io #${++runs}`, io.out, io.err, env)
  return io
}

const watched = new WeakSet<CliIO>()

/**
 * runCli runs one command line in-process; an io not made by cliIO is
 * teed so what the command prints is scanned all the same.
 */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  if (watched.has(io)) return runCliMain(argv, io)
  let out = ''
  let err = ''
  watchOutput(
    `cli ${argv[0] ?? ''} #${++runs}`,
    () => out,
    () => err,
    io.env
  )
  return runCliMain(argv, {
    ...io,
    stdout: (t) => {
      out += t
      io.stdout(t)
    },
    stderr: (t) => {
      err += t
      io.stderr(t)
    }
  })
}

/**
 * watchChild registers a spawned process's stdout and stderr (read as they
 * grow) and the tokens of its environment.
 */
export function watchChild(
  label: string,
  child: ChildProcess,
  env: Record<string, string | undefined> = {}
): void {
  let out = ''
  let err = ''
  child.stdout?.on('data', (c) => (out += c))
  child.stderr?.on('data', (c) => (err += c))
  watchOutput(
    label,
    () => out,
    () => err,
    env
  )
}

function watchOutput(
  label: string,
  out: () => string,
  err: () => string,
  env: Record<string, string | undefined>
): void {
  const watch = leaks()
  watch.secrets(...TOKEN_ENV.map((k) => env[k]?.trim()))
  watch.text(`${label} stdout`, out)
  watch.text(`${label} stderr`, err)
}
