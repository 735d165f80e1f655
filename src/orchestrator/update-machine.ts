import { FlyApiError } from '../core/errors.js'
import { KEY } from '../core/metadata.js'
import { configHash } from '../core/normalize.js'
import type { CreateStep, UpdateStep } from '../core/plan.js'
import type { MachineView } from '../core/types.js'
import { acquire, hold, LEASE_TTL_S, type HeldLease } from './leases.js'
import type { Observer } from './observer.js'
import type { Ports } from './ports.js'

/** StepContext is what applying one plan step needs. */
export interface StepContext {
  ports: Ports
  app: string
  rolloutId: string
  digest: string
  observer: Observer
  machineDeadlineMs: number
  /** Consecutive all-passing check results that verify a machine (spec `verify-passes`). */
  verifyPasses?: number
  /** The wave being applied: the observer narrows its polls to it. */
  wave?: number
  minSecretsVersion?: number
  /** The anchor's lease is held for the whole rollout: steps on the anchor use it. */
  anchor?: HeldLease
  signal?: AbortSignal
  /** Called as soon as a machine exists that rollback must destroy. */
  onCreated?: (machineId: string, volumeIds: string[]) => void
}

/** StepResult is one step's outcome; failures are values, not exceptions. */
export type StepResult =
  | { ok: true; machineId: string; version: string }
  | { ok: false; machineId: string; reason: string; critical: boolean }

/**
 * applyUpdate runs ROLLOUT-SEMANTICS §3 for one machine:
 * lease → update (R's config, current_version, skip_launch, min_secrets_version)
 * → read back → /wait started → every check passing, no crash → release.
 * It never pushes forward: a failure is returned for the wave to roll back.
 */
export async function applyUpdate(
  ctx: StepContext,
  step: UpdateStep
): Promise<StepResult> {
  const { ports, app } = ctx
  const fail = (reason: string, critical = true): StepResult => ({
    ok: false,
    machineId: step.machineId,
    reason,
    critical
  })
  let lease: HeldLease | undefined
  try {
    // 1. Lease (the anchor's is already ours).
    lease =
      ctx.anchor?.machineId === step.machineId
        ? undefined
        : await acquire(ports, app, step.machineId, ctx.rolloutId, ctx.signal)
    const nonce = lease?.nonce ?? ctx.anchor?.nonce
    const since = ports.clock.now()

    // 2. Update.
    let view: MachineView
    try {
      view = await ports.machines.update(
        app,
        step.machineId,
        {
          config: step.config,
          currentVersion: step.fromVersion,
          skipLaunch: step.skipLaunch,
          minSecretsVersion: ctx.minSecretsVersion
        },
        nonce
      )
    } catch (e) {
      if (!(e instanceof FlyApiError) || !e.retryable) throw e
      // The update may or may not have been applied: read, never guess.
      const now = await ports.machines.get(app, step.machineId)
      if (now.version === step.fromVersion) {
        view = await ports.machines.update(
          app,
          step.machineId,
          {
            config: step.config,
            currentVersion: step.fromVersion,
            skipLaunch: step.skipLaunch,
            minSecretsVersion: ctx.minSecretsVersion
          },
          nonce
        )
      } else if (configHash(now.config) === step.toHash) view = now
      else
        return fail(
          `machine ${step.machineId} changed to version ${now.version} during the update: someone else is deploying`
        )
    }

    // 3. Read back.
    if (configHash(view.config) !== step.toHash) {
      return fail(
        `machine ${step.machineId} reads back a config other than the one sent (hash ${configHash(view.config)}, want ${step.toHash})`
      )
    }
    if (ctx.digest && view.imageDigest && view.imageDigest !== ctx.digest) {
      return fail(
        `machine ${step.machineId} runs image ${view.imageDigest}, want ${ctx.digest}`
      )
    }
    if (step.skipLaunch) {
      // Stopped machines stay stopped; read-back is their verification (§2.1).
      return { ok: true, machineId: step.machineId, version: view.version }
    }

    // 4. Started, then 5. healthy.
    return await startedAndHealthy(
      ctx,
      step.machineId,
      view.version,
      step.config,
      since
    )
  } catch (e) {
    return fail(
      `updating ${step.machineId} failed: ${(e as Error).message}`,
      false
    )
  } finally {
    await lease?.release()
  }
}

/**
 * applyCreate creates a machine from R's config (creating its volumes first),
 * leased to us from birth, and waits until it is started and healthy.
 */
export async function applyCreate(
  ctx: StepContext,
  step: CreateStep
): Promise<StepResult> {
  const { ports, app } = ctx
  let lease: HeldLease | undefined
  let id = step.key
  try {
    const config = structuredClone(step.config)
    const volumeIds: string[] = []
    for (const v of step.volumes) {
      const created = await ports.volumes.create(app, {
        name: v.name,
        region: step.region,
        sizeGb: v.sizeGb
      })
      volumeIds.push(created.id)
    }
    if (config.mounts)
      config.mounts = config.mounts.map((m, i) => ({
        ...m,
        volume: volumeIds[i] ?? m.volume
      }))
    // The volume ids are known only now: the target hash (and its mark) follows them.
    const expected = configHash(config)
    config.metadata = { ...config.metadata, [KEY.targetHash]: expected }
    const since = ports.clock.now()
    const m = await ports.machines.create(app, {
      config,
      region: step.region,
      minSecretsVersion: ctx.minSecretsVersion,
      leaseTtlS: LEASE_TTL_S
    })
    id = m.id
    ctx.onCreated?.(m.id, volumeIds)
    if (m.nonce) lease = hold(ports, app, m.id, m.nonce)
    if (configHash(m.config) !== expected) {
      return {
        ok: false,
        machineId: id,
        reason: `created machine ${id} reads back a config other than the one sent`,
        critical: true
      }
    }
    return await startedAndHealthy(ctx, m.id, m.version, config, since)
  } catch (e) {
    return {
      ok: false,
      machineId: id,
      reason: `creating a machine in ${step.region} failed: ${(e as Error).message}`,
      critical: false
    }
  } finally {
    await lease?.release()
  }
}

/** startedAndHealthy waits for `started` at the version (long-polls, 408 = again), then for passing checks. */
export async function startedAndHealthy(
  ctx: StepContext,
  machineId: string,
  version: string,
  config: UpdateStep['config'],
  since: number
): Promise<StepResult> {
  const { ports, app } = ctx
  const deadline = ports.clock.now() + ctx.machineDeadlineMs
  // API-NOTES §5: /wait blocks ≤ 60 s; a 408 means wait again, until our own deadline.
  for (;;) {
    const left = Math.ceil((deadline - ports.clock.now()) / 1000)
    if (left <= 0) {
      return {
        ok: false,
        machineId,
        reason: `machine ${machineId} did not start within ${ctx.machineDeadlineMs / 1000}s`,
        critical: false
      }
    }
    // Waiting for stopped and failed too: a machine that crashed and gave up must not cost the whole deadline.
    const r = await ports.machines.waitFor(app, machineId, {
      states: ['started', 'stopped', 'failed'],
      version,
      timeoutS: Math.min(60, left),
      signal: ctx.signal
    })
    if (r.ok && r.state === 'started') break
    if (r.ok) {
      const events = await ports.machines.events(app, machineId, 10)
      const exit = events.find((e) => e.type === 'exit')
      return {
        ok: false,
        machineId,
        reason: `machine ${machineId} is ${r.state} instead of started${exit?.exitCode !== undefined ? ` (exit code ${exit.exitCode})` : ''}`,
        critical: true
      }
    }
    if (ctx.signal?.aborted) throw ctx.signal.reason
  }
  const health = await ctx.observer.healthy(machineId, {
    version,
    config,
    since,
    deadline,
    passes: ctx.verifyPasses,
    wave: ctx.wave,
    signal: ctx.signal
  })
  return health.ok
    ? { ok: true, machineId, version }
    : { ok: false, machineId, reason: health.reason, critical: health.critical }
}
