import type { ActionIO } from '../adapters/runtime/actions-io.js'
import { InputError } from '../core/errors.js'
import type { SecretEntry } from '../core/secrets-input.js'
import { runRollout } from '../orchestrator/run-rollout.js'
import { requireToken, type ActionConfig } from './inputs.js'
import {
  buildImage,
  connect,
  controlled,
  flyctlFor,
  loadProject,
  releaseOf,
  report,
  setupFlyctl,
  stageSecrets,
  underWatch,
  workspace
} from './steps.js'

/**
 * runDeploy is `mode: deploy`, the main job:
 *
 * 1. Install flyctl (pinned, checksum-verified, cached) and put it on PATH.
 * 2. Read fly.toml and the rollout spec; annotate their problems by file:line.
 * 3. Build (remote or local, through flyctl) or take the image; pin its digest.
 * 4. Stage secrets through the Machines API; their version rides the waves.
 * 5. Run the rollout; hand its id to the post step until it ends.
 * 6. Outputs, job summary; fail the step unless promoted (or planned).
 */
export async function runDeploy(
  io: ActionIO,
  config: ActionConfig,
  secrets: readonly SecretEntry[]
): Promise<void> {
  requireToken(config)
  const ws = workspace(io, config)
  const tool = await setupFlyctl(
    io,
    config,
    !config.image && config.build !== 'none'
  )
  const project = loadProject(io, config, ws)
  const { app, spec } = project
  let imageRef = config.image ?? project.appConfig?.build?.image
  if (!imageRef) {
    if (config.build === 'none')
      throw new InputError(['input build: none, and no image to deploy'])
    imageRef = await buildImage(
      io,
      config,
      ws,
      project,
      flyctlFor(config, ws, tool)
    )
  }
  const release = await releaseOf(io, config, project, imageRef)
  const conn = connect(io, config, spec)
  try {
    const staged = await stageSecrets(io, config, conn.ports, app, secrets)
    const outcome = await underWatch(io, config, app, (control) =>
      runRollout(
        controlled(
          {
            app,
            release,
            spec,
            primaryRegion: project.appConfig?.primary_region,
            minSecretsVersion: staged?.version,
            dryRun: config.dryRun,
            rollback: config.rollback
          },
          control
        ),
        conn.ports
      )
    )
    await report(io, outcome, {
      url: `https://${app}.fly.dev`,
      flyctlVersion: tool.version,
      secrets: staged
    })
  } finally {
    conn.close()
  }
}
