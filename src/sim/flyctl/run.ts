import { dirname, join } from 'node:path'
import { appendFileSync, mkdirSync } from 'node:fs'
import { runAppsCreate, runAppsDestroy } from './apps.js'
import {
  ArgsError,
  commandPath,
  parseArgv,
  type CommandSpec,
  type FlagSpec,
  type Parsed
} from './args.js'
import { createContext, type CommandContext } from './context.js'
import { runDeploy } from './deploy.js'
import { ApiError, TransportError } from './flaps.js'
import { FlyctlError, type FlyctlIO } from './io.js'
import { runPostgresAttach, runPostgresDetach } from './postgres.js'
import { runSecretsImport } from './secrets.js'
import { runStatus } from './status.js'
import { runUpgrade, runVersion } from './version.js'

/**
 * The stand-in flyctl: the subcommands fly-rollout calls, with flyctl's
 * flags, output and errors, talking to flysim over HTTP. Anything else is
 * an unknown command, as it would be to cobra.
 */

const ROOT = 'flyctl'

/** Flags every flyctl command accepts (flyctl's persistent flags). */
const GLOBALS: FlagSpec[] = [
  { name: 'access-token', short: 't', kind: 'string' },
  { name: 'verbose', kind: 'bool' },
  { name: 'debug', kind: 'bool' }
]

const app: FlagSpec = { name: 'app', short: 'a', kind: 'string' }
const config: FlagSpec = { name: 'config', short: 'c', kind: 'string' }
const json: FlagSpec = { name: 'json', short: 'j', kind: 'bool' }
const yes: FlagSpec = { name: 'yes', short: 'y', kind: 'bool' }
const detach: FlagSpec = { name: 'detach', kind: 'bool' }

const str = (name: string, short?: string): FlagSpec => ({
  name,
  short,
  kind: 'string'
})
const bool = (name: string, short?: string): FlagSpec => ({
  name,
  short,
  kind: 'bool'
})
const arr = (name: string, short?: string): FlagSpec => ({
  name,
  short,
  kind: 'stringArray'
})

type Handler = (ctx: CommandContext) => void | Promise<void>

/** TREE is the command tree (flags as flyctl declares them) with handlers. */
const TREE: CommandSpec & { handlers: Record<string, Handler> } = {
  name: ROOT,
  short: 'The Fly.io command line interface (flysim stand-in)',
  runnable: false,
  subcommands: [
    {
      name: 'version',
      short: 'Show version information for the flyctl command',
      runnable: true,
      args: { kind: 'none' },
      flags: [json, str('saveinstall', 's')],
      subcommands: [
        {
          name: 'upgrade',
          aliases: ['update'],
          short:
            'Checks for available updates and automatically upgrades flyctl',
          runnable: true,
          args: { kind: 'none' }
        }
      ]
    },
    {
      name: 'deploy',
      short: 'Deploy Fly applications (stand-in: --build-only only)',
      runnable: true,
      args: { kind: 'max', n: 1 },
      flags: [
        app,
        config,
        yes,
        detach,
        str('region', 'r'),
        str('image', 'i'),
        str('image-label'),
        str('dockerfile'),
        str('ignorefile'),
        str('build-target'),
        str('strategy'),
        str('wait-timeout'),
        str('release-command-timeout'),
        str('max-unavailable'),
        str('depot'),
        str('builder-pool'),
        str('buildkit-addr'),
        str('buildkit-image'),
        arr('build-arg'),
        arr('build-secret'),
        arr('label'),
        arr('env', 'e'),
        arr('regions'),
        arr('only-regions'),
        arr('exclude-regions'),
        bool('build-only'),
        bool('push'),
        bool('remote-only'),
        bool('local-only'),
        bool('no-cache'),
        bool('nixpacks'),
        bool('buildkit'),
        bool('now'),
        bool('ha'),
        bool('smoke-checks'),
        bool('recreate-builder'),
        bool('auto-confirm'),
        bool('no-public-ips'),
        bool('immediate-max-concurrent')
      ]
    },
    {
      name: 'secrets',
      short: 'Manage application secrets with the set and unset commands.',
      runnable: false,
      subcommands: [
        {
          name: 'import',
          short: 'Set secrets as NAME=VALUE pairs from stdin',
          runnable: true,
          args: { kind: 'none' },
          flags: [
            app,
            config,
            detach,
            bool('stage'),
            { name: 'dns-checks', kind: 'bool', default: true }
          ]
        }
      ]
    },
    {
      name: 'apps',
      aliases: ['app'],
      short: 'Manage apps.',
      runnable: false,
      subcommands: [
        {
          name: 'create',
          short: 'Create a new application',
          runnable: true,
          args: { kind: 'range', min: 0, max: 1 },
          flags: [
            json,
            str('name'),
            bool('generate-name'),
            str('network'),
            str('org', 'o'),
            bool('machines')
          ]
        },
        {
          name: 'destroy',
          aliases: ['delete', 'remove', 'rm'],
          short: 'Permanently destroys an app',
          runnable: true,
          args: { kind: 'exact', n: 1 },
          flags: [yes]
        }
      ]
    },
    {
      name: 'postgres',
      aliases: ['pg'],
      short: 'Unmanaged Postgres cluster commands',
      runnable: false,
      subcommands: [
        {
          name: 'attach',
          short: 'Attach a postgres cluster to an app',
          runnable: true,
          args: { kind: 'exact', n: 1 },
          flags: [
            app,
            config,
            yes,
            bool('auto-confirm'),
            str('database-name'),
            str('database-user'),
            { name: 'variable-name', kind: 'string', default: 'DATABASE_URL' },
            { name: 'superuser', kind: 'bool', default: true }
          ]
        },
        {
          name: 'detach',
          short: 'Detach a postgres cluster from an app',
          runnable: true,
          args: { kind: 'exact', n: 1 },
          // flyctl's detach has no --yes: it always prompts (detach.go).
          flags: [app, config]
        }
      ]
    },
    {
      name: 'status',
      short: 'Show app status',
      runnable: true,
      args: { kind: 'none' },
      flags: [
        app,
        config,
        json,
        bool('all'),
        bool('deployment'),
        bool('watch'),
        { name: 'rate', kind: 'int', default: 5 }
      ]
    }
  ],
  handlers: {
    version: runVersion,
    'version upgrade': runUpgrade,
    deploy: runDeploy,
    'secrets import': runSecretsImport,
    'apps create': runAppsCreate,
    'apps destroy': runAppsDestroy,
    'postgres attach': runPostgresAttach,
    'postgres detach': runPostgresDetach,
    status: runStatus
  }
}

/**
 * run executes one stand-in flyctl invocation and resolves to its exit
 * code; it never throws. Errors print as flyctl prints them: `Error: …` on
 * stderr, exit 1. Every invocation appends `{argv, cwd, at}` to
 * FLYSIM_FLYCTL_LOG, else to `$HOME/.fly/flysim-argv.jsonl` (flyctl keeps its
 * state in ~/.fly; HOME reaches it even through a caller that passes flyctl
 * a minimal environment), so tests can prove what was (and was not) passed.
 */
export async function run(
  argv: readonly string[],
  io: FlyctlIO
): Promise<number> {
  logInvocation(argv, io)
  let parsed: Parsed
  try {
    parsed = parseArgv(TREE, GLOBALS, argv)
  } catch (e) {
    if (e instanceof ArgsError) {
      io.stderr.write(`Error: ${e.message}\n\n`)
      if (e.usageHint)
        io.stdout.write(`Run '${e.commandPath} --help' for usage.\n\n`)
      return 1
    }
    return crash(io, e)
  }

  const key = parsed.path.join(' ')
  const handler = TREE.handlers[key]
  if (parsed.help || !parsed.command.runnable || !handler) {
    io.stdout.write(usage(parsed))
    return 0
  }
  try {
    await handler(createContext(io, parsed))
    return 0
  } catch (e) {
    if (e instanceof FlyctlError) {
      io.stderr.write(`Error: ${e.message}\n\n`)
      if (e.usageHint) io.stdout.write(`${e.usageHint}\n\n`)
      return 1
    }
    if (e instanceof ApiError || e instanceof TransportError) {
      io.stderr.write(`Error: ${e.message}\n\n`)
      return 1
    }
    return crash(io, e)
  }
}

/** crash reports a bug in the stand-in without a stack trace, exit 1. */
function crash(io: FlyctlIO, e: unknown): number {
  io.stderr.write(
    `Error: flysim stand-in flyctl failed unexpectedly: ${e instanceof Error ? e.message : String(e)}\n\n`
  )
  return 1
}

function logInvocation(argv: readonly string[], io: FlyctlIO): void {
  const home = io.env.HOME
  const file =
    io.env.FLYSIM_FLYCTL_LOG ??
    (home ? join(home, '.fly', 'flysim-argv.jsonl') : undefined)
  if (!file) return
  try {
    mkdirSync(dirname(file), { recursive: true })
    appendFileSync(
      file,
      JSON.stringify({
        argv: [...argv],
        cwd: io.cwd,
        at: new Date().toISOString()
      }) + '\n'
    )
  } catch {
    // A log that cannot be written must not change flyctl's behaviour.
  }
}

/** usage is a short cobra-style help text for a command. */
function usage(parsed: Parsed): string {
  const c = parsed.command
  const path = commandPath(ROOT, parsed.path)
  const lines = [
    c.short,
    '',
    'Usage:',
    `  ${path}${c.subcommands?.length ? ' [command]' : ''} [flags]`,
    ''
  ]
  if (c.subcommands?.length) {
    lines.push('Available Commands:')
    for (const s of c.subcommands)
      lines.push(`  ${s.name.padEnd(12)} ${s.short}`)
    lines.push('')
  }
  const flags = [
    ...(c.flags ?? []),
    { name: 'help', short: 'h', kind: 'bool' as const }
  ]
  lines.push('Flags:')
  for (const f of flags) {
    const short = f.short ? `-${f.short}, ` : '    '
    lines.push(
      `  ${short}--${f.name}${f.kind === 'bool' ? '' : ` ${f.kind === 'stringArray' ? 'stringArray' : f.kind}`}`
    )
  }
  lines.push('', 'Global Flags:')
  for (const f of GLOBALS) {
    lines.push(
      `  ${f.short ? `-${f.short}, ` : '    '}--${f.name}${f.kind === 'bool' ? '' : ` ${f.kind}`}`
    )
  }
  if (c.subcommands?.length) {
    lines.push(
      '',
      `Use "${path} [command] --help" for more information about a command.`
    )
  }
  return lines.join('\n') + '\n'
}
