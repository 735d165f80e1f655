import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Sim } from '../../src/sim/index.js'
import { cliIO as io, runCli } from '../helpers/cli.js'
import { liveMachines } from '../helpers/engine.js'
import { startSim } from '../helpers/sim.js'

const dir = mkdtempSync(join(tmpdir(), 'fly-rollout-cli-'))
const FLY_TOML = join(dir, 'fly.toml')
writeFileSync(
  FLY_TOML,
  `app = "demo"
primary_region = "sjc"

[env]
  LOG_LEVEL = "info"

[http_service]
  internal_port = 8080
  force_https = true
  auto_stop_machines = "off"
  auto_start_machines = true

  [[http_service.checks]]
    grace_period = "1s"
    interval = "5s"
    timeout = "2s"
    method = "GET"
    path = "/health"

[[vm]]
  size = "shared-cpu-1x"
`
)
const BAD_TOML = join(dir, 'bad.toml')
writeFileSync(
  BAD_TOML,
  `app = "demo"\n\n[http_service]\n  internal_port = 8080\n  auto_machine_start = true\n  min_machines_running = { "sjc" = 1 }\n`
)
const SPEC = `waves:\n  - regions: [sjc]\n    bake: 1s\n  - regions: ["*"]\n    bake: 1s\n`

let sim: Sim
let flags: string[]
let env: Record<string, string>
beforeAll(async () => {
  sim = await startSim({
    regions: ['sjc', 'lhr'],
    apps: [{ name: 'demo', machinesPerRegion: 2 }],
    seed: 9,
    clockScale: 10
  })
  sim.control.setImage('registry.fly.io/demo:v2', { boot: '2s' })
  flags = [
    '--api-url',
    sim.apiUrl,
    '--edge-url',
    sim.edgeUrl,
    '--registry-url',
    sim.apiUrl
  ]
  env = { FLY_API_TOKEN: sim.token }
})
afterAll(async () => {
  await sim.close()
})

describe('fly-rollout config', () => {
  test('prints the machine config per process group, offline', async () => {
    const c = io()
    expect(
      await runCli(
        ['config', FLY_TOML, '--image', 'registry.fly.io/demo:v2'],
        c
      )
    ).toBe(0)
    const groups = JSON.parse(c.out())
    expect(Object.keys(groups)).toEqual(['app'])
    expect(groups.app).toMatchObject({
      image: 'registry.fly.io/demo:v2',
      env: {
        LOG_LEVEL: 'info',
        PRIMARY_REGION: 'sjc',
        FLY_PROCESS_GROUP: 'app'
      },
      guest: { cpu_kind: 'shared', cpus: 1, memory_mb: 256 },
      metadata: { fly_platform_version: 'v2', fly_process_group: 'app' }
    })
    expect(groups.app.services[0].internal_port).toBe(8080)
  })

  test('names file:line and suggests the key Fly accepts, exit 1, no stack trace', async () => {
    const c = io()
    expect(await runCli(['config', BAD_TOML], c)).toBe(1)
    expect(c.err()).toContain(
      `${BAD_TOML}:5: error: unknown key "auto_machine_start"`
    )
    expect(c.err()).toContain('auto_start_machines')
    expect(c.err()).toMatch(
      new RegExp(`${BAD_TOML}:6: error: .*min_machines_running`)
    )
    expect(c.err()).not.toMatch(/\n\s+at /)
  })
})

describe('plan, deploy, status', () => {
  test('plan prints every change and changes nothing', async () => {
    const before = liveMachines(sim)
    const c = io(env)
    expect(
      await runCli(
        [
          'plan',
          '--config',
          FLY_TOML,
          '--image',
          'registry.fly.io/demo:v2',
          '--rollout',
          SPEC,
          ...flags
        ],
        c
      )
    ).toBe(0)
    expect(c.out()).toMatch(/Wave 1 · wave 1 · sjc/)
    expect(c.out()).toMatch(
      /~ update {2}\S+ {2}sjc {2}app {2}.*env \+LOG_LEVEL/
    )
    expect(c.out()).toContain('Plan: 4 to update, 0 to create, 0 to destroy.')
    expect(liveMachines(sim)).toEqual(before)

    const j = io(env)
    expect(
      await runCli(
        [
          'plan',
          '--json',
          '--app',
          'demo',
          '--image',
          'registry.fly.io/demo:v2',
          ...flags
        ],
        j
      )
    ).toBe(0)
    expect(
      JSON.parse(j.out()).plan.waves.map((w: { name: string }) => w.name)
    ).toEqual(['canary', 'sjc', 'everywhere else'])
  })

  test('bad input is reported before any API call: no token, unknown flag, bad spec line', async () => {
    const noToken = io()
    expect(
      await runCli(
        ['deploy', '--app', 'demo', '--image', 'x', ...flags],
        noToken
      )
    ).toBe(1)
    expect(noToken.err()).toContain('FLY_API_TOKEN is not set')

    const before = sim.control.requests().length
    const badSpec = io(env)
    expect(
      await runCli(
        [
          'deploy',
          '--app',
          'demo',
          '--image',
          'registry.fly.io/demo:v2',
          '--rollout',
          'waves:\n  - regions: [sjc]\n    bake: soon\n',
          ...flags
        ],
        badSpec
      )
    ).toBe(1)
    expect(badSpec.err()).toContain(
      '--rollout:3: error: waves[0].bake must be a duration'
    )
    expect(sim.control.requests().length).toBe(before)

    const unknown = io(env)
    expect(await runCli(['deploy', '--bogus', ...flags], unknown)).toBe(1)
    expect(unknown.err()).toContain("Unknown option '--bogus'")
  })

  test('deploy from fly.toml promotes, prints one JSON result with --json, and status shows no rollout in flight', async () => {
    const c = io(env)
    const code = await runCli(
      [
        'deploy',
        '--json',
        '--config',
        FLY_TOML,
        '--image',
        'registry.fly.io/demo:v2',
        '--rollout',
        SPEC,
        ...flags
      ],
      c
    )
    expect(c.err()).toBe('')
    expect(code).toBe(0)
    const result = JSON.parse(c.out())
    expect(result).toMatchObject({ result: 'promoted', app: 'demo' })
    expect(result.image).toMatch(
      /^registry\.fly\.io\/demo@sha256:[a-f0-9]{64}$/
    )
    expect(result.waves.map((w: { status: string }) => w.status)).toEqual([
      'promoted',
      'promoted'
    ])
    expect(result.machines).toHaveLength(4)
    expect(result.durations.totalMs).toBeGreaterThan(0)
    // The fly.toml's env reached every machine; flyctl's metadata is still there.
    for (const m of sim.control.snapshotWorld().apps[0]!.machines) {
      const cfg = m.config as {
        env: Record<string, string>
        metadata: Record<string, string>
      }
      expect(cfg.env.LOG_LEVEL).toBe('info')
      expect(cfg.metadata).toMatchObject({
        fly_platform_version: 'v2',
        fly_process_group: 'app',
        fly_release_version: '1'
      })
    }

    const s = io(env)
    expect(await runCli(['status', '--app', 'demo', ...flags], s)).toBe(0)
    expect(s.out()).toContain('no rollout in flight')

    const again = io(env)
    expect(
      await runCli(
        [
          'deploy',
          '--config',
          FLY_TOML,
          '--image',
          'registry.fly.io/demo:v2',
          '--rollout',
          SPEC,
          ...flags
        ],
        again
      )
    ).toBe(0)
    expect(again.out()).toContain('result: nothing-to-do')
  }, 60_000)

  test('on a TTY the progress is a live block redrawn in place', async () => {
    sim.control.setImage('registry.fly.io/demo:v3', { boot: '2s' })
    const c = io(env, true)
    const code = await runCli(
      [
        'deploy',
        '--app',
        'demo',
        '--image',
        'registry.fly.io/demo:v3',
        '--rollout',
        SPEC,
        ...flags
      ],
      c
    )
    expect(code).toBe(0)
    // Cursor-up + clear-below sequences redraw the wave block; the final table follows.
    // eslint-disable-next-line no-control-regex -- the ANSI escapes are what is under test
    expect(c.out()).toMatch(/\x1b\[\d+A\x1b\[J/)
    expect(c.out()).toMatch(
      /wave 1 wave 1\s+\d+\/2 machines {2}(updating|baking|promoted)/
    )
    expect(c.out()).toMatch(/result: promoted/)
  }, 60_000)
})
