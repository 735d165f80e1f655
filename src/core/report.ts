/**
 * Reports of a finished rollout for GitHub: the job summary (markdown), the
 * annotations that point at fly.toml and the rollout spec, and the action's
 * outputs. Pure: everything comes in as values.
 *
 * The input types mirror the orchestrator's `RolloutOutcome` structurally
 * (core imports only core, HOUSE-STYLE §3), so an outcome is passed as it is.
 */
import type { Diagnostic } from './diagnostics.js'
import type { CreateStep, RolloutPlan, UpdateStep, WavePlan } from './plan.js'
import { configChanges, planCounts } from './render.js'
import type { MachineConfig } from './types.js'
import { formatDuration, formatRate } from './units.js'

/** ReportResult is how a rollout ended (the orchestrator's `RolloutResult`). */
export type ReportResult =
  | 'promoted'
  | 'rolled-back'
  | 'rollback-incomplete'
  | 'held'
  | 'failed'
  | 'planned'
  | 'nothing-to-do'
  | 'invalid'
  | 'interrupted'

/** ReportFigures are one probe path's numbers at a look (bake's `ProbeFigures`). */
export interface ReportFigures {
  path: string
  canary: {
    n: number
    errors: number
    errorRate: number
    p50Ms?: number
    p95Ms?: number
    p99Ms?: number
  }
  baseline?: {
    n: number
    errors: number
    errorRate: number
    p50Ms?: number
    p95Ms?: number
  }
  identity: 'verified' | 'unverified' | 'off'
}

/** ReportWave mirrors the orchestrator's `WaveOutcome`. Times are unix ms. */
export interface ReportWave {
  index: number
  name: string
  regions: readonly string[]
  status: 'promoted' | 'failed' | 'held' | 'pending' | 'rolled-back'
  machines: number
  startedAt?: number
  /** Every machine of the wave verified: the update phase ends, the bake starts. */
  verifiedAt?: number
  endedAt?: number
  bake?: { verdict: string; reason: string; elapsedMs: number; looks: number }
  figures?: readonly ReportFigures[]
}

/** ReportRestore mirrors `RestoreResult`: one machine a rollback put back. */
export interface ReportRestore {
  machineId: string
  status: 'restored' | 'unchanged' | 'destroyed' | 'unrestorable' | 'failed'
  unhealthy?: boolean
  reason?: string
  s0Digest?: string
}

/** ReportOutcome mirrors `RolloutOutcome`: what every report here reads. */
export interface ReportOutcome {
  result: ReportResult
  rolloutId: string
  app: string
  image: string
  digest: string
  releaseId: string
  reason?: string
  plan?: RolloutPlan
  waves: readonly ReportWave[]
  restored: readonly ReportRestore[]
  diagnostics: readonly Diagnostic[]
  startedAt: number
  endedAt: number
  /** When the failing evidence was in (the rollback trigger). */
  failedAt?: number
  /** When every machine was back. */
  restoredAt?: number
}

/** SummaryOptions are the job summary's extras, known to the caller only. */
export interface SummaryOptions {
  /** Replaces the heading's `fly-rollout: <app>`. */
  title?: string
  /** The app's URL; linked only when it is a plain http(s) URL. */
  url?: string
  flyctlVersion?: string
  /** Secret names the run staged, and the ones it skipped as unchanged. Names only. */
  secrets?: { set: readonly string[]; unchanged: readonly string[] }
}

/** Annotation is one workflow annotation: `io.error`/`io.warning` take it as is. */
export interface Annotation {
  level: 'error' | 'warning'
  message: string
  /** A path in the repository; absent when the problem is in an action input. */
  file?: string
  /** 1-based; set only together with `file`. */
  startLine?: number
  /** `fly-rollout: <code>`. */
  title: string
}

/** ActionOutputs are the action's outputs (action.yml), every one a string. */
export interface ActionOutputs {
  result: string
  image: string
  'release-version': string
  'rollout-id': string
  /** Compact JSON array: one object per wave. */
  waves: string
  /** Why the rollout was rolled back or failed; empty otherwise. */
  'rollback-reason': string
}

/** NOT_RESTORED is the standing note of what a rollback leaves as it is. */
export const NOT_RESTORED =
  'A rollback puts every touched machine back to its exact config, image and state. ' +
  'It does not restore app secrets, volume data, `release_command` effects, IPs and certificates.'

const STATUS_WORD: Record<ReportResult, string> = {
  promoted: 'Promoted',
  'rolled-back': 'Rolled back',
  'rollback-incomplete': 'Rollback incomplete',
  held: 'Held',
  failed: 'Failed',
  planned: 'Planned',
  'nothing-to-do': 'Nothing to do',
  invalid: 'Invalid',
  interrupted: 'Interrupted'
}

const NONE = '—'

/**
 * escapeMarkdownCell makes outside text (reasons, paths, error text) safe as
 * one line of inline markdown, in a table cell or in prose: newlines become
 * spaces, `<`, `>` and `&` become entities (no HTML), and the characters that
 * open spans, links, math or table cells are backslash-escaped.
 *
 *   'a | b'            → 'a \| b'
 *   '<script>'         → '&lt;script&gt;'
 *   'release_command'  → 'release\_command'
 *   'one\ntwo'         → 'one two'
 *   '```'              → '\`\`\`'
 */
export function escapeMarkdownCell(text: string): string {
  return text
    .replace(/[\r\n\t\f\v]+/g, ' ')
    .replace(/[\\`*_~[\]|$]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
}

/**
 * fence wraps text in a fenced code block that its content cannot close: the
 * fence is one backtick longer than the longest backtick run inside, and at
 * least three.
 *
 *   fence('a')             → '```\na\n```'
 *   fence('x ``` y', 'text') → '````text\nx ``` y\n````'
 */
export function fence(content: string, info = ''): string {
  const f = '`'.repeat(Math.max(3, longestRun(content, '`') + 1))
  return `${f}${info}\n${content.replace(/\r\n?/g, '\n')}\n${f}`
}

/**
 * renderSummaryMarkdown renders an outcome as the job summary: heading with
 * the result, the run's facts, the result and its reason, a table per wave
 * with its probe figures, the rollback (reason and restored machines), a
 * mermaid timeline, diagnostics, the plan (collapsed), and the standing note
 * of what a rollback does not restore. Outside text is escaped; secret values
 * never reach it (names only, cut at any `=`).
 */
export function renderSummaryMarkdown(
  outcome: ReportOutcome,
  options: SummaryOptions = {}
): string {
  const o = outcome
  const word = STATUS_WORD[o.result] ?? o.result
  const blocks: string[] = [
    `## ${escapeMarkdownCell(options.title ?? `fly-rollout: ${o.app}`)} — ${word}`,
    factsList(o, options).join('\n'),
    '### Result',
    resultParagraph(o, word)
  ]
  if (o.waves.some((w) => w.status !== 'pending' || isTime(w.startedAt))) {
    blocks.push('### Waves', wavesTable(o.waves).join('\n'))
  }
  if (isRollback(o.result)) blocks.push('### Rollback', ...rollbackBlocks(o))
  const timeline = timelineGantt(o)
  if (timeline) blocks.push('### Timeline', fence(timeline, 'mermaid'))
  if (o.diagnostics.length) {
    blocks.push('### Diagnostics', diagnosticsTable(o.diagnostics).join('\n'))
  }
  if (o.plan) blocks.push('### Plan', planDetails(o.plan))
  blocks.push(`> **Not rolled back:** ${NOT_RESTORED}`)
  return blocks.join('\n\n') + '\n'
}

/**
 * annotationsFor turns diagnostics into workflow annotations, one each,
 * pointing at the file and line they were found in. A diagnostic from an
 * action input (`file` like `input rollout`) names the input in the message
 * instead, since there is no file to point at.
 */
export function annotationsFor(
  diagnostics: readonly Diagnostic[]
): Annotation[] {
  return diagnostics.map((d) => {
    const detail = d.detail ? ` (${d.detail})` : ''
    const key = d.key && !d.line ? ` at ${d.key}` : ''
    const a: Annotation = {
      level: d.severity,
      message: `${d.summary}${detail}${key}`,
      title: `fly-rollout: ${d.code}`
    }
    if (d.file && isInputName(d.file)) {
      a.message = `${d.file}${d.line ? ` line ${d.line}` : ''}: ${a.message}`
    } else if (d.file) {
      a.file = d.file
      if (d.line) a.startLine = d.line
    }
    return a
  })
}

/**
 * renderOutputs renders the action's outputs: the result, the image pinned
 * by digest, the release and rollout ids, the waves as compact JSON, and the
 * rollback reason (empty unless the rollout rolled back or failed).
 */
export function renderOutputs(outcome: ReportOutcome): ActionOutputs {
  const o = outcome
  const waves = o.waves.map((w) => ({
    name: w.name,
    regions: [...w.regions],
    status: w.status,
    machines: w.machines,
    bake: w.bake
      ? { verdict: w.bake.verdict, elapsedMs: finiteOr(w.bake.elapsedMs, 0) }
      : null,
    figures: (w.figures ?? []).map(figuresJson)
  }))
  const failed = isRollback(o.result) || o.result === 'failed'
  return {
    result: o.result,
    image: pinnedImage(o.image, o.digest),
    'release-version': o.releaseId,
    'rollout-id': o.rolloutId,
    waves: JSON.stringify(waves),
    'rollback-reason': failed ? (o.reason ?? '') : ''
  }
}

function isRollback(r: ReportResult): boolean {
  return r === 'rolled-back' || r === 'rollback-incomplete'
}

/** An action input's name as diagnostics give it (`input rollout`), not a path. */
function isInputName(file: string): boolean {
  return /^input\s/.test(file)
}

function factsList(o: ReportOutcome, options: SummaryOptions): string[] {
  const lines = [`- **App:** ${inlineCode(o.app)}`]
  if (o.image) {
    const digest =
      o.digest && !o.image.includes(o.digest)
        ? ` (${inlineCode(o.digest)})`
        : ''
    lines.push(`- **Image:** ${inlineCode(o.image)}${digest}`)
  }
  if (o.releaseId) lines.push(`- **Release:** ${inlineCode(o.releaseId)}`)
  if (o.rolloutId) lines.push(`- **Rollout:** ${inlineCode(o.rolloutId)}`)
  if (options.url) lines.push(`- **URL:** ${link(options.url)}`)
  if (options.flyctlVersion)
    lines.push(`- **flyctl:** ${inlineCode(options.flyctlVersion)}`)
  if (options.secrets) {
    const names = (xs: readonly string[]) =>
      xs.length ? xs.map((x) => inlineCode(secretName(x))).join(', ') : NONE
    lines.push(
      `- **Secrets:** set ${names(options.secrets.set)}; unchanged ${names(options.secrets.unchanged)}`
    )
  }
  return lines
}

function resultParagraph(o: ReportOutcome, word: string): string {
  const head = `**${word}** after ${duration(o.endedAt - o.startedAt)}`
  return o.reason && !isRollback(o.result)
    ? `${head} — ${escapeMarkdownCell(o.reason)}`
    : `${head}.`
}

function wavesTable(waves: readonly ReportWave[]): string[] {
  const rows = [
    '| Wave | Regions | Machines | Status | Verified in | Bake | Probe | Errors | Error rate | p95 | Baseline | Identity |',
    '|---|---|---:|---|---:|---|---|---:|---:|---:|---|---|'
  ]
  for (const w of waves) {
    const head = [
      escapeMarkdownCell(`${w.index + 1} ${w.name}`),
      w.regions.map(escapeMarkdownCell).join(', ') || NONE,
      String(finiteOr(w.machines, 0)),
      w.status.replace('-', ' '),
      w.startedAt !== undefined && w.verifiedAt !== undefined
        ? duration(w.verifiedAt - w.startedAt)
        : NONE,
      w.bake
        ? `${duration(w.bake.elapsedMs)} · ${escapeMarkdownCell(w.bake.verdict)}`
        : NONE
    ]
    const figures = w.figures?.length ? w.figures : [undefined]
    figures.forEach((f, i) => {
      const left = i === 0 ? head : head.map(() => '')
      rows.push(tableRow([...left, ...figureCells(f)]))
    })
  }
  return rows
}

function figureCells(f: ReportFigures | undefined): string[] {
  if (!f) return [NONE, NONE, NONE, NONE, NONE, NONE]
  const c = f.canary
  return [
    cellCode(f.path),
    `${count(c.errors)}/${count(c.n)}`,
    rate(c.errorRate),
    ms(c.p95Ms),
    f.baseline
      ? `${count(f.baseline.errors)}/${count(f.baseline.n)} (${rate(f.baseline.errorRate)})${f.baseline.p95Ms !== undefined ? `, p95 ${ms(f.baseline.p95Ms)}` : ''}`
      : NONE,
    f.identity
  ]
}

function rollbackBlocks(o: ReportOutcome): string[] {
  const out: string[] = []
  if (o.reason) out.push('**Reason:**', fence(o.reason, 'text'))
  if (o.failedAt !== undefined && o.restoredAt !== undefined) {
    out.push(`Failure to restored: ${duration(o.restoredAt - o.failedAt)}.`)
  }
  if (o.result === 'rollback-incomplete') {
    out.push(
      `**Some machines are not back on their previous release.** Retry with ${inlineCode(`fly-rollout rollback --app ${o.app}`)}.`
    )
  }
  if (o.restored.length) {
    const rows = ['| Machine | Status | Detail |', '|---|---|---|']
    for (const r of o.restored) {
      const status = r.unhealthy ? `${r.status}, unhealthy` : r.status
      rows.push(
        tableRow([
          cellCode(r.machineId),
          status,
          r.reason ? escapeMarkdownCell(r.reason) : NONE
        ])
      )
    }
    out.push(rows.join('\n'))
  }
  return out
}

function diagnosticsTable(diagnostics: readonly Diagnostic[]): string[] {
  const rows = ['| Severity | Where | Code | Problem |', '|---|---|---|---|']
  for (const d of diagnostics) {
    const where = d.file ? `${d.file}${d.line ? `:${d.line}` : ''}` : ''
    rows.push(
      tableRow([
        d.severity,
        where ? cellCode(where) : NONE,
        cellCode(d.code),
        escapeMarkdownCell(`${d.summary}${d.detail ? ` (${d.detail})` : ''}`)
      ])
    )
  }
  return rows
}

/**
 * timelineGantt draws the run as a mermaid gantt chart in unix ms: per wave
 * an update bar (start → verified) and a bake bar (verified → end), then a
 * failure milestone and, after a rollback, the restore bar and a `restored`
 * milestone. Undefined when no wave started.
 */
function timelineGantt(o: ReportOutcome): string | undefined {
  const started = o.waves.filter((w) => isTime(w.startedAt))
  if (!started.length) return undefined
  const failing = isTime(o.failedAt) ? started.at(-1) : undefined
  const lines = [
    'gantt',
    '  title Rollout timeline',
    '  dateFormat x',
    '  axisFormat %H:%M:%S',
    '  todayMarker off'
  ]
  for (const w of started) {
    const n = w.index + 1
    const start = w.startedAt!
    const end = isTime(w.endedAt) ? Math.max(w.endedAt, start) : start
    const verified = isTime(w.verifiedAt)
      ? Math.min(Math.max(w.verifiedAt, start), end)
      : end
    const tag =
      w === failing || w.status === 'failed'
        ? 'crit, '
        : w.status === 'promoted' || w.status === 'rolled-back'
          ? 'done, '
          : 'active, '
    const baked = isTime(w.verifiedAt) && w.bake !== undefined
    lines.push(`  section Wave ${n} ${mermaidLabel(w.name)}`)
    lines.push(
      `    update :${baked ? 'done, ' : tag}w${n}u, ${start}, ${verified}`
    )
    if (baked) lines.push(`    bake :${tag}w${n}b, ${verified}, ${end}`)
  }
  const { failedAt, restoredAt } = o
  if (isTime(failedAt)) {
    const back = isTime(restoredAt) ? Math.max(restoredAt, failedAt) : undefined
    lines.push(`  section ${back !== undefined ? 'Rollback' : 'Failure'}`)
    lines.push(`    failure :crit, milestone, fail, ${failedAt}, 0d`)
    if (back !== undefined) {
      lines.push(`    restore :crit, rb, ${failedAt}, ${back}`)
      lines.push(`    restored :milestone, back, ${back}, 0d`)
    }
  }
  return lines.join('\n')
}

function planDetails(plan: RolloutPlan): string {
  const c = planCounts(plan)
  const s0 = new Map(plan.s0.map((m) => [m.id, m.config]))
  const summary = `Plan: ${c.update} to update, ${c.create} to create, ${c.destroy} to destroy${c.unchanged ? `, ${c.unchanged} unchanged` : ''}`
  const parts = [`<details><summary>${summary}</summary>`]
  for (const w of plan.waves) {
    parts.push(waveHeading(w))
    const rows = [
      '| Region | Batch | Machine | Action | Changes |',
      '|---|---:|---|:---:|---|'
    ]
    for (const r of w.regions) {
      r.batches.forEach((batch, i) => {
        for (const s of batch)
          rows.push(tableRow(stepCells(r.region, i + 1, s, s0, plan.digest)))
      })
    }
    parts.push(rows.join('\n'))
  }
  if (plan.cleanup.length) {
    const rows = [
      '| Region | Batch | Machine | Action | Changes |',
      '|---|---:|---|:---:|---|'
    ]
    for (const d of plan.cleanup) {
      rows.push(
        tableRow([
          escapeMarkdownCell(d.region),
          NONE,
          cellCode(d.machineId),
          cellCode('-'),
          `destroy (${d.reason})`
        ])
      )
    }
    parts.push('**After the last wave**', rows.join('\n'))
  }
  parts.push('</details>')
  return parts.join('\n\n')
}

function waveHeading(w: WavePlan): string {
  const extra = [
    w.regions.map((r) => escapeMarkdownCell(r.region)).join(', '),
    w.bakeMs
      ? `bake ${duration(w.bakeMs)} (up to ${duration(w.maxBakeMs)})`
      : 'checks only',
    w.baseline.length
      ? `baseline ${w.baseline.map((id) => inlineCode(id)).join(', ')}`
      : '',
    w.gate === 'manual' ? 'manual approval' : ''
  ].filter(Boolean)
  return [
    `**Wave ${w.index + 1} · ${escapeMarkdownCell(w.name)}**`,
    ...extra
  ].join(' · ')
}

function stepCells(
  region: string,
  batch: number,
  s: UpdateStep | CreateStep,
  s0: Map<string, MachineConfig>,
  digest: string
): string[] {
  const head = [escapeMarkdownCell(region), String(batch)]
  if (s.action === '+') {
    const why = {
      count: 'create: counts',
      surge: 'create: surge, keeps the region serving',
      canary: 'create: surge canary',
      group: 'create: new process group'
    }[s.reason]
    const retire =
      s.retireAfterWave !== undefined
        ? `, destroyed after wave ${s.retireAfterWave + 1}`
        : ''
    return [...head, cellCode(s.key), cellCode('+'), `${why}${retire}`]
  }
  if (s.fromHash === s.toHash && s.fromImage === digest)
    return [...head, cellCode(s.machineId), cellCode('='), 'unchanged']
  const before = s0.get(s.machineId)
  const changes = before ? configChanges(before, s.config) : []
  const stays = s.skipLaunch ? [`${s.fromState}, stays ${s.fromState}`] : []
  const text = [...changes, ...stays].join(', ') || 'config'
  return [
    ...head,
    cellCode(s.machineId),
    cellCode('~'),
    escapeMarkdownCell(text)
  ]
}

function figuresJson(f: ReportFigures): Record<string, unknown> {
  const arm = (a: ReportFigures['canary']) => ({
    n: finiteOr(a.n, 0),
    errors: finiteOr(a.errors, 0),
    errorRate: finiteOr(a.errorRate, 0),
    ...optionalNumber('p50Ms', a.p50Ms),
    ...optionalNumber('p95Ms', a.p95Ms),
    ...optionalNumber('p99Ms', a.p99Ms)
  })
  return {
    path: f.path,
    canary: arm(f.canary),
    ...(f.baseline ? { baseline: arm(f.baseline) } : {}),
    identity: f.identity
  }
}

function optionalNumber(
  key: string,
  v: number | undefined
): Record<string, number> {
  return v !== undefined && Number.isFinite(v) ? { [key]: v } : {}
}

/** pinnedImage turns `repo:tag` into `repo@digest`; a pinned image is kept as is. */
function pinnedImage(image: string, digest: string): string {
  if (!digest || !image || image.includes('@')) return image
  return `${image.replace(/:[\w][\w.-]{0,127}$/, '')}@${digest}`
}

/** secretName keeps a secret's name: a `NAME=VALUE` passed by mistake loses its value. */
function secretName(s: string): string {
  return s.split('=')[0]!.trim()
}

function tableRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`
}

/** inlineCode is a code span its content cannot close (prose only: `|` is literal). */
function inlineCode(text: string): string {
  const s = text.replace(/[\r\n]+/g, ' ')
  const ticks = '`'.repeat(longestRun(s, '`') + 1)
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : ''
  return `${ticks}${pad}${s}${pad}${ticks}`
}

/** cellCode is inlineCode for a table cell: GFM reads `\|` as `|` even in code. */
function cellCode(text: string): string {
  return inlineCode(text).replace(/\|/g, '\\|')
}

function link(url: string): string {
  return /^https?:\/\/[^\s<>"'`|\\]+$/.test(url)
    ? `<${url}>`
    : escapeMarkdownCell(url)
}

/** mermaidLabel keeps a name mermaid cannot misread: letters, digits, `. _ - /`. */
function mermaidLabel(s: string): string {
  return s
    .replace(/[^\p{L}\p{N} ._/-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

function longestRun(s: string, ch: string): number {
  let best = 0
  let run = 0
  for (const c of s) {
    run = c === ch ? run + 1 : 0
    if (run > best) best = run
  }
  return best
}

function isTime(v: number | undefined): v is number {
  return v !== undefined && Number.isFinite(v)
}

function finiteOr(v: number, fallback: number): number {
  return Number.isFinite(v) ? v : fallback
}

function duration(msValue: number): string {
  return Number.isFinite(msValue) ? formatDuration(Math.max(0, msValue)) : NONE
}

function ms(v: number | undefined): string {
  return v !== undefined && Number.isFinite(v) ? `${Math.round(v)} ms` : NONE
}

function rate(v: number): string {
  return Number.isFinite(v) ? formatRate(v) : NONE
}

function count(v: number): string {
  return Number.isFinite(v) ? String(v) : NONE
}
