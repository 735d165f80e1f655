import { deactivateEnvironment } from '../adapters/github/deployments.js'
import { pullHead } from '../adapters/github/pulls.js'
import type { ActionIO } from '../adapters/runtime/actions-io.js'
import { FlyApiError } from '../core/errors.js'
import { prNumberOf, previewEnvironment } from '../core/preview.js'
import { escapeMarkdownCell } from '../core/report.js'
import { formatDuration } from '../core/units.js'
import {
  sweepPreviews,
  type SweepCandidate,
  type SweepResult
} from '../orchestrator/sweep.js'
import { gitHubSide } from './github.js'
import { requireToken, type ActionConfig } from './inputs.js'
import { connect } from './steps.js'

/**
 * runSweep is `mode: sweep`, for a scheduled workflow: it finds this
 * repository's preview apps (by name and by the label their machines carry)
 * whose PR is closed or that outlived `ttl`, and deletes them: database
 * detached first, deployment deactivated after. `dry-run` (the default
 * here) lists what would go and deletes nothing. A PR whose state cannot
 * be read keeps its app; a failed deletion fails the step.
 */
export async function runSweep(
  io: ActionIO,
  config: ActionConfig
): Promise<void> {
  requireToken(config)
  const gh = gitHubSide(io, config)
  const dryRun = config.dryRun ?? true
  const conn = connect(io, config)
  let result: SweepResult
  try {
    result = await sweepPreviews(conn.ports, {
      org: config.org,
      tag: gh.fullName,
      isPreview: (name) => prNumberOf(name, config.previewName, gh.fullName),
      prState: async (pr) => {
        if (!gh.client) return 'unknown'
        const r = await pullHead(gh.client, {
          owner: gh.owner,
          repo: gh.repo,
          pull: pr
        })
        if (!r.ok) io.warning(r.warning)
        return r.ok ? r.state : 'unknown'
      },
      ttlMs: config.ttlMs,
      now: conn.ports.clock.now(),
      dryRun,
      beforeDelete: async (c) => {
        if (!config.postgres || config.postgresKind !== 'managed') return
        try {
          await conn.api.postgres.detach(config.postgres, c.app)
        } catch (e) {
          if (!(e instanceof FlyApiError && e.status === 404)) throw e
        }
      }
    })
  } finally {
    conn.close()
  }
  if (gh.client && config.deployments) {
    for (const app of result.deleted) {
      const c = result.candidates.find((x) => x.app === app)!
      const r = await deactivateEnvironment(gh.client, {
        owner: gh.owner,
        repo: gh.repo,
        environment: previewEnvironment(c.pr),
        description: `preview ${app} swept`
      })
      if (!r.ok) io.warning(r.warning)
    }
  }
  for (const c of result.candidates)
    io.info(
      `${dryRun ? 'would delete' : result.deleted.includes(c.app) ? 'deleted' : 'kept'} ${c.app}: ${why(c)}`
    )
  for (const k of result.kept) io.info(`kept ${k.app}: ${k.why}`)
  io.setOutput(
    'swept',
    JSON.stringify(
      dryRun ? result.candidates.map((c) => c.app) : result.deleted
    )
  )
  await io.summary(renderSweep(result, dryRun))
  if (result.failed.length)
    io.setFailed(
      `fly-rollout sweep: could not delete ${result.failed.map((f) => `${f.app} (${f.error})`).join('; ')}`
    )
}

function why(c: SweepCandidate): string {
  return c.reason === 'pr-closed'
    ? `PR #${c.pr} is closed`
    : `older than the TTL (${formatDuration(c.age ?? 0)})`
}

/** renderSweep is the job summary: what went (or would go), what stayed, what failed. */
export function renderSweep(result: SweepResult, dryRun: boolean): string {
  const out = [
    `## fly-rollout sweep${dryRun ? ' (dry run: nothing deleted)' : ''}`,
    ''
  ]
  if (!result.candidates.length) out.push('No preview to delete.', '')
  else {
    out.push(
      '| App | PR | Why | |',
      '| --- | --- | --- | --- |',
      ...result.candidates.map((c) => {
        const failed = result.failed.find((f) => f.app === c.app)
        const status = dryRun
          ? 'would delete'
          : failed
            ? `**failed**: ${escapeMarkdownCell(failed.error)}`
            : 'deleted'
        return `| \`${c.app}\` | #${c.pr} | ${escapeMarkdownCell(why(c))} | ${status} |`
      }),
      ''
    )
  }
  if (result.kept.length)
    out.push(
      '<details><summary>Kept</summary>',
      '',
      ...result.kept.map((k) => `- \`${k.app}\`: ${escapeMarkdownCell(k.why)}`),
      '',
      '</details>',
      ''
    )
  return out.join('\n')
}
