import type { RateLimiter } from './api/rate-limit.js'
import type { FaultBook } from './faults.js'
import type { MachineRuntime } from './runtime/lifecycle.js'
import type { World } from './world.js'

/** RequestRecord is one line of flysim's request log. */
export interface RequestRecord {
  seq: number
  /** Virtual time, unix ms. */
  at: number
  method: string
  /** Path without query. */
  path: string
  query: string
  /** The OpenAPI path template, e.g. `/v1/apps/{app_name}/machines/{machine_id}`. */
  route?: string
  /** The operation, e.g. `Machines_update`. */
  op?: string
  status: number
  /** Request body text; never recorded for the secrets endpoints. */
  body?: string
}

/** SimOptions that the API server and the edge read at request time. */
export interface SimSettings {
  token: string
  tokenOwner: string
  leaseShape: 'wrapped' | 'bare'
  defaultRegion: string
  clientRegion: string
  /** How long the edge retries a forced instance that is not routable, ms. */
  edgeRetryMs: number
}

/** ResponseInfo is what `onResponse` sees: for contract tests. */
export interface ResponseInfo {
  method: string
  path: string
  route?: string
  op?: string
  status: number
  body: unknown
}

/** SimContext ties the parts of one flysim together. */
export interface SimContext {
  world: World
  runtime: MachineRuntime
  limiter: RateLimiter
  faults: FaultBook
  settings: SimSettings
  log: RequestRecord[]
  onResponse?: (info: ResponseInfo) => void
}
