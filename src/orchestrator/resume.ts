import { StateConflictError } from '../core/errors.js'
import { readMarks } from '../core/metadata.js'
import { configHash } from '../core/normalize.js'
import { inFlightRollouts, planRollout } from '../core/planner.js'
import type { RolloutPlan } from '../core/plan.js'
import type { RolloutSpec } from '../core/spec.js'
import type { MachineRecord, MachineView, Release } from '../core/types.js'
import type { Ports } from './ports.js'
import { rollBack, type RollbackReport } from './rollback.js'
import { toRecord } from './snapshot.js'

/**
 * findRollout picks the rollout a `resume` or `rollback` acts on: the one
 * named, else the in-flight one (there is at most one, §9.4), else — for
 * rollback only — the latest that touched the app.
 */
export function findRollout(
  machines: MachineView[],
  opts: { rolloutId?: string; allowComplete?: boolean }
): { rolloutId: string; rollingBack: boolean } | undefined {
  if (opts.rolloutId) {
    const marked = machines.some(
      (m) => readMarks(m.config.metadata)?.rolloutId === opts.rolloutId
    )
    if (!marked) return undefined
    const inflight = inFlightRollouts(machines).find(
      (r) => r.rolloutId === opts.rolloutId
    )
    return {
      rolloutId: opts.rolloutId,
      rollingBack: inflight?.rollingBack ?? false
    }
  }
  const inflight = inFlightRollouts(machines)
  if (inflight[0])
    return {
      rolloutId: inflight[0].rolloutId,
      rollingBack: inflight[0].rollingBack
    }
  if (!opts.allowComplete) return undefined
  // Rollout ids are ULIDs: the greatest is the latest.
  const ids = machines.flatMap(
    (m) => readMarks(m.config.metadata)?.rolloutId ?? []
  )
  const latest = ids.sort().at(-1)
  return latest ? { rolloutId: latest, rollingBack: false } : undefined
}

/**
 * reconstructS0 rebuilds the snapshot a rollout started from, from the
 * machines alone (§9.5): a touched machine's S₀ is its previous version in
 * `/versions`, checked against the recorded hash; an untouched one is as it is
 * now; machines the rollout created were not in S₀.
 */
export async function reconstructS0(
  ports: Ports,
  app: string,
  rolloutId: string,
  machines: MachineView[]
): Promise<{
  s0: MachineRecord[]
  done: Set<string>
  created: Map<string, string[]>
  drift: string[]
}> {
  const s0: MachineRecord[] = []
  const done = new Set<string>()
  const created = new Map<string, string[]>()
  const drift: string[] = []
  for (const m of machines) {
    if (m.state === 'destroyed' || m.state === 'destroying') continue
    if (
      (m.config.metadata?.fly_process_group ?? '') === 'fly_app_release_command'
    )
      continue
    const marks = readMarks(m.config.metadata)
    if (!marks || marks.rolloutId !== rolloutId) {
      s0.push(toRecord(m))
      continue
    }
    if (marks.created) {
      created.set(
        m.id,
        (m.config.mounts ?? []).flatMap((x) => (x.volume ? [x.volume] : []))
      )
      continue
    }
    // 3. Fresh read decides: hash = target → updated; anything else is drift.
    if (configHash(m.config) !== marks.targetHash)
      drift.push(`${m.id}: config changed since the rollout updated it`)
    else done.add(m.id)
    const versions = await ports.machines.versions(app, m.id)
    const prev = versions.find((v) => v.version === marks.prevVersion)
    if (!prev || configHash(prev.config) !== marks.prevHash) {
      drift.push(
        `${m.id}: its previous version ${marks.prevVersion} is missing from /versions or does not match the recorded hash`
      )
      continue
    }
    const config = structuredClone(prev.config)
    s0.push({
      id: m.id,
      name: m.name,
      region: m.region,
      group: config.metadata?.fly_process_group ?? 'app',
      state: marks.prevState ?? 'started',
      version: marks.prevVersion!,
      imageDigest: /@(sha256:[a-f0-9]{64})/.exec(config.image ?? '')?.[1] ?? '',
      config,
      hash: marks.prevHash!,
      volumeIds: (config.mounts ?? []).flatMap((x) =>
        x.volume ? [x.volume] : []
      )
    })
  }
  s0.sort((a, b) => a.id.localeCompare(b.id))
  return { s0, done, created, drift }
}

/**
 * prepareResume re-plans an interrupted rollout from the machines: the same
 * inputs must give the same release id, every touched machine must read
 * back as the rollout left it, and the waves already fully applied are
 * skipped (the current one is baked again: evidence is never credited).
 */
export async function prepareResume(
  ports: Ports,
  input: {
    app: string
    release: Release
    spec: RolloutSpec
    primaryRegion?: string
    rolloutId?: string
  }
): Promise<
  | {
      plan: RolloutPlan
      done: Set<string>
      created: Map<string, string[]>
      fromWave: number
    }
  | { rollingBack: true; rolloutId: string }
> {
  const machines = await ports.machines.list(input.app)
  const found = findRollout(machines, { rolloutId: input.rolloutId })
  if (!found)
    throw new StateConflictError(
      `no interrupted rollout on ${input.app} to resume`
    )
  if (found.rollingBack)
    return { rollingBack: true, rolloutId: found.rolloutId }
  const marked = machines
    .map((m) => readMarks(m.config.metadata))
    .find((x) => x?.rolloutId === found.rolloutId && x.releaseId)
  if (marked?.releaseId && marked.releaseId !== input.release.id.slice(0, 16)) {
    throw new StateConflictError(
      `rollout ${found.rolloutId} deploys release ${marked.releaseId}, but these inputs make release ${input.release.id.slice(0, 16)}: resume with the same image, fly.toml and rollout spec, or roll it back with 'fly-rollout rollback --app ${input.app}'`
    )
  }
  const { s0, done, created, drift } = await reconstructS0(
    ports,
    input.app,
    found.rolloutId,
    machines
  )
  if (drift.length) {
    throw new StateConflictError(
      `rollout ${found.rolloutId} cannot resume: ${drift.join('; ')}; roll it back with 'fly-rollout rollback --app ${input.app}'`
    )
  }
  const plan = planRollout({
    rolloutId: found.rolloutId,
    snapshot: { app: input.app, takenAt: ports.clock.now(), machines: s0 },
    release: input.release,
    spec: input.spec,
    primaryRegion: input.primaryRegion,
    regions: await ports.platform.regions()
  })
  // Creates already made: match them by (wave, region, group).
  const createdMachines = machines.filter((m) => created.has(m.id))
  for (const w of plan.waves) {
    for (const r of w.regions) {
      for (const s of r.batches.flat()) {
        if (s.action !== '+') continue
        const i = createdMachines.findIndex(
          (m) =>
            m.region === s.region &&
            (m.config.metadata?.fly_process_group ?? 'app') === s.group &&
            readMarks(m.config.metadata)?.wave === w.index
        )
        if (i >= 0) {
          createdMachines.splice(i, 1)
          done.add(s.key)
        }
      }
    }
  }
  // The last wave with anything applied may not have been promoted: it runs again
  // (done steps are skipped) and bakes again — evidence is never credited.
  const applied = plan.waves.filter((w) =>
    w.regions.some((r) =>
      r.batches
        .flat()
        .some((s) => done.has(s.action === '~' ? s.machineId : s.key))
    )
  )
  return { plan, done, created, fromWave: applied.at(-1)?.index ?? 0 }
}

/** rollbackRollout undoes a rollout from any process: S₀ comes from the marks and /versions. */
export async function rollbackRollout(
  ports: Ports,
  input: {
    app: string
    rolloutId?: string
    machineDeadlineMs?: number
    minSecretsVersion?: number
    onRestored?: Parameters<typeof rollBack>[0]['onRestored']
  }
): Promise<{ rolloutId: string; report: RollbackReport } | undefined> {
  const machines = await ports.machines.list(input.app)
  const found = findRollout(machines, {
    rolloutId: input.rolloutId,
    allowComplete: true
  })
  if (!found) return undefined
  const report = await rollBack({
    ports,
    app: input.app,
    rolloutId: found.rolloutId,
    machineDeadlineMs: input.machineDeadlineMs ?? 5 * 60_000,
    minSecretsVersion: input.minSecretsVersion,
    onRestored: input.onRestored
  })
  return { rolloutId: found.rolloutId, report }
}
