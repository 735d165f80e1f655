import http from 'node:http'
import { startSim } from '../../sim/index.js'
import type { CliIO } from '../io.js'

const REGIONS = ['sjc', 'lhr', 'syd']

/**
 * demoCommand starts flysim with an app of two machines in each of three
 * regions and shows them serving through the edge. (The rollout stories —
 * a good release promoted, a bad one rolled back — join it with the engine.)
 */
export async function demoCommand(_argv: string[], io: CliIO): Promise<number> {
  const say = (line = ''): void => io.stdout(line + '\n')
  say(
    'flysim: starting a local Fly.io (Machines API, edge, machines on loopback)'
  )
  const sim = await startSim({
    regions: REGIONS,
    apps: [{ name: 'demo', machinesPerRegion: 2 }],
    seed: 7
  })
  try {
    say(`  Machines API  ${sim.apiUrl}/v1`)
    say(`  edge          ${sim.edgeUrl}  (Host: demo.fly.dev)`)
    say()
    const res = await fetch(`${sim.apiUrl}/v1/apps/demo/machines`, {
      headers: { authorization: `Bearer ${sim.token}` }
    })
    const machines = (await res.json()) as {
      id: string
      region: string
      state: string
      instance_id: string
      checks: { name: string; status: string }[]
    }[]
    say('app demo: ' + machines.length + ' machines')
    say(
      table([
        ['ID', 'REGION', 'STATE', 'VERSION', 'CHECKS'],
        ...machines.map((m) => [
          m.id,
          m.region,
          m.state,
          m.instance_id,
          m.checks.map((c) => c.status).join(',') || '-'
        ])
      ])
    )
    say()
    say('through the edge, pinned per region with fly-force-region:')
    const rows = [
      ['REGION', 'STATUS', 'SERVED BY', 'VERSION', 'FLY-REQUEST-ID']
    ]
    for (const region of REGIONS) {
      for (let i = 0; i < 2; i++) {
        const r = await edgeGet(sim.edgeUrl, 'demo.fly.dev', {
          'fly-force-region': region
        })
        rows.push([
          region,
          String(r.status),
          r.headers['x-fly-machine-id'] ?? '-',
          r.headers['x-fly-machine-version'] ?? '-',
          r.headers['fly-request-id'] ?? '-'
        ])
      }
    }
    say(table(rows))
    say()
    say(
      'unpinned, from clients near each region (nearest healthy region wins):'
    )
    for (const client of REGIONS) {
      const r = await edgeGet(sim.edgeUrl, 'demo.fly.dev', {
        'x-flysim-client-region': client
      })
      say(
        `  client near ${client} → ${r.headers['x-fly-region']} (${r.headers['x-fly-machine-id']})`
      )
    }
  } finally {
    await sim.close()
  }
  return 0
}

/** table aligns rows into columns, indented by two spaces. */
function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) =>
    Math.max(...rows.map((r) => (r[i] ?? '').length))
  )
  return rows
    .map(
      (r) =>
        '  ' +
        r
          .map((c, i) => c.padEnd(widths[i]!))
          .join('  ')
          .trimEnd()
    )
    .join('\n')
}

function edgeGet(
  edgeUrl: string,
  host: string,
  headers: Record<string, string>
): Promise<{ status: number; headers: Record<string, string | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${edgeUrl}/`,
      { headers: { host, ...headers } },
      (res) => {
        res.resume()
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers as Record<string, string | undefined>
          })
        )
      }
    )
    req.on('error', reject)
    req.end()
  })
}
