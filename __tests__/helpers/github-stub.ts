/**
 * A small local stand-in for the GitHub REST API, on 127.0.0.1, for the
 * endpoints the preview adapters call: issue comments (paged, with a `Link`
 * header), deployments and their statuses, pull requests and collaborator
 * permissions. Response bodies are typed with @octokit/openapi-types, so a
 * drift in GitHub's published shapes fails the typecheck.
 *
 * It records every call, can be seeded with PRs, collaborators and
 * comments, and can fail the next matching request with any status.
 * `getOctokit(token, { baseUrl: stub.url })` talks to it.
 *
 * Every call it receives (path, query and body; never the Authorization
 * header) is registered for the automatic leak scan (leak-collector.ts).
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { components } from '@octokit/openapi-types'
import { leaks } from './leak-collector.js'

type Schemas = components['schemas']
export type IssueComment = Schemas['issue-comment']
export type Deployment = Schemas['deployment']
export type DeploymentStatus = Schemas['deployment-status']
export type PullRequest = Schemas['pull-request']
export type CollaboratorPermission =
  Schemas['repository-collaborator-permission']
type BasicError = Schemas['basic-error']
type SimpleUser = Schemas['simple-user']
type Repository = Schemas['repository']
type DeploymentState = DeploymentStatus['state']

/** StubCall is one request the stub answered. */
export interface StubCall {
  method: string
  /** The path without the query, e.g. `/repos/acme/web/issues/7/comments`. */
  path: string
  query: Record<string, string>
  /** The parsed JSON body, if any. */
  body?: unknown
  status: number
}

/** A seeded pull request. */
export interface PullSeed {
  number: number
  headSha: string
  headRef?: string
  /** `owner/name` of the head repository; default the base one. `null`: the fork was deleted. */
  headRepo?: string | null
  state?: 'open' | 'closed'
  merged?: boolean
}

/** A seeded comment: its body, and its author (default the stub's bot). */
export type CommentSeed = string | { body: string; user?: string }

/** Role as GitHub names it; `permission` is derived from it. */
export type Role = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none'

export interface GitHubStub {
  /** Base URL for `getOctokit(token, { baseUrl })`. */
  url: string
  /** Every call so far, in order. */
  calls(): StubCall[]
  /** Forgets the recorded calls. */
  resetCalls(): void
  seedPull(owner: string, repo: string, pull: PullSeed): void
  seedCollaborator(owner: string, repo: string, user: string, role: Role): void
  /** Appends comments to an issue; returns their ids. */
  seedComments(
    owner: string,
    repo: string,
    issue: number,
    comments: readonly CommentSeed[]
  ): number[]
  comments(owner: string, repo: string, issue: number): IssueComment[]
  /** Deployments of a repository, newest first. */
  deployments(owner: string, repo: string): Deployment[]
  /** Statuses of a deployment, newest first. */
  statuses(deploymentId: number): DeploymentStatus[]
  /**
   * Fails the next request whose method and path match with `status`.
   * In the glob, `*` matches within a path segment and `**` across segments.
   */
  failNext(
    method: string,
    pathGlob: string,
    status: number,
    options?: { message?: string; headers?: Record<string, string> }
  ): void
  close(): Promise<void>
}

export interface GitHubStubOptions {
  /** Tokens accepted; default any non-empty token. */
  tokens?: readonly string[]
  /** The login comments and deployments are made by. */
  login?: string
}

interface Fault {
  method: string
  re: RegExp
  status: number
  message?: string
  headers?: Record<string, string>
}

const T0 = Date.UTC(2024, 0, 1)

/** startGitHubStub starts the stand-in on an ephemeral port. */
export async function startGitHubStub(
  options: GitHubStubOptions = {}
): Promise<GitHubStub> {
  const login = options.login ?? 'github-actions[bot]'
  const comments = new Map<string, IssueComment[]>()
  const deployments = new Map<string, Deployment[]>()
  const statuses = new Map<number, DeploymentStatus[]>()
  const pulls = new Map<string, PullRequest>()
  const roles = new Map<string, Role>()
  const faults: Fault[] = []
  let calls: StubCall[] = []
  // Kept across resetCalls(): the leak scan reads every call ever received.
  const received: StubCall[] = []
  leaks().text('GitHub stand-in calls', () => JSON.stringify(received))
  let nextId = 1000
  let tick = 0
  let base = ''

  const now = () => new Date(T0 + 1000 * tick++).toISOString()
  const repoKey = (o: string, r: string) => `${o}/${r}`.toLowerCase()
  const api = (p: string) => `${base}${p}`

  function comment(
    owner: string,
    repo: string,
    issue: number,
    body: string,
    user = login
  ): IssueComment {
    const id = nextId++
    const at = now()
    return {
      id,
      node_id: `IC_${id}`,
      url: api(`/repos/${owner}/${repo}/issues/comments/${id}`),
      html_url: `https://github.com/${owner}/${repo}/pull/${issue}#issuecomment-${id}`,
      issue_url: api(`/repos/${owner}/${repo}/issues/${issue}`),
      body,
      user: simpleUser(user, base),
      created_at: at,
      updated_at: at,
      author_association: user === login ? 'NONE' : 'MEMBER'
    }
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://stub')
      const method = (req.method ?? 'GET').toUpperCase()
      const query = Object.fromEntries(u.searchParams)
      const text = Buffer.concat(chunks).toString('utf8')
      let body: unknown
      try {
        body = text ? JSON.parse(text) : undefined
      } catch {
        body = text
      }
      const call: StubCall = { method, path: u.pathname, query, status: 0 }
      if (body !== undefined) call.body = body
      calls.push(call)
      received.push(call)
      const send = (
        status: number,
        payload?: unknown,
        headers: Record<string, string> = {}
      ) => {
        call.status = status
        res.writeHead(status, {
          'content-type': 'application/json; charset=utf-8',
          'x-github-api-version-selected': '2022-11-28',
          ...headers
        })
        res.end(payload === undefined ? '' : JSON.stringify(payload))
      }
      const fail = (status: number, message: string, headers = {}) => {
        const e: BasicError = {
          message,
          documentation_url: 'https://docs.github.com/rest',
          status: String(status)
        }
        send(status, e, headers)
      }

      const auth = req.headers.authorization ?? ''
      const token = /^(?:token|bearer)\s+(\S+)$/i.exec(auth)?.[1]
      if (!token || (options.tokens && !options.tokens.includes(token))) {
        return fail(401, token ? 'Bad credentials' : 'Requires authentication')
      }
      const fault = faults.findIndex(
        (f) => f.method === method && f.re.test(u.pathname)
      )
      if (fault >= 0) {
        const f = faults.splice(fault, 1)[0]!
        return fail(f.status, f.message ?? defaultMessage(f.status), f.headers)
      }

      const seg = u.pathname.split('/').slice(1).map(decodeURIComponent)
      if (seg[0] !== 'repos' || seg.length < 4) return fail(404, 'Not Found')
      const [, owner, repo, kind] = seg as [string, string, string, string]
      const key = repoKey(owner, repo)
      const rest = seg.slice(4)
      const bodyOf = (body ?? {}) as Record<string, unknown>
      const page = <T>(items: readonly T[]) => {
        const perPage = clampInt(query['per_page'], 30, 1, 100)
        const n = clampInt(query['page'], 1, 1, Number.MAX_SAFE_INTEGER)
        const last = Math.max(1, Math.ceil(items.length / perPage))
        const link = (p: number, rel: string) => {
          const q = new URLSearchParams(u.searchParams)
          q.set('page', String(p))
          q.set('per_page', String(perPage))
          return `<${base}${u.pathname}?${q}>; rel="${rel}"`
        }
        const links: string[] = []
        if (n > 1) links.push(link(n - 1, 'prev'))
        if (n < last) links.push(link(n + 1, 'next'), link(last, 'last'))
        if (n > 1) links.push(link(1, 'first'))
        const slice = items.slice((n - 1) * perPage, n * perPage)
        send(200, slice, links.length ? { link: links.join(', ') } : {})
      }

      // Issue comments.
      if (kind === 'issues' && rest[1] === 'comments' && rest.length === 2) {
        const issue = Number(rest[0])
        const list = comments.get(`${key}#${issue}`) ?? []
        if (method === 'GET') return page(list)
        if (method === 'POST') {
          if (typeof bodyOf['body'] !== 'string') {
            return fail(422, 'Invalid request: body is missing')
          }
          const c = comment(owner, repo, issue, bodyOf['body'])
          comments.set(`${key}#${issue}`, [...list, c])
          return send(201, c)
        }
      }
      if (kind === 'issues' && rest[0] === 'comments' && rest.length === 2) {
        const id = Number(rest[1])
        const c = [...comments.entries()]
          .filter(([k]) => k.startsWith(`${key}#`))
          .flatMap(([, v]) => v)
          .find((x) => x.id === id)
        if (!c) return fail(404, 'Not Found')
        if (method === 'GET') return send(200, c)
        if (method === 'PATCH') {
          if (typeof bodyOf['body'] !== 'string') {
            return fail(422, 'Invalid request: body is missing')
          }
          c.body = bodyOf['body']
          c.updated_at = now()
          return send(200, c)
        }
      }

      // Deployments.
      if (kind === 'deployments' && rest.length === 0) {
        const list = deployments.get(key) ?? []
        if (method === 'GET') {
          const filtered = list.filter(
            (d) =>
              (query['environment'] === undefined ||
                d.environment === query['environment']) &&
              (query['ref'] === undefined || d.ref === query['ref']) &&
              (query['sha'] === undefined || d.sha === query['sha']) &&
              (query['task'] === undefined || d.task === query['task'])
          )
          return page(filtered)
        }
        if (method === 'POST') {
          const ref = bodyOf['ref']
          if (typeof ref !== 'string' || !ref) {
            return fail(422, 'Invalid request: ref is missing')
          }
          const id = nextId++
          const at = now()
          const environment =
            typeof bodyOf['environment'] === 'string'
              ? bodyOf['environment']
              : 'production'
          const payload = bodyOf['payload']
          const d: Deployment = {
            url: api(`/repos/${owner}/${repo}/deployments/${id}`),
            id,
            node_id: `DE_${id}`,
            sha: /^[0-9a-f]{40}$/.test(ref) ? ref : '0'.repeat(40),
            ref,
            task:
              typeof bodyOf['task'] === 'string' ? bodyOf['task'] : 'deploy',
            payload:
              payload && typeof payload === 'object'
                ? (payload as Record<string, unknown>)
                : typeof payload === 'string'
                  ? payload
                  : {},
            original_environment: environment,
            environment,
            description:
              typeof bodyOf['description'] === 'string'
                ? bodyOf['description']
                : null,
            creator: simpleUser(login, base),
            created_at: at,
            updated_at: at,
            statuses_url: api(
              `/repos/${owner}/${repo}/deployments/${id}/statuses`
            ),
            repository_url: api(`/repos/${owner}/${repo}`),
            transient_environment: bodyOf['transient_environment'] === true,
            production_environment:
              typeof bodyOf['production_environment'] === 'boolean'
                ? bodyOf['production_environment']
                : environment === 'production'
          }
          deployments.set(key, [d, ...list])
          statuses.set(id, [])
          return send(201, d)
        }
      }
      if (
        kind === 'deployments' &&
        rest.length === 2 &&
        rest[1] === 'statuses'
      ) {
        const id = Number(rest[0])
        const d = (deployments.get(key) ?? []).find((x) => x.id === id)
        if (!d) return fail(404, 'Not Found')
        const list = statuses.get(id) ?? []
        if (method === 'GET') return page(list)
        if (method === 'POST') {
          const state = bodyOf['state']
          if (!isDeploymentState(state)) {
            return fail(422, 'Invalid request: state is not valid')
          }
          const sid = nextId++
          const at = now()
          const str = (k: string) =>
            typeof bodyOf[k] === 'string' ? (bodyOf[k] as string) : undefined
          const s: DeploymentStatus = {
            url: api(
              `/repos/${owner}/${repo}/deployments/${id}/statuses/${sid}`
            ),
            id: sid,
            node_id: `DES_${sid}`,
            state,
            creator: simpleUser(login, base),
            description: str('description') ?? '',
            environment: str('environment') ?? d.environment,
            target_url: str('log_url') ?? str('target_url') ?? '',
            created_at: at,
            updated_at: at,
            deployment_url: d.url,
            repository_url: d.repository_url,
            environment_url: str('environment_url') ?? '',
            log_url: str('log_url') ?? str('target_url') ?? ''
          }
          statuses.set(id, [s, ...list])
          return send(201, s)
        }
      }

      // Pull requests.
      if (kind === 'pulls' && rest.length === 1 && method === 'GET') {
        const pr = pulls.get(`${key}#${Number(rest[0])}`)
        return pr ? send(200, pr) : fail(404, 'Not Found')
      }

      // Collaborator permission.
      if (
        kind === 'collaborators' &&
        rest.length === 2 &&
        rest[1] === 'permission' &&
        method === 'GET'
      ) {
        const user = rest[0]!
        const role = roles.get(`${key}@${user.toLowerCase()}`)
        if (!role) return fail(404, 'Not Found')
        const answer: CollaboratorPermission = {
          permission: basePermission(role),
          role_name: role,
          user:
            role === 'none'
              ? null
              : {
                  ...simpleUser(user, base),
                  role_name: role,
                  permissions: {
                    pull: true,
                    triage: role !== 'read',
                    push: ['write', 'maintain', 'admin'].includes(role),
                    maintain: role === 'maintain' || role === 'admin',
                    admin: role === 'admin'
                  }
                }
        }
        return send(200, answer)
      }
      return fail(404, 'Not Found')
    })
  })

  await new Promise<void>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve())
  )
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    url: base,
    calls: () => calls.map((c) => ({ ...c })),
    resetCalls: () => {
      calls = []
    },
    seedPull(owner, repo, p) {
      const baseRepo = repository(`${owner}/${repo}`, false, base)
      const headName =
        p.headRepo === undefined ? `${owner}/${repo}` : p.headRepo
      const headRepo =
        headName === null
          ? null
          : headName.toLowerCase() === `${owner}/${repo}`.toLowerCase()
            ? baseRepo
            : repository(headName, true, base)
      const pr = pullRequest(owner, repo, p, baseRepo, headRepo, now(), base)
      pulls.set(`${repoKey(owner, repo)}#${p.number}`, pr)
    },
    seedCollaborator(owner, repo, user, role) {
      roles.set(`${repoKey(owner, repo)}@${user.toLowerCase()}`, role)
    },
    seedComments(owner, repo, issue, seeds) {
      const k = `${repoKey(owner, repo)}#${issue}`
      const list = comments.get(k) ?? []
      const made = seeds.map((s) =>
        typeof s === 'string'
          ? comment(owner, repo, issue, s)
          : comment(owner, repo, issue, s.body, s.user)
      )
      comments.set(k, [...list, ...made])
      return made.map((c) => Number(c.id))
    },
    comments: (owner, repo, issue) => [
      ...(comments.get(`${repoKey(owner, repo)}#${issue}`) ?? [])
    ],
    deployments: (owner, repo) => [
      ...(deployments.get(repoKey(owner, repo)) ?? [])
    ],
    statuses: (id) => [...(statuses.get(id) ?? [])],
    failNext(method, pathGlob, status, opts = {}) {
      faults.push({
        method: method.toUpperCase(),
        re: globToRegExp(pathGlob),
        status,
        ...opts
      })
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/** globToRegExp: `*` within a segment, `**` across segments, the rest literal. */
function globToRegExp(glob: string): RegExp {
  const re = glob
    .split(/(\*\*|\*)/)
    .map((part) =>
      part === '**'
        ? '.*'
        : part === '*'
          ? '[^/]*'
          : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')
    )
    .join('')
  return new RegExp(`^${re}$`)
}

function clampInt(
  v: string | undefined,
  fallback: number,
  min: number,
  max: number
): number {
  const n = v === undefined ? NaN : Number(v)
  return Number.isInteger(n) ? Math.min(max, Math.max(min, n)) : fallback
}

function defaultMessage(status: number): string {
  return (
    {
      401: 'Bad credentials',
      403: 'Resource not accessible by integration',
      404: 'Not Found',
      422: 'Validation Failed',
      500: 'Internal Server Error',
      502: 'Server Error'
    }[status] ?? `HTTP ${status}`
  )
}

function isDeploymentState(v: unknown): v is DeploymentState {
  return (
    typeof v === 'string' &&
    [
      'error',
      'failure',
      'inactive',
      'pending',
      'success',
      'queued',
      'in_progress'
    ].includes(v)
  )
}

function basePermission(role: Role): string {
  if (role === 'maintain') return 'write'
  if (role === 'triage') return 'read'
  return role
}

function userId(login: string): number {
  let h = 7
  for (const c of login) h = (h * 31 + c.charCodeAt(0)) % 1_000_000
  return h + 1
}

function simpleUser(login: string, api: string): SimpleUser {
  const u = `${api}/users/${encodeURIComponent(login)}`
  return {
    login,
    id: userId(login),
    node_id: `U_${userId(login)}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${userId(login)}`,
    gravatar_id: '',
    url: u,
    html_url: `https://github.com/${login}`,
    followers_url: `${u}/followers`,
    following_url: `${u}/following{/other_user}`,
    gists_url: `${u}/gists{/gist_id}`,
    starred_url: `${u}/starred{/owner}{/repo}`,
    subscriptions_url: `${u}/subscriptions`,
    organizations_url: `${u}/orgs`,
    repos_url: `${u}/repos`,
    events_url: `${u}/events{/privacy}`,
    received_events_url: `${u}/received_events`,
    type: login.endsWith('[bot]') ? 'Bot' : 'User',
    site_admin: false
  }
}

function repository(fullName: string, fork: boolean, api: string): Repository {
  const [owner = '', name = ''] = fullName.split('/')
  const u = `${api}/repos/${fullName}`
  const id = userId(fullName)
  return {
    id,
    node_id: `R_${id}`,
    name,
    full_name: fullName,
    license: null,
    forks: 0,
    owner: simpleUser(owner, api),
    private: false,
    html_url: `https://github.com/${fullName}`,
    description: null,
    fork,
    url: u,
    archive_url: `${u}/{archive_format}{/ref}`,
    assignees_url: `${u}/assignees{/user}`,
    blobs_url: `${u}/git/blobs{/sha}`,
    branches_url: `${u}/branches{/branch}`,
    collaborators_url: `${u}/collaborators{/collaborator}`,
    comments_url: `${u}/comments{/number}`,
    commits_url: `${u}/commits{/sha}`,
    compare_url: `${u}/compare/{base}...{head}`,
    contents_url: `${u}/contents/{+path}`,
    contributors_url: `${u}/contributors`,
    deployments_url: `${u}/deployments`,
    downloads_url: `${u}/downloads`,
    events_url: `${u}/events`,
    forks_url: `${u}/forks`,
    git_commits_url: `${u}/git/commits{/sha}`,
    git_refs_url: `${u}/git/refs{/sha}`,
    git_tags_url: `${u}/git/tags{/sha}`,
    git_url: `git://github.com/${fullName}.git`,
    issue_comment_url: `${u}/issues/comments{/number}`,
    issue_events_url: `${u}/issues/events{/number}`,
    issues_url: `${u}/issues{/number}`,
    keys_url: `${u}/keys{/key_id}`,
    labels_url: `${u}/labels{/name}`,
    languages_url: `${u}/languages`,
    merges_url: `${u}/merges`,
    milestones_url: `${u}/milestones{/number}`,
    notifications_url: `${u}/notifications{?since,all,participating}`,
    pulls_url: `${u}/pulls{/number}`,
    releases_url: `${u}/releases{/id}`,
    ssh_url: `git@github.com:${fullName}.git`,
    stargazers_url: `${u}/stargazers`,
    statuses_url: `${u}/statuses/{sha}`,
    subscribers_url: `${u}/subscribers`,
    subscription_url: `${u}/subscription`,
    tags_url: `${u}/tags`,
    teams_url: `${u}/teams`,
    trees_url: `${u}/git/trees{/sha}`,
    clone_url: `https://github.com/${fullName}.git`,
    mirror_url: null,
    hooks_url: `${u}/hooks`,
    svn_url: `https://github.com/${fullName}`,
    homepage: null,
    language: 'TypeScript',
    forks_count: 0,
    stargazers_count: 0,
    watchers_count: 0,
    size: 1,
    default_branch: 'main',
    open_issues_count: 0,
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_downloads: false,
    archived: false,
    disabled: false,
    pushed_at: '2024-01-01T00:00:00Z',
    created_at: '2024-01-01T00:00:00Z',
    updated_at: '2024-01-01T00:00:00Z',
    open_issues: 0,
    watchers: 0
  }
}

function pullRequest(
  owner: string,
  repo: string,
  p: PullSeed,
  baseRepo: Repository,
  headRepo: Repository | null,
  at: string,
  api: string
): PullRequest {
  const u = `${api}/repos/${owner}/${repo}/pulls/${p.number}`
  const html = `https://github.com/${owner}/${repo}/pull/${p.number}`
  const author = simpleUser(headRepo?.owner.login ?? 'ghost', api)
  const link = (href: string) => ({ href })
  const state = p.state ?? 'open'
  const merged = p.merged ?? false
  const headRef = p.headRef ?? `feature-${p.number}`
  return {
    url: u,
    id: 500_000 + p.number,
    node_id: `PR_${p.number}`,
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${api}/repos/${owner}/${repo}/issues/${p.number}`,
    commits_url: `${u}/commits`,
    review_comments_url: `${u}/comments`,
    review_comment_url: `${api}/repos/${owner}/${repo}/pulls/comments{/number}`,
    comments_url: `${api}/repos/${owner}/${repo}/issues/${p.number}/comments`,
    statuses_url: `${api}/repos/${owner}/${repo}/statuses/${p.headSha}`,
    number: p.number,
    state,
    locked: false,
    title: `PR ${p.number}`,
    user: author,
    body: null,
    labels: [],
    milestone: null,
    created_at: at,
    updated_at: at,
    closed_at: state === 'closed' ? at : null,
    merged_at: merged ? at : null,
    merge_commit_sha: null,
    assignee: null,
    head: {
      // GitHub serializes a deleted head repository as null, despite the schema.
      label: `${headRepo?.owner.login ?? 'unknown'}:${headRef}`,
      ref: headRef,
      repo: headRepo as Repository,
      sha: p.headSha,
      user: author
    },
    base: {
      label: `${owner}:main`,
      ref: 'main',
      repo: baseRepo,
      sha: 'b'.repeat(40),
      user: simpleUser(owner, api)
    },
    _links: {
      comments: link(
        `${api}/repos/${owner}/${repo}/issues/${p.number}/comments`
      ),
      commits: link(`${u}/commits`),
      statuses: link(`${api}/repos/${owner}/${repo}/statuses/${p.headSha}`),
      html: link(html),
      issue: link(`${api}/repos/${owner}/${repo}/issues/${p.number}`),
      review_comments: link(`${u}/comments`),
      review_comment: link(
        `${api}/repos/${owner}/${repo}/pulls/comments{/number}`
      ),
      self: link(u)
    },
    author_association: 'CONTRIBUTOR',
    auto_merge: null,
    merged,
    mergeable: state === 'open' ? true : null,
    mergeable_state: state === 'open' ? 'clean' : 'unknown',
    merged_by: null,
    comments: 0,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: 1,
    additions: 1,
    deletions: 0,
    changed_files: 1
  }
}
