import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync
} from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import type { Sim } from '../../src/sim/index.js'
import { startSim } from '../helpers/sim.js'
import { liveMachines } from '../helpers/engine.js'
import { leaks } from '../helpers/leak-collector.js'
import { edge } from '../helpers/sim-client.js'
import { runnerDirs, startStep, type RunnerDirs } from '../helpers/runner.js'

/**
 * The bundled action (dist/index.js, dist/post.js) run as the runner runs it,
 * against flysim and its flyctl release server. flysim runs ×10; the action
 * keeps real time.
 */
const SPEC = `waves:
  - name: canary
    regions: [sjc]
    machines: 1
    bake: 2s
  - regions: ["*"]
    bake: 2s
`
const PROBED_SPEC = `${SPEC}probes:
  - path: /health
    interval: 50ms
    max-error-rate: 10%
`

let sim: Sim
let dirs: RunnerDirs
beforeEach(async () => {
  sim = await startSim({
    regions: ['sjc', 'lhr'],
    apps: [{ name: 'demo', machinesPerRegion: 2 }],
    seed: 21,
    clockScale: 10
  })
  sim.control.setImage('registry.fly.io/demo:good', { boot: '2s' })
  sim.control.setImage('registry.fly.io/demo:bad', {
    boot: '2s',
    errorRate: 0.6
  })
  dirs = runnerDirs()
})
afterEach(async () => {
  await sim.close()
})

function inputs(extra: Record<string, string> = {}): Record<string, string> {
  return {
    'api-token': sim.token,
    app: 'demo',
    'api-url': sim.apiUrl,
    'edge-url': sim.edgeUrl,
    'registry-url': sim.apiUrl,
    'flyctl-releases-url': sim.releasesUrl,
    'flyctl-version': '0.3.214',
    'install-flyctl': 'true',
    build: 'remote',
    rollback: 'auto',
    'on-cancel': 'rollback',
    'dry-run': 'false',
    'working-directory': '.',
    rollout: SPEC,
    ...extra
  }
}

async function downloads(): Promise<number> {
  const d = (await (
    await fetch(`${sim.adminUrl}/releases/downloads`)
  ).json()) as { assets: number }
  return d.assets
}

describe('the action', () => {
  test('builds remotely through flyctl, rolls out wave by wave, and reports outputs and a job summary', async () => {
    writeFileSync(
      join(dirs.workspace, 'fly.toml'),
      'app = "demo"\nprimary_region = "sjc"\n\n[http_service]\n  internal_port = 8080\n\n  [[http_service.checks]]\n    grace_period = "1s"\n    interval = "5s"\n    timeout = "2s"\n    path = "/health"\n'
    )
    writeFileSync(
      join(dirs.workspace, 'Dockerfile'),
      'FROM node:20-slim\nLABEL sim.boot=1s\nCMD ["node", "server.js"]\n'
    )

    const main = startStep(
      'index',
      dirs,
      inputs({ config: 'fly.toml', 'image-label': 'v2' })
    )
    const { code } = await main.exited

    expect(main.stdout()).not.toMatch(/::error::/)
    expect(code).toBe(0)
    const { outputs, summary, path } = main.files()
    expect(outputs).toMatchObject({
      result: 'promoted',
      'flyctl-version': '0.3.214',
      url: 'https://demo.fly.dev',
      'rollback-reason': ''
    })
    expect(outputs.image).toMatch(
      /^registry\.fly\.io\/demo@sha256:[a-f0-9]{64}$/
    )
    expect(
      JSON.parse(outputs.waves!).map((w: { status: string }) => w.status)
    ).toEqual(['promoted', 'promoted'])
    expect(
      path.some((p) => p.startsWith(join(dirs.toolCache, 'flyctl', '0.3.214')))
    ).toBe(true)
    expect(summary).toContain('## fly-rollout: demo')
    expect(summary).toContain('```mermaid')
    // Log groups per wave, as the runner folds them.
    expect(main.stdout()).toMatch(/::group::wave 1 \(canary\): sjc/)
    const digest = outputs.image!.split('@')[1]
    expect(
      Object.values(liveMachines(sim)).every((m) => m.image === digest)
    ).toBe(true)
    // The image was built from the Dockerfile's labels.
    expect(
      sim.control.images().find((i) => i.digest === digest)?.behavior.bootMs
    ).toBe(1000)
  }, 90_000)

  test('a bad release is rolled back: the step fails and the outputs say why', async () => {
    const before = liveMachines(sim)

    const main = startStep(
      'index',
      dirs,
      inputs({ image: 'registry.fly.io/demo:bad', rollout: PROBED_SPEC })
    )
    const { code } = await main.exited

    expect(code).toBe(1)
    const { outputs, summary } = main.files()
    expect(outputs.result).toBe('rolled-back')
    expect(outputs['rollback-reason']).toMatch(/wave 1 \(canary\).*error rate/)
    expect(main.stdout()).toMatch(/::error::fly-rollout: rolled-back/)
    expect(summary).toContain('Rollback')
    expect(liveMachines(sim)).toEqual(before)
  }, 90_000)

  test('cancelled mid-wave (SIGINT), the post step puts every machine back', async () => {
    const before = liveMachines(sim)
    const main = startStep(
      'index',
      dirs,
      inputs({
        image: 'registry.fly.io/demo:good',
        rollout: SPEC.replace('bake: 2s', 'bake: 30s')
      })
    )
    await expect
      .poll(() => main.stdout(), { timeout: 60_000, interval: 50 })
      .toMatch(/updated \S+ \(sjc\)/)

    main.child.kill('SIGINT')
    await main.exited
    const { state } = main.files()
    expect(state.phase).toMatch(/running|interrupted/)
    expect(state['rollout-id']).toMatch(/^[0-9A-Z]{26}$/)

    const post = startStep('post', dirs, inputs(), { state })
    const { code } = await post.exited

    expect(code).toBe(0)
    expect(post.stdout()).toMatch(
      /rolled back: every machine is back as it was/
    )
    expect(liveMachines(sim)).toEqual(before)
    await expect
      .poll(() => sim.control.outstandingLeases(), { timeout: 20_000 })
      .toEqual([])
  }, 120_000)

  test('a flyctl asset whose checksum does not match is refused before anything is extracted, and nothing changes', async () => {
    const before = liveMachines(sim)
    await fetch(`${sim.adminUrl}/faults`, {
      method: 'POST',
      body: JSON.stringify({
        kind: 'flyctl-tamper',
        version: '0.3.214',
        asset: 'flyctl_0.3.214_Linux_x86_64.tar.gz'
      })
    })

    const main = startStep(
      'index',
      dirs,
      inputs({ image: 'registry.fly.io/demo:good' })
    )
    const { code } = await main.exited

    expect(code).toBe(1)
    expect(main.stdout()).toMatch(
      /::error::fly-rollout failed: .*checksum.*flyctl_0\.3\.214_Linux_x86_64\.tar\.gz/i
    )
    expect(main.stdout()).toMatch(/[a-f0-9]{64}.*[a-f0-9]{64}/)
    expect(existsSync(join(dirs.toolCache, 'flyctl', '0.3.214'))).toBe(false)
    expect(
      readdirSync(dirs.temp).flatMap((d) => readdirSync(join(dirs.temp, d)))
    ).not.toContain('flyctl')
    expect(liveMachines(sim)).toEqual(before)
  }, 60_000)

  test('a warm tool cache installs flyctl without downloading anything', async () => {
    const first = startStep(
      'index',
      dirs,
      inputs({ image: 'registry.fly.io/demo:good', 'dry-run': 'true' })
    )
    expect((await first.exited).code).toBe(0)
    const afterFirst = await downloads()

    const second = startStep(
      'index',
      dirs,
      inputs({ image: 'registry.fly.io/demo:good', 'dry-run': 'true' })
    )
    expect((await second.exited).code).toBe(0)

    expect(afterFirst).toBeGreaterThan(0)
    expect(await downloads()).toBe(afterFirst)
    expect(second.files().outputs.result).toBe('planned')
  }, 60_000)

  test('secrets with spaces, quotes and newlines arrive intact, and no value appears anywhere it must not', async () => {
    const values = {
      DATABASE_URL:
        'postgres://user:p@ss word=with spaces@db:5432/app?sslmode=require',
      QUOTED: `it's "quoted" and 'single' = fine`,
      PEM_KEY:
        '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----'
    }
    // The stand-in flyctl logs every argv under $HOME/.fly (flyctl's own home).
    const home = mkdtempSync(join(dirs.root, 'home-'))
    const argvLog = join(home, '.fly', 'flysim-argv.jsonl')
    writeFileSync(
      join(dirs.workspace, 'Dockerfile'),
      'FROM scratch\nLABEL sim.boot=1s\n'
    )
    const step = startStep(
      'index',
      dirs,
      inputs({
        secrets: JSON.stringify({
          ...values,
          GITHUB_TOKEN: 'ghs_notforwardedever'
        }),
        'secrets-include': 'DATABASE_URL, QUOTED, PEM_*',
        'image-label': 'v3'
      }),
      { env: { HOME: home } }
    )
    const { code } = await step.exited
    expect(step.stdout()).not.toMatch(/::error::/)
    expect(code).toBe(0)

    // Each value reached every machine exactly (the app answers sha256 digests of its env).
    const { createHash } = await import('node:crypto')
    for (const id of Object.keys(liveMachines(sim))) {
      const r = await edge(sim, 'demo', '/.flysim/env', {
        'fly-force-instance-id': id
      })
      const env = (r.body as { env: Record<string, string> }).env
      for (const [k, v] of Object.entries(values))
        expect(env[k]).toBe(createHash('sha256').update(v).digest('hex'))
      expect(env.GITHUB_TOKEN).toBeUndefined()
    }
    // No value, nor the token, in any log line, output, summary, state,
    // flyctl argv or request the API saw; every value masked before anything
    // else was logged. The automatic scan (leak-collector.ts) checks this when
    // the test ends; checked here too, to prove it read the argv log.
    const scan = leaks().check()
    expect(scan.problems).toEqual([])
    expect(scan.scanned).toContain(argvLog)
    expect(scan.scanned).toContain(`flysim ${sim.apiUrl} requests`)
    expect(scan.secrets).toBeGreaterThanOrEqual(5)
    expect(readFileSync(argvLog, 'utf8')).toContain('deploy')
    expect(step.files().summary).toContain('DATABASE_URL')
  }, 90_000)
})
