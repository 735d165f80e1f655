import { execFileSync, spawn } from 'node:child_process'
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import {
  ArgsError,
  parseArgv,
  type CommandSpec
} from '../../src/sim/flyctl/args.js'
import { readLabels } from '../../src/sim/flyctl/dockerfile.js'
import { readFlyToml } from '../../src/sim/flyctl/fly-toml.js'
import type { FlyctlIO } from '../../src/sim/flyctl/io.js'
import { run } from '../../src/sim/flyctl/run.js'
import { startSim, type Sim } from '../../src/sim/index.js'
import { api, machinePath } from '../helpers/sim-client.js'

interface Result {
  code: number
  stdout: string
  stderr: string
}

let scratch: string

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'flysim-flyctl-test-'))
  // global-setup builds the stand-in; build it here when this file runs alone.
  if (!process.env.FLYSIM_FLYCTL_SCRIPT) {
    execFileSync(process.execPath, [
      'scripts/bundle.mjs',
      '--only',
      'flyctl',
      '--outdir',
      scratch
    ])
    process.env.FLYSIM_FLYCTL_SCRIPT = join(scratch, 'flyctl.cjs')
  }
})

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true })
})

/** invoke runs the stand-in in-process and captures its output. */
async function invoke(
  argv: string[],
  options: {
    env?: FlyctlIO['env']
    stdin?: FlyctlIO['stdin']
    cwd?: string
    fetch?: typeof fetch
    argv0?: string
  } = {}
): Promise<Result> {
  let stdout = ''
  let stderr = ''
  const code = await run(argv, {
    env: options.env ?? {},
    stdin: options.stdin ?? '',
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    fetch: options.fetch ?? globalThis.fetch,
    cwd: options.cwd ?? scratch,
    argv0: options.argv0
  })
  return { code, stdout, stderr }
}

/** spawnFlyctl runs an executable stand-in as a child process. */
function spawnFlyctl(
  file: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; cwd: string; input?: string }
): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env: options.env, cwd: options.cwd })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))
    child.stdin.end(options.input ?? '')
  })
}

/** project writes a directory with fly.toml and Dockerfile. */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(scratch, 'project-'))
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true })
    writeFileSync(join(dir, name), text)
  }
  return dir
}

const DOCKERFILE = [
  'FROM node:20-slim AS base',
  'ARG BOOT=1s',
  '# a comment between instructions',
  'LABEL sim.boot=$BOOT \\',
  '      sim.health="flaky:0.2" \\',
  '      org.opencontainers.image.title="demo app"',
  'FROM base',
  'LABEL sim.latency=20ms sim.error-rate=0.05',
  'CMD ["node", "server.js"]',
  ''
].join('\n')

describe('parseArgv', () => {
  const tree: CommandSpec = {
    name: 'flyctl',
    short: '',
    runnable: false,
    subcommands: [
      {
        name: 'deploy',
        short: '',
        runnable: true,
        args: { kind: 'max', n: 1 },
        flags: [
          { name: 'app', short: 'a', kind: 'string' },
          { name: 'build-only', kind: 'bool' },
          { name: 'build-arg', kind: 'stringArray' },
          { name: 'yes', short: 'y', kind: 'bool' },
          { name: 'json', short: 'j', kind: 'bool' }
        ]
      },
      {
        name: 'apps',
        short: '',
        runnable: false,
        subcommands: [
          {
            name: 'destroy',
            short: '',
            runnable: true,
            args: { kind: 'exact', n: 1 },
            flags: [{ name: 'yes', short: 'y', kind: 'bool' }]
          }
        ]
      }
    ]
  }
  const globals = [
    { name: 'access-token', short: 't', kind: 'string' as const }
  ]

  const ok: {
    argv: string[]
    path: string[]
    flags: Record<string, unknown>
    positionals?: string[]
  }[] = [
    {
      argv: ['deploy', '--build-only', '-a', 'demo'],
      path: ['deploy'],
      flags: { 'build-only': true, app: 'demo' }
    },
    {
      argv: ['-a', 'demo', 'deploy'],
      path: ['deploy'],
      flags: { app: 'demo' }
    },
    {
      argv: ['deploy', '--app=demo', '-ademo2'],
      path: ['deploy'],
      flags: { app: 'demo2' }
    },
    { argv: ['deploy', '-a=demo'], path: ['deploy'], flags: { app: 'demo' } },
    {
      argv: ['deploy', '--build-arg', 'A=1', '--build-arg=B=x=y'],
      path: ['deploy'],
      flags: { 'build-arg': ['A=1', 'B=x=y'] }
    },
    {
      argv: ['deploy', '-yj'],
      path: ['deploy'],
      flags: { yes: true, json: true }
    },
    {
      argv: ['deploy', '--build-only=false'],
      path: ['deploy'],
      flags: { 'build-only': false }
    },
    {
      argv: ['deploy', 'dir', '--build-only'],
      path: ['deploy'],
      flags: { 'build-only': true },
      positionals: ['dir']
    },
    {
      argv: ['deploy', '--', '--not-a-flag'],
      path: ['deploy'],
      flags: {},
      positionals: ['--not-a-flag']
    },
    {
      argv: ['deploy', '-t', 'tok'],
      path: ['deploy'],
      flags: { 'access-token': 'tok' }
    },
    {
      argv: ['apps', 'destroy', 'x', '--yes'],
      path: ['apps', 'destroy'],
      flags: { yes: true },
      positionals: ['x']
    }
  ]
  for (const c of ok) {
    test(`reads ${JSON.stringify(c.argv)}`, () => {
      // Act
      const parsed = parseArgv(tree, globals, c.argv)

      // Assert
      expect(parsed.path).toEqual(c.path)
      expect(parsed.flags).toMatchObject(c.flags)
      expect(parsed.positionals).toEqual(c.positionals ?? [])
    })
  }

  const bad: { argv: string[]; message: string; usageHint?: boolean }[] = [
    {
      argv: ['foo'],
      message: 'unknown command "foo" for "flyctl"',
      usageHint: true
    },
    { argv: ['deploy', '--bogus'], message: 'unknown flag: --bogus' },
    { argv: ['deploy', '-z'], message: "unknown shorthand flag: 'z' in -z" },
    { argv: ['deploy', '--app'], message: 'flag needs an argument: --app' },
    { argv: ['deploy', '-a'], message: "flag needs an argument: 'a' in -a" },
    {
      argv: ['deploy', '--build-only=maybe'],
      message:
        'invalid argument "maybe" for "--build-only" flag: strconv.ParseBool: parsing "maybe": invalid syntax'
    },
    {
      argv: ['deploy', 'a', 'b'],
      message: 'accepts at most 1 arg(s), received 2'
    },
    { argv: ['apps', 'destroy'], message: 'accepts 1 arg(s), received 0' }
  ]
  for (const c of bad) {
    test(`rejects ${JSON.stringify(c.argv)} as cobra does`, () => {
      // Act
      let error: unknown
      try {
        parseArgv(tree, globals, c.argv)
      } catch (e) {
        error = e
      }

      // Assert
      expect(error).toBeInstanceOf(ArgsError)
      expect((error as ArgsError).message).toBe(c.message)
      expect((error as ArgsError).usageHint).toBe(c.usageHint ?? false)
    })
  }
})

describe('readFlyToml', () => {
  test('reads the app, primary region and [build] keys, ignoring everything else', () => {
    // Arrange
    const text = [
      '# fly.toml app configuration file',
      "app = 'demo-app'",
      'primary_region = "sjc" # comment',
      'kill_signal = "SIGINT"',
      '',
      '[build]',
      '  dockerfile = "docker/Dockerfile.prod"',
      '  build-target = "runtime"',
      '[build.args]',
      '  NODE_VERSION = "20"',
      '  ESCAPED = "a\\"b\\u00e9"',
      '[env]',
      '  app = "not the app"',
      '[[services]]',
      '  image = "nope"'
    ].join('\n')

    // Act
    const toml = readFlyToml(text)

    // Assert
    expect(toml).toEqual({
      app: 'demo-app',
      primaryRegion: 'sjc',
      build: {
        dockerfile: 'docker/Dockerfile.prod',
        target: 'runtime',
        args: { NODE_VERSION: '20', ESCAPED: 'a"bé' }
      }
    })
  })

  test('reads dotted top-level build keys', () => {
    // Act
    const toml = readFlyToml('app = "x"\nbuild.image = "registry.fly.io/x:1"\n')

    // Assert
    expect(toml.build.image).toBe('registry.fly.io/x:1')
  })
})

describe('readLabels', () => {
  const rows: {
    name: string
    dockerfile: string
    args?: Record<string, string>
    target?: string
    want: Record<string, string>
  }[] = [
    {
      name: 'reads several pairs, quotes and continuations across stages',
      dockerfile: DOCKERFILE,
      want: {
        'sim.boot': '1s',
        'sim.health': 'flaky:0.2',
        'org.opencontainers.image.title': 'demo app',
        'sim.latency': '20ms',
        'sim.error-rate': '0.05'
      }
    },
    {
      name: 'substitutes build args over ARG defaults',
      dockerfile:
        'FROM x\nARG BOOT=1s\nLABEL sim.boot=${BOOT} b=${MISSING:-dflt} c=${BOOT:+set}\n',
      args: { BOOT: '3s' },
      want: { 'sim.boot': '3s', b: 'dflt', c: 'set' }
    },
    {
      name: 'substitutes ENV and leaves single quotes and escaped dollars alone',
      dockerfile:
        'FROM x\nENV PORT=8080\nLABEL a=$PORT b=\'$PORT\' c=\\$PORT d="p $PORT"\n',
      want: { a: '8080', b: '$PORT', c: '$PORT', d: 'p 8080' }
    },
    {
      name: 'reads the legacy space-separated form',
      dockerfile: 'FROM x\nLABEL description some words here\n',
      want: { description: 'some words here' }
    },
    {
      name: 'drops labels of stages the final image is not built from',
      dockerfile:
        'FROM x AS build\nLABEL sim.crash=boot\nFROM y\nLABEL sim.boot=2s\n',
      want: { 'sim.boot': '2s' }
    },
    {
      name: 'builds the --build-target stage',
      dockerfile:
        'FROM x AS build\nLABEL sim.crash=boot\nFROM y\nLABEL sim.boot=2s\n',
      target: 'build',
      want: { 'sim.crash': 'boot' }
    },
    {
      name: 'uses global ARGs only when redeclared in the stage',
      dockerfile: 'ARG V=1\nFROM x\nLABEL a=$V\nARG V\nLABEL b=$V\n',
      want: { a: '', b: '1' }
    }
  ]
  for (const r of rows) {
    test(r.name, () => {
      // Act
      const labels = readLabels(r.dockerfile, r.args, r.target)

      // Assert
      expect(labels).toEqual(r.want)
    })
  }

  test('rejects a Dockerfile without FROM', () => {
    // Act
    const act = () => readLabels('LABEL a=b\n')

    // Assert
    expect(act).toThrow('LABEL before FROM')
  })
})

describe('stand-in flyctl without flysim', () => {
  test('prints its version like flyctl', async () => {
    // Act
    const out = await invoke(['version'], {
      env: { FLYSIM_FLYCTL_VERSION: '0.3.209' }
    })

    // Assert
    expect(out.code).toBe(0)
    expect(out.stdout).toMatch(
      /^flyctl v0\.3\.209 \w+\/\w+ Commit: [0-9a-f]{40} BuildDate: 2025-01-01T00:00:00Z\n$/
    )
  })

  test('prints version --json with buildinfo field names in order, on one line', async () => {
    // Act
    const out = await invoke(['version', '--json'], { argv0: '/opt/bin/fly' })

    // Assert
    expect(out.stdout.endsWith('}\n')).toBe(true)
    expect(out.stdout.trim().includes('\n')).toBe(false)
    const info = JSON.parse(out.stdout)
    expect(Object.keys(info)).toEqual([
      'Name',
      'Version',
      'Commit',
      'BranchName',
      'BuildDate',
      'OS',
      'Architecture',
      'Environment'
    ])
    expect(info).toMatchObject({
      Name: 'fly',
      Version: '0.3.214',
      Environment: 'production'
    })
  })

  test("accepts install.sh's version -s flag", async () => {
    // Act
    const out = await invoke(['version', '-s', 'shell'])

    // Assert
    expect(out.code).toBe(0)
  })

  test('rejects an unknown command as cobra does', async () => {
    // Act
    const out = await invoke(['foo'])

    // Assert
    expect(out).toEqual({
      code: 1,
      stderr: 'Error: unknown command "foo" for "flyctl"\n\n',
      stdout: "Run 'flyctl --help' for usage.\n\n"
    })
  })

  test('rejects an unknown flag as cobra does', async () => {
    // Act
    const out = await invoke(['status', '--bogus'])

    // Assert
    expect(out).toEqual({
      code: 1,
      stderr: 'Error: unknown flag: --bogus\n\n',
      stdout: ''
    })
  })

  test('prints help for a command group and exits 0', async () => {
    // Act
    const out = await invoke(['secrets'])

    // Assert
    expect(out.code).toBe(0)
    expect(out.stdout).toContain('import')
  })

  test('fails without a token before any request', async () => {
    // Arrange
    let calls = 0
    const fetch = (async () => {
      calls++
      throw new Error('unreachable')
    }) as unknown as typeof globalThis.fetch

    // Act
    const out = await invoke(['status', '-a', 'demo'], { fetch })

    // Assert
    expect(out.code).toBe(1)
    expect(out.stderr).toBe(
      "Error: No access token available. Please login with 'flyctl auth login'\n\n"
    )
    expect(calls).toBe(0)
  })

  test('reports an unreachable API like Go does, without a stack trace', async () => {
    // Arrange
    const port = await closedPort()

    // Act
    const out = await invoke(['status', '-a', 'demo'], {
      env: {
        FLY_API_TOKEN: 'tok',
        FLY_FLAPS_BASE_URL: `http://127.0.0.1:${port}`
      }
    })

    // Assert
    expect(out.code).toBe(1)
    expect(out.stderr).toBe(
      `Error: failed to get app: Get "http://127.0.0.1:${port}/v1/apps/demo": dial tcp 127.0.0.1:${port}: connect: connection refused\n\n`
    )
  })

  test('needs an app name from -a, FLY_APP or fly.toml', async () => {
    // Act
    const out = await invoke(['status', '--json'], {
      env: { FLY_API_TOKEN: 'tok' },
      cwd: project({})
    })

    // Assert
    expect(out.code).toBe(1)
    expect(out.stderr).toContain(
      'the config for your app is missing an app name'
    )
  })

  test('refuses a full deploy: it only builds and pushes [sim choice]', async () => {
    // Arrange
    const dir = project({
      'fly.toml': 'app = "demo"\n',
      Dockerfile: 'FROM x\n'
    })

    // Act
    const out = await invoke(['deploy'], {
      env: { FLY_API_TOKEN: 'tok' },
      cwd: dir
    })

    // Assert
    expect(out.code).toBe(1)
    expect(out.stderr).toContain('only builds and pushes images')
  })

  describe('against a fake API', () => {
    let server: http.Server
    let base: string
    const seen: { method: string; url: string; auth?: string }[] = []

    beforeAll(async () => {
      server = http.createServer((req, res) => {
        seen.push({
          method: req.method!,
          url: req.url!,
          auth: req.headers.authorization
        })
        res.setHeader('content-type', 'application/json')
        res.setHeader('fly-request-id', '01JFAKE-sjc')
        if (req.url === '/v1/apps/boom') {
          res.statusCode = 500
          res.end(JSON.stringify({ error: 'something broke upstream' }))
          return
        }
        res.statusCode = 404
        res.end(JSON.stringify({ error: 'app not found' }))
      })
      await new Promise<void>((resolve) =>
        server.listen(0, '127.0.0.1', resolve)
      )
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    })

    afterAll(async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()))
    })

    beforeEach(() => {
      seen.length = 0
    })

    test('prints the API error text and request id', async () => {
      // Act
      const out = await invoke(['status', '-a', 'boom'], {
        env: { FLY_API_TOKEN: 'tok', FLY_FLAPS_BASE_URL: base }
      })

      // Assert
      expect(out.code).toBe(1)
      expect(out.stderr).toBe(
        'Error: failed to get app: something broke upstream (Request ID: 01JFAKE-sjc)\n\n'
      )
    })

    test('prefers FLY_ACCESS_TOKEN and sends it as a Bearer token', async () => {
      // Act
      await invoke(['status', '-a', 'x'], {
        env: {
          FLY_ACCESS_TOKEN: 'access',
          FLY_API_TOKEN: 'api',
          FLY_FLAPS_BASE_URL: base + '/'
        }
      })

      // Assert
      expect(seen).toEqual([
        { method: 'GET', url: '/v1/apps/x', auth: 'Bearer access' }
      ])
    })

    test('sends a FlyV1 macaroon token as is', async () => {
      // Act
      await invoke(['status', '-a', 'x', '-t', 'FlyV1 fm2_abc'], {
        env: { FLY_FLAPS_BASE_URL: base }
      })

      // Assert
      expect(seen[0]?.auth).toBe('FlyV1 fm2_abc')
    })
  })
})

describe('stand-in flyctl against flysim', () => {
  let sim: Sim
  let env: Record<string, string>

  beforeAll(async () => {
    sim = await startSim({
      regions: ['sjc', 'lhr', 'syd'],
      apps: [
        { name: 'demo', machinesPerRegion: 2 },
        { name: 'other', regions: ['lhr'], machinesPerRegion: 1 }
      ],
      seed: 1,
      clockScale: 50,
      // fly-go has no 429 handling (API-NOTES §10), so neither has the
      // stand-in; these tests are about flyctl, not about rate limits.
      rateLimits: false
    })
    env = { FLY_API_TOKEN: sim.token, FLY_FLAPS_BASE_URL: sim.apiUrl }
  })

  afterAll(async () => {
    await sim?.close()
  })

  const requestsSince = (seq: number) => sim.control.requests(seq)
  const lastSeq = () => sim.control.requests().at(-1)?.seq ?? 0

  describe('deploy --build-only --push', () => {
    test('pushes the Dockerfile labels and prints the image lines on stderr, as flyctl does', async () => {
      // Arrange
      const dir = project({
        'fly.toml': 'app = "demo"\n',
        Dockerfile: DOCKERFILE
      })
      const since = lastSeq()

      // Act
      const out = await invoke(
        [
          'deploy',
          '--build-only',
          '--push',
          '--image-label',
          'v42',
          '--remote-only',
          '--build-arg',
          'BOOT=2s'
        ],
        { env, cwd: dir }
      )

      // Assert
      expect(out.code).toBe(0)
      expect(out.stdout).toBe('')
      const lines = out.stderr.split('\n')
      expect(lines).toContain('image: registry.fly.io/demo:v42')
      expect(lines.find((l) => l.startsWith('image size: '))).toMatch(
        /^image size: \d+ MB$/
      )
      const image = sim.control
        .images()
        .find((i) => i.repository === 'demo' && i.tag === 'v42')
      expect(image?.labels).toEqual({
        'sim.boot': '2s',
        'sim.health': 'flaky:0.2',
        'org.opencontainers.image.title': 'demo app',
        'sim.latency': '20ms',
        'sim.error-rate': '0.05'
      })
      expect(image?.behavior.bootMs).toBe(2000)
      expect(out.stderr).toContain(`v42: digest: ${image!.digest}`)
      expect(
        requestsSince(since).map((r) => `${r.method} ${r.path} ${r.status}`)
      ).toEqual(['GET /v1/apps/demo 200', 'PUT /v2/demo/manifests/v42 201'])
    })

    test('tags images deployment-<ULID> by default', async () => {
      // Arrange
      const dir = project({
        'fly.toml': 'app = "demo"\n',
        Dockerfile: 'FROM x\n'
      })

      // Act
      const out = await invoke(['deploy', '--build-only', '--push'], {
        env,
        cwd: dir
      })

      // Assert
      expect(out.code).toBe(0)
      expect(out.stderr).toMatch(
        /^image: registry\.fly\.io\/demo:deployment-[0-9A-HJKMNP-TV-Z]{26}$/m
      )
    })

    test('takes the app from -a and the build context from the -c fly.toml directory', async () => {
      // Arrange
      const dir = project({
        'svc/fly.toml':
          'app = "ignored"\n[build]\n  dockerfile = "docker/App.Dockerfile"\n',
        'svc/docker/App.Dockerfile': 'FROM x\nLABEL sim.boot=3s\n'
      })

      // Act
      const out = await invoke(
        [
          'deploy',
          '--build-only',
          '--push',
          '-c',
          'svc/fly.toml',
          '-a',
          'other',
          '--image-label',
          'from-c'
        ],
        { env, cwd: dir }
      )

      // Assert
      expect(out.code).toBe(0)
      const image = sim.control
        .images()
        .find((i) => i.repository === 'other' && i.tag === 'from-c')
      expect(image?.labels).toEqual({ 'sim.boot': '3s' })
    })

    test('lets --dockerfile override fly.toml, relative to the working directory', async () => {
      // Arrange
      const dir = project({
        'fly.toml': 'app = "demo"\n[build]\n  dockerfile = "Dockerfile"\n',
        Dockerfile: 'FROM x\nLABEL which=toml\n',
        'alt.Dockerfile': 'FROM x\nLABEL which=flag\n'
      })

      // Act
      const out = await invoke(
        [
          'deploy',
          '--build-only',
          '--push',
          '--dockerfile',
          'alt.Dockerfile',
          '--image-label',
          'alt'
        ],
        { env, cwd: dir }
      )

      // Assert
      expect(out.code).toBe(0)
      expect(sim.control.images().find((i) => i.tag === 'alt')?.labels).toEqual(
        { which: 'flag' }
      )
    })

    test('builds without pushing when --push is left out', async () => {
      // Arrange
      const dir = project({
        'fly.toml': 'app = "demo"\n',
        Dockerfile: 'FROM x\n'
      })
      const since = lastSeq()

      // Act
      const out = await invoke(
        ['deploy', '--build-only', '--image-label', 'local'],
        { env, cwd: dir }
      )

      // Assert
      expect(out.code).toBe(0)
      expect(out.stderr).toContain('image: registry.fly.io/demo:local')
      expect(requestsSince(since).map((r) => r.method)).toEqual(['GET'])
    })

    test('names the sim.* label the registry refused, exit 1', async () => {
      // Arrange
      const dir = project({
        'fly.toml': 'app = "demo"\n',
        Dockerfile: 'FROM x\nLABEL sim.health=sometimes\n'
      })

      // Act
      const out = await invoke(['deploy', '--build-only', '--push'], {
        env,
        cwd: dir
      })

      // Assert
      expect(out.code).toBe(1)
      expect(out.stderr).toMatch(
        /^Error: failed to fetch an image or build from source: error pushing image registry\.fly\.io\/demo:deployment-\w+: .*sim\.health="sometimes"/m
      )
      expect(out.stderr).not.toContain('    at ')
    })

    test('fails for an app that does not exist, before building', async () => {
      // Arrange
      const dir = project({
        'fly.toml': 'app = "ghost"\n',
        Dockerfile: 'FROM x\n'
      })
      const since = lastSeq()

      // Act
      const out = await invoke(['deploy', '--build-only', '--push'], {
        env,
        cwd: dir
      })

      // Assert
      expect(out.code).toBe(1)
      expect(out.stderr).toMatch(
        /^Error: failed to get app: app not found \(Request ID: \S+\)$/m
      )
      expect(requestsSince(since).map((r) => r.method)).toEqual(['GET'])
    })

    test('fails like flyctl when there is no Dockerfile', async () => {
      // Arrange
      const dir = project({ 'fly.toml': 'app = "demo"\n' })

      // Act
      const out = await invoke(['deploy', '--build-only', '--push'], {
        env,
        cwd: dir
      })

      // Assert
      expect(out.code).toBe(1)
      expect(out.stderr).toContain(
        'app does not have a Dockerfile or buildpacks configured'
      )
    })

    test('builds in the WORKING_DIRECTORY argument, as flyctl changes into it', async () => {
      // Arrange
      const dir = project({
        'svc/fly.toml': 'app = "demo"\n',
        'svc/Dockerfile': 'FROM x\nLABEL where=svc\n'
      })

      // Act
      const out = await invoke(
        ['deploy', 'svc', '--build-only', '--push', '--image-label', 'in-dir'],
        { env, cwd: dir }
      )

      // Assert
      expect(out.code).toBe(0)
      expect(
        sim.control.images().find((i) => i.tag === 'in-dir')?.labels
      ).toEqual({
        where: 'svc'
      })
    })

    test('fails when a named config is missing', async () => {
      // Act
      const out = await invoke(
        ['deploy', '--build-only', '-c', 'nope/fly.toml'],
        { env, cwd: project({}) }
      )

      // Assert
      expect(out.code).toBe(1)
      expect(out.stderr).toMatch(
        /failed loading app config from .*nope\/fly\.toml: open .*: no such file or directory/
      )
    })
  })

  describe('secrets import', () => {
    const SECRET = 'hunter2 with spaces & "quotes"'

    test('--stage sets the secrets in one request and touches no machine', async () => {
      // Arrange
      const since = lastSeq()
      const before = sim.control
        .snapshotWorld()
        .apps.find((a) => a.name === 'demo')!

      // Act
      const out = await invoke(['secrets', 'import', '--stage', '-a', 'demo'], {
        env,
        stdin: `DB_PASSWORD="""${SECRET}"""\nAPI_KEY=abc # comment\n`
      })

      // Assert
      expect(out.code).toBe(0)
      expect(out.stdout).toBe(
        'Secrets have been staged, but not set on VMs. Deploy or update machines in this app for the secrets to take effect.\n'
      )
      expect(requestsSince(since).map((r) => `${r.method} ${r.path}`)).toEqual([
        'GET /v1/apps/demo',
        'POST /v1/apps/demo/secrets'
      ])
      const after = sim.control
        .snapshotWorld()
        .apps.find((a) => a.name === 'demo')!
      expect(after.secretNames).toEqual(
        expect.arrayContaining(['API_KEY', 'DB_PASSWORD'])
      )
      expect(after.secretsVersion).toBeGreaterThan(before.secretsVersion)
      expect(after.machines.map((m) => m.instanceId)).toEqual(
        before.machines.map((m) => m.instanceId)
      )
      expect(out.stdout + out.stderr).not.toContain(SECRET)
    })

    test('without --stage rolls every machine onto its config with min_secrets_version, releasing every lease', async () => {
      // Arrange
      const since = lastSeq()
      const before = sim.control
        .snapshotWorld()
        .apps.find((a) => a.name === 'demo')!

      // Act
      const out = await invoke(['secrets', 'import', '-a', 'demo'], {
        env,
        stdin: 'ROTATED=1\n'
      })

      // Assert
      expect(out.code).toBe(0)
      const after = sim.control
        .snapshotWorld()
        .apps.find((a) => a.name === 'demo')!
      const updates = requestsSince(since).filter(
        (r) =>
          r.method === 'POST' &&
          r.route === '/v1/apps/{app_name}/machines/{machine_id}'
      )
      expect(updates).toHaveLength(before.machines.length)
      for (const u of updates) {
        expect(u.status).toBe(200)
        expect(JSON.parse(u.body!).min_secrets_version).toBe(
          after.secretsVersion
        )
      }
      expect(after.machines.map((m) => m.state)).toEqual(
        after.machines.map(() => 'started')
      )
      for (const [i, m] of after.machines.entries()) {
        expect(m.instanceId).not.toBe(before.machines[i]!.instanceId)
      }
      expect(sim.control.outstandingLeases()).toEqual([])
      expect(out.stdout).toContain(
        `[${before.machines.length}/${before.machines.length}]`
      )
    })

    test('updates no machine when another holder has a lease, and releases its own', async () => {
      // Arrange
      const machines = (await api(sim, 'GET', machinePath('demo'))).body as {
        id: string
        instance_id: string
      }[]
      const held = [...machines].sort((a, b) => (a.id < b.id ? 1 : -1))[0]!
      const lease = await api(
        sim,
        'POST',
        machinePath('demo', held.id, 'lease'),
        { ttl: 60 }
      )
      const nonce = (lease.body.data ?? lease.body).nonce as string
      const since = lastSeq()

      // Act
      const out = await invoke(['secrets', 'import', '-a', 'demo'], {
        env,
        stdin: 'BLOCKED=1\n'
      })

      // Assert
      expect(out.code).toBe(1)
      expect(out.stderr).toMatch(
        /^Error: failed to obtain lease: .*lease currently held by/m
      )
      const updates = requestsSince(since).filter(
        (r) =>
          r.method === 'POST' &&
          r.route === '/v1/apps/{app_name}/machines/{machine_id}'
      )
      expect(updates).toEqual([])
      expect(sim.control.outstandingLeases().map((l) => l.machine)).toEqual([
        held.id
      ])
      await api(
        sim,
        'DELETE',
        machinePath('demo', held.id, 'lease'),
        undefined,
        {
          'fly-machine-lease-nonce': nonce
        }
      )
    })

    test('needs at least one pair and sets nothing without one', async () => {
      // Arrange
      const since = lastSeq()

      // Act
      const out = await invoke(['secrets', 'import', '-a', 'demo'], {
        env,
        stdin: '# only a comment\n\n'
      })

      // Assert
      expect(out.code).toBe(1)
      expect(out.stderr).toBe(
        'Error: requires at least one SECRET=VALUE pair\n\n'
      )
      expect(requestsSince(since).map((r) => r.method)).toEqual(['GET'])
    })

    test('reports a malformed line without echoing it', async () => {
      // Act
      const out = await invoke(['secrets', 'import', '-a', 'demo'], {
        env,
        stdin: 'OK=1\n-----BEGIN PRIVATE KEY-----\n'
      })

      // Assert
      expect(out.code).toBe(1)
      expect(out.stderr).toBe(
        'Error: Failed to parse secrets from stdin: Secrets must be provided as NAME=VALUE pairs (line 2 is invalid)\n\n'
      )
    })
  })

  describe('apps', () => {
    test('create makes an app in the personal org and reports it', async () => {
      // Act
      const out = await invoke(['apps', 'create', 'fresh-app'], { env })

      // Assert
      expect(out).toEqual({
        code: 0,
        stdout: 'New app created: fresh-app\n',
        stderr: ''
      })
      const app = sim.control
        .snapshotWorld()
        .apps.find((a) => a.name === 'fresh-app')
      expect(app?.org).toBe('personal')
    })

    test('create --json renders the app with Go field names', async () => {
      // Act
      const out = await invoke(
        ['apps', 'create', '--name', 'json-app', '--org', 'personal', '--json'],
        { env }
      )

      // Assert
      expect(out.code).toBe(0)
      expect(out.stdout).toMatch(/^\{\n {4}"ID": /)
      expect(JSON.parse(out.stdout)).toMatchObject({
        Name: 'json-app',
        Hostname: 'json-app.fly.dev',
        Organization: { Slug: 'personal' }
      })
    })

    test('create fails on a taken name, exit 1', async () => {
      // Act
      const out = await invoke(['apps', 'create', 'demo'], { env })

      // Assert
      expect(out.code).toBe(1)
      expect(out.stderr).toMatch(
        /^Error: failed to create app: app name "demo" is already taken/
      )
    })

    test('destroy refuses without --yes when not interactive', async () => {
      // Act
      const out = await invoke(['apps', 'destroy', 'other'], { env })

      // Assert
      expect(out.code).toBe(1)
      expect(out.stderr).toBe(
        'Destroying an app is not reversible.\nError: yes flag must be specified when not running interactively\n\n'
      )
      expect(
        sim.control
          .snapshotWorld()
          .apps.some((a) => a.name === 'other' && a.status !== 'destroying')
      ).toBe(true)
    })

    test('destroy --yes deletes the app', async () => {
      // Arrange
      await invoke(['apps', 'create', 'doomed'], { env })

      // Act
      const out = await invoke(['apps', 'destroy', 'doomed', '-y'], { env })

      // Assert
      expect(out).toEqual({
        code: 0,
        stdout: 'Destroyed app doomed\n',
        stderr: ''
      })
      const gone = await invoke(['status', '-a', 'doomed', '--json'], { env })
      expect(gone.code).toBe(1)
    })
  })

  describe('status --json', () => {
    test('renders flyctl status --json: sorted Go map keys, machines by id in fly-go field order', async () => {
      // Act
      const out = await invoke(['status', '--json'], {
        env: { ...env, FLY_APP: 'demo' }
      })

      // Assert
      expect(out.code).toBe(0)
      expect(out.stdout).toMatch(
        /^\{\n {4}"AppURL": "https:\/\/demo\.fly\.dev",\n/
      )
      const status = JSON.parse(out.stdout)
      expect(Object.keys(status)).toEqual([
        'AppURL',
        'Deployed',
        'Hostname',
        'ID',
        'Machines',
        'Name',
        'Organization',
        'PlatformVersion',
        'Status',
        'Version'
      ])
      expect(status).toMatchObject({
        Deployed: true,
        Hostname: 'demo.fly.dev',
        Name: 'demo',
        Status: 'deployed',
        PlatformVersion: 'machines',
        Organization: { Slug: 'personal' }
      })
      const machines = status.Machines as Record<string, unknown>[]
      expect(machines).toHaveLength(6)
      const ids = machines.map((m) => m.id as string)
      expect(ids).toEqual([...ids].sort())
      expect(Object.keys(machines[0]!).slice(0, 6)).toEqual([
        'id',
        'name',
        'state',
        'region',
        'image_ref',
        'instance_id'
      ])
      expect(machines[0]).toMatchObject({
        state: 'started',
        host_status: 'ok',
        checks: expect.any(Array),
        config: expect.any(Object)
      })
    })

    test('fails for an unknown app', async () => {
      // Act
      const out = await invoke(['status', '--json', '-a', 'ghost'], { env })

      // Assert
      expect(out.code).toBe(1)
      expect(out.stderr).toMatch(/^Error: failed to get app: app not found/)
    })
  })

  describe('as an executable', () => {
    test('imports secrets from piped stdin, and no secret reaches argv, the log or the output', async () => {
      // Arrange
      const log = join(mkdtempSync(join(scratch, 'log-')), 'flyctl.log')
      const value = 'p@ss w0rd "quoted" # not a comment'
      const childEnv = { ...process.env, ...env, FLYSIM_FLYCTL_LOG: log }

      // Act
      const out = await spawnFlyctl(
        sim.flyctlPath!,
        ['secrets', 'import', '--stage', '--app', 'demo'],
        {
          env: childEnv,
          cwd: scratch,
          input: `CHILD_SECRET="""${value}"""\n`
        }
      )

      // Assert
      expect(out.code).toBe(0)
      const entries = readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l))
      expect(entries).toEqual([
        {
          argv: ['secrets', 'import', '--stage', '--app', 'demo'],
          cwd: scratch,
          at: expect.any(String)
        }
      ])
      const everything = readFileSync(log, 'utf8') + out.stdout + out.stderr
      expect(everything).not.toContain('p@ss w0rd')
      expect(everything).not.toContain(sim.token)
      expect(
        sim.control.snapshotWorld().apps.find((a) => a.name === 'demo')!
          .secretNames
      ).toContain('CHILD_SECRET')
    })

    test('builds and pushes from a project directory', async () => {
      // Arrange
      const dir = project({
        'fly.toml': 'app = "demo"\n',
        Dockerfile: 'FROM x\nLABEL sim.crash=after:30s sim.exit-code=3\n'
      })

      // Act
      const out = await spawnFlyctl(
        sim.flyctlPath!,
        ['deploy', '--build-only', '--push', '--image-label', 'child'],
        {
          env: { ...process.env, ...env },
          cwd: dir
        }
      )

      // Assert
      expect(out.code).toBe(0)
      expect(out.stderr).toContain('image: registry.fly.io/demo:child\n')
      const image = sim.control.images().find((i) => i.tag === 'child')
      expect(image?.behavior.crash).toEqual({ kind: 'after', ms: 30_000 })
      expect(image?.behavior.exitCode).toBe(3)
    })

    test("exits 1 with cobra's message for an unknown command, without a stack trace", async () => {
      // Act
      const out = await spawnFlyctl(sim.flyctlPath!, ['frobnicate'], {
        env: { ...process.env },
        cwd: scratch
      })

      // Assert
      expect(out.code).toBe(1)
      expect(out.stderr).toBe(
        'Error: unknown command "frobnicate" for "flyctl"\n\n'
      )
      expect(out.stdout).toBe("Run 'flyctl --help' for usage.\n\n")
    })
  })
})

/** closedPort returns a port nothing listens on. */
async function closedPort(): Promise<number> {
  const s = http.createServer()
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))
  const port = (s.address() as AddressInfo).port
  await new Promise<void>((resolve) => s.close(() => resolve()))
  return port
}
