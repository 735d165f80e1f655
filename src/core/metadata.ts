import { OUR_PREFIX } from './normalize.js'

/**
 * The rollout's durable state lives on the machines themselves, in
 * `flyrollout_*` metadata (ROLLOUT-SEMANTICS §9.2). Per-machine keys ride in
 * the update body itself, so they exist exactly when the new config does;
 * rollout-level keys are metadata writes (no new version, API-NOTES §7).
 */
export const KEY = {
  id: `${OUR_PREFIX}id`,
  release: `${OUR_PREFIX}release`,
  prevVersion: `${OUR_PREFIX}prev_version`,
  prevHash: `${OUR_PREFIX}prev_hash`,
  prevState: `${OUR_PREFIX}prev_state`,
  targetHash: `${OUR_PREFIX}target_hash`,
  wave: `${OUR_PREFIX}wave`,
  created: `${OUR_PREFIX}created`,
  /** Rollout-level: `complete` on the anchor when the last wave passed; `rolling-back` on every touched machine once a rollback began. */
  status: `${OUR_PREFIX}status`,
  /** A label, not rollout state: `<owner/repo>#<pr>` on a preview app's machines, kept by every rollout. */
  preview: `${OUR_PREFIX}preview`
} as const

/** Labels are our keys that describe the machine, not a rollout: stripMarks keeps them (the config hash still leaves them out). */
const LABELS: ReadonlySet<string> = new Set([KEY.preview])

export type RolloutMarkStatus = 'complete' | 'rolling-back'

/** MachineMarks is what a machine's metadata says about a rollout that touched it. */
export interface MachineMarks {
  rolloutId: string
  releaseId?: string
  prevVersion?: string
  prevHash?: string
  prevState?: string
  targetHash?: string
  wave?: number
  created: boolean
  status?: RolloutMarkStatus
}

/**
 * updateMarks returns the keys an update body carries for a machine the
 * rollout changes (or creates). Values are short ASCII (§9.2).
 */
export function updateMarks(m: {
  rolloutId: string
  releaseId: string
  targetHash: string
  wave: number
  prev?: { version: string; hash: string; state: string }
}): Record<string, string> {
  const out: Record<string, string> = {
    [KEY.id]: m.rolloutId,
    [KEY.release]: m.releaseId.slice(0, 16),
    [KEY.targetHash]: m.targetHash,
    [KEY.wave]: String(m.wave)
  }
  if (m.prev) {
    out[KEY.prevVersion] = m.prev.version
    out[KEY.prevHash] = m.prev.hash
    out[KEY.prevState] = m.prev.state
  } else out[KEY.created] = 'true'
  return out
}

/** readMarks returns a machine's marks, or undefined when no rollout touched it. */
export function readMarks(
  metadata: Record<string, string> | undefined
): MachineMarks | undefined {
  const id = metadata?.[KEY.id]
  if (!metadata || !id) return undefined
  // Only digits are a wave index: Number('') would read an empty value as wave 0.
  const waveText = metadata[KEY.wave]
  const wave = waveText && /^\d+$/.test(waveText) ? Number(waveText) : NaN
  const status = metadata[KEY.status]
  return {
    rolloutId: id,
    releaseId: metadata[KEY.release],
    prevVersion: metadata[KEY.prevVersion],
    prevHash: metadata[KEY.prevHash],
    prevState: metadata[KEY.prevState],
    targetHash: metadata[KEY.targetHash],
    wave: Number.isInteger(wave) ? wave : undefined,
    created: metadata[KEY.created] === 'true',
    status:
      status === 'complete' || status === 'rolling-back' ? status : undefined
  }
}

/** stripMarks returns metadata without any flyrollout_* key but the labels. */
export function stripMarks(
  metadata: Record<string, string> | undefined
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(metadata ?? {}))
    if (!k.startsWith(OUR_PREFIX) || LABELS.has(k)) out[k] = v
  return out
}

/** leaseDescription names the rollout that holds a machine's lease, so a refusal can say which. */
export function leaseDescription(rolloutId: string): string {
  return `fly-rollout ${rolloutId}`
}

/** rolloutOfLease reads the rollout id back from a lease description, if it is ours. */
export function rolloutOfLease(
  description: string | undefined
): string | undefined {
  const m = /^fly-rollout (\S+)$/.exec(description ?? '')
  return m?.[1]
}
