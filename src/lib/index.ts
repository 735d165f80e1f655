/**
 * fly-rollout's public library API: the same engine the CLI and the Action
 * run. The simulator is the separate `fly-rollout/sim` subpath.
 *
 * ```ts
 * import { createFlyMachinesApi, createHttpProber, parseRolloutSpec, runRollout } from 'fly-rollout'
 * ```
 */
export { VERSION } from './version.js'

// Inputs: fly.toml, the rollout spec, the release.
export {
  parseFlyToml,
  toMachineConfigs,
  toReleaseCommandConfig,
  deploySettings
} from '../core/appconfig/index.js'
export { parseRolloutSpec } from '../core/spec.js'
export type {
  RolloutSpec,
  WaveSpec,
  ProbeSpec,
  CompareSpec
} from '../core/spec.js'
export { makeRelease } from '../core/release.js'
export type { Diagnostic } from '../core/diagnostics.js'
export { formatDiagnostic, hasErrors } from '../core/diagnostics.js'

// The plan as a value.
export { planRollout, inFlightRollouts } from '../core/planner.js'
export type {
  RolloutPlan,
  WavePlan,
  PlanStep,
  UpdateStep,
  CreateStep,
  DestroyStep
} from '../core/plan.js'
export { renderPlanText } from '../core/render.js'
export { configHash, normalizeConfig } from '../core/normalize.js'
export type {
  MachineConfig,
  MachineRecord,
  MachineView,
  Release,
  Snapshot
} from '../core/types.js'

// Running it.
export { runRollout } from '../orchestrator/run-rollout.js'
export type {
  RolloutInput,
  RolloutOutcome,
  RolloutEvent,
  RolloutResult
} from '../orchestrator/run-rollout.js'
export {
  prepareResume,
  rollbackRollout,
  findRollout
} from '../orchestrator/resume.js'
export type { Ports } from '../orchestrator/ports.js'

// Adapters to the real world.
export { createFlyMachinesApi } from '../adapters/fly/machines-api.js'
export { resolveImageDigest } from '../adapters/fly/registry.js'
export { createHttpProber } from '../adapters/probe/http-prober.js'
export { createNodeClock, newUlid } from '../adapters/runtime/node.js'

// Errors.
export {
  FlyRolloutError,
  FlyApiError,
  LeaseConflictError,
  RateLimitedError,
  InputError,
  PlanError,
  StateConflictError,
  errorMessage
} from '../core/errors.js'
