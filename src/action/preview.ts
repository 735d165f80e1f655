import { execFileSync } from 'node:child_process'
import { upsertComment } from '../adapters/github/comment.js'
import {
  deactivateEnvironment,
  setDeploymentStatus,
  startDeployment
} from '../adapters/github/deployments.js'
import { canTrigger, pullHead } from '../adapters/github/pulls.js'
import type { ActionIO } from '../adapters/runtime/actions-io.js'
import {
  AppNameTakenError,
  errorMessage,
  FlyApiError,
  InputError,
  StateConflictError
} from '../core/errors.js'
import type { EventContext } from '../core/github-event.js'
import { KEY } from '../core/metadata.js'
import {
  commentMarker,
  previewAppName,
  previewEnvironment,
  renderPreviewComment,
  type PreviewCommentInput
} from '../core/preview.js'
import { renderPlanText } from '../core/render.js'
import type { SecretEntry } from '../core/secrets-input.js'
import type { RolloutSpec } from '../core/spec.js'
import type { Ports } from '../orchestrator/ports.js'
import { runRollout, type RolloutOutcome } from '../orchestrator/run-rollout.js'
import { previewTagProblem } from '../orchestrator/sweep.js'
import { gitHubSide, type GitHubSide } from './github.js'
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
  workspace,
  type Connection,
  type FlyctlTool
} from './steps.js'

/** Trigger is a preview to act on: which PR, at which commit, and whether it goes up or away. */
interface Trigger {
  pr: number
  sha: string
  action: 'deploy' | 'destroy'
  /** Why the run acts, for the log. */
  why: string
}

/**
 * runPreview is `mode: preview` (issue-5 §1–2; USERS §4): an app per pull
 * request, created on the first push, updated in place on the next ones,
 * destroyed when the PR closes.
 *
 * 1. Read the event: which PR, which commit, up or away. Fork PRs, closed
 *    PRs and comments other than a member's `/preview` are skipped with a
 *    notice, never failed.
 * 2. Up: read fly.toml and the spec (every problem before any change), tell
 *    GitHub (deployment in progress, sticky comment), create the app if it
 *    is missing (org checked, tagged by its machines), assign IPs, attach
 *    Postgres, stage secrets, build, roll out one health-gated wave.
 * 3. Away: detach Postgres, delete the app (a failure fails the step),
 *    deactivate the deployment, mark the comment.
 *
 * Every GitHub failure is a warning; the deploy's own result decides the step.
 */
export async function runPreview(
  io: ActionIO,
  config: ActionConfig,
  event: EventContext,
  secrets: readonly SecretEntry[]
): Promise<void> {
  const gh = gitHubSide(io, config)
  const trigger = await readTrigger(io, config, event, gh)
  if (!trigger) {
    io.setOutput('preview', 'skipped')
    return
  }
  requireToken(config)
  const app = previewAppName({
    template: config.previewName,
    repo: gh.fullName,
    pr: trigger.pr
  })
  io.setOutput('app', app)
  io.info(`preview ${app} for PR #${trigger.pr}: ${trigger.why}`)
  if (trigger.action === 'destroy')
    await destroyPreview(io, config, gh, trigger, app)
  else await deployPreview(io, config, gh, trigger, app, secrets)
}

/** readTrigger decides what the event asks for; undefined: nothing to do (a notice says why). */
async function readTrigger(
  io: ActionIO,
  config: ActionConfig,
  event: EventContext,
  gh: GitHubSide
): Promise<Trigger | undefined> {
  if (event.kind === 'pull_request') {
    const closing = event.action === 'closed'
    if (event.fork && event.event === 'pull_request') {
      io.notice(
        `PR #${event.number} comes from a fork: pull_request runs from forks get no secrets, so no preview. A maintainer can comment /preview, or see the README's pull_request_target pattern.`
      )
      return undefined
    }
    if (event.fork && !closing && config.forkPrs !== 'deploy') {
      io.notice(
        `PR #${event.number} comes from a fork: skipped (fork-prs: skip). Deploying a fork's code with this repository's secrets needs fork-prs: deploy, behind an environment with required reviewers.`
      )
      return undefined
    }
    if (closing)
      return {
        pr: event.number,
        sha: event.headSha,
        action: 'destroy',
        why: event.merged ? 'merged' : 'closed'
      }
    if (
      !['opened', 'reopened', 'synchronize', 'ready_for_review'].includes(
        event.action
      )
    ) {
      io.info(`pull_request ${event.action}: nothing for a preview to do`)
      return undefined
    }
    // A fork's code runs with our secrets only as reviewed: exactly the
    // commit this (approved) run was started for, not a later push.
    if (event.fork && !config.image)
      checkedOutAt(
        io,
        event.headSha,
        event.number,
        `check it out by sha (actions/checkout with ref: \${{ github.event.pull_request.head.sha }}); a later push starts its own run`
      )
    return {
      pr: event.number,
      sha: event.headSha,
      action: 'deploy',
      why: event.action
    }
  }
  if (event.kind === 'issue_comment') {
    const command = event.body.trim().split(/\s+/)[0]
    if (
      event.action !== 'created' ||
      !event.onPullRequest ||
      command !== '/preview'
    ) {
      io.info('not a /preview comment on a pull request: nothing to do')
      return undefined
    }
    if (!gh.client) {
      io.notice(
        '/preview needs github-token to check who asked and read the PR head: skipped'
      )
      return undefined
    }
    const who = await canTrigger(gh.client, {
      owner: gh.owner,
      repo: gh.repo,
      user: event.user
    })
    if (!who.ok || !who.allowed) {
      if (!who.ok) io.warning(who.warning)
      io.notice(
        `/preview from ${event.user} ignored: only members and collaborators with write access may start a preview`
      )
      return undefined
    }
    const head = await pullHead(gh.client, {
      owner: gh.owner,
      repo: gh.repo,
      pull: event.number
    })
    if (!head.ok) throw new InputError([head.warning])
    if (head.state !== 'open') {
      io.notice(`PR #${event.number} is closed: no preview`)
      return undefined
    }
    if (!config.image)
      checkedOutAt(
        io,
        head.sha,
        event.number,
        `check it out first (actions/checkout with ref: refs/pull/${event.number}/head); if the PR moved since, comment /preview again`
      )
    return {
      pr: event.number,
      sha: head.sha,
      action: 'deploy',
      why: `/preview by ${event.user}`
    }
  }
  throw new InputError([
    `input mode: preview runs on pull_request, pull_request_target or issue_comment events; this run is ${event.name}`
  ])
}

/**
 * checkedOutAt makes sure the workspace holds the PR head the run is for:
 * the head a member's /preview resolved (a /preview run checks out
 * refs/pull/<n>/head itself, and a push after the comment must not slip in
 * unseen), or the head a fork's pull_request_target run was approved for.
 * `fix` says how to check it out.
 */
function checkedOutAt(
  io: ActionIO,
  sha: string,
  pr: number,
  fix: string
): void {
  const cwd = io.env.GITHUB_WORKSPACE ?? process.cwd()
  const head = gitHead(cwd)
  if (!sha || head !== sha)
    throw new InputError([
      `preview: the workspace is ${head ? `at ${head.slice(0, 7)}` : 'not a git checkout'}, not PR #${pr}'s head ${sha.slice(0, 7) || '(unknown)'}: ${fix}.`
    ])
}

function gitHead(cwd: string): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore']
    }).trim()
  } catch {
    return ''
  }
}

/** previewSpec is the spec a preview runs: one wave over its regions, one machine per region and group. */
export function previewSpec(spec: RolloutSpec, regions: string[]): RolloutSpec {
  const first = spec.waves?.[0]
  return {
    ...spec,
    waves: [
      {
        name: 'preview',
        regions,
        gate: 'none',
        bakeMs: first?.bakeMs ?? 0,
        maxBakeMs: first?.maxBakeMs
      }
    ],
    counts: { '*': Object.fromEntries(regions.map((r) => [r, 1])) },
    // A preview has one machine per region: updating it in place is the point.
    allowDowntime: true
  }
}

async function deployPreview(
  io: ActionIO,
  config: ActionConfig,
  gh: GitHubSide,
  trigger: Trigger,
  app: string,
  secrets: readonly SecretEntry[]
): Promise<void> {
  // 1. Everything read and checked before anything changes.
  const ws = workspace(io, config)
  const building = !config.image && config.build !== 'none'
  const tool = await setupFlyctl(
    io,
    config,
    building ||
      (Boolean(config.postgres) && config.postgresKind === 'unmanaged')
  )
  const project = loadProject(io, config, ws, { app })
  const primary = project.appConfig?.primary_region
  const regions = config.regions.length
    ? config.regions
    : primary
      ? [primary]
      : []
  if (!regions.length)
    throw new InputError([
      'input regions: empty, and fly.toml has no primary_region: say where previews run'
    ])
  const spec = previewSpec(project.spec, regions)
  const url = `https://${app}.fly.dev`
  const github = githubReporter(io, config, gh, trigger, app)
  await github.started(url)

  const conn = connect(io, config, spec)
  let outcome: RolloutOutcome | undefined
  let image: string | undefined
  try {
    // 2. The app, its addresses and database.
    const { created } = await ensureApp(conn.ports, config, gh, trigger, app)
    await ensureIps(io, conn.ports, app)
    if (config.postgres)
      await attachPostgres(io, config, conn, tool, ws, app, created)

    // 3. Secrets, image, release.
    const staged = await stageSecrets(io, config, conn.ports, app, secrets)
    const imageRef =
      config.image ??
      project.appConfig?.build?.image ??
      (await buildImage(io, config, ws, project, flyctlFor(config, ws, tool)))
    const release = await releaseOf(io, config, project, imageRef, {
      [KEY.preview]: `${gh.fullName}#${trigger.pr}`
    })
    image = release.image

    // 4. One health-gated wave.
    outcome = await underWatch(io, config, app, (control) =>
      runRollout(
        controlled(
          {
            app,
            release,
            spec,
            primaryRegion: regions[0],
            minSecretsVersion: staged?.version,
            dryRun: config.dryRun,
            rollback: config.rollback
          },
          control
        ),
        conn.ports
      )
    )
    io.setOutput('preview', created ? 'created' : 'updated')
    const ok = await report(io, outcome, {
      url,
      flyctlVersion: tool.version,
      secrets: staged
    })
    await github.finished(ok, { url, image, outcome })
  } catch (e) {
    await github.finished(false, { url, image, reason: errorMessage(e) })
    throw e
  } finally {
    conn.close()
  }
}

/**
 * ensureApp creates the preview app when it is missing. An app of that
 * name is used only when it is in our org and its machines carry this PR's
 * label: never another team's app that happens to match the template.
 */
async function ensureApp(
  ports: Ports,
  config: ActionConfig,
  gh: GitHubSide,
  trigger: Trigger,
  app: string
): Promise<{ created: boolean }> {
  const existing = await ports.apps.get(app)
  if (!existing) {
    try {
      await ports.apps.create(app, config.org)
    } catch (e) {
      if (e instanceof AppNameTakenError)
        throw new InputError([
          `input preview-name: the app name ${app} is taken outside org ${config.org}; choose another template`
        ])
      throw e
    }
    ports.log.info(`created app ${app} in org ${config.org}`)
    return { created: true }
  }
  await assertOurPreview(ports, config, gh, trigger, app, existing.org)
  return { created: false }
}

async function assertOurPreview(
  ports: Ports,
  config: ActionConfig,
  gh: GitHubSide,
  trigger: Trigger,
  app: string,
  org: string
): Promise<void> {
  if (org !== config.org)
    throw new StateConflictError(
      `app ${app} exists in org ${org}, not ${config.org}: not touching it`
    )
  const machines = (await ports.machines.list(app)).filter(
    (m) => m.state !== 'destroyed' && m.state !== 'destroying'
  )
  const problem = previewTagProblem(machines, trigger.pr, gh.fullName)
  if (problem)
    throw new StateConflictError(
      `app ${app} is not PR #${trigger.pr}'s preview (${problem}): not touching it`
    )
}

/** ensureIps gives the app a shared IPv4 and an IPv6 when it lacks them (never a second one). */
async function ensureIps(
  io: ActionIO,
  ports: Ports,
  app: string
): Promise<void> {
  const ips = await ports.apps.listIps(app)
  const public6 = (ip: string) => ip.includes(':') && !/^fdaa:/i.test(ip)
  if (!ips.some((a) => a.ip.includes('.'))) {
    const a = await ports.apps.assignIp(app, 'shared_v4')
    io.info(`assigned shared IPv4 ${a.ip}`)
  }
  if (!ips.some((a) => public6(a.ip))) {
    const a = await ports.apps.assignIp(app, 'v6')
    io.info(`assigned IPv6 ${a.ip}`)
  }
}

/**
 * attachPostgres attaches the preview to its database on creation (or
 * when an earlier run created the app but never attached it). The
 * connection string becomes the app's DATABASE_URL secret; it is never read.
 */
async function attachPostgres(
  io: ActionIO,
  config: ActionConfig,
  conn: Connection,
  tool: FlyctlTool,
  ws: ReturnType<typeof workspace>,
  app: string,
  created: boolean
): Promise<void> {
  const cluster = config.postgres!
  if (!created) {
    const names = (await conn.ports.secrets.list(app)).map((s) => s.name)
    if (names.includes('DATABASE_URL')) return
  }
  if (config.postgresKind === 'managed')
    await conn.api.postgres.attach(cluster, app)
  else await flyctlFor(config, ws, tool).postgresAttach(cluster, app)
  io.info(`attached ${app} to Postgres ${cluster}: DATABASE_URL is set`)
}

async function destroyPreview(
  io: ActionIO,
  config: ActionConfig,
  gh: GitHubSide,
  trigger: Trigger,
  app: string
): Promise<void> {
  const conn = connect(io, config)
  const lines: string[] = []
  try {
    const existing = await conn.ports.apps.get(app)
    if (!existing) {
      lines.push(`App \`${app}\` was already gone.`)
    } else {
      await assertOurPreview(conn.ports, config, gh, trigger, app, existing.org)
      if (config.postgres)
        lines.push(await detachPostgres(io, config, conn, app))
      await conn.ports.apps.destroy(app)
      lines.push(`Deleted app \`${app}\`.`)
      io.info(`deleted preview app ${app}`)
    }
  } finally {
    conn.close()
  }
  io.setOutput('preview', 'destroyed')
  const github = githubReporter(io, config, gh, trigger, app)
  await github.destroyed()
  await io.summary(
    `## fly-rollout: preview ${app} destroyed\n\nPR #${trigger.pr} was ${trigger.why}.\n\n${lines.map((l) => `- ${l}`).join('\n')}\n`
  )
}

/**
 * detachPostgres detaches the preview before its app goes: an attachment
 * whose app is gone can never be detached. Not attached is fine; any other
 * failure stops the deletion, so a rerun can finish both.
 */
async function detachPostgres(
  io: ActionIO,
  config: ActionConfig,
  conn: Connection,
  app: string
): Promise<string> {
  const cluster = config.postgres!
  if (config.postgresKind === 'unmanaged') {
    io.warning(
      `postgres-kind unmanaged: flyctl cannot detach without a terminal (fly postgres detach always prompts), so ${app}'s database user stays on ${cluster}; remove it with fly postgres connect -a ${cluster}`
    )
    return `Database user of \`${app}\` left on \`${cluster}\` (unmanaged: see the warning).`
  }
  try {
    await conn.api.postgres.detach(cluster, app)
    io.info(`detached ${app} from Postgres ${cluster}`)
    return `Detached from Postgres \`${cluster}\`.`
  } catch (e) {
    if (e instanceof FlyApiError && e.status === 404) {
      io.info(`${app} was not attached to Postgres ${cluster}`)
      return `Was not attached to Postgres \`${cluster}\`.`
    }
    throw e
  }
}

/**
 * githubReporter tells GitHub how the preview goes: one deployment per run
 * in the PR's environment and the sticky comment. Never throws: a failure
 * is a warning and the deploy goes on.
 */
function githubReporter(
  io: ActionIO,
  config: ActionConfig,
  gh: GitHubSide,
  trigger: Trigger,
  app: string
) {
  const client = gh.client
  const base = { owner: gh.owner, repo: gh.repo }
  const environment = previewEnvironment(trigger.pr)
  let deploymentId: number | undefined
  const warn = (r: { ok: boolean; warning?: string }) => {
    if (!r.ok && r.warning) io.warning(r.warning)
  }
  const comment = async (input: Omit<PreviewCommentInput, 'app'>) => {
    if (!client || !config.comment) return
    const r = await upsertComment(client, {
      ...base,
      issue: trigger.pr,
      marker: commentMarker(app),
      body: renderPreviewComment({
        app,
        commit: trigger.sha,
        logUrl: gh.logUrl,
        ...input
      })
    })
    warn(r)
    if (r.ok) io.setOutput('comment-id', String(r.id))
  }
  return {
    async started(url: string) {
      if (client && config.deployments) {
        const d = await startDeployment(client, {
          ...base,
          ref: trigger.sha,
          environment,
          description: `fly-rollout preview ${app}`,
          logUrl: gh.logUrl,
          environmentUrl: url,
          payload: { app }
        })
        warn(d)
        if (d.ok) {
          deploymentId = d.deploymentId
          if (d.warning) io.warning(d.warning)
        }
      }
      await comment({ state: 'deploying' })
    },
    async finished(
      ok: boolean,
      r: {
        url: string
        image?: string
        outcome?: RolloutOutcome
        reason?: string
      }
    ) {
      if (client && deploymentId !== undefined)
        warn(
          await setDeploymentStatus(client, {
            ...base,
            deploymentId,
            state: ok ? 'success' : 'failure',
            description: ok
              ? `preview ${app} is up`
              : `preview ${app} failed`.slice(0, 140),
            logUrl: gh.logUrl,
            environmentUrl: ok ? r.url : undefined
          })
        )
      const o = r.outcome
      await comment({
        state: ok ? 'ready' : 'failed',
        url: r.url,
        image: r.image,
        digest: o?.digest,
        outcome: o
          ? {
              result: o.result,
              reason: o.reason,
              startedAt: o.startedAt,
              endedAt: o.endedAt
            }
          : { result: 'failed', reason: r.reason },
        figures: o?.waves.flatMap((w) => w.figures ?? []),
        planSummary: o?.plan ? renderPlanText(o.plan) : undefined
      })
    },
    async destroyed() {
      if (client && config.deployments)
        warn(
          await deactivateEnvironment(client, {
            ...base,
            environment,
            description: `preview ${app} destroyed`
          })
        )
      await comment({ state: 'destroyed' })
    }
  }
}
