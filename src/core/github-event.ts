/**
 * What the action needs to know of the event that started the workflow,
 * read from GITHUB_EVENT_NAME and the payload at GITHUB_EVENT_PATH. Pure: the
 * caller reads the file.
 */
export type EventContext =
  | {
      kind: 'pull_request'
      /** pull_request or pull_request_target. */
      event: string
      /** opened, reopened, synchronize, closed, labeled, … */
      action: string
      number: number
      headSha: string
      headRef: string
      /**
       * The head repository is not the base one (or was deleted): a fork,
       * whose pull_request runs get no secrets. A PR between two branches of
       * a repository that is itself a fork is not one.
       */
      fork: boolean
      merged: boolean
    }
  | {
      kind: 'issue_comment'
      action: string
      number: number
      /** The comment is on a pull request (issue comments on issues are ignored). */
      onPullRequest: boolean
      body: string
      /** OWNER, MEMBER, COLLABORATOR, CONTRIBUTOR, NONE… */
      association: string
      user: string
    }
  | { kind: 'other'; name: string }

/** Associations allowed to trigger a preview with a `/preview` comment. */
export const TRUSTED_ASSOCIATIONS = new Set(['OWNER', 'MEMBER', 'COLLABORATOR'])

/**
 * readEvent maps a GitHub event payload to the EventContext.
 *
 *   pull_request {action: 'opened', number: 7, pull_request: {head: {sha, ref, repo}, base: {repo}}} → kind pull_request
 *   pull_request_target (same payload)                                                                → kind pull_request
 *   issue_comment {issue: {number, pull_request: {...}}, comment: {body, author_association, user}}   → kind issue_comment
 *   push, schedule, workflow_dispatch                                                                 → kind other
 */
export function readEvent(name: string, payload: unknown): EventContext {
  const at = (...path: string[]): unknown => {
    let cur: unknown = payload
    for (const k of path) {
      if (!cur || typeof cur !== 'object') return undefined
      cur = (cur as Record<string, unknown>)[k]
    }
    return cur
  }
  const str = (...path: string[]): string => {
    const v = at(...path)
    return typeof v === 'string' || typeof v === 'number' ? String(v) : ''
  }
  if (
    (name === 'pull_request' || name === 'pull_request_target') &&
    at('pull_request')
  ) {
    const headRepo = str('pull_request', 'head', 'repo', 'full_name')
    const baseRepo = str('pull_request', 'base', 'repo', 'full_name')
    return {
      kind: 'pull_request',
      event: name,
      action: str('action'),
      number: Number(str('pull_request', 'number') || str('number')),
      headSha: str('pull_request', 'head', 'sha'),
      headRef: str('pull_request', 'head', 'ref'),
      fork:
        at('pull_request', 'head', 'repo') === null ||
        (headRepo !== '' && baseRepo !== '' && headRepo !== baseRepo),
      merged: at('pull_request', 'merged') === true
    }
  }
  if (name === 'issue_comment' && at('issue')) {
    return {
      kind: 'issue_comment',
      action: str('action'),
      number: Number(str('issue', 'number')),
      onPullRequest: Boolean(at('issue', 'pull_request')),
      body: str('comment', 'body'),
      association: str('comment', 'author_association') || 'NONE',
      user: str('comment', 'user', 'login')
    }
  }
  return { kind: 'other', name }
}
