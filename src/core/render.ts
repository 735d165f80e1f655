import { formatDiagnostic } from './diagnostics.js'
import type { MachineConfig } from './types.js'
import type { CreateStep, RolloutPlan, UpdateStep } from './plan.js'
import { formatDuration } from './units.js'

const short = (digest: string) => digest.replace(/^sha256:/, '').slice(0, 12)

/**
 * configChanges names what an update changes, field by field, for the plan:
 * `image 1111… → 2222…`, `env +FEATURE ~LOG_LEVEL`, `services`, `guest`.
 * Metadata and mounts' volume ids are not user-facing and are left out.
 */
export function configChanges(
  from: MachineConfig,
  to: MachineConfig
): string[] {
  const out: string[] = []
  const keys = new Set([...Object.keys(from), ...Object.keys(to)])
  for (const k of [...keys].sort()) {
    if (k === 'metadata') continue
    const a = from[k]
    const b = to[k]
    if (JSON.stringify(a) === JSON.stringify(b)) continue
    if (k === 'image') out.push(`image ${imageName(a)} → ${imageName(b)}`)
    else if (k === 'env' && isRecord(a) && isRecord(b)) {
      const marks = [
        ...Object.keys(b)
          .filter((x) => !(x in a))
          .map((x) => `+${x}`),
        ...Object.keys(a)
          .filter((x) => !(x in b))
          .map((x) => `-${x}`),
        ...Object.keys(b)
          .filter((x) => x in a && a[x] !== b[x])
          .map((x) => `~${x}`)
      ]
      out.push(`env ${marks.join(' ')}`)
    } else if (a === undefined) out.push(`+${k}`)
    else if (b === undefined) out.push(`-${k}`)
    else out.push(k)
  }
  return out
}

function imageName(v: unknown): string {
  const s = String(v ?? '')
  const d = /@(sha256:[a-f0-9]+)/.exec(s)
  return d ? short(d[1]!) : s
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return Boolean(v) && typeof v === 'object' && !Array.isArray(v)
}

/** planCounts tallies a plan's steps by action. */
export function planCounts(plan: RolloutPlan): {
  update: number
  create: number
  destroy: number
  unchanged: number
} {
  let update = 0
  let create = 0
  let unchanged = 0
  for (const w of plan.waves) {
    for (const r of w.regions) {
      for (const s of r.batches.flat()) {
        if (s.action === '+') create++
        else if (s.fromHash === s.toHash && s.fromImage === plan.digest)
          unchanged++
        else update++
      }
    }
  }
  return { update, create, destroy: plan.cleanup.length, unchanged }
}

/**
 * renderPlanText renders a plan the way `terraform plan` does: per wave, per
 * region, per batch, one line per step with its glyph, then a count line and
 * every diagnostic. `fly-rollout plan` prints exactly this.
 */
export function renderPlanText(plan: RolloutPlan): string {
  const lines: string[] = []
  const s0 = new Map(plan.s0.map((m) => [m.id, m]))
  lines.push(
    `fly-rollout plan for ${plan.app}: release ${plan.releaseId.slice(0, 12)}, image ${plan.image}`
  )
  lines.push(
    `rollout ${plan.id}${plan.anchor ? `, lock on ${plan.anchor}` : ''}`
  )
  if (plan.releaseCommand)
    lines.push(
      '',
      `  ▶ release_command runs once on the new image before wave 1 (its effects are not rolled back)`
    )
  for (const w of plan.waves) {
    lines.push('')
    const extra = [
      w.bakeMs
        ? `bake ${formatDuration(w.bakeMs)} (up to ${formatDuration(w.maxBakeMs)})`
        : 'checks only',
      w.baseline.length ? `baseline ${w.baseline.join(', ')}` : '',
      w.gate === 'manual' ? 'manual approval' : ''
    ].filter(Boolean)
    lines.push(
      `Wave ${w.index + 1} · ${w.name} · ${w.regions.map((r) => r.region).join(', ')} · ${extra.join(' · ')}`
    )
    for (const r of w.regions) {
      r.batches.forEach((batch, i) => {
        const prefix =
          r.batches.length > 1
            ? `  ${r.region} batch ${i + 1}`
            : `  ${r.region}`
        lines.push(prefix)
        for (const s of batch)
          lines.push(
            `    ${stepLine(s, s0.get(s.action === '~' ? s.machineId : '')?.config, plan.digest)}`
          )
      })
    }
  }
  if (plan.cleanup.length) {
    lines.push('', 'After the last wave')
    for (const d of plan.cleanup)
      lines.push(
        `    - destroy ${d.machineId}  ${d.region}  ${d.group}  (${d.reason})`
      )
  }
  const c = planCounts(plan)
  lines.push(
    '',
    `Plan: ${c.update} to update, ${c.create} to create, ${c.destroy} to destroy${c.unchanged ? `, ${c.unchanged} unchanged` : ''}.`
  )
  for (const d of plan.diagnostics) lines.push(formatDiagnostic(d))
  return lines.join('\n') + '\n'
}

function stepLine(
  s: UpdateStep | CreateStep,
  before: MachineConfig | undefined,
  digest: string
): string {
  if (s.action === '+') {
    const why = {
      count: 'counts',
      surge: 'surge: keeps the region serving',
      canary: 'surge canary',
      group: 'new process group'
    }[s.reason]
    return `+ create  ${s.region}  ${s.group}  (${why}${s.retireAfterWave !== undefined ? `, destroyed after wave ${s.retireAfterWave + 1}` : ''})`
  }
  if (s.fromHash === s.toHash && s.fromImage === digest)
    return `= ${s.machineId}  ${s.region}  ${s.group}  unchanged`
  const changes = before ? configChanges(before, s.config) : []
  return `~ update  ${s.machineId}  ${s.region}  ${s.group}${s.skipLaunch ? `  (${s.fromState}, stays ${s.fromState})` : ''}  ${changes.join(', ')}`
}
