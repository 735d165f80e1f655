import { execFile, execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import type http from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { crc32, crc32Portable } from '../../src/sim/releases/archive.js'
import {
  createReleasesServer,
  type ReleasesControl
} from '../../src/sim/releases/server.js'

const run = promisify(execFile)

/** Only PATH: no FLYSIM_FLYCTL_VERSION may leak into the unpacked flyctl. */
const CLEAN_ENV = { PATH: process.env.PATH ?? '/usr/bin:/bin' }

/** The stand-in flyctl bundle global-setup built; built here when run alone. */
let script: Buffer
let scratch: string

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'flysim-releases-test-'))
  let path = process.env.FLYSIM_FLYCTL_SCRIPT
  if (!path) {
    execFileSync(process.execPath, [
      'scripts/bundle.mjs',
      '--only',
      'flyctl',
      '--outdir',
      scratch
    ])
    path = join(scratch, 'flyctl.cjs')
  }
  script = readFileSync(path)
})

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true })
})

interface Running {
  base: string
  control: ReleasesControl
  server: http.Server
}

const open: http.Server[] = []

async function start(
  options: {
    versions?: string[]
    prerelease?: string
    script?: () => Buffer
  } = {}
): Promise<Running> {
  let base = ''
  const { server, control } = createReleasesServer({
    flyctlScript: options.script ?? (() => script),
    baseUrl: () => base,
    versions: options.versions,
    prerelease: options.prerelease,
    now: () => Date.parse('2026-03-01T00:00:00Z')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  open.push(server)
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return { base, control, server }
}

afterEach(async () => {
  await Promise.all(
    open.splice(0).map(
      (s) =>
        new Promise<void>((resolve) => {
          s.close(() => resolve())
          s.closeAllConnections()
        })
    )
  )
})

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex')

async function bytes(url: string): Promise<Buffer> {
  const res = await fetch(url)
  expect(res.status).toBe(200)
  return Buffer.from(await res.arrayBuffer())
}

async function checksums(
  base: string,
  version: string
): Promise<Map<string, string>> {
  const text = (
    await bytes(
      `${base}/superfly/flyctl/releases/download/v${version}/checksums.txt`
    )
  ).toString('utf8')
  const out = new Map<string, string>()
  for (const line of text.split('\n').filter(Boolean)) {
    const m = /^([0-9a-f]{64}) {2}(\S+)$/.exec(line)
    expect(m, `checksums.txt line "${line}"`).not.toBeNull()
    out.set(m![2]!, m![1]!)
  }
  return out
}

const download = (base: string, version: string, asset: string) =>
  `${base}/superfly/flyctl/releases/download/v${version}/${asset}`

describe('resolving a release', () => {
  test('answers the download URL as the plain body', async () => {
    // Arrange
    const { base } = await start()

    // Act
    const res = await fetch(`${base}/app/flyctl_releases/Linux/x86_64/latest`)

    // Assert
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/)
    expect(await res.text()).toBe(
      download(base, '0.3.214', 'flyctl_0.3.214_Linux_x86_64.tar.gz')
    )
  })

  test('answers {version, prerelease, download_url, timestamp} when JSON is accepted', async () => {
    // Arrange
    const { base } = await start()

    // Act
    const res = await fetch(`${base}/app/flyctl_releases/linux/amd64/latest`, {
      headers: { accept: 'application/json' }
    })

    // Assert
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    const body = (await res.json()) as { timestamp: string }
    expect(body).toEqual({
      version: '0.3.214',
      prerelease: false,
      download_url: download(
        base,
        '0.3.214',
        'flyctl_0.3.214_Linux_x86_64.tar.gz'
      ),
      timestamp: expect.stringMatching(
        /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/
      )
    })
    expect(Date.parse(body.timestamp)).toBeLessThan(
      Date.parse('2026-03-01T00:00:00Z')
    )
  })

  const spellings: [string, string, string][] = [
    ['Linux', 'x86_64', 'flyctl_0.3.214_Linux_x86_64.tar.gz'],
    ['linux', 'amd64', 'flyctl_0.3.214_Linux_x86_64.tar.gz'],
    ['Linux', 'aarch64', 'flyctl_0.3.214_Linux_arm64.tar.gz'],
    ['linux', 'arm64', 'flyctl_0.3.214_Linux_arm64.tar.gz'],
    ['macOS', 'x86_64', 'flyctl_0.3.214_macOS_x86_64.tar.gz'],
    ['Darwin', 'arm64', 'flyctl_0.3.214_macOS_arm64.tar.gz'],
    ['darwin', 'amd64', 'flyctl_0.3.214_macOS_x86_64.tar.gz'],
    ['macos', 'aarch64', 'flyctl_0.3.214_macOS_arm64.tar.gz'],
    ['Windows', 'x86_64', 'flyctl_0.3.214_Windows_x86_64.zip'],
    ['windows', 'amd64', 'flyctl_0.3.214_Windows_x86_64.zip'],
    ['windows', 'arm64', 'flyctl_0.3.214_Windows_arm64.zip']
  ]
  for (const [os, arch, asset] of spellings) {
    test(`maps ${os}/${arch} to ${asset}`, async () => {
      // Arrange
      const { base } = await start()

      // Act
      const res = await fetch(
        `${base}/app/flyctl_releases/${os}/${arch}/latest`
      )

      // Assert
      expect(await res.text()).toBe(download(base, '0.3.214', asset))
    })
  }

  const versions: [string, string, boolean][] = [
    ['latest', '0.3.214', false],
    ['0.3.209', '0.3.209', false],
    ['v0.3.209', '0.3.209', false],
    ['prerel', '0.3.215-pre-1', true],
    ['pre', '0.3.215-pre-1', true],
    ['0.3.215-pre-1', '0.3.215-pre-1', true]
  ]
  for (const [asked, version, prerelease] of versions) {
    test(`resolves ${asked} to ${version}`, async () => {
      // Arrange
      const { base } = await start({ prerelease: '0.3.215-pre-1' })

      // Act
      const res = await fetch(
        `${base}/app/flyctl_releases/Linux/x86_64/${asked}`,
        {
          headers: { accept: 'application/json' }
        }
      )

      // Assert
      const body = (await res.json()) as Record<string, unknown>
      expect(body.version).toBe(version)
      expect(body.prerelease).toBe(prerelease)
      expect(body.download_url).toContain(
        `/v${version}/flyctl_${version}_Linux_x86_64.tar.gz`
      )
    })
  }

  test('resolves prerel to the latest stable release when there is no prerelease', async () => {
    // Arrange
    const { base } = await start({ versions: ['0.3.100', '0.3.101'] })

    // Act
    const res = await fetch(`${base}/app/flyctl_releases/Linux/x86_64/prerel`)

    // Assert
    expect(await res.text()).toContain('/v0.3.101/')
  })

  const unknown = [
    '/app/flyctl_releases/Linux/x86_64/9.9.9',
    '/app/flyctl_releases/Linux/x86_64/nightly',
    '/app/flyctl_releases/FreeBSD/x86_64/latest',
    '/app/flyctl_releases/Linux/386/latest',
    '/app/flyctl_releases/Linux/x86_64',
    '/app/flyctl_releases/Linux/x86_64/latest/extra',
    '/app/flyctl_releases/%E0%A4%A/x86_64/latest'
  ]
  for (const path of unknown) {
    test(`answers 404 with an empty body for ${path}`, async () => {
      // Arrange
      const { base } = await start()

      // Act
      const res = await fetch(base + path)

      // Assert
      expect(res.status).toBe(404)
      expect(await res.text()).toBe('')
    })
  }
})

describe('release assets', () => {
  test('redirects a release download to the asset host, as GitHub does', async () => {
    // Arrange
    const { base } = await start()

    // Act
    const res = await fetch(
      download(base, '0.3.214', 'flyctl_0.3.214_Linux_x86_64.tar.gz'),
      {
        redirect: 'manual'
      }
    )

    // Assert
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe(
      `${base}/release-assets/superfly/flyctl/v0.3.214/flyctl_0.3.214_Linux_x86_64.tar.gz`
    )
  })

  test('lists every asset of a release in checksums.txt, sorted, goreleaser style', async () => {
    // Arrange
    const { base } = await start()

    // Act
    const sums = await checksums(base, '0.3.214')

    // Assert
    expect([...sums.keys()]).toEqual([
      'flyctl_0.3.214_Linux_arm64.tar.gz',
      'flyctl_0.3.214_Linux_x86_64.tar.gz',
      'flyctl_0.3.214_Windows_arm64.zip',
      'flyctl_0.3.214_Windows_x86_64.zip',
      'flyctl_0.3.214_macOS_arm64.tar.gz',
      'flyctl_0.3.214_macOS_x86_64.tar.gz'
    ])
    expect(new Set(sums.values()).size).toBe(6)
  })

  test('serves a tarball whose sha256 matches its checksums.txt line', async () => {
    // Arrange
    const { base } = await start()
    const asset = 'flyctl_0.3.209_Linux_x86_64.tar.gz'

    // Act
    const tarball = await bytes(download(base, '0.3.209', asset))
    const sums = await checksums(base, '0.3.209')

    // Assert
    expect(sha256(tarball)).toBe(sums.get(asset))
  })

  test('builds the same bytes for the same script, so checksums are stable', async () => {
    // Arrange
    const a = await start()
    const b = await start()

    // Act
    const first = await checksums(a.base, '0.3.214')
    const second = await checksums(b.base, '0.3.214')

    // Assert
    expect(second).toEqual(first)
  })

  test('holds an executable flyctl pinned to the release version, plus LICENSE and README.md', async () => {
    // Arrange
    const { base } = await start()
    const dir = mkdtempSync(join(scratch, 'unpack-'))
    const archive = join(dir, 'flyctl.tar.gz')
    writeFileSync(
      archive,
      await bytes(
        download(base, '0.3.209', 'flyctl_0.3.209_Linux_x86_64.tar.gz')
      )
    )

    // Act
    const listing = (await run('tar', ['-tzvf', archive])).stdout
    await run('tar', ['-xzf', archive, '-C', dir])
    const version = await run(join(dir, 'flyctl'), ['version', '--json'], {
      env: CLEAN_ENV
    })

    // Assert
    expect(
      listing
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split(/\s+/).at(-1))
    ).toEqual(['flyctl', 'LICENSE', 'README.md'])
    expect(listing).toMatch(/^-rwxr-xr-x root\/root .* flyctl$/m)
    expect(statSync(join(dir, 'flyctl')).mode & 0o777).toBe(0o755)
    expect(
      readFileSync(join(dir, 'flyctl'), 'utf8').startsWith(
        '#!/usr/bin/env node\n'
      )
    ).toBe(true)
    expect(JSON.parse(version.stdout)).toMatchObject({
      Name: 'flyctl',
      Version: '0.3.209',
      OS: 'linux',
      Architecture: 'amd64'
    })
  })

  test('pins each asset to its own platform', async () => {
    // Arrange
    const { base } = await start()
    const dir = mkdtempSync(join(scratch, 'arm-'))
    const archive = join(dir, 'flyctl.tar.gz')
    writeFileSync(
      archive,
      await bytes(
        download(base, '0.3.214', 'flyctl_0.3.214_macOS_arm64.tar.gz')
      )
    )
    await run('tar', ['-xzf', archive, '-C', dir])

    // Act
    const out = await run(join(dir, 'flyctl'), ['version'], { env: CLEAN_ENV })

    // Assert
    expect(out.stdout).toMatch(
      /^flyctl v0\.3\.214 darwin\/arm64 Commit: [0-9a-f]{40} BuildDate: \S+\n$/
    )
  })

  test.skipIf(!hasCommand('unzip'))(
    'serves Windows releases as a stored zip with flyctl.exe and wintun.dll',
    async () => {
      // Arrange
      const { base } = await start()
      const asset = 'flyctl_0.3.214_Windows_x86_64.zip'
      const dir = mkdtempSync(join(scratch, 'zip-'))
      const file = join(dir, asset)
      const zip = await bytes(download(base, '0.3.214', asset))
      writeFileSync(file, zip)

      // Act
      const names = (await run('unzip', ['-Z1', file])).stdout
      const check = await run('unzip', ['-t', file])
      const exe = (
        await run('unzip', ['-p', file, 'flyctl.exe'], { encoding: 'buffer' })
      ).stdout

      // Assert
      expect(names.split('\n').filter(Boolean)).toEqual([
        'flyctl.exe',
        'wintun.dll'
      ])
      expect(check.stdout).toContain('No errors detected')
      expect(exe.toString('utf8')).toContain(
        'globalThis.__FLYCTL_VERSION__ = "0.3.214";'
      )
      expect(sha256(zip)).toBe((await checksums(base, '0.3.214')).get(asset))
    }
  )

  const missing = [
    '/superfly/flyctl/releases/download/v9.9.9/checksums.txt',
    '/superfly/flyctl/releases/download/v0.3.214/flyctl_0.3.209_Linux_x86_64.tar.gz',
    '/superfly/flyctl/releases/download/v0.3.214/flyctl_0.3.214_Linux_386.tar.gz',
    '/superfly/flyctl/releases/download/v0.3.214/flyctl_0.3.214_Windows_x86_64.tar.gz',
    '/superfly/flyctl/releases/download/0.3.214/checksums.txt',
    '/release-assets/superfly/flyctl/v0.3.214/nope',
    '/nothing/here'
  ]
  for (const path of missing) {
    test(`answers 404 for ${path}`, async () => {
      // Arrange
      const { base } = await start()

      // Act
      const res = await fetch(base + path)

      // Assert
      expect(res.status).toBe(404)
    })
  }

  test('answers 405 to anything but GET and HEAD', async () => {
    // Arrange
    const { base } = await start()

    // Act
    const res = await fetch(`${base}/app/flyctl_releases/Linux/x86_64/latest`, {
      method: 'POST'
    })

    // Assert
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('GET, HEAD')
  })

  test('answers 500 with a message when building an asset fails, and keeps serving', async () => {
    // Arrange
    const { base } = await start({
      script: () => {
        throw new Error('bundle missing')
      }
    })

    // Act
    const broken = await fetch(download(base, '0.3.214', 'checksums.txt'))
    const resolve = await fetch(
      `${base}/app/flyctl_releases/Linux/x86_64/latest`
    )

    // Assert
    expect(broken.status).toBe(500)
    expect(await broken.text()).toContain('bundle missing')
    expect(resolve.status).toBe(200)
  })
})

describe('release faults', () => {
  test('tamper makes the served bytes differ from checksums.txt, which keeps the true hash', async () => {
    // Arrange
    const { base, control } = await start()
    const asset = 'flyctl_0.3.214_Linux_x86_64.tar.gz'
    const before = await checksums(base, '0.3.214')

    // Act
    control.tamper({ version: 'v0.3.214', asset })
    const served = await bytes(download(base, '0.3.214', asset))
    const after = await checksums(base, '0.3.214')

    // Assert
    expect(after).toEqual(before)
    expect(sha256(served)).not.toBe(after.get(asset))
    const other = 'flyctl_0.3.214_Linux_arm64.tar.gz'
    expect(sha256(await bytes(download(base, '0.3.214', other)))).toBe(
      after.get(other)
    )
  })

  test('a tampered tarball still unpacks, like a substituted build would', async () => {
    // Arrange
    const { base, control } = await start()
    const asset = 'flyctl_0.3.214_Linux_x86_64.tar.gz'
    control.tamper({ version: '0.3.214', asset })
    const dir = mkdtempSync(join(scratch, 'tampered-'))
    writeFileSync(
      join(dir, asset),
      await bytes(download(base, '0.3.214', asset))
    )

    // Act
    await run('tar', ['-xzf', join(dir, asset), '-C', dir])

    // Assert
    expect(readFileSync(join(dir, 'flyctl'), 'utf8')).toContain(
      'tampered by flysim'
    )
  })

  test('dropChecksum leaves only that asset out of checksums.txt', async () => {
    // Arrange
    const { base, control } = await start()
    const asset = 'flyctl_0.3.214_macOS_arm64.tar.gz'

    // Act
    control.dropChecksum({ version: '0.3.214', asset })
    const sums = await checksums(base, '0.3.214')

    // Assert
    expect(sums.has(asset)).toBe(false)
    expect(sums.size).toBe(5)
    expect((await checksums(base, '0.3.209')).size).toBe(6)
  })

  test('reset restores the genuine assets and every checksum line', async () => {
    // Arrange
    const { base, control } = await start()
    const asset = 'flyctl_0.3.214_Linux_x86_64.tar.gz'
    control.tamper({ version: '0.3.214', asset })
    control.dropChecksum({ version: '0.3.214', asset })

    // Act
    control.reset()
    const sums = await checksums(base, '0.3.214')

    // Assert
    expect(sha256(await bytes(download(base, '0.3.214', asset)))).toBe(
      sums.get(asset)
    )
  })

  const badRefs = [
    { version: '9.9.9', asset: 'flyctl_9.9.9_Linux_x86_64.tar.gz' },
    { version: '0.3.214', asset: 'flyctl_0.3.209_Linux_x86_64.tar.gz' },
    { version: '0.3.214', asset: 'checksums.txt' },
    { version: 'latest', asset: 'flyctl_0.3.214_Linux_x86_64.tar.gz' }
  ]
  for (const ref of badRefs) {
    test(`refuses to tamper with ${ref.version}/${ref.asset}`, async () => {
      // Arrange
      const { control } = await start()

      // Act
      const act = () => control.tamper(ref)

      // Assert
      expect(act).toThrow(TypeError)
    })
  }

  test('counts resolves, archive and checksum downloads, but not redirect hops or HEADs', async () => {
    // Arrange
    const { base, control } = await start()
    const asset = 'flyctl_0.3.214_Linux_x86_64.tar.gz'

    // Act
    await fetch(`${base}/app/flyctl_releases/Linux/x86_64/latest`)
    await fetch(`${base}/app/flyctl_releases/Linux/x86_64/nope`)
    await bytes(download(base, '0.3.214', asset))
    await bytes(download(base, '0.3.214', asset))
    await checksums(base, '0.3.214')
    await fetch(download(base, '0.3.214', asset), { method: 'HEAD' })
    const counts = control.downloads()

    // Assert
    expect(counts).toEqual({
      resolves: 2,
      assets: 2,
      checksums: 1,
      files: {
        [`v0.3.214/${asset}`]: 2,
        'v0.3.214/checksums.txt': 1
      }
    })
  })

  test('reports nothing downloaded when nothing was fetched', async () => {
    // Arrange
    const { control } = await start()

    // Act
    const counts = control.downloads()

    // Assert
    expect(counts).toEqual({ resolves: 0, assets: 0, checksums: 0, files: {} })
  })

  test('lists the releases on offer, oldest first, a week apart', async () => {
    // Arrange
    const { control } = await start({ prerelease: '0.3.215-pre-1' })

    // Act
    const list = control.releases()

    // Assert
    expect(list.map((r) => [r.version, r.prerelease])).toEqual([
      ['0.3.195', false],
      ['0.3.209', false],
      ['0.3.214', false],
      ['0.3.215-pre-1', true]
    ])
    expect(
      Date.parse(list[3]!.timestamp) - Date.parse(list[2]!.timestamp)
    ).toBe(7 * 24 * 3600 * 1000)
    expect(list[0]!.assets).toContain('checksums.txt')
  })

  test('refuses a version list without a stable release', () => {
    // Act
    const act = () =>
      createReleasesServer({
        flyctlScript: () => script,
        baseUrl: () => '',
        versions: []
      })

    // Assert
    expect(act).toThrow(TypeError)
  })
})

describe('crc32', () => {
  const rows: [string, number][] = [
    ['', 0],
    ['123456789', 0xcbf43926],
    ['The quick brown fox jumps over the lazy dog', 0x414fa339]
  ]
  for (const [input, want] of rows) {
    test(`gives ${want.toString(16)} for "${input}" natively and portably`, () => {
      // Act
      const data = Buffer.from(input)

      // Assert
      expect(crc32(data)).toBe(want)
      expect(crc32Portable(data)).toBe(want)
    })
  }
})

function hasCommand(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}
