import { configHash } from '../core/normalize.js'
import type { MachineRecord, MachineView, Snapshot } from '../core/types.js'

/**
 * toRecord turns a machine read from the API into its S₀ record. The config
 * is kept whole, as read back: it is what rollback puts back.
 */
export function toRecord(m: MachineView): MachineRecord {
  return {
    id: m.id,
    name: m.name,
    region: m.region,
    group: m.config.metadata?.fly_process_group ?? 'app',
    state: m.state,
    version: m.version,
    imageDigest: m.imageDigest,
    config: structuredClone(m.config),
    hash: configHash(m.config),
    volumeIds: (m.config.mounts ?? []).flatMap((x) =>
      x.volume ? [x.volume] : []
    )
  }
}

/** toSnapshot records S₀ from one machine list; machines sort by id for a deterministic plan. */
export function toSnapshot(
  app: string,
  machines: MachineView[],
  now: number
): Snapshot {
  return {
    app,
    takenAt: now,
    machines: machines
      .filter((m) => m.state !== 'destroyed' && m.state !== 'destroying')
      .map(toRecord)
      .sort((a, b) => a.id.localeCompare(b.id))
  }
}
