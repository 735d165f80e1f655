import { parseArgs } from 'node:util'
import { startSim } from '../../sim/index.js'
import { UsageError, type CliIO } from '../io.js'

export const simUsage = `Usage: fly-rollout sim [options]

Starts flysim, a local Fly.io: the Machines API, machines serving HTTP, the
edge proxy, the flyctl release server and an admin API, all on 127.0.0.1.
Prints one JSON line {"apiUrl","edgeUrl","releasesUrl","adminUrl","token"}
once ready, then runs until SIGINT or SIGTERM.

Options:
  --regions <codes>            regions, comma-separated (default sjc,lhr,syd)
  --app <name>                 create an app with running machines
  --machines-per-region <n>    machines per region for --app (default 2)
  --port <n>                   API port; edge, releases and admin take the next
                               three (default 0: any free ports)
  --seed <n>                   seed for every random choice (default 1)
  --time-scale <x>             virtual seconds per real second (default 1)
  --no-rate-limits             turn Fly's documented rate limits off
  --token <token>              API token to accept (default: a random one)
`

/** simCommand runs `fly-rollout sim`. */
export async function simCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseOrThrow(argv)
  if (values.help) {
    io.stdout(simUsage)
    return 0
  }
  const regions = (values.regions ?? 'sjc,lhr,syd')
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean)
  const perRegion = intOption(
    values['machines-per-region'] ?? '2',
    '--machines-per-region',
    1
  )
  if (values['machines-per-region'] !== undefined && !values.app) {
    throw new UsageError('--machines-per-region needs --app')
  }
  const sim = await startSim({
    regions,
    apps: values.app
      ? [{ name: values.app, machinesPerRegion: perRegion }]
      : [],
    port: intOption(values.port ?? '0', '--port', 0),
    seed: intOption(values.seed ?? '1', '--seed', 0),
    clockScale: numberOption(values['time-scale'] ?? '1', '--time-scale'),
    rateLimits: !values['no-rate-limits'],
    token: values.token
  }).catch((e: unknown) => {
    throw new UsageError((e as Error).message)
  })
  io.stdout(
    JSON.stringify({
      apiUrl: sim.apiUrl,
      edgeUrl: sim.edgeUrl,
      releasesUrl: sim.releasesUrl,
      adminUrl: sim.adminUrl,
      token: sim.token
    }) + '\n'
  )
  await io.stopped()
  await sim.close()
  return 0
}

function parseOrThrow(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        regions: { type: 'string' },
        app: { type: 'string' },
        'machines-per-region': { type: 'string' },
        port: { type: 'string' },
        seed: { type: 'string' },
        'time-scale': { type: 'string' },
        'no-rate-limits': { type: 'boolean' },
        token: { type: 'string' },
        help: { type: 'boolean', short: 'h' }
      },
      allowPositionals: false,
      strict: true
    })
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n\n${simUsage}`)
  }
}

function intOption(v: string, name: string, min: number): number {
  if (!/^\d+$/.test(v) || Number(v) < min) {
    throw new UsageError(`${name} must be an integer >= ${min}, got "${v}"`)
  }
  return Number(v)
}

function numberOption(v: string, name: string): number {
  const n = Number(v)
  if (!Number.isFinite(n) || n < 0)
    throw new UsageError(`${name} must be a number >= 0, got "${v}"`)
  return n
}
