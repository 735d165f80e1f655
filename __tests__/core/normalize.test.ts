import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  canonicalJson,
  configHash,
  normalizeConfig
} from '../../src/core/normalize.js'
import type { MachineConfig } from '../../src/core/types.js'
import { webConfig } from '../../__fixtures__/builders.js'

describe('normalizeConfig', () => {
  // The worked examples of the doc comment, then the edges.
  const cases: { name: string; config: MachineConfig; want: MachineConfig }[] =
    [
      {
        name: 'drops our own metadata keys',
        config: { metadata: { fly_process_group: 'app', flyrollout_id: 'X' } },
        want: { metadata: { fly_process_group: 'app' } }
      },
      {
        name: 'spells autostop false as "off"',
        config: { services: [{ autostop: false }] },
        want: { services: [{ autostop: 'off' }] }
      },
      {
        name: 'drops nulls',
        config: { env: null, image: 'i' } as unknown as MachineConfig,
        want: { image: 'i' }
      },
      {
        name: 'spells autostop true as "stop"',
        config: { services: [{ autostop: true }] },
        want: { services: [{ autostop: 'stop' }] }
      },
      {
        name: 'keeps autostop "suspend" as written',
        config: { services: [{ autostop: 'suspend' }] },
        want: { services: [{ autostop: 'suspend' }] }
      },
      {
        name: 'removes metadata left empty',
        config: { image: 'i', metadata: { flyrollout_wave: '1' } },
        want: { image: 'i' }
      },
      {
        name: 'drops nested nulls and undefined',
        config: {
          guest: { cpus: 1, gpu_kind: null },
          restart: { policy: undefined }
        } as unknown as MachineConfig,
        want: { guest: { cpus: 1 }, restart: {} }
      },
      {
        name: 'keeps users’ keys that merely look like ours',
        config: { metadata: { flyrollout: 'x', fly_rollout_id: 'y' } },
        want: { metadata: { flyrollout: 'x', fly_rollout_id: 'y' } }
      }
    ]
  for (const c of cases) {
    test(c.name, () => {
      expect(normalizeConfig(c.config)).toEqual(c.want)
    })
  }

  test('never changes its input', () => {
    const config = webConfig()
    config.metadata!.flyrollout_id = 'X'
    config.services![0]!.autostop = false
    const before = structuredClone(config)
    normalizeConfig(config)
    expect(config).toEqual(before)
  })
})

describe('canonicalJson', () => {
  const cases = [
    { value: { b: 1, a: 2 }, want: '{"a":2,"b":1}' },
    {
      value: { a: { d: [1, { z: 1, y: 2 }], c: 'x' } },
      want: '{"a":{"c":"x","d":[1,{"y":2,"z":1}]}}'
    },
    { value: { a: undefined, b: null }, want: '{"b":null}' },
    { value: [undefined], want: '[null]' },
    { value: 'x', want: '"x"' },
    { value: undefined, want: 'null' }
  ]
  for (const c of cases) {
    test(`${c.want}`, () => {
      expect(canonicalJson(c.value)).toBe(c.want)
    })
  }

  test('does not depend on key order (property)', () => {
    const shuffle = (v: unknown, seed: number): unknown => {
      if (Array.isArray(v)) return v.map((x, i) => shuffle(x, seed + i))
      if (v && typeof v === 'object') {
        const entries = Object.entries(v)
        // A deterministic permutation: rotate by the seed, then reverse on odd seeds.
        const k = entries.length ? seed % entries.length : 0
        const rotated = [...entries.slice(k), ...entries.slice(0, k)]
        if (seed % 2) rotated.reverse()
        return Object.fromEntries(
          rotated.map(([key, x], i) => [key, shuffle(x, seed + i + 1)])
        )
      }
      return v
    }
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(1000), (value, seed) => {
        expect(canonicalJson(shuffle(value, seed))).toBe(canonicalJson(value))
        // And it is JSON that parses back to the same value.
        expect(JSON.parse(canonicalJson(value))).toEqual(
          JSON.parse(JSON.stringify(value))
        )
      })
    )
  })
})

describe('configHash', () => {
  test('is 16 hex characters', () => {
    expect(configHash(webConfig())).toMatch(/^[0-9a-f]{16}$/)
  })

  test('ignores flyrollout_* keys', () => {
    const marked = webConfig()
    marked.metadata = {
      ...marked.metadata,
      flyrollout_id: '01ROLLOUT',
      flyrollout_prev_hash: 'abc',
      flyrollout_status: 'complete'
    }
    expect(configHash(marked)).toBe(configHash(webConfig()))
  })

  test('treats autostop false and "off" alike (the API reads one back as the other)', () => {
    const written = webConfig()
    written.services![0]!.autostop = 'off'
    const readBack = webConfig()
    readBack.services![0]!.autostop = false
    expect(configHash(readBack)).toBe(configHash(written))
  })

  test('does not depend on key order', () => {
    const a = webConfig()
    const b = Object.fromEntries(Object.entries(a).reverse()) as MachineConfig
    expect(configHash(b)).toBe(configHash(a))
  })

  const changes: { name: string; change: (c: MachineConfig) => void }[] = [
    { name: 'the image', change: (c) => (c.image = 'other@sha256:00') },
    { name: 'an env value', change: (c) => (c.env!.PRIMARY_REGION = 'lhr') },
    {
      name: 'a fly_* metadata key',
      change: (c) => (c.metadata!.fly_release_version = '2')
    },
    {
      name: 'autostop off → stop',
      change: (c) => (c.services![0]!.autostop = 'stop')
    },
    { name: 'the guest', change: (c) => (c.guest!.memory_mb = 512) }
  ]
  for (const c of changes) {
    test(`changes with ${c.name}`, () => {
      const changed = webConfig()
      c.change(changed)
      expect(configHash(changed)).not.toBe(configHash(webConfig()))
    })
  }
})
