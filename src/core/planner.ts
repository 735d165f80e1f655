import type { Diagnostic } from './diagnostics.js'
import { readMarks, stripMarks, updateMarks } from './metadata.js'
import { configHash } from './normalize.js'
import type {
  CreateStep,
  DestroyStep,
  RegionPlan,
  RolloutPlan,
  UpdateStep,
  WavePlan
} from './plan.js'
import { waveLabel } from './plan.js'
import type { RolloutSpec, WaveSpec } from './spec.js'
import type {
  MachineConfig,
  MachineRecord,
  Release,
  Snapshot
} from './types.js'
import { takeCount } from './waves.js'

/** Process groups flyctl reserves for throwaway machines (API-NOTES §7): never part of a rollout. */
const RESERVED_GROUPS = new Set(['fly_app_release_command', 'fly_app_console'])

/** Blocking-mode default bakes (ROLLOUT-SEMANTICS §2.1). */
export const DEFAULT_BAKES = { canary: 120_000, primary: 60_000, rest: 0 }

/** How many baseline machines are probed beside a canary at most. */
const MAX_BASELINE = 3

export interface PlanInput {
  rolloutId: string
  snapshot: Snapshot
  release: Release
  spec: RolloutSpec
  /** fly.toml's primary_region; else the region with the most machines. */
  primaryRegion?: string
  /** Every region code Fly has (GET /v1/platform/regions), to validate the spec. */
  regions: readonly string[]
  /**
   * Redeploy (ROLLOUT-SEMANTICS §11): keep updates whose config and image are
   * unchanged, so every machine restarts onto current secrets and image.
   */
  force?: boolean
}

interface Pool {
  region: string
  group: string
  /** S₀ machines not yet assigned to a wave: started ones first, each by id. */
  remaining: MachineRecord[]
  /** Started machines of the pool in S₀, surplus included: they serve until cleanup (availability is judged on these). */
  started: number
  /** Machines to create in this pool (counts, new groups). */
  creates: number
  createReason: 'count' | 'group'
  /** A surge canary serves in this pool until its original is updated. */
  surgeKey?: string
  hasVolumes: boolean
}

/**
 * planRollout derives the whole rollout from S₀, R and the spec: which
 * machines each wave updates, in which batches, what it creates and what it
 * destroys at the end, and every problem that forbids starting. Pure and
 * deterministic: the same inputs give the same plan.
 */
export function planRollout(input: PlanInput): RolloutPlan {
  const { snapshot, release, spec } = input
  const diagnostics: Diagnostic[] = []
  const error = (summary: string, detail?: string): void => {
    diagnostics.push({ severity: 'error', code: 'plan', summary, detail })
  }
  const warn = (summary: string, detail?: string): void => {
    diagnostics.push({ severity: 'warning', code: 'plan', summary, detail })
  }
  const known = new Set(input.regions)

  const machines = snapshot.machines.filter(
    (m) =>
      !RESERVED_GROUPS.has(m.group) &&
      m.state !== 'destroyed' &&
      m.state !== 'destroying'
  )
  const imageOnly = Object.keys(release.groups).length === 0
  const groups = imageOnly
    ? [...new Set(machines.map((m) => m.group))].sort()
    : Object.keys(release.groups).sort()
  // flyctl sets PRIMARY_REGION on every machine (from fly.toml's primary_region).
  const primary =
    input.primaryRegion ??
    mostCommon(
      machines.flatMap((m) =>
        m.config.env?.PRIMARY_REGION ? [m.config.env.PRIMARY_REGION] : []
      )
    ) ??
    mostCommon(machines.map((m) => m.region)) ??
    input.regions[0] ??
    'iad'
  if (input.primaryRegion && !known.has(input.primaryRegion)) {
    error(`primary region "${input.primaryRegion}" is not a Fly region`)
  }

  // 1. Pools per (region, group) and desired counts.
  const pools = new Map<string, Pool>()
  const poolOf = (region: string, group: string): Pool => {
    const key = `${region}/${group}`
    let p = pools.get(key)
    if (!p) {
      p = {
        region,
        group,
        remaining: [],
        started: 0,
        creates: 0,
        createReason: 'count',
        hasVolumes: false
      }
      pools.set(key, p)
    }
    return p
  }
  const cleanup: DestroyStep[] = []
  for (const m of machines) {
    if (!groups.includes(m.group)) {
      cleanup.push({
        action: '-',
        machineId: m.id,
        region: m.region,
        group: m.group,
        reason: 'removed-group'
      })
      continue
    }
    const p = poolOf(m.region, m.group)
    p.remaining.push(m)
    if (m.state === 'started') p.started++
    if (m.volumeIds.length) p.hasVolumes = true
  }
  const removed = [...new Set(cleanup.map((c) => c.group))]
  if (removed.length) {
    warn(
      `process group${removed.length > 1 ? 's' : ''} ${removed.join(', ')} ${removed.length > 1 ? 'are' : 'is'} not in the release: ${cleanup.length} machine(s) will be destroyed after the last wave`
    )
  }
  for (const g of groups) {
    if (!machines.some((m) => m.group === g)) {
      const p = poolOf(primary, g)
      p.creates = 1
      p.createReason = 'group'
    }
  }
  for (const [scope, byRegion] of Object.entries(spec.counts)) {
    if (scope !== '*' && !groups.includes(scope)) {
      error(
        `counts names process group "${scope}", which the release does not have`,
        `groups: ${groups.join(', ')}`
      )
      continue
    }
    for (const [region, want] of Object.entries(byRegion)) {
      if (!known.has(region)) {
        error(`counts names region "${region}", which is not a Fly region`)
        continue
      }
      for (const g of scope === '*' ? groups : [scope]) {
        const p = poolOf(region, g)
        const have = p.remaining.length
        if (want > have) {
          p.creates = want - have
          p.createReason =
            p.createReason === 'group' && have === 0 ? 'group' : 'count'
        } else {
          p.creates = 0
          // Surplus: stopped machines go first, then the highest ids.
          const order = [...p.remaining].sort(
            (a, b) =>
              Number(a.state === 'started') - Number(b.state === 'started') ||
              b.id.localeCompare(a.id)
          )
          for (const m of order.slice(0, have - want)) {
            cleanup.push({
              action: '-',
              machineId: m.id,
              region,
              group: g,
              reason: 'surplus'
            })
            // Surplus machines keep serving until cleanup, so p.started still counts them.
            p.remaining = p.remaining.filter((x) => x !== m)
          }
        }
      }
    }
  }
  for (const p of pools.values()) p.remaining.sort(byStartedThenId)

  if (
    pools.size === 0 ||
    [...pools.values()].every(
      (p) => p.remaining.length === 0 && p.creates === 0
    )
  ) {
    error(
      `app ${snapshot.app} has no machines to roll out to`,
      'set counts: in the rollout spec to create some, e.g. counts: { ' +
        primary +
        ': 2 }'
    )
  }

  // 2. Waves.
  const userWaves = spec.waves !== undefined
  const waveSpecs = spec.waves ?? defaultWaves(primary, pools)
  for (const [i, w] of waveSpecs.entries()) {
    for (const r of w.regions) {
      if (r !== '*' && !known.has(r)) {
        error(
          `wave ${i + 1} (${w.name ?? 'unnamed'}) lists region "${r}", which is not a Fly region`
        )
      }
    }
  }

  // Machines of one group with the same S₀ config (its hash) get the same
  // target config: build and hash it once, not once per machine (a clone
  // and a sha256 of the canonical config per machine were most of a large
  // plan's time). The shared part is frozen: a plan is a value.
  const targets = new Map<string, { body: MachineConfig; toHash: string }>()
  const targetOf = (m: MachineRecord) => {
    const key = `${m.group}\u0000${m.hash}`
    let t = targets.get(key)
    if (!t) {
      const base = imageOnly
        ? { ...structuredClone(m.config), image: release.image }
        : structuredClone(release.groups[m.group]!)
      base.metadata = metadataOf(m, base.metadata)
      if (base.mounts && m.config.mounts) {
        base.mounts = base.mounts.map((mount, i) => {
          const old =
            m.config.mounts!.find((o) => o.path === mount.path) ??
            m.config.mounts![i]
          return old?.volume ? { ...mount, volume: old.volume } : mount
        })
      }
      const { metadata: _, ...body } = base
      t = { body: deepFreeze(body), toHash: configHash(base) }
      targets.set(key, t)
    }
    return t
  }
  // The template's metadata, then S₀'s own keys (fly_release_*,
  // fly_flyctl_version, users' keys, our labels): fly-rollout makes no
  // backend release. Per machine: labels are outside the hash.
  const metadataOf = (
    m: MachineRecord,
    template: Record<string, string> | undefined
  ): Record<string, string> => ({
    ...stripMarks(template),
    ...stripMarks(m.config.metadata),
    fly_platform_version: 'v2',
    fly_process_group: m.group
  })
  const target = (
    m: MachineRecord,
    wave: number
  ): { config: MachineConfig; toHash: string } => {
    const { body, toHash } = targetOf(m)
    // An image-only release keeps each machine's own config, exactly.
    const own = imageOnly
      ? { ...structuredClone(m.config), image: release.image }
      : body
    const metadata = metadataOf(
      m,
      imageOnly ? undefined : release.groups[m.group]!.metadata
    )
    // Assigned, not spread: a spread of the marks per machine cost more than
    // the rest of the machine's planning.
    Object.assign(
      metadata,
      updateMarks({
        rolloutId: input.rolloutId,
        releaseId: release.id,
        targetHash: toHash,
        wave,
        prev: { version: m.version, hash: m.hash, state: m.state }
      })
    )
    const config: MachineConfig = { ...own, metadata }
    return { config, toHash }
  }

  const createConfig = (
    group: string,
    region: string,
    wave: number
  ): {
    config: MachineConfig
    toHash: string
    volumes: CreateStep['volumes']
  } => {
    const template = imageOnly
      ? machines.find((m) => m.group === group)?.config
      : release.groups[group]
    const base = structuredClone(template ?? {}) as MachineConfig
    if (imageOnly) base.image = release.image
    base.metadata = {
      ...stripMarks(base.metadata ?? {}),
      fly_platform_version: 'v2',
      fly_process_group: group
    }
    const volumes: CreateStep['volumes'] = []
    if (base.mounts?.length) {
      const sizeOf = machines.find(
        (m) => m.group === group && m.region === region
      )
      base.mounts = base.mounts.map((mount, i) => {
        volumes.push({
          name: mount.name ?? `data_${i}`,
          sizeGb: mount.size_gb ?? (sizeOf ? 1 : 1)
        })
        const { volume: _v, ...rest } = mount
        return rest
      })
    }
    const toHash = configHash(base)
    base.metadata = {
      ...base.metadata,
      ...updateMarks({
        rolloutId: input.rolloutId,
        releaseId: release.id,
        targetHash: toHash,
        wave
      })
    }
    return { config: base, toHash, volumes }
  }

  const waves: WavePlan[] = []
  const doneRegions = new Set<string>()
  let createSeq = 0
  for (const [i, w] of waveSpecs.entries()) {
    const index = waves.length
    const isCanary = i === 0 && w.machines === 1 && waveSpecs.length > 1
    const listed = w.regions.includes('*')
      ? [
          ...new Set(
            [...pools.values()]
              .filter((p) => p.remaining.length || p.creates)
              .map((p) => p.region)
          )
        ].sort(
          (a, b) =>
            Number(b === primary) - Number(a === primary) || a.localeCompare(b)
        )
      : w.regions.filter((r) => known.has(r))
    const regionPlans: RegionPlan[] = []
    const baseline: string[] = []
    for (const region of listed) {
      const batches: (UpdateStep | CreateStep)[][] = []
      const regionPools = [...pools.values()]
        .filter((p) => p.region === region)
        .sort((a, b) => a.group.localeCompare(b.group))
      const perGroup: (UpdateStep | CreateStep)[][][] = []
      for (const p of regionPools) {
        const gBatches: (UpdateStep | CreateStep)[][] = []
        const n = takeCount(p.remaining.length, w)
        let taken = p.remaining.slice(0, n)
        const startedTaken = taken.filter((m) => m.state === 'started')
        const othersTaken = taken.filter((m) => m.state !== 'started')
        const mu = w.maxUnavailable ?? spec.maxUnavailable
        // §2.2 surge canary: a pool with one started machine gets an extra machine as canary.
        if (
          isCanary &&
          p.started === 1 &&
          startedTaken.length === 1 &&
          !p.surgeKey
        ) {
          if (p.hasVolumes) {
            if (!spec.allowDowntime) {
              error(
                `${region}/${p.group} has one started machine with a volume: a canary would take it down`,
                'add a machine (counts:), or set allow-downtime: true'
              )
            }
          } else {
            const key = `canary-${region}-${p.group}`
            const c = createConfig(p.group, region, index)
            gBatches.push([
              {
                action: '+',
                key,
                region,
                group: p.group,
                toHash: c.toHash,
                config: c.config,
                reason: 'canary',
                volumes: []
              }
            ])
            p.surgeKey = key
            taken = []
            for (const m of p.remaining.filter((m) => m.state === 'started'))
              baseline.push(m.id)
          }
        }
        if (taken.length) {
          p.remaining = p.remaining.filter((m) => !taken.includes(m))
          const updates = (ms: MachineRecord[]): UpdateStep[] =>
            ms.map((m) => {
              const t = target(m, index)
              return {
                action: '~',
                machineId: m.id,
                region,
                group: p.group,
                fromVersion: m.version,
                fromState: m.state,
                fromHash: m.hash,
                fromImage: m.imageDigest,
                toHash: t.toHash,
                config: t.config,
                skipLaunch: m.state !== 'started',
                ...(input.force ? { force: true } : {})
              }
            })
          // A pool left with a single started machine and no surge serving beside it would go dark.
          const lastStarted =
            startedTaken.length > 0 && p.started - startedTaken.length === 0
          const soloPool = p.started === 1 && startedTaken.length === 1
          if (soloPool && !p.surgeKey && !isCanary) {
            if (p.hasVolumes) {
              if (!spec.allowDowntime) {
                error(
                  `${region}/${p.group} has one started machine with a volume: updating it takes the region down`,
                  'add a machine (counts:), or set allow-downtime: true'
                )
              }
            } else {
              const key = `surge-${region}-${p.group}-${++createSeq}`
              const c = createConfig(p.group, region, index)
              gBatches.push([
                {
                  action: '+',
                  key,
                  region,
                  group: p.group,
                  toHash: c.toHash,
                  config: c.config,
                  reason: 'surge',
                  volumes: [],
                  retireAfterWave: index
                }
              ])
            }
          } else if (lastStarted && p.surgeKey) {
            markRetire(waves, p.surgeKey, index)
          }
          const cap = Math.max(
            1,
            Math.min(mu, p.surgeKey ? p.started : p.started - 1)
          )
          const first = updates(othersTaken)
          const sized: MachineRecord[][] = []
          let rest = startedTaken
          if (rest.length) {
            sized.push(rest.slice(0, 1))
            rest = rest.slice(1)
            while (rest.length) {
              sized.push(rest.slice(0, cap))
              rest = rest.slice(cap)
            }
          }
          sized.forEach((ms, j) =>
            gBatches.push([...(j === 0 ? first : []), ...updates(ms)])
          )
          if (!sized.length && first.length) gBatches.push(first)
          if (isCanary) {
            for (const m of p.remaining.filter((m) => m.state === 'started'))
              baseline.push(m.id)
          }
        }
        // Creates join the last wave that touches the pool.
        const laterTouches = waveSpecs
          .slice(i + 1)
          .some((lw) => lw.regions.includes(region) || lw.regions.includes('*'))
        if (
          p.creates > 0 &&
          (p.remaining.length === 0 || !laterTouches) &&
          !(isCanary && laterTouches)
        ) {
          const batch: CreateStep[] = []
          for (let k = 0; k < p.creates; k++) {
            const c = createConfig(p.group, region, index)
            batch.push({
              action: '+',
              key: `new-${region}-${p.group}-${++createSeq}`,
              region,
              group: p.group,
              toHash: c.toHash,
              config: c.config,
              reason: p.createReason,
              volumes: c.volumes
            })
          }
          gBatches.push(batch)
          p.creates = 0
        }
        perGroup.push(gBatches)
      }
      const depth = Math.max(0, ...perGroup.map((g) => g.length))
      for (let b = 0; b < depth; b++) {
        const batch = perGroup.flatMap((g) => g[b] ?? [])
        if (batch.length) batches.push(batch)
      }
      if (batches.length) regionPlans.push({ region, batches })
      if (
        [...pools.values()]
          .filter((p) => p.region === region)
          .every((p) => p.remaining.length === 0 && p.creates === 0)
      ) {
        doneRegions.add(region)
      }
    }
    const name = w.name ?? (isCanary ? 'canary' : `wave ${index + 1}`)
    if (regionPlans.length === 0) {
      if (userWaves) {
        const why = w.regions.filter((r) => r !== '*' && doneRegions.has(r))
        error(
          `${waveLabel({ index: i, name })} has no machines`,
          why.length
            ? `earlier waves already took every machine of ${why.join(', ')}`
            : 'its regions have no machines of the app'
        )
      }
      continue
    }
    waves.push({
      index,
      name,
      regions: regionPlans,
      bakeMs:
        w.bakeMs ??
        (isCanary
          ? DEFAULT_BAKES.canary
          : userWaves
            ? DEFAULT_BAKES.primary
            : defaultBake(w)),
      maxBakeMs:
        w.maxBakeMs ??
        3 *
          (w.bakeMs ??
            (isCanary ? DEFAULT_BAKES.canary : DEFAULT_BAKES.primary)),
      progressDeadlineMs: w.progressDeadlineMs ?? spec.progressDeadlineMs,
      gate: w.gate,
      onInconclusive: w.onInconclusive ?? spec.onInconclusive,
      baseline: [...new Set(baseline)].sort().slice(0, MAX_BASELINE),
      guard: waves.flatMap((pw) =>
        pw.regions.flatMap((r) =>
          r.batches
            .flat()
            .flatMap((s) => (s.action === '~' ? [s.machineId] : []))
        )
      )
    })
  }

  const left = [...pools.values()].filter((p) => p.remaining.length > 0)
  for (const p of left) {
    error(
      `${p.remaining.length} machine(s) of ${p.region}/${p.group} are in no wave and would stay on the old release`,
      `add a wave with regions: [${p.region}] or ["*"]`
    )
  }
  for (const p of pools.values()) {
    if (p.creates > 0)
      error(
        `${p.region}/${p.group} needs ${p.creates} new machine(s) but no wave covers ${p.region}`
      )
  }

  const updates = waves
    .flatMap((w) => w.regions.flatMap((r) => r.batches.flat()))
    .filter((s): s is UpdateStep => s.action === '~')
  const anchor = updates.map((s) => s.machineId).sort()[0]
  if (!spec.probes.length) {
    warn(
      'no probes configured: waves are judged on machine checks and events only',
      'add probes: with a path that answers on every machine'
    )
  }
  return {
    id: input.rolloutId,
    app: snapshot.app,
    releaseId: release.id,
    image: release.image,
    digest: release.digest,
    primaryRegion: primary,
    s0: snapshot.machines,
    waves,
    cleanup: cleanup.sort((a, b) => a.machineId.localeCompare(b.machineId)),
    anchor,
    releaseCommand: release.releaseCommand,
    diagnostics
  }
}

/**
 * defaultWaves is the plan without a spec (issue: canary, then the rest of
 * the primary region, then every other region); waves that end up empty are
 * dropped.
 */
function defaultWaves(primary: string, pools: Map<string, Pool>): WaveSpec[] {
  const regions = new Set([...pools.values()].map((p) => p.region))
  const out: WaveSpec[] = [
    {
      name: 'canary',
      regions: [primary],
      machines: 1,
      gate: 'none',
      bakeMs: DEFAULT_BAKES.canary
    },
    {
      name: primary,
      regions: [primary],
      gate: 'none',
      bakeMs: DEFAULT_BAKES.primary
    }
  ]
  if ([...regions].some((r) => r !== primary)) {
    out.push({
      name: 'everywhere else',
      regions: ['*'],
      gate: 'none',
      bakeMs: DEFAULT_BAKES.rest
    })
  }
  return out
}

function defaultBake(w: WaveSpec): number {
  return w.regions.includes('*') ? DEFAULT_BAKES.rest : DEFAULT_BAKES.primary
}

function markRetire(waves: WavePlan[], key: string, wave: number): void {
  for (const w of waves) {
    for (const r of w.regions) {
      for (const b of r.batches) {
        for (const s of b)
          if (s.action === '+' && s.key === key) s.retireAfterWave = wave
      }
    }
  }
}

function byStartedThenId(a: MachineRecord, b: MachineRecord): number {
  return (
    Number(b.state === 'started') - Number(a.state === 'started') ||
    a.id.localeCompare(b.id)
  )
}

function mostCommon(values: string[]): string | undefined {
  const count = new Map<string, number>()
  for (const v of values) count.set(v, (count.get(v) ?? 0) + 1)
  return [...count.entries()].sort(
    (a, b) => b[1] - a[1] || a[0].localeCompare(b[0])
  )[0]?.[0]
}

/**
 * inFlightRollouts finds the rollout whose marks say it has not finished
 * (ROLLOUT-SEMANTICS §9.4). Only the newest rollout id on the app can be in
 * flight: a rollout starts only when none is, so any older id was finished
 * when the newer one began — even once the newer one has overwritten the
 * older one's `complete` mark on their shared anchor. Rollout ids are ULIDs:
 * the greatest is the newest.
 */
export function inFlightRollouts(
  machines: { id: string; config: MachineConfig }[]
): { rolloutId: string; machines: string[]; rollingBack: boolean }[] {
  const by = new Map<
    string,
    { machines: string[]; complete: boolean; rollingBack: boolean }
  >()
  for (const m of machines) {
    const marks = readMarks(m.config.metadata)
    if (!marks) continue
    const e = by.get(marks.rolloutId) ?? {
      machines: [],
      complete: false,
      rollingBack: false
    }
    e.machines.push(m.id)
    if (marks.status === 'complete') e.complete = true
    if (marks.status === 'rolling-back') e.rollingBack = true
    by.set(marks.rolloutId, e)
  }
  const newest = [...by.keys()].sort().at(-1)
  return [...by.entries()]
    .filter(([id, e]) => id === newest && (!e.complete || e.rollingBack))
    .map(([rolloutId, e]) => ({
      rolloutId,
      machines: e.machines.sort(),
      rollingBack: e.rollingBack
    }))
}

/** deepFreeze freezes a value shared by many steps of a plan. */
function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v)
    for (const x of Object.values(v)) deepFreeze(x)
  }
  return v
}
