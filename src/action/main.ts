import { readFileSync } from 'node:fs'
import { actionsIO, type ActionIO } from '../adapters/runtime/actions-io.js'
import { errorMessage, InputError } from '../core/errors.js'
import { readEvent, type EventContext } from '../core/github-event.js'
import { parseSecretsInput } from '../core/secrets-input.js'
import { linesToMask } from '../orchestrator/secrets.js'
import { runDeploy } from './deploy.js'
import { parseInputs, type ActionConfig, type Mode } from './inputs.js'
import { runPreview } from './preview.js'
import { runRedeployMode } from './redeploy.js'
import { runSweep } from './sweep.js'

/**
 * run is the action's main step (HOUSE-STYLE §8): composition only.
 *
 * 1. Mask the tokens and every secret value before anything is logged.
 * 2. Parse every input, read the event and pick the mode (deploy, preview,
 *    sweep or redeploy); report every problem at once, before touching Fly.
 * 3. Run it; a mode fails the step itself when its result is not good.
 */
export async function run(io: ActionIO = actionsIO()): Promise<void> {
  try {
    // 1. Masks first.
    for (const name of ['api-token', 'github-token']) {
      const v = io.getInput(name)
      if (v) io.setSecret(v)
    }
    // The environment's tokens are inputs' fallbacks (inputs.ts): masked alike.
    for (const name of ['FLY_API_TOKEN', 'GITHUB_TOKEN']) {
      const v = io.env[name]?.trim()
      if (v) io.setSecret(v)
    }
    const rawSecrets = io.getInput('secrets')

    // 2. Inputs, and the event and mode they apply to.
    const config = parseInputs((n) => io.getInput(n), io.env)
    const secrets = parseSecretsInput(rawSecrets, config.secretsInclude)
    // Runners mask line by line: each line of a multi-line value too.
    for (const e of secrets.entries)
      for (const v of [e.value, ...linesToMask(e.value)]) io.setSecret(v)
    const event = eventOf(io)
    const mode = resolveMode(config, event)
    if (secrets.problems.length && !secretless(mode, event))
      throw new InputError(secrets.problems)
    if (mode !== 'deploy') io.info(`fly-rollout: mode ${mode}`)

    // 3. The mode.
    if (mode === 'preview') await runPreview(io, config, event, secrets.entries)
    else if (mode === 'sweep') await runSweep(io, config)
    else if (mode === 'redeploy')
      await runRedeployMode(io, config, secrets.entries)
    else await runDeploy(io, config, secrets.entries)
  } catch (e) {
    io.setFailed(`fly-rollout failed: ${errorMessage(e)}`)
  }
}

/** eventOf reads the event that started the workflow (GITHUB_EVENT_NAME, GITHUB_EVENT_PATH). */
function eventOf(io: ActionIO): EventContext {
  const name = io.env.GITHUB_EVENT_NAME ?? ''
  const path = io.env.GITHUB_EVENT_PATH
  let payload: unknown
  try {
    payload = path ? JSON.parse(readFileSync(path, 'utf8')) : undefined
  } catch {
    payload = undefined
  }
  return readEvent(name, payload)
}

/**
 * secretless: a preview run for a fork's `pull_request` gets no secrets from
 * GitHub and is skipped with a notice, so its `secrets` input (a
 * `secrets-include` that now matches nothing) is not held against it.
 */
function secretless(mode: Mode, event: EventContext): boolean {
  return (
    mode === 'preview' &&
    event.kind === 'pull_request' &&
    event.event === 'pull_request' &&
    event.fork
  )
}

/**
 * resolveMode: an explicit `mode` wins; `auto` is preview on pull request
 * and /preview comment events when `preview: true`, else deploy.
 */
export function resolveMode(config: ActionConfig, event: EventContext): Mode {
  if (config.mode) return config.mode
  if (config.preview && event.kind !== 'other') return 'preview'
  return 'deploy'
}
