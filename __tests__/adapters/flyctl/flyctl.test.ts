/**
 * The flyctl wrapper: against flysim with the stand-in flyctl over real
 * processes, and with an injected exec for what a real run cannot show
 * (the exact environment, redaction of echoed secrets).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  createFlyctl,
  flyctlEnv,
  spawnProcess,
  type ExecFn,
  type ExecRequest,
  type FlyctlOptions
} from '../../../src/adapters/flyctl/flyctl.js'
import { FlyctlError, InputError } from '../../../src/core/errors.js'
import { startSim, type Sim } from '../../../src/sim/index.js'

const APP = 'build-demo'
/** The stand-in is `#!/usr/bin/env node`: node must be on PATH. */
const PATH = [dirname(process.execPath), process.env.PATH ?? ''].join(delimiter)

let sim: Sim
let work: string

beforeAll(async () => {
  sim = await startSim({
    apps: [{ name: APP, machinesPerRegion: 0 }],
    rateLimits: false
  })
  work = mkdtempSync(join(tmpdir(), 'flyctl-build-'))
  writeFileSync(
    join(work, 'Dockerfile'),
    'FROM alpine:3.20\nARG TIER=none\nLABEL sim.boot=2s\nLABEL tier=$TIER\n'
  )
  mkdirSync(join(work, 'home'))
})

afterAll(async () => {
  await sim?.close()
  if (work) rmSync(work, { recursive: true, force: true })
})

function simFlyctl(extra: Partial<FlyctlOptions> = {}) {
  return createFlyctl({
    bin: sim.flyctlPath!,
    token: sim.token,
    apiUrl: sim.apiUrl,
    cwd: work,
    parentEnv: { PATH, HOME: join(work, 'home') },
    ...extra
  })
}

/** fakeExec records each call and answers with `result`. */
function fakeExec(
  result: { exitCode?: number; stdout?: string; stderr?: string } = {}
) {
  const calls: { file: string; args: string[]; req: ExecRequest }[] = []
  const exec: ExecFn = async (file, args, req) => {
    calls.push({ file, args: [...args], req })
    req.onOutput?.('stderr', result.stderr ?? '')
    return {
      exitCode: result.exitCode ?? 0,
      stdout: result.stdout ?? '{"Version":"0.3.214"}',
      stderr: result.stderr ?? ''
    }
  }
  return { exec, calls }
}

describe('against flysim', () => {
  test('version reports the stand-in’s build info', async () => {
    expect(await simFlyctl().version()).toMatchObject({
      version: '0.3.214',
      buildDate: '2025-01-01T00:00:00Z'
    })
  })

  test.each(['remote', 'local'] as const)(
    'a %s build pushes registry.fly.io/<app>:<label> and the image exists in flysim',
    async (mode) => {
      // Arrange
      const label = `v1-${mode}`

      // Act
      const got = await simFlyctl().buildAndPush({
        app: APP,
        mode,
        imageLabel: label,
        dockerfile: 'Dockerfile',
        buildArgs: { TIER: mode === 'remote' ? 'gold' : 'silver' }
      })

      // Assert
      expect(got).toEqual({ image: `registry.fly.io/${APP}:${label}` })
      const image = sim.control
        .images()
        .find((i) => i.repository.endsWith(APP) && i.tag === label)
      expect(image?.labels).toEqual({
        'sim.boot': '2s',
        tier: mode === 'remote' ? 'gold' : 'silver'
      })
    }
  )

  test('a failed build is a FlyctlError carrying flyctl’s stderr, never the token', async () => {
    // Arrange: a stale FLY_ACCESS_TOKEN in the parent env must not reach flyctl.
    const flyctl = simFlyctl({
      parentEnv: {
        PATH,
        HOME: join(work, 'home'),
        FLY_ACCESS_TOKEN: 'fo1_stale'
      }
    })

    // Act
    const err = await flyctl
      .buildAndPush({
        app: APP,
        mode: 'remote',
        imageLabel: 'broken',
        dockerfile: 'missing/Dockerfile'
      })
      .catch((e: unknown) => e)

    // Assert
    expect(err).toBeInstanceOf(FlyctlError)
    const e = err as FlyctlError
    expect(e.exitCode).toBe(1)
    expect(e.message).toMatch(
      /^flyctl deploy exited with code 1: .*dockerfile '.*missing\/Dockerfile' not found/
    )
    expect(e.stderr).toMatch(/==> Building image/)
    expect(e.args).toEqual([
      'deploy',
      '--build-only',
      '--push',
      '--image-label',
      'broken',
      '--remote-only',
      '-a',
      APP,
      '--dockerfile',
      'missing/Dockerfile'
    ])
    const everything = `${e.message}\n${e.stderr}\n${JSON.stringify(e)}\n${e.stack}`
    expect(everything).not.toContain(sim.token)
    // It got as far as the Dockerfile: the app lookup used our token, not the stale one.
    expect(e.stderr).not.toMatch(/unauthorized|401/i)
  })

  test('streams flyctl’s output line by line through echo', async () => {
    const lines: [string, string][] = []
    await simFlyctl({
      echo: (line, stream) => lines.push([stream, line])
    }).buildAndPush({ app: APP, mode: 'remote', imageLabel: 'echoed' })

    expect(lines).toContainEqual([
      'stderr',
      `image: registry.fly.io/${APP}:echoed`
    ])
    expect(JSON.stringify(lines)).not.toContain(sim.token)
  })

  test('a flyctl that is not there is a FlyctlError with code 127', async () => {
    const err = await simFlyctl({ bin: join(work, 'no-such-flyctl') })
      .version()
      .catch((e: unknown) => e)

    expect(err).toBeInstanceOf(FlyctlError)
    expect(err).toMatchObject({ exitCode: 127 })
    expect((err as Error).message).toMatch(
      /^flyctl version exited with code 127: could not run flyctl \(.*no-such-flyctl\): spawn .* ENOENT$/
    )
  })
})

describe('the runFlyctl chokepoint', () => {
  const parent = {
    PATH: '/usr/bin',
    HOME: '/home/ci',
    SystemRoot: 'C:\\Windows',
    DOCKER_HOST: 'unix:///var/run/docker.sock',
    AWS_SECRET_ACCESS_KEY: 'aws-secret',
    GITHUB_TOKEN: 'ghs_secret',
    FLY_ACCESS_TOKEN: 'fo1_stale',
    FLY_APP: 'someone-else',
    INPUT_SECRETS: 'DB=postgres://u:p@h',
    UNSET: undefined
  }

  test('gives flyctl only allow-listed basics plus the token, and the token never in argv', async () => {
    // Arrange
    const { exec, calls } = fakeExec({
      stderr: 'image: registry.fly.io/web:v1\n'
    })
    const flyctl = createFlyctl({
      bin: 'flyctl',
      token: 'fo1_live_token',
      apiUrl: 'https://api.machines.dev/',
      parentEnv: parent,
      cwd: '/src',
      exec
    })

    // Act
    await flyctl.buildAndPush({ app: 'web', mode: 'local', imageLabel: 'v1' })

    // Assert
    expect(calls).toHaveLength(1)
    const { file, args, req } = calls[0]!
    expect(file).toBe('flyctl')
    expect(req.env).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/ci',
      SystemRoot: 'C:\\Windows',
      DOCKER_HOST: 'unix:///var/run/docker.sock',
      FLY_API_TOKEN: 'fo1_live_token'
    })
    expect(req.cwd).toBe('/src')
    expect(req.input).toBeUndefined()
    expect(args.join(' ')).not.toContain('fo1_live_token')
  })

  test.each([
    [undefined, undefined],
    ['https://api.machines.dev', undefined],
    ['https://api.machines.dev/v1/', undefined],
    ['http://127.0.0.1:4280', 'http://127.0.0.1:4280'],
    ['http://127.0.0.1:4280/v1', 'http://127.0.0.1:4280'],
    ['http://_api.internal:4280/', 'http://_api.internal:4280']
  ])('flyctlEnv(apiUrl %s) sets FLY_FLAPS_BASE_URL %s', (apiUrl, want) => {
    expect(flyctlEnv({}, 't0k3n', apiUrl).FLY_FLAPS_BASE_URL).toBe(want)
  })

  test('adds explicit env on top of the basics, reading token and API URL from it', async () => {
    // As action/main.ts calls it: env = {FLY_API_TOKEN, FLY_FLAPS_BASE_URL}.
    const { exec, calls } = fakeExec()
    await createFlyctl({
      bin: 'flyctl',
      parentEnv: parent,
      env: {
        FLY_API_TOKEN: 'fo1_explicit',
        FLY_FLAPS_BASE_URL: 'http://127.0.0.1:4280/',
        BUILDKIT_PROGRESS: 'plain'
      },
      exec
    }).version()
    expect(calls[0]!.req.env).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/ci',
      SystemRoot: 'C:\\Windows',
      DOCKER_HOST: 'unix:///var/run/docker.sock',
      BUILDKIT_PROGRESS: 'plain',
      FLY_API_TOKEN: 'fo1_explicit',
      FLY_FLAPS_BASE_URL: 'http://127.0.0.1:4280'
    })
  })

  test('takes the token from the parent env when none is given', async () => {
    const { exec, calls } = fakeExec()
    await createFlyctl({
      bin: 'flyctl',
      parentEnv: { PATH: '/bin', FLY_API_TOKEN: 'fo1_env' },
      exec
    }).version()
    expect(calls[0]!.req.env).toEqual({
      PATH: '/bin',
      FLY_API_TOKEN: 'fo1_env'
    })
  })

  test('scrubs the token and extra secrets from an error, even when flyctl echoes them', async () => {
    // Arrange
    const { exec } = fakeExec({
      exitCode: 2,
      stderr:
        'Authorization: Bearer fo1_live_token\nError: secret hunter2-value rejected\n'
    })
    const flyctl = createFlyctl({
      bin: 'flyctl',
      token: 'fo1_live_token',
      secrets: ['hunter2-value'],
      parentEnv: {},
      exec
    })

    // Act
    const err = (await flyctl.version().catch((e: unknown) => e)) as FlyctlError

    // Assert
    expect(err).toBeInstanceOf(FlyctlError)
    expect(err.message).toBe(
      'flyctl version exited with code 2: Error: secret [REDACTED] rejected'
    )
    expect(err.stderr).toBe(
      'Authorization: Bearer [REDACTED]\nError: secret [REDACTED] rejected'
    )
    expect(JSON.stringify(err)).not.toMatch(/fo1_live_token|hunter2-value/)
  })

  test('refuses bad build options before running anything', async () => {
    const { exec, calls } = fakeExec()
    await expect(
      createFlyctl({ bin: 'flyctl', parentEnv: {}, exec }).buildAndPush({
        app: '',
        mode: 'remote'
      })
    ).rejects.toThrow(InputError)
    expect(calls).toEqual([])
  })
})

describe('spawnProcess', () => {
  const node = process.execPath

  test('feeds input on stdin and captures both streams and the exit code', async () => {
    const got = await spawnProcess(
      node,
      [
        '-e',
        'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{process.stdout.write(s.toUpperCase());process.stderr.write("err");process.exit(3)})'
      ],
      { env: { PATH }, input: 'NAME="""multi\nline"""\n' }
    )
    expect(got).toEqual({
      exitCode: 3,
      stdout: 'NAME="""MULTI\nLINE"""\n',
      stderr: 'err'
    })
  })

  test('closes stdin when there is no input, so a prompt cannot hang', async () => {
    const got = await spawnProcess(
      node,
      [
        '-e',
        'process.stdin.resume();process.stdin.on("end",()=>process.stdout.write("eof"))'
      ],
      { env: { PATH } }
    )
    expect(got).toMatchObject({ exitCode: 0, stdout: 'eof' })
  })

  test('passes arguments verbatim, without a shell', async () => {
    const tricky = ['$HOME', '`id`', 'a b', '"; rm -rf /', '*']
    const got = await spawnProcess(
      node,
      [
        '-e',
        'process.stdout.write(JSON.stringify(process.argv.slice(1)))',
        ...tricky
      ],
      { env: { PATH } }
    )
    expect(JSON.parse(got.stdout)).toEqual(tricky)
  })

  test('reports death by signal as 128 + its number', async () => {
    const got = await spawnProcess(
      node,
      ['-e', 'process.kill(process.pid, "SIGTERM")'],
      { env: { PATH } }
    )
    expect(got.exitCode).toBe(143)
  })
})
