import { describe, expect, test } from 'vitest'
import { KEY, updateMarks } from '../../src/core/metadata.js'
import { inFlightRollouts } from '../../src/core/planner.js'
import type { MachineConfig } from '../../src/core/types.js'
import { webConfig } from '../../__fixtures__/builders.js'

/** marked is a machine as a rollout left it: its marks, plus a status when given. */
function marked(
  id: string,
  rolloutId?: string,
  status?: 'complete' | 'rolling-back'
): { id: string; config: MachineConfig } {
  const config = webConfig()
  if (rolloutId) {
    config.metadata = {
      ...config.metadata,
      ...updateMarks({
        rolloutId,
        releaseId: 'r'.repeat(64),
        targetHash: 't',
        wave: 0,
        prev: { version: 'v', hash: 'h', state: 'started' }
      }),
      ...(status ? { [KEY.status]: status } : {})
    }
  }
  return { id, config }
}

describe('inFlightRollouts', () => {
  const cases: {
    name: string
    machines: { id: string; config: MachineConfig }[]
    want: ReturnType<typeof inFlightRollouts>
  }[] = [
    { name: 'no machines', machines: [], want: [] },
    {
      name: 'machines no rollout touched',
      machines: [marked('m1'), marked('m2')],
      want: []
    },
    {
      name: 'a rollout in flight, machines sorted',
      machines: [marked('m3', 'R1'), marked('m1', 'R1'), marked('m2')],
      want: [{ rolloutId: 'R1', machines: ['m1', 'm3'], rollingBack: false }]
    },
    {
      name: 'a complete rollout (the anchor says so)',
      machines: [marked('m1', 'R1', 'complete'), marked('m2', 'R1')],
      want: []
    },
    {
      name: 'a rollout rolling back',
      machines: [marked('m1', 'R1', 'rolling-back'), marked('m2', 'R1')],
      want: [{ rolloutId: 'R1', machines: ['m1', 'm2'], rollingBack: true }]
    },
    {
      name: 'a complete rollout being rolled back is in flight again',
      machines: [
        marked('m1', 'R1', 'complete'),
        marked('m2', 'R1', 'rolling-back')
      ],
      want: [{ rolloutId: 'R1', machines: ['m1', 'm2'], rollingBack: true }]
    },
    {
      name: 'an old complete rollout beside a new one in flight',
      machines: [
        marked('m1', 'R1', 'complete'),
        marked('m2', 'R1'),
        marked('m3', 'R2')
      ],
      want: [{ rolloutId: 'R2', machines: ['m3'], rollingBack: false }]
    }
  ]
  for (const c of cases) {
    test(c.name, () => {
      expect(inFlightRollouts(c.machines)).toEqual(c.want)
    })
  }

  // An older rollout's remaining machines lose its `complete` mark when a
  // newer rollout updates their shared anchor: only the newest id counts.
  test('a finished rollout stays finished when a newer rollout updates its anchor', () => {
    const machines = [
      marked('m1', 'R2'), // R1's anchor, now updated by R2
      marked('m2', 'R1'),
      marked('m3', 'R1')
    ]
    expect(inFlightRollouts(machines).map((r) => r.rolloutId)).toEqual(['R2'])
  })
})
