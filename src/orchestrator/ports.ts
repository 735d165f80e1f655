/**
 * Ports: everything the orchestrator does to the world goes through these
 * (HOUSE-STYLE §8). Adapters implement them; tests pass object-literal fakes.
 */
import type { ProbeSpec } from '../core/spec.js'
import type { MachineConfig, MachineEvent, MachineView } from '../core/types.js'

/** WaitResult is one `/wait` long-poll: a 408 is not an error (API-NOTES §5). */
export type WaitResult =
  { ok: true; state: string; version: string } | { ok: false; timedOut: true }

export interface Lease {
  nonce: string
  /** Unix seconds. */
  expiresAt: number
}

export interface CreateMachineRequest {
  config: MachineConfig
  region: string
  name?: string
  skipLaunch?: boolean
  minSecretsVersion?: number
  /** Create the machine leased to us: the answer carries the nonce. */
  leaseTtlS?: number
}

export interface UpdateMachineRequest {
  config: MachineConfig
  /** The version we expect the machine to be at (S₀ `instance_id`). */
  currentVersion?: string
  skipLaunch?: boolean
  minSecretsVersion?: number
}

/** Machines is the Machines API as the engine uses it (API-NOTES §2.2, §4, §5, §7). */
export interface Machines {
  list(
    app: string,
    filter?: {
      metadata?: Record<string, string>
      region?: string
      summary?: boolean
    }
  ): Promise<MachineView[]>
  get(app: string, id: string): Promise<MachineView>
  create(
    app: string,
    req: CreateMachineRequest
  ): Promise<MachineView & { nonce?: string }>
  update(
    app: string,
    id: string,
    req: UpdateMachineRequest,
    nonce?: string
  ): Promise<MachineView>
  destroy(
    app: string,
    id: string,
    opts?: { force?: boolean },
    nonce?: string
  ): Promise<void>
  start(app: string, id: string, nonce?: string): Promise<void>
  stop(app: string, id: string, nonce?: string): Promise<void>
  suspend(app: string, id: string, nonce?: string): Promise<void>
  /**
   * One long-poll of at most 60 s. Never throws on 408: returns {timedOut: true}.
   * Aborting `signal` ends the wait at once, rejecting with its reason.
   */
  waitFor(
    app: string,
    id: string,
    q: {
      states: string[]
      version?: string
      timeoutS: number
      signal?: AbortSignal
    }
  ): Promise<WaitResult>
  acquireLease(
    app: string,
    id: string,
    ttlS: number,
    description: string
  ): Promise<Lease>
  refreshLease(
    app: string,
    id: string,
    nonce: string,
    ttlS: number
  ): Promise<Lease>
  releaseLease(app: string, id: string, nonce: string): Promise<void>
  /** Current lease holder's description, or undefined when none. */
  leaseHolder(
    app: string,
    id: string
  ): Promise<
    { owner: string; description: string; expiresAt: number } | undefined
  >
  versions(
    app: string,
    id: string
  ): Promise<{ version: string; config: MachineConfig }[]>
  /** Sets (string) and removes (null) metadata keys without a new version. */
  setMetadata(
    app: string,
    id: string,
    kv: Record<string, string | null>,
    nonce?: string
  ): Promise<void>
  events(app: string, id: string, limit?: number): Promise<MachineEvent[]>
}

/** AppSummary is an app as the Apps API lists it. */
export interface AppSummary {
  name: string
  /** The organization's slug. */
  org: string
  /** e.g. `pending`, `deployed`, `suspended`. */
  status: string
}

/** IpType is an IP assignment type ([OA3] IPAssignmentType, API-NOTES §2.1). */
export type IpType =
  | 'v4'
  | 'v6'
  | 'shared_v4'
  | 'private_v6'
  | 'egress_v4'
  | 'egress_v6'
  | 'egress_pair'

/** IpAssignment is one of an app's IP addresses ([OA3] IPAssignment). */
export interface IpAssignment {
  /** The address; empty for an `egress_pair`, which answers a pair instead. */
  ip: string
  region: string
  shared: boolean
  serviceName?: string
  /** As the API sent it (RFC 3339). */
  createdAt?: string
}

/** Apps is the Apps and IP assignments API (API-NOTES §2.1). */
export interface Apps {
  /** undefined when the app does not exist. */
  get(app: string): Promise<AppSummary | undefined>
  /**
   * create makes an app in `org` (sent as `org_slug`). A name already in use
   * throws AppNameTakenError (422 `name_taken`): app names are global, so
   * the taker may be another org's app; `get` tells which.
   */
  create(app: string, org: string): Promise<void>
  destroy(app: string): Promise<void>
  /** list returns the org's apps (`GET /v1/apps?org_slug=`), apps being deleted left out. */
  list(org: string): Promise<AppSummary[]>
  /**
   * assignIp allocates an address of `type` (default region `global`). Not
   * repeated after a 5xx or no answer: a repeat could allocate a second one,
   * so a caller that must not leak addresses lists them first.
   */
  assignIp(
    app: string,
    type: IpType,
    opts?: { region?: string; serviceName?: string }
  ): Promise<IpAssignment>
  listIps(app: string): Promise<IpAssignment[]>
}

/**
 * Postgres attaches apps to a Postgres cluster (API-NOTES §2.1,
 * `/v1/postgres/{cluster}/attachments`). Attaching sets the app's
 * `DATABASE_URL` secret as a new secrets version, so machines see it only
 * once created or updated with a `min_secrets_version` at least that new.
 * Detach before deleting the app: an attachment whose app is gone cannot be
 * detached any more.
 */
export interface Postgres {
  /** attach attaches `app` to `cluster`; attaching an attached app is a no-op. */
  attach(cluster: string, app: string): Promise<void>
  /** detach detaches `app` from `cluster`; a 404 (cluster, app or attachment unknown) throws. */
  detach(cluster: string, app: string): Promise<void>
}

export interface Secrets {
  /** Sets (string) and unsets (null) app secrets; returns the new secrets version. */
  set(
    app: string,
    values: Record<string, string | null>
  ): Promise<{ version: number }>
  list(app: string): Promise<{ name: string; digest: string }[]>
}

export interface Volumes {
  create(
    app: string,
    v: { name: string; region: string; sizeGb: number }
  ): Promise<{ id: string }>
  destroy(app: string, id: string): Promise<void>
}

export interface Platform {
  /** Fly's region codes. */
  regions(): Promise<string[]>
}

/** Sample is one probe answer (ROLLOUT-SEMANTICS §4.3). */
export interface Sample {
  /** Virtual/wall time of the request start, unix ms. */
  at: number
  status: number
  latencyMs: number
  /** A transport error, when there was no HTTP answer. */
  error?: string
  /** What the app said about who answered (identity headers), when it said. */
  machineId?: string
  version?: string
}

/** ProbeTarget pins a probe to a machine (fly-force-instance-id) or a region (fly-force-region). */
export type ProbeTarget = { machineId: string } | { region: string }

export interface Prober {
  probe(
    app: string,
    target: ProbeTarget,
    probe: ProbeSpec,
    signal?: AbortSignal
  ): Promise<Sample>
}

export interface Clock {
  now(): number
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

export interface Logger {
  info(message: string): void
  warn(message: string): void
  debug(message: string): void
}

/** Ports is everything a rollout touches. */
export interface Ports {
  machines: Machines
  apps: Apps
  secrets: Secrets
  volumes: Volumes
  platform: Platform
  /** Postgres attachments, for preview apps; absent where nothing attaches databases. */
  postgres?: Postgres
  prober: Prober
  clock: Clock
  log: Logger
  /** A new unique id (ULID) for rollouts. */
  newId(): string
}
