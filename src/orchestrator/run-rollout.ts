import { setMaxListeners } from 'node:events'
import { hasErrors, type Diagnostic } from '../core/diagnostics.js'
import { LeaseConflictError, StateConflictError } from '../core/errors.js'
import { KEY, rolloutOfLease } from '../core/metadata.js'
import type {
  CreateStep,
  RolloutPlan,
  UpdateStep,
  WavePlan
} from '../core/plan.js'
import { isNoop, waveLabel } from '../core/plan.js'
import { inFlightRollouts, planRollout } from '../core/planner.js'
import type { ReportResult } from '../core/report.js'
import type { RolloutSpec } from '../core/spec.js'
import type { MachineRecord, Release } from '../core/types.js'
import { destroyMachine } from './destroy.js'
import { bake, type BakeResult, type LookResult, type Probed } from './bake.js'
import { acquire, type HeldLease } from './leases.js'
import { createObserver } from './observer.js'
import type { Ports } from './ports.js'
import type { RestoreResult } from './restore-machine.js'
import { rollBack } from './rollback.js'
import { toSnapshot } from './snapshot.js'
import { runReleaseCommand } from './release-command.js'
import {
  applyCreate,
  applyUpdate,
  type StepContext,
  type StepResult
} from './update-machine.js'

export interface RolloutInput {
  app: string
  release: Release
  spec: RolloutSpec
  primaryRegion?: string
  /** Every created or updated machine must see at least this secrets version. */
  minSecretsVersion?: number
  /** Plan only: read the app, change nothing. */
  dryRun?: boolean
  /** `off` leaves a failed wave as it is (for debugging); `auto` (default) rolls back. */
  rollback?: 'auto' | 'off'
  /** On abort (cancelled run): roll back (default) or leave a resumable state. */
  onCancel?: 'rollback' | 'leave'
  signal?: AbortSignal
  onEvent?: (e: RolloutEvent) => void
  /** Redeploy: update (restart) machines whose config and image are unchanged too. */
  force?: boolean
  /** Resume: continue this rollout id with this plan instead of planning anew. */
  resume?: {
    plan: RolloutPlan
    done: Set<string>
    created: Map<string, string[]>
    fromWave: number
  }
}

/** RolloutEvent feeds the live view, the log groups and the job summary. */
export type RolloutEvent =
  | { type: 'planned'; plan: RolloutPlan }
  | { type: 'wave-started'; wave: WavePlan }
  | {
      type: 'step'
      wave: number
      step: UpdateStep | CreateStep
      result?: StepResult
    }
  | { type: 'look'; wave: WavePlan; look: LookResult }
  | {
      type: 'wave-done'
      wave: WavePlan
      status: WaveStatus
      bake?: BakeResult
      reason?: string
    }
  | { type: 'rollback-started'; reason: string }
  | { type: 'restored'; result: RestoreResult }

export type WaveStatus =
  'promoted' | 'failed' | 'held' | 'pending' | 'rolled-back'

export interface WaveOutcome {
  index: number
  name: string
  regions: string[]
  status: WaveStatus
  machines: number
  startedAt?: number
  verifiedAt?: number
  endedAt?: number
  bake?: { verdict: string; reason: string; elapsedMs: number; looks: number }
  figures?: BakeResult['figures']
}

export type RolloutResult = ReportResult

/** RolloutOutcome: expected failures are values (HOUSE-STYLE §4). */
export interface RolloutOutcome {
  result: RolloutResult
  rolloutId: string
  app: string
  image: string
  digest: string
  releaseId: string
  reason?: string
  plan?: RolloutPlan
  waves: WaveOutcome[]
  restored: RestoreResult[]
  diagnostics: Diagnostic[]
  startedAt: number
  endedAt: number
  /** When the failing evidence was in (the rollback trigger), unix ms. */
  failedAt?: number
  /** When every machine was back, unix ms. */
  restoredAt?: number
}

/**
 * runRollout runs a rollout end to end (ROLLOUT-SEMANTICS §9.1):
 *
 * 1. Read the app; refuse if another rollout is in flight.
 * 2. Snapshot S₀ and plan; stop on any error diagnostic, before any change.
 * 3. Check every probe answers on S₀.
 * 4. Lease the anchor machine: the rollout's lock for its whole life.
 * 5. Run the release_command, if any: a failure changes nothing.
 * 6. Per wave: batches per region (regions in parallel), bake, promote —
 *    or roll back every touched machine exactly.
 * 7. Clean up surplus machines; mark the rollout complete; release the lock.
 */
export async function runRollout(
  input: RolloutInput,
  ports: Ports
): Promise<RolloutOutcome> {
  const { app, release, spec } = input
  const startedAt = ports.clock.now()
  const emit = (e: RolloutEvent) => input.onEvent?.(e)
  const base = {
    app,
    image: release.image,
    digest: release.digest,
    releaseId: release.id,
    restored: [] as RestoreResult[],
    startedAt
  }
  const finish = (
    o: Omit<RolloutOutcome, keyof typeof base | 'endedAt'> &
      Partial<RolloutOutcome>
  ): RolloutOutcome => ({
    ...base,
    ...o,
    endedAt: ports.clock.now()
  })

  // 1–2. Read, refuse concurrent rollouts, snapshot, plan.
  let plan: RolloutPlan
  if (input.resume) plan = input.resume.plan
  else {
    const [regions, current] = await Promise.all([
      ports.platform.regions(),
      ports.machines.list(app)
    ])
    const inflight = inFlightRollouts(current)
    if (inflight.length) {
      const f = inflight[0]!
      throw new StateConflictError(
        `rollout ${f.rolloutId} is ${f.rollingBack ? 'rolling back' : 'in flight'} on ${app} (${f.machines.length} machine(s) carry its marks); ` +
          `finish it with 'fly-rollout resume --app ${app}' or undo it with 'fly-rollout rollback --app ${app}'`
      )
    }
    plan = planRollout({
      rolloutId: ports.newId(),
      snapshot: toSnapshot(app, current, startedAt),
      release,
      spec,
      primaryRegion: input.primaryRegion,
      regions,
      force: input.force
    })
  }
  emit({ type: 'planned', plan })
  const waves: WaveOutcome[] = plan.waves.map((w) => ({
    index: w.index,
    name: w.name,
    regions: w.regions.map((r) => r.region),
    status: 'pending',
    machines: w.regions.reduce((n, r) => n + r.batches.flat().length, 0)
  }))
  const diagnostics = [...plan.diagnostics]
  if (hasErrors(diagnostics)) {
    return finish({
      result: 'invalid',
      rolloutId: plan.id,
      plan,
      waves,
      diagnostics,
      reason: 'the plan has errors; nothing was changed'
    })
  }
  if (input.dryRun)
    return finish({
      result: 'planned',
      rolloutId: plan.id,
      plan,
      waves,
      diagnostics
    })
  if (!input.resume && isNoop(plan)) {
    return finish({
      result: 'nothing-to-do',
      rolloutId: plan.id,
      plan,
      waves,
      diagnostics,
      reason: 'every machine already runs this release'
    })
  }

  // 3. Probes must answer on S₀, or they could never pass.
  if (!input.resume) {
    const probeProblems = await validateProbes(ports, app, plan, spec)
    if (probeProblems.length) {
      diagnostics.push(...probeProblems)
      return finish({
        result: 'invalid',
        rolloutId: plan.id,
        plan,
        waves,
        diagnostics,
        reason:
          'probes do not answer on the current release; nothing was changed'
      })
    }
  }

  // 4. The lock.
  let anchor: HeldLease | undefined
  if (plan.anchor) {
    try {
      anchor = await acquire(ports, app, plan.anchor, plan.id, input.signal)
    } catch (e) {
      if (e instanceof LeaseConflictError) {
        const holder = await ports.machines
          .leaseHolder(app, plan.anchor)
          .catch(() => undefined)
        const other = rolloutOfLease(holder?.description)
        throw new StateConflictError(
          other
            ? `rollout ${other} holds ${app} (lease on ${plan.anchor}); finish it with 'fly-rollout resume --app ${app}' or undo it with 'fly-rollout rollback --app ${app}'`
            : `machine ${plan.anchor} of ${app} is leased by ${holder?.owner ?? 'someone else'}${holder?.description ? ` (${holder.description})` : ''}: another deploy is running`
        )
      }
      throw e
    }
    // A rollout that held the lock while we planned may have changed the
    // fleet since our snapshot: S₀ would be stale, so plan again instead.
    if (!input.resume) {
      const changed = await fleetChangedSince(ports, app, plan).catch(
        async (e: unknown) => {
          await anchor?.release()
          throw e
        }
      )
      if (changed) {
        await anchor?.release()
        throw new StateConflictError(
          `${app} changed while this rollout was planning (${changed}): another deploy ran; plan again`
        )
      }
    }
  }

  const s0 = new Map<string, MachineRecord>(plan.s0.map((m) => [m.id, m]))
  const touched = new Map<string, MachineRecord>()
  const created = new Map<string, string[]>(input.resume?.created ?? [])
  const observer = createObserver(ports, app, plan.id)
  const stepCtx: StepContext = {
    ports,
    app,
    rolloutId: plan.id,
    digest: release.digest,
    observer,
    machineDeadlineMs: spec.machineDeadlineMs,
    verifyPasses: spec.verifyPasses,
    minSecretsVersion: input.minSecretsVersion,
    anchor,
    signal: input.signal,
    onCreated: (id, volumeIds) => created.set(id, volumeIds)
  }
  let failedAt: number | undefined

  const undo = async (reason: string): Promise<RolloutOutcome> => {
    failedAt ??= ports.clock.now()
    if (input.rollback === 'off') {
      await anchor?.release()
      return finish({
        result: 'failed',
        rolloutId: plan.id,
        plan,
        waves,
        diagnostics,
        reason: `${reason} (rollback: off — machines left as they are; undo with 'fly-rollout rollback --app ${app}')`,
        failedAt
      })
    }
    emit({ type: 'rollback-started', reason })
    const report = await rollBack({
      ports,
      app,
      rolloutId: plan.id,
      s0: touched,
      created,
      anchor,
      minSecretsVersion: input.minSecretsVersion,
      machineDeadlineMs: spec.machineDeadlineMs,
      onRestored: (r) => emit({ type: 'restored', result: r })
    })
    await anchor?.release()
    for (const w of waves)
      if (w.status === 'promoted' || w.status === 'failed')
        w.status = 'rolled-back'
    return finish({
      result: report.complete ? 'rolled-back' : 'rollback-incomplete',
      rolloutId: plan.id,
      plan,
      waves,
      diagnostics,
      reason,
      restored: report.results,
      failedAt,
      restoredAt: ports.clock.now()
    })
  }

  try {
    // 5. release_command: before any machine changes.
    if (plan.releaseCommand && !input.resume) {
      const r = await runReleaseCommand(ports, app, plan.releaseCommand, {
        minSecretsVersion: input.minSecretsVersion,
        deadlineMs: spec.machineDeadlineMs,
        region: plan.primaryRegion
      })
      if (!r.ok) {
        await anchor?.release()
        return finish({
          result: 'failed',
          rolloutId: plan.id,
          plan,
          waves,
          diagnostics,
          reason: `release_command failed: ${r.reason}; no machine was changed`
        })
      }
    }

    // 6. Waves.
    for (const wave of plan.waves) {
      const wo = waves[wave.index]!
      if (input.resume && wave.index < input.resume.fromWave) {
        wo.status = 'promoted'
        continue
      }
      emit({ type: 'wave-started', wave })
      wo.startedAt = ports.clock.now()
      const since = wo.startedAt
      const deadline = wo.startedAt + wave.progressDeadlineMs
      const newMachines: Probed[] = []
      let failure: string | undefined
      // The first failing step stops the wave's other steps at once, so the
      // rollback starts now, not when the slowest sibling region finishes.
      const waveStop = new AbortController()
      const waveSignal = input.signal
        ? AbortSignal.any([input.signal, waveStop.signal])
        : waveStop.signal
      // Every machine of a wave listens to it: hundreds of listeners are expected.
      setMaxListeners(0, waveSignal)
      const waveCtx: StepContext = {
        ...stepCtx,
        wave: wave.index,
        signal: waveSignal
      }
      await Promise.all(
        wave.regions.map(async (region) => {
          for (const batch of region.batches) {
            if (failure) return
            if (ports.clock.now() > deadline) {
              failure = `wave ${wave.name} passed its progress deadline of ${wave.progressDeadlineMs / 60_000} min`
              return
            }
            await Promise.all(
              batch.map(async (step) => {
                if (
                  step.action === '~' &&
                  input.resume?.done.has(step.machineId)
                ) {
                  touched.set(step.machineId, s0.get(step.machineId)!)
                  if (!step.skipLaunch)
                    newMachines.push({
                      machineId: step.machineId,
                      arm: 'canary'
                    })
                  return undefined
                }
                if (step.action === '+' && input.resume?.done.has(step.key))
                  return undefined
                if (step.action === '~') {
                  if (
                    !step.force &&
                    step.fromHash === step.toHash &&
                    step.fromImage === release.digest
                  )
                    return undefined
                  touched.set(step.machineId, s0.get(step.machineId)!)
                }
                emit({ type: 'step', wave: wave.index, step })
                const r =
                  step.action === '~'
                    ? await applyUpdate(waveCtx, step)
                    : await applyCreate(waveCtx, step)
                if (!r.ok && !failure) {
                  failure = r.reason
                  failedAt = ports.clock.now()
                  waveStop.abort()
                }
                emit({ type: 'step', wave: wave.index, step, result: r })
                if (r.ok && !(step.action === '~' && step.skipLaunch)) {
                  newMachines.push({
                    machineId: r.machineId,
                    version: r.version,
                    arm: 'canary'
                  })
                }
                return r
              })
            )
          }
        })
      )
      // A cancelled run is not a failed wave: its own path decides (on-cancel).
      if (input.signal?.aborted) throw input.signal.reason
      if (failure) {
        wo.status = 'failed'
        wo.endedAt = ports.clock.now()
        emit({ type: 'wave-done', wave, status: 'failed', reason: failure })
        return await undo(`${waveLabel(wave)}: ${failure}`)
      }
      wo.verifiedAt = ports.clock.now()

      const probed: Probed[] = [
        ...newMachines,
        ...wave.baseline.map((id) => ({
          machineId: id,
          version: s0.get(id)?.version,
          arm: 'baseline' as const
        }))
      ]
      const result = await bake(
        {
          ports,
          app,
          spec,
          observer,
          signal: input.signal,
          onLook: (look, w) => emit({ type: 'look', wave: w, look })
        },
        wave,
        probed,
        since
      )
      wo.bake = {
        verdict: result.verdict,
        reason: result.reason,
        elapsedMs: result.elapsedMs,
        looks: result.looks.length
      }
      wo.figures = result.figures
      wo.endedAt = ports.clock.now()
      const verdict =
        result.verdict === 'inconclusive'
          ? ({ hold: 'held', fail: 'fail', pass: 'pass' } as const)[
              wave.onInconclusive
            ]
          : result.verdict
      if (verdict === 'fail') {
        wo.status = 'failed'
        emit({
          type: 'wave-done',
          wave,
          status: 'failed',
          bake: result,
          reason: result.reason
        })
        return await undo(`${waveLabel(wave)} failed: ${result.reason}`)
      }
      if (verdict === 'held' || wave.gate === 'manual') {
        wo.status = 'held'
        emit({
          type: 'wave-done',
          wave,
          status: 'held',
          bake: result,
          reason: result.reason
        })
        await anchor?.release()
        return finish({
          result: 'held',
          rolloutId: plan.id,
          plan,
          waves,
          diagnostics,
          reason:
            wave.gate === 'manual'
              ? `${waveLabel(wave)} awaits approval; continue with 'fly-rollout resume --app ${app}' or undo with 'fly-rollout rollback --app ${app}'`
              : `${waveLabel(wave)} is inconclusive after ${Math.round(result.elapsedMs / 1000)}s: ${result.reason}; continue with 'fly-rollout resume --app ${app}' or undo with 'fly-rollout rollback --app ${app}'`
        })
      }
      wo.status = 'promoted'
      emit({ type: 'wave-done', wave, status: 'promoted', bake: result })
      await retireSurges(ports, app, plan, wave.index, created, anchor)
    }

    // 7. Cleanup, then the complete mark on the anchor.
    for (const d of plan.cleanup) {
      await destroyMachine(ports, app, d.machineId).catch((e: Error) => {
        diagnostics.push({
          severity: 'warning',
          code: 'cleanup',
          summary: `could not destroy surplus machine ${d.machineId}: ${e.message}`
        })
      })
    }
    // A rollout that only created machines (a new app or region) has no anchor: its first machine takes the mark.
    const completeOn = plan.anchor ?? [...created.keys()].sort()[0]
    if (completeOn) {
      await ports.machines.setMetadata(
        app,
        completeOn,
        { [KEY.status]: 'complete' },
        anchor?.nonce
      )
    }
    await anchor?.release()
    return finish({
      result: 'promoted',
      rolloutId: plan.id,
      plan,
      waves,
      diagnostics
    })
  } catch (e) {
    if (input.signal?.aborted) {
      if (input.onCancel === 'leave') {
        await anchor?.release()
        return finish({
          result: 'interrupted',
          rolloutId: plan.id,
          plan,
          waves,
          diagnostics,
          reason: `cancelled; resume with 'fly-rollout resume --app ${app}' or undo with 'fly-rollout rollback --app ${app}'`
        })
      }
      return await undo('the run was cancelled')
    }
    // An infrastructure failure mid-rollout: production must not stay half-updated.
    if (touched.size || created.size)
      return await undo(`error: ${(e as Error).message}`)
    await anchor?.release()
    throw e
  }
}

/**
 * fleetChangedSince says how the app's machines differ from the plan's
 * snapshot (a version moved, a machine came or went), or undefined.
 */
async function fleetChangedSince(
  ports: Ports,
  app: string,
  plan: RolloutPlan
): Promise<string | undefined> {
  const now = new Map(
    (await ports.machines.list(app))
      .filter((m) => m.state !== 'destroyed' && m.state !== 'destroying')
      .map((m) => [m.id, m.version])
  )
  for (const m of plan.s0) {
    const v = now.get(m.id)
    if (v === undefined) return `machine ${m.id} is gone`
    if (v !== m.version) return `machine ${m.id} is at version ${v}`
  }
  const known = new Set(plan.s0.map((m) => m.id))
  const extra = [...now.keys()].find((id) => !known.has(id))
  return extra ? `machine ${extra} appeared` : undefined
}

/** retireSurges destroys the surge machines whose pool's own machines are now promoted. */
async function retireSurges(
  ports: Ports,
  app: string,
  plan: RolloutPlan,
  waveIndex: number,
  created: Map<string, string[]>,
  anchor: HeldLease | undefined
): Promise<void> {
  const keys = new Set(
    plan.waves.flatMap((w) =>
      w.regions.flatMap((r) =>
        r.batches
          .flat()
          .flatMap((s) =>
            s.action === '+' && s.retireAfterWave === waveIndex
              ? [`${s.region}/${s.group}/${w.index}`]
              : []
          )
      )
    )
  )
  if (!keys.size) return
  const views = await ports.machines.list(app, {
    metadata: { [KEY.id]: plan.id, [KEY.created]: 'true' }
  })
  for (const m of views) {
    const key = `${m.region}/${m.config.metadata?.fly_process_group ?? 'app'}/${m.config.metadata?.[KEY.wave]}`
    if (!keys.has(key)) continue
    const surge = plan.waves.some((w) =>
      w.regions.some((r) =>
        r.batches
          .flat()
          .some(
            (s) =>
              s.action === '+' &&
              (s.reason === 'surge' || s.reason === 'canary') &&
              `${s.region}/${s.group}/${w.index}` === key
          )
      )
    )
    if (!surge) continue
    await destroyMachine(
      ports,
      app,
      m.id,
      anchor?.machineId === m.id ? anchor.nonce : undefined
    )
    created.delete(m.id)
  }
}

/**
 * validateProbes sends each probe once to a started S₀ machine of every
 * region the plan touches: a probe that fails on the current release could
 * never pass (ROLLOUT-SEMANTICS §2.3).
 */
async function validateProbes(
  ports: Ports,
  app: string,
  plan: RolloutPlan,
  spec: RolloutSpec
): Promise<Diagnostic[]> {
  const out: Diagnostic[] = []
  const regions = [
    ...new Set(plan.waves.flatMap((w) => w.regions.map((r) => r.region)))
  ]
  for (const p of spec.probes) {
    const answers: string[] = []
    let good = 0
    for (const region of regions) {
      const m = plan.s0.find(
        (x) => x.region === region && x.state === 'started'
      )
      if (!m) continue
      const s = await ports.prober.probe(app, { machineId: m.id }, p)
      const ok =
        !s.error && s.status < 500 && (!p.expect || p.expect.includes(s.status))
      if (ok) good++
      else answers.push(`${m.id} in ${region}: ${s.error ?? s.status}`)
    }
    if (answers.length && good === 0) {
      out.push({
        severity: 'error',
        code: 'probe',
        summary: `probe ${p.method} ${p.path} answers nothing good on the current release (${answers.join('; ')})`,
        detail:
          'fix the path or expect: in the rollout spec; a probe that fails today could never pass'
      })
    } else if (answers.length) {
      out.push({
        severity: 'warning',
        code: 'probe',
        summary: `probe ${p.path} fails on some current machines: ${answers.join('; ')}`
      })
    }
  }
  return out
}
