import { describe, expect, test } from 'vitest'
import { makeRelease } from '../../src/core/release.js'
import type { MachineConfig } from '../../src/core/types.js'
import { DIGEST_V2, webConfig } from '../../__fixtures__/builders.js'

const IMAGE = `registry.fly.io/demo@${DIGEST_V2}`

function web(over: (c: MachineConfig) => void = () => undefined) {
  const c = webConfig(IMAGE)
  over(c)
  return c
}

describe('makeRelease', () => {
  test('pins the image and keeps the group configs as given', () => {
    const groups = { app: web() }
    const r = makeRelease({ image: IMAGE, digest: DIGEST_V2, groups })
    expect(r).toEqual({
      image: IMAGE,
      digest: DIGEST_V2,
      groups,
      id: expect.stringMatching(/^[0-9a-f]{64}$/),
      releaseCommand: undefined
    })
  })

  test('the same inputs give the same id', () => {
    const a = makeRelease({
      image: IMAGE,
      digest: DIGEST_V2,
      groups: { app: web() }
    })
    const b = makeRelease({
      image: IMAGE,
      digest: DIGEST_V2,
      groups: { app: web() }
    })
    expect(b.id).toBe(a.id)
  })

  // Inputs that must not change the id: resume re-renders R and compares ids (§9.5).
  const same: { name: string; a: MachineConfig; b: MachineConfig }[] = [
    {
      name: 'flyctl’s metadata keys',
      a: web(),
      b: web((c) => (c.metadata!.fly_flyctl_version = '0.3.1'))
    },
    {
      name: 'our own marks',
      a: web(),
      b: web((c) => (c.metadata!.flyrollout_id = 'R9'))
    },
    { name: 'no metadata at all', a: web(), b: web((c) => delete c.metadata) },
    {
      name: 'key order',
      a: web(),
      b: Object.fromEntries(Object.entries(web()).reverse()) as MachineConfig
    },
    {
      name: 'autostop spelled false instead of "off"',
      a: web((c) => (c.services![0]!.autostop = 'off')),
      b: web((c) => (c.services![0]!.autostop = false))
    },
    { name: 'a null field', a: web(), b: web((c) => (c.files = null)) }
  ]
  for (const c of same) {
    test(`the id ignores ${c.name}`, () => {
      const a = makeRelease({
        image: IMAGE,
        digest: DIGEST_V2,
        groups: { app: c.a }
      })
      const b = makeRelease({
        image: IMAGE,
        digest: DIGEST_V2,
        groups: { app: c.b }
      })
      expect(b.id).toBe(a.id)
    })
  }

  test('the id ignores the order of process groups', () => {
    const worker = web((c) => (c.metadata!.fly_process_group = 'worker'))
    const a = makeRelease({
      image: IMAGE,
      digest: DIGEST_V2,
      groups: { app: web(), worker }
    })
    const b = makeRelease({
      image: IMAGE,
      digest: DIGEST_V2,
      groups: { worker, app: web() }
    })
    expect(b.id).toBe(a.id)
  })

  const different: {
    name: string
    input: Parameters<typeof makeRelease>[0]
  }[] = [
    {
      name: 'another image',
      input: {
        image: 'registry.fly.io/demo@sha256:' + '3'.repeat(64),
        digest: DIGEST_V2,
        groups: { app: web() }
      }
    },
    {
      name: 'an env change',
      input: {
        image: IMAGE,
        digest: DIGEST_V2,
        groups: { app: web((c) => (c.env!.FEATURE = 'on')) }
      }
    },
    {
      name: 'another group name',
      input: { image: IMAGE, digest: DIGEST_V2, groups: { web: web() } }
    },
    {
      name: 'an extra group',
      input: {
        image: IMAGE,
        digest: DIGEST_V2,
        groups: { app: web(), worker: web() }
      }
    },
    {
      name: 'a release_command',
      input: {
        image: IMAGE,
        digest: DIGEST_V2,
        groups: { app: web() },
        releaseCommand: { image: IMAGE, init: { cmd: ['migrate'] } }
      }
    },
    {
      name: 'image only (no group configs)',
      input: { image: IMAGE, digest: DIGEST_V2 }
    }
  ]
  const ref = makeRelease({
    image: IMAGE,
    digest: DIGEST_V2,
    groups: { app: web() }
  })
  for (const c of different) {
    test(`the id changes with ${c.name}`, () => {
      expect(makeRelease(c.input).id).not.toBe(ref.id)
    })
  }

  test('an image-only release has no group configs', () => {
    const r = makeRelease({ image: IMAGE, digest: DIGEST_V2 })
    expect(r.groups).toEqual({})
    expect(r.id).toBe(
      makeRelease({ image: IMAGE, digest: DIGEST_V2, groups: {} }).id
    )
  })

  test('the release_command id ignores its metadata too', () => {
    const rc = { image: IMAGE, init: { cmd: ['migrate'] } }
    const a = makeRelease({
      image: IMAGE,
      digest: DIGEST_V2,
      releaseCommand: rc
    })
    const b = makeRelease({
      image: IMAGE,
      digest: DIGEST_V2,
      releaseCommand: {
        ...rc,
        metadata: { fly_process_group: 'fly_app_release_command' }
      }
    })
    expect(b.id).toBe(a.id)
    expect(b.releaseCommand).toEqual({
      ...rc,
      metadata: { fly_process_group: 'fly_app_release_command' }
    })
  })
})
