import { randomBytes } from 'node:crypto'

/** Writer is where output goes: process.stdout, or a test's buffer. */
export interface Writer {
  write(chunk: string): unknown
}

/** StdinSource is the process's standard input. */
export interface StdinSource {
  /**
   * True when stdin is a terminal. The stand-in never prompts, so nothing
   * depends on it yet; it is here because flyctl's behaviour does.
   */
  isTTY?: boolean
  /** text reads stdin to its end. */
  text(): Promise<string>
}

/**
 * FlyctlIO is everything the stand-in flyctl touches, injected so tests can
 * call `run()` in-process: the environment, stdio, fetch and the working
 * directory.
 */
export interface FlyctlIO {
  env: Record<string, string | undefined>
  /** Standard input; a string is taken as piped input. */
  stdin: StdinSource | string
  stdout: Writer
  stderr: Writer
  fetch: typeof globalThis.fetch
  cwd: string
  /** The name the program runs as (argv[1]); `version` reports its base name. */
  argv0?: string
}

/**
 * FlyctlError is a failure the way flyctl reports one: `Error: <message>` on
 * stderr and exit code 1. `usageHint` adds cobra's "Run 'flyctl --help' for
 * usage." line (on stdout, as flyctl prints it).
 */
export class FlyctlError extends Error {
  constructor(
    message: string,
    readonly usageHint?: string
  ) {
    super(message)
  }
}

/**
 * goJson renders a value as Go's encoding/json does: HTML-sensitive
 * characters escaped (`<` → \u003c, `>`, `&`, U+2028, U+2029), a trailing
 * newline (json.Encoder), and `indent` spaces when set (flyctl's
 * render.JSON uses 4).
 */
export function goJson(value: unknown, indent = 0): string {
  const text = JSON.stringify(value, null, indent || undefined)
  return (
    text.replace(
      /[<>&\u2028\u2029]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
    ) + '\n'
  )
}

/**
 * humanizeBytes formats a size as go-humanize's Bytes does (SI units, one
 * decimal below 10), which flyctl prints as `image size:`.
 *
 *   9          → "9 B"
 *   82854982   → "83 MB"
 *   1_500_000  → "1.5 MB"
 *   999_999    → "1000 kB"
 */
export function humanizeBytes(n: number): string {
  if (n < 10) return `${n} B`
  const sizes = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB']
  const e = Math.floor(Math.log(n) / Math.log(1000))
  const val = Math.floor((n / Math.pow(1000, e)) * 10 + 0.5) / 10
  return val < 10
    ? `${val.toFixed(1)} ${sizes[e]}`
    : `${val.toFixed(0)} ${sizes[e]}`
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** newUlid returns a 26-character ULID (48-bit ms time, 80 random bits), as flyctl's image tags use. */
export function newUlid(nowMs: number = Date.now()): string {
  let time = Math.max(0, Math.floor(nowMs))
  let head = ''
  for (let i = 0; i < 10; i++) {
    head = CROCKFORD[time % 32] + head
    time = Math.floor(time / 32)
  }
  let tail = ''
  for (const b of randomBytes(16)) tail += CROCKFORD[b % 32]
  return head + tail
}

/** readStdin returns all of stdin's text. */
export async function readStdin(stdin: StdinSource | string): Promise<string> {
  return typeof stdin === 'string' ? stdin : stdin.text()
}
