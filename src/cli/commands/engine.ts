import { readFileSync, existsSync } from 'node:fs'
import { parseFlyToml, toMachineConfigs } from '../../core/appconfig/index.js'
import { formatDiagnostic, hasErrors } from '../../core/diagnostics.js'
import { InputError } from '../../core/errors.js'
import { readMarks } from '../../core/metadata.js'
import { inFlightRollouts } from '../../core/planner.js'
import { renderPlanText } from '../../core/render.js'
import { prepareResume, rollbackRollout } from '../../orchestrator/resume.js'
import {
  runRollout,
  type RolloutOutcome
} from '../../orchestrator/run-rollout.js'
import { composePorts, loadRelease, loadSpec } from '../compose.js'
import {
  COMMON_HELP,
  parseCommonFlags,
  tokenFrom,
  type CommonFlags
} from '../flags.js'
import { UsageError, type CliIO } from '../io.js'
import {
  createReporter,
  exitCodeOf,
  outcomeJson,
  renderOutcome
} from '../reporter.js'

/**
 * The engine's commands: config, plan, deploy, resume, rollback, status.
 * Each parses its flags, reports every input problem before touching Fly,
 * and maps the outcome to an exit code.
 */

export const configUsage = `Usage: fly-rollout config <fly.toml>

Prints the machine config of every process group the fly.toml becomes, or its
problems with file:line. Offline: no API, no token.
`

export async function configCommand(
  argv: string[],
  io: CliIO
): Promise<number> {
  const flags = parseCommonFlags(argv, io, configUsage)
  if (flags.help) return print(io, configUsage)
  const file = flags.positionals[0] ?? flags.config ?? 'fly.toml'
  if (!existsSync(file))
    throw new UsageError(`${file}: no such file\n\n${configUsage}`)
  const parsed = parseFlyToml(readFileSync(file, 'utf8'), file)
  const diagnostics = [...parsed.diagnostics]
  let groups
  if (parsed.config && !hasErrors(diagnostics)) {
    const image = flags.image ?? parsed.config.build?.image ?? '<image>'
    const r = toMachineConfigs(parsed.config, {
      image,
      releaseId: '<release id>',
      releaseVersion: '<release version>',
      flyctlVersion: 'fly-rollout'
    })
    diagnostics.push(...r.diagnostics)
    groups = r.groups
  }
  for (const d of diagnostics) io.stderr(formatDiagnostic(d) + '\n')
  if (hasErrors(diagnostics)) return 1
  io.stdout(
    JSON.stringify(flags.json ? { groups, diagnostics } : groups, null, 2) +
      '\n'
  )
  return 0
}

const planUsage = `Usage: fly-rollout plan [options]

Reads the app and prints the rollout plan — waves, batches, every machine's
change — without changing anything. --json prints the plan value.

${COMMON_HELP}`

const deployUsage = `Usage: fly-rollout deploy [options]

Rolls the release out wave by wave, promoting each wave only on good health
evidence and putting every machine back exactly when it is not.
Exit codes: 0 promoted (or nothing to do), 2 rolled back, 3 held (resume or
roll back later), 1 error (bad input, infrastructure, incomplete rollback).

${COMMON_HELP}`

const resumeUsage = `Usage: fly-rollout resume [options]

Continues an interrupted rollout from another process or job: give the same
--image, --config and --rollout as the original run. A rollout that had begun
rolling back continues its rollback instead.

${COMMON_HELP}`

const rollbackUsage = `Usage: fly-rollout rollback [options]

Puts every machine the in-flight (or the latest) rollout touched back exactly
as it was, and destroys what it created. Needs only --app.

${COMMON_HELP}`

const statusUsage = `Usage: fly-rollout status [options]

Shows the app's machines with their rollout marks, and any rollout in flight.

${COMMON_HELP}`

function print(io: CliIO, text: string): number {
  io.stdout(text)
  return 0
}

/** withAbort makes SIGINT/SIGTERM abort the run (the engine rolls back or leaves per its input). */
function withAbort(io: CliIO): AbortController {
  const ac = new AbortController()
  void io.stopped().then((signal) => ac.abort(new Error(`received ${signal}`)))
  return ac
}

async function engineRun(
  argv: string[],
  io: CliIO,
  mode: 'plan' | 'deploy' | 'resume'
): Promise<number> {
  const usage = { plan: planUsage, deploy: deployUsage, resume: resumeUsage }[
    mode
  ]
  const flags = parseCommonFlags(argv, io, usage)
  if (flags.help) return print(io, usage)
  if (flags.positionals.length)
    throw new UsageError(
      `unexpected argument "${flags.positionals[0]}"\n\n${usage}`
    )
  const token = tokenFrom(io)
  const specResult = loadSpec(flags.rollout)
  if (!specResult.spec)
    throw new InputError(specResult.diagnostics.map(formatDiagnostic))
  const inputs = await loadRelease(flags, token)
  for (const d of inputs.diagnostics) io.stderr(formatDiagnostic(d) + '\n')
  const { ports, prober } = composePorts(flags, token, io, {
    identity: specResult.spec.identity
  })
  const reporter = createReporter(io, { json: flags.json })
  const abort = withAbort(io)
  try {
    let outcome: RolloutOutcome
    if (mode === 'resume') {
      const prepared = await prepareResume(ports, {
        app: inputs.app,
        release: inputs.release,
        spec: specResult.spec,
        primaryRegion: inputs.primaryRegion,
        rolloutId: flags.rolloutId
      })
      if ('rollingBack' in prepared) {
        io.stderr(
          `rollout ${prepared.rolloutId} was rolling back: continuing its rollback\n`
        )
        return await rollbackRun(flags, io, ports, prepared.rolloutId)
      }
      outcome = await runRollout(
        {
          app: inputs.app,
          release: inputs.release,
          spec: specResult.spec,
          primaryRegion: inputs.primaryRegion,
          signal: abort.signal,
          onEvent: reporter.onEvent,
          resume: prepared
        },
        ports
      )
    } else {
      outcome = await runRollout(
        {
          app: inputs.app,
          release: inputs.release,
          spec: specResult.spec,
          primaryRegion: inputs.primaryRegion,
          dryRun: mode === 'plan',
          signal: abort.signal,
          onEvent: mode === 'plan' ? undefined : reporter.onEvent
        },
        ports
      )
    }
    reporter.close()
    if (flags.json)
      io.stdout(
        JSON.stringify(
          mode === 'plan'
            ? {
                result: outcome.result,
                plan: outcome.plan,
                diagnostics: outcome.diagnostics
              }
            : outcomeJson(outcome)
        ) + '\n'
      )
    else if (mode === 'plan' && outcome.plan)
      io.stdout(renderPlanText(outcome.plan))
    else io.stdout(renderOutcome(outcome))
    return mode === 'plan'
      ? outcome.result === 'invalid'
        ? 1
        : 0
      : exitCodeOf(outcome)
  } finally {
    abort.abort()
    prober.close()
  }
}

async function rollbackRun(
  flags: CommonFlags,
  io: CliIO,
  ports: ReturnType<typeof composePorts>['ports'],
  rolloutId?: string
): Promise<number> {
  const started = ports.clock.now()
  const r = await rollbackRollout(ports, {
    app: flags.app!,
    rolloutId: rolloutId ?? flags.rolloutId,
    onRestored: flags.json
      ? undefined
      : (x) =>
          io.stdout(
            `  ${x.machineId}: ${x.status}${x.reason ? ` (${x.reason})` : ''}\n`
          )
  })
  if (!r) {
    io.stderr(
      `no rollout to roll back on ${flags.app}${flags.rolloutId ? ` with id ${flags.rolloutId}` : ''}\n`
    )
    return 1
  }
  const result = r.report.complete ? 'rolled-back' : 'rollback-incomplete'
  if (flags.json) {
    io.stdout(
      JSON.stringify({
        result,
        rolloutId: r.rolloutId,
        app: flags.app,
        restored: r.report.results,
        durations: { totalMs: ports.clock.now() - started }
      }) + '\n'
    )
  } else {
    io.stdout(`result: ${result} — rollout ${r.rolloutId} on ${flags.app}\n`)
    for (const x of r.report.results.filter(
      (y) => y.status === 'failed' || y.status === 'unrestorable'
    )) {
      io.stdout(
        `  retry: fly-rollout rollback --app ${flags.app} --rollout-id ${r.rolloutId}   (${x.machineId}: ${x.reason}; S₀ image ${x.s0Digest ?? 'unknown'})\n`
      )
    }
  }
  return r.report.complete ? 2 : 1
}

export const planCommand = (argv: string[], io: CliIO) =>
  engineRun(argv, io, 'plan')
export const deployCommand = (argv: string[], io: CliIO) =>
  engineRun(argv, io, 'deploy')
export const resumeCommand = (argv: string[], io: CliIO) =>
  engineRun(argv, io, 'resume')

export async function rollbackCommand(
  argv: string[],
  io: CliIO
): Promise<number> {
  const flags = parseCommonFlags(argv, io, rollbackUsage)
  if (flags.help) return print(io, rollbackUsage)
  if (!flags.app) throw new UsageError(`--app is required\n\n${rollbackUsage}`)
  const token = tokenFrom(io)
  const { ports, prober } = composePorts(flags, token, io)
  try {
    return await rollbackRun(flags, io, ports)
  } finally {
    prober.close()
  }
}

export async function statusCommand(
  argv: string[],
  io: CliIO
): Promise<number> {
  const flags = parseCommonFlags(argv, io, statusUsage)
  if (flags.help) return print(io, statusUsage)
  if (!flags.app) throw new UsageError(`--app is required\n\n${statusUsage}`)
  const token = tokenFrom(io)
  const { ports, prober } = composePorts(flags, token, io)
  try {
    const machines = await ports.machines.list(flags.app)
    const inflight = inFlightRollouts(machines)
    if (flags.json) {
      io.stdout(
        JSON.stringify({
          app: flags.app,
          inFlight: inflight,
          machines: machines.map((m) => ({
            id: m.id,
            region: m.region,
            state: m.state,
            version: m.version,
            image: m.imageDigest,
            checks: m.checks,
            marks: readMarks(m.config.metadata)
          }))
        }) + '\n'
      )
      return 0
    }
    io.stdout(`app ${flags.app}: ${machines.length} machines\n`)
    for (const m of machines) {
      const marks = readMarks(m.config.metadata)
      const checks = m.checks.map((c) => c.status).join(',') || '-'
      io.stdout(
        `  ${m.id}  ${m.region}  ${m.state.padEnd(8)}  ${m.imageDigest.slice(7, 19)}  checks ${checks}${marks ? `  rollout ${marks.rolloutId} wave ${marks.wave ?? '-'}${marks.status ? ` ${marks.status}` : ''}` : ''}\n`
      )
    }
    if (inflight.length) {
      for (const f of inflight) {
        io.stdout(
          `rollout ${f.rolloutId} is ${f.rollingBack ? 'rolling back' : 'in flight'} (${f.machines.length} machines): 'fly-rollout resume --app ${flags.app}' or 'fly-rollout rollback --app ${flags.app}'\n`
        )
      }
    } else io.stdout('no rollout in flight\n')
    return 0
  } finally {
    prober.close()
  }
}
