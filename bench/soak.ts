/**
 * Soak (issue 6 §5): many consecutive rollouts on ONE flysim (rate limits
 * on), each with a random fault, and after each a consistency check of the
 * whole fleet. Not part of `npm run bench`; run it with `npm run soak`.
 *
 *   npm run soak                      50 rollouts, a fresh seed (printed)
 *   npm run soak -- --seed 1234       replay a run exactly as far as the PRNG goes
 *   SOAK_SEED=1234 SOAK_RUNS=10 npm run soak
 *
 * Faults, drawn from a seeded PRNG (mulberry32): good releases; bad images
 * (crash on boot, crash loop after start, failing checks, probe errors);
 * 5xx and 429 bursts and connection resets on a random Machines API call;
 * a lease held by another process (short: waited out; long: a conflict);
 * a region whose hosts refuse updates. A third of the good and bad releases
 * also get a request fault on top.
 *
 * Consistent, after each rollout:
 * - every machine is on exactly its pre-rollout config (rolled back or
 *   untouched), or on the pre-rollout config with the new image (promoted),
 *   and the whole fleet on one side, the side the outcome names;
 * - every machine is in its pre-rollout state (none stopped that ran);
 * - the same machine ids: none destroyed, none extra;
 * - no lease of ours left (the foreign one of a lease fault aside);
 * - no rollout left in flight in the machines' marks.
 *
 * Writes bench/results/soak.json (the same record shape as `npm run bench`).
 */
import { randomInt } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import os from 'node:os'
import { canonicalJson, normalizeConfig } from '../src/core/normalize.js'
import { inFlightRollouts } from '../src/core/planner.js'
import type { MachineConfig } from '../src/core/types.js'
import type { RolloutOutcome } from '../src/orchestrator/run-rollout.js'
import { startSim, type Sim } from '../src/sim/index.js'
import { rollbackRollout } from '../src/orchestrator/resume.js'
import { pad, regionCodes, runEngine, simPorts } from './harness.js'

const argv = process.argv.slice(2)
const arg = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`)
  return i >= 0 ? argv[i + 1] : undefined
}
const SEED = Number(arg('seed') ?? process.env.SOAK_SEED ?? randomInt(2 ** 31))
const RUNS = Number(arg('runs') ?? process.env.SOAK_RUNS ?? 50)
const SCALE = Number(arg('scale') ?? process.env.SOAK_SCALE ?? 25)
for (const [k, v] of Object.entries({ seed: SEED, runs: RUNS, scale: SCALE }))
  if (!Number.isInteger(v) || v < (k === 'seed' ? 0 : 1)) {
    console.error(`soak: --${k} must be a non-negative integer, got ${v}`)
    process.exit(2)
  }

const APP = 'demo'
const REGIONS = regionCodes(3)
const PER_REGION = 2
const BOOT = '3s'
const SPEC = `
waves:
  - name: canary
    regions: [${REGIONS[0]}]
    machines: 1
    bake: 10s
  - name: rest
    regions: ["*"]
    bake: 10s
probes:
  - path: /health
    interval: 100ms
    max-error-rate: 10%
`

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const rng = mulberry32(SEED)
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!
const between = (lo: number, hi: number) =>
  lo + Math.floor(rng() * (hi - lo + 1))

/** Kind is one soak scenario: what the new image does, and what breaks around it. */
type Kind =
  | 'good'
  | 'bad-boot'
  | 'bad-crash-loop'
  | 'bad-checks'
  | 'bad-probes'
  | 'burst-5xx'
  | 'burst-429'
  | 'reset'
  | 'lease-short'
  | 'lease-long'
  | 'region-refuses'

/** Weights: good releases most often, each fault often enough to show up in 50. */
const KINDS: [Kind, number][] = [
  ['good', 6],
  ['bad-boot', 2],
  ['bad-crash-loop', 2],
  ['bad-checks', 2],
  ['bad-probes', 2],
  ['burst-5xx', 3],
  ['burst-429', 3],
  ['reset', 3],
  ['lease-short', 1],
  ['lease-long', 1],
  ['region-refuses', 2]
]
function drawKind(): Kind {
  const total = KINDS.reduce((s, [, w]) => s + w, 0)
  let r = rng() * total
  for (const [k, w] of KINDS) if ((r -= w) < 0) return k
  return 'good'
}

/** What each bad image does (the rest boot and serve like the old one). */
const BEHAVIOR: Partial<Record<Kind, Record<string, string | number>>> = {
  'bad-boot': { crash: 'boot', exitCode: 3 },
  'bad-crash-loop': { crash: 'after:4s', exitCode: 1 },
  'bad-checks': { health: 'failing' },
  'bad-probes': { errorRate: 0.5 }
}

/** The Machines API calls a request fault may hit (flysim path globs). */
const TARGETS: { op: string; method: string; path: string }[] = [
  { op: 'list', method: 'GET', path: `/v1/apps/${APP}/machines` },
  { op: 'get', method: 'GET', path: `/v1/apps/${APP}/machines/*` },
  { op: 'update', method: 'POST', path: `/v1/apps/${APP}/machines/*` },
  { op: 'wait', method: 'GET', path: `/v1/apps/${APP}/machines/*/wait` },
  { op: 'lease', method: 'POST', path: `/v1/apps/${APP}/machines/*/lease` },
  { op: 'release', method: 'DELETE', path: `/v1/apps/${APP}/machines/*/lease` },
  {
    op: 'metadata',
    method: 'POST',
    path: `/v1/apps/${APP}/machines/*/metadata/*`
  },
  { op: 'versions', method: 'GET', path: `/v1/apps/${APP}/machines/*/versions` }
]

/** RequestFault is a burst armed on one call: `times` answers of a status, or resets. */
interface ArmedFault {
  op: string
  what: string
  times: number
}

function armRequestFault(sim: Sim, what: '5xx' | '429' | 'reset'): ArmedFault {
  const t = pick(TARGETS)
  const times = between(1, what === '429' ? 6 : 3)
  const status = what === '5xx' ? pick([500, 502, 503]) : 429
  sim.control.failRequests({
    method: t.method,
    path: t.path,
    times,
    ...(what === 'reset' ? { reset: true } : { status })
  })
  return {
    op: t.op,
    what: what === 'reset' ? 'reset' : String(status),
    times
  }
}

/** FleetMachine is what the consistency check compares, per machine. */
interface FleetMachine {
  config: MachineConfig
  state: string
  digest: string
  lease?: { expiresAt: number }
}

function fleet(sim: Sim): Map<string, FleetMachine> {
  const app = sim.control.snapshotWorld().apps.find((a) => a.name === APP)!
  return new Map(
    app.machines
      .filter((m) => m.state !== 'destroyed')
      .map((m) => [
        m.id,
        {
          config: m.config as MachineConfig,
          state: m.state,
          digest: m.imageDigest,
          lease: m.lease
        }
      ])
  )
}

/** sameExceptImage: the normalized configs agree on everything but `image`. */
function sameExceptImage(a: MachineConfig, b: MachineConfig): boolean {
  const strip = (c: MachineConfig) => {
    const { image: _image, ...rest } = normalizeConfig(c)
    return canonicalJson(rest)
  }
  return strip(a) === strip(b)
}

/** Check is one rollout's consistency verdict and what, if anything, leaked. */
interface Check {
  consistent: boolean
  side: 'old' | 'new' | 'mixed'
  problems: string[]
  leakedLeases: number
  strayMachines: number
  missingMachines: number
  inFlight: number
}

function check(
  before: Map<string, FleetMachine>,
  after: Map<string, FleetMachine>,
  outcome: RolloutOutcome | undefined,
  newDigest: string | undefined,
  foreign: { machine: string; expiresAt: number } | undefined,
  sim: Sim
): Check {
  const problems: string[] = []
  const stray = [...after.keys()].filter((id) => !before.has(id))
  const missing = [...before.keys()].filter((id) => !after.has(id))
  for (const id of stray) problems.push(`${id}: extra machine`)
  for (const id of missing) problems.push(`${id}: machine gone`)
  const sides = new Set<'old' | 'new'>()
  for (const [id, b] of before) {
    const a = after.get(id)
    if (!a) continue
    if (a.state !== b.state) problems.push(`${id}: ${b.state} → ${a.state}`)
    const old =
      canonicalJson(normalizeConfig(a.config)) ===
        canonicalJson(normalizeConfig(b.config)) && a.digest === b.digest
    const promoted =
      !old &&
      newDigest !== undefined &&
      a.digest === newDigest &&
      sameExceptImage(a.config, b.config)
    if (old) sides.add('old')
    else if (promoted) sides.add('new')
    else problems.push(`${id}: on neither its old config nor the new one`)
  }
  const side = sides.size === 1 ? [...sides][0]! : 'mixed'
  if (sides.size > 1) problems.push('fleet split between old and new')
  const result = outcome?.result
  if (side === 'new' && result !== 'promoted')
    problems.push(`fleet promoted, but the outcome is ${result ?? 'a throw'}`)
  if (side === 'old' && result === 'promoted' && newDigest)
    problems.push('outcome promoted, but the fleet is on the old release')
  const leases = sim.control
    .outstandingLeases()
    .filter(
      (l) =>
        l.app === APP &&
        !(
          foreign &&
          l.machine === foreign.machine &&
          l.expiresAt === foreign.expiresAt
        )
    )
  for (const l of leases) problems.push(`${l.machine}: lease left`)
  const flying = inFlightRollouts(
    [...after].map(([id, m]) => ({ id, config: m.config }))
  )
  for (const f of flying)
    problems.push(
      `rollout ${f.rolloutId} left in flight on ${f.machines.length}`
    )
  return {
    consistent: problems.length === 0,
    side,
    problems,
    leakedLeases: leases.length,
    strayMachines: stray.length,
    missingMachines: missing.length,
    inFlight: flying.length
  }
}

/** RunRow is one rollout of the soak. */
interface RunRow {
  n: number
  kind: Kind
  faults: string[]
  result: string
  reason?: string
  side: string
  consistent: boolean
  problems: string[]
  /** After an inconsistent run: how `fly-rollout rollback` left the fleet. */
  repaired?: string
  virtualS: number
  realMs: number
}

/** repair rolls back a rollout left in flight, as `fly-rollout rollback` would. */
async function repair(sim: Sim): Promise<string> {
  const { ports, prober } = simPorts(sim)
  try {
    const r = await rollbackRollout(ports, { app: APP })
    return !r
      ? 'nothing to roll back'
      : r.report.complete
        ? 'rolled back'
        : 'rollback incomplete'
  } catch (e) {
    return `rollback threw: ${(e as Error).message}`
  } finally {
    prober.close()
  }
}

async function lease(
  sim: Sim,
  machine: string,
  ttlS: number
): Promise<{ nonce: string; expiresAt: number }> {
  const res = await fetch(
    `${sim.apiUrl}/v1/apps/${APP}/machines/${machine}/lease`,
    {
      method: 'POST',
      headers: {
        authorization: `Bearer ${sim.token}`,
        'content-type': 'application/json'
      },
      body: JSON.stringify({ ttl: ttlS, description: 'ops-bot (manual fix)' })
    }
  )
  const body = (await res.json()) as {
    data?: { nonce: string; expires_at: number }
  }
  if (!res.ok || !body.data) throw new Error(`lease: HTTP ${res.status}`)
  return { nonce: body.data.nonce, expiresAt: body.data.expires_at }
}

async function release(sim: Sim, machine: string, nonce: string) {
  await fetch(`${sim.apiUrl}/v1/apps/${APP}/machines/${machine}/lease`, {
    method: 'DELETE',
    headers: {
      authorization: `Bearer ${sim.token}`,
      'fly-machine-lease-nonce': nonce
    }
  })
}

export interface SoakResult {
  seed: number
  runs: number
  clockScale: number
  regions: string[]
  machines: number
  spec: string
  consistent: number
  byKind: Record<string, { runs: number; consistent: number }>
  byResult: Record<string, number>
  leaks: {
    leases: number
    strayMachines: number
    missingMachines: number
    inFlight: number
  }
  realMs: number
  virtualS: number
  rows: RunRow[]
}

export async function soak(): Promise<SoakResult> {
  const sim = await startSim({
    regions: REGIONS,
    apps: [
      {
        name: APP,
        regions: REGIONS,
        machinesPerRegion: PER_REGION,
        image: `registry.fly.io/${APP}:soak-0`
      }
    ],
    seed: SEED,
    clockScale: SCALE,
    rateLimits: true
  })
  sim.control.setImage(`registry.fly.io/${APP}:soak-0`, { boot: BOOT })
  const rows: RunRow[] = []
  const t0 = performance.now()
  const v0 = sim.control.clock.now()
  let virtualMs: number
  try {
    for (let n = 1; n <= RUNS; n++) {
      const kind = drawKind()
      const image = `registry.fly.io/${APP}:soak-${n}`
      const behavior = BEHAVIOR[kind] ?? {}
      const img = sim.control.setImage(image, { boot: BOOT, ...behavior })
      const before = fleet(sim)
      const ids = [...before.keys()]
      const faults: string[] = []
      let foreign:
        { machine: string; nonce: string; expiresAt: number } | undefined
      const arm = (what: '5xx' | '429' | 'reset') => {
        const f = armRequestFault(sim, what)
        faults.push(`${f.what}×${f.times} on ${f.op}`)
      }
      if (kind === 'burst-5xx') arm('5xx')
      else if (kind === 'burst-429') arm('429')
      else if (kind === 'reset') arm('reset')
      else if (kind === 'lease-short' || kind === 'lease-long') {
        const machine = pick(ids)
        // The engine retries someone else's lease 3 times over 30 s.
        const ttl = kind === 'lease-short' ? between(5, 20) : 600
        const l = await lease(sim, machine, ttl)
        foreign = { machine, ...l }
        faults.push(`lease ${ttl}s on ${machine}`)
      } else if (kind === 'region-refuses') {
        const region = pick(REGIONS)
        sim.control.refuseUpdates(region)
        faults.push(`${region} refuses updates`)
      } else if (rng() < 1 / 3) arm(pick(['5xx', '429', 'reset'] as const))

      const r0 = performance.now()
      const vt = sim.control.clock.now()
      let outcome: RolloutOutcome | undefined
      let thrown: string | undefined
      try {
        const rec = await runEngine(sim, image, SPEC, {
          primaryRegion: REGIONS[0]!
        })
        outcome = rec.outcome
      } catch (e) {
        thrown = (e as Error).message
      }
      const realMs = Math.round(performance.now() - r0)
      const virtualS = Math.round((sim.control.clock.now() - vt) / 1000)
      // Faults off before judging: what is left must be the engine's doing.
      sim.control.clearFaults()
      const c = check(before, fleet(sim), outcome, img.digest, foreign, sim)
      if (foreign) await release(sim, foreign.machine, foreign.nonce)
      // An inconsistent run would poison the next ones: undo it with the
      // engine's own rollback (the `fly-rollout rollback` path) and go on.
      const repaired = c.inFlight ? await repair(sim) : undefined
      const row: RunRow = {
        n,
        kind,
        faults,
        result: outcome?.result ?? 'threw',
        reason: outcome?.reason ?? thrown,
        side: c.side,
        consistent: c.consistent,
        problems: c.problems,
        ...(repaired ? { repaired } : {}),
        virtualS,
        realMs
      }
      rows.push(row)
      printRow(row)
      Object.assign(leaks, {
        leases: leaks.leases + c.leakedLeases,
        strayMachines: leaks.strayMachines + c.strayMachines,
        missingMachines: leaks.missingMachines + c.missingMachines,
        inFlight: leaks.inFlight + c.inFlight
      })
    }
  } finally {
    virtualMs = sim.control.clock.now() - v0
    await sim.close()
  }
  const byKind: SoakResult['byKind'] = {}
  const byResult: Record<string, number> = {}
  for (const r of rows) {
    const k = (byKind[r.kind] ??= { runs: 0, consistent: 0 })
    k.runs++
    if (r.consistent) k.consistent++
    byResult[r.result] = (byResult[r.result] ?? 0) + 1
  }
  return {
    seed: SEED,
    runs: RUNS,
    clockScale: SCALE,
    regions: REGIONS,
    machines: REGIONS.length * PER_REGION,
    spec: SPEC.trim(),
    consistent: rows.filter((r) => r.consistent).length,
    byKind,
    byResult,
    leaks,
    realMs: Math.round(performance.now() - t0),
    virtualS: Math.round(virtualMs / 1000),
    rows
  }
}

const leaks = { leases: 0, strayMachines: 0, missingMachines: 0, inFlight: 0 }

function printRow(r: RunRow): void {
  console.log(
    `${pad(r.n, 3)}  ${pad(r.kind, 15, true)} ${pad(r.faults.join('; ') || '—', 30, true)} ${pad(r.result, 12, true)} ${pad(r.side, 5, true)} ${pad(`${r.virtualS}s`, 6)} ${pad(`${(r.realMs / 1000).toFixed(1)}s`, 6)}  ${r.consistent ? 'ok' : `INCONSISTENT: ${r.problems.join('; ')}${r.repaired ? ` (then ${r.repaired})` : ''}`}`
  )
}

function printSummary(s: SoakResult): void {
  console.log(
    `\nsoak: ${s.consistent}/${s.runs} rollouts ended consistent (seed ${s.seed}, ${s.machines} machines in ${s.regions.length} regions, clock ×${s.clockScale}, ${Math.round(s.realMs / 1000)} s real, ${s.virtualS} s virtual)\n`
  )
  console.log('| Kind | Runs | Consistent |')
  console.log('|---|---:|---:|')
  for (const [k, v] of Object.entries(s.byKind).sort())
    console.log(`| ${k} | ${v.runs} | ${v.consistent} |`)
  console.log('\n| Result | Runs |\n|---|---:|')
  for (const [k, v] of Object.entries(s.byResult).sort())
    console.log(`| ${k} | ${v} |`)
  console.log(
    `\n| Leaked | Count |\n|---|---:|\n| leases | ${s.leaks.leases} |\n| stray machines | ${s.leaks.strayMachines} |\n| machines gone | ${s.leaks.missingMachines} |\n| rollouts in flight | ${s.leaks.inFlight} |`
  )
}

console.log(
  `soak: ${RUNS} rollouts, seed ${SEED} (replay: npm run soak -- --seed ${SEED}), clock ×${SCALE}\n`
)
const at = new Date().toISOString()
const loadBefore = os.loadavg()
const result = await soak()
printSummary(result)
await mkdir('bench/results', { recursive: true })
await writeFile(
  'bench/results/soak.json',
  JSON.stringify(
    {
      name: 'soak',
      at,
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? '',
        node: process.version,
        platform: `${os.platform()} ${os.release()}`
      },
      realMs: result.realMs,
      loadavg: { before: loadBefore, after: os.loadavg() },
      result
    },
    null,
    2
  ) + '\n'
)
console.log('\nwrote bench/results/soak.json')
if (result.consistent < result.runs) process.exitCode = 1
