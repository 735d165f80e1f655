/**
 * PR preview environments, the pure part: the per-PR app name (and its
 * inverse for the sweeper), the GitHub environment name, the sticky
 * comment's hidden marker and the comment itself (USERS §4).
 *
 * The app name is a guard as much as a name: it always carries the PR
 * number, so a bad template or a hostile repository name can never make
 * a preview deploy, or the sweeper destroy, someone's real app.
 */
import { InputError } from './errors.js'
import {
  escapeMarkdownCell,
  fence,
  type ReportFigures,
  type ReportResult
} from './report.js'
import { sha256Hex } from './sha256.js'
import { formatDuration, formatRate } from './units.js'

/** DEFAULT_PREVIEW_TEMPLATE names a preview app after its repository and PR. */
export const DEFAULT_PREVIEW_TEMPLATE = '{repo}-pr-{pr}'

/** MAX_APP_NAME is Fly's cap: the app name is the DNS label of `<app>.fly.dev`. */
export const MAX_APP_NAME = 63

/** PreviewNameInput is what a preview app name is made of. */
export interface PreviewNameInput {
  /**
   * The name with placeholders `{repo}` (the repository's name), `{owner}`
   * and `{pr}`. Must contain `{pr}`; any other `{…}` or a stray brace is
   * an error. Default `{repo}-pr-{pr}`.
   */
  template?: string
  /** `owner/name`, as GITHUB_REPOSITORY has it. */
  repo: string
  /** Default: the owner part of `repo`. */
  owner?: string
  /** The pull request number: a positive integer (a string of digits is accepted). */
  pr: number | string
}

/**
 * previewAppName returns the Fly app name of a PR's preview: the template
 * with its placeholders filled in, lowercased, every character outside
 * `[a-z0-9-]` turned into `-`, dashes collapsed and trimmed. `{pr}` always
 * stands as its own dash-separated token (`app{pr}` gives `app-7`).
 *
 * Over 63 characters the name keeps `pr-<n>` and the head of the rest, and
 * ends in the first 8 hex digits of the sha256 of the full name, so two long
 * names that share a head stay apart. Throws InputError for a template
 * without `{pr}`, an unknown placeholder, a stray brace or a bad PR number.
 *
 *   repo 'acme/Web_App', pr 7                       → 'web-app-pr-7'
 *   repo 'acme/web', pr 7, 'pr-{pr}-{owner}-{repo}' → 'pr-7-acme-web'
 *   repo 'acme/web', pr 7, 'preview{pr}'            → 'preview-7'
 *   repo 'acme/' + 'a'.repeat(70), pr 7             → 'aaa…a-pr-7-<hash8>' (49 a's, 63 chars)
 *   repo 'acme/web', pr 7, 'web'                    → InputError (no {pr})
 */
export function previewAppName(input: PreviewNameInput): string {
  const parts = renderParts(input)
  const full = joinTokens([parts.before, parts.pr, parts.after])
  if (full.length <= MAX_APP_NAME) return full
  const hash = sha256Hex(full).slice(0, 8)
  const mark = `pr-${parts.pr}`
  // The `pr` token just before `{pr}` (as in the default template) is the mark's own.
  const before = parts.before.replace(/(^|-)pr$/, '')
  const rest = joinTokens([before, parts.after])
  const room = MAX_APP_NAME - mark.length - hash.length - 2
  const head = rest.slice(0, Math.max(0, room)).replace(/-+$/, '')
  return before === ''
    ? joinTokens([mark, head, hash])
    : joinTokens([head, mark, hash])
}

/**
 * prNumberOf returns the PR number a preview app name was made for, or
 * undefined when the name is not one `previewAppName` makes from this
 * template and repository for any PR. It checks by making the name again,
 * so it is exact: the sweeper never mistakes an unrelated app for a preview.
 *
 *   ('web-pr-7', '{repo}-pr-{pr}', 'acme/web')   → 7
 *   ('web-pr-07', '{repo}-pr-{pr}', 'acme/web')  → undefined
 *   ('web', '{repo}-pr-{pr}', 'acme/web')        → undefined
 *   ('api-pr-7', '{repo}-pr-{pr}', 'acme/web')   → undefined
 */
export function prNumberOf(
  name: string,
  template: string = DEFAULT_PREVIEW_TEMPLATE,
  repo: string
): number | undefined {
  // `{pr}` is always a dash-separated token of its own, hashed form included.
  for (const token of new Set(name.split('-'))) {
    if (!/^[1-9]\d{0,9}$/.test(token)) continue
    const pr = Number(token)
    if (tryPreviewAppName({ template, repo, pr }) === name) return pr
  }
  return undefined
}

/**
 * isPreviewAppName tells whether `name` is the preview app name of some PR
 * of `repo` under `template` (see prNumberOf).
 */
export function isPreviewAppName(
  name: string,
  template: string = DEFAULT_PREVIEW_TEMPLATE,
  repo: string
): boolean {
  return prNumberOf(name, template, repo) !== undefined
}

/**
 * tryPreviewAppName is previewAppName that returns undefined instead of
 * throwing on a bad template or PR number.
 */
export function tryPreviewAppName(input: PreviewNameInput): string | undefined {
  try {
    return previewAppName(input)
  } catch {
    return undefined
  }
}

/**
 * previewEnvironment returns the GitHub environment of a PR's preview:
 * one per PR, so a new deployment never deactivates another PR's
 * (USERS §4.2).
 *
 *   7 → 'pr-7'
 */
export function previewEnvironment(pr: number | string): string {
  const n = prNumber(pr)
  if (n === undefined) throw new InputError([badPr(pr)])
  return `pr-${n}`
}

/**
 * commentMarker returns the hidden HTML marker that identifies an app's
 * sticky comment: a hash of the app, so several apps in one PR keep one
 * comment each and no app name reaches the HTML.
 *
 *   'web-pr-7' → '<!-- fly-rollout:preview:<first 16 hex of sha256("web-pr-7")> -->'
 */
export function commentMarker(app: string): string {
  return `<!-- fly-rollout:preview:${sha256Hex(app).slice(0, 16)} -->`
}

/** PreviewState is where a preview stands; it heads the comment. */
export type PreviewState = 'deploying' | 'ready' | 'failed' | 'destroyed'

/** PreviewOutcome is the part of a RolloutOutcome the comment reads. */
export interface PreviewOutcome {
  result: ReportResult
  reason?: string
  startedAt?: number
  endedAt?: number
}

/** PreviewCommentInput is what the sticky comment shows. Every string is outside text. */
export interface PreviewCommentInput {
  app: string
  state: PreviewState
  /** The app's URL; linked only when it is a plain http(s) URL and the app is up. */
  url?: string
  /** The image deployed, ideally pinned by digest (`repo@sha256:…`). */
  image?: string
  /** The image's digest, shown when `image` is not pinned by it. */
  digest?: string
  /** The commit deployed; a hex sha is shortened to 7. */
  commit?: string
  /** The workflow run, linked as `logs`. */
  logUrl?: string
  outcome?: PreviewOutcome
  figures?: readonly ReportFigures[]
  /** A plan rendered as text (renderPlanText); shown collapsed. */
  planSummary?: string
}

/** Most of a reason shown: its tail, where a log's cause usually is. */
const MAX_REASON = 4_000
/** Most of a plan shown: its head. GitHub caps a comment at 65,536 characters. */
const MAX_PLAN = 40_000

const HEADINGS: Record<PreviewState, string> = {
  deploying: '⏳ Preview deploying',
  ready: '✅ Preview ready',
  failed: '❌ Preview failed',
  destroyed: '🗑️ Preview destroyed'
}

const NONE = '—'

/**
 * renderPreviewComment renders the sticky PR comment: the marker on the
 * first line (upsertComment finds the comment by it), a heading with the
 * state, the facts (URL, image, commit, run), the health figures, the result
 * with its reason, and the plan collapsed. Outside text is escaped or
 * fenced, so a log tail or a hostile app name cannot break out into markdown
 * or HTML; a long reason keeps its tail and a long plan its head.
 */
export function renderPreviewComment(input: PreviewCommentInput): string {
  const blocks: string[] = [
    `${commentMarker(input.app)}\n### ${HEADINGS[input.state]}: ${code(input.app)}`
  ]
  blocks.push(facts(input).join('\n'))
  if (input.state === 'destroyed') {
    blocks.push('The preview app was destroyed: the pull request is closed.')
  }
  if (input.figures?.length) {
    blocks.push('#### Health', figuresTable(input.figures).join('\n'))
  }
  const o = input.outcome
  if (o) {
    const took =
      isTime(o.startedAt) && isTime(o.endedAt)
        ? ` after ${formatDuration(Math.max(0, o.endedAt - o.startedAt))}`
        : ''
    blocks.push('#### Result', `**${resultWord(o.result)}**${took}.`)
    if (o.reason) {
      const tail =
        o.reason.length > MAX_REASON
          ? `…${o.reason.slice(-MAX_REASON)}`
          : o.reason
      blocks.push(fence(tail, 'text'))
    }
  }
  if (input.planSummary) {
    const plan =
      input.planSummary.length > MAX_PLAN
        ? `${input.planSummary.slice(0, MAX_PLAN)}\n…`
        : input.planSummary
    blocks.push(
      `<details><summary>Plan</summary>\n\n${fence(plan, 'text')}\n\n</details>`
    )
  }
  blocks.push('<sub>Updated by fly-rollout on every push.</sub>')
  return blocks.join('\n\n') + '\n'
}

interface Parts {
  before: string
  pr: string
  after: string
}

/** renderParts fills the template in: the slug before the first `{pr}`, the number, the slug after. */
function renderParts(input: PreviewNameInput): Parts {
  const problems: string[] = []
  const template = input.template ?? DEFAULT_PREVIEW_TEMPLATE
  const pr = prNumber(input.pr) ?? '0'
  if (pr === '0') problems.push(badPr(input.pr))
  const repo = String(input.repo ?? '')
  const slash = repo.indexOf('/')
  const name = slash >= 0 ? repo.slice(slash + 1) : repo
  const owner = input.owner ?? (slash >= 0 ? repo.slice(0, slash) : '')
  const values: Record<string, string> = { repo: name, owner }
  const pieces: Array<{ text: string } | { pr: true }> = []
  let last = 0
  for (const m of template.matchAll(/\{([^{}]*)\}/g)) {
    pieces.push({ text: template.slice(last, m.index) })
    const key = m[1]!.trim().toLowerCase()
    if (key === 'pr') pieces.push({ pr: true })
    else if (Object.hasOwn(values, key)) {
      pieces.push({ text: values[key]! })
      // An empty {repo} would leave a bare `pr-7`, shared by every repository.
      if (!slug(values[key]!))
        problems.push(`{${key}} is empty in ${JSON.stringify(repo)}`)
    } else problems.push(`unknown placeholder {${m[1]}} in preview template`)
    last = m.index + m[0].length
  }
  pieces.push({ text: template.slice(last) })
  const literal = template.replace(/\{[^{}]*\}/g, '')
  if (/[{}]/.test(literal)) problems.push('stray brace in preview template')
  const first = pieces.findIndex((p) => 'pr' in p)
  if (first < 0) {
    problems.push(
      `preview template ${JSON.stringify(template)} must contain {pr}, so a preview can never name a real app`
    )
  }
  if (problems.length) throw new InputError(problems)
  const text = (ps: typeof pieces) =>
    ps.map((p) => ('pr' in p ? `-${pr}-` : p.text)).join('')
  return {
    before: slug(text(pieces.slice(0, first))),
    pr,
    after: slug(text(pieces.slice(first + 1)))
  }
}

/** prNumber returns a PR number as digits (1 to 10, no leading zero), or undefined. */
function prNumber(pr: number | string): string | undefined {
  const s = typeof pr === 'number' ? String(pr) : String(pr).trim()
  return /^[1-9]\d{0,9}$/.test(s) ? s : undefined
}

function badPr(pr: unknown): string {
  return `PR number ${JSON.stringify(String(pr))} is not a positive integer`
}

/** slug applies Fly's rules: lowercase, `[a-z0-9-]`, no leading, trailing or double dash. */
function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

function joinTokens(parts: readonly string[]): string {
  return parts.filter(Boolean).join('-')
}

function facts(input: PreviewCommentInput): string[] {
  const lines: string[] = []
  if (input.url) {
    const up = input.state !== 'destroyed'
    lines.push(`- **URL:** ${up ? link(input.url) : code(input.url)}`)
  }
  if (input.image) {
    const digest =
      input.digest && !input.image.includes(input.digest)
        ? ` (${code(input.digest)})`
        : ''
    lines.push(`- **Image:** ${code(input.image)}${digest}`)
  } else if (input.digest) {
    lines.push(`- **Image:** ${code(input.digest)}`)
  }
  if (input.commit) lines.push(`- **Commit:** ${code(shortSha(input.commit))}`)
  if (input.logUrl && isPlainUrl(input.logUrl)) {
    lines.push(`- **Run:** [logs](${input.logUrl})`)
  }
  return lines.length ? lines : [`- **App:** ${code(input.app)}`]
}

function figuresTable(figures: readonly ReportFigures[]): string[] {
  const rows = [
    '| Probe | Requests | Errors | Error rate | p50 | p95 | p99 | Identity |',
    '|---|---:|---:|---:|---:|---:|---:|---|'
  ]
  for (const f of figures) {
    const c = f.canary
    rows.push(
      `| ${[
        escapeMarkdownCell(f.path),
        count(c.n),
        count(c.errors),
        Number.isFinite(c.errorRate) ? formatRate(c.errorRate) : NONE,
        ms(c.p50Ms),
        ms(c.p95Ms),
        ms(c.p99Ms),
        escapeMarkdownCell(f.identity)
      ].join(' | ')} |`
    )
  }
  return rows
}

function resultWord(result: ReportResult): string {
  const s = String(result).replace(/-/g, ' ')
  return escapeMarkdownCell(s.charAt(0).toUpperCase() + s.slice(1))
}

function shortSha(commit: string): string {
  const s = commit.trim()
  return /^[0-9a-f]{7,64}$/i.test(s) ? s.slice(0, 7).toLowerCase() : s
}

/** code is a code span its content cannot close; newlines become spaces. */
function code(text: string): string {
  const s = text.replace(/[\r\n]+/g, ' ')
  let run = 0
  let longest = 0
  for (const ch of s) {
    run = ch === '`' ? run + 1 : 0
    longest = Math.max(longest, run)
  }
  const ticks = '`'.repeat(longest + 1)
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : ''
  return `${ticks}${pad}${s}${pad}${ticks}`
}

function isPlainUrl(url: string): boolean {
  return /^https?:\/\/[^\s<>"'`|\\()[\]]+$/.test(url)
}

function link(url: string): string {
  return isPlainUrl(url) ? `<${url}>` : escapeMarkdownCell(url)
}

function isTime(v: number | undefined): v is number {
  return v !== undefined && Number.isFinite(v)
}

function count(v: number): string {
  return Number.isFinite(v) ? String(v) : NONE
}

function ms(v: number | undefined): string {
  return v !== undefined && Number.isFinite(v) ? `${Math.round(v)} ms` : NONE
}
