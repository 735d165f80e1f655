import { describe, expect, test } from 'vitest'
import { KEY } from '../../src/core/metadata.js'
import type { MachineConfig, MachineEvent } from '../../src/core/types.js'
import {
  configuredChecks,
  crashIn,
  createObserver
} from '../../src/orchestrator/observer.js'
import { webConfig } from '../../__fixtures__/builders.js'
import { fakePorts, T0, view } from '../../__fixtures__/fakes.js'

describe('configuredChecks', () => {
  const cases: {
    name: string
    config: MachineConfig
    want: ReturnType<typeof configuredChecks>
  }[] = [
    {
      name: 'no checks',
      config: { image: 'i' },
      want: { count: 0, firstDueMs: 0, intervalMs: 0 }
    },
    {
      name: 'a service check with a grace period',
      config: webConfig(),
      want: { count: 1, firstDueMs: 1000, intervalMs: 5000 }
    },
    {
      name: 'top-level and service checks: the latest first result, the shortest interval',
      config: {
        ...webConfig(),
        checks: {
          alive: { type: 'tcp', interval: '30s' },
          ready: { type: 'http', interval: '10s', grace_period: '20s' }
        }
      },
      want: { count: 3, firstDueMs: 30_000, intervalMs: 5000 }
    },
    {
      name: 'a check without an interval is due after Fly’s 15 s default',
      config: { checks: { alive: { type: 'tcp' } } },
      want: { count: 1, firstDueMs: 15_000, intervalMs: 15_000 }
    }
  ]
  for (const c of cases) {
    test(c.name, () => {
      expect(configuredChecks(c.config)).toEqual(c.want)
    })
  }
})

describe('crashIn', () => {
  const exit = (over: Partial<MachineEvent>): MachineEvent => ({
    type: 'exit',
    status: 'stopped',
    timestamp: 2_000,
    ...over
  })
  const cases: { name: string; event: MachineEvent; crash: boolean }[] = [
    {
      name: 'a non-zero exit while restarting',
      event: exit({ exitCode: 1, restarting: true }),
      crash: true
    },
    { name: 'an OOM kill', event: exit({ oomKilled: true }), crash: true },
    {
      name: 'a restart count above 1',
      event: exit({ exitCode: 0, restartCount: 2 }),
      crash: true
    },
    { name: 'a clean exit', event: exit({ exitCode: 0 }), crash: false },
    {
      name: 'a non-zero exit that does not restart',
      event: exit({ exitCode: 1, restarting: false }),
      crash: false
    },
    {
      name: 'a requested stop (autostop)',
      event: exit({ exitCode: 1, restarting: true, requestedStop: true }),
      crash: false
    },
    {
      name: 'a crash before the update',
      event: exit({ exitCode: 1, restarting: true, timestamp: 999 }),
      crash: false
    },
    {
      name: 'a stop event',
      event: {
        type: 'stop',
        status: 'stopped',
        timestamp: 2_000,
        exitCode: 1,
        restarting: true
      },
      crash: false
    }
  ]
  for (const c of cases) {
    test(`${c.name}: ${c.crash ? 'crash' : 'no crash'}`, () => {
      expect(crashIn([c.event], 1_000) !== undefined).toBe(c.crash)
    })
  }
})

/** rolloutMachine is m1 on version v2, marked by rollout R1 (the observer lists by that mark). */
function rolloutMachine() {
  const config = webConfig()
  config.metadata = { ...config.metadata, [KEY.id]: 'R1' }
  return view({ id: 'm1', config, version: 'm1-v2' })
}

describe('createObserver.healthy', () => {
  const opts = (deadlineMs = 300_000) => ({
    version: 'm1-v2',
    config: webConfig(),
    since: T0,
    deadline: T0 + deadlineMs
  })

  test('resolves once every configured check passes, polling when the check is due', async () => {
    const f = fakePorts({ machines: [rolloutMachine()] })
    const observer = createObserver(f.ports, 'demo', 'R1')

    const v = await observer.healthy('m1', opts())

    expect(v).toEqual({ ok: true, at: T0 + 1250 })
    expect(f.callsOf('list')[0]!.args).toEqual([
      'demo',
      { metadata: { flyrollout_id: 'R1' } }
    ])
    expect(f.outstandingLeases()).toEqual([])
  })

  test('a crash since the update is a critical failure', async () => {
    const m = rolloutMachine()
    m.events = [
      {
        type: 'exit',
        status: 'stopped',
        timestamp: T0 + 10,
        exitCode: 2,
        restarting: true
      }
    ]
    const f = fakePorts({ machines: [m] })

    const v = await createObserver(f.ports, 'demo', 'R1').healthy('m1', opts())

    expect(v).toEqual({
      ok: false,
      critical: true,
      reason: 'machine m1 crashed: exit code 2, restart 0'
    })
    expect(f.outstandingLeases()).toEqual([])
  })

  test('a machine someone else moved to another version is a critical failure', async () => {
    const m = rolloutMachine()
    m.version = 'm1-v9'
    const f = fakePorts({ machines: [m] })

    const v = await createObserver(f.ports, 'demo', 'R1').healthy('m1', opts())

    expect(v).toMatchObject({ ok: false, critical: true })
    expect(f.outstandingLeases()).toEqual([])
  })

  test('checks still failing at the deadline fail the machine, naming them', async () => {
    const m = rolloutMachine()
    m.checks = [{ name: 'servicecheck-0-0', status: 'critical' }]
    const f = fakePorts({ machines: [m] })

    const v = await createObserver(f.ports, 'demo', 'R1').healthy(
      'm1',
      opts(20_000)
    )

    expect(v).toEqual({
      ok: false,
      critical: false,
      reason:
        'machine m1 not healthy before its deadline: servicecheck-0-0 critical'
    })
    expect(f.clock.now()).toBeGreaterThan(T0 + 20_000)
    expect(f.outstandingLeases()).toEqual([])
  })

  // ROLLOUT-SEMANTICS §3.5's k = 3 is the spec option verify-passes: 3.
  test('a check must pass on 3 consecutive polls: one passing poll of a flapping check is not enough', async () => {
    const f = fakePorts({ machines: [rolloutMachine()] })
    let polls = 0
    f.on('list', async (args, base) => {
      const views = await base(...args)
      if (++polls > 1)
        for (const v of views)
          v.checks = [{ name: 'servicecheck-0-0', status: 'critical' }]
      return views
    })

    const v = await createObserver(f.ports, 'demo', 'R1').healthy('m1', {
      ...opts(60_000),
      passes: 3
    })

    expect(v.ok).toBe(false)
  })
})
