import {
  detectDrift,
  pinImage,
  referenceConfigs,
  renderDriftText,
  type DriftItem,
  type DriftReport
} from '../core/drift.js'
import { StateConflictError } from '../core/errors.js'
import { leaseDescription } from '../core/metadata.js'
import type { RolloutPlan } from '../core/plan.js'
import { inFlightRollouts } from '../core/planner.js'
import { makeRelease } from '../core/release.js'
import { renderPlanText } from '../core/render.js'
import type { RolloutSpec } from '../core/spec.js'
import type { MachineConfig, MachineView, Release } from '../core/types.js'
import type { Ports } from './ports.js'
import { rollbackRollout } from './resume.js'
import type { RollbackReport } from './rollback.js'
import {
  runRollout,
  type RolloutEvent,
  type RolloutOutcome
} from './run-rollout.js'

/** RedeployInput is what a (scheduled) redeploy needs (ROLLOUT-SEMANTICS §11). */
export interface RedeployInput {
  app: string
  spec: RolloutSpec
  /**
   * fly.toml's rendered config per process group: R's config. Without it R
   * keeps each machine's own config (image-only), except that drifted
   * machines get the config their group's other machines share.
   */
  groups?: Record<string, MachineConfig>
  /** An image rebuilt without cache (the action runs flyctl): rolled out instead of the running digest. */
  rebuild?: { image: string; digest: string }
  primaryRegion?: string
  /** The app's current secrets version: every restarted machine must see at least it. */
  minSecretsVersion?: number
}

/** RedeployRunInput adds runRollout's run-time options. */
export interface RedeployRunInput extends RedeployInput {
  signal?: AbortSignal
  onEvent?: (e: RolloutEvent) => void
  rollback?: 'auto' | 'off'
  onCancel?: 'rollback' | 'leave'
}

/** Where R's config comes from. */
export type RedeployConfigSource = 'fly.toml' | 'fleet' | 'image-only'

/** Unrepaired is a drift item the redeploy cannot repair, and why. */
export interface Unrepaired {
  subject: string
  why: string
}

/** RedeployPlan is what `plan` shows for a redeploy: the drift and the same engine's plan. */
export interface RedeployPlan {
  app: string
  drift: DriftReport
  /** A rollout left mid-way: a redeploy rolls it back first, and plans only then. */
  inFlight?: { rolloutId: string; rollingBack: boolean; machines: string[] }
  /** R; undefined while a rollout is in flight. */
  release?: Release
  configSource?: RedeployConfigSource
  /** false: R's digest is the one running now ("no image change"). */
  imageChange: boolean
  /** The engine's plan with `force` (every machine restarts); undefined while a rollout is in flight. */
  plan?: RolloutPlan
  unrepaired: Unrepaired[]
  text: string
}

/** RedeployResult: what drifted, what the redeploy repaired, and the rollout's outcome. */
export interface RedeployResult {
  /** Drift before the redeploy (a rollout left in flight included). */
  drift: DriftReport
  /** Subjects of drift items repaired: rollout ids rolled back, machine ids, pools `region/group`. */
  repaired: string[]
  unrepaired: Unrepaired[]
  outcome: RolloutOutcome
  /** The rollout left in flight that was rolled back first. */
  recovered?: { rolloutId: string; report: RollbackReport }
  configSource?: RedeployConfigSource
  imageChange: boolean
  /** The report: what drifted, what was repaired, how the rollout ended. */
  text: string
}

/**
 * planRedeploy plans a redeploy without changing anything: R is the digest
 * running now (or the rebuilt image) plus the current config, planned by
 * the same engine with `force`, so unchanged machines restart too. A rollout
 * left in flight is reported; the redeploy would roll it back first.
 */
export async function planRedeploy(
  ports: Ports,
  input: RedeployInput
): Promise<RedeployPlan> {
  const machines = await ports.machines.list(input.app)
  const drift = detectDrift({ machines, spec: input.spec })
  const inflight = inFlightRollouts(live(machines))[0]
  if (inflight) {
    const text =
      `fly-rollout redeploy of ${input.app}\n` +
      `rollout ${inflight.rolloutId} is ${inflight.rollingBack ? 'rolling back' : 'in flight'}: the redeploy rolls it back first (never forward), then plans from what is running\n` +
      renderDriftText(drift)
    return {
      app: input.app,
      drift,
      inFlight: inflight,
      imageChange: Boolean(input.rebuild),
      unrepaired: [],
      text
    }
  }
  const r = resolveRelease(machines, drift, input)
  const outcome = await runRollout(
    {
      app: input.app,
      release: r.release,
      spec: input.spec,
      primaryRegion: input.primaryRegion,
      minSecretsVersion: input.minSecretsVersion,
      dryRun: true,
      force: true
    },
    ports
  )
  return {
    app: input.app,
    drift,
    release: r.release,
    configSource: r.configSource,
    imageChange: r.imageChange,
    plan: outcome.plan,
    unrepaired: r.unrepaired,
    text:
      header(input.app, r) +
      renderDriftText(drift) +
      (outcome.plan ? '\n' + renderRedeployPlanText(outcome.plan) : '')
  }
}

/**
 * runRedeploy redeploys an app (ROLLOUT-SEMANTICS §11) and repairs its drift:
 *
 * 1. A rollout left in flight is rolled back — never pushed forward. One
 *    still running (its lease kept refreshed) is refused.
 * 2. Drift is detected on the machines as they are now.
 * 3. R = the digest running now (the newest rollout's marks, else the
 *    started machines' majority; refused when they disagree and no marks
 *    decide) or the rebuilt image, plus the current config.
 * 4. The same engine runs it with `force`: every machine restarts wave by
 *    wave onto R — drifted ones included — and pools below `counts:` get
 *    machines. A failed wave rolls back like any rollout.
 * 5. A fresh read says what was repaired.
 */
export async function runRedeploy(
  ports: Ports,
  input: RedeployRunInput
): Promise<RedeployResult> {
  const { app } = input
  const startedAt = ports.clock.now()
  let machines = await ports.machines.list(app)

  // 1. Undo what was left mid-way.
  let leftovers: DriftItem[] = []
  let inflight: ReturnType<typeof inFlightRollouts>[number] | undefined =
    inFlightRollouts(live(machines))[0]
  let recovered: RedeployResult['recovered']
  if (inflight) {
    await assertAbandoned(ports, app, inflight.rolloutId, machines)
    // The wait may have seen it end (finished or undone by its own run): read again.
    machines = await ports.machines.list(app)
    const id = inflight.rolloutId
    inflight = inFlightRollouts(live(machines)).find((f) => f.rolloutId === id)
  }
  if (inflight) {
    const id = inflight.rolloutId
    leftovers = detectDrift({ machines, spec: input.spec }).items.filter(
      (i) => i.kind === 'in-flight' && i.subject === id
    )
    ports.log.info(
      `rollout ${inflight.rolloutId} was left ${inflight.rollingBack ? 'rolling back' : 'in flight'} on ${app}: rolling it back before the redeploy`
    )
    const undone = await rollbackRollout(ports, {
      app,
      rolloutId: inflight.rolloutId,
      machineDeadlineMs: input.spec.machineDeadlineMs,
      minSecretsVersion: input.minSecretsVersion
    })
    if (undone) recovered = undone
    if (undone && !undone.report.complete) {
      // The read before the rollback: the rollout is still in flight there.
      const drift = detectDrift({ machines, spec: input.spec })
      const reason = `rollout ${inflight.rolloutId}, left in flight, could not be rolled back completely; the redeploy did not start (retry with 'fly-rollout rollback --app ${app}')`
      const outcome: RolloutOutcome = {
        result: 'rollback-incomplete',
        rolloutId: inflight.rolloutId,
        app,
        image: '',
        digest: drift.digest ?? '',
        releaseId: '',
        reason,
        waves: [],
        restored: undone.report.results,
        diagnostics: [],
        startedAt,
        endedAt: ports.clock.now()
      }
      return {
        drift,
        repaired: [],
        unrepaired: [],
        outcome,
        recovered,
        imageChange: false,
        text: `fly-rollout redeploy of ${app}\n${renderDriftText(drift, [], [{ subject: inflight.rolloutId, why: reason }])}`
      }
    }
    machines = await ports.machines.list(app)
  }

  // 2–3. Drift as it is now, and R.
  const now = detectDrift({ machines, spec: input.spec })
  const drift: DriftReport = { ...now, items: [...leftovers, ...now.items] }
  const r = resolveRelease(machines, now, input)

  // 4. The same engine, every machine restarted.
  const outcome = await runRollout(
    {
      app,
      release: r.release,
      spec: input.spec,
      primaryRegion: input.primaryRegion,
      minSecretsVersion: input.minSecretsVersion,
      signal: input.signal,
      onEvent: input.onEvent,
      rollback: input.rollback,
      // A getter: the caller's signal handler may change it mid-run.
      get onCancel() {
        return input.onCancel
      },
      force: true
    },
    ports
  )

  // 5. What is repaired: items gone from a fresh read (a rollback undid the rest).
  const repaired: string[] = []
  if (recovered?.report.complete) repaired.push(recovered.rolloutId)
  if (outcome.result === 'promoted') {
    const after = detectDrift({
      machines: await ports.machines.list(app),
      spec: input.spec,
      release: { digest: r.release.digest, groups: r.release.groups }
    })
    const left = new Set(after.items.map(key))
    const skip = new Set(r.unrepaired.map((u) => u.subject))
    for (const i of now.items) {
      if (left.has(key(i)) || skip.has(i.subject)) continue
      if (!repaired.includes(i.subject)) repaired.push(i.subject)
    }
  }
  const unrepaired =
    outcome.result === 'promoted'
      ? r.unrepaired
      : [
          ...r.unrepaired,
          ...now.items
            .filter((i) => !r.unrepaired.some((u) => u.subject === i.subject))
            .map((i) => ({
              subject: i.subject,
              why: `the redeploy ended ${outcome.result}`
            }))
        ]
  const text =
    header(app, r) +
    (recovered
      ? `rolled back rollout ${recovered.rolloutId} (left in flight) first: ${recovered.report.results.length} machine(s) handled\n`
      : '') +
    renderDriftText(drift, repaired, unrepaired) +
    `redeploy ${outcome.result}${outcome.reason ? `: ${outcome.reason}` : ''}\n`
  return {
    drift,
    repaired,
    unrepaired,
    outcome,
    recovered,
    configSource: r.configSource,
    imageChange: r.imageChange,
    text
  }
}

interface Resolved {
  release: Release
  configSource: RedeployConfigSource
  imageChange: boolean
  runningDigest?: string
  digestSource?: DriftReport['digestSource']
  unrepaired: Unrepaired[]
}

/** resolveRelease makes R from the machines, the drift found on them and the input. */
function resolveRelease(
  machines: readonly MachineView[],
  drift: DriftReport,
  input: RedeployInput
): Resolved {
  let image: string
  let digest: string
  if (input.rebuild) {
    digest = input.rebuild.digest
    image = pinImage(input.rebuild.image, digest)
  } else {
    if (!drift.digest) {
      const which = drift.digests
        .map((d) => `${d.digest} on ${d.machines.join(', ')}`)
        .join('; ')
      throw new StateConflictError(
        drift.digests.length
          ? `machines of ${input.app} run different images (${which}) and no rollout marks say which is right: deploy the image you want, or redeploy with a rebuilt image`
          : `${input.app} has no machine running an image to redeploy`,
        {
          app: input.app,
          machineIds: drift.digests.flatMap((d) => d.machines)
        }
      )
    }
    digest = drift.digest
    const source = live(machines).find(
      (m) => m.imageDigest === digest && m.config.image
    )
    if (!source)
      throw new StateConflictError(
        `no machine of ${input.app} names the image of digest ${digest} in its config`,
        { app: input.app }
      )
    image = pinImage(source.config.image!, digest)
  }

  const withImage = (groups: Record<string, MachineConfig>) =>
    Object.fromEntries(
      Object.entries(groups).map(([g, c]) => [g, { ...c, image }])
    )
  let groups: Record<string, MachineConfig> | undefined
  let configSource: RedeployConfigSource = 'image-only'
  const unrepaired: Unrepaired[] = []
  const configDrift = drift.items.filter((i) => i.kind === 'config')
  if (input.groups) {
    groups = withImage(input.groups)
    configSource = 'fly.toml'
  } else if (configDrift.length) {
    const ref = referenceConfigs(
      machines,
      new Set(configDrift.map((i) => i.subject))
    )
    if (ref.groups) {
      groups = withImage(ref.groups)
      configSource = 'fleet'
    } else {
      for (const i of configDrift)
        unrepaired.push({
          subject: i.subject,
          why: `${ref.problem}; pass the app's fly.toml to repair it`
        })
    }
  }
  return {
    release: makeRelease({ image, digest, groups }),
    configSource,
    imageChange: Boolean(input.rebuild) && digest !== drift.digest,
    runningDigest: drift.digest,
    digestSource: drift.digestSource,
    unrepaired
  }
}

/**
 * assertAbandoned refuses to roll back a rollout a live process still runs:
 * it keeps its leases refreshed. A lease of a run that died lapses within
 * one TTL, so a lease still held past its expiry was refreshed.
 */
async function assertAbandoned(
  ports: Ports,
  app: string,
  rolloutId: string,
  machines: readonly MachineView[]
): Promise<void> {
  const ours = leaseDescription(rolloutId)
  const heldBy = async () =>
    (
      await Promise.all(
        live(machines).map(async (m) => {
          const h = await ports.machines
            .leaseHolder(app, m.id)
            .catch(() => undefined)
          return h?.description === ours ? { id: m.id, ...h } : undefined
        })
      )
    ).filter((h) => h !== undefined)
  const held = await heldBy()
  if (!held.length) return
  const until = Math.max(...held.map((h) => h.expiresAt)) * 1000
  await ports.clock.sleep(Math.max(0, until - ports.clock.now()) + 1_000)
  const still = await heldBy()
  if (still.some((h) => h.expiresAt * 1000 > until)) {
    throw new StateConflictError(
      `rollout ${rolloutId} is running now on ${app} (it keeps its lease on ${still[0]!.id} refreshed): let it finish, or cancel it, before a redeploy`,
      { app, rolloutId, machineIds: still.map((h) => h.id) }
    )
  }
}

/**
 * renderRedeployPlanText renders the engine's plan text with forced steps
 * shown as restarts: the plain renderer calls a step with the same config
 * and image "unchanged", which a redeploy restarts all the same.
 */
export function renderRedeployPlanText(plan: RolloutPlan): string {
  const forced = new Set<string>()
  let restart = 0
  let update = 0
  let create = 0
  for (const w of plan.waves) {
    for (const r of w.regions) {
      for (const s of r.batches.flat()) {
        if (s.action === '+') create++
        else if (s.fromHash === s.toHash && s.fromImage === plan.digest) {
          if (s.force) {
            restart++
            forced.add(s.machineId)
          }
        } else update++
      }
    }
  }
  return renderPlanText(plan)
    .split('\n')
    .map((line) => {
      const m = /^(\s*)= (\S+)(\s+\S+\s+\S+)\s+unchanged$/.exec(line)
      if (m && forced.has(m[2]!))
        return `${m[1]}↻ restart  ${m[2]}${m[3]}  same config and image`
      if (line.startsWith('Plan: '))
        return `Plan: ${restart} to restart, ${update} to update, ${create} to create, ${plan.cleanup.length} to destroy.`
      return line
    })
    .join('\n')
}

function header(app: string, r: Resolved): string {
  const running = r.runningDigest
    ? `${r.runningDigest} (${r.digestSource === 'marks' ? "the last rollout's image" : 'the image most started machines run'})`
    : 'unknown'
  const image = r.imageChange
    ? `image rebuilt: ${running} → ${r.release.digest}`
    : `no image change: ${r.release.digest}${r.runningDigest ? ` (${r.digestSource === 'marks' ? "the last rollout's image" : 'the image most started machines run'})` : ''}`
  const config = {
    'fly.toml': "config: fly.toml's, as rendered now",
    fleet:
      "config: each process group's own (drifted machines get their group's)",
    'image-only': 'config: each machine keeps its own'
  }[r.configSource]
  return `fly-rollout redeploy of ${app}\n${image}\n${config}\n`
}

function key(i: DriftItem): string {
  return `${i.kind}:${i.subject}`
}

function live(machines: readonly MachineView[]): MachineView[] {
  return machines.filter(
    (m) => m.state !== 'destroyed' && m.state !== 'destroying'
  )
}
