/**
 * Pull requests for `/preview` comments: an `issue_comment` workflow runs
 * from the default branch and knows nothing of the PR's head, so it reads
 * the head here and checks the commenter may deploy (USERS §4.5).
 */
import { tryGitHub, type GitHubClient, type GitHubResult } from './client.js'

/** PullHead is what a preview needs of a pull request. */
export interface PullHead {
  /** The head commit: check out and deploy exactly this. */
  sha: string
  ref: string
  state: 'open' | 'closed'
  merged: boolean
  /**
   * The head lives in another repository (or its fork was deleted): the
   * workflow gets no secrets and a read-only token (USERS §4.3).
   */
  fork: boolean
}

/**
 * pullHead reads a pull request's head. Never throws: a failure becomes a
 * warning pointing at `pull-requests: read`.
 */
export async function pullHead(
  client: GitHubClient,
  input: { owner: string; repo: string; pull: number }
): Promise<GitHubResult<PullHead>> {
  return tryGitHub(
    `read pull request #${input.pull}`,
    async () => {
      const { data } = await client.rest.pulls.get({
        owner: input.owner,
        repo: input.repo,
        pull_number: input.pull
      })
      const head = data.head.repo?.full_name
      return {
        sha: data.head.sha,
        ref: data.head.ref,
        state: data.state === 'open' ? ('open' as const) : ('closed' as const),
        merged: data.merged === true,
        fork: !head || head !== data.base.repo.full_name
      }
    },
    'pull-requests: read'
  )
}

/**
 * Base permissions that may trigger a preview with a comment. GitHub's
 * `permission` folds maintain into write (and a custom role into its base).
 */
const TRIGGER_PERMISSIONS = new Set(['admin', 'maintain', 'write'])

/** TriggerCheck is a commenter's role and whether it may deploy a preview. */
export interface TriggerCheck {
  allowed: boolean
  /** The role GitHub reports (`admin`, `maintain`, `write`, `triage`, `read`, `none`). */
  permission: string
}

/**
 * canTrigger tells whether `user` may start a preview with a `/preview`
 * comment: only admin, maintain or write access may, since the preview runs
 * the PR's code with the repository's secrets. A user GitHub does not know
 * (404) may not. Never throws; on a failure the caller must refuse.
 */
export async function canTrigger(
  client: GitHubClient,
  input: { owner: string; repo: string; user: string }
): Promise<GitHubResult<TriggerCheck>> {
  const result = await tryGitHub(
    `read ${input.user}'s permission`,
    async () => {
      const { data } = await client.rest.repos.getCollaboratorPermissionLevel({
        owner: input.owner,
        repo: input.repo,
        username: input.user
      })
      const base = String(data.permission || 'none')
      return {
        permission: String(data.role_name || base),
        allowed: TRIGGER_PERMISSIONS.has(base)
      }
    },
    'metadata: read'
  )
  if (!result.ok && result.status === 404) {
    return { ok: true, allowed: false, permission: 'none' }
  }
  return result
}
