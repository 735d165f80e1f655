import { describe, expect, test } from 'vitest'
import {
  KEY,
  leaseDescription,
  readMarks,
  rolloutOfLease,
  stripMarks,
  updateMarks,
  type MachineMarks
} from '../../src/core/metadata.js'

const RELEASE_ID = 'a'.repeat(64)

describe('updateMarks', () => {
  test('an updated machine carries the rollout, release, target and its S₀', () => {
    expect(
      updateMarks({
        rolloutId: '01ROLLOUT',
        releaseId: RELEASE_ID,
        targetHash: 'target0000000000',
        wave: 2,
        prev: { version: '01PREV', hash: 'prev000000000000', state: 'stopped' }
      })
    ).toEqual({
      flyrollout_id: '01ROLLOUT',
      flyrollout_release: 'a'.repeat(16),
      flyrollout_target_hash: 'target0000000000',
      flyrollout_wave: '2',
      flyrollout_prev_version: '01PREV',
      flyrollout_prev_hash: 'prev000000000000',
      flyrollout_prev_state: 'stopped'
    })
  })

  test('a created machine has no S₀ and says it was created', () => {
    expect(
      updateMarks({
        rolloutId: '01ROLLOUT',
        releaseId: RELEASE_ID,
        targetHash: 't',
        wave: 0
      })
    ).toEqual({
      flyrollout_id: '01ROLLOUT',
      flyrollout_release: 'a'.repeat(16),
      flyrollout_target_hash: 't',
      flyrollout_wave: '0',
      flyrollout_created: 'true'
    })
  })

  test('every key has our prefix and every value is short ASCII (§9.2)', () => {
    const marks = updateMarks({
      rolloutId: '01ROLLOUT',
      releaseId: RELEASE_ID,
      targetHash: 'target0000000000',
      wave: 12,
      prev: { version: '01PREV', hash: 'prev000000000000', state: 'started' }
    })
    for (const [k, v] of Object.entries(marks)) {
      expect(k.startsWith('flyrollout_')).toBe(true)
      expect(v).toMatch(/^[\x20-\x7e]{1,512}$/)
    }
  })
})

describe('readMarks', () => {
  const roundTrips: {
    name: string
    input: Parameters<typeof updateMarks>[0]
    want: MachineMarks
  }[] = [
    {
      name: 'an updated machine',
      input: {
        rolloutId: 'R1',
        releaseId: RELEASE_ID,
        targetHash: 'T',
        wave: 3,
        prev: { version: 'V0', hash: 'H0', state: 'suspended' }
      },
      want: {
        rolloutId: 'R1',
        releaseId: 'a'.repeat(16),
        prevVersion: 'V0',
        prevHash: 'H0',
        prevState: 'suspended',
        targetHash: 'T',
        wave: 3,
        created: false,
        status: undefined
      }
    },
    {
      name: 'a created machine',
      input: { rolloutId: 'R2', releaseId: 'short', targetHash: 'T', wave: 0 },
      want: {
        rolloutId: 'R2',
        releaseId: 'short',
        prevVersion: undefined,
        prevHash: undefined,
        prevState: undefined,
        targetHash: 'T',
        wave: 0,
        created: true,
        status: undefined
      }
    }
  ]
  for (const c of roundTrips) {
    test(`reads back what updateMarks wrote: ${c.name}`, () => {
      const metadata = { fly_process_group: 'app', ...updateMarks(c.input) }
      expect(readMarks(metadata)).toEqual(c.want)
    })
  }

  const cases: {
    name: string
    metadata: Record<string, string> | undefined
    want: Partial<MachineMarks> | undefined
  }[] = [
    { name: 'no metadata', metadata: undefined, want: undefined },
    {
      name: 'no rollout id',
      metadata: { fly_process_group: 'app', flyrollout_wave: '1' },
      want: undefined
    },
    {
      name: 'an empty rollout id',
      metadata: { [KEY.id]: '' },
      want: undefined
    },
    {
      name: 'status complete',
      metadata: { [KEY.id]: 'R', [KEY.status]: 'complete' },
      want: { status: 'complete' }
    },
    {
      name: 'status rolling-back',
      metadata: { [KEY.id]: 'R', [KEY.status]: 'rolling-back' },
      want: { status: 'rolling-back' }
    },
    {
      name: 'an unknown status',
      metadata: { [KEY.id]: 'R', [KEY.status]: 'bogus' },
      want: { status: undefined }
    },
    {
      name: 'a wave that is not a number',
      metadata: { [KEY.id]: 'R', [KEY.wave]: 'two' },
      want: { wave: undefined }
    },
    {
      name: 'an empty wave (not wave 0)',
      metadata: { [KEY.id]: 'R', [KEY.wave]: '' },
      want: { wave: undefined }
    },
    {
      name: 'a fractional wave',
      metadata: { [KEY.id]: 'R', [KEY.wave]: '1.5' },
      want: { wave: undefined }
    },
    {
      name: 'created other than "true"',
      metadata: { [KEY.id]: 'R', [KEY.created]: 'yes' },
      want: { created: false }
    }
  ]
  for (const c of cases) {
    test(c.name, () => {
      const got = readMarks(c.metadata)
      if (c.want === undefined) expect(got).toBeUndefined()
      else expect(got).toMatchObject(c.want)
    })
  }
})

describe('stripMarks', () => {
  test('keeps Fly’s and users’ keys, drops ours', () => {
    expect(
      stripMarks({
        fly_process_group: 'app',
        team: 'web',
        ...updateMarks({
          rolloutId: 'R',
          releaseId: 'r',
          targetHash: 't',
          wave: 1
        }),
        [KEY.status]: 'complete'
      })
    ).toEqual({ fly_process_group: 'app', team: 'web' })
  })

  test('keeps the preview label: it names the machine, not a rollout', () => {
    expect(stripMarks({ [KEY.preview]: 'acme/web#7', [KEY.id]: 'R' })).toEqual({
      [KEY.preview]: 'acme/web#7'
    })
  })

  test('undefined is no metadata', () => {
    expect(stripMarks(undefined)).toEqual({})
  })
})

describe('lease descriptions', () => {
  test('name the rollout, and read back', () => {
    expect(leaseDescription('01ROLLOUT')).toBe('fly-rollout 01ROLLOUT')
    expect(rolloutOfLease(leaseDescription('01ROLLOUT'))).toBe('01ROLLOUT')
  })

  const foreign = [
    undefined,
    '',
    'flyctl deploy',
    'fly-rollout ',
    'fly-rollout a b'
  ]
  for (const d of foreign) {
    test(`${JSON.stringify(d)} is not ours`, () => {
      expect(rolloutOfLease(d)).toBeUndefined()
    })
  }
})
