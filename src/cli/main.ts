import { demoCommand } from './commands/demo.js'
import { simCommand } from './commands/sim.js'
import { processIO, type CliIO } from './io.js'
import { VERSION } from '../lib/version.js'

const usage = `Usage: fly-rollout <command> [options]

Region-by-region, health-gated, exactly reversible rollouts for Fly.io Machines.

Commands:
  demo       run the demo on an embedded flysim
  sim        start flysim, a local Fly.io, until interrupted
  version    print the version

Run 'fly-rollout <command> --help' for a command's options.
`

type Command = (argv: string[], io: CliIO) => Promise<number>

const COMMANDS: Record<string, Command> = {
  demo: demoCommand,
  sim: simCommand,
  version: async (_argv, io) => {
    io.stdout(`fly-rollout ${VERSION}\n`)
    return 0
  }
}

/** runCli runs one command line and returns its exit code; it never throws. */
export async function runCli(
  argv: string[],
  io: CliIO = processIO()
): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage)
    return name ? 0 : 1
  }
  if (name === '--version') return COMMANDS.version!(rest, io)
  const command = COMMANDS[name]
  if (!command) {
    io.stderr(`fly-rollout: unknown command "${name}"\n\n${usage}`)
    return 1
  }
  try {
    return await command(rest, io)
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e)
    io.stderr(`fly-rollout ${name}: ${message}\n`)
    return 1
  }
}
