import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startSim, type Sim } from '../../../src/sim/index.js'
import type { FlyMachinesApi } from '../../../src/adapters/fly/machines-api.js'
import { AppNameTakenError, FlyApiError } from '../../../src/core/errors.js'
import { apiFor, lastSeq, requestsSince } from './sim-harness.js'

/**
 * The Apps port's list, create, IP assignments and the Postgres port against
 * flysim over loopback HTTP, including their retry policy: app create and
 * IP assignment are never repeated after a 5xx; attach is (it is idempotent
 * by app name); detach is, and a 404 after a retry means it was done.
 */
const CLUSTER = 'mpg-previews'

let sim: Sim
let api: FlyMachinesApi

beforeAll(async () => {
  sim = await startSim({
    apps: [
      { name: 'demo', machinesPerRegion: 1 },
      { name: 'acme-web', org: 'acme', machinesPerRegion: 1 }
    ],
    regions: ['sjc'],
    clockScale: 100,
    rateLimits: false
  })
  sim.control.createPostgresCluster({
    id: CLUSTER,
    name: 'previews',
    region: 'sjc'
  })
  api = apiFor(sim)
})

afterAll(async () => {
  await sim?.close()
})

async function secretNames(app: string): Promise<string[]> {
  return (await api.secrets.list(app)).map((s) => s.name)
}

describe('apps', () => {
  test('list returns the org’s apps with org and status', async () => {
    // Act
    const personal = await api.apps.list('personal')
    const acme = await api.apps.list('acme')

    // Assert
    expect(personal).toEqual([
      { name: 'demo', org: 'personal', status: 'deployed' }
    ])
    expect(acme).toEqual([
      { name: 'acme-web', org: 'acme', status: 'deployed' }
    ])
  })

  test('create sends org_slug, and a new app lists as pending', async () => {
    // Arrange
    const since = lastSeq(sim)

    // Act
    await api.apps.create('pr-1-web', 'personal')

    // Assert
    const [req] = requestsSince(sim, since, 'POST', /^\/v1\/apps$/)
    expect(JSON.parse(req!.body!)).toEqual({
      name: 'pr-1-web',
      org_slug: 'personal'
    })
    expect(await api.apps.list('personal')).toContainEqual({
      name: 'pr-1-web',
      org: 'personal',
      status: 'pending'
    })
  })

  test('create of a taken name throws AppNameTakenError, a FlyApiError 422 name_taken, never retried', async () => {
    // Arrange
    const since = lastSeq(sim)

    // Act
    const err = await api.apps
      .create('acme-web', 'personal')
      .catch((e: unknown) => e)

    // Assert
    expect(err).toBeInstanceOf(AppNameTakenError)
    expect(err).toBeInstanceOf(FlyApiError)
    expect(err).toMatchObject({
      app: 'acme-web',
      status: 422,
      flyStatus: 'name_taken',
      retryable: false
    })
    expect(requestsSince(sim, since, 'POST', /^\/v1\/apps$/)).toHaveLength(1)
  })

  test('other create failures stay plain FlyApiErrors', async () => {
    const err = await api.apps
      .create('Bad_Name', 'personal')
      .catch((e: unknown) => e)

    expect(err).toBeInstanceOf(FlyApiError)
    expect(err).not.toBeInstanceOf(AppNameTakenError)
    expect(err).toMatchObject({ status: 400 })
  })

  test('assignIp allocates shared_v4 and v6 addresses that listIps returns', async () => {
    // Arrange
    await api.apps.create('pr-2-web', 'personal')

    // Act
    const v4 = await api.apps.assignIp('pr-2-web', 'shared_v4')
    const v6 = await api.apps.assignIp('pr-2-web', 'v6', {
      region: 'global',
      serviceName: 'web'
    })
    const listed = await api.apps.listIps('pr-2-web')

    // Assert
    expect(v4).toMatchObject({ shared: true, region: 'global' })
    expect(v4.ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/)
    expect(v6).toMatchObject({ shared: false, serviceName: 'web' })
    expect(v6.ip).toContain(':')
    expect(listed).toEqual([v4, v6])
  })

  test('assignIp answered 500 is not repeated: a retryable error, one request', async () => {
    // Arrange
    sim.control.failRequests({
      method: 'POST',
      path: '/v1/apps/*/ip_assignments',
      status: 500
    })
    const since = lastSeq(sim)

    // Act
    const err = await api.apps
      .assignIp('demo', 'shared_v4')
      .catch((e: unknown) => e)

    // Assert
    expect(err).toMatchObject({ status: 500, retryable: true })
    expect(requestsSince(sim, since, 'POST', /\/ip_assignments$/)).toHaveLength(
      1
    )
  })

  test('listIps of an unknown app is a 404 FlyApiError', async () => {
    const err = await api.apps.listIps('no-such-app').catch((e: unknown) => e)

    expect(err).toMatchObject({ status: 404 })
  })
})

describe('postgres', () => {
  test('attach sets DATABASE_URL; attaching again is a no-op; detach unsets it', async () => {
    // Arrange
    await api.apps.create('pr-3-web', 'personal')

    // Act
    await api.postgres.attach(CLUSTER, 'pr-3-web')
    const attached = await secretNames('pr-3-web')
    await api.postgres.attach(CLUSTER, 'pr-3-web')
    await api.postgres.detach(CLUSTER, 'pr-3-web')

    // Assert
    expect(attached).toEqual(['DATABASE_URL'])
    expect(await secretNames('pr-3-web')).toEqual([])
  })

  test('detach of an app that is not attached, or an unknown cluster, throws a 404', async () => {
    // Arrange
    await api.apps.create('pr-4-web', 'personal')

    // Act
    const notAttached = await api.postgres
      .detach(CLUSTER, 'pr-4-web')
      .catch((e: unknown) => e)
    const noCluster = await api.postgres
      .attach('no-such-cluster', 'pr-4-web')
      .catch((e: unknown) => e)

    // Assert
    expect(notAttached).toBeInstanceOf(FlyApiError)
    expect(notAttached).toMatchObject({ status: 404, retryable: false })
    expect(noCluster).toMatchObject({ status: 404 })
  })

  test('attach is retried through a 503: it is idempotent by app name', async () => {
    // Arrange
    await api.apps.create('pr-5-web', 'personal')
    sim.control.failRequests({
      method: 'POST',
      path: '/v1/postgres/*/attachments',
      status: 503
    })
    const since = lastSeq(sim)

    // Act
    await api.postgres.attach(CLUSTER, 'pr-5-web')

    // Assert
    expect(
      requestsSince(sim, since, 'POST', /\/attachments$/).map((r) => r.status)
    ).toEqual([503, 201])
    expect(await secretNames('pr-5-web')).toEqual(['DATABASE_URL'])
  })

  test('a detach whose answer was lost is retried, and its 404 then means done', async () => {
    // Arrange: the first DELETE reaches flysim, but a 502 comes back.
    await api.apps.create('pr-6-web', 'personal')
    await api.postgres.attach(CLUSTER, 'pr-6-web')
    let lose = 1
    const lossy = (async (
      input: string | URL | Request,
      init?: RequestInit
    ) => {
      const res = await fetch(input, init)
      if (init?.method === 'DELETE' && lose > 0) {
        lose--
        await res.text()
        return new Response(JSON.stringify({ error: 'bad gateway' }), {
          status: 502
        })
      }
      return res
    }) as typeof fetch
    const flaky = apiFor(sim, { fetch: lossy })
    const since = lastSeq(sim)

    // Act
    await flaky.postgres.detach(CLUSTER, 'pr-6-web')

    // Assert
    expect(
      requestsSince(sim, since, 'DELETE', /\/attachments\//).map(
        (r) => r.status
      )
    ).toEqual([204, 404])
    expect(await secretNames('pr-6-web')).toEqual([])
  })
})
