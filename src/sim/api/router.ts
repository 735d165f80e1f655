import type { IncomingMessage } from 'node:http'
import type { SimContext } from '../context.js'
import type { Rate } from './rate-limit.js'

/** Ctx is what a route handler gets. */
export interface Ctx {
  sim: SimContext
  req: IncomingMessage
  method: string
  path: string
  query: URLSearchParams
  params: Record<string, string>
  /** Parsed JSON body, or undefined when the request had none. */
  body: unknown
  /** `fly-machine-lease-nonce`, when sent. */
  nonce?: string
  /** Set by a handler that must not answer before a condition (`/wait`). */
  signal: AbortSignal
}

/** Result is a handler's answer. No body means an empty one. */
export interface Result {
  status: number
  body?: unknown
  headers?: Record<string, string>
  /** Send `body` as text instead of JSON. */
  text?: boolean
}

export type Handler = (ctx: Ctx) => Result | Promise<Result>

/** RateKey picks the bucket a request draws from, or none. */
export type RateKey = (ctx: Ctx) => { key: string; rate: Rate } | undefined

export interface Route {
  method: string
  /** OpenAPI path template. */
  template: string
  op: string
  re: RegExp
  keys: string[]
  handler: Handler
  rate?: RateKey
  /** Auth is not needed (registry ping, platform info) [sim choice: everything under /v1 needs it]. */
  public?: boolean
}

/** route compiles an OpenAPI path template into a Route. */
export function route(
  method: string,
  template: string,
  op: string,
  handler: Handler,
  rate?: RateKey
): Route {
  const keys: string[] = []
  const re = new RegExp(
    '^' +
      template
        .replace(/[.+?^$()|[\]\\]/g, '\\$&')
        .replace(/\{([^}]+)\}/g, (_, k: string) => {
          keys.push(k)
          return k === 'name' || k === 'reference_path' ? '(.+?)' : '([^/]+)'
        }) +
      '$'
  )
  return { method, template, op, re, keys, handler, rate }
}

/** match finds the route for a request; `allowed` lists methods when only the path matched. */
export function match(
  routes: readonly Route[],
  method: string,
  path: string
):
  | { route: Route; params: Record<string, string> }
  | { allowed: string[] }
  | undefined {
  const allowed: string[] = []
  for (const r of routes) {
    const m = r.re.exec(path)
    if (!m) continue
    if (r.method !== method) {
      allowed.push(r.method)
      continue
    }
    const params: Record<string, string> = {}
    r.keys.forEach((k, i) => {
      params[k] = decodeURIComponent(m[i + 1]!)
    })
    return { route: r, params }
  }
  return allowed.length ? { allowed } : undefined
}
