import { EventEmitter } from 'node:events'
import type { SimClock } from './clock.js'
import type { ImageBehavior, ImageRegistry, SimImage } from './images.js'
import type { Rng } from './random.js'
import type {
  MachineState,
  WireCheckStatus,
  WireEvent,
  WireMachineConfig
} from './wire.js'

/** SimSecret is one app secret. Its value never leaves flysim except to the machines. */
export interface SimSecret {
  value: string
  digest: string
  createdAt: number
  updatedAt: number
  /** The secrets version that last set it. */
  version: number
}

export interface SimLease {
  nonce: string
  owner: string
  description: string
  /** Unix seconds. */
  expiresAt: number
  version: string
}

export interface SimVersion {
  version: string
  config: WireMachineConfig
  createdAt: number
}

export interface SimMachine {
  id: string
  name: string
  app: string
  region: string
  privateIp: string
  state: MachineState
  cordoned: boolean
  hostStatus: 'ok' | 'unknown' | 'unreachable'
  /** The current version (`instance_id`, `FLY_MACHINE_VERSION`). */
  instanceId: string
  config: WireMachineConfig
  image: SimImage
  /** Every version, oldest first. */
  versions: SimVersion[]
  /** Newest first. */
  events: WireEvent[]
  /** Check results by name; empty until each check first ran. */
  checks: Map<string, WireCheckStatus>
  lease?: SimLease
  createdAt: number
  updatedAt: number
  /** Restarts since the last start requested by a user. */
  restartCount: number
  /** The app secrets version the current process was launched with. */
  secretsVersion: number
  skipServiceRegistration: boolean
  /** Unix ms at which a destroyed machine disappears from GET (it stays listable with include_deleted). */
  destroyedAt?: number
  /** Per-machine behaviour overriding its image's (fault injection). */
  override?: Partial<ImageBehavior>
}

/** behaviorOf returns what a machine's process does: its image's behaviour plus any fault override. */
export function behaviorOf(m: SimMachine): ImageBehavior {
  return m.override ? { ...m.image.behavior, ...m.override } : m.image.behavior
}

export interface SimVolume {
  id: string
  name: string
  app: string
  region: string
  sizeGb: number
  state: 'created' | 'destroying' | 'destroyed'
  attachedMachineId?: string
  createdAt: number
  encrypted: boolean
  zone: string
}

export interface SimIp {
  ip: string
  type: string
  region: string
  shared: boolean
  serviceName?: string
  createdAt: number
}

/**
 * SimPostgresAttachment is one app's attachment to a Postgres cluster: the
 * per-app database and user it made, and the connection string it set as
 * the app's `DATABASE_URL` [sim choice: Fly documents neither].
 */
export interface SimPostgresAttachment {
  /** The attached app's name (Fly's attachments are keyed by it). */
  app: string
  /** The app record it was made for: a deleted-then-recreated app has a new id. */
  appId: string
  database: string
  user: string
  /** The `DATABASE_URL` value set on the app. A secret. */
  url: string
  attachedAt: number
}

/**
 * SimPostgresCluster is a Postgres cluster. `managed` ones are Fly Managed
 * Postgres (`/v1/postgres/{id}`); unmanaged ones stand for a Fly Postgres
 * app (`fly postgres attach <PG APP>`), whose id is the app's name and which
 * flysim serves on the same endpoints [sim choice].
 */
export interface SimPostgresCluster {
  id: string
  name: string
  org: string
  region: string
  managed: boolean
  createdAt: number
  /**
   * Attachments by app name. One whose app was deleted while attached stays
   * here, an orphan: still listed in `attached_apps`, its detach a 404 (the
   * app is gone), replaced only when an app of that name attaches again
   * [sim choice: API-NOTES §2.1].
   */
  attachments: Map<string, SimPostgresAttachment>
  /** Databases ever made; a detach leaves its database (flyctl: "Database will remain intact"). */
  databases: Set<string>
}

export interface SimApp {
  id: string
  name: string
  orgSlug: string
  network: string
  createdAt: number
  status: 'pending' | 'deployed' | 'suspended' | 'destroying'
  machines: Map<string, SimMachine>
  volumes: Map<string, SimVolume>
  secrets: Map<string, SimSecret>
  secretsVersion: number
  ips: SimIp[]
  /** Ids of the Postgres clusters the app is attached to (routes/postgres.ts). */
  attachments: Set<string>
}

/** World is everything flysim knows; the API, the runtime and the edge all read it. */
export class World extends EventEmitter {
  readonly apps = new Map<string, SimApp>()
  readonly orgs = new Map<string, { slug: string; name: string }>()
  /** Postgres clusters by id. */
  readonly postgres = new Map<string, SimPostgresCluster>()
  /** Regions whose hosts refuse new placements and updates (fault). */
  readonly capacityFaults = new Set<string>()
  /** Regions the edge cannot reach (fault). */
  readonly cutRegions = new Set<string>()
  /** Machine ids whose versions were pruned to the newest (fault). */
  private machineIndex = new Map<string, SimMachine>()

  constructor(
    readonly clock: SimClock,
    readonly rng: Rng,
    readonly images: ImageRegistry
  ) {
    super()
    this.setMaxListeners(0)
    this.orgs.set('personal', { slug: 'personal', name: 'Personal' })
  }

  now(): number {
    return this.clock.now()
  }

  iso(ms = this.now()): string {
    return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
  }

  newMachineId(): string {
    for (;;) {
      const id = this.rng.hex(14)
      if (!this.machineIndex.has(id)) return id
    }
  }

  newVersion(): string {
    return this.rng.ulid(this.now())
  }

  addMachine(app: SimApp, m: SimMachine): void {
    app.machines.set(m.id, m)
    this.machineIndex.set(m.id, m)
  }

  removeMachine(app: SimApp, id: string): void {
    app.machines.delete(id)
    this.machineIndex.delete(id)
  }

  /** machine finds a machine by id in any app. */
  machine(id: string): SimMachine | undefined {
    return this.machineIndex.get(id)
  }

  /** changed tells waiters (`/wait`, the edge) that a machine moved. */
  changed(m: SimMachine): void {
    m.updatedAt = this.now()
    this.emit('machine', m)
  }

  addEvent(
    m: SimMachine,
    type: string,
    status: string,
    source: 'user' | 'flyd',
    request?: Record<string, unknown>
  ): WireEvent {
    const ev: WireEvent = {
      id: this.rng.ulid(this.now()),
      type,
      status,
      source,
      timestamp: this.now(),
      ...(request ? { request } : {})
    }
    m.events.unshift(ev)
    // [sim choice] keep the newest 100; the API returns at most 50.
    if (m.events.length > 100) m.events.length = 100
    return ev
  }
}
