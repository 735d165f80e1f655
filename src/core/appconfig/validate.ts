import type { Diagnostic } from '../diagnostics.js'
import { parseGoDuration } from './duration.js'
import { groupMatches, processNames } from './groups.js'
import { diagnose } from './origin.js'
import { shlexSplit } from './shlex.js'
import { parseDiskGB } from './size.js'
import { suggestKey } from './suggest.js'
import { translateGroup } from './to-machine.js'
import type { AppConfig, HttpCheck, Service, TcpCheck } from './types.js'

/** DEPLOY_STRATEGIES are the strategies flyctl accepts for Machines apps (validation.go). */
export const DEPLOY_STRATEGIES = [
  'canary',
  'rolling',
  'immediate',
  'bluegreen'
] as const

/** STOP_SIGNALS are the signals [OA3] `fly.StopConfig.signal` accepts. */
export const STOP_SIGNALS = [
  'SIGHUP',
  'SIGINT',
  'SIGQUIT',
  'SIGKILL',
  'SIGUSR1',
  'SIGUSR2',
  'SIGTERM'
]

const SECOND = 1_000_000_000n
const MINUTE = 60n * SECOND

/**
 * validateAppConfig checks what flyctl's `Validate` and `ValidateGroups`
 * check (validation.go), appending to `diagnostics`:
 *
 * - more than one build strategy (warning);
 * - `[deploy]`: release_command splits, strategy is known, canary is not used
 *   with mounts, max_unavailable > 0;
 * - `[checks]`: type http or tcp, interval ≥ 2 s, timeout ≤ 60 s;
 * - services (including `[http_service]`): `processes` set when the app has
 *   `[processes]`, naming defined groups; at least one port (warning); check
 *   durations within 1 s – 1 min (warnings); no two services with the same
 *   protocol and internal port in one group (flyctl PR #3522);
 * - `console_command` splits; mounts: at most one per group, sizes ≥ 1 GB,
 *   snapshot_retention 1–60, auto-extend settings together and in range;
 * - `[[restart]]`: defined groups (the policy is checked as it is read);
 * - every group translates to a machine config (what `validateMachineConversion`
 *   means to check): sizes, memory, check ports.
 *
 * Beyond flyctl it warns about `processes` entries naming no group in
 * mounts, [[vm]], checks, metrics, files and schedules, and about stop
 * signals the Machines API does not accept.
 */
export function validateAppConfig(
  config: AppConfig,
  diagnostics: Diagnostic[]
): void {
  const groups = processNames(config)
  validateBuild(config, diagnostics)
  validateDeploy(config, diagnostics)
  validateChecks(config, diagnostics)
  validateServices(config, groups, diagnostics)
  validateMounts(config, groups, diagnostics)
  validateRestart(config, groups, diagnostics)
  validateReferences(config, groups, diagnostics)
  if (config.console_command !== undefined) {
    const split = shlexSplit(config.console_command)
    if (!split.ok) {
      diagnostics.push(
        diagnose(
          config,
          [],
          ['console_command'],
          'error',
          'invalid-value',
          `can't shell split console command: ${split.error}`
        )
      )
    }
  }
  if (
    config.kill_signal !== undefined &&
    !STOP_SIGNALS.includes(config.kill_signal)
  ) {
    diagnostics.push(
      diagnose(
        config,
        [],
        ['kill_signal'],
        'warning',
        'invalid-value',
        `kill_signal ${JSON.stringify(config.kill_signal)} is not one the Machines API accepts`,
        `use one of ${STOP_SIGNALS.join(', ')}`
      )
    )
  }
  for (const group of groups)
    translateGroup(config, group, undefined, diagnostics)
}

function validateBuild(config: AppConfig, out: Diagnostic[]): void {
  const b = config.build
  if (b === undefined) return
  const strategies: string[] = []
  if (b.image) strategies.push(`the "${b.image}" docker image`)
  if (b.builder || (b.buildpacks?.length ?? 0) > 0)
    strategies.push('a buildpack')
  if (b.dockerfile || b['build-target']) {
    strategies.push(
      b.dockerfile ? `the "${b.dockerfile}" dockerfile` : 'a dockerfile'
    )
  }
  if (b.builtin) strategies.push(`the "${b.builtin}" builtin image`)
  if (strategies.length > 1) {
    out.push(
      diagnose(
        b,
        ['build'],
        [],
        'warning',
        'build-strategies',
        `more than one build configuration found: [${strategies.join(', ')}]`,
        'keep one of image, builder/buildpacks, dockerfile and builtin'
      )
    )
  }
}

function validateDeploy(config: AppConfig, out: Diagnostic[]): void {
  const d = config.deploy
  if (d === undefined) return
  if (d.release_command !== undefined) {
    const split = shlexSplit(d.release_command)
    if (!split.ok) {
      out.push(
        diagnose(
          d,
          ['deploy'],
          ['release_command'],
          'error',
          'invalid-value',
          `can't shell split release command: ${split.error}`
        )
      )
    }
  }
  if (d.strategy !== undefined && d.strategy !== '') {
    if (!(DEPLOY_STRATEGIES as readonly string[]).includes(d.strategy)) {
      out.push(
        diagnose(
          d,
          ['deploy'],
          ['strategy'],
          'error',
          'invalid-value',
          `unsupported deployment strategy '${d.strategy}'`,
          `Apps v2 supports: ${DEPLOY_STRATEGIES.join(', ')}`
        )
      )
    }
    if (d.strategy === 'canary' && config.mounts.length > 0) {
      out.push(
        diagnose(
          d,
          ['deploy'],
          ['strategy'],
          'error',
          'invalid-value',
          'canary deployment strategy is not supported when using mounted volumes',
          'use "rolling"'
        )
      )
    }
  }
  if (d.max_unavailable !== undefined && !(d.max_unavailable > 0)) {
    out.push(
      diagnose(
        d,
        ['deploy'],
        ['max_unavailable'],
        'error',
        'invalid-value',
        'max_unavailable must be greater than 0',
        'below 1 it is a fraction of the machines, 1 or more a count'
      )
    )
  }
}

function validateChecks(config: AppConfig, out: Diagnostic[]): void {
  for (const [name, check] of Object.entries(config.checks)) {
    const interval =
      check.interval === undefined ? undefined : parseGoDuration(check.interval)
    if (interval !== undefined && interval < 2n * SECOND) {
      out.push(
        diagnose(
          check,
          ['checks', name],
          ['interval'],
          'error',
          'check-duration',
          `check '${name}' interval is too short: ${check.interval}, minimum is 2 seconds`
        )
      )
    }
    const timeout =
      check.timeout === undefined ? undefined : parseGoDuration(check.timeout)
    if (timeout !== undefined && timeout > MINUTE) {
      out.push(
        diagnose(
          check,
          ['checks', name],
          ['timeout'],
          'error',
          'check-duration',
          `check '${name}' timeout is too long: ${check.timeout}, maximum is 60 seconds`
        )
      )
    }
  }
}

interface ServiceRef {
  service: Pick<Service, 'processes'>
  owner: object
  fallback: (string | number)[]
  key: string
}

function allServices(config: AppConfig): ServiceRef[] {
  const refs: ServiceRef[] = []
  const hs = config.http_service
  if (hs !== undefined) {
    refs.push({
      service: hs,
      owner: hs,
      fallback: ['http_service'],
      key: `tcp-${hs.internal_port}`
    })
  }
  config.services.forEach((s, i) => {
    refs.push({
      service: s,
      owner: s,
      fallback: ['services', i],
      key: `${s.protocol ?? ''}-${s.internal_port}`
    })
  })
  return refs
}

function validateServices(
  config: AppConfig,
  groups: string[],
  out: Diagnostic[]
): void {
  const processCount = Object.keys(config.processes).length
  const refs = allServices(config)
  for (const ref of refs) {
    const processes = ref.service.processes
    if (processes.length === 0 && processCount > 0) {
      out.push(
        diagnose(
          ref.owner,
          ref.fallback,
          [],
          'error',
          'unknown-process',
          `service has no processes set but the app has ${processCount} process groups defined`,
          `set processes = [...] on each service, e.g. processes = ["${groups[0]}"]`
        )
      )
    }
    processes.forEach((name, i) => {
      if (!groups.includes(name)) {
        out.push(
          unknownGroup(
            ref.owner,
            ref.fallback,
            ['processes', i],
            name,
            groups,
            'error',
            'service'
          )
        )
      }
    })
  }
  config.services.forEach((s, i) => {
    if (s.ports.length === 0) {
      out.push(
        diagnose(
          s,
          ['services', i],
          [],
          'warning',
          'no-ports',
          'service must expose at least one port',
          'add a [[services.ports]] section (a service without ports is reachable by no one)'
        )
      )
    }
    s.tcp_checks.forEach((c, k) =>
      checkDurations(c, s, ['services', i], ['tcp_checks', k], 'TCP', out)
    )
    s.http_checks.forEach((c, k) =>
      checkDurations(c, s, ['services', i], ['http_checks', k], 'HTTP', out)
    )
  })
  const hs = config.http_service
  hs?.checks.forEach((c, k) =>
    checkDurations(c, hs, ['http_service'], ['checks', k], 'HTTP', out)
  )

  // Duplicates: the same protocol and internal port twice in one group.
  const reported = new Set<string>()
  for (const group of groups) {
    const seen = new Map<string, number>()
    for (const ref of refs) {
      if (!groupMatches(config, group, ref.service.processes)) continue
      const count = (seen.get(ref.key) ?? 0) + 1
      seen.set(ref.key, count)
      if (count === 2 && !reported.has(ref.key)) {
        reported.add(ref.key)
        const total = refs.filter(
          (x) =>
            x.key === ref.key &&
            groupMatches(config, group, x.service.processes)
        ).length
        out.push(
          diagnose(
            ref.owner,
            ref.fallback,
            [],
            'error',
            'duplicate-service',
            `service [${ref.key}] has ${total} duplicate definitions in process group '${group}'`,
            'merge them into one service: Fly routes to one of them only, so checks fail ([http_service] is a tcp service too)'
          )
        )
      }
    }
  }
}

function checkDurations(
  check: TcpCheck | HttpCheck,
  owner: object,
  fallback: (string | number)[],
  sub: (string | number)[],
  proto: string,
  out: Diagnostic[]
): void {
  const rows: [keyof TcpCheck, string, boolean][] = [
    ['interval', 'an interval', false],
    ['timeout', 'a timeout', false],
    ['grace_period', 'a grace period', true]
  ]
  for (const [key, description, zeroOk] of rows) {
    const text = check[key]
    if (text === undefined) continue
    const d = parseGoDuration(text)
    if (d === undefined) continue
    let problem: string | undefined
    if (zeroOk && d !== 0n && d < SECOND) {
      problem = `service ${proto} check has ${description} that is non-zero and less than 1 second (${text}); this will be raised to 1 second`
    } else if (!zeroOk && d < SECOND) {
      problem = `service ${proto} check has ${description} less than 1 second (${text}); this will be raised to 1 second`
    } else if (d > MINUTE) {
      problem = `service ${proto} check has ${description} greater than 1 minute (${text}); this will be lowered to 1 minute`
    }
    if (problem !== undefined) {
      out.push(
        diagnose(
          owner,
          fallback,
          [...sub, key],
          'warning',
          'check-duration',
          problem
        )
      )
    }
  }
}

function validateMounts(
  config: AppConfig,
  groups: string[],
  out: Diagnostic[]
): void {
  for (const group of groups) {
    const mounts = config.mounts.filter((m) =>
      groupMatches(config, group, m.processes)
    )
    if (mounts.length > 1) {
      out.push(
        diagnose(
          mounts[1],
          ['mounts', config.mounts.indexOf(mounts[1]!)],
          [],
          'error',
          'mounts-per-group',
          `group '${group}' has more than one [[mounts]] section defined`,
          'a machine mounts at most one volume; give each [[mounts]] different processes'
        )
      )
    }
  }
  config.mounts.forEach((m, i) => {
    const at = (key: string, summary: string): void => {
      out.push(
        diagnose(m, ['mounts', i], [key], 'error', 'invalid-value', summary)
      )
    }
    const gb = (
      key:
        'initial_size' | 'auto_extend_size_increment' | 'auto_extend_size_limit'
    ): number => {
      const text = m[key]
      if (text === undefined || text === '') return 0
      const v = parseDiskGB(text)
      if (!v.ok) {
        at(
          key,
          `mount '${m.source}' with ${key} '${text}' will fail because of: ${v.error}`
        )
        return 0
      }
      if (v.value < 1) {
        at(
          key,
          `mount '${m.source}' has an ${key} '${text}' value which is smaller than 1GB`
        )
      }
      return v.value
    }
    gb('initial_size')
    if (
      m.snapshot_retention !== undefined &&
      (m.snapshot_retention < 1 || m.snapshot_retention > 60)
    ) {
      at(
        'snapshot_retention',
        `mount '${m.source}' has a snapshot_retention value which is not between 1 and 60 days inclusive`
      )
    }
    const threshold = m.auto_extend_size_threshold ?? 0
    const increment = gb('auto_extend_size_increment')
    const limit = gb('auto_extend_size_limit')
    if (threshold !== 0 || increment !== 0 || limit !== 0) {
      if (threshold !== 0 && increment === 0 && limit === 0) {
        at(
          'auto_extend_size_threshold',
          `mount '${m.source}' auto_extend_size_threshold, auto_extend_size_increment and auto_extend_size_limit must be all defined or none`
        )
      }
      if (threshold < 50 || threshold > 99) {
        at(
          'auto_extend_size_threshold',
          `mount '${m.source}' auto_extend_size_threshold must be between 50 and 99`
        )
      }
      if (increment < 1 || increment > 100) {
        at(
          'auto_extend_size_increment',
          `mount '${m.source}' auto_extend_size_increment must be between 1GB and 100GB`
        )
      }
      if (limit !== 0 && (limit < 1 || limit > 500)) {
        at(
          'auto_extend_size_limit',
          `mount '${m.source}' auto_extend_size_limit must be between 1GB and 500GB`
        )
      }
    }
  })
}

function validateRestart(
  config: AppConfig,
  groups: string[],
  out: Diagnostic[]
): void {
  config.restart.forEach((rs, i) => {
    rs.processes.forEach((name, k) => {
      if (!groups.includes(name)) {
        out.push(
          unknownGroup(
            rs,
            ['restart', i],
            ['processes', k],
            name,
            groups,
            'error',
            'restart policy'
          )
        )
      }
    })
  })
}

function validateReferences(
  config: AppConfig,
  groups: string[],
  out: Diagnostic[]
): void {
  const lists: [object, (string | number)[], string[], string][] = [
    ...config.mounts.map(
      (m, i): [object, (string | number)[], string[], string] => [
        m,
        ['mounts', i],
        m.processes,
        'mount'
      ]
    ),
    ...config.vm.map(
      (c, i): [object, (string | number)[], string[], string] => [
        c,
        ['vm', i],
        c.processes,
        '[[vm]] section'
      ]
    ),
    ...Object.entries(config.checks).map(
      ([name, c]): [object, (string | number)[], string[], string] => [
        c,
        ['checks', name],
        c.processes,
        'check'
      ]
    ),
    ...config.metrics.map(
      (m, i): [object, (string | number)[], string[], string] => [
        m,
        ['metrics', i],
        m.processes,
        'metrics section'
      ]
    ),
    ...config.files.map(
      (f, i): [object, (string | number)[], string[], string] => [
        f,
        ['files', i],
        f.processes,
        'file'
      ]
    )
  ]
  for (const [owner, fallback, processes, what] of lists) {
    processes.forEach((name, k) => {
      if (!groups.includes(name)) {
        out.push(
          unknownGroup(
            owner,
            fallback,
            ['processes', k],
            name,
            groups,
            'warning',
            what
          )
        )
      }
    })
  }
  for (const name of Object.keys(config.schedules)) {
    if (!groups.includes(name)) {
      out.push(
        unknownGroup(
          config,
          [],
          ['schedules', name],
          name,
          groups,
          'warning',
          'schedule'
        )
      )
    }
  }
  for (const name of Object.keys(config.processes)) {
    if (name.startsWith('fly_app_')) {
      out.push(
        diagnose(
          config,
          [],
          ['processes', name],
          'warning',
          'reserved-group',
          `process group name '${name}' is reserved by flyctl`,
          'flyctl uses fly_app_release_command and fly_app_console for its own machines; pick another name'
        )
      )
    }
  }
}

function unknownGroup(
  owner: object,
  fallback: (string | number)[],
  sub: (string | number)[],
  name: string,
  groups: string[],
  severity: Diagnostic['severity'],
  what: string
): Diagnostic {
  const suggestion = suggestKey(name, groups)
  return diagnose(
    owner,
    fallback,
    sub,
    severity,
    'unknown-process',
    `${what} names process group '${name}', but no [processes] entry defines it`,
    suggestion !== undefined && suggestion !== name
      ? `did you mean '${suggestion}'? The groups are: ${groups.join(', ')}`
      : `add '${name}' to [processes] or remove it; the groups are: ${groups.join(', ')}`
  )
}
