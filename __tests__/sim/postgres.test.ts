import { createHash } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { startSim, type Sim } from '../../src/sim/index.js'
import {
  api,
  edge,
  healthy,
  machinePath,
  webConfig
} from '../helpers/sim-client.js'

/**
 * Postgres attachments (API-NOTES §2.1): attaching sets `DATABASE_URL` as a
 * new secrets version, detaching unsets it, unknown clusters, apps and
 * attachments are 404s, and an app deleted while attached leaves an orphan
 * attachment that can no longer be detached [sim choice].
 */
const APP = 'pr-12-web'
const IMAGE = 'registry.fly.io/pr-12-web:deployment-1'
const CLUSTER = 'mpg-previews'

let sim: Sim

beforeEach(async () => {
  sim = await startSim({
    clockScale: 0,
    rateLimits: false,
    regions: ['sjc'],
    apps: [{ name: APP, image: IMAGE }]
  })
  sim.control.createPostgresCluster({
    id: CLUSTER,
    name: 'previews',
    region: 'sjc'
  })
})

afterEach(async () => {
  await sim.close()
})

const sha = (v: string): string => createHash('sha256').update(v).digest('hex')
const attachments = (cluster = CLUSTER) => `/v1/postgres/${cluster}/attachments`

async function databaseUrl(app = APP): Promise<string | undefined> {
  const res = await api(
    sim,
    'GET',
    `/v1/apps/${app}/secrets/DATABASE_URL?show_secrets=true`
  )
  return res.status === 200 ? (res.body.value as string) : undefined
}

async function secretsVersion(app = APP): Promise<number> {
  return sim.control.snapshotWorld().apps.find((a) => a.name === app)!
    .secretsVersion
}

async function createApp(name: string, org = 'personal'): Promise<void> {
  const res = await api(sim, 'POST', '/v1/apps', { name, org_slug: org })
  expect(res.status).toBe(201)
}

describe('attaching', () => {
  test('answers 201 with the attachment and sets DATABASE_URL to a per-app database as a new secrets version', async () => {
    // Arrange
    const before = await secretsVersion()

    // Act
    const res = await api(sim, 'POST', attachments(), { app_name: APP })

    // Assert
    expect(res.status).toBe(201)
    expect(res.body).toEqual({
      data: {
        app_name: APP,
        postgres_cluster_id: CLUSTER,
        attached_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/)
      }
    })
    expect(await databaseUrl()).toMatch(
      /^postgres:\/\/pr-12-web:[0-9a-f]{24}@mpg-previews\.flympg\.net\/pr_12_web$/
    )
    expect(await secretsVersion()).toBe(before + 1)
  })

  test('a machine started afterwards with min_secrets_version sees DATABASE_URL', async () => {
    // Arrange
    await api(sim, 'POST', attachments(), { app_name: APP })
    const url = (await databaseUrl())!

    // Act
    const created = await api(sim, 'POST', machinePath(APP), {
      config: webConfig(IMAGE),
      region: 'sjc',
      min_secrets_version: await secretsVersion()
    })
    await healthy(sim, APP, created.body.id)
    const res = await edge(sim, APP, '/.flysim/env', {
      'fly-force-instance-id': created.body.id
    })

    // Assert
    expect(created.status).toBe(200)
    expect(res.body.env.DATABASE_URL).toBe(sha(url))
  })

  test('a machine that was already running does not see it until it is updated', async () => {
    // Arrange
    const [m] = (await api(sim, 'GET', machinePath(APP))).body
    await api(sim, 'POST', attachments(), { app_name: APP })

    // Act
    const before = await edge(sim, APP, '/.flysim/env', {
      'fly-force-instance-id': m.id
    })

    // Assert
    expect(before.body.env).not.toHaveProperty('DATABASE_URL')
  })

  test('attaching an attached app answers 200 and changes nothing', async () => {
    // Arrange
    const first = await api(sim, 'POST', attachments(), { app_name: APP })
    const url = await databaseUrl()
    const version = await secretsVersion()

    // Act
    const again = await api(sim, 'POST', attachments(), { app_name: APP })

    // Assert
    expect(again.status).toBe(200)
    expect(again.body).toEqual(first.body)
    expect(await databaseUrl()).toBe(url)
    expect(await secretsVersion()).toBe(version)
  })

  test('GET /v1/postgres/{cluster} lists attached apps and databases lists the per-app database', async () => {
    // Arrange
    await createApp('pr-13-web')
    await api(sim, 'POST', attachments(), { app_name: APP })
    await api(sim, 'POST', attachments(), { app_name: 'pr-13-web' })

    // Act
    const cluster = await api(sim, 'GET', `/v1/postgres/${CLUSTER}`)
    const dbs = await api(sim, 'GET', `/v1/postgres/${CLUSTER}/databases`)

    // Assert
    expect(cluster.status).toBe(200)
    expect(cluster.body.data).toMatchObject({
      id: CLUSTER,
      name: 'previews',
      status: 'ready',
      region: 'sjc',
      organization: { slug: 'personal' },
      attached_apps: [{ name: 'pr-12-web' }, { name: 'pr-13-web' }]
    })
    expect(dbs.body).toEqual({
      data: [{ name: 'pr_12_web' }, { name: 'pr_13_web' }]
    })
  })

  test('an unknown cluster or app is a 404, a missing app_name a 422, another org an error 422', async () => {
    // Arrange
    await createApp('elsewhere', 'personal')
    sim.control.createPostgresCluster({
      id: 'acme-db',
      name: 'acme',
      org: 'acme',
      region: 'sjc'
    })

    // Act
    const noCluster = await api(sim, 'POST', attachments('nope'), {
      app_name: APP
    })
    const noApp = await api(sim, 'POST', attachments(), { app_name: 'nope' })
    const noName = await api(sim, 'POST', attachments(), {})
    const otherOrg = await api(sim, 'POST', attachments('acme-db'), {
      app_name: 'elsewhere'
    })
    const show = await api(sim, 'GET', '/v1/postgres/nope')

    // Assert
    expect(noCluster.body).toEqual({ error: 'Cluster not found' })
    expect(noApp).toMatchObject({
      status: 404,
      body: { error: 'App not found' }
    })
    expect([noCluster.status, show.status]).toEqual([404, 404])
    expect(noName.status).toBe(422)
    expect(otherOrg.status).toBe(422)
    expect(await databaseUrl()).toBeUndefined()
  })
})

describe('detaching', () => {
  test('answers 204, unsets DATABASE_URL as a new secrets version and keeps the database', async () => {
    // Arrange
    await api(sim, 'POST', attachments(), { app_name: APP })
    const version = await secretsVersion()

    // Act
    const res = await api(sim, 'DELETE', `${attachments()}/${APP}`)

    // Assert
    expect(res).toMatchObject({ status: 204, body: undefined })
    expect(await databaseUrl()).toBeUndefined()
    expect(await secretsVersion()).toBe(version + 1)
    expect(sim.control.postgresCluster(CLUSTER)).toMatchObject({
      attachments: [],
      databases: ['pr_12_web']
    })
  })

  test('a machine started after the detach no longer sees DATABASE_URL', async () => {
    // Arrange
    await api(sim, 'POST', attachments(), { app_name: APP })
    await api(sim, 'DELETE', `${attachments()}/${APP}`)

    // Act
    const created = await api(sim, 'POST', machinePath(APP), {
      config: webConfig(IMAGE),
      region: 'sjc',
      min_secrets_version: await secretsVersion()
    })
    await healthy(sim, APP, created.body.id)
    const res = await edge(sim, APP, '/.flysim/env', {
      'fly-force-instance-id': created.body.id
    })

    // Assert
    expect(res.body.env).not.toHaveProperty('DATABASE_URL')
  })

  test('leaves a DATABASE_URL someone set since the attach', async () => {
    // Arrange
    await api(sim, 'POST', attachments(), { app_name: APP })
    await api(sim, 'POST', `/v1/apps/${APP}/secrets`, {
      values: { DATABASE_URL: 'postgres://mine' }
    })

    // Act
    const res = await api(sim, 'DELETE', `${attachments()}/${APP}`)

    // Assert
    expect(res.status).toBe(204)
    expect(await databaseUrl()).toBe('postgres://mine')
  })

  test('an unknown cluster, app or attachment is a 404 naming which', async () => {
    // Act
    const noCluster = await api(sim, 'DELETE', `${attachments('nope')}/${APP}`)
    const noApp = await api(sim, 'DELETE', `${attachments()}/nope`)
    const noAttachment = await api(sim, 'DELETE', `${attachments()}/${APP}`)

    // Assert
    expect(
      [noCluster, noApp, noAttachment].map((r) => [r.status, r.body.error])
    ).toEqual([
      [404, 'Cluster not found'],
      [404, 'App not found'],
      [404, 'Attachment not found']
    ])
  })
})

describe('an app deleted while attached [sim choice]', () => {
  async function deleteApp(name: string): Promise<void> {
    expect((await api(sim, 'DELETE', `/v1/apps/${name}`)).status).toBe(202)
    await sim.control.advance('2s')
    expect((await api(sim, 'GET', `/v1/apps/${name}`)).status).toBe(404)
  }

  test('leaves an orphan attachment the cluster still lists, and its detach is a 404', async () => {
    // Arrange
    await api(sim, 'POST', attachments(), { app_name: APP })

    // Act
    await deleteApp(APP)
    const cluster = await api(sim, 'GET', `/v1/postgres/${CLUSTER}`)
    const detach = await api(sim, 'DELETE', `${attachments()}/${APP}`)

    // Assert
    expect(cluster.body.data.attached_apps).toEqual([{ name: APP }])
    expect(detach).toMatchObject({
      status: 404,
      body: { error: 'App not found' }
    })
    expect(sim.control.postgresCluster(CLUSTER).attachments).toEqual([
      expect.objectContaining({ app: APP, orphan: true })
    ])
  })

  test('detach before delete leaves the cluster clean', async () => {
    // Arrange
    await api(sim, 'POST', attachments(), { app_name: APP })

    // Act
    await api(sim, 'DELETE', `${attachments()}/${APP}`)
    await deleteApp(APP)
    const cluster = await api(sim, 'GET', `/v1/postgres/${CLUSTER}`)

    // Assert
    expect(cluster.body.data.attached_apps).toEqual([])
    expect(sim.control.postgresCluster(CLUSTER).attachments).toEqual([])
  })

  test('a new app of the same name attaches afresh (201), replacing the orphan', async () => {
    // Arrange
    await api(sim, 'POST', attachments(), { app_name: APP })
    const oldUrl = await databaseUrl()
    await deleteApp(APP)
    await createApp(APP)

    // Act
    const detachFirst = await api(sim, 'DELETE', `${attachments()}/${APP}`)
    const res = await api(sim, 'POST', attachments(), { app_name: APP })

    // Assert
    expect(detachFirst.body).toEqual({ error: 'Attachment not found' })
    expect(res.status).toBe(201)
    expect(await databaseUrl()).not.toBe(oldUrl)
    expect(sim.control.postgresCluster(CLUSTER).attachments).toEqual([
      expect.objectContaining({ app: APP, orphan: false })
    ])
  })
})

describe('control and admin', () => {
  test('POST {adminUrl}/postgres creates a cluster, with a generated id when none is given', async () => {
    // Act
    const res = await fetch(`${sim.adminUrl}/postgres`, {
      method: 'POST',
      body: JSON.stringify({ name: 'more', region: 'sjc' })
    })
    const made = (await res.json()) as { id: string }
    const shown = await api(sim, 'GET', `/v1/postgres/${made.id}`)
    const bad = await fetch(`${sim.adminUrl}/postgres`, {
      method: 'POST',
      body: JSON.stringify({ name: 'x', region: 'mars' })
    })

    // Assert
    expect(res.status).toBe(201)
    expect(made).toMatchObject({ name: 'more', managed: true, org: 'personal' })
    expect(shown.body.data.name).toBe('more')
    expect(bad.status).toBe(400)
  })

  test('an unmanaged cluster is a Fly Postgres app whose attachments use its flycast address', async () => {
    // Arrange
    sim.control.createPostgresCluster({
      name: 'legacy-db',
      region: 'sjc',
      managed: false
    })

    // Act
    const pgApp = await api(sim, 'GET', '/v1/apps/legacy-db')
    const res = await api(sim, 'POST', attachments('legacy-db'), {
      app_name: APP
    })

    // Assert
    expect(pgApp.status).toBe(200)
    expect(res.status).toBe(201)
    expect(await databaseUrl()).toMatch(
      /^postgres:\/\/pr_12_web:[0-9a-f]{24}@legacy-db\.flycast:5432\/pr_12_web\?sslmode=disable$/
    )
  })

  test('snapshotWorld includes clusters, never a connection string', async () => {
    // Arrange
    await api(sim, 'POST', attachments(), { app_name: APP })
    const url = (await databaseUrl())!

    // Act
    const snap = sim.control.snapshotWorld()

    // Assert
    expect(snap.postgres).toEqual([
      expect.objectContaining({
        id: CLUSTER,
        attachments: [
          expect.objectContaining({ app: APP, database: 'pr_12_web' })
        ]
      })
    ])
    expect(JSON.stringify(snap)).not.toContain(url)
  })
})
