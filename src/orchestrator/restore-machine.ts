import { FlyApiError } from '../core/errors.js'
import { readMarks } from '../core/metadata.js'
import { canonicalJson, configHash } from '../core/normalize.js'
import type {
  MachineConfig,
  MachineRecord,
  MachineView
} from '../core/types.js'
import { destroyMachine } from './destroy.js'
import { acquire, type HeldLease } from './leases.js'
import { checksOf, configuredChecks, crashIn } from './observer.js'
import type { Ports } from './ports.js'

/** RestoreTarget is one machine a rollback must put back (or destroy). */
export interface RestoreTarget {
  machineId: string
  /** S₀, when this process recorded it; otherwise it comes from /versions and the marks. */
  s0?: MachineRecord
  /** The rollout created it: destroy it, and these volumes. */
  created?: { volumeIds: string[] }
  /** A read made just before (the rollback's list): the first attempt starts from it instead of another GET. */
  view?: MachineView
}

export type RestoreStatus =
  'restored' | 'unchanged' | 'destroyed' | 'unrestorable' | 'failed'

export interface RestoreResult {
  machineId: string
  status: RestoreStatus
  /** Restored exactly but failing its checks: the cause is outside the release (§7.4). */
  unhealthy?: boolean
  reason?: string
  /** S₀ image digest, for the report's retry instructions. */
  s0Digest?: string
}

export interface RestoreContext {
  ports: Ports
  app: string
  rolloutId: string
  anchor?: HeldLease
  minSecretsVersion?: number
  machineDeadlineMs: number
  signal?: AbortSignal
}

/** Waits between a machine's restore attempts: a first try, then 5 retries backing off 2 → 32 s (ROLLOUT-SEMANTICS §7.4). */
export const RESTORE_BACKOFF_MS = [2_000, 4_000, 8_000, 16_000, 32_000]
const RESTORE_ATTEMPTS = RESTORE_BACKOFF_MS.length + 1

/**
 * restoreMachine puts one machine back exactly as S₀ recorded it
 * (ROLLOUT-SEMANTICS §7.3): idempotent, retried with backoff, and it never
 * guesses — without a trustworthy S₀ config the machine is `unrestorable`.
 */
export async function restoreMachine(
  ctx: RestoreContext,
  target: RestoreTarget
): Promise<RestoreResult> {
  let last: RestoreResult = {
    machineId: target.machineId,
    status: 'failed',
    reason: 'not attempted'
  }
  for (let attempt = 0; attempt < RESTORE_ATTEMPTS; attempt++) {
    if (attempt > 0)
      await ctx.ports.clock.sleep(RESTORE_BACKOFF_MS[attempt - 1]!)
    // Later attempts read afresh: the machine may have moved since.
    last = await restoreOnce(
      ctx,
      attempt === 0 ? target : { ...target, view: undefined }
    )
    if (last.status !== 'failed') return last
    ctx.ports.log.warn(
      `restore of ${target.machineId} failed (attempt ${attempt + 1}/${RESTORE_ATTEMPTS}): ${last.reason}`
    )
  }
  return last
}

async function restoreOnce(
  ctx: RestoreContext,
  target: RestoreTarget
): Promise<RestoreResult> {
  const { ports, app } = ctx
  const id = target.machineId
  let lease: HeldLease | undefined
  try {
    // 1. A fresh read (the caller's list of a moment ago, or a GET): never a cached status.
    let m: MachineView
    try {
      m = target.view ?? (await ports.machines.get(app, id))
    } catch (e) {
      if (e instanceof FlyApiError && e.status === 404) {
        return target.created
          ? { machineId: id, status: 'destroyed' }
          : {
              machineId: id,
              status: 'unrestorable',
              reason: `machine ${id} no longer exists`
            }
      }
      throw e
    }
    const marks = readMarks(m.config.metadata)
    const created =
      target.created ?? (marks?.created ? { volumeIds: [] } : undefined)
    if (created) {
      if (m.state === 'destroyed' || m.state === 'destroying')
        return { machineId: id, status: 'destroyed' }
      lease =
        ctx.anchor?.machineId === id
          ? undefined
          : await acquire(ports, app, id, ctx.rolloutId, ctx.signal)
      await destroyMachine(ports, app, id, lease?.nonce ?? ctx.anchor?.nonce)
      for (const v of created.volumeIds) {
        await destroyVolumeWhenFree(ctx, v)
      }
      return { machineId: id, status: 'destroyed' }
    }

    // 2. S₀: ours, or /versions checked against the recorded hash. A machine
    //    without this rollout's marks was never changed by it (every write it
    //    makes carries them) or is already back: rollback restores only what
    //    the rollout touched (§7.2), so a change made by someone else meanwhile
    //    (a flyctl deploy, a hand edit) is left as found, not reverted.
    if (marks?.rolloutId !== ctx.rolloutId) {
      if (
        target.s0 &&
        !(
          canonicalJson(m.config) === canonicalJson(target.s0.config) &&
          sameState(m.state, target.s0.state)
        )
      )
        ctx.ports.log.warn(
          `machine ${id} was changed outside rollout ${ctx.rolloutId}; left as found`
        )
      return target.s0
        ? {
            machineId: id,
            status: 'unchanged',
            s0Digest: target.s0.imageDigest
          }
        : { machineId: id, status: 'unchanged' }
    }
    const s0 = target.s0 ?? (await s0FromVersions(ctx, m))
    if (!s0) {
      return {
        machineId: id,
        status: 'unrestorable',
        reason: `no trustworthy S₀ config for ${id}: its previous version is gone from /versions`
      }
    }
    const exact = (v: MachineView) =>
      canonicalJson(v.config) === canonicalJson(s0.config)
    const stateOk = (state: string) => sameState(state, s0.state)

    // 3. Already back? (Idempotent: a second run changes nothing.)
    if (exact(m) && stateOk(m.state))
      return { machineId: id, status: 'unchanged', s0Digest: s0.imageDigest }

    lease =
      ctx.anchor?.machineId === id
        ? undefined
        : await acquire(ports, app, id, ctx.rolloutId, ctx.signal)
    const nonce = lease?.nonce ?? ctx.anchor?.nonce

    // 4. Only our marks differ: metadata edits make no version and no restart.
    if (
      configHash(m.config) === s0.hash &&
      m.imageDigest === s0.imageDigest &&
      stateOk(m.state)
    ) {
      await ports.machines.setMetadata(
        app,
        id,
        metadataDiff(m.config, s0.config),
        nonce
      )
      const after = await ports.machines.get(app, id)
      if (!exact(after))
        return {
          machineId: id,
          status: 'failed',
          reason: `metadata of ${id} did not read back as S₀`
        }
      return { machineId: id, status: 'restored', s0Digest: s0.imageDigest }
    }

    // 5. Apply S₀'s config; a stopped S₀ stays stopped.
    const since = ports.clock.now()
    const view = await ports.machines.update(
      app,
      id,
      {
        config: s0.config,
        currentVersion: m.version,
        skipLaunch: s0.state !== 'started',
        minSecretsVersion: ctx.minSecretsVersion
      },
      nonce
    )

    // 6. Re-apply S₀'s state.
    let unhealthy = false
    let lastSeen: MachineView | undefined
    if (s0.state === 'started') {
      const health = await waitHealthy(ctx, id, view.version, s0.config, since)
      if (health.result !== 'ok') unhealthy = true
      lastSeen = health.last
    } else if (s0.state === 'suspended') {
      // A suspended machine is suspended from started: boot the S₀ config, then suspend it.
      if (view.state !== 'started') {
        await ports.machines.start(app, id, nonce)
        await ports.machines.waitFor(app, id, {
          states: ['started'],
          version: view.version,
          timeoutS: 60
        })
      }
      await ports.machines.suspend(app, id, nonce)
      await ports.machines.waitFor(app, id, {
        states: ['suspended'],
        version: view.version,
        timeoutS: 60
      })
    } else if (view.state !== 'stopped' && view.state !== 'created') {
      await ports.machines.stop(app, id, nonce)
      await ports.machines.waitFor(app, id, {
        states: ['stopped'],
        version: view.version,
        timeoutS: 60
      })
    }

    // 7. Read back: exactly S₀, config and state (the health poll's read when it just made one).
    const after = lastSeen ?? (await ports.machines.get(app, id))
    // A machine exactly restored but crashing is the cause outside the release (§7.4): not re-updated.
    if (!unhealthy && !stateOk(after.state)) {
      return {
        machineId: id,
        status: 'failed',
        reason: `machine ${id} is ${after.state}, S₀ was ${s0.state}`
      }
    }
    if (!exact(after)) {
      return {
        machineId: id,
        status: 'failed',
        reason: `machine ${id} does not read back as its S₀ config`
      }
    }
    // S₀'s digest is known unless /versions gave a tag-only image. A tag that
    // moved since S₀ would run another image under the same config: pin the
    // S₀ digest instead, the one change an exact restore must allow.
    if (s0.imageDigest && after.imageDigest !== s0.imageDigest) {
      const pinned = pinImage(s0.config.image ?? '', s0.imageDigest)
      const fixed = await ports.machines.update(
        app,
        id,
        {
          config: { ...s0.config, image: pinned },
          currentVersion: after.version,
          skipLaunch: s0.state !== 'started',
          minSecretsVersion: ctx.minSecretsVersion
        },
        nonce
      )
      if (fixed.imageDigest !== s0.imageDigest) {
        return {
          machineId: id,
          status: 'failed',
          reason: `machine ${id} runs ${fixed.imageDigest}, not S₀'s ${s0.imageDigest}`
        }
      }
      if (s0.state === 'started')
        await waitHealthy(ctx, id, fixed.version, s0.config, since)
      return {
        machineId: id,
        status: 'restored',
        s0Digest: s0.imageDigest,
        reason: `image tag ${s0.config.image} has moved since the snapshot: restored with ${pinned}`
      }
    }
    return {
      machineId: id,
      status: 'restored',
      s0Digest: s0.imageDigest,
      ...(unhealthy
        ? {
            unhealthy,
            reason: `machine ${id} is back on its S₀ config but not healthy`
          }
        : {})
    }
  } catch (e) {
    return { machineId: id, status: 'failed', reason: (e as Error).message }
  } finally {
    await lease?.release()
  }
}

/** s0FromVersions finds the config a machine had before the rollout, checked against its recorded hash. */
async function s0FromVersions(
  ctx: RestoreContext,
  m: MachineView
): Promise<MachineRecord | undefined> {
  const marks = readMarks(m.config.metadata)
  if (!marks?.prevVersion || !marks.prevHash) return undefined
  const versions = await ctx.ports.machines.versions(ctx.app, m.id)
  const v = versions.find((x) => x.version === marks.prevVersion)
  if (!v || configHash(v.config) !== marks.prevHash) return undefined
  // Rollout X edits metadata only on versions it created, so the previous version is S₀ exactly.
  const config = structuredClone(v.config)
  return {
    id: m.id,
    name: m.name,
    region: m.region,
    group: config.metadata?.fly_process_group ?? 'app',
    state: marks.prevState ?? 'started',
    version: marks.prevVersion,
    // Known only when S₀ pinned its image by digest; m's digest is the new release's.
    imageDigest: digestOf(config) ?? '',
    config,
    hash: marks.prevHash,
    volumeIds: (config.mounts ?? []).flatMap((x) =>
      x.volume ? [x.volume] : []
    )
  }
}

/** pinImage turns `repo:tag` (or `repo@…`) into `repo@<digest>`. */
function pinImage(image: string, digest: string): string {
  const repo = image
    .replace(/@sha256:[a-f0-9]+$/, '')
    .replace(/:[\w][\w.-]{0,127}$/, '')
  return `${repo}@${digest}`
}

function digestOf(config: MachineConfig): string | undefined {
  return /@(sha256:[a-f0-9]{64})$/.exec(config.image ?? '')?.[1]
}

function sameState(now: string, s0: string): boolean {
  if (s0 === 'started') return now === 'started'
  // A created (never started) machine and a stopped one are both "not running".
  return (
    now === s0 ||
    ((s0 === 'stopped' || s0 === 'created') &&
      (now === 'stopped' || now === 'created'))
  )
}

/** metadataDiff returns the metadata edits that turn `from` into `to`. */
function metadataDiff(
  from: MachineConfig,
  to: MachineConfig
): Record<string, string | null> {
  const a = from.metadata ?? {}
  const b = to.metadata ?? {}
  const out: Record<string, string | null> = {}
  for (const k of Object.keys(a)) if (!(k in b)) out[k] = null
  for (const [k, v] of Object.entries(b)) if (a[k] !== v) out[k] = v
  return out
}

/**
 * waitHealthy waits for a restored machine: `/wait` started at its version,
 * then GETs at the checks' due times (restored machines carry no marks, so
 * the rollout's shared observer does not see them).
 */
async function waitHealthy(
  ctx: RestoreContext,
  id: string,
  version: string,
  config: MachineConfig,
  since: number
): Promise<{ result: 'ok' | 'crashed' | 'timeout'; last?: MachineView }> {
  const { ports, app } = ctx
  const deadline = ports.clock.now() + ctx.machineDeadlineMs
  for (;;) {
    const left = Math.ceil((deadline - ports.clock.now()) / 1000)
    if (left <= 0) return { result: 'timeout' }
    const r = await ports.machines.waitFor(app, id, {
      states: ['started', 'stopped', 'failed'],
      version,
      timeoutS: Math.min(60, left)
    })
    if (r.ok && r.state === 'started') break
    if (r.ok) return { result: 'crashed' }
  }
  const c = configuredChecks(config)
  if (c.count === 0) return { result: 'ok' }
  let delay = c.firstDueMs + 250
  for (;;) {
    await ports.clock.sleep(delay)
    const m = await ports.machines.get(app, id)
    if (crashIn(m.events, since)) return { result: 'crashed', last: m }
    const checks = checksOf(m)
    if (checks.length >= c.count && checks.every((x) => x.status === 'passing'))
      return { result: 'ok', last: m }
    if (ports.clock.now() > deadline) return { result: 'timeout', last: m }
    // No first results yet: look again soon; then at the checks' own pace.
    delay =
      checks.length < c.count
        ? 1000
        : Math.max(1000, Math.min(c.intervalMs, 5000))
  }
}

async function destroyVolumeWhenFree(
  ctx: RestoreContext,
  volumeId: string
): Promise<void> {
  // The machine's destroy detaches it shortly after; a few tries cover that.
  for (let i = 0; i < 5; i++) {
    try {
      await ctx.ports.volumes.destroy(ctx.app, volumeId)
      return
    } catch (e) {
      if (e instanceof FlyApiError && e.status === 404) return
      await ctx.ports.clock.sleep(500)
    }
  }
  ctx.ports.log.warn(
    `volume ${volumeId} created by the rollout could not be deleted; delete it with: fly volumes destroy ${volumeId}`
  )
}
