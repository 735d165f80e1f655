/**
 * GitHub Deployments for previews: one transient environment per PR
 * (`pr-<n>`), statuses in_progress → success | failure | error, and inactive
 * when the PR closes (USERS §4.2). Deleting environments needs an admin
 * token, so previews are deactivated, never deleted, here.
 */
import {
  githubFailure,
  tryGitHub,
  type GitHubClient,
  type GitHubResult
} from './client.js'

const PERMISSION = 'deployments: write'

/** DeploymentState is a status a preview deployment goes through. */
export type DeploymentState =
  'in_progress' | 'success' | 'failure' | 'error' | 'inactive'

/** StartDeploymentInput describes a preview deployment. */
export interface StartDeploymentInput {
  owner: string
  repo: string
  /** The PR's head sha: the deployment is of that commit. */
  ref: string
  /** The PR's own environment, `previewEnvironment(pr)` (`pr-<n>`). */
  environment: string
  description?: string
  /** The workflow run, `runLogUrl()`. */
  logUrl?: string
  /** The app's URL, when known before it is ready. */
  environmentUrl?: string
  /** Kept on the deployment, e.g. `{ app }` for the sweeper. */
  payload?: Record<string, unknown>
}

/** DeploymentStatusInput is one status of a deployment. */
export interface DeploymentStatusInput {
  owner: string
  repo: string
  deploymentId: number
  state: DeploymentState
  description?: string
  logUrl?: string
  /** Only a plain http(s) URL is passed on. */
  environmentUrl?: string
}

/** StartedDeployment is the deployment made; `warning` when its first status failed. */
export interface StartedDeployment {
  deploymentId: number
  warning?: string
}

/**
 * startDeployment creates a transient, non-production deployment of `ref`
 * in `environment` (no auto-merge, no required contexts: a preview deploys
 * the head as it is) and sets it `in_progress`; when only that status
 * fails, the id comes back with a `warning`. Never throws: a failure
 * becomes a warning pointing at `deployments: write`.
 */
export async function startDeployment(
  client: GitHubClient,
  input: StartDeploymentInput
): Promise<GitHubResult<StartedDeployment>> {
  const label = `create a deployment in ${input.environment}`
  const created = await tryGitHub(
    label,
    async () => {
      const res = await client.rest.repos.createDeployment({
        owner: input.owner,
        repo: input.repo,
        ref: input.ref,
        environment: input.environment,
        description: short(input.description ?? 'fly-rollout preview'),
        transient_environment: true,
        production_environment: false,
        auto_merge: false,
        required_contexts: [],
        ...(input.payload ? { payload: input.payload } : {})
      })
      return { data: res.data as { id?: unknown; message?: string } }
    },
    PERMISSION
  )
  if (!created.ok) return created
  // 202 (a merge instead of a deployment) cannot happen with auto_merge off.
  if (typeof created.data.id !== 'number') {
    return githubFailure(label, created.data.message ?? 'no deployment id', 202)
  }
  const deploymentId = created.data.id
  const status = await setDeploymentStatus(client, {
    owner: input.owner,
    repo: input.repo,
    deploymentId,
    state: 'in_progress',
    description: input.description,
    logUrl: input.logUrl,
    environmentUrl: input.environmentUrl
  })
  // The deployment exists even when its status could not be set: keep its id.
  return status.ok
    ? { ok: true, deploymentId }
    : { ok: true, deploymentId, warning: status.warning }
}

/**
 * setDeploymentStatus adds a status to a deployment: `success`, `failure`
 * or `error` when the preview is done, with the app's URL and the run's log
 * URL. Never throws.
 */
export async function setDeploymentStatus(
  client: GitHubClient,
  input: DeploymentStatusInput
): Promise<GitHubResult<{ statusId: number }>> {
  return tryGitHub(
    `set deployment ${input.deploymentId} to ${input.state}`,
    async () => {
      const res = await client.rest.repos.createDeploymentStatus({
        owner: input.owner,
        repo: input.repo,
        deployment_id: input.deploymentId,
        state: input.state,
        ...(input.description ? { description: short(input.description) } : {}),
        ...(input.logUrl && isPlainUrl(input.logUrl)
          ? { log_url: input.logUrl }
          : {}),
        ...(input.environmentUrl && isPlainUrl(input.environmentUrl)
          ? { environment_url: input.environmentUrl }
          : {})
      })
      return { statusId: Number(res.data.id) }
    },
    PERMISSION
  )
}

/** Deactivated lists the deployments an environment had, by what was done to each. */
export interface Deactivated {
  /** Set `inactive` now. */
  deactivated: number[]
  /** Already inactive: left alone (bobheadxi/deployments#92). */
  skipped: number[]
}

/**
 * deactivateEnvironment sets every deployment of `environment` inactive,
 * skipping the ones whose latest status already is. Never throws.
 */
export async function deactivateEnvironment(
  client: GitHubClient,
  input: {
    owner: string
    repo: string
    environment: string
    description?: string
  }
): Promise<GitHubResult<Deactivated>> {
  const { owner, repo, environment } = input
  return tryGitHub(
    `deactivate the deployments of ${environment}`,
    async () => {
      const out: Deactivated = { deactivated: [], skipped: [] }
      const deployments = await client.paginate(
        client.rest.repos.listDeployments,
        { owner, repo, environment, per_page: 100 }
      )
      for (const d of deployments) {
        const id = Number(d.id)
        // Statuses come newest first.
        const latest = await client.rest.repos.listDeploymentStatuses({
          owner,
          repo,
          deployment_id: id,
          per_page: 1
        })
        if (latest.data[0]?.state === 'inactive') {
          out.skipped.push(id)
          continue
        }
        await client.rest.repos.createDeploymentStatus({
          owner,
          repo,
          deployment_id: id,
          state: 'inactive',
          description: short(input.description ?? 'preview closed')
        })
        out.deactivated.push(id)
      }
      return out
    },
    PERMISSION
  )
}

/**
 * runLogUrl returns the URL of the current workflow run,
 * `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}`,
 * or undefined outside Actions.
 */
export function runLogUrl(
  env: Record<string, string | undefined> = process.env
): string | undefined {
  const server = (env['GITHUB_SERVER_URL'] || 'https://github.com').replace(
    /\/+$/,
    ''
  )
  const repo = env['GITHUB_REPOSITORY']
  const run = env['GITHUB_RUN_ID']
  if (!repo || !run) return undefined
  return `${server}/${repo}/actions/runs/${run}`
}

/** GitHub caps a deployment (status) description at 140 characters. */
function short(text: string): string {
  const s = text.replace(/\s+/g, ' ').trim()
  return s.length > 140 ? `${s.slice(0, 139)}…` : s
}

function isPlainUrl(url: string): boolean {
  return /^https?:\/\/[^\s<>"'`]+$/.test(url)
}
