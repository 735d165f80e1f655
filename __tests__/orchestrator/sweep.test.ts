import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import type { Ports } from '../../src/orchestrator/ports.js'
import {
  PREVIEW_KEY,
  sweepPreviews,
  type PrState,
  type SweepInput
} from '../../src/orchestrator/sweep.js'
import { startSim, type Sim } from '../../src/sim/index.js'
import { enginePorts } from '../helpers/engine.js'

const MIN = 60_000
const isPreview = (name: string): number | undefined => {
  const m = /^web-pr-(\d+)$/.exec(name)
  return m ? Number(m[1]) : undefined
}

describe('sweepPreviews through flysim', () => {
  let sim: Sim
  let ports: Ports
  let close: () => void
  const prs: Record<number, PrState> = {
    1: 'closed',
    2: 'open',
    3: 'open',
    4: 'closed',
    5: 'closed',
    6: 'closed',
    7: 'unknown',
    8: 'closed'
  }

  /** preview creates an app with one machine, tagged `<tag>` when given. */
  async function preview(name: string, tag?: string, org = 'acme') {
    const app = await sim.control.createApp({
      name,
      org,
      regions: ['sjc'],
      machinesPerRegion: 1
    })
    if (tag)
      for (const id of app.machines.keys())
        await ports.machines.setMetadata(name, id, { [PREVIEW_KEY]: tag })
  }

  beforeEach(async () => {
    sim = await startSim({ regions: ['sjc'], seed: 17, clockScale: 20 })
    ;({ ports, close } = enginePorts(sim))
    // An old preview, then a quarter of an hour later the rest.
    await preview('web-pr-3', 'acme/web#3')
    await sim.control.advance('15m')
    await preview('web', undefined)
    await preview('web-pr-1', 'acme/web#1')
    await preview('web-pr-2', 'acme/web#2')
    await preview('web-pr-4')
    await ports.apps.create('web-pr-5', 'acme')
    await preview('web-pr-6', 'other/repo#6')
    await preview('web-pr-7', 'acme/web#7')
    await preview('web-pr-8', 'acme/web#8', 'elsewhere')
  })
  afterEach(async () => {
    close()
    await sim.close()
  })

  function input(over: Partial<SweepInput> = {}): SweepInput {
    return {
      org: 'acme',
      isPreview,
      prState: (pr) => Promise.resolve(prs[pr] ?? 'unknown'),
      ttlMs: 10 * MIN,
      now: sim.control.clock.now(),
      tag: 'acme/web',
      ...over
    }
  }

  const names = async () =>
    (await ports.apps.list('acme')).map((a) => a.name).sort()

  test('a dry run (the default) lists what would go and deletes nothing', async () => {
    const before = await names()

    const r = await sweepPreviews(ports, input())

    expect(
      r.candidates.map(({ app, pr, reason }) => ({ app, pr, reason }))
    ).toEqual([
      { app: 'web-pr-1', pr: 1, reason: 'pr-closed' },
      { app: 'web-pr-3', pr: 3, reason: 'expired' },
      { app: 'web-pr-5', pr: 5, reason: 'pr-closed' }
    ])
    expect(r.deleted).toEqual([])
    expect(r.failed).toEqual([])
    expect(await names()).toEqual(before)
  })

  test('candidates carry the age of their oldest machine; an app without machines has none', async () => {
    const r = await sweepPreviews(ports, input())
    const age = (app: string) => r.candidates.find((c) => c.app === app)?.age
    expect(age('web-pr-3')).toBeGreaterThan(15 * MIN)
    expect(age('web-pr-1')).toBeLessThan(5 * MIN)
    expect(age('web-pr-5')).toBeUndefined()
  })

  test('a real sweep deletes closed-PR and expired previews only; open, untagged, foreign and other apps stay', async () => {
    const r = await sweepPreviews(ports, input({ dryRun: false }))

    expect(r.deleted).toEqual(['web-pr-1', 'web-pr-3', 'web-pr-5'])
    expect(r.failed).toEqual([])
    expect(r.kept).toEqual([
      { app: 'web-pr-2', why: 'PR #2 is open' },
      {
        app: 'web-pr-4',
        why: `no machine carries the ${PREVIEW_KEY} tag: not made as a preview`
      },
      {
        app: 'web-pr-6',
        why: 'its machines carry another preview tag (other/repo#6), not acme/web#6'
      },
      { app: 'web-pr-7', why: 'the state of PR #7 is unknown' }
    ])
    expect(await names()).toEqual([
      'web',
      'web-pr-2',
      'web-pr-4',
      'web-pr-6',
      'web-pr-7'
    ])
    expect((await ports.apps.list('elsewhere')).map((a) => a.name)).toEqual([
      'web-pr-8'
    ])
  })

  test('without a TTL only closed PRs go; without a tag any repository’s tag counts', async () => {
    const r = await sweepPreviews(
      ports,
      input({ ttlMs: undefined, tag: undefined })
    )
    expect(r.candidates.map((c) => c.app)).toEqual([
      'web-pr-1',
      'web-pr-5',
      'web-pr-6'
    ])
  })
})

describe('sweepPreviews failures', () => {
  const logs: string[] = []
  const fake = (destroy: (app: string) => Promise<void>) =>
    ({
      apps: {
        list: () =>
          Promise.resolve([
            { name: 'web-pr-1', org: 'acme', status: 'deployed' },
            { name: 'web-pr-2', org: 'acme', status: 'deployed' }
          ]),
        destroy
      },
      machines: {
        list: (app: string) =>
          app === 'web-pr-2'
            ? Promise.reject(new Error('API is down'))
            : Promise.resolve([])
      },
      log: {
        info: (m: string) => logs.push(`info: ${m}`),
        warn: (m: string) => logs.push(`warn: ${m}`),
        debug: () => undefined
      }
    }) as unknown as Pick<Ports, 'apps' | 'machines' | 'log'>

  test('a deletion that fails is reported, never swallowed; the rest go on', async () => {
    const r = await sweepPreviews(
      fake(() => Promise.reject(new Error('Internal server error (500)'))),
      {
        org: 'acme',
        isPreview,
        prState: () => Promise.resolve('closed'),
        now: 0,
        dryRun: false
      }
    )
    expect(r.candidates.map((c) => c.app)).toEqual(['web-pr-1'])
    expect(r.deleted).toEqual([])
    expect(r.failed).toEqual([
      { app: 'web-pr-1', error: 'internal server error (500)' }
    ])
    expect(r.kept).toEqual([
      { app: 'web-pr-2', why: 'could not list its machines: API is down' }
    ])
    expect(logs).toContain(
      'warn: could not delete preview web-pr-1: internal server error (500)'
    )
  })

  test('a PR whose state cannot be read is unknown: kept, and said why', async () => {
    const r = await sweepPreviews(
      fake(() => Promise.resolve()),
      {
        org: 'acme',
        isPreview,
        prState: () => Promise.reject(new Error('rate limited')),
        now: 0,
        dryRun: false
      }
    )
    expect(r.deleted).toEqual([])
    expect(r.kept[0]).toEqual({
      app: 'web-pr-1',
      why: 'the state of PR #1 is unknown'
    })
    expect(logs).toContain(
      'warn: could not read the state of PR #1: rate limited'
    )
  })
})
