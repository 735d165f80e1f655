/** CliIO is everything a command touches of its process, so tests can run commands in-process. */
export interface CliIO {
  stdout: (text: string) => void
  stderr: (text: string) => void
  env: Record<string, string | undefined>
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM). */
  stopped: () => Promise<string>
  isTTY: boolean
}

/** processIO returns the real process's IO. */
export function processIO(): CliIO {
  // A closed pipe (`fly-rollout … | head`) is not an error worth a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e
    })
  }
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    env: process.env,
    stopped: () =>
      new Promise((resolve) => {
        const on = (signal: string) => () => resolve(signal)
        process.once('SIGINT', on('SIGINT'))
        process.once('SIGTERM', on('SIGTERM'))
      }),
    isTTY: Boolean(process.stdout.isTTY)
  }
}

/** UsageError is a bad command line: exit code 1 and the message, no stack trace. */
export class UsageError extends Error {}
