import { InputError } from '../core/errors.js'
import { DEFAULT_PREVIEW_TEMPLATE } from '../core/preview.js'
import { parseDuration } from '../core/units.js'

/** Mode is what a run does; `auto` is decided by the event (see resolveMode). */
export type Mode = 'deploy' | 'preview' | 'sweep' | 'redeploy'

/** ActionConfig is every input of action.yml, parsed, typed and checked (HOUSE-STYLE: checkout's settings object). */
export interface ActionConfig {
  /** undefined: `auto`, decided by the event and `preview`. */
  mode?: Mode
  /** On pull_request and /preview events, run as `mode: preview`. */
  preview: boolean
  /** Preview app name template ({repo}, {owner}, {pr}). */
  previewName: string
  /** The Fly organization previews are created in and swept from. */
  org: string
  /** Preview regions; empty: fly.toml's primary_region. */
  regions: string[]
  /** A Postgres cluster each preview is attached to on creation. */
  postgres?: string
  /** `managed`: the Machines API attachments; `unmanaged`: flyctl postgres attach. */
  postgresKind: 'managed' | 'unmanaged'
  /** Fork pull requests: `skip` (they get no secrets) or `deploy` (pull_request_target, trusted). */
  forkPrs: 'skip' | 'deploy'
  /** For the PR comment, deployments and PR lookups. A secret. */
  githubToken: string
  comment: boolean
  deployments: boolean
  /** Sweep: previews older than this go whatever their PR says; ms. */
  ttlMs?: number
  /** Redeploy: rebuild without the build cache instead of reusing the running digest. */
  noCache: boolean
  /** The Fly API token (input or FLY_API_TOKEN). A secret: masked before anything else runs. */
  token: string
  /** From the input or fly.toml; resolved later when empty. */
  app?: string
  /** fly.toml path, absolute or relative to workingDirectory; undefined: `fly.toml` if it exists. */
  config?: string
  /** A prebuilt image; undefined: build. */
  image?: string
  build: 'remote' | 'local' | 'none'
  dockerfile?: string
  buildArgs: Record<string, string>
  imageLabel: string
  flyctlVersion: string
  installFlyctl: boolean
  /** The raw `secrets` input (JSON and/or NAME=VALUE lines); parsed and masked by the secrets step. */
  secrets: string
  /** Names and PREFIX_* patterns selecting JSON secrets. */
  secretsInclude: string[]
  /** The rollout spec text or file path; empty: defaults. */
  rollout: string
  rollback: 'auto' | 'off'
  onCancel: 'rollback' | 'leave'
  /** undefined: the mode's default (a sweep only lists, anything else acts). */
  dryRun?: boolean
  workingDirectory: string
  /** ms; undefined: no limit. */
  timeoutMs?: number
  apiUrl: string
  edgeUrl?: string
  registryUrl: string
  flyctlReleasesUrl: string
}

/** InputReader reads one input as the runner provides it (trimmed, '' when unset). */
export type InputReader = (name: string) => string

/**
 * parseInputs reads and checks every input, collecting every problem before
 * failing (one InputError naming each input), so a workflow is fixed in one go.
 */
export function parseInputs(
  get: InputReader,
  env: Record<string, string | undefined>
): ActionConfig {
  const problems: string[] = []
  const oneOf = <T extends string>(
    name: string,
    values: readonly T[],
    fallback: T
  ): T => {
    const v = get(name) || fallback
    if (!values.includes(v as T)) {
      problems.push(`input ${name}: "${v}" is not one of ${values.join(', ')}`)
      return fallback
    }
    return v as T
  }
  const bool = <T extends boolean | undefined>(
    name: string,
    fallback: T
  ): boolean | T => {
    const v = get(name).toLowerCase()
    if (!v) return fallback
    if (['true', 'yes', '1', 'on'].includes(v)) return true
    if (['false', 'no', '0', 'off'].includes(v)) return false
    problems.push(`input ${name}: "${get(name)}" is not true or false`)
    return fallback
  }
  const url = (name: string, fallback?: string): string | undefined => {
    const v = get(name) || fallback
    if (v === undefined) return undefined
    try {
      const u = new URL(v)
      if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error()
      return v.replace(/\/+$/, '')
    } catch {
      problems.push(`input ${name}: "${v}" is not an http(s) URL`)
      return fallback
    }
  }

  const token = get('api-token') || env.FLY_API_TOKEN?.trim() || ''
  const image = get('image') || undefined
  const build = oneOf('build', ['remote', 'local', 'none'] as const, 'remote')
  if (!image && build === 'none')
    problems.push('input build: `none` needs an `image` to deploy')

  const buildArgs: Record<string, string> = {}
  for (const [i, line] of get('build-args').split('\n').entries()) {
    const l = line.trim()
    if (!l || l.startsWith('#')) continue
    const eq = l.indexOf('=')
    const name = l.slice(0, eq).trim()
    if (eq <= 0)
      problems.push(`input build-args, line ${i + 1}: expected NAME=VALUE`)
    // Assigning it would replace buildArgs' prototype: the argument would be lost.
    else if (name === '__proto__')
      problems.push(
        `input build-args, line ${i + 1}: __proto__ is not a build argument name`
      )
    else buildArgs[name] = l.slice(eq + 1)
  }

  const flyctlVersion = get('flyctl-version') || 'latest'
  if (!/^(latest|prerel|v?\d+\.\d+\.\d+(-[\w.-]+)?)$/.test(flyctlVersion)) {
    problems.push(
      `input flyctl-version: "${flyctlVersion}" is not X.Y.Z or latest`
    )
  }

  const timeout = get('timeout')
  const timeoutMs = timeout ? parseDuration(timeout) : undefined
  if (timeout && (timeoutMs === undefined || timeoutMs <= 0)) {
    problems.push(`input timeout: "${timeout}" is not a duration like 45m`)
  }

  const app = get('app') || undefined
  if (app && !/^[a-z0-9][a-z0-9-]{0,62}$/.test(app)) {
    problems.push(
      `input app: "${app}" is not a Fly app name (lowercase letters, digits, dashes)`
    )
  }

  const mode = oneOf(
    'mode',
    ['auto', 'deploy', 'preview', 'sweep', 'redeploy'] as const,
    'auto'
  )
  const regions = get('regions')
    .split(/[,\s]+/)
    .map((r) => r.trim())
    .filter(Boolean)
  for (const r of regions) {
    if (!/^[a-z]{3}$/.test(r))
      problems.push(`input regions: "${r}" is not a Fly region code like ams`)
  }
  const previewName = get('preview-name') || DEFAULT_PREVIEW_TEMPLATE
  if (!previewName.includes('{pr}'))
    problems.push(
      `input preview-name: "${previewName}" has no {pr}; a preview app's name must carry its PR number`
    )
  const org = get('org') || 'personal'
  if (!/^[a-z0-9][a-z0-9-]*$/.test(org))
    problems.push(`input org: "${org}" is not an organization slug`)
  const postgres = get('postgres') || undefined
  if (postgres && !/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(postgres))
    problems.push(`input postgres: "${postgres}" is not a cluster id or name`)
  const ttl = get('ttl')
  const ttlMs = ttl ? parseDuration(ttl) : undefined
  if (ttl && (ttlMs === undefined || ttlMs <= 0)) {
    problems.push(`input ttl: "${ttl}" is not a duration like 7d or 72h`)
  }

  const config: ActionConfig = {
    mode: mode === 'auto' ? undefined : mode,
    preview: bool('preview', false),
    previewName,
    org,
    regions,
    postgres,
    postgresKind: oneOf(
      'postgres-kind',
      ['managed', 'unmanaged'] as const,
      'managed'
    ),
    forkPrs: oneOf('fork-prs', ['skip', 'deploy'] as const, 'skip'),
    githubToken: get('github-token') || env.GITHUB_TOKEN?.trim() || '',
    comment: bool('comment', true),
    deployments: bool('deployments', true),
    ttlMs,
    noCache: bool('no-cache', false),
    token,
    app,
    config: get('config') || undefined,
    image,
    build,
    dockerfile: get('dockerfile') || undefined,
    buildArgs,
    imageLabel:
      get('image-label') || env.GITHUB_SHA || `fly-rollout-${Date.now()}`,
    flyctlVersion,
    installFlyctl: bool('install-flyctl', true),
    secrets: get('secrets'),
    secretsInclude: get('secrets-include')
      .split(/[,\n]/)
      .map((s) => s.trim())
      .filter(Boolean),
    rollout: get('rollout'),
    rollback: oneOf('rollback', ['auto', 'off'] as const, 'auto'),
    onCancel: oneOf('on-cancel', ['rollback', 'leave'] as const, 'rollback'),
    dryRun: bool('dry-run', undefined),
    workingDirectory: get('working-directory') || '.',
    timeoutMs,
    apiUrl: url('api-url', 'https://api.machines.dev')!,
    edgeUrl: url('edge-url'),
    registryUrl: url('registry-url', 'https://registry.fly.io')!,
    flyctlReleasesUrl: url('flyctl-releases-url', 'https://api.fly.io')!
  }
  for (const p of config.secretsInclude) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*\*?$/.test(p))
      problems.push(
        `input secrets-include: "${p}" is not a NAME or PREFIX_* pattern`
      )
  }
  if (problems.length) throw new InputError(problems)
  return config
}

/**
 * requireToken fails a run that must talk to Fly without a token. Not part
 * of parseInputs: a fork PR's preview run has no secrets and is skipped
 * with a notice, not failed.
 */
export function requireToken(config: ActionConfig): void {
  if (!config.token)
    throw new InputError([
      'input api-token: empty, and FLY_API_TOKEN is not set (on a pull request from a fork, secrets are not available)'
    ])
}
