import { readMarks, stripMarks } from './metadata.js'
import { configHash } from './normalize.js'
import { inFlightRollouts } from './planner.js'
import { configChanges } from './render.js'
import type { RolloutSpec } from './spec.js'
import type { MachineConfig, MachineView, Release } from './types.js'

/** Process groups flyctl reserves for throwaway machines (API-NOTES §7): never part of a fleet. */
const RESERVED_GROUPS = new Set(['fly_app_release_command', 'fly_app_console'])

/**
 * DriftKind names what drifted:
 * - `config`: a machine's config is not the one the last rollout put there
 *   (its `flyrollout_target_hash` ≠ its config hash);
 * - `image`: a machine runs another image digest than the fleet should;
 * - `pool`: a region × process group has fewer machines than `counts:` wants;
 * - `in-flight`: a rollout was left mid-way (ROLLOUT-SEMANTICS §9.4).
 */
export type DriftKind = 'config' | 'image' | 'pool' | 'in-flight'

/** DriftItem is one thing that drifted, from what was recorded (or wanted) to what is. */
export interface DriftItem {
  kind: DriftKind
  /** What drifted: a machine id (config, image), a pool `region/group`, a rollout id. */
  subject: string
  region?: string
  group?: string
  /** What the record says it should be: the target hash, the fleet's digest, the wanted count, `complete`. */
  from: string
  /** What it is now. */
  to: string
  /** One line for the report, e.g. `m1 (sjc/app): config 1a2b… → 3c4d… (env ~LOG_LEVEL)`. */
  detail: string
}

/** DriftReport is everything detectDrift found, in a stable order (kind, then subject). */
export interface DriftReport {
  items: DriftItem[]
  /**
   * The digest the fleet should run: the release's when given, else the
   * newest finished rollout's (machines on its target), else the strict
   * majority of started machines. Undefined when machines disagree and
   * nothing says which is right.
   */
  digest?: string
  digestSource?: 'release' | 'marks' | 'majority'
  /** Started machines (all live ones when none is started) per digest, most used first. */
  digests: { digest: string; machines: string[] }[]
}

/** DriftInput is a fresh machine list, the spec's counts and, optionally, the release the fleet should run. */
export interface DriftInput {
  machines: readonly MachineView[]
  spec: Pick<RolloutSpec, 'counts'>
  /** When given, its digest is the one every machine should run, and its groups are the app's groups. */
  release?: Pick<Release, 'digest'> & Partial<Pick<Release, 'groups'>>
}

const KIND_ORDER: DriftKind[] = ['in-flight', 'config', 'image', 'pool']

/**
 * detectDrift compares a fleet with what the last rollout recorded and what
 * the spec wants (pure). Machines being destroyed and flyctl's throwaway
 * groups are ignored.
 *
 *   m1 marked target_hash=A, reads back A               → nothing
 *   m1 marked target_hash=A, reads back B               → config A → B
 *   3 started on digest D1, 1 on D2 (no marks)          → image D1 → D2 for that one
 *   2 started on D1, 2 on D2, no marks                  → no image item; digest undefined
 *   counts {app: {sjc: 3}}, 2 machines in sjc           → pool sjc/app 3 → 2
 *   rollout R1 marks, no `complete`                     → in-flight R1 complete → in-flight
 */
export function detectDrift(input: DriftInput): DriftReport {
  const live = liveMachines(input.machines)
  const items: DriftItem[] = []

  // 1. A rollout left mid-way.
  const inflight = inFlightRollouts(live)
  for (const f of inflight) {
    const state = f.rollingBack ? 'rolling-back' : 'in-flight'
    items.push({
      kind: 'in-flight',
      subject: f.rolloutId,
      from: 'complete',
      to: state,
      detail: `rollout ${f.rolloutId} was left ${f.rollingBack ? 'rolling back' : 'in flight'} on ${f.machines.length} machine(s): ${f.machines.join(', ')}`
    })
  }
  const unfinished = new Set(inflight.map((f) => f.rolloutId))

  // 2. Configs the last rollout did not leave there.
  const drifted = configDrifted(live)
  const refs = references(live, drifted)
  for (const m of live) {
    const marks = readMarks(m.config.metadata)
    if (!drifted.has(m.id) || !marks?.targetHash) continue
    const hash = configHash(m.config)
    const ref = refs.get(groupOf(m))
    const changes = ref
      ? configChanges(comparable(ref.config), comparable(m.config))
      : []
    items.push({
      kind: 'config',
      subject: m.id,
      region: m.region,
      group: groupOf(m),
      from: marks.targetHash,
      to: hash,
      detail: `${m.id} (${m.region}/${groupOf(m)}): config ${short(marks.targetHash)} → ${short(hash)} since rollout ${marks.rolloutId}${changes.length ? ` (${changes.join(', ')})` : ''}`
    })
  }

  // 3. Images other than the fleet's.
  const running = runningDigest(live, unfinished, input.release?.digest)
  if (running.digest) {
    for (const m of live) {
      if (!m.imageDigest || m.imageDigest === running.digest) continue
      items.push({
        kind: 'image',
        subject: m.id,
        region: m.region,
        group: groupOf(m),
        from: running.digest,
        to: m.imageDigest,
        detail: `${m.id} (${m.region}/${groupOf(m)}): image ${short(running.digest)} → ${short(m.imageDigest)}`
      })
    }
  }

  // 4. Pools below counts.
  const releaseGroups = Object.keys(input.release?.groups ?? {})
  const groups = releaseGroups.length
    ? releaseGroups
    : [...new Set(live.map(groupOf))]
  for (const [scope, byRegion] of Object.entries(input.spec.counts)) {
    if (scope !== '*' && !groups.includes(scope)) continue
    for (const [region, want] of Object.entries(byRegion)) {
      for (const group of scope === '*' ? groups : [scope]) {
        const have = live.filter(
          (m) => m.region === region && groupOf(m) === group
        ).length
        if (have >= want) continue
        items.push({
          kind: 'pool',
          subject: `${region}/${group}`,
          region,
          group,
          from: String(want),
          to: String(have),
          detail: `${region}/${group}: ${have} machine(s), counts wants ${want}`
        })
      }
    }
  }

  items.sort(
    (a, b) =>
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
      a.subject.localeCompare(b.subject)
  )
  return {
    items,
    digest: running.digest,
    digestSource: running.digestSource,
    digests: running.digests
  }
}

/**
 * runningDigest decides which digest a fleet runs. `unfinished` rollouts are
 * ignored (they are undone before anything builds on them).
 *
 *   release digest given                          → it ('release')
 *   newest finished rollout's machines on target  → their digest ('marks')
 *   started: D1, D1, D2                           → D1 ('majority')
 *   started: D1, D2                               → undefined (no majority)
 */
function runningDigest(
  live: readonly MachineView[],
  unfinished: ReadonlySet<string>,
  release: string | undefined
): Pick<DriftReport, 'digest' | 'digestSource' | 'digests'> {
  const started = live.filter((m) => m.state === 'started' && m.imageDigest)
  const pool = started.length ? started : live.filter((m) => m.imageDigest)
  const digests = tally(pool)
  if (release) return { digest: release, digestSource: 'release', digests }

  const onTarget = live.filter((m) => {
    const marks = readMarks(m.config.metadata)
    return (
      marks?.targetHash !== undefined &&
      !unfinished.has(marks.rolloutId) &&
      configHash(m.config) === marks.targetHash &&
      m.imageDigest
    )
  })
  const newest = onTarget
    .map((m) => readMarks(m.config.metadata)!.rolloutId)
    .sort()
    .at(-1)
  if (newest) {
    const byNewest = tally(
      onTarget.filter((m) => readMarks(m.config.metadata)!.rolloutId === newest)
    )
    // One rollout puts one image on every machine: a split means someone else changed images.
    if (byNewest.length === 1)
      return { digest: byNewest[0]!.digest, digestSource: 'marks', digests }
  }

  const top = digests[0]
  if (top && top.machines.length * 2 > pool.length)
    return { digest: top.digest, digestSource: 'majority', digests }
  return { digests }
}

/**
 * referenceConfigs derives each process group's config from the fleet, for
 * a redeploy given no fly.toml: the config its machines share, metadata
 * marks and volume ids removed. Machines in `exclude` (drifted) do not
 * count. It refuses — returns a problem — when a group has no machine left
 * to learn from, or when those machines disagree on anything but metadata,
 * image and volume ids: nothing says which one is right.
 *
 *   sjc m1, m2 share env A; m3 (excluded) has env B  → groups.app = env A
 *   m1 env A, m2 env B, none excluded                 → problem
 */
export function referenceConfigs(
  machines: readonly MachineView[],
  exclude: ReadonlySet<string>
):
  | { groups: Record<string, MachineConfig>; problem?: undefined }
  | { problem: string; groups?: undefined } {
  const live = liveMachines(machines)
  const groups: Record<string, MachineConfig> = {}
  for (const group of [...new Set(live.map(groupOf))].sort()) {
    const members = live.filter((m) => groupOf(m) === group)
    const candidates = members.filter((m) => !exclude.has(m.id))
    if (!candidates.length)
      return {
        problem: `every machine of process group ${group} drifted (${members.map((m) => m.id).join(', ')}): nothing on the app says which config is right`
      }
    const shapes = new Map<string, string[]>()
    for (const m of candidates) {
      const h = configHash(shape(m.config))
      shapes.set(h, [...(shapes.get(h) ?? []), m.id])
    }
    if (shapes.size > 1)
      return {
        problem: `machines of process group ${group} have different configs (${[
          ...shapes.values()
        ]
          .map((ids) => ids.join(', '))
          .join(' vs ')}): nothing on the app says which is right`
      }
    const ref = structuredClone(candidates[0]!.config)
    ref.metadata = stripMarks(ref.metadata)
    if (ref.mounts)
      ref.mounts = ref.mounts.map(({ volume: _v, ...rest }) => rest)
    groups[group] = ref
  }
  return { groups }
}

/**
 * pinImage turns an image reference into one pinned by digest: `repo:tag`
 * or `repo@sha256:…` become `repo@<digest>` (a registry port stays).
 *
 *   registry.fly.io/demo:deployment-01, sha256:ab → registry.fly.io/demo@sha256:ab
 *   registry.fly.io/demo@sha256:cd, sha256:ab     → registry.fly.io/demo@sha256:ab
 *   localhost:5000/demo, sha256:ab                → localhost:5000/demo@sha256:ab
 */
export function pinImage(image: string, digest: string): string {
  const repo = image
    .replace(/@sha256:[a-f0-9]+$/, '')
    .replace(/:[\w][\w.-]{0,127}$/, '')
  return `${repo}@${digest}`
}

/**
 * renderDriftText lists a drift report for people, one line per item, and
 * what was repaired when `repaired` (subjects) is given.
 */
export function renderDriftText(
  report: DriftReport,
  repaired?: readonly string[],
  unrepaired: readonly { subject: string; why: string }[] = []
): string {
  const lines: string[] = []
  if (!report.items.length) lines.push('drift: none')
  else {
    lines.push(`drift: ${report.items.length} item(s)`)
    const done = new Set(repaired ?? [])
    const notes = new Map(unrepaired.map((u) => [u.subject, u.why]))
    for (const i of report.items) {
      const status =
        repaired === undefined
          ? ''
          : done.has(i.subject)
            ? '  [repaired]'
            : `  [not repaired${notes.has(i.subject) ? `: ${notes.get(i.subject)}` : ''}]`
      lines.push(`  ${i.kind.padEnd(9)} ${i.detail}${status}`)
    }
  }
  if (!report.digest && report.digests.length > 1)
    lines.push(
      `images: machines disagree (${report.digests.map((d) => `${short(d.digest)} on ${d.machines.join(', ')}`).join('; ')}) and no rollout marks say which is right`
    )
  return lines.join('\n') + '\n'
}

function liveMachines(machines: readonly MachineView[]): MachineView[] {
  return machines
    .filter(
      (m) =>
        m.state !== 'destroyed' &&
        m.state !== 'destroying' &&
        !RESERVED_GROUPS.has(groupOf(m))
    )
    .sort((a, b) => a.id.localeCompare(b.id))
}

/** configDrifted: machines whose marks record a target hash they no longer read back. */
function configDrifted(live: readonly MachineView[]): Set<string> {
  const out = new Set<string>()
  for (const m of live) {
    const target = readMarks(m.config.metadata)?.targetHash
    if (target && configHash(m.config) !== target) out.add(m.id)
  }
  return out
}

/** references picks, per group, the lowest-id machine that did not drift: what a drifted one is compared with. */
function references(
  live: readonly MachineView[],
  drifted: ReadonlySet<string>
): Map<string, MachineView> {
  const out = new Map<string, MachineView>()
  for (const m of live) {
    if (drifted.has(m.id) || out.has(groupOf(m))) continue
    out.set(groupOf(m), m)
  }
  return out
}

function tally(
  machines: readonly MachineView[]
): { digest: string; machines: string[] }[] {
  const by = new Map<string, string[]>()
  for (const m of machines)
    by.set(m.imageDigest, [...(by.get(m.imageDigest) ?? []), m.id])
  return [...by.entries()]
    .map(([digest, ids]) => ({ digest, machines: ids.sort() }))
    .sort(
      (a, b) =>
        b.machines.length - a.machines.length ||
        a.digest.localeCompare(b.digest)
    )
}

/** shape is what machines of one group must share: no metadata, image or volume ids. */
function shape(config: MachineConfig): MachineConfig {
  const { metadata: _m, image: _i, ...rest } = config
  if (rest.mounts)
    rest.mounts = rest.mounts.map(({ volume: _v, ...mount }) => mount)
  return rest
}

/** comparable leaves out what configChanges should not report for drift: volume ids. */
function comparable(config: MachineConfig): MachineConfig {
  if (!config.mounts) return config
  return {
    ...config,
    mounts: config.mounts.map(({ volume: _v, ...mount }) => mount)
  }
}

function groupOf(m: MachineView): string {
  return m.config.metadata?.fly_process_group ?? 'app'
}

function short(v: string): string {
  return v.replace(/^sha256:/, '').slice(0, 12)
}
