import { describe, expect, test } from 'vitest'
import {
  buildDeployArgs,
  buildVersionArgs,
  FlyctlOutputError,
  parseDeployOutput,
  parseVersionOutput,
  type DeployArgsOptions
} from '../../../src/adapters/flyctl/args.js'
import { InputError } from '../../../src/core/errors.js'
import {
  parseChecksums,
  releasePlatform,
  versionFromUrl
} from '../../../src/adapters/flyctl/installer.js'

describe('buildDeployArgs', () => {
  const cases: { name: string; opts: DeployArgsOptions; want: string[] }[] = [
    {
      name: 'a remote build with only the app',
      opts: { app: 'web', mode: 'remote' },
      want: ['deploy', '--build-only', '--push', '--remote-only', '-a', 'web']
    },
    {
      name: 'a local build with every option, flags in a fixed order',
      opts: {
        app: 'web',
        mode: 'local',
        imageLabel: 'v1',
        config: 'fly.toml',
        dockerfile: 'Dockerfile',
        buildArgs: { A: '1', B: 'x=y z' }
      },
      want: [
        'deploy',
        '--build-only',
        '--push',
        '--image-label',
        'v1',
        '--local-only',
        '-a',
        'web',
        '-c',
        'fly.toml',
        '--dockerfile',
        'Dockerfile',
        '--build-arg',
        'A=1',
        '--build-arg',
        'B=x=y z'
      ]
    },
    {
      name: 'the label before the mode, as documented',
      opts: { app: 'a', mode: 'remote', imageLabel: 'pr-12.sha_ab' },
      want: [
        'deploy',
        '--build-only',
        '--push',
        '--image-label',
        'pr-12.sha_ab',
        '--remote-only',
        '-a',
        'a'
      ]
    }
  ]
  for (const c of cases) {
    test(`builds ${c.name}`, () => {
      expect(buildDeployArgs(c.opts)).toEqual(c.want)
    })
  }

  test('lists every problem with the options at once', () => {
    let err: unknown
    try {
      buildDeployArgs({
        app: '',
        mode: 'cloud' as never,
        imageLabel: '-bad',
        dockerfile: '',
        buildArgs: { 'A B': '1', '': '2' }
      })
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(InputError)
    const problems = (err as InputError).problems
    expect(problems).toHaveLength(6)
    expect(problems.join('\n')).toMatch(/app is required/)
    expect(problems.join('\n')).toMatch(/"cloud" is not remote or local/)
    expect(problems.join('\n')).toMatch(/"-bad" is not a Docker tag/)
  })

  test('refuses an app name that flyctl would read as a flag', () => {
    expect(() => buildDeployArgs({ app: '--help', mode: 'remote' })).toThrow(
      InputError
    )
  })
})

test('buildVersionArgs asks for JSON', () => {
  expect(buildVersionArgs()).toEqual(['version', '--json'])
})

describe('parseDeployOutput', () => {
  const cases = [
    {
      name: "stderr, where flyctl prints it, ignoring 'image size:'",
      stdout: '',
      stderr:
        '==> Building image\n--> Pushing image done\nimage: registry.fly.io/web:v1\nimage size: 42 MB\n',
      want: 'registry.fly.io/web:v1'
    },
    {
      name: 'stdout when stderr has none',
      stdout: 'image: registry.fly.io/web:deployment-01J\n',
      stderr: 'progress\n',
      want: 'registry.fly.io/web:deployment-01J'
    },
    {
      name: 'the last line when there are several, with CRs and colours',
      stdout: '',
      stderr:
        'image: registry.fly.io/web:old\r\n\u001b[1mimage:\u001b[0m registry.fly.io/web:new\r\n',
      want: 'registry.fly.io/web:new'
    }
  ]
  for (const c of cases) {
    test(`reads the image from ${c.name}`, () => {
      expect(parseDeployOutput(c.stdout, c.stderr)).toEqual({ image: c.want })
    })
  }

  test('is a FlyctlOutputError carrying the output tail when no image line is printed', () => {
    const err = (() => {
      try {
        parseDeployOutput('nothing here', 'image size: 42 MB\nDone')
      } catch (e) {
        return e
      }
    })()
    expect(err).toBeInstanceOf(FlyctlOutputError)
    expect((err as FlyctlOutputError).message).toMatch(
      /^flyctl deploy succeeded but printed no "image: <ref>" line \(last output line: Done\)$/
    )
    expect((err as FlyctlOutputError).code).toBe('flyctl')
  })
})

describe('parseVersionOutput', () => {
  test('reads flyctl build info JSON', () => {
    const out =
      '{"Name":"flyctl","Version":"0.3.214","Commit":"abc","BranchName":"","BuildDate":"2025-01-01T00:00:00Z","OS":"linux","Architecture":"amd64","Environment":"production"}\n'
    expect(parseVersionOutput(out)).toEqual({
      version: '0.3.214',
      commit: 'abc',
      buildDate: '2025-01-01T00:00:00Z',
      os: 'linux',
      arch: 'amd64'
    })
  })

  test('drops a v and skips a notice printed before the JSON', () => {
    expect(
      parseVersionOutput('A new version is available\n{"Version":"v0.3.1"}')
    ).toEqual({ version: '0.3.1' })
  })

  test('refuses text output and JSON without a version', () => {
    expect(() => parseVersionOutput('flyctl v0.3.214 linux/amd64')).toThrow(
      /did not print JSON/
    )
    expect(() => parseVersionOutput('{"Name":"flyctl"}')).toThrow(
      /no Version field/
    )
  })
})

describe('installer helpers', () => {
  test.each([
    ['linux', 'x64', { os: 'Linux', arch: 'x86_64' }],
    ['linux', 'arm64', { os: 'Linux', arch: 'arm64' }],
    ['darwin', 'arm64', { os: 'macOS', arch: 'arm64' }],
    ['darwin', 'x64', { os: 'macOS', arch: 'x86_64' }],
    ['win32', 'x64', { os: 'Windows', arch: 'x86_64' }],
    ['linux', 'ia32', undefined],
    ['freebsd', 'x64', undefined]
  ])('releasePlatform(%s, %s)', (platform, arch, want) => {
    expect(releasePlatform(platform, arch)).toEqual(want)
  })

  test('parseChecksums reads goreleaser lines and skips the rest', () => {
    const a = 'a'.repeat(64)
    const b = 'B'.repeat(64)
    const sums = parseChecksums(
      `${a}  flyctl_0.3.214_Linux_x86_64.tar.gz\n${b} *flyctl_0.3.214_Windows_x86_64.zip\r\nnot a line\n\n`
    )
    expect([...sums]).toEqual([
      ['flyctl_0.3.214_Linux_x86_64.tar.gz', a],
      ['flyctl_0.3.214_Windows_x86_64.zip', 'b'.repeat(64)]
    ])
  })

  test.each([
    [
      'https://github.com/superfly/flyctl/releases/download/v0.3.214/flyctl_0.3.214_Linux_x86_64.tar.gz',
      '0.3.214'
    ],
    [
      'https://x.test/a/flyctl_0.3.215-pre-1_macOS_arm64.tar.gz',
      '0.3.215-pre-1'
    ],
    ['https://example.com/flyctl.tgz', undefined]
  ])('versionFromUrl(%s)', (url, want) => {
    expect(versionFromUrl(url)).toBe(want)
  })
})
