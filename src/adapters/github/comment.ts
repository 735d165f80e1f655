/**
 * The sticky preview comment: one per app per PR, found by its hashed marker
 * and updated in place (USERS §4.1).
 */
import { tryGitHub, type GitHubClient, type GitHubResult } from './client.js'

/** GitHub's cap on a comment body. */
const MAX_BODY = 65_536

/** UpsertCommentInput names the comment: the PR (an issue number) and the marker. */
export interface UpsertCommentInput {
  owner: string
  repo: string
  /** The pull request's number (PR comments are issue comments). */
  issue: number
  /** The hidden marker, `commentMarker(app)`; the body is made to start with it. */
  marker: string
  body: string
  /**
   * Only a comment by this login counts as ours (e.g. `github-actions[bot]`),
   * so a comment that quotes the marker is never taken over. Default: any author.
   */
  author?: string
}

/** UpsertedComment is the comment written and whether it was new. */
export interface UpsertedComment {
  id: number
  action: 'created' | 'updated'
}

/**
 * upsertComment updates the PR's comment that starts with `marker`, or
 * creates it. It pages through every comment, 100 a page, since on a busy PR
 * the first page is not enough; it stops at the page that has the marker.
 * Never throws: a GitHub failure becomes a warning that points at
 * `pull-requests: write`.
 */
export async function upsertComment(
  client: GitHubClient,
  input: UpsertCommentInput
): Promise<GitHubResult<UpsertedComment>> {
  const { owner, repo, issue, marker } = input
  const body = clamp(
    input.body.startsWith(marker) ? input.body : `${marker}\n${input.body}`
  )
  const found = await tryGitHub(
    `read the comments of #${issue}`,
    async () => ({ id: await findComment(client, input) }),
    'pull-requests: read'
  )
  if (!found.ok) return found
  if (found.id !== undefined) {
    const id = found.id
    return tryGitHub(`update the preview comment on #${issue}`, async () => {
      await client.rest.issues.updateComment({
        owner,
        repo,
        comment_id: id,
        body
      })
      return { id, action: 'updated' as const }
    })
  }
  return tryGitHub(`comment on #${issue}`, async () => {
    const res = await client.rest.issues.createComment({
      owner,
      repo,
      issue_number: issue,
      body
    })
    return { id: Number(res.data.id), action: 'created' as const }
  })
}

/** findComment returns the id of the first comment that starts with the marker. */
async function findComment(
  client: GitHubClient,
  input: UpsertCommentInput
): Promise<number | undefined> {
  let id: number | undefined
  await client.paginate(
    client.rest.issues.listComments,
    {
      owner: input.owner,
      repo: input.repo,
      issue_number: input.issue,
      per_page: 100
    },
    (response, done) => {
      const hit = response.data.find(
        (c) =>
          (c.body ?? '').trimStart().startsWith(input.marker) &&
          (input.author === undefined || c.user?.login === input.author)
      )
      if (hit) {
        id = Number(hit.id)
        done()
      }
      return []
    }
  )
  return id
}

/** clamp keeps a body under GitHub's cap, cutting its end. */
function clamp(body: string): string {
  if (body.length <= MAX_BODY) return body
  const note = '\n\n… (cut: the comment was too long for GitHub)\n'
  return body.slice(0, MAX_BODY - note.length) + note
}
