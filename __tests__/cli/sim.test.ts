import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { describe, expect, test } from 'vitest'

/** startCli runs `fly-rollout <args>` from the sources, the way a user runs the bin. */
function startCli(args: string[]) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/index.ts', ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe']
    }
  )
  let stderr = ''
  child.stderr.on('data', (c) => (stderr += c))
  return { child, stderr: () => stderr }
}

describe('fly-rollout sim', () => {
  test('prints exactly one JSON line once ready, serves, and exits 0 on SIGTERM', async () => {
    // Arrange
    const { child, stderr } = startCli([
      'sim',
      '--regions',
      'sjc,lhr,syd',
      '--app',
      'demo',
      '--machines-per-region',
      '2'
    ])
    const lines = createInterface({ input: child.stdout })
    const seen: string[] = []
    lines.on('line', (l) => seen.push(l))
    const [first] = (await once(lines, 'line')) as [string]

    // Act
    const ready = JSON.parse(first)
    const res = await fetch(`${ready.apiUrl}/v1/apps/demo/machines`, {
      headers: { authorization: `Bearer ${ready.token}` }
    })
    const machines = (await res.json()) as {
      region: string
      state: string
      config: any
    }[]
    child.kill('SIGTERM')
    const [code] = await once(child, 'exit')

    // Assert
    expect(Object.keys(ready).sort()).toEqual([
      'adminUrl',
      'apiUrl',
      'edgeUrl',
      'releasesUrl',
      'token'
    ])
    for (const url of [
      ready.apiUrl,
      ready.edgeUrl,
      ready.releasesUrl,
      ready.adminUrl
    ]) {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    }
    expect(machines.map((m) => m.region).sort()).toEqual([
      'lhr',
      'lhr',
      'sjc',
      'sjc',
      'syd',
      'syd'
    ])
    expect(machines.every((m) => m.state === 'started')).toBe(true)
    const service = machines[0]!.config.services[0]
    expect(service.internal_port).toBe(8080)
    expect(service.ports.map((p: any) => p.port).sort()).toEqual([443, 80])
    expect(service.checks[0].type).toBe('http')
    expect(machines[0]!.config.metadata).toMatchObject({
      fly_platform_version: 'v2',
      fly_process_group: 'app'
    })
    expect(seen).toHaveLength(1)
    expect(code).toBe(0)
    expect(stderr()).toBe('')
  })

  test('refuses a region Fly does not have, naming it', async () => {
    const { child, stderr } = startCli(['sim', '--regions', 'sfo,lhr'])
    const [code] = await once(child, 'exit')
    expect(code).toBe(1)
    expect(stderr()).toContain('unknown region "sfo"')
    expect(stderr()).toContain('sjc')
    expect(stderr()).not.toMatch(/\n\s+at /)
  })

  test('refuses an unknown option with the usage', async () => {
    const { child, stderr } = startCli(['sim', '--bogus'])
    const [code] = await once(child, 'exit')
    expect(code).toBe(1)
    expect(stderr()).toContain("Unknown option '--bogus'")
    expect(stderr()).toContain('Usage: fly-rollout sim')
  })
})
