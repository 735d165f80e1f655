import { KEY } from '../core/metadata.js'
import type { MachineRecord } from '../core/types.js'
import type { HeldLease } from './leases.js'
import type { Ports } from './ports.js'
import {
  restoreMachine,
  type RestoreResult,
  type RestoreTarget
} from './restore-machine.js'

/**
 * Every touched machine is restored at once: each runs the failing release,
 * and Fly's rate limits are per machine, so parallelism costs no throttling.
 * (ROLLOUT-SEMANTICS §7.2 restores within a region by max_unavailable; we
 * restore faster instead — a region's machines on a bad release are no
 * availability worth keeping. The cap only bounds sockets.)
 */
const RESTORE_CONCURRENCY = 1024

export interface RollbackInput {
  ports: Ports
  app: string
  rolloutId: string
  /** S₀ records this process holds; machines without one are restored from /versions. */
  s0?: ReadonlyMap<string, MachineRecord>
  /** Machines this process created (and their volumes). */
  created?: ReadonlyMap<string, string[]>
  anchor?: HeldLease
  minSecretsVersion?: number
  machineDeadlineMs: number
  signal?: AbortSignal
  onRestored?: (r: RestoreResult) => void
}

export interface RollbackReport {
  complete: boolean
  results: RestoreResult[]
}

/**
 * rollBack puts every machine rollout `rolloutId` touched back exactly as it
 * was, and destroys every machine it created (ROLLOUT-SEMANTICS §7):
 *
 * 1. find the touched machines from a fresh list (`metadata.flyrollout_id`),
 *    plus the ones this process knows it touched;
 * 2. mark each `rolling-back`, so a crash here resumes the rollback, never
 *    the rollout (§7.4);
 * 3. restore them all in parallel — one failing machine never blocks the
 *    others — and report each machine's end state. The anchor's lease (the
 *    rollout's lock) stays held by the caller throughout.
 */
export async function rollBack(input: RollbackInput): Promise<RollbackReport> {
  const { ports, app, rolloutId } = input
  // 1. Targets.
  const listed = await ports.machines.list(app, {
    metadata: { [KEY.id]: rolloutId }
  })
  const targets = new Map<string, RestoreTarget>()
  for (const m of listed) {
    if (m.state === 'destroyed' || m.state === 'destroying') continue
    targets.set(m.id, { machineId: m.id, s0: input.s0?.get(m.id), view: m })
  }
  for (const [id, s0] of input.s0 ?? []) {
    // Touched in this process but no longer marked (already restored, or never changed): restore is idempotent.
    if (!targets.has(id)) targets.set(id, { machineId: id, s0 })
  }
  for (const [id, volumeIds] of input.created ?? [])
    targets.set(id, {
      ...targets.get(id),
      machineId: id,
      created: { volumeIds }
    })

  // 2. Mark: best effort; the marks on the machines already name the rollout.
  await Promise.all(
    listed
      .filter(
        (m) =>
          targets.has(m.id) &&
          m.config.metadata?.[KEY.status] !== 'rolling-back'
      )
      .map((m) =>
        ports.machines
          .setMetadata(
            app,
            m.id,
            { [KEY.status]: 'rolling-back' },
            input.anchor?.machineId === m.id ? input.anchor.nonce : undefined
          )
          .then(() => {
            // Keep the listed read true to the machine: it is the restore's first read.
            m.config.metadata = {
              ...m.config.metadata,
              [KEY.status]: 'rolling-back'
            }
          })
          .catch((e: Error) => {
            ports.log.debug(`could not mark ${m.id} rolling-back: ${e.message}`)
            delete targets.get(m.id)!.view
          })
      )
  )

  // 3. Restore everything at once: every touched machine runs the bad release.
  const ctx = {
    ports,
    app,
    rolloutId,
    anchor: input.anchor,
    minSecretsVersion: input.minSecretsVersion,
    machineDeadlineMs: input.machineDeadlineMs,
    signal: input.signal
  }
  const results: RestoreResult[] = []
  await pool([...targets.values()], RESTORE_CONCURRENCY, async (t) => {
    const r = await restoreMachine(ctx, t)
    results.push(r)
    input.onRestored?.(r)
  })
  results.sort((a, b) => a.machineId.localeCompare(b.machineId))
  return {
    complete: results.every(
      (r) => r.status !== 'failed' && r.status !== 'unrestorable'
    ),
    results
  }
}

/** pool runs fn over items with at most `limit` in flight. */
export async function pool<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>
): Promise<void> {
  let next = 0
  const workers = Array.from(
    { length: Math.min(limit, items.length) },
    async () => {
      while (next < items.length) {
        const item = items[next++]!
        await fn(item)
      }
    }
  )
  await Promise.all(workers)
}
