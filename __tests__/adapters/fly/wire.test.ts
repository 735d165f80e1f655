import { describe, expect, test } from 'vitest'
import {
  toCheckResult,
  toMachineEvent,
  toMachineView,
  type WireMachine
} from '../../../src/adapters/fly/wire.js'

/** Machine JSON → MachineView: the one mapping (API-NOTES §3, §8, §9). */
function machine(over: Partial<WireMachine> = {}): WireMachine {
  return {
    id: 'm1',
    name: 'quiet-river-1234',
    region: 'lhr',
    state: 'started',
    instance_id: '01JVERSIONAAAAAAAAAAAAAAAA',
    image_ref: {
      registry: 'registry.fly.io',
      repository: 'demo',
      tag: 'deployment-1',
      digest: 'sha256:abc'
    },
    config: {
      image: 'registry.fly.io/demo:deployment-1',
      metadata: { fly_process_group: 'app' },
      services: [{ internal_port: 8080, autostop: false, autostart: true }]
    },
    host_status: 'ok',
    checks: [],
    events: [],
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:01:00Z',
    ...over
  }
}

describe('toMachineView', () => {
  test('version is instance_id, the image is its digest, autostop stays boolean', () => {
    const v = toMachineView(machine())
    expect(v).toMatchObject({
      id: 'm1',
      name: 'quiet-river-1234',
      region: 'lhr',
      state: 'started',
      version: '01JVERSIONAAAAAAAAAAAAAAAA',
      imageDigest: 'sha256:abc',
      configIncomplete: false,
      hostStatus: 'ok',
      cordoned: false,
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:01:00Z'
    })
    expect(v.config.services?.[0]?.autostop).toBe(false)
  })

  test('with the host not ok, incomplete_config is the config and says so', () => {
    const v = toMachineView(
      machine({
        host_status: 'unreachable',
        config: undefined,
        incomplete_config: { image: 'partial' }
      })
    )
    expect(v.configIncomplete).toBe(true)
    expect(v.hostStatus).toBe('unreachable')
    expect(v.config).toEqual({ image: 'partial' })
  })

  test('incomplete_config alone is incomplete even when host_status is missing', () => {
    const v = toMachineView(
      machine({
        host_status: undefined,
        config: undefined,
        incomplete_config: { image: 'partial' }
      })
    )
    expect(v.configIncomplete).toBe(true)
  })

  test('a summary machine maps to empty config, checks and events', () => {
    const v = toMachineView({
      id: 'm2',
      state: 'stopped',
      region: 'sjc',
      instance_id: 'v'
    })
    expect(v).toMatchObject({
      config: {},
      checks: [],
      events: [],
      imageDigest: '',
      hostStatus: 'ok',
      configIncomplete: false
    })
  })

  test("flaps' compat checks are dropped", () => {
    const v = toMachineView(
      machine({
        checks: [
          { name: 'servicecheck-00-http-8080', status: 'passing' },
          { name: 'bg_deployments_compat_http', status: 'passing' }
        ]
      })
    )
    expect(v.checks.map((c) => c.name)).toEqual(['servicecheck-00-http-8080'])
  })
})

describe('toCheckResult', () => {
  test.each([
    ['passing', 'passing'],
    ['warning', 'warning'],
    ['critical', 'critical'],
    ['unknown', 'critical'],
    [undefined, 'critical']
  ])('status %s → %s', (status, want) => {
    expect(toCheckResult({ name: 'c', status }).status).toBe(want)
  })

  test('keeps output and updated_at', () => {
    expect(
      toCheckResult({
        name: 'c',
        status: 'passing',
        output: 'ok',
        updated_at: 't'
      })
    ).toEqual({ name: 'c', status: 'passing', output: 'ok', updatedAt: 't' })
  })
})

describe('toMachineEvent', () => {
  test('an exit event flattens request.exit_event and restart_count', () => {
    expect(
      toMachineEvent({
        id: 'e1',
        type: 'exit',
        status: 'stopped',
        source: 'flyd',
        timestamp: 1700000000000,
        request: {
          exit_event: {
            exit_code: 137,
            oom_killed: true,
            requested_stop: false,
            restarting: true,
            signal: 9,
            exited_at: '2026-01-01T00:00:00Z'
          },
          restart_count: 2
        }
      })
    ).toEqual({
      id: 'e1',
      type: 'exit',
      status: 'stopped',
      timestamp: 1700000000000,
      exitCode: 137,
      oomKilled: true,
      requestedStop: false,
      restarting: true,
      restartCount: 2
    })
  })

  test('a start event has no exit fields; junk in request is ignored', () => {
    expect(
      toMachineEvent({
        type: 'start',
        status: 'started',
        timestamp: 5,
        request: { exit_event: 'nonsense' as never }
      })
    ).toEqual({ type: 'start', status: 'started', timestamp: 5 })
  })
})
