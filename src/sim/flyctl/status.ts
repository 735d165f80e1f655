import { orgJson, type FlapsApp } from './apps.js'
import { requireAppName, type CommandContext } from './context.js'
import { describeApiError } from './flaps.js'
import { FlyctlError, goJson } from './io.js'

/** MACHINE_KEYS is fly-go's Machine struct order; Go drops fields it does not know. */
const MACHINE_KEYS = [
  'id',
  'name',
  'state',
  'region',
  'image_ref',
  'instance_id',
  'version',
  'private_ip',
  'created_at',
  'updated_at',
  'config',
  'events',
  'checks',
  'nonce',
  'host_status',
  'incomplete_config'
]

/** EVENT_KEYS is fly-go's MachineEvent struct order (it has no id). */
const EVENT_KEYS = ['type', 'status', 'request', 'source', 'timestamp']

type WireMachine = Record<string, unknown> & {
  id?: string
  state?: string
  config?: { metadata?: Record<string, string> }
  incomplete_config?: { metadata?: Record<string, string> }
}

/**
 * runStatus implements `flyctl status --json`: the app (GET /v1/apps/{app})
 * and its Fly Launch machines, shaped like flyctl's renderMachineJSONStatus:
 * a Go map (so keys sorted), indented with 4 spaces, machines sorted by id
 * with fly-go's field order. Without `--json` a short table is printed
 * [sim choice: not flyctl's exact layout].
 */
export async function runStatus(ctx: CommandContext): Promise<void> {
  const flaps = ctx.flaps()
  const app = requireAppName(ctx)
  if (ctx.flag<boolean>('watch') && ctx.flag<boolean>('json')) {
    throw new FlyctlError('--watch and --json are not supported together')
  }
  if (ctx.flag<boolean>('watch')) {
    throw new FlyctlError(
      '--watch is not supported for non-interactive sessions'
    )
  }
  const appPath = `/v1/apps/${encodeURIComponent(app)}`
  let info: FlapsApp
  try {
    info = ((await flaps.request('GET', appPath)).body ?? {}) as FlapsApp
  } catch (e) {
    throw describeApiError('failed to get app', e)
  }
  let machines: WireMachine[]
  try {
    machines = ((await flaps.request('GET', `${appPath}/machines`)).body ??
      []) as WireMachine[]
  } catch (e) {
    throw describeApiError('failed to list machines', e)
  }
  // flaps ListActive, then IsAppsV2 (API-NOTES §7), sorted by id.
  const shown = machines
    .filter((m) => {
      const meta = (m.config ?? m.incomplete_config)?.metadata ?? {}
      const group = meta.fly_process_group
      return (
        m.state !== 'destroyed' &&
        m.state !== 'destroying' &&
        group !== 'fly_app_release_command' &&
        group !== 'fly_app_console' &&
        meta.fly_platform_version === 'v2'
      )
    })
    .sort((a, b) =>
      String(a.id) < String(b.id) ? -1 : String(a.id) > String(b.id) ? 1 : 0
    )

  if (!ctx.flag<boolean>('json')) {
    renderTable(ctx, app, info, shown)
    return
  }

  const status: Record<string, unknown> = {
    AppURL: `https://${app}.fly.dev`,
    Deployed: info.status === 'deployed',
    Hostname: `${app}.fly.dev`,
    ID: info.id ?? app,
    Machines: shown.map(machineJson),
    Name: info.name ?? app,
    Organization: orgJson(info.organization),
    PlatformVersion: 'machines',
    Status: info.status ?? '',
    Version: releaseVersion(shown)
  }
  ctx.io.stdout.write(goJson(status, 4))
}

/** machineJson reorders a Machine to fly-go's field order, dropping unknown fields. */
function machineJson(m: WireMachine): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const k of MACHINE_KEYS) {
    const v = m[k]
    if (v === undefined || v === null || v === '') continue
    if (k === 'events' && Array.isArray(v)) {
      out.events = v.map((e: Record<string, unknown>) => {
        const ev: Record<string, unknown> = {}
        for (const ek of EVENT_KEYS) if (e[ek] !== undefined) ev[ek] = e[ek]
        return ev
      })
      continue
    }
    out[k] = v
  }
  return out
}

/**
 * releaseVersion is the app's current release number. flyctl asks GraphQL;
 * flysim has no releases, so the highest `fly_release_version` among the
 * machines stands in [sim choice], else 0.
 */
function releaseVersion(machines: WireMachine[]): number {
  let max = 0
  for (const m of machines) {
    const v = Number(m.config?.metadata?.fly_release_version)
    if (Number.isInteger(v) && v > max) max = v
  }
  return max
}

function renderTable(
  ctx: CommandContext,
  app: string,
  info: FlapsApp,
  machines: WireMachine[]
): void {
  const out = ctx.io.stdout
  out.write(
    `App\n  Name     = ${app}\n  Owner    = ${info.organization?.slug ?? ''}\n  Hostname = ${app}.fly.dev\n  Platform = machines\n\n`
  )
  if (machines.length === 0) return
  out.write('Machines\n')
  out.write('PROCESS\tID\tREGION\tSTATE\tLAST UPDATED\n')
  for (const m of machines) {
    const group = m.config?.metadata?.fly_process_group ?? ''
    out.write(
      `${group}\t${m.id}\t${String(m.region ?? '')}\t${m.state ?? ''}\t${String(m.updated_at ?? '')}\n`
    )
  }
  out.write('\n')
}
