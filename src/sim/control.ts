import { createAppRecord } from './api/routes/apps.js'
import { isOrphan } from './api/routes/postgres.js'
import type { SimContext, RequestRecord } from './context.js'
import { parseDurationInput } from './durations.js'
import type { RequestFault, RequestFaultInput } from './faults.js'
import {
  parseBehavior,
  type BehaviorInput,
  type ImageBehavior,
  type SimImage
} from './images.js'
import { findRegion } from './regions.js'
import { buildApp, type AppSpec } from './scenarios.js'
import type { SimMachine, SimPostgresCluster, World } from './world.js'

/** MachineSnapshot is one machine as the control plane sees it: for exact-equality assertions. */
export interface MachineSnapshot {
  id: string
  app: string
  name: string
  region: string
  state: string
  instanceId: string
  cordoned: boolean
  imageDigest: string
  config: unknown
  versions: number
  lease?: { owner: string; expiresAt: number }
}

/** PostgresClusterSpec is a Postgres cluster to create (`POST {adminUrl}/postgres`). */
export interface PostgresClusterSpec {
  /** Default: a random id for a managed cluster; the name for an unmanaged one. */
  id?: string
  name: string
  /** Default `personal`; an unknown org is created, as for apps. */
  org?: string
  region: string
  /**
   * Managed Postgres (default), or a Fly Postgres app for `flyctl postgres
   * attach <PG APP>`: its id is its name, and an app of that name is made.
   */
  managed?: boolean
}

/** PostgresClusterSnapshot is a cluster as the control plane sees it; no secret values. */
export interface PostgresClusterSnapshot {
  id: string
  name: string
  org: string
  region: string
  managed: boolean
  /** By app name; `orphan` when the app was deleted while attached. */
  attachments: {
    app: string
    database: string
    user: string
    orphan: boolean
    attachedAt: number
  }[]
  databases: string[]
}

/** snapshotCluster copies a cluster for the control plane. */
function snapshotCluster(
  world: World,
  c: SimPostgresCluster
): PostgresClusterSnapshot {
  return {
    id: c.id,
    name: c.name,
    org: c.org,
    region: c.region,
    managed: c.managed,
    attachments: [...c.attachments.values()]
      .sort((a, b) => a.app.localeCompare(b.app))
      .map((a) => ({
        app: a.app,
        database: a.database,
        user: a.user,
        orphan: isOrphan(world, a),
        attachedAt: a.attachedAt
      })),
    databases: [...c.databases].sort()
  }
}

export interface WorldSnapshot {
  at: number
  postgres: PostgresClusterSnapshot[]
  apps: {
    name: string
    org: string
    status: string
    secretsVersion: number
    secretNames: string[]
    machines: MachineSnapshot[]
    volumes: {
      id: string
      region: string
      sizeGb: number
      attachedMachineId?: string
    }[]
  }[]
}

/** ControlError is a bad control request (the admin API answers it with 400). */
export class ControlError extends Error {}

/**
 * createControl returns flysim's control plane: what tests, the demo and
 * the admin API use to shape the world and break it. The Machines API never
 * exposes any of it.
 */
export function createControl(sim: SimContext, defaultRegions: string[]) {
  const world = sim.world
  const machine = (id: string): SimMachine => {
    const m = world.machine(id)
    if (!m) throw new ControlError(`no machine ${id}`)
    return m
  }
  const region = (code: string): string => {
    if (!findRegion(code)) throw new ControlError(`unknown region "${code}"`)
    return code
  }

  return {
    /** The virtual clock every part of this flysim runs on. */
    clock: world.clock,

    /** advance moves the virtual clock (e.g. "15m"), running everything due on the way. */
    async advance(by: string | number): Promise<void> {
      await world.clock.advance(parseDurationInput(by, 'by'))
    },

    /** setImage gives an image ref a behaviour (`POST {adminUrl}/images`). */
    setImage(ref: string, input: BehaviorInput = {}): SimImage {
      if (typeof ref !== 'string' || !ref)
        throw new ControlError('ref is required')
      const existing = world.images.lookup(ref)
      const behavior = parseBehavior(input, existing?.behavior)
      return existing
        ? world.images.setBehavior(ref, behavior)
        : world.images.push(ref, { behavior })
    },

    images(): SimImage[] {
      return world.images.list()
    },

    /** createApp adds an app with running machines, as a scenario does. */
    createApp(spec: AppSpec) {
      return buildApp(sim, spec, defaultRegions)
    },

    /**
     * createPostgresCluster adds a ready Postgres cluster (`POST
     * {adminUrl}/postgres`): apps attach to it through
     * `POST /v1/postgres/{id}/attachments` (API-NOTES §2.1).
     */
    createPostgresCluster(spec: PostgresClusterSpec): PostgresClusterSnapshot {
      if (!spec || typeof spec.name !== 'string' || !spec.name) {
        throw new ControlError('name is required')
      }
      region(String(spec.region ?? ''))
      const managed = spec.managed !== false
      const org = spec.org ?? 'personal'
      const id = spec.id ?? (managed ? world.rng.hex(16) : spec.name)
      if (typeof id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(id)) {
        throw new ControlError(
          'id must be lowercase letters, digits and dashes'
        )
      }
      if (!managed && id !== spec.name) {
        throw new ControlError(
          'an unmanaged cluster is a Fly Postgres app: its id is its name'
        )
      }
      if (world.postgres.has(id))
        throw new ControlError(`postgres cluster ${id} already exists`)
      if (!world.orgs.has(org)) world.orgs.set(org, { slug: org, name: org })
      if (!managed && !world.apps.has(id)) createAppRecord({ sim }, id, org)
      const c: SimPostgresCluster = {
        id,
        name: spec.name,
        org,
        region: spec.region,
        managed,
        createdAt: world.now(),
        attachments: new Map(),
        databases: new Set()
      }
      world.postgres.set(id, c)
      return snapshotCluster(world, c)
    },

    /** postgresCluster returns a cluster's attachments (orphans marked) and databases. */
    postgresCluster(id: string): PostgresClusterSnapshot {
      const c = world.postgres.get(id)
      if (!c) throw new ControlError(`no postgres cluster ${id}`)
      return snapshotCluster(world, c)
    },

    postgresClusters(): PostgresClusterSnapshot[] {
      return [...world.postgres.values()].map((c) => snapshotCluster(world, c))
    },

    /** failRequests makes the next `times` requests matching method+path fail, stall or reset. */
    failRequests(
      input: Omit<RequestFaultInput, 'delay'> & { delay?: string | number }
    ): RequestFault {
      const delayMs =
        input.delay === undefined
          ? undefined
          : parseDurationInput(input.delay, 'delay')
      return sim.faults.add({ ...input, delay: undefined }, delayMs)
    },

    /** refuseUpdates makes a region's hosts refuse placements and updates for lack of capacity. */
    refuseUpdates(code: string, on = true): void {
      if (on) world.capacityFaults.add(region(code))
      else world.capacityFaults.delete(code)
    },

    /** cutRegion takes a region out of the edge's reach (its machines keep running). */
    cutRegion(code: string, on = true): void {
      if (on) world.cutRegions.add(region(code))
      else world.cutRegions.delete(code)
      for (const app of world.apps.values()) {
        for (const m of app.machines.values())
          if (m.region === code) world.changed(m)
      }
    },

    /** killMachine kills a machine's process: an exit event, then its restart policy. */
    killMachine(
      id: string,
      opts: { exitCode?: number; oom?: boolean } = {}
    ): boolean {
      return sim.runtime.crash(
        machine(id),
        opts.exitCode ?? 137,
        opts.oom ?? false
      )
    },

    /** setHostStatus makes a machine's host unreachable (or fine again). */
    setHostStatus(id: string, status: 'ok' | 'unknown' | 'unreachable'): void {
      if (!['ok', 'unknown', 'unreachable'].includes(status)) {
        throw new ControlError(`host status must be ok, unknown or unreachable`)
      }
      const m = machine(id)
      m.hostStatus = status
      world.changed(m)
    },

    /** pruneVersions drops all but the newest `keep` versions of a machine. */
    pruneVersions(id: string, keep = 1): void {
      const m = machine(id)
      if (!Number.isInteger(keep) || keep < 1)
        throw new ControlError('keep must be a positive integer')
      m.versions.splice(0, Math.max(0, m.versions.length - keep))
    },

    /**
     * setMachineBehavior overrides one machine's behaviour (crash loop, slow
     * boot, flapping checks, failing health) whatever its image; `{}` clears it.
     */
    setMachineBehavior(id: string, input: BehaviorInput): ImageBehavior {
      const m = machine(id)
      const full = parseBehavior(input, m.image.behavior)
      const override: Partial<ImageBehavior> = {}
      for (const k of Object.keys(input) as (keyof BehaviorInput)[]) {
        const key =
          ({ boot: 'bootMs' } as Record<string, keyof ImageBehavior>)[k] ??
          (k as keyof ImageBehavior)
        ;(override as Record<string, unknown>)[key] = full[key]
      }
      m.override = Object.keys(override).length
        ? { ...m.override, ...override }
        : undefined
      return full
    },

    /** clearFaults removes every fault: request faults, capacity, cut regions, host status, overrides. */
    clearFaults(): void {
      sim.faults.clear()
      world.capacityFaults.clear()
      world.cutRegions.clear()
      for (const app of world.apps.values()) {
        for (const m of app.machines.values()) {
          m.override = undefined
          if (m.hostStatus !== 'ok') {
            m.hostStatus = 'ok'
            world.changed(m)
          }
        }
      }
    },

    faults(): RequestFault[] {
      return sim.faults.list()
    },

    /** setRateLimits turns the documented rate limits on or off (on by default). */
    setRateLimits(on: boolean): void {
      sim.limiter.setEnabled(on)
    },

    /** requests returns the request log (newest last), optionally after a sequence number. */
    requests(since = 0): RequestRecord[] {
      return sim.log.filter((r) => r.seq > since)
    },

    clearRequests(): void {
      sim.log.length = 0
    },

    /** outstandingLeases lists unexpired leases: a finished rollout must leave none. */
    outstandingLeases(): {
      app: string
      machine: string
      owner: string
      expiresAt: number
    }[] {
      const out = []
      const nowS = world.now() / 1000
      for (const app of world.apps.values()) {
        for (const m of app.machines.values()) {
          if (m.lease && m.lease.expiresAt > nowS) {
            out.push({
              app: app.name,
              machine: m.id,
              owner: m.lease.owner,
              expiresAt: m.lease.expiresAt
            })
          }
        }
      }
      return out
    },

    /** snapshotWorld returns a deep copy of every app and machine, for before/after comparisons. */
    snapshotWorld(): WorldSnapshot {
      return {
        at: world.now(),
        postgres: [...world.postgres.values()].map((c) =>
          snapshotCluster(world, c)
        ),
        apps: [...world.apps.values()].map((app) => ({
          name: app.name,
          org: app.orgSlug,
          status: app.status,
          secretsVersion: app.secretsVersion,
          secretNames: [...app.secrets.keys()].sort(),
          machines: [...app.machines.values()].map((m) => ({
            id: m.id,
            app: m.app,
            name: m.name,
            region: m.region,
            state: m.state,
            instanceId: m.instanceId,
            cordoned: m.cordoned,
            imageDigest: m.image.digest,
            config: structuredClone(m.config),
            versions: m.versions.length,
            ...(m.lease
              ? {
                  lease: { owner: m.lease.owner, expiresAt: m.lease.expiresAt }
                }
              : {})
          })),
          volumes: [...app.volumes.values()]
            .filter((v) => v.state !== 'destroyed')
            .map((v) => ({
              id: v.id,
              region: v.region,
              sizeGb: v.sizeGb,
              ...(v.attachedMachineId
                ? { attachedMachineId: v.attachedMachineId }
                : {})
            }))
        }))
      }
    },

    /** machineCount counts live machines in every app. */
    machineCount(): number {
      let n = 0
      for (const app of world.apps.values()) {
        for (const m of app.machines.values()) if (m.state !== 'destroyed') n++
      }
      return n
    }
  }
}

export type SimControl = ReturnType<typeof createControl>
