import { demoCommand } from './commands/demo.js'
import {
  configCommand,
  deployCommand,
  planCommand,
  resumeCommand,
  rollbackCommand,
  statusCommand
} from './commands/engine.js'
import { simCommand } from './commands/sim.js'
import { processIO, type CliIO } from './io.js'
import { VERSION } from '../lib/version.js'

const usage = `Usage: fly-rollout <command> [options]

Region-by-region, health-gated, exactly reversible rollouts for Fly.io Machines.

Commands:
  config     print the machine configs a fly.toml becomes (offline)
  plan       print the rollout plan; change nothing
  deploy     roll a release out, wave by wave, with exact rollback
  resume     continue an interrupted rollout
  rollback   put every machine a rollout touched back exactly
  status     show the app's machines and any rollout in flight
  demo       run the demo on an embedded flysim
  sim        start flysim, a local Fly.io, until interrupted
  version    print the version

Run 'fly-rollout <command> --help' for a command's options.
`

type Command = (argv: string[], io: CliIO) => Promise<number>

const COMMANDS: Record<string, Command> = {
  config: configCommand,
  plan: planCommand,
  deploy: deployCommand,
  resume: resumeCommand,
  rollback: rollbackCommand,
  status: statusCommand,
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
