/**
 * fly.toml → Machines API configs, the way flyctl does it (superfly/flyctl
 * `internal/appconfig`), as pure code: parse and validate with
 * {@link parseFlyToml}, then build one config per process group with
 * {@link toMachineConfigs}, the release_command machine with
 * {@link toReleaseCommandConfig}, and read `[deploy]` with
 * {@link deploySettings}.
 */
export { parseFlyToml, goString, type ParseResult } from './parse.js'
export {
  toMachineConfigs,
  toReleaseCommandConfig,
  deploySettings,
  computeToGuest,
  DEPLOY_DEFAULTS,
  FLY_PLATFORM_VERSION,
  type MachineConfigOptions,
  type MachineConfigsResult,
  type ReleaseCommandOptions,
  type ReleaseCommandResult
} from './to-machine.js'
export {
  validateAppConfig,
  DEPLOY_STRATEGIES,
  STOP_SIGNALS
} from './validate.js'
export {
  processNames,
  defaultProcessName,
  groupMatches,
  computeForGroup,
  DEFAULT_GROUP,
  RELEASE_COMMAND_GROUP,
  CONSOLE_GROUP
} from './groups.js'
export {
  locateKeys,
  formatKeyPath,
  parseKeyPath,
  type KeyLocator,
  type KeySegment
} from './locate.js'
export { parseGoDuration, formatGoDuration, durationToMs } from './duration.js'
export { shlexSplit, type ShlexResult } from './shlex.js'
export { parseMemoryMiB, parseDiskGB, type SizeResult } from './size.js'
export { suggestKey, editDistance } from './suggest.js'
export {
  MACHINE_PRESETS,
  DEFAULT_VM_SIZE,
  DEFAULT_GPU_VM_SIZE,
  type MachinePreset
} from './presets.js'
export type * from './types.js'
export type * from './machine-config.js'
