import type { AppConfig, Compute } from './types.js'

/** DEFAULT_GROUP is the process group of an app without `[processes]` (fly-go `MachineProcessGroupApp`). */
export const DEFAULT_GROUP = 'app'

/** RELEASE_COMMAND_GROUP is the reserved group of the release_command machine (API-NOTES §7, §13). */
export const RELEASE_COMMAND_GROUP = 'fly_app_release_command'

/** CONSOLE_GROUP is the reserved group of `fly console` machines. */
export const CONSOLE_GROUP = 'fly_app_console'

/**
 * processNames lists the app's process groups as flyctl does: the keys of
 * `[processes]` sorted, or just "app" when there are none.
 *
 *   no [processes]              → ["app"]
 *   { web, worker }             → ["web", "worker"]
 *   { zzz, bar, foo }           → ["bar", "foo", "zzz"]
 */
export function processNames(config: Pick<AppConfig, 'processes'>): string[] {
  const names = Object.keys(config.processes).sort()
  return names.length > 0 ? names : [DEFAULT_GROUP]
}

/**
 * defaultProcessName is the group that sections without `processes` apply
 * to: "app" when it is a group, else the first group in sorted order.
 *
 *   no [processes]                     → "app"
 *   { zzz, bar, foo }                  → "bar"
 *   { aaa, app, bbb }                  → "app"
 */
export function defaultProcessName(
  config: Pick<AppConfig, 'processes'>
): string {
  const names = processNames(config)
  return names.includes(DEFAULT_GROUP) ? DEFAULT_GROUP : names[0]!
}

/**
 * groupMatches says whether a section whose `processes` list is `list`
 * applies to `group` (flyctl `flattenGroupsMatch`). An empty list means the
 * default group only, not every group.
 *
 *   group "app", list []              (default "app")  → true
 *   group "web", list []              (default "app")  → false
 *   group "web", list ["web", "api"]                   → true
 *   group "app", list [""]            (default "app")  → true
 */
export function groupMatches(
  config: Pick<AppConfig, 'processes'>,
  group: string,
  list: readonly string[]
): boolean {
  const def = defaultProcessName(config)
  if (list.length === 0) return group === def
  return list.some((x) => x === group || (x === '' && group === def))
}

/**
 * computeForGroup picks the `[[vm]]` section for a group as flyctl's
 * `ComputeForGroup` does: among sections without `processes` or matching
 * the group, the last one naming the group explicitly, else the first one.
 *
 *   [[vm]] size=shared-cpu-2x ; [[vm]] gpu_kind=… processes=["whisper"]
 *     group "whisper" → the gpu section
 *     group "worker"  → the shared-cpu-2x section
 *   only [[vm]] processes=["bar"]
 *     group "app"     → undefined
 */
export function computeForGroup(
  config: Pick<AppConfig, 'processes' | 'vm'>,
  group: string
): Compute | undefined {
  const candidates = config.vm.filter(
    (c) => c.processes.length === 0 || groupMatches(config, group, c.processes)
  )
  let best = candidates[0]
  for (const c of candidates.slice(1)) {
    if (c.processes.includes(group)) best = c
  }
  return best
}
