import {
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Node as YamlNode,
  type Pair,
  type YAMLMap
} from 'yaml'
import { oneLine, type Diagnostic } from './diagnostics.js'
import { suggestKey as suggest } from './appconfig/suggest.js'
import { parseDuration, parseRate } from './units.js'

/**
 * WaveSpec is one wave as the user wrote it (ROLLOUT-SEMANTICS §2.1).
 * Regions `*` means every region not finished by an earlier wave.
 */
export interface WaveSpec {
  name?: string
  regions: string[]
  /** Machines per region (per process group) this wave updates; default all that remain. */
  machines?: number
  /** Share of each region's remaining machines, rounded up; exclusive with `machines`. */
  fraction?: number
  bakeMs?: number
  maxBakeMs?: number
  maxUnavailable?: number
  progressDeadlineMs?: number
  gate: 'none' | 'manual'
  onInconclusive?: 'hold' | 'fail' | 'pass'
}

/** ProbeSpec is one HTTP probe sent through the edge, pinned to a machine (§4.3). */
export interface ProbeSpec {
  path: string
  method: 'GET' | 'HEAD'
  /** Statuses that count as success; undefined = anything but a 5xx (§4.3). */
  expect?: number[]
  intervalMs: number
  timeoutMs: number
  headers: Record<string, string>
  /** Threshold on the error rate; default 5 %. */
  maxErrorRate: number
  maxP95Ms?: number
  maxP99Ms?: number
  /** Evidence needed to pass; default ceil(4.6 / maxErrorRate) (§5). */
  minSamples: number
}

export interface CompareSpec {
  errors: boolean
  latency: boolean
  absMargin: number
  relMargin: number
  allowedIncrease: number
  /** A latency regression smaller than this (median or p95 difference) never fails a wave: nobody pages for +2 ms. */
  minLatencyDeltaMs: number
}

/** RolloutSpec is the validated rollout spec with every default filled in. */
export interface RolloutSpec {
  /** undefined: the default plan (canary, rest of the primary region, every other region). */
  waves?: WaveSpec[]
  /** Desired machines per region, per process group (`*` = every group). */
  counts: Record<string, Record<string, number>>
  probes: ProbeSpec[]
  compare: CompareSpec
  onInconclusive: 'hold' | 'fail' | 'pass'
  maxUnavailable: number
  machineDeadlineMs: number
  progressDeadlineMs: number
  allowDowntime: boolean
  /** Total false-failure budget across looks (§5). */
  alpha: number
  /**
   * How many consecutive all-passing check results (each a new run of the
   * checks) verify an updated machine. ROLLOUT-SEMANTICS §3.5 suggests 3;
   * the default 1 keeps each batch at boot + first passing checks, and the
   * bake's continuous check watch catches a check that flaps afterwards.
   */
  verifyPasses: number
  identity: { machineHeader: string; versionHeader: string } | false
}

export const SPEC_DEFAULTS = {
  probeIntervalMs: 200,
  probeTimeoutMs: 5000,
  maxErrorRate: 0.05,
  machineDeadlineMs: 5 * 60_000,
  progressDeadlineMs: 15 * 60_000,
  alpha: 0.01
} as const

/** The keys a rollout spec accepts, by level (exported for the fuzzers). */
export const TOP_KEYS = [
  'waves',
  'counts',
  'probes',
  'compare',
  'on-inconclusive',
  'max-unavailable',
  'machine-deadline',
  'progress-deadline',
  'allow-downtime',
  'alpha',
  'identity',
  'verify-passes'
]
export const WAVE_KEYS = [
  'name',
  'regions',
  'machines',
  'fraction',
  'bake',
  'max-bake',
  'max-unavailable',
  'progress-deadline',
  'gate',
  'on-inconclusive'
]
export const PROBE_KEYS = [
  'path',
  'method',
  'expect',
  'interval',
  'timeout',
  'headers',
  'max-error-rate',
  'max-p95',
  'max-p99',
  'min-samples'
]
export const COMPARE_KEYS = [
  'errors',
  'latency',
  'abs-margin',
  'rel-margin',
  'allowed-increase',
  'min-latency-delta'
]
const IDENTITY_KEYS = ['machine-header', 'version-header']

/** HEADER_NAME is an HTTP header name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/

/**
 * parseRolloutSpec reads the rollout spec (one YAML document) and returns it
 * with defaults filled in, or the diagnostics — every problem at once, each
 * with the file (or input name) and line. An empty text is the default spec.
 */
export function parseRolloutSpec(
  text: string,
  source: string
): { spec?: RolloutSpec; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = []
  const lines = new LineCounter()
  const doc = parseDocument(text, {
    lineCounter: lines,
    uniqueKeys: true,
    prettyErrors: false
  })
  const at = (node: YamlNode | null | undefined): number | undefined =>
    node?.range ? lines.linePos(node.range[0]).line : undefined
  const error = (
    summary: string,
    node?: YamlNode | null,
    key?: string,
    detail?: string
  ): void => {
    diagnostics.push({
      severity: 'error',
      code: 'rollout-spec',
      summary: oneLine(summary),
      detail: detail === undefined ? undefined : oneLine(detail),
      file: source,
      line: at(node),
      key
    })
  }
  for (const e of doc.errors) {
    diagnostics.push({
      severity: 'error',
      code: 'yaml',
      summary: oneLine(`invalid YAML: ${e.message.split('\n')[0]}`),
      file: source,
      // linePos is only filled in with prettyErrors: count lines ourselves.
      line: e.linePos?.[0]?.line ?? lines.linePos(e.pos[0]).line
    })
  }
  if (diagnostics.length) return { diagnostics }

  const spec: RolloutSpec = {
    counts: {},
    probes: [],
    compare: {
      errors: true,
      latency: true,
      absMargin: 0.005,
      relMargin: 2,
      allowedIncrease: 1.1,
      minLatencyDeltaMs: 5
    },
    onInconclusive: 'hold',
    maxUnavailable: 1,
    machineDeadlineMs: SPEC_DEFAULTS.machineDeadlineMs,
    progressDeadlineMs: SPEC_DEFAULTS.progressDeadlineMs,
    allowDowntime: false,
    alpha: SPEC_DEFAULTS.alpha,
    verifyPasses: 1,
    identity: {
      machineHeader: 'x-fly-machine-id',
      versionHeader: 'x-fly-machine-version'
    }
  }
  const root = doc.contents
  if (
    root === null ||
    (isScalar(root) && (root.value === null || root.value === ''))
  ) {
    return { spec, diagnostics }
  }
  if (!isMap(root)) {
    error(
      'the rollout spec must be a YAML mapping (waves:, counts:, probes:, …)',
      root
    )
    return { diagnostics }
  }

  const keysOf = (
    map: YAMLMap,
    allowed: string[],
    where: string
  ): Map<string, Pair<YamlNode, YamlNode>> => {
    const out = new Map<string, Pair<YamlNode, YamlNode>>()
    for (const pair of map.items as Pair<YamlNode, YamlNode>[]) {
      const k = isScalar(pair.key) ? String(pair.key.value) : ''
      if (!allowed.includes(k)) {
        const s = suggest(k, allowed)
        error(
          `unknown key "${k}" in ${where}`,
          pair.key,
          // A dotted path like every other diagnostic's key (waves[0].bakee).
          where === 'the rollout spec' ? k : `${where}.${k}`,
          s ? `did you mean "${s}"?` : `allowed: ${allowed.join(', ')}`
        )
        continue
      }
      out.set(k, pair)
    }
    return out
  }
  const scalar = (pair: Pair<YamlNode, YamlNode>): unknown =>
    isScalar(pair.value) ? pair.value.value : undefined
  const duration = (
    pair: Pair<YamlNode, YamlNode> | undefined,
    name: string
  ): number | undefined => {
    if (!pair) return undefined
    const ms = parseDuration(scalar(pair))
    if (ms === undefined)
      error(
        `${name} must be a duration like 2m, 30s or 400ms`,
        pair.value,
        name
      )
    return ms
  }
  const positiveInt = (
    pair: Pair<YamlNode, YamlNode> | undefined,
    name: string,
    min = 1
  ): number | undefined => {
    if (!pair) return undefined
    const v = scalar(pair)
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
      error(
        `${name} must be an integer ≥ ${min}, got ${JSON.stringify(v ?? null)}`,
        pair.value,
        name
      )
      return undefined
    }
    return v
  }
  const rate = (
    pair: Pair<YamlNode, YamlNode> | undefined,
    name: string
  ): number | undefined => {
    if (!pair) return undefined
    const r = parseRate(scalar(pair))
    if (r === undefined)
      error(`${name} must be a share like 1% or 0.01`, pair.value, name)
    return r
  }
  const ratio = (
    pair: Pair<YamlNode, YamlNode> | undefined,
    name: string
  ): number | undefined => {
    if (!pair) return undefined
    const v = scalar(pair)
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 1) {
      error(
        `${name} must be a ratio of at least 1, like 2 or 1.1, got ${JSON.stringify(v ?? null)}`,
        pair.value,
        name
      )
      return undefined
    }
    return v
  }
  const oneOf = <T extends string>(
    pair: Pair<YamlNode, YamlNode> | undefined,
    name: string,
    values: readonly T[]
  ): T | undefined => {
    if (!pair) return undefined
    const v = scalar(pair)
    if (typeof v !== 'string' || !values.includes(v as T)) {
      error(`${name} must be one of ${values.join(', ')}`, pair.value, name)
      return undefined
    }
    return v as T
  }
  const bool = (
    pair: Pair<YamlNode, YamlNode> | undefined,
    name: string
  ): boolean | undefined => {
    if (!pair) return undefined
    const v = scalar(pair)
    if (typeof v !== 'boolean') {
      error(`${name} must be true or false`, pair.value, name)
      return undefined
    }
    return v
  }

  const top = keysOf(root, TOP_KEYS, 'the rollout spec')
  spec.onInconclusive =
    oneOf(top.get('on-inconclusive'), 'on-inconclusive', [
      'hold',
      'fail',
      'pass'
    ] as const) ?? 'hold'
  const mu = top.get('max-unavailable')
  if (mu) spec.maxUnavailable = positiveInt(mu, 'max-unavailable') ?? 1
  spec.machineDeadlineMs =
    duration(top.get('machine-deadline'), 'machine-deadline') ??
    spec.machineDeadlineMs
  spec.progressDeadlineMs =
    duration(top.get('progress-deadline'), 'progress-deadline') ??
    spec.progressDeadlineMs
  spec.allowDowntime =
    bool(top.get('allow-downtime'), 'allow-downtime') ?? false
  const alphaPair = top.get('alpha')
  if (alphaPair) {
    const a = rate(alphaPair, 'alpha')
    if (a !== undefined && (a <= 0 || a >= 0.5))
      error('alpha must be between 0 and 0.5', alphaPair.value, 'alpha')
    else if (a !== undefined) spec.alpha = a
  }

  // waves
  spec.verifyPasses =
    positiveInt(top.get('verify-passes'), 'verify-passes') ?? 1
  const wavesPair = top.get('waves')
  if (wavesPair) {
    if (!isSeq(wavesPair.value) || wavesPair.value.items.length === 0) {
      error(
        'waves must be a non-empty list of waves',
        wavesPair.value ?? wavesPair.key,
        'waves'
      )
    } else {
      spec.waves = []
      wavesPair.value.items.forEach((item, i) => {
        const key = `waves[${i}]`
        if (!isMap(item)) {
          error(`${key} must be a mapping with regions:`, item as YamlNode, key)
          return
        }
        const w = keysOf(item, WAVE_KEYS, key)
        const regionsPair = w.get('regions')
        let regions: string[] = []
        if (!regionsPair)
          error(
            `${key} needs regions: (a list of region codes, or "*")`,
            item,
            `${key}.regions`
          )
        else if (isScalar(regionsPair.value) && regionsPair.value.value === '*')
          regions = ['*']
        else if (isSeq(regionsPair.value)) {
          regions = regionsPair.value.items.map((r) =>
            isScalar(r) ? String(r.value) : ''
          )
          if (
            regions.length === 0 ||
            regions.some((r) => !/^(\*|[a-z]{3})$/.test(r))
          ) {
            error(
              `${key}.regions must list region codes like sjc or "*"`,
              regionsPair.value,
              `${key}.regions`
            )
          }
        } else
          error(
            `${key}.regions must be a list of region codes or "*"`,
            regionsPair.value,
            `${key}.regions`
          )
        const wave: WaveSpec = { regions, gate: 'none' }
        const name = w.get('name')
        if (name) {
          const v = scalar(name)
          if (v === undefined || v === null || v === '')
            error(
              `${key}.name must be a text`,
              name.value ?? name.key,
              `${key}.name`
            )
          else wave.name = String(v)
        }
        wave.machines = positiveInt(w.get('machines'), `${key}.machines`)
        const fr = w.get('fraction')
        if (fr) {
          const f = rate(fr, `${key}.fraction`)
          if (f !== undefined && f === 0)
            error(
              `${key}.fraction must be above 0`,
              fr.value,
              `${key}.fraction`
            )
          else wave.fraction = f
        }
        if (wave.machines !== undefined && wave.fraction !== undefined) {
          error(`${key} sets both machines and fraction; use one`, item, key)
        }
        wave.bakeMs = duration(w.get('bake'), `${key}.bake`)
        wave.maxBakeMs = duration(w.get('max-bake'), `${key}.max-bake`)
        if (
          wave.maxBakeMs !== undefined &&
          wave.bakeMs !== undefined &&
          wave.maxBakeMs < wave.bakeMs
        ) {
          error(
            `${key}.max-bake must not be shorter than bake`,
            w.get('max-bake')!.value,
            `${key}.max-bake`
          )
        }
        wave.maxUnavailable = positiveInt(
          w.get('max-unavailable'),
          `${key}.max-unavailable`
        )
        wave.progressDeadlineMs = duration(
          w.get('progress-deadline'),
          `${key}.progress-deadline`
        )
        wave.gate =
          oneOf(w.get('gate'), `${key}.gate`, ['none', 'manual'] as const) ??
          'none'
        wave.onInconclusive = oneOf(
          w.get('on-inconclusive'),
          `${key}.on-inconclusive`,
          ['hold', 'fail', 'pass'] as const
        )
        spec.waves!.push(wave)
      })
    }
  }

  // counts: {sjc: 3} for every group, or {app: {sjc: 3}}
  const countsPair = top.get('counts')
  if (countsPair) {
    if (!isMap(countsPair.value))
      error(
        'counts must map regions to machine counts, like { sjc: 3, lhr: 2 }',
        countsPair.value ?? countsPair.key,
        'counts'
      )
    else {
      for (const pair of countsPair.value.items as Pair<YamlNode, YamlNode>[]) {
        const k = isScalar(pair.key) ? String(pair.key.value) : ''
        if (k === '__proto__') {
          // Assigning it would replace the prototype of counts, not add a group.
          error(
            `counts: "${k}" is not a process group`,
            pair.key,
            `counts.${k}`
          )
        } else if (isMap(pair.value)) {
          const group: Record<string, number> = {}
          for (const inner of pair.value.items as Pair<YamlNode, YamlNode>[]) {
            const r = isScalar(inner.key) ? String(inner.key.value) : ''
            const n = positiveInt(inner, `counts.${k}.${r}`, 0)
            if (!/^[a-z]{3}$/.test(r))
              error(
                `counts.${k}: "${r}" is not a region code`,
                inner.key,
                `counts.${k}.${r}`
              )
            else if (n !== undefined) group[r] = n
          }
          spec.counts[k] = group
        } else {
          const n = positiveInt(pair, `counts.${k}`, 0)
          if (!/^[a-z]{3}$/.test(k))
            error(
              `counts: "${k}" is not a region code (or give a process group a mapping of regions)`,
              pair.key,
              `counts.${k}`
            )
          else if (n !== undefined) (spec.counts['*'] ??= {})[k] = n
        }
      }
    }
  }

  // probes
  const probesPair = top.get('probes')
  if (probesPair) {
    if (!isSeq(probesPair.value))
      error(
        'probes must be a list of probes',
        probesPair.value ?? probesPair.key,
        'probes'
      )
    else {
      probesPair.value.items.forEach((item, i) => {
        const key = `probes[${i}]`
        if (!isMap(item)) {
          error(`${key} must be a mapping with a path:`, item as YamlNode, key)
          return
        }
        const p = keysOf(item, PROBE_KEYS, key)
        const pathPair = p.get('path')
        const path = pathPair ? scalar(pathPair) : undefined
        if (typeof path !== 'string' || !path.startsWith('/')) {
          error(
            `${key}.path must be a path starting with /`,
            pathPair?.value ?? item,
            `${key}.path`
          )
        }
        const maxErrorRate =
          rate(p.get('max-error-rate'), `${key}.max-error-rate`) ??
          SPEC_DEFAULTS.maxErrorRate
        const probe: ProbeSpec = {
          path: typeof path === 'string' ? path : '/',
          method:
            oneOf(p.get('method'), `${key}.method`, ['GET', 'HEAD'] as const) ??
            'GET',
          intervalMs:
            duration(p.get('interval'), `${key}.interval`) ??
            SPEC_DEFAULTS.probeIntervalMs,
          timeoutMs:
            duration(p.get('timeout'), `${key}.timeout`) ??
            SPEC_DEFAULTS.probeTimeoutMs,
          headers: {},
          maxErrorRate,
          maxP95Ms: duration(p.get('max-p95'), `${key}.max-p95`),
          maxP99Ms: duration(p.get('max-p99'), `${key}.max-p99`),
          minSamples:
            positiveInt(p.get('min-samples'), `${key}.min-samples`) ??
            Math.ceil(4.6 / Math.max(maxErrorRate, 0.001))
        }
        if (probe.intervalMs < 50)
          error(
            `${key}.interval must be at least 50ms`,
            p.get('interval')?.value,
            `${key}.interval`
          )
        const expect = p.get('expect')
        if (expect) {
          const values = isSeq(expect.value)
            ? expect.value.items.map((x) => (isScalar(x) ? x.value : undefined))
            : [scalar(expect)]
          if (
            values.some(
              (v) =>
                typeof v !== 'number' ||
                !Number.isInteger(v) ||
                v < 100 ||
                v > 599
            )
          ) {
            error(
              `${key}.expect must be an HTTP status or a list of them`,
              expect.value,
              `${key}.expect`
            )
          } else probe.expect = values as number[]
        }
        const headers = p.get('headers')
        if (headers) {
          if (!isMap(headers.value))
            error(
              `${key}.headers must map header names to values`,
              headers.value,
              `${key}.headers`
            )
          else {
            for (const h of headers.value.items as Pair<YamlNode, YamlNode>[]) {
              const name = isScalar(h.key) ? String(h.key.value) : ''
              if (!HEADER_NAME.test(name) || name === '__proto__') {
                error(
                  `${key}.headers: ${JSON.stringify(name)} is not a header name`,
                  h.key,
                  `${key}.headers.${name}`
                )
              } else if (/^fly-(force|prefer)-/i.test(name)) {
                error(
                  `${key}.headers: ${name} is set by fly-rollout itself (probes are pinned per machine)`,
                  h.key,
                  `${key}.headers.${name}`
                )
              } else
                probe.headers[name] = String(
                  isScalar(h.value) ? h.value.value : ''
                )
            }
          }
        }
        spec.probes.push(probe)
      })
    }
  }

  const cmp = top.get('compare')
  if (cmp) {
    if (isScalar(cmp.value) && typeof cmp.value.value === 'boolean') {
      spec.compare.errors = spec.compare.latency = cmp.value.value
    } else if (isMap(cmp.value)) {
      const c = keysOf(cmp.value, COMPARE_KEYS, 'compare')
      spec.compare.errors = bool(c.get('errors'), 'compare.errors') ?? true
      spec.compare.latency = bool(c.get('latency'), 'compare.latency') ?? true
      spec.compare.absMargin =
        rate(c.get('abs-margin'), 'compare.abs-margin') ??
        spec.compare.absMargin
      spec.compare.relMargin =
        ratio(c.get('rel-margin'), 'compare.rel-margin') ??
        spec.compare.relMargin
      spec.compare.allowedIncrease =
        ratio(c.get('allowed-increase'), 'compare.allowed-increase') ??
        spec.compare.allowedIncrease
      spec.compare.minLatencyDeltaMs =
        duration(c.get('min-latency-delta'), 'compare.min-latency-delta') ??
        spec.compare.minLatencyDeltaMs
    } else
      error('compare must be true, false or a mapping', cmp.value, 'compare')
  }

  const id = top.get('identity')
  if (id) {
    if (isScalar(id.value) && id.value.value === false) spec.identity = false
    else if (isMap(id.value)) {
      const c = keysOf(id.value, IDENTITY_KEYS, 'identity')
      const header = (name: string, fallback: string): string => {
        const pair = c.get(name)
        if (!pair) return fallback
        const v = scalar(pair)
        if (typeof v !== 'string' || !HEADER_NAME.test(v)) {
          error(
            `identity.${name} must be a header name, like ${fallback}`,
            pair.value ?? pair.key,
            `identity.${name}`
          )
          return fallback
        }
        return v.toLowerCase()
      }
      spec.identity = {
        machineHeader: header('machine-header', 'x-fly-machine-id'),
        versionHeader: header('version-header', 'x-fly-machine-version')
      }
    } else
      error(
        'identity must be false or a mapping with machine-header and version-header',
        id.value,
        'identity'
      )
  }

  return diagnostics.some((d) => d.severity === 'error')
    ? { diagnostics }
    : { spec, diagnostics }
}
