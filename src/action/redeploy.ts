import type { ActionIO } from '../adapters/runtime/actions-io.js'
import { InputError } from '../core/errors.js'
import { escapeMarkdownCell, fence } from '../core/report.js'
import type { SecretEntry } from '../core/secrets-input.js'
import {
  planRedeploy,
  runRedeploy,
  type RedeployResult
} from '../orchestrator/redeploy.js'
import { requireToken, type ActionConfig } from './inputs.js'
import {
  buildImage,
  connect,
  controlled,
  flyctlFor,
  loadProject,
  pinImageRef,
  renderConfigs,
  report,
  setupFlyctl,
  stageSecrets,
  underWatch,
  workspace
} from './steps.js'

/**
 * runRedeployMode is `mode: redeploy`, for a scheduled workflow: the release
 * running now is rolled out again through the same waves and gates (or a
 * `no-cache` rebuild of it, to pick up base-image patches), and drift is
 * repaired on the way: machines on another image or config than the last
 * rollout recorded, pools below `counts`, a rollout left in flight (rolled
 * back first). The summary says what drifted and what was repaired.
 */
export async function runRedeployMode(
  io: ActionIO,
  config: ActionConfig,
  secrets: readonly SecretEntry[]
): Promise<void> {
  requireToken(config)
  if (config.noCache && (config.image || config.build === 'none'))
    throw new InputError([
      'input no-cache: a rebuild needs the source: leave image empty and build remote or local'
    ])
  const ws = workspace(io, config)
  const tool = await setupFlyctl(io, config, config.noCache)
  const project = loadProject(io, config, ws)
  const { app, spec } = project
  let rebuild: { image: string; digest: string } | undefined
  if (config.noCache)
    rebuild = await pinImageRef(
      io,
      config,
      await buildImage(io, config, ws, project, flyctlFor(config, ws, tool), {
        noCache: true
      })
    )
  const groups = renderConfigs(project, rebuild?.image ?? '').groups
  const conn = connect(io, config, spec)
  try {
    const input = {
      app,
      spec,
      groups,
      rebuild,
      primaryRegion: project.appConfig?.primary_region
    }
    if (config.dryRun) {
      const plan = await planRedeploy(conn.ports, input)
      io.info(plan.text)
      io.setOutput('result', 'planned')
      io.setOutput('drift', JSON.stringify(plan.drift.items))
      await io.summary(
        `## fly-rollout: redeploy of ${app} (plan)\n\n${fence(plan.text, 'text')}\n`
      )
      return
    }
    const staged = await stageSecrets(io, config, conn.ports, app, secrets)
    let result: RedeployResult | undefined
    const outcome = await underWatch(io, config, app, async (control) => {
      result = await runRedeploy(
        conn.ports,
        controlled(
          {
            ...input,
            minSecretsVersion: staged?.version,
            rollback: config.rollback
          },
          control
        )
      )
      return result.outcome
    })
    io.info(result!.text)
    io.setOutput('drift', JSON.stringify(result!.drift.items))
    io.setOutput('repaired', JSON.stringify(result!.repaired))
    await report(io, outcome, {
      url: `https://${app}.fly.dev`,
      flyctlVersion: tool.version,
      secrets: staged,
      extra: renderDrift(result!)
    })
  } finally {
    conn.close()
  }
}

/** renderDrift is the summary's drift section: each item, repaired or not and why. */
export function renderDrift(r: RedeployResult): string {
  const out = ['### Drift', '']
  if (r.recovered)
    out.push(
      `Rollout \`${r.recovered.rolloutId}\` was left in flight: rolled back first.`,
      ''
    )
  if (!r.drift.items.length) out.push('None: every machine was as recorded.')
  else {
    out.push('| Kind | What | |', '| --- | --- | --- |')
    for (const i of r.drift.items) {
      const left = r.unrepaired.find((u) => u.subject === i.subject)
      const status = r.repaired.includes(i.subject)
        ? 'repaired'
        : `not repaired${left ? `: ${escapeMarkdownCell(left.why)}` : ''}`
      out.push(`| ${i.kind} | ${escapeMarkdownCell(i.detail)} | ${status} |`)
    }
  }
  out.push(
    '',
    r.imageChange
      ? 'Image: rebuilt without cache.'
      : 'Image: the digest running before (no image change).',
    ''
  )
  return out.join('\n')
}
