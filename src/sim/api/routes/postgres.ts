import type {
  SimApp,
  SimPostgresAttachment,
  SimPostgresCluster,
  World
} from '../../world.js'
import { ApiError } from '../errors.js'
import { route, type Ctx, type Route } from '../router.js'
import { applySecrets } from './apps.js'
import { field, objectBody } from './common.js'

/**
 * Postgres attachments (API-NOTES §2.1: `POST /v1/postgres/{cluster}/attachments`,
 * `DELETE …/attachments/{app}`), plus the cluster and database reads they
 * need. Fly documents the shapes ([OA3] createPostgresAttachmentResponse,
 * showPostgresClusterResponse, listPostgresDatabasesResponse) and the
 * statuses; everything about what an attachment *does* is a [sim choice]:
 *
 * - attaching makes a per-app database and user, and sets the app's
 *   `DATABASE_URL` secret (one new secrets version) to
 *   `postgres://<app>:<random>@<cluster>.flympg.net/<app_db>` (unmanaged:
 *   `postgres://<app_db>:<random>@<pg app>.flycast:5432/<app_db>?sslmode=disable`,
 *   as flyctl's `postgres attach` writes it), where `<app_db>` is the app name
 *   lowercased with `-` → `_`, as flyctl names it;
 * - attaching an attached app answers 200 and changes nothing;
 * - detaching unsets `DATABASE_URL` when it still holds the attachment's
 *   value (a value someone set since is theirs), drops the user and keeps
 *   the database (flyctl: "Database will remain intact");
 * - an app deleted while attached leaves its attachment behind, an orphan:
 *   `attached_apps` still names it and a detach answers 404 "App not found",
 *   so detach before delete;
 * - an app in another org than the cluster's is refused with 422;
 * - no rate limits (none documented for these endpoints).
 */

/** DATABASE_URL is the secret an attachment sets. */
export const DATABASE_URL = 'DATABASE_URL'

/** MPG_DOMAIN is the managed clusters' host domain [sim choice]. */
const MPG_DOMAIN = 'flympg.net'

/** databaseName is flyctl's name for an app's database and user: lowercased, `-` → `_`. */
export function databaseName(app: string): string {
  return app.toLowerCase().replace(/-/g, '_')
}

/** clusterHost is the host a cluster's connection strings name. */
function clusterHost(c: SimPostgresCluster): string {
  return c.managed ? `${c.id}.${MPG_DOMAIN}` : `${c.id}.flycast`
}

function requireCluster(ctx: Ctx): SimPostgresCluster {
  const c = ctx.sim.world.postgres.get(ctx.params.postgres_cluster_id ?? '')
  if (!c) throw new ApiError(404, 'Cluster not found')
  return c
}

/** liveApp returns the named app unless it is gone or being deleted. */
function liveApp(world: World, name: string): SimApp | undefined {
  const app = world.apps.get(name)
  return app && app.status !== 'destroying' ? app : undefined
}

/** isOrphan says whether an attachment's app is gone (or is a new app of the same name). */
export function isOrphan(world: World, a: SimPostgresAttachment): boolean {
  return liveApp(world, a.app)?.id !== a.appId
}

/** renderCluster renders a PostgresCluster ([OA3]), inside `{data}`. */
export function renderCluster(
  world: World,
  c: SimPostgresCluster
): Record<string, unknown> {
  const org = world.orgs.get(c.org)
  const host = clusterHost(c)
  return {
    data: {
      id: c.id,
      name: c.name,
      status: 'ready',
      region: c.region,
      plan: 'basic',
      pg_major_version: '17',
      cpu_kind: 'shared',
      cpus: 1,
      memory_mb: 1024,
      disk_size_gb: 10,
      replicas: 0,
      postgis_enabled: false,
      created_at: world.iso(c.createdAt),
      organization: { name: org?.name ?? c.org, slug: c.org },
      endpoints: {
        primary: {
          direct: { host: `direct.${host}`, port: 5432 },
          pooler: { host, port: 5432 }
        }
      },
      attached_apps: [...c.attachments.keys()].sort().map((name) => ({ name }))
    }
  }
}

function renderAttachment(
  world: World,
  c: SimPostgresCluster,
  a: SimPostgresAttachment
): Record<string, unknown> {
  return {
    data: {
      app_name: a.app,
      postgres_cluster_id: c.id,
      attached_at: world.iso(a.attachedAt)
    }
  }
}

function showCluster(ctx: Ctx) {
  return {
    status: 200,
    body: renderCluster(ctx.sim.world, requireCluster(ctx))
  }
}

function listDatabases(ctx: Ctx) {
  const c = requireCluster(ctx)
  return {
    status: 200,
    body: { data: [...c.databases].sort().map((name) => ({ name })) }
  }
}

/** attach attaches `{app_name}`: 201 with a new attachment, 200 when it was attached already. */
function attach(ctx: Ctx) {
  const cluster = requireCluster(ctx)
  const name = field(objectBody(ctx), 'app_name', 'string')
  if (!name) throw new ApiError(422, 'app_name is required')
  const world = ctx.sim.world
  const app = liveApp(world, name)
  if (!app) throw new ApiError(404, 'App not found')
  if (app.orgSlug !== cluster.org) {
    throw new ApiError(
      422,
      `app ${name} belongs to organization ${app.orgSlug}; cluster ${cluster.id} to ${cluster.org}`
    )
  }
  const existing = cluster.attachments.get(name)
  if (existing && existing.appId === app.id) {
    return { status: 200, body: renderAttachment(world, cluster, existing) }
  }
  // New, or replacing the orphan of an earlier app of the same name.
  const database = databaseName(name)
  const user = cluster.managed ? name : database
  const password = world.rng.hex(24)
  const url = cluster.managed
    ? `postgres://${user}:${password}@${clusterHost(cluster)}/${database}`
    : `postgres://${user}:${password}@${clusterHost(cluster)}:5432/${database}?sslmode=disable`
  const a: SimPostgresAttachment = {
    app: name,
    appId: app.id,
    database,
    user,
    url,
    attachedAt: world.now()
  }
  cluster.databases.add(database)
  cluster.attachments.set(name, a)
  app.attachments.add(cluster.id)
  applySecrets(ctx, app, [[DATABASE_URL, url]])
  return { status: 201, body: renderAttachment(world, cluster, a) }
}

/** detach removes an app's attachment: 204, or 404 for an unknown cluster, app or attachment. */
function detach(ctx: Ctx) {
  const cluster = requireCluster(ctx)
  const name = ctx.params.app_name ?? ''
  const app = liveApp(ctx.sim.world, name)
  if (!app) throw new ApiError(404, 'App not found')
  const a = cluster.attachments.get(name)
  if (!a || a.appId !== app.id) throw new ApiError(404, 'Attachment not found')
  cluster.attachments.delete(name)
  app.attachments.delete(cluster.id)
  if (app.secrets.get(DATABASE_URL)?.value === a.url) {
    applySecrets(ctx, app, [[DATABASE_URL, null]])
  }
  return { status: 204 }
}

const CLUSTER = '/v1/postgres/{postgres_cluster_id}'

export const postgresRoutes: Route[] = [
  route('GET', CLUSTER, 'Postgres_show', showCluster),
  route(
    'GET',
    `${CLUSTER}/databases`,
    'Postgres_databases_list',
    listDatabases
  ),
  route(
    'POST',
    `${CLUSTER}/attachments`,
    'Postgres_attachments_create',
    attach
  ),
  route(
    'DELETE',
    `${CLUSTER}/attachments/{app_name}`,
    'Postgres_attachments_delete',
    detach
  )
]
