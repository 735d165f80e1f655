import { existsSync, readFileSync } from 'node:fs'
import { isAbsolute, join, resolve } from 'node:path'
import { createFlyMachinesApi } from '../adapters/fly/machines-api.js'
import { resolveImageDigest } from '../adapters/fly/registry.js'
import { createFlyctl } from '../adapters/flyctl/flyctl.js'
import { installFlyctl } from '../adapters/flyctl/installer.js'
import { createHttpProber } from '../adapters/probe/http-prober.js'
import { actionsIO, type ActionIO } from '../adapters/runtime/actions-io.js'
import { createNodeClock, newUlid } from '../adapters/runtime/node.js'
import {
  parseFlyToml,
  toMachineConfigs,
  toReleaseCommandConfig,
  type AppConfig
} from '../core/appconfig/index.js'
import {
  formatDiagnostic,
  hasErrors,
  type Diagnostic
} from '../core/diagnostics.js'
import { errorMessage, InputError } from '../core/errors.js'
import { makeRelease } from '../core/release.js'
import {
  annotationsFor,
  renderOutputs,
  renderSummaryMarkdown
} from '../core/report.js'
import { parseSecretsInput } from '../core/secrets-input.js'
import { parseRolloutSpec } from '../core/spec.js'
import type { MachineConfig } from '../core/types.js'
import type { Ports } from '../orchestrator/ports.js'
import { runRollout, type RolloutOutcome } from '../orchestrator/run-rollout.js'
import { applySecrets } from '../orchestrator/secrets.js'
import { VERSION } from '../lib/version.js'
import { parseInputs, type ActionConfig } from './inputs.js'
import { StateKey } from './state-keys.js'

/**
 * run is the action's main step (HOUSE-STYLE §8): composition only.
 *
 * 1. Mask the token and every secret value before anything is logged.
 * 2. Parse every input; report every problem at once, before touching Fly.
 * 3. Install flyctl (pinned, checksum-verified, cached) and put it on PATH.
 * 4. Read fly.toml and the rollout spec; annotate their problems by file:line.
 * 5. Build (remote or local, through flyctl) or take the image; pin its digest.
 * 6. Stage secrets through the Machines API; their version rides the waves.
 * 7. Run the rollout; hand its id to the post step until it ends.
 * 8. Outputs, job summary; fail the step unless promoted (or planned).
 */
export async function run(io: ActionIO = actionsIO()): Promise<void> {
  let abort: AbortController | undefined
  try {
    // 1. Masks first.
    const rawToken =
      io.getInput('api-token') || io.env.FLY_API_TOKEN?.trim() || ''
    if (rawToken) io.setSecret(rawToken)
    const rawSecrets = io.getInput('secrets')
    const config = parseInputs((n) => io.getInput(n), io.env)
    const secrets = parseSecretsInput(rawSecrets, config.secretsInclude)
    for (const e of secrets.entries) io.setSecret(e.value)
    if (secrets.problems.length)
      throw new InputError(secrets.problems.map((p) => `input secrets: ${p}`))
    const cwd = resolve(
      io.env.GITHUB_WORKSPACE ?? process.cwd(),
      config.workingDirectory
    )
    const at = (p: string) => (isAbsolute(p) ? p : join(cwd, p))

    // 3. flyctl.
    let flyctlBin: string | undefined
    let flyctlVersion: string | undefined
    const needsFlyctl =
      config.installFlyctl || (!config.image && config.build !== 'none')
    if (needsFlyctl) {
      const installed = await installFlyctl({
        version: config.flyctlVersion,
        releasesUrl: config.flyctlReleasesUrl,
        log: (m) => io.info(m)
      })
      io.addPath(installed.dir)
      io.setOutput('flyctl-version', installed.version)
      flyctlVersion = installed.version
      io.info(
        `flyctl ${installed.version} (checksum verified) is on PATH as flyctl and fly`
      )
      flyctlBin = installed.flyctlPath
    }

    // 4. fly.toml and the rollout spec.
    const diagnostics: Diagnostic[] = []
    const tomlPath = config.config
      ? at(config.config)
      : existsSync(at('fly.toml'))
        ? at('fly.toml')
        : undefined
    let appConfig: AppConfig | undefined
    if (config.config && !existsSync(at(config.config))) {
      throw new InputError([
        `input config: ${config.config} does not exist (working-directory ${config.workingDirectory})`
      ])
    }
    if (tomlPath) {
      const parsed = parseFlyToml(
        readFileSync(tomlPath, 'utf8'),
        relativeToWorkspace(io, tomlPath)
      )
      diagnostics.push(...parsed.diagnostics)
      appConfig = parsed.config
    }
    const specSource =
      config.rollout &&
      !config.rollout.includes('\n') &&
      existsSync(at(config.rollout))
        ? at(config.rollout)
        : undefined
    const specResult = parseRolloutSpec(
      specSource ? readFileSync(specSource, 'utf8') : config.rollout,
      specSource ? relativeToWorkspace(io, specSource) : 'input rollout'
    )
    diagnostics.push(...specResult.diagnostics)
    const app = config.app ?? appConfig?.app
    if (!app)
      diagnostics.push({
        severity: 'error',
        code: 'input',
        summary: 'no app: set the app input or app = "…" in fly.toml'
      })
    if (hasErrors(diagnostics)) {
      for (const a of annotationsFor(diagnostics)) {
        ;(a.level === 'error' ? io.error : io.warning)(a.message, {
          title: a.title,
          file: a.file,
          startLine: a.startLine
        })
      }
      throw new InputError(
        diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)
      )
    }
    for (const d of diagnostics) io.warning(formatDiagnostic(d))
    const spec = specResult.spec!

    // 5. The image, by digest.
    const token = config.token
    let imageRef = config.image ?? appConfig?.build?.image
    if (!imageRef) {
      if (config.build === 'none')
        throw new InputError(['input build: none, and no image to deploy'])
      const flyctl = createFlyctl({
        bin: flyctlBin ?? 'flyctl',
        cwd,
        env: flyctlEnv(config, token)
      })
      io.startGroup(`build (${config.build})`)
      try {
        const built = await flyctl.buildAndPush({
          app: app!,
          config: tomlPath,
          dockerfile: config.dockerfile ? at(config.dockerfile) : undefined,
          imageLabel: config.imageLabel,
          buildArgs: config.buildArgs,
          mode: config.build === 'local' ? 'local' : 'remote'
        })
        imageRef = built.image
      } finally {
        io.endGroup()
      }
    }
    const pinned = await resolveImageDigest(imageRef, {
      token,
      registryUrl: config.registryUrl
    })
    io.info(`image ${pinned.image}`)
    let groups: Record<string, MachineConfig> | undefined
    let releaseCommand: MachineConfig | undefined
    if (appConfig) {
      const opts = {
        image: pinned.image,
        releaseId: 'fly-rollout',
        releaseVersion: '0',
        flyctlVersion: `fly-rollout ${VERSION}`
      }
      const rendered = toMachineConfigs(appConfig, opts)
      groups = rendered.groups as Record<string, MachineConfig>
      if (appConfig.deploy?.release_command)
        releaseCommand = toReleaseCommandConfig(appConfig, opts).config as
          MachineConfig | undefined
    }
    const release = makeRelease({
      image: pinned.image,
      digest: pinned.digest,
      groups,
      releaseCommand
    })

    // 6. Secrets, staged.
    const clock = createNodeClock()
    const api = createFlyMachinesApi({
      baseUrl: config.apiUrl,
      token,
      logger: { info: io.info, warn: (m) => io.warning(m), debug: io.debug }
    })
    const prober = createHttpProber({
      edgeUrl: config.edgeUrl,
      now: () => clock.now(),
      identity: spec.identity === false ? false : spec.identity
    })
    const ports: Ports = {
      ...api,
      prober,
      clock,
      log: { info: io.info, warn: (m) => io.warning(m), debug: io.debug },
      newId: () => newUlid(clock.now())
    }
    let secretsResult: Awaited<ReturnType<typeof applySecrets>> | undefined
    if (secrets.entries.length && !config.dryRun) {
      secretsResult = await applySecrets(ports, app!, secrets.entries, {
        mask: (v) => io.setSecret(v)
      })
      io.info(
        `secrets: ${secretsResult.set.length} set (${secretsResult.set.join(', ') || 'none'}), ${secretsResult.unchanged.length} unchanged`
      )
    }

    // 7. The rollout. A cancelled job (SIGINT/SIGTERM) leaves a resumable state fast; the post step finishes the job.
    abort = new AbortController()
    let onCancel: 'rollback' | 'leave' = 'rollback'
    const stop = (signal: string) => () => {
      onCancel = 'leave'
      io.warning(
        `received ${signal}: stopping; the post step will ${config.onCancel === 'rollback' ? 'roll the rollout back' : 'leave it resumable'}`
      )
      abort!.abort(new Error(`cancelled (${signal})`))
    }
    process.once('SIGINT', stop('SIGINT'))
    process.once('SIGTERM', stop('SIGTERM'))
    const timer = config.timeoutMs
      ? setTimeout(
          () =>
            abort!.abort(new Error(`timed out after ${config.timeoutMs} ms`)),
          config.timeoutMs
        )
      : undefined
    io.saveState(StateKey.App, app!)
    io.saveState(StateKey.ApiUrl, config.apiUrl)
    io.saveState(StateKey.OnCancel, config.onCancel)
    let currentWave: number | undefined
    const outcome: RolloutOutcome = await runRollout(
      {
        app: app!,
        release,
        spec,
        primaryRegion: appConfig?.primary_region,
        minSecretsVersion: secretsResult?.version,
        dryRun: config.dryRun,
        rollback: config.rollback,
        get onCancel() {
          return onCancel
        },
        signal: abort.signal,
        onEvent: (e) => {
          if (e.type === 'planned') {
            io.saveState(StateKey.RolloutId, e.plan.id)
            io.saveState(StateKey.Phase, config.dryRun ? 'done' : 'running')
          } else if (e.type === 'wave-started') {
            if (currentWave !== undefined) io.endGroup()
            currentWave = e.wave.index
            io.startGroup(
              `wave ${e.wave.index + 1} (${e.wave.name}): ${e.wave.regions.map((r) => r.region).join(', ')}`
            )
          } else if (e.type === 'step' && e.result) {
            io.info(
              e.result.ok
                ? `${e.step.action === '~' ? 'updated' : 'created'} ${e.result.machineId} (${e.step.region})`
                : `${e.result.machineId} (${e.step.region}) failed: ${e.result.reason}`
            )
          } else if (e.type === 'look') {
            const f = e.look.figures[0]
            io.info(
              `look: ${e.look.verdict}${f ? ` · ${f.path} ${f.canary.errors}/${f.canary.n} errors` : ''}${e.look.reasons.length ? ` — ${e.look.reasons.join('; ')}` : ''}`
            )
          } else if (e.type === 'wave-done') {
            io.info(`wave ${e.wave.index + 1} (${e.wave.name}): ${e.status}`)
            io.endGroup()
            currentWave = undefined
          } else if (e.type === 'rollback-started') {
            if (currentWave !== undefined) io.endGroup()
            currentWave = undefined
            io.startGroup(`rollback: ${e.reason}`)
          } else if (e.type === 'restored') {
            io.info(
              `${e.result.machineId}: ${e.result.status}${e.result.reason ? ` (${e.result.reason})` : ''}`
            )
          }
        }
      },
      ports
    ).finally(() => {
      if (timer) clearTimeout(timer)
      prober.close()
    })
    if (currentWave !== undefined || outcome.restored.length) io.endGroup()
    // An interrupted run stays "running" for the post step; anything else is settled.
    io.saveState(
      StateKey.Phase,
      outcome.result === 'interrupted' ? 'interrupted' : 'done'
    )

    // 8. Report.
    const url = `https://${app}.fly.dev`
    const outputs = renderOutputs(outcome)
    for (const [k, v] of Object.entries(outputs)) io.setOutput(k, v)
    io.setOutput('url', url)
    for (const a of annotationsFor(outcome.diagnostics)) {
      ;(a.level === 'error' ? io.error : io.warning)(a.message, {
        title: a.title,
        file: a.file,
        startLine: a.startLine
      })
    }
    await io.summary(
      renderSummaryMarkdown(outcome, {
        url,
        flyctlVersion,
        secrets: secretsResult && {
          set: secretsResult.set,
          unchanged: secretsResult.unchanged
        }
      })
    )
    const ok = ['promoted', 'planned', 'nothing-to-do'].includes(outcome.result)
    if (!ok)
      io.setFailed(
        `fly-rollout: ${outcome.result}${outcome.reason ? ` — ${outcome.reason}` : ''}`
      )
  } catch (e) {
    io.setFailed(`fly-rollout failed: ${errorMessage(e)}`)
  }
}

/** flyctlEnv is all flyctl needs: the token travels in the environment, never argv. */
function flyctlEnv(
  config: ActionConfig,
  token: string
): Record<string, string> {
  const env: Record<string, string> = { FLY_API_TOKEN: token }
  if (config.apiUrl !== 'https://api.machines.dev')
    env.FLY_FLAPS_BASE_URL = config.apiUrl
  return env
}

function relativeToWorkspace(io: ActionIO, path: string): string {
  const ws = io.env.GITHUB_WORKSPACE
  return ws && path.startsWith(ws + '/') ? path.slice(ws.length + 1) : path
}
