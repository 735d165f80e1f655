import { requireAppName, type CommandContext } from './context.js'
import { ApiError, describeApiError, type Flaps } from './flaps.js'
import { FlyctlError } from './io.js'

/**
 * `flyctl postgres attach|detach <POSTGRES APP> -a <app>` for unmanaged Fly
 * Postgres. Real flyctl registers the attachment over GraphQL and makes the
 * database and user on the cluster's leader over WireGuard; flysim has
 * neither, so the stand-in drives flysim's `/v1/postgres/{id}` endpoints,
 * where an unmanaged cluster's id is its app name [sim choice]. What flyctl
 * checks client-side, and the order it checks in, is kept
 * (superfly/flyctl internal/command/postgres/attach.go, detach.go).
 */

/** ATTACH_VARIABLE is the only secret name the stand-in attaches as. */
const ATTACH_VARIABLE = 'DATABASE_URL'

/** NON_INTERACTIVE is flyctl's prompt error (internal/prompt ErrNonInteractive). */
const NON_INTERACTIVE = 'prompt: non interactive'

interface Cluster {
  data?: { attached_apps?: { name?: string }[] }
}

/** dbName is flyctl's database and user name for an app: lowercased, `-` → `_`. */
function dbName(app: string): string {
  return app.toLowerCase().replace(/-/g, '_')
}

/** interactive says whether flyctl could prompt: stdin is a terminal. */
function interactive(ctx: CommandContext): boolean {
  return typeof ctx.io.stdin !== 'string' && ctx.io.stdin.isTTY === true
}

const enc = encodeURIComponent

/** readCluster reads the PG app's cluster; none means it is not a postgres app. */
async function readCluster(flaps: Flaps, pg: string): Promise<Cluster> {
  try {
    return ((await flaps.request('GET', `/v1/postgres/${enc(pg)}`)).body ??
      {}) as Cluster
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      throw new FlyctlError(`app ${pg} is not a postgres app`)
    }
    throw describeApiError(`failed retrieving postgres app ${pg}`, e)
  }
}

function attachedNames(c: Cluster): string[] {
  return (c.data?.attached_apps ?? []).map((a) => a.name ?? '')
}

/**
 * runPostgresAttach implements `flyctl postgres attach <PG APP> -a <app>
 * [--yes]`, in flyctl's order: the PG app and the app must exist; the app
 * must not hold a `DATABASE_URL` secret already; an existing database needs
 * `--yes` (flyctl asks, and cannot when not interactive: the stand-in never
 * asks [sim choice: even on a terminal]); an existing user is refused. Then
 * it attaches and prints the connection string, as flyctl does: that
 * output is a secret. `--variable-name`, `--database-name` and
 * `--database-user` other than their defaults are refused [sim choice].
 */
export async function runPostgresAttach(ctx: CommandContext): Promise<void> {
  const flaps = ctx.flaps()
  const pg = ctx.parsed.positionals[0]!
  const app = requireAppName(ctx)
  const out = ctx.io.stdout
  const variable = ctx.flag<string>('variable-name') || ATTACH_VARIABLE
  if (variable !== ATTACH_VARIABLE) {
    throw new FlyctlError(
      `flysim's stand-in flyctl attaches as ${ATTACH_VARIABLE} only, not --variable-name ${variable}`
    )
  }
  const database = ctx.flag<string>('database-name') || app
  const user = ctx.flag<string>('database-user') || app
  if (dbName(database) !== dbName(app) || dbName(user) !== dbName(app)) {
    throw new FlyctlError(
      "flysim's stand-in flyctl names the database and user after the app; --database-name and --database-user are not supported"
    )
  }
  const yes = ctx.flag<boolean>('yes') || ctx.flag<boolean>('auto-confirm')

  try {
    await flaps.request('GET', `/v1/apps/${enc(pg)}`)
  } catch (e) {
    throw describeApiError(`failed retrieving postgres app ${pg}`, e)
  }
  const cluster = await readCluster(flaps, pg)
  const appPath = `/v1/apps/${enc(app)}`
  try {
    await flaps.request('GET', appPath)
  } catch (e) {
    throw describeApiError(`failed retrieving app ${app}`, e)
  }

  out.write('Checking for existing attachments\n')
  let secrets: { name?: string }[]
  try {
    secrets =
      (
        (await flaps.request('GET', `${appPath}/secrets`)).body as {
          secrets?: { name?: string }[]
        }
      )?.secrets ?? []
  } catch (e) {
    throw describeApiError('failed to list secrets', e)
  }
  if (secrets.some((s) => s.name === variable)) {
    throw new FlyctlError(
      `consumer app "${app}" already contains a secret named ${variable}`
    )
  }

  let databases: string[]
  try {
    const res = await flaps.request('GET', `/v1/postgres/${enc(pg)}/databases`)
    databases = ((res.body as { data?: { name?: string }[] })?.data ?? []).map(
      (d) => d.name ?? ''
    )
  } catch (e) {
    throw describeApiError(`failed retrieving postgres app ${pg}`, e)
  }
  const dbExists = databases.includes(dbName(app))
  if (dbExists && !yes) {
    // flyctl asks `Database "…" already exists. Continue with the attachment process?`
    throw new FlyctlError(NON_INTERACTIVE)
  }
  if (attachedNames(cluster).includes(app)) {
    throw new FlyctlError(
      `database user "${dbName(app)}" already exists. Please specify a new database user via --database-user`
    )
  }

  out.write('Registering attachment\n')
  try {
    await flaps.request('POST', `/v1/postgres/${enc(pg)}/attachments`, {
      body: { app_name: app }
    })
  } catch (e) {
    throw describeApiError(`failed to attach ${pg} to ${app}`, e)
  }
  if (!dbExists) out.write('Creating database\n')
  out.write('Creating user\n')

  let url: string
  try {
    const res = await flaps.request('GET', `${appPath}/secrets/${variable}`, {
      query: { show_secrets: 'true' }
    })
    url = String((res.body as { value?: unknown })?.value ?? '')
  } catch (e) {
    throw describeApiError('failed to read the new secret', e)
  }
  out.write(
    `\nPostgres cluster ${pg} is now attached to ${app}\n` +
      `The following secret was added to ${app}:\n  ${variable}=${url}\n`
  )
}

/**
 * runPostgresDetach implements `flyctl postgres detach <PG APP> -a <app>`.
 * flyctl has no `--yes` here: it always asks which attachment to detach, so
 * when not interactive it fails with `prompt: non interactive` before
 * changing anything. On a terminal the stand-in takes the prompt's default,
 * the first (only) attachment, without asking [sim choice]. Detaching
 * removes `DATABASE_URL` and the user and keeps the database.
 */
export async function runPostgresDetach(ctx: CommandContext): Promise<void> {
  const flaps = ctx.flaps()
  const pg = ctx.parsed.positionals[0]!
  const app = requireAppName(ctx)
  const out = ctx.io.stdout
  try {
    await flaps.request('GET', `/v1/apps/${enc(app)}`)
    await flaps.request('GET', `/v1/apps/${enc(pg)}`)
  } catch (e) {
    throw describeApiError('get app', e)
  }
  const cluster = await readCluster(flaps, pg)
  if (!attachedNames(cluster).includes(app)) {
    throw new FlyctlError('no attachments found')
  }
  // flyctl: "Select the attachment that you would like to detach (Database will remain intact):"
  if (!interactive(ctx)) throw new FlyctlError(NON_INTERACTIVE)
  try {
    await flaps.request(
      'DELETE',
      `/v1/postgres/${enc(pg)}/attachments/${enc(app)}`
    )
  } catch (e) {
    throw describeApiError(`failed to detach ${pg} from ${app}`, e)
  }
  out.write(
    `Secret "${ATTACH_VARIABLE}" was scheduled to be removed from app ${app}\n` +
      'Detach completed successfully!\n'
  )
}
