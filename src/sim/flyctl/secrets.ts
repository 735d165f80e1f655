import { requireAppName, type CommandContext } from './context.js'
import { ApiError, describeApiError, type Flaps } from './flaps.js'
import { FlyctlError, readStdin } from './io.js'
import { parseSecrets, SecretsParseError } from './secrets-parser.js'

/** LEASE_TTL_S is flyctl's deploy lease TTL (API-NOTES §4). */
const LEASE_TTL_S = 13
/** WAIT_ROUNDS × 60 s /wait calls ≈ flyctl's 5-minute wait timeout (API-NOTES §5, §12). */
const WAIT_ROUNDS = 5

/** Machine is the part of a Machines API Machine this command reads. */
interface Machine {
  id: string
  state?: string
  instance_id?: string
  config?: { metadata?: Record<string, string>; [k: string]: unknown }
  incomplete_config?: Machine['config']
}

/**
 * runSecretsImport implements `flyctl secrets import` (API-NOTES §14): the
 * app must exist; stdin is parsed with flyctl's rules; the values are
 * POSTed in one request. `--stage` stops there. Otherwise every Fly Launch
 * machine is updated onto its current config with `min_secrets_version`,
 * as flyctl's restart-only deploy does: all leased first, then updated one
 * by one (started machines are waited for), leases released at the end.
 * No value is ever printed.
 */
export async function runSecretsImport(ctx: CommandContext): Promise<void> {
  const flaps = ctx.flaps()
  const app = requireAppName(ctx)
  const out = ctx.io.stdout
  const appPath = `/v1/apps/${encodeURIComponent(app)}`

  let appInfo: { status?: string }
  try {
    appInfo = ((await flaps.request('GET', appPath)).body ??
      {}) as typeof appInfo
  } catch (e) {
    throw describeApiError('failed to get app', e)
  }

  let secrets: Record<string, string>
  try {
    secrets = parseSecrets(await readStdin(ctx.io.stdin))
  } catch (e) {
    if (e instanceof SecretsParseError) {
      throw new FlyctlError(`Failed to parse secrets from stdin: ${e.message}`)
    }
    throw e
  }
  if (Object.keys(secrets).length < 1) {
    throw new FlyctlError('requires at least one SECRET=VALUE pair')
  }

  let version: number
  try {
    const res = await flaps.request('POST', `${appPath}/secrets`, {
      body: { values: secrets }
    })
    const body = (res.body ?? {}) as { version?: unknown; Version?: unknown }
    version = Number(body.version ?? body.Version)
    if (!Number.isFinite(version)) {
      throw new FlyctlError(
        'update secrets: the API answered without a secrets version'
      )
    }
  } catch (e) {
    throw describeApiError('update secrets', e)
  }

  if (ctx.flag<boolean>('stage')) {
    out.write(
      'Secrets have been staged, but not set on VMs. Deploy or update machines in this app for the secrets to take effect.\n'
    )
    return
  }

  let machines: Machine[]
  try {
    const res = await flaps.request('GET', `${appPath}/machines`)
    machines = ((res.body ?? []) as Machine[]).filter(isFlyLaunchMachine)
  } catch (e) {
    throw describeApiError('failed to list machines', e)
  }
  if (machines.length === 0) {
    if (appInfo.status !== 'deployed') {
      out.write('Secrets are staged for the first deployment\n')
    }
    return
  }
  machines.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  await restartOnto(ctx, flaps, appPath, app, machines, version)
}

/**
 * isFlyLaunchMachine is fly-go's ListFlyAppsMachines filter (API-NOTES §7):
 * `fly_platform_version=v2`, not destroyed, not a release-command or console
 * machine.
 */
function isFlyLaunchMachine(m: Machine): boolean {
  const meta = (m.config ?? m.incomplete_config)?.metadata ?? {}
  if (meta.fly_platform_version !== 'v2') return false
  if (m.state === 'destroyed' || m.state === 'destroying') return false
  const group = meta.fly_process_group
  return group !== 'fly_app_release_command' && group !== 'fly_app_console'
}

async function restartOnto(
  ctx: CommandContext,
  flaps: Flaps,
  appPath: string,
  app: string,
  machines: Machine[],
  minSecretsVersion: number
): Promise<void> {
  const out = ctx.io.stdout
  out.write(
    `Updating existing machines in '${app}' with rolling strategy\n\n-------\n`
  )
  // API-NOTES §4: flyctl leases every target before it updates any, and
  // releases them whatever happens.
  const nonces = new Map<string, string>()
  try {
    for (const m of machines) {
      nonces.set(m.id, await acquireLease(flaps, appPath, m.id))
    }
    for (const [i, m] of machines.entries()) {
      const config = structuredClone(m.config ?? m.incomplete_config ?? {})
      config.metadata = { ...config.metadata, fly_flyctl_version: ctx.version }
      // API-NOTES §12: skip_launch unless the machine was running.
      const running = ['started', 'starting', 'failed'].includes(m.state ?? '')
      let updated: Machine
      try {
        const res = await flaps.request('POST', `${appPath}/machines/${m.id}`, {
          nonce: nonces.get(m.id),
          body: {
            config,
            min_secrets_version: minSecretsVersion,
            ...(running ? {} : { skip_launch: true })
          }
        })
        updated = (res.body ?? {}) as Machine
      } catch (e) {
        throw describeApiError(`failed to update machine ${m.id}`, e)
      }
      if (running && !ctx.flag<boolean>('detach')) {
        await waitStarted(flaps, appPath, m.id, updated.instance_id)
      }
      const group = config.metadata.fly_process_group ?? 'app'
      out.write(
        ` ✔ [${i + 1}/${machines.length}] Machine ${m.id} [${group}] update finished: success\n`
      )
    }
  } finally {
    for (const [id, nonce] of nonces) {
      await flaps
        .request('DELETE', `${appPath}/machines/${id}/lease`, { nonce })
        .catch(() => undefined)
    }
  }
  out.write('-------\n')
}

/** acquireLease takes a 13 s lease as fly-go does (`?ttl=`), reading both lease shapes. */
async function acquireLease(
  flaps: Flaps,
  appPath: string,
  id: string
): Promise<string> {
  try {
    const res = await flaps.request('POST', `${appPath}/machines/${id}/lease`, {
      query: { ttl: String(LEASE_TTL_S) }
    })
    const body = (res.body ?? {}) as {
      nonce?: string
      data?: { nonce?: string }
    }
    const nonce = body.data?.nonce ?? body.nonce
    if (!nonce)
      throw new FlyctlError(
        `failed to obtain lease for machine ${id}: no nonce in the answer`
      )
    return nonce
  } catch (e) {
    if (e instanceof ApiError && e.status === 409) {
      throw new FlyctlError(`failed to obtain lease: ${e.message}`)
    }
    throw describeApiError(`failed to obtain lease for machine ${id}`, e)
  }
}

/** waitStarted waits for the new version to reach `started`; each 408 is one more 60 s round. */
async function waitStarted(
  flaps: Flaps,
  appPath: string,
  id: string,
  version: string | undefined
): Promise<void> {
  const query: Record<string, string> = { state: 'started', timeout: '60' }
  if (version) query.version = version
  for (let round = 0; round < WAIT_ROUNDS; round++) {
    try {
      await flaps.request('GET', `${appPath}/machines/${id}/wait`, { query })
      return
    } catch (e) {
      if (e instanceof ApiError && e.status === 408) continue
      throw describeApiError(`failed to wait for machine ${id} to start`, e)
    }
  }
  throw new FlyctlError(
    `failed to wait for machine ${id} to start: timeout reached waiting for machine's state to change`
  )
}
