import { run } from './run.js'

/**
 * The stand-in flyctl's entry point, bundled to CommonJS (`dist/flyctl.cjs`,
 * and inside release archives): wires process I/O into run(). No top-level
 * await in CommonJS, so the exit code is set when run() settles.
 */
async function main(): Promise<void> {
  process.exitCode = await run(process.argv.slice(2), {
    env: process.env,
    stdin: {
      isTTY: process.stdin.isTTY === true,
      async text() {
        const chunks: Buffer[] = []
        for await (const chunk of process.stdin) {
          chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
        }
        return Buffer.concat(chunks).toString('utf8')
      }
    },
    stdout: process.stdout,
    stderr: process.stderr,
    fetch: globalThis.fetch,
    cwd: process.cwd(),
    argv0: process.argv[1]
  })
}

void main()
