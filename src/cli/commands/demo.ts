import { parseArgs } from 'node:util'
import { canonicalJson } from '../../core/normalize.js'
import { renderPlanText } from '../../core/render.js'
import {
  runRollout,
  type RolloutOutcome
} from '../../orchestrator/run-rollout.js'
import { startSim, type Sim } from '../../sim/index.js'
import { composePorts, loadRelease, loadSpec } from '../compose.js'
import type { CommonFlags } from '../flags.js'
import { UsageError, type CliIO } from '../io.js'
import { createReporter, renderOutcome } from '../reporter.js'

const REGIONS = ['sjc', 'lhr', 'syd']

/** The demo's rollout spec: the default waves with short bakes, and a probe strict enough to judge in seconds. */
export const DEMO_SPEC = `waves:
  - name: canary
    regions: [sjc]
    machines: 1
    bake: 30s
  - name: sjc
    regions: [sjc]
    bake: 15s
  - name: everywhere else
    regions: ["*"]
    bake: 15s
probes:
  - path: /health
    interval: 250ms
    max-error-rate: 5%
    max-p95: 400ms
`

const usage = `Usage: fly-rollout demo [--time-scale X]

Starts flysim (an app with two machines in each of sjc, lhr and syd), rolls a
good release v2 out wave by wave (promoted), then a v3 whose canary fails its
probes (rolled back: every machine back on v2 exactly). Virtual time runs
--time-scale times faster than real time (default 10).
`

/**
 * demoCommand tells the product's two main stories on an embedded flysim,
 * printing the plan, the live progress and the final tables. Exit 0 when
 * both stories end as they should.
 */
export async function demoCommand(argv: string[], io: CliIO): Promise<number> {
  let scale = 10
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        'time-scale': { type: 'string' },
        help: { type: 'boolean', short: 'h' }
      },
      strict: true
    })
    if (values.help) {
      io.stdout(usage)
      return 0
    }
    if (values['time-scale'] !== undefined) scale = Number(values['time-scale'])
    if (!(scale > 0)) throw new Error(`--time-scale must be a number above 0`)
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n\n${usage}`)
  }
  const say = (...lines: string[]): void =>
    io.stdout((lines.length ? lines : ['']).join('\n') + '\n')
  say(
    'flysim: a local Fly.io — Machines API, edge proxy, machines serving HTTP on loopback'
  )
  const sim = await startSim({
    regions: REGIONS,
    apps: [{ name: 'demo', machinesPerRegion: 2 }],
    seed: 7,
    clockScale: scale
  })
  try {
    say(
      `  ${sim.apiUrl}/v1 · edge ${sim.edgeUrl} · ${REGIONS.join(', ')} × 2 machines · time ×${scale}`
    )
    // v1 (running), v2 and v3 answer alike but for v3's errors.
    const v1 = sim.control.snapshotWorld().apps[0]!.machines[0]!.config as {
      image: string
    }
    sim.control.setImage(v1.image, { boot: '2s', latency: '20ms/60ms' })
    sim.control.setImage('registry.fly.io/demo:v2', {
      boot: '2s',
      latency: '20ms/60ms'
    })
    sim.control.setImage('registry.fly.io/demo:v3', {
      boot: '2s',
      latency: '20ms/60ms',
      errorRate: 0.3
    })

    say('', '━━ Story 1: a good release, v2 ━━')
    const good = await deploy(sim, io, 'registry.fly.io/demo:v2')
    const promoted = good.result === 'promoted'
    const afterV2 = sim.control.snapshotWorld()

    say('', '━━ Story 2: a bad release, v3 (30 % of its answers are 500s) ━━')
    const bad = await deploy(sim, io, 'registry.fly.io/demo:v3')
    const after = sim.control.snapshotWorld()
    const exact = sameMachines(afterV2, after)
    say('', 'every machine after the rollback, compared with before v3:')
    for (const m of after.apps[0]!.machines.filter(
      (x) => x.state !== 'destroyed'
    )) {
      const before = afterV2.apps[0]!.machines.find((x) => x.id === m.id)
      const same =
        before !== undefined &&
        canonicalJson(before.config) === canonicalJson(m.config) &&
        before.state === m.state
      say(
        `  ${m.id}  ${m.region}  ${m.state.padEnd(8)} ${m.imageDigest.slice(7, 19)}  ${same ? 'exactly as before' : 'DIFFERENT'}`
      )
    }
    const ok = promoted && bad.result === 'rolled-back' && exact
    say(
      '',
      ok
        ? 'demo: v2 promoted; v3 rolled back, every machine exactly as before.'
        : 'demo: something did not end as it should (see above).'
    )
    return ok ? 0 : 1
  } finally {
    await sim.close()
  }
}

async function deploy(
  sim: Sim,
  io: CliIO,
  image: string
): Promise<RolloutOutcome> {
  const flags: CommonFlags = {
    app: 'demo',
    image,
    rollout: DEMO_SPEC,
    apiUrl: sim.apiUrl,
    edgeUrl: sim.edgeUrl,
    registryUrl: sim.apiUrl,
    json: false,
    yes: true,
    debug: false,
    positionals: []
  }
  const spec = loadSpec(DEMO_SPEC).spec!
  const inputs = await loadRelease(flags, sim.token)
  const { ports, prober } = composePorts(flags, sim.token, io, {
    clock: sim.control.clock,
    identity: spec.identity
  })
  const reporter = createReporter(io, { json: false })
  try {
    let printed = false
    const outcome = await runRollout(
      {
        app: inputs.app,
        release: inputs.release,
        spec,
        onEvent: (e) => {
          if (e.type === 'planned' && !printed) {
            printed = true
            io.stdout(renderPlanText(e.plan) + '\n')
          }
          reporter.onEvent(e)
        }
      },
      ports
    )
    io.stdout(renderOutcome(outcome))
    return outcome
  } finally {
    prober.close()
  }
}

/** sameMachines says whether two snapshots hold the same live machines with the same configs and states. */
function sameMachines(
  a: ReturnType<Sim['control']['snapshotWorld']>,
  b: ReturnType<Sim['control']['snapshotWorld']>
): boolean {
  const live = (s: typeof a) =>
    s.apps[0]!.machines.filter((m) => m.state !== 'destroyed')
      .map((m) =>
        canonicalJson({
          id: m.id,
          config: m.config,
          state: m.state,
          image: m.imageDigest
        })
      )
      .sort()
  return JSON.stringify(live(a)) === JSON.stringify(live(b))
}
