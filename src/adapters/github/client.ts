/**
 * The GitHub side of previews: the client shape the adapters take, and the
 * one helper that turns every GitHub failure into a warning. A preview's
 * comment, deployment and checks are reports about the deploy; they never
 * fail it (USERS §4.2: wrangler-action's `Promise.allSettled`).
 */
import type { getOctokit } from '@actions/github'

type Octokit = ReturnType<typeof getOctokit>
type Rest = Octokit['rest']

/**
 * GitHubClient is the part of `@actions/github`'s octokit the adapters use:
 * `getOctokit(token, { baseUrl })` gives one (the default base URL comes from
 * GITHUB_API_URL, so GitHub Enterprise works as is).
 */
export interface GitHubClient {
  rest: {
    issues: Pick<
      Rest['issues'],
      'listComments' | 'createComment' | 'updateComment'
    >
    repos: Pick<
      Rest['repos'],
      | 'createDeployment'
      | 'listDeployments'
      | 'createDeploymentStatus'
      | 'listDeploymentStatuses'
      | 'getCollaboratorPermissionLevel'
    >
    pulls: Pick<Rest['pulls'], 'get'>
  }
  paginate: Octokit['paginate']
}

/** GitHubFailure is a GitHub call that did not work, as a warning to print. */
export interface GitHubFailure {
  ok: false
  /** One line for `core.warning`: what failed, why, and which permission may fix it. */
  warning: string
  /** The HTTP status; 0 when GitHub did not answer (or the error was ours). */
  status: number
}

/** GitHubResult is a GitHub call's value, or the warning it became. */
export type GitHubResult<T extends object> = ({ ok: true } & T) | GitHubFailure

/**
 * tryGitHub runs one GitHub operation and never throws: a failure becomes a
 * GitHubFailure whose warning names the operation, GitHub's status and
 * message, and a hint. For 403 and 404 the hint names the `permissions:`
 * entry the job's token needs (GitHub answers 404 for a resource the token
 * may not see), and says that pull requests from forks get a read-only token.
 *
 *   label 'update the preview comment', 403 'Resource not accessible by integration'
 *     → 'could not update the preview comment: GitHub answered 403 (Resource not
 *        accessible by integration). The job's token may lack `pull-requests: write`: …'
 */
export async function tryGitHub<T extends object>(
  label: string,
  fn: () => Promise<T>,
  permission = 'pull-requests: write'
): Promise<GitHubResult<T>> {
  try {
    return { ok: true, ...(await fn()) }
  } catch (e) {
    const status = statusOf(e)
    const said = status
      ? `GitHub answered ${status} (${firstLine(e)})`
      : firstLine(e)
    return {
      ok: false,
      status,
      warning: `could not ${label}: ${said}. ${hint(e, status, permission)}`
    }
  }
}

/** githubFailure makes a GitHubFailure for an answer that succeeded but cannot be used. */
export function githubFailure(
  label: string,
  why: string,
  status = 0
): GitHubFailure {
  return {
    ok: false,
    status,
    warning: `could not ${label}: ${why}. The deploy itself is not affected.`
  }
}

function hint(e: unknown, status: number, permission: string): string {
  const unaffected = 'The deploy itself is not affected.'
  if (status === 401) {
    return `The token was refused: check the \`github-token\` input. ${unaffected}`
  }
  if (status === 403 && header(e, 'x-ratelimit-remaining') === '0') {
    return `GitHub's API rate limit is used up; it resets later. ${unaffected}`
  }
  if (status === 403 || status === 404) {
    return (
      `The job's token may lack \`${permission}\`: add it under \`permissions:\` in the workflow ` +
      `(pull requests from forks get a read-only token). ${unaffected}`
    )
  }
  if (status === 0 || status >= 500) {
    return `GitHub may be unavailable. ${unaffected}`
  }
  return unaffected
}

function statusOf(e: unknown): number {
  const s = (e as { status?: unknown } | null)?.status
  return typeof s === 'number' && Number.isInteger(s) ? s : 0
}

function header(e: unknown, name: string): string | undefined {
  const headers = (e as { response?: { headers?: Record<string, unknown> } })
    ?.response?.headers
  const v = headers?.[name]
  return v === undefined ? undefined : String(v)
}

/**
 * firstLine is an error's message, one line, at most 200 characters, less
 * the documentation link octokit appends. Octokit's messages carry no
 * headers; its request is redacted.
 */
function firstLine(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e)
  const line =
    m
      .split(/\r?\n/)[0]!
      .replace(/ - https?:\/\/\S+$/, '')
      .trim() || 'no message'
  return line.length > 200 ? `${line.slice(0, 199)}…` : line
}
