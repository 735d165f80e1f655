import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { FlyctlIO } from '../../src/sim/flyctl/io.js'
import { run } from '../../src/sim/flyctl/run.js'
import { startSim, type Sim } from '../../src/sim/index.js'
import { api } from '../helpers/sim-client.js'

/**
 * The stand-in flyctl's `postgres attach|detach <PG APP> -a <app>` against
 * an unmanaged cluster, with flyctl's flags, checks and non-interactive
 * refusals (superfly/flyctl internal/command/postgres), and `deploy
 * --no-cache`.
 */
interface Result {
  code: number
  stdout: string
  stderr: string
}

const PG = 'legacy-db'
let sim: Sim
let env: Record<string, string>
let scratch: string

/** TTY is a terminal's stdin: flyctl could prompt. */
const TTY: FlyctlIO['stdin'] = { isTTY: true, text: async () => '' }

async function invoke(
  argv: string[],
  options: { stdin?: FlyctlIO['stdin']; cwd?: string } = {}
): Promise<Result> {
  let stdout = ''
  let stderr = ''
  const code = await run(argv, {
    env,
    stdin: options.stdin ?? '',
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    fetch: globalThis.fetch,
    cwd: options.cwd ?? scratch
  })
  return { code, stdout, stderr }
}

async function databaseUrl(app: string): Promise<string | undefined> {
  const res = await api(
    sim,
    'GET',
    `/v1/apps/${app}/secrets/DATABASE_URL?show_secrets=true`
  )
  return res.status === 200 ? (res.body.value as string) : undefined
}

let n = 0
/** freshApp creates an empty app for one test. */
async function freshApp(): Promise<string> {
  const name = `pr-${++n}-web`
  const res = await api(sim, 'POST', '/v1/apps', {
    name,
    org_slug: 'personal'
  })
  expect(res.status).toBe(201)
  return name
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'flysim-flyctl-pg-'))
  sim = await startSim({
    regions: ['sjc'],
    apps: [{ name: 'demo' }],
    clockScale: 0,
    rateLimits: false
  })
  sim.control.createPostgresCluster({
    name: PG,
    region: 'sjc',
    managed: false
  })
  env = { FLY_API_TOKEN: sim.token, FLY_FLAPS_BASE_URL: sim.apiUrl }
})

afterAll(async () => {
  await sim?.close()
  rmSync(scratch, { recursive: true, force: true })
})

describe('postgres attach', () => {
  test("attaches, sets DATABASE_URL and prints it as flyctl does (flyctl's output is a secret)", async () => {
    // Arrange
    const app = await freshApp()
    sim.control.clearRequests()

    // Act
    const out = await invoke(['postgres', 'attach', PG, '-a', app, '--yes'])

    // Assert
    const url = await databaseUrl(app)
    expect(url).toMatch(
      new RegExp(
        `^postgres://${app.replace(/-/g, '_')}:[0-9a-f]{24}@legacy-db\\.flycast:5432/${app.replace(/-/g, '_')}\\?sslmode=disable$`
      )
    )
    expect(out).toEqual({
      code: 0,
      stdout:
        'Checking for existing attachments\nRegistering attachment\nCreating database\nCreating user\n' +
        `\nPostgres cluster ${PG} is now attached to ${app}\n` +
        `The following secret was added to ${app}:\n  DATABASE_URL=${url}\n`,
      stderr: ''
    })
    expect(
      sim.control
        .requests()
        .filter((r) => r.method !== 'GET')
        .map((r) => `${r.method} ${r.route} ${r.status}`)
    ).toEqual(['POST /v1/postgres/{postgres_cluster_id}/attachments 201'])
  })

  test('needs no --yes when the database is new, and accepts the pg alias', async () => {
    // Arrange
    const app = await freshApp()

    // Act
    const out = await invoke(['pg', 'attach', PG, '--app', app])

    // Assert
    expect(out.code).toBe(0)
    expect(await databaseUrl(app)).toBeDefined()
  })

  test('refuses an app that already holds DATABASE_URL', async () => {
    // Arrange
    const app = await freshApp()
    await api(sim, 'POST', `/v1/apps/${app}/secrets`, {
      values: { DATABASE_URL: 'postgres://elsewhere' }
    })

    // Act
    const out = await invoke(['postgres', 'attach', PG, '-a', app, '--yes'])

    // Assert
    expect(out.code).toBe(1)
    expect(out.stderr).toBe(
      `Error: consumer app "${app}" already contains a secret named DATABASE_URL\n\n`
    )
    expect(await databaseUrl(app)).toBe('postgres://elsewhere')
  })

  test('re-attaching over an existing database needs --yes when not interactive', async () => {
    // Arrange: attach, detach (the database stays), then attach again.
    const app = await freshApp()
    await invoke(['postgres', 'attach', PG, '-a', app])
    await invoke(['postgres', 'detach', PG, '-a', app], { stdin: TTY })

    // Act
    const refused = await invoke(['postgres', 'attach', PG, '-a', app])
    const accepted = await invoke(['postgres', 'attach', PG, '-a', app, '-y'])

    // Assert
    expect(refused).toMatchObject({
      code: 1,
      stderr: 'Error: prompt: non interactive\n\n'
    })
    expect(accepted.code).toBe(0)
    expect(accepted.stdout).not.toContain('Creating database')
  })

  test('fails on an unknown PG app, an app that is not postgres, and an unknown app', async () => {
    // Arrange
    const app = await freshApp()

    // Act
    const noPg = await invoke(['postgres', 'attach', 'nope', '-a', app])
    const notPg = await invoke(['postgres', 'attach', 'demo', '-a', app])
    const noApp = await invoke(['postgres', 'attach', PG, '-a', 'nope'])

    // Assert
    expect(noPg.stderr).toMatch(
      /^Error: failed retrieving postgres app nope: app not found/
    )
    expect(notPg.stderr).toBe('Error: app demo is not a postgres app\n\n')
    expect(noApp.stderr).toMatch(
      /^Error: failed retrieving app nope: app not found/
    )
    expect([noPg.code, notPg.code, noApp.code]).toEqual([1, 1, 1])
  })

  test('refuses a custom --variable-name [sim choice] and needs the cluster argument', async () => {
    // Act
    const custom = await invoke([
      'postgres',
      'attach',
      PG,
      '-a',
      'demo',
      '--variable-name',
      'PG_URL'
    ])
    const none = await invoke(['postgres', 'attach', '-a', 'demo'])

    // Assert
    expect(custom.code).toBe(1)
    expect(custom.stderr).toContain('DATABASE_URL only')
    expect(none).toMatchObject({
      code: 1,
      stderr: 'Error: accepts 1 arg(s), received 0\n\n'
    })
  })
})

describe('postgres detach', () => {
  test('fails with prompt: non interactive when not interactive, changing nothing', async () => {
    // Arrange
    const app = await freshApp()
    await invoke(['postgres', 'attach', PG, '-a', app])
    sim.control.clearRequests()

    // Act
    const out = await invoke(['postgres', 'detach', PG, '-a', app])

    // Assert
    expect(out).toMatchObject({
      code: 1,
      stderr: 'Error: prompt: non interactive\n\n'
    })
    expect(sim.control.requests().every((r) => r.method === 'GET')).toBe(true)
    expect(await databaseUrl(app)).toBeDefined()
  })

  test('has no --yes flag, as flyctl has none', async () => {
    // Act
    const out = await invoke(['postgres', 'detach', PG, '-a', 'demo', '--yes'])

    // Assert
    expect(out).toMatchObject({
      code: 1,
      stderr: 'Error: unknown flag: --yes\n\n'
    })
  })

  test('on a terminal detaches the only attachment and removes DATABASE_URL [sim choice]', async () => {
    // Arrange
    const app = await freshApp()
    await invoke(['postgres', 'attach', PG, '-a', app])

    // Act
    const out = await invoke(['postgres', 'detach', PG, '-a', app], {
      stdin: TTY
    })

    // Assert
    expect(out).toEqual({
      code: 0,
      stdout: `Secret "DATABASE_URL" was scheduled to be removed from app ${app}\nDetach completed successfully!\n`,
      stderr: ''
    })
    expect(await databaseUrl(app)).toBeUndefined()
    expect(
      sim.control.postgresCluster(PG).attachments.map((a) => a.app)
    ).not.toContain(app)
  })

  test('fails with no attachments found for an app that is not attached', async () => {
    // Arrange
    const app = await freshApp()

    // Act
    const out = await invoke(['postgres', 'detach', PG, '-a', app], {
      stdin: TTY
    })

    // Assert
    expect(out).toMatchObject({
      code: 1,
      stderr: 'Error: no attachments found\n\n'
    })
  })
})

describe('deploy --no-cache', () => {
  test('is accepted with --build-only --push', async () => {
    // Arrange
    const dir = mkdtempSync(join(scratch, 'project-'))
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'fly.toml'), 'app = "demo"\n')
    writeFileSync(join(dir, 'Dockerfile'), 'FROM x\nLABEL sim.boot=1s\n')

    // Act
    const out = await invoke(
      [
        'deploy',
        '--build-only',
        '--push',
        '--no-cache',
        '--image-label',
        'nocache'
      ],
      { cwd: dir }
    )

    // Assert
    expect(out.code).toBe(0)
    expect(out.stderr).toContain('image: registry.fly.io/demo:nocache')
  })
})
