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
  /** Postgres attachments by cluster id (issue: previews). */
  attachments: Set<string>
}

/** World is everything flysim knows; the API, the runtime and the edge all read it. */
export class World extends EventEmitter {
  readonly apps = new Map<string, SimApp>()
  readonly orgs = new Map<string, { slug: string; name: string }>()
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
