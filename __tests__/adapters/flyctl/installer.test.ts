/**
 * The flyctl installer against flysim's release server over real HTTP, with
 * the real @actions/tool-cache writing to temp dirs (RUNNER_TOOL_CACHE and
 * RUNNER_TEMP are pointed there per test; tool-cache reads them per call).
 * flysim's release downloads redirect with a relative Location, so every
 * download here also exercises the installer's redirect work-around.
 */
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { promisify } from 'node:util'
import * as tc from '@actions/tool-cache'
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  test,
  vi
} from 'vitest'
import {
  FlyctlInstallError,
  installFlyctl,
  VERIFIED_MARKER,
  type InstallFlyctlOptions,
  type ToolCache
} from '../../../src/adapters/flyctl/installer.js'
import { ChecksumMismatchError, InputError } from '../../../src/core/errors.js'
import type { Logger } from '../../../src/orchestrator/ports.js'
import { startSim, type Sim } from '../../../src/sim/index.js'

const run = promisify(execFile)

/** The unpacked stand-in is `#!/usr/bin/env node`: it needs node on PATH, nothing else. */
const RUN_ENV = {
  PATH: [dirname(process.execPath), process.env.PATH ?? ''].join(delimiter)
}

const LINUX = { platform: 'linux', arch: 'x64' } as const
const asset = (v: string) => `flyctl_${v}_Linux_x86_64.tar.gz`

let sim: Sim
let cache: string
let temp: string
const saved = {
  RUNNER_TOOL_CACHE: process.env.RUNNER_TOOL_CACHE,
  RUNNER_TEMP: process.env.RUNNER_TEMP
}

beforeAll(async () => {
  sim = await startSim({ rateLimits: false })
})

afterAll(async () => {
  await sim?.close()
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k]
    else process.env[k] = v
  }
})

beforeEach(async () => {
  cache = mkdtempSync(join(tmpdir(), 'flyctl-tool-cache-'))
  temp = mkdtempSync(join(tmpdir(), 'flyctl-runner-temp-'))
  process.env.RUNNER_TOOL_CACHE = cache
  process.env.RUNNER_TEMP = temp
  await admin('DELETE', '/faults') // also resets the release server's counters
})

afterEach(() => {
  rmSync(cache, { recursive: true, force: true })
  rmSync(temp, { recursive: true, force: true })
})

async function admin(method: string, path: string, body?: unknown) {
  const res = await fetch(`${sim.adminUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  const json = (await res.json()) as Record<string, unknown>
  if (!res.ok)
    throw new Error(`admin ${method} ${path}: ${JSON.stringify(json)}`)
  return json
}

async function downloads() {
  return (await admin('GET', '/releases/downloads')) as {
    resolves: number
    assets: number
    checksums: number
  }
}

function options(
  extra: Partial<InstallFlyctlOptions> = {}
): InstallFlyctlOptions {
  return {
    version: '0.3.209',
    releasesUrl: sim.releasesUrl,
    ...LINUX,
    sleep: async () => {},
    ...extra
  }
}

/** genuineSha reads the release's checksums.txt line for a file. */
async function genuineSha(version: string, file: string): Promise<string> {
  const res = await fetch(
    `${sim.releasesUrl}/superfly/flyctl/releases/download/v${version}/checksums.txt`
  )
  const line = (await res.text()).split('\n').find((l) => l.endsWith(file))
  return line!.split(/\s+/)[0]!
}

async function servedSha(version: string, file: string): Promise<string> {
  const res = await fetch(
    `${sim.releasesUrl}/superfly/flyctl/releases/download/v${version}/${file}`
  )
  return createHash('sha256')
    .update(Buffer.from(await res.arrayBuffer()))
    .digest('hex')
}

/** spyToolCache is the real tool-cache with extraction and caching recorded. */
function spyToolCache() {
  return {
    find: vi.fn(tc.find),
    downloadTool: vi.fn(tc.downloadTool),
    extractTar: vi.fn(tc.extractTar),
    extractZip: vi.fn(tc.extractZip),
    cacheDir: vi.fn(tc.cacheDir)
  } satisfies ToolCache
}

function recordingLog(): Logger & { lines: string[] } {
  const lines: string[] = []
  return {
    lines,
    info: (m) => lines.push(`info: ${m}`),
    warn: (m) => lines.push(`warn: ${m}`),
    debug: () => {}
  }
}

async function versionOf(bin: string): Promise<Record<string, string>> {
  const { stdout } = await run(bin, ['version', '--json'], { env: RUN_ENV })
  return JSON.parse(stdout) as Record<string, string>
}

describe('installFlyctl', () => {
  test('resolves, downloads, verifies, extracts and caches a pinned flyctl with a fly alias', async () => {
    // Arrange
    const log = recordingLog()

    // Act
    const got = await installFlyctl(options({ log }))

    // Assert
    expect(await downloads()).toMatchObject({
      resolves: 1,
      assets: 1,
      checksums: 1
    })
    const dir = join(cache, 'flyctl', '0.3.209', 'x64')
    expect(got).toEqual({
      version: '0.3.209',
      dir,
      flyctlPath: join(dir, 'flyctl'),
      flyPath: join(dir, 'fly'),
      fromCache: false,
      sha256: await genuineSha('0.3.209', asset('0.3.209')),
      asset: asset('0.3.209')
    })
    expect(existsSync(`${dir}.complete`)).toBe(true)
    expect(lstatSync(got.flyPath).isSymbolicLink()).toBe(true)
    expect(readlinkSync(got.flyPath)).toBe('flyctl') // relative: survives a moved cache
    expect(readFileSync(join(dir, VERIFIED_MARKER), 'utf8')).toBe(
      `${got.sha256}  ${asset('0.3.209')}\n`
    )
    expect((await versionOf(got.flyctlPath)).Version).toBe('0.3.209')
    const fly = await run(got.flyPath, ['version'], { env: RUN_ENV })
    expect(fly.stdout).toMatch(/^fly(ctl)? v0\.3\.209 linux\/amd64 /)
    expect(readdirSync(temp)).toEqual([]) // the scratch dir is gone
    expect(log.lines.join('\n')).toMatch(/verified flyctl_0\.3\.209_Linux/)
  })

  test('latest resolves to the newest stable release, and a second latest downloads nothing', async () => {
    // Arrange: a one-function logger, as action/main.ts passes.
    const lines: string[] = []

    // Act
    const first = await installFlyctl(
      options({ version: 'latest', log: (m) => lines.push(m) })
    )
    await admin('DELETE', '/faults')
    const second = await installFlyctl(options({ version: 'latest' }))

    // Assert
    expect(first).toMatchObject({ version: '0.3.214', fromCache: false })
    expect(lines[0]).toBe(
      `flyctl latest is 0.3.214 (Linux x86_64): ${sim.releasesUrl}/superfly/flyctl/releases/download/v0.3.214/${asset('0.3.214')}`
    )
    expect((await versionOf(first.flyctlPath)).Version).toBe('0.3.214')
    expect(second).toMatchObject({
      version: '0.3.214',
      dir: first.dir,
      fromCache: true,
      sha256: first.sha256
    })
    expect(await downloads()).toMatchObject({
      resolves: 1,
      assets: 0,
      checksums: 0
    })
  })

  test('a warm cache for a pinned version makes no request at all', async () => {
    // Arrange
    const t0 = performance.now()
    const cold = await installFlyctl(options())
    const coldMs = performance.now() - t0
    await admin('DELETE', '/faults')

    // Act
    const times: number[] = []
    let warm = cold
    for (let i = 0; i < 20; i++) {
      const t = performance.now()
      warm = await installFlyctl(
        options({ version: i % 2 ? 'v0.3.209' : '0.3.209' })
      )
      times.push(performance.now() - t)
    }

    // Assert
    expect(warm).toMatchObject({
      dir: cold.dir,
      fromCache: true,
      version: '0.3.209'
    })
    expect(await downloads()).toMatchObject({
      resolves: 0,
      assets: 0,
      checksums: 0
    })
    times.sort((a, b) => a - b)
    console.log(
      `flyctl install: cold ${coldMs.toFixed(1)} ms (resolve + download + verify + extract + cache, localhost); ` +
        `warm-cache median ${times[10]!.toFixed(2)} ms, max ${times.at(-1)!.toFixed(2)} ms over ${times.length} runs`
    )
  })

  test('refuses a tampered asset before anything is extracted, naming both hashes', async () => {
    // Arrange
    const file = asset('0.3.195')
    await admin('POST', '/faults', {
      kind: 'flyctl-tamper',
      version: '0.3.195',
      asset: file
    })
    const toolCache = spyToolCache()

    // Act
    const err = await installFlyctl(
      options({ version: '0.3.195', toolCache })
    ).catch((e: unknown) => e)

    // Assert
    expect(err).toBeInstanceOf(ChecksumMismatchError)
    const expected = await genuineSha('0.3.195', file)
    const counts = await downloads()
    const actual = await servedSha('0.3.195', file)
    expect(actual).not.toBe(expected)
    expect(err).toMatchObject({
      asset: file,
      expected,
      actual,
      retryable: false
    })
    expect((err as Error).message).toContain(file)
    expect((err as Error).message).toContain(expected)
    expect((err as Error).message).toContain(actual)
    expect(toolCache.extractTar).not.toHaveBeenCalled()
    expect(toolCache.cacheDir).not.toHaveBeenCalled()
    expect(existsSync(join(cache, 'flyctl', '0.3.195'))).toBe(false)
    expect(readdirSync(temp)).toEqual([]) // the download is not left behind
    expect(counts).toMatchObject({ assets: 1 }) // never retried
  })

  test('refuses an asset checksums.txt has no line for', async () => {
    // Arrange
    const file = asset('0.3.214')
    await admin('POST', '/faults', {
      kind: 'flyctl-drop-checksum',
      version: '0.3.214',
      asset: file
    })
    const toolCache = spyToolCache()

    // Act
    const err = await installFlyctl(
      options({ version: '0.3.214', toolCache })
    ).catch((e: unknown) => e)

    // Assert
    expect(err).toBeInstanceOf(ChecksumMismatchError)
    expect(err).toMatchObject({
      asset: file,
      expected: expect.stringMatching(
        /^\(no entry in http:.*\/v0\.3\.214\/checksums\.txt\)$/
      ),
      actual: await servedSha('0.3.214', file)
    })
    expect(toolCache.extractTar).not.toHaveBeenCalled()
    expect(existsSync(join(cache, 'flyctl', '0.3.214'))).toBe(false)
  })

  test('an unknown version is a clear error naming version, os, arch and URL, not retried', async () => {
    const err = await installFlyctl(options({ version: '9.9.9' })).catch(
      (e: unknown) => e
    )

    expect(err).toBeInstanceOf(FlyctlInstallError)
    expect(err).toMatchObject({
      version: '9.9.9',
      os: 'Linux',
      arch: 'x86_64',
      status: 404,
      retryable: false,
      url: `${sim.releasesUrl}/app/flyctl_releases/Linux/x86_64/9.9.9`
    })
    expect((err as Error).message).toBe(
      `flyctl 9.9.9 was not found for Linux x86_64: ${sim.releasesUrl}/app/flyctl_releases/Linux/x86_64/9.9.9 answered 404 (is it a released version? use X.Y.Z or latest)`
    )
    expect(await downloads()).toMatchObject({ resolves: 1, assets: 0 })
  })

  test('refuses an unsupported platform and a malformed version without a request', async () => {
    await expect(
      installFlyctl(options({ platform: 'linux', arch: 'ia32' }))
    ).rejects.toThrow(
      /^flyctl 0\.3\.209 has no build for linux ia32: flyctl ships for linux, darwin and win32 on x64 and arm64$/
    )
    await expect(installFlyctl(options({ version: 'banana' }))).rejects.toThrow(
      InputError
    )
    expect(await downloads()).toMatchObject({ resolves: 0 })
  })

  test('retries the resolver on 5xx with backoff, then succeeds', async () => {
    // Arrange
    let failures = 2
    const flaky: typeof fetch = async (input, init) => {
      if (String(input).includes('/app/flyctl_releases/') && failures-- > 0) {
        return new Response('upstream down', { status: 503 })
      }
      return fetch(input, init)
    }
    const sleeps: number[] = []

    // Act
    const got = await installFlyctl(
      options({ fetch: flaky, sleep: async (ms) => void sleeps.push(ms) })
    )

    // Assert
    expect(got.version).toBe('0.3.209')
    expect(sleeps).toEqual([1000, 2000])
  })

  test('gives up after 3 attempts when the release server is unreachable', async () => {
    // A port that just closed: connections are refused.
    const server = createServer()
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const port = (server.address() as AddressInfo).port
    await new Promise((r) => server.close(r))
    const sleeps: number[] = []
    const err = await installFlyctl(
      options({
        releasesUrl: `http://127.0.0.1:${port}`,
        sleep: async (ms) => void sleeps.push(ms)
      })
    ).catch((e: unknown) => e)

    expect(err).toBeInstanceOf(FlyctlInstallError)
    expect(err).toMatchObject({ status: 0, retryable: true })
    expect((err as Error).message).toMatch(
      /^failed to resolve flyctl 0\.3\.209 for Linux x86_64 at http:\/\/127\.0\.0\.1:\d+\/app\/flyctl_releases\/Linux\/x86_64\/0\.3\.209: connect ECONNREFUSED/
    )
    expect(sleeps).toEqual([1000, 2000])
  })

  test('reads a plain-text resolver answer (the download URL itself)', async () => {
    const plain: typeof fetch = (input, init) =>
      fetch(input, { ...init, headers: { accept: 'text/plain' } })

    const got = await installFlyctl(options({ fetch: plain }))

    expect(got).toMatchObject({ version: '0.3.209', fromCache: false })
    expect((await versionOf(got.flyctlPath)).Version).toBe('0.3.209')
  })

  test.skipIf(!existsSync('/usr/bin/unzip') && !existsSync('/bin/unzip'))(
    'installs the Windows zip with flyctl.exe and a fly.exe copy',
    async () => {
      const got = await installFlyctl(
        options({ platform: 'win32', arch: 'x64' })
      )

      expect(got.flyctlPath).toBe(join(got.dir, 'flyctl.exe'))
      expect(got.flyPath).toBe(join(got.dir, 'fly.exe'))
      expect(readdirSync(got.dir).sort()).toEqual(
        [VERIFIED_MARKER, 'fly.exe', 'flyctl.exe', 'wintun.dll'].sort()
      )
      expect(lstatSync(got.flyPath).isSymbolicLink()).toBe(false)
      expect(readFileSync(got.flyPath)).toEqual(readFileSync(got.flyctlPath))
      expect(got.asset).toBe('flyctl_0.3.209_Windows_x86_64.zip')
    }
  )

  test('reinstalls a cached flyctl that fly-rollout never verified (e.g. setup-flyctl’s)', async () => {
    // Arrange: what setup-flyctl leaves: flyctl in the cache, no marker, no alias.
    const foreign = join(temp, 'foreign')
    mkdirSync(foreign)
    writeFileSync(join(foreign, 'flyctl'), '#!/bin/sh\necho unverified\n', {
      mode: 0o755
    })
    await tc.cacheDir(foreign, 'flyctl', '0.3.209', 'x64')
    const log = recordingLog()

    // Act
    const got = await installFlyctl(options({ log }))

    // Assert
    expect(got.fromCache).toBe(false)
    expect((await versionOf(got.flyctlPath)).Version).toBe('0.3.209')
    expect(existsSync(join(got.dir, VERIFIED_MARKER))).toBe(true)
    expect(log.lines.join('\n')).toMatch(/was not installed by fly-rollout/)
  })

  test('names RUNNER_TOOL_CACHE when it is not set', async () => {
    delete process.env.RUNNER_TOOL_CACHE
    await expect(installFlyctl(options())).rejects.toThrow(
      /RUNNER_TOOL_CACHE is not set/
    )
  })
})
