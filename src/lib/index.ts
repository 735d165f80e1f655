/**
 * fly-rollout's public library API. The engine (planRollout, runRollout,
 * createFlyMachinesApi) joins here as it lands; the simulator is the
 * separate `fly-rollout/sim` subpath.
 */
export { VERSION } from './version.js'
