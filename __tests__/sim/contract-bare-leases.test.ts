/**
 * Contract tests for the bare lease shape (`startSim({ leaseShape: 'bare' })`):
 * the lease endpoints answer [OA3] `Lease` and `ErrorResponse` as declared,
 * without fly-go's `{status, data}` envelope. The wrapped default is covered
 * by contract.test.ts.
 */
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startSim, type Sim } from '../../src/sim/index.js'
import { createContractChecker } from '../helpers/contract.js'

const checker = createContractChecker({ leaseShape: 'bare' })
let sim: Sim
let lease = ''

async function call(
  method: string,
  path: string,
  opts: { body?: unknown; nonce?: string } = {}
): Promise<{ status: number; body: any }> {
  const res = await fetch(sim.apiUrl + path, {
    method,
    headers: {
      authorization: `Bearer ${sim.token}`,
      ...(opts.body === undefined
        ? {}
        : { 'content-type': 'application/json' }),
      ...(opts.nonce ? { 'fly-machine-lease-nonce': opts.nonce } : {})
    },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body)
  })
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : undefined }
}

beforeAll(async () => {
  sim = await startSim({
    apps: [{ name: 'demo', machinesPerRegion: 1 }],
    regions: ['sjc'],
    clockScale: 0,
    leaseShape: 'bare',
    onResponse: (info) => checker.check(info)
  })
  sim.control.setRateLimits(false)
  const list = await call('GET', '/v1/apps/demo/machines')
  lease = `/v1/apps/demo/machines/${list.body[0].id}/lease`
})

afterAll(async () => {
  await sim?.close()
})

test('bare leases are created, read, refreshed, refused and released as Lease and ErrorResponse', async () => {
  const created = await call('POST', lease, { body: { ttl: 30 } })
  const nonce = created.body.nonce as string
  const shown = await call('GET', lease)
  const refreshed = await call('POST', `${lease}?ttl=60`, { nonce })
  const conflict = await call('POST', lease, { body: { ttl: 30 } })
  const released = await call('DELETE', lease, { nonce })
  const gone = await call('GET', lease)

  expect(typeof nonce).toBe('string')
  expect([shown.status, refreshed.status]).toEqual([200, 201])
  expect(conflict).toMatchObject({
    status: 409,
    body: { error: expect.any(String) }
  })
  expect([released.status, gone.status]).toEqual([200, 404])
  expect(checker.report()).toBe('')
})
