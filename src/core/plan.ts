import type { Diagnostic } from './diagnostics.js'
import type { MachineConfig, MachineRecord } from './types.js'

/** StepAction is the closed set of plan actions; each doubles as its glyph. */
export type StepAction = '~' | '+' | '-'

/** UpdateStep (`~`): POST R's config to an S₀ machine, in place. */
export interface UpdateStep {
  action: '~'
  machineId: string
  region: string
  group: string
  /** S₀ version (`current_version` of the update) and state (stopped stays stopped). */
  fromVersion: string
  fromState: string
  fromHash: string
  fromImage: string
  toHash: string
  /** The exact body config; its metadata carries the flyrollout_* keys. */
  config: MachineConfig
  skipLaunch: boolean
  /** Applied even when hash and image are unchanged (a redeploy's restart); absent otherwise. */
  force?: boolean
}

/** CreateStep (`+`): a machine the rollout creates from R's config. */
export interface CreateStep {
  action: '+'
  /** Stable key for the machine-to-be (its id is known only once created). */
  key: string
  region: string
  group: string
  toHash: string
  config: MachineConfig
  /** count: `counts:` asks for more; surge: keeps a one-machine pool available; canary: §2.2 surge canary; group: a new process group. */
  reason: 'count' | 'surge' | 'canary' | 'group'
  /** New volumes to create (same sizes as the group's mounts), in mount order. */
  volumes: { name: string; sizeGb: number }[]
  /** Destroyed once this wave index is promoted (surge machines), or kept. */
  retireAfterWave?: number
}

/** DestroyStep (`-`): runs only after the last wave passed. */
export interface DestroyStep {
  action: '-'
  machineId: string
  region: string
  group: string
  reason: 'surplus' | 'removed-group'
}

export type PlanStep = UpdateStep | CreateStep | DestroyStep

/** RegionPlan is one region's work in a wave: batches run one after another. */
export interface RegionPlan {
  region: string
  /** Each batch's steps run together; a batch starts when the previous one verified. */
  batches: (UpdateStep | CreateStep)[][]
}

export interface WavePlan {
  index: number
  name: string
  regions: RegionPlan[]
  bakeMs: number
  maxBakeMs: number
  progressDeadlineMs: number
  gate: 'none' | 'manual'
  onInconclusive: 'hold' | 'fail' | 'pass'
  /** S₀ machines (still on the old release) probed beside this wave's new ones; canary wave only. */
  baseline: string[]
  /** Machines this wave checks for regressions in earlier, promoted waves (guard). */
  guard: string[]
}

/**
 * RolloutPlan is a rollout as data (HOUSE-STYLE §7): everything the executor
 * does, derived purely from S₀, R and the spec. `fly-rollout plan` renders
 * exactly this value, so dry runs and real runs cannot disagree.
 */
export interface RolloutPlan {
  /** Rollout id (ULID). Stable across resumes. */
  readonly id: string
  readonly app: string
  readonly releaseId: string
  readonly image: string
  readonly digest: string
  readonly primaryRegion: string
  /** S₀: everything rollback needs. Never re-derived after the snapshot. */
  readonly s0: readonly MachineRecord[]
  readonly waves: readonly WavePlan[]
  /** Destroys after the last wave passed. */
  readonly cleanup: readonly DestroyStep[]
  /** The machine whose lease is the rollout's lock (lowest-id target). */
  readonly anchor?: string
  /** The release_command config, run once before wave 1. */
  readonly releaseCommand?: MachineConfig
  /** The executor must not start when any diagnostic has severity error. */
  readonly diagnostics: readonly Diagnostic[]
}

/** planSteps lists every step of a plan in execution order. */
export function planSteps(plan: RolloutPlan): PlanStep[] {
  const out: PlanStep[] = []
  for (const w of plan.waves) {
    for (const r of w.regions) for (const b of r.batches) out.push(...b)
  }
  out.push(...plan.cleanup)
  return out
}

/** isNoop says whether applying the plan would change nothing (a forced step always restarts its machine). */
export function isNoop(plan: RolloutPlan): boolean {
  return planSteps(plan).every(
    (s) =>
      s.action === '~' &&
      !s.force &&
      s.fromHash === s.toHash &&
      s.fromImage === plan.digest
  )
}

/**
 * waveLabel names a wave in messages: `wave 2 (rest)`, or `wave 2` when the
 * wave has only its default name (never `wave 2 (wave 2)`).
 */
export function waveLabel(wave: { index: number; name: string }): string {
  const n = `wave ${wave.index + 1}`
  return wave.name === n ? n : `${n} (${wave.name})`
}
