import { formatDiagnostic } from '../core/diagnostics.js'
import { waveLabel } from '../core/plan.js'
import { formatDuration, formatRate } from '../core/units.js'
import type {
  RolloutEvent,
  RolloutOutcome
} from '../orchestrator/run-rollout.js'
import type { CliIO } from './io.js'

/**
 * createReporter turns rollout events into what a person watches: on a TTY a
 * live block per wave (machines done/total, health figures, bake countdown)
 * redrawn in place; otherwise one plain line per event. `--json` prints
 * nothing until the result.
 */
export function createReporter(io: CliIO, opts: { json: boolean }) {
  if (opts.json) return { onEvent: (_e: RolloutEvent) => {}, close: () => {} }
  const line = (t: string) => io.stdout(t + '\n')
  const live = io.isTTY
  const state = new Map<
    number,
    {
      name: string
      total: number
      done: number
      failed: number
      status: string
      bake?: string
    }
  >()
  let drawn = 0
  const redraw = () => {
    if (!live) return
    if (drawn) io.stdout(`\x1b[${drawn}A\x1b[J`)
    const rows = [...state.entries()].map(
      ([i, w]) =>
        `  wave ${i + 1} ${w.name.padEnd(16)} ${String(w.done).padStart(3)}/${w.total} machines  ${w.status}${w.bake ? `  ${w.bake}` : ''}`
    )
    io.stdout(rows.join('\n') + (rows.length ? '\n' : ''))
    drawn = rows.length
  }
  const print = (t: string) => {
    if (live && drawn) {
      io.stdout(`\x1b[${drawn}A\x1b[J`)
      drawn = 0
    }
    line(t)
    redraw()
  }
  return {
    onEvent(e: RolloutEvent) {
      switch (e.type) {
        case 'planned':
          for (const w of e.plan.waves) {
            state.set(w.index, {
              name: w.name,
              total: w.regions.reduce((n, r) => n + r.batches.flat().length, 0),
              done: 0,
              failed: 0,
              status: 'pending'
            })
          }
          print(`rollout ${e.plan.id}: ${e.plan.app} → ${e.plan.image}`)
          break
        case 'wave-started': {
          const w = state.get(e.wave.index)!
          w.status = 'updating'
          print(
            `${waveLabel(e.wave)}: updating ${e.wave.regions.map((r) => r.region).join(', ')}`
          )
          break
        }
        case 'step': {
          if (!e.result) break
          const w = state.get(e.wave)!
          const id =
            e.step.action === '~' ? e.step.machineId : e.result.machineId
          if (e.result.ok) w.done++
          else w.failed++
          const verb = e.step.action === '~' ? 'updated' : 'created'
          if (live) redraw()
          else
            line(
              e.result.ok
                ? `  ${verb} ${id} (${e.step.region}), healthy`
                : `  ${id} (${e.step.region}) failed: ${e.result.reason}`
            )
          if (live && !e.result.ok)
            print(`  ${id} (${e.step.region}) failed: ${e.result.reason}`)
          break
        }
        case 'look': {
          const w = state.get(e.wave.index)!
          const f = e.look.figures[0]
          w.status = 'baking'
          w.bake = f
            ? `${f.canary.errors}/${f.canary.n} errors${f.canary.p95Ms !== undefined ? `, p95 ${Math.round(f.canary.p95Ms)}ms` : ''}${f.baseline ? ` (baseline ${f.baseline.errors}/${f.baseline.n})` : ''} · ${e.look.verdict}`
            : `checks ${e.look.verdict}`
          if (live) redraw()
          else
            line(
              `  look: ${w.bake}${e.look.reasons.length ? ` — ${e.look.reasons.join('; ')}` : ''}`
            )
          if (live && e.look.reasons.length)
            print(`  ${e.look.reasons.join('; ')}`)
          break
        }
        case 'wave-done': {
          const w = state.get(e.wave.index)!
          w.status = e.status
          print(
            `${waveLabel(e.wave)}: ${e.status}${e.bake ? ` after ${formatDuration(e.bake.elapsedMs)} of bake` : ''}${e.reason && e.status !== 'promoted' ? ` — ${e.reason}` : ''}`
          )
          break
        }
        case 'rollback-started':
          print(`rolling back: ${e.reason}`)
          break
        case 'restored':
          print(
            `  ${e.result.machineId}: ${e.result.status}${e.result.reason ? ` (${e.result.reason})` : ''}`
          )
          break
      }
    },
    close() {
      drawn = 0
    }
  }
}

/** renderOutcome is the final table: per wave, its machines, bake and figures; then the result. */
export function renderOutcome(o: RolloutOutcome): string {
  const out: string[] = ['']
  const rows = [['WAVE', 'REGIONS', 'MACHINES', 'STATUS', 'BAKE', 'PROBES']]
  for (const w of o.waves) {
    const f = w.figures?.[0]
    rows.push([
      `${w.index + 1} ${w.name}`,
      w.regions.join(','),
      String(w.machines),
      w.status,
      w.bake ? formatDuration(w.bake.elapsedMs) : '-',
      f
        ? `${f.canary.errors}/${f.canary.n} err (${formatRate(f.canary.errorRate)})${f.canary.p95Ms !== undefined ? ` p95 ${Math.round(f.canary.p95Ms)}ms` : ''}${f.identity === 'unverified' ? ' identity unverified' : ''}`
        : '-'
    ])
  }
  const widths = rows[0]!.map((_, i) =>
    Math.max(...rows.map((r) => r[i]!.length))
  )
  for (const r of rows)
    out.push(
      '  ' +
        r
          .map((c, i) => c.padEnd(widths[i]!))
          .join('  ')
          .trimEnd()
    )
  if (o.restored.length) {
    out.push('', '  restored:')
    for (const r of o.restored)
      out.push(
        `    ${r.machineId}  ${r.status}${r.reason ? `  (${r.reason})` : ''}`
      )
  }
  for (const d of o.diagnostics) out.push(formatDiagnostic(d))
  out.push(
    '',
    `result: ${o.result}${o.reason ? ` — ${o.reason}` : ''} (${formatDuration(o.endedAt - o.startedAt)})`
  )
  if (o.result === 'rolled-back' || o.result === 'rollback-incomplete') {
    out.push(
      'not restored by a rollback: app secrets, volume data, release_command effects, IPs and certificates'
    )
  }
  return out.join('\n') + '\n'
}

/** outcomeJson is the one object `--json` prints. */
export function outcomeJson(o: RolloutOutcome): Record<string, unknown> {
  return {
    result: o.result,
    rolloutId: o.rolloutId,
    app: o.app,
    image: o.image,
    digest: o.digest,
    releaseId: o.releaseId,
    reason: o.reason,
    waves: o.waves,
    machines: o.plan?.waves.flatMap((w) =>
      w.regions.flatMap((r) =>
        r.batches.flat().map((s) => ({
          wave: w.index,
          region: s.region,
          group: s.group,
          action: s.action === '~' ? 'update' : 'create',
          ...(s.action === '~'
            ? {
                id: s.machineId,
                fromVersion: s.fromVersion,
                fromHash: s.fromHash,
                toHash: s.toHash
              }
            : { key: s.key, toHash: s.toHash })
        }))
      )
    ),
    restored: o.restored,
    diagnostics: o.diagnostics,
    durations: {
      totalMs: o.endedAt - o.startedAt,
      ...(o.failedAt && o.restoredAt
        ? { failureToRestoredMs: o.restoredAt - o.failedAt }
        : {})
    }
  }
}

/** exitCodeOf maps an outcome to the CLI's exit codes (README): 0 promoted, 2 rolled back, 3 held, 1 otherwise. */
export function exitCodeOf(o: RolloutOutcome): number {
  switch (o.result) {
    case 'promoted':
    case 'nothing-to-do':
    case 'planned':
      return 0
    case 'rolled-back':
      return 2
    case 'held':
    case 'interrupted':
      return 3
    default:
      return 1
  }
}
