import { randomInt } from 'node:crypto'
import type { CommandContext } from './context.js'
import { describeApiError } from './flaps.js'
import { FlyctlError, goJson } from './io.js'

/** FlapsApp is the Machines API's App ([OA3] App). */
export interface FlapsApp {
  id?: string
  name?: string
  status?: string
  machine_count?: number
  network?: string
  organization?: { name?: string; slug?: string }
}

/**
 * runAppsCreate implements `flyctl apps create [NAME] [--name N]
 * [--generate-name] [-o org] [--network n] [--json]` against
 * `POST /v1/apps` (API-NOTES §2.1). The org defaults to `personal`, as
 * flyctl picks a user's only org without prompting.
 */
export async function runAppsCreate(ctx: CommandContext): Promise<void> {
  const flaps = ctx.flaps()
  const argName = ctx.parsed.positionals[0] ?? ''
  const flagName = ctx.flag<string>('name')
  let name: string
  if (argName && flagName && argName !== flagName) {
    throw new FlyctlError(
      `two app names specified ${argName} and ${flagName}, only one may be specified`
    )
  } else if (argName || flagName) {
    name = argName || flagName
  } else if (ctx.flag<boolean>('generate-name')) {
    name = generatedName()
  } else {
    throw new FlyctlError(
      'name argument or flag must be specified when not running interactively'
    )
  }
  const org = ctx.flag<string>('org') || 'personal'
  const network = ctx.flag<string>('network')
  try {
    await flaps.request('POST', '/v1/apps', {
      body: { name, org_slug: org, ...(network ? { network } : {}) }
    })
  } catch (e) {
    throw describeApiError('failed to create app', e)
  }
  if (!ctx.flag<boolean>('json')) {
    ctx.io.stdout.write(`New app created: ${name}\n`)
    return
  }
  let app: FlapsApp = { name, organization: { slug: org } }
  try {
    app = ((await flaps.request('GET', `/v1/apps/${encodeURIComponent(name)}`))
      .body ?? app) as FlapsApp
  } catch {
    // The app exists; render what is known rather than fail after creating it.
  }
  ctx.io.stdout.write(goJson(appJson(app), 4))
}

/**
 * runAppsDestroy implements `flyctl apps destroy NAME --yes`. The stand-in
 * never prompts, so without `--yes` it fails as flyctl does when not
 * running interactively [sim choice: even on a terminal].
 */
export async function runAppsDestroy(ctx: CommandContext): Promise<void> {
  const flaps = ctx.flaps()
  const name = ctx.parsed.positionals[0]!
  if (!ctx.flag<boolean>('yes')) {
    ctx.io.stderr.write('Destroying an app is not reversible.\n')
    throw new FlyctlError(
      'yes flag must be specified when not running interactively'
    )
  }
  try {
    await flaps.request('DELETE', `/v1/apps/${encodeURIComponent(name)}`)
  } catch (e) {
    throw describeApiError('failed to destroy app', e)
  }
  ctx.io.stdout.write(`Destroyed app ${name}\n`)
}

/**
 * appJson renders an app with the Go field names flyctl's JSON output uses
 * (fly-go AppCompact; hostname and URL derived as Fly does:
 * `<name>.fly.dev`).
 */
export function appJson(app: FlapsApp): Record<string, unknown> {
  const name = app.name ?? ''
  return {
    ID: app.id ?? name,
    Name: name,
    Status: app.status ?? 'pending',
    Deployed: app.status === 'deployed',
    Hostname: `${name}.fly.dev`,
    AppURL: `https://${name}.fly.dev`,
    Network: app.network ?? 'default',
    Organization: orgJson(app.organization),
    PlatformVersion: 'machines'
  }
}

/** orgJson renders fly-go's OrganizationBasic (Go field names, no json tags). */
export function orgJson(
  org: FlapsApp['organization']
): Record<string, unknown> {
  const slug = org?.slug ?? 'personal'
  return {
    // [sim choice] the Machines API has no org id; the slug stands in.
    ID: slug,
    InternalNumericID: '',
    Name: org?.name ?? slug,
    Slug: slug,
    RawSlug: slug,
    PaidPlan: false
  }
}

const ADJECTIVES = [
  'bold',
  'calm',
  'dry',
  'late',
  'odd',
  'quiet',
  'shy',
  'wild'
]
const NOUNS = ['brook', 'dust', 'fire', 'moon', 'pine', 'river', 'snow', 'wave']

/** generatedName invents an app name like Fly's: adjective-noun-1234. */
function generatedName(): string {
  const pick = (xs: string[]) => xs[randomInt(xs.length)]!
  return `${pick(ADJECTIVES)}-${pick(NOUNS)}-${randomInt(1000, 10000)}`
}
