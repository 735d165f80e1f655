import { FlyApiError, LeaseConflictError } from '../core/errors.js'
import { leaseDescription } from '../core/metadata.js'
import type { Ports } from './ports.js'

/**
 * LEASE_TTL_S is long enough that one batch (boot + checks) needs no refresh;
 * a crashed run's leases still lapse within a minute (ROLLOUT-SEMANTICS §3
 * asks 30 s with 10 s refreshes; issue #7 asks for no refresh within a batch).
 */
export const LEASE_TTL_S = 60
/** A held lease is refreshed once two thirds of its TTL have passed. */
const REFRESH_AFTER_MS = (LEASE_TTL_S * 1000 * 2) / 3
/** A lease held by someone else: retried 3 times over 30 s, then the caller fails (§3.1). */
const CONFLICT_RETRIES = 3
const CONFLICT_WAIT_MS = 10_000
/**
 * A lease held by this same rollout belongs to a run that died (resume and
 * rollback act on interrupted rollouts): nobody can release it without its
 * nonce, so we wait for it to lapse — at most one TTL — polling every 5 s.
 */
const OWN_LEASE_POLL_MS = 5_000
/**
 * A 5xx, reset or timeout on the acquire is retried after 1, 2 and 4 s: a
 * blip must not fail a rollout. It is safe: if the failed attempt did take
 * the lease, the next one meets it as this rollout's own and waits it out.
 */
const TRANSIENT_BACKOFF_MS = [1_000, 2_000, 4_000]

export interface HeldLease {
  machineId: string
  nonce: string
  /** Stops refreshing and releases the lease; never throws. */
  release(): Promise<void>
}

/**
 * acquire leases a machine for the rollout, refreshing it in the background
 * while held. A 409 is retried a bounded number of times (never blindly
 * forever: HOUSE-STYLE §4), then thrown as LeaseConflictError; a transient
 * failure (5xx, reset, timeout) is retried three times; anything else is
 * thrown at once.
 */
export async function acquire(
  ports: Ports,
  app: string,
  machineId: string,
  rolloutId: string,
  signal?: AbortSignal
): Promise<HeldLease> {
  let lease
  const ownDeadline = ports.clock.now() + (LEASE_TTL_S + 10) * 1000
  let transient = 0
  for (let attempt = 0; ; attempt++) {
    try {
      lease = await ports.machines.acquireLease(
        app,
        machineId,
        LEASE_TTL_S,
        leaseDescription(rolloutId)
      )
      break
    } catch (e) {
      if (
        e instanceof FlyApiError &&
        !(e instanceof LeaseConflictError) &&
        e.retryable &&
        transient < TRANSIENT_BACKOFF_MS.length
      ) {
        ports.log.debug(
          `lease on ${machineId}: ${e.message}; retrying (it may have been taken: then it is ours)`
        )
        await ports.clock.sleep(TRANSIENT_BACKOFF_MS[transient++]!, signal)
        continue
      }
      if (!(e instanceof LeaseConflictError)) throw e
      const ours = e.holder.description === leaseDescription(rolloutId)
      if (ours ? ports.clock.now() >= ownDeadline : attempt >= CONFLICT_RETRIES)
        throw e
      await ports.clock.sleep(
        ours ? OWN_LEASE_POLL_MS : CONFLICT_WAIT_MS,
        signal
      )
    }
  }
  return hold(ports, app, machineId, lease.nonce)
}

/** hold keeps a lease we have (e.g. from a create with lease_ttl) refreshed until released. */
export function hold(
  ports: Ports,
  app: string,
  machineId: string,
  nonce: string
): HeldLease {
  const stop = new AbortController()
  let released = false
  const refresher = (async () => {
    while (!stop.signal.aborted) {
      try {
        await ports.clock.sleep(REFRESH_AFTER_MS, stop.signal)
      } catch {
        return
      }
      try {
        await ports.machines.refreshLease(app, machineId, nonce, LEASE_TTL_S)
      } catch (e) {
        ports.log.warn(
          `could not refresh the lease on ${machineId}: ${(e as Error).message}`
        )
      }
    }
  })()
  return {
    machineId,
    nonce,
    async release() {
      if (released) return
      released = true
      stop.abort()
      await refresher
      try {
        await ports.machines.releaseLease(app, machineId, nonce)
      } catch (e) {
        // It lapses within LEASE_TTL_S anyway.
        ports.log.warn(
          `could not release the lease on ${machineId}: ${(e as Error).message}`
        )
      }
    }
  }
}
