/**
 * Contract checking: every Machines API response flysim sends in a test is
 * validated against shared/fly/machines-openapi.json ([OA3], API-NOTES §0),
 * so drift between flysim and the real API fails CI.
 *
 * Validation is strict: every object schema that lists `properties` and says
 * nothing of `additionalProperties` gets `additionalProperties: false`, so a
 * field flysim invents (one the spec lacks) is a violation. Error statuses the
 * spec does not declare (401, 404, 408, 409, 412, 422, 429, ...) are checked
 * against `ErrorResponse` (API-NOTES §1). The few documented exceptions are
 * listed, with their sources, next to the code that allows them.
 */
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import type { ResponseInfo } from '../../src/sim/index.js'

/**
 * SPEC_URL is the [OA3] spec vendored in the repository (a copy of
 * shared/fly/machines-openapi.json, see __fixtures__/fly/README.md), so a
 * clean clone alone can run the contract tests.
 */
export const SPEC_URL = new URL(
  '../../__fixtures__/fly/machines-openapi.json',
  import.meta.url
)

/** The `$id` the spec is registered under in ajv; refs are rewritten to it. */
const SPEC_ID = 'https://flysim.test/machines-openapi.json'
const SCHEMAS = '#/components/schemas/'

type Json = null | boolean | number | string | Json[] | { [k: string]: Json }
type JsonObject = { [k: string]: Json }

export interface ContractViolation {
  /** `METHOD template status`, or `METHOD path status` when no route matched. */
  key: string
  path: string
  message: string
  body: unknown
}

export interface ContractChecker {
  /** check validates one response (the sim's `onResponse`); a failure is recorded, never thrown. */
  check(info: ResponseInfo): void
  violations: ContractViolation[]
  /** How many responses were validated per `METHOD template status`. */
  checked: Map<string, number>
  /** `METHOD template` pairs validated at least once with a 2xx status. */
  succeeded(): Set<string>
  /** Total responses validated. */
  total(): number
  /** report renders the violations, one paragraph each, for an assertion message. */
  report(): string
}

export interface ContractOptions {
  /** The sim's `leaseShape` (default `wrapped`, as `startSim` defaults). */
  leaseShape?: 'wrapped' | 'bare'
}

interface Operation {
  operationId?: string
  responses: Record<
    string,
    { content?: Record<string, { schema?: JsonObject }> } | undefined
  >
}

/** loadSpec reads the stored OpenAPI document, or fails saying where it looked. */
export function loadSpec(): JsonObject {
  const file = fileURLToPath(SPEC_URL)
  if (!existsSync(file)) {
    throw new Error(
      `contract tests need the Machines OpenAPI spec at ${file} ` +
        '(a copy of shared/fly/machines-openapi.json); it is missing'
    )
  }
  return JSON.parse(readFileSync(file, 'utf8')) as JsonObject
}

/**
 * toStrictSchema rewrites one OpenAPI 3.0 schema (deeply) into draft-07 JSON
 * Schema for ajv: absolute `$ref`s, `nullable` as a null type, `x-*` and
 * `example` dropped, and `additionalProperties: false` on every object schema
 * that declares `properties` but not `additionalProperties`.
 */
export function toStrictSchema(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(toStrictSchema)
  if (schema === null || typeof schema !== 'object') return schema
  const out: JsonObject = {}
  for (const [k, v] of Object.entries(schema)) {
    if (k.startsWith('x-') || k === 'example' || k === 'nullable') continue
    if (k === '$ref' && typeof v === 'string' && v.startsWith('#/')) {
      out[k] = SPEC_ID + v
    } else if (k === 'properties' && v && typeof v === 'object') {
      // Property names are data, not keywords: recurse into each value only.
      out[k] = Object.fromEntries(
        Object.entries(v).map(([name, s]) => [name, toStrictSchema(s)])
      )
    } else out[k] = toStrictSchema(v)
  }
  if (schema.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null']
    else return { anyOf: [out, { type: 'null' }] }
  }
  // swaggo wraps a property's $ref as `{type: object, allOf: [{$ref}]}`, even
  // when the target is a string enum (fly.ContainerHealthcheck.kind): the
  // `type` is an artefact of the generator, the $ref is the schema.
  if (Array.isArray(out.allOf) && out.allOf.length === 1 && !out.properties) {
    delete out.type
  }
  if (out.properties && out.additionalProperties === undefined) {
    out.additionalProperties = false
  }
  return out
}

/**
 * Exception (a): `fly.MachineService.autostop` is declared a string enum
 * off|stop|suspend, but its [OA3] description says "For backward
 * compatibility with older clients, the API continues to use booleans for
 * "off" and "stop" in responses". So in a response it is a boolean, or
 * "suspend"; the strings "off" and "stop" there are drift.
 */
const RESPONSE_AUTOSTOP: Json = {
  anyOf: [{ type: 'boolean' }, { type: 'string', enum: ['suspend'] }]
}

/**
 * Exception (c), with its neighbour: where the spec declares a status with no
 * content, an empty body is the contract. flysim sends the bodies Fly's docs
 * show for these operations instead (superfly/docs
 * reference/machines/_delete_resp.erb and _machines_ok_true_resp: `{"ok":
 * true}`; _machines_start_resp.erb: previous_state, migrated, new_host), and
 * nothing else is allowed.
 */
const OK_BODY: Json = {
  type: 'object',
  properties: { ok: { type: 'boolean' } },
  required: ['ok'],
  additionalProperties: false
}
const START_BODY: Json = {
  type: 'object',
  properties: {
    previous_state: { type: 'string' },
    migrated: { type: 'boolean' },
    new_host: { type: 'string' }
  },
  required: ['previous_state'],
  additionalProperties: false
}
const M = '/v1/apps/{app_name}/machines/{machine_id}'
const DOCUMENTED_BODIES: Record<string, Json> = {
  [`DELETE ${M}`]: OK_BODY,
  [`POST ${M}/start`]: START_BODY,
  [`POST ${M}/stop`]: OK_BODY,
  [`POST ${M}/restart`]: OK_BODY,
  [`POST ${M}/suspend`]: OK_BODY,
  [`POST ${M}/cordon`]: OK_BODY,
  [`POST ${M}/uncordon`]: OK_BODY
}

/**
 * Exception (b): the lease endpoints. [OA3] declares a bare `Lease`; Fly's
 * docs example (superfly/docs reference/machines/_machines_lease_create_resp
 * .erb) and fly-go wrap it as `{status: "success", data: Lease}`, and errors
 * as `{status: "error", message, code}` (API-NOTES §4; flysim's wrapped shape
 * is a [sim choice], bare under a switch). Release's docs example is
 * `{status: "success", data: {ok: true}}`. flysim's wrapped 409 also carries
 * ErrorResponse's `error` (leases.ts `conflict`, a [sim choice] so a client
 * reading either field sees the holder), so `error` is allowed there.
 */
const LEASE = `${M}/lease`
const wrapped = (data: Json): Json => ({
  type: 'object',
  properties: { status: { const: 'success' }, data },
  required: ['status', 'data'],
  additionalProperties: false
})
const WRAPPED_LEASE_ERROR: Json = {
  type: 'object',
  properties: {
    status: { const: 'error' },
    message: { type: 'string' },
    code: { type: 'string' },
    error: { type: 'string' }
  },
  required: ['status', 'message'],
  additionalProperties: false
}

/**
 * The error body every non-2xx answer must have: [OA3] `ErrorResponse`, with
 * `error` required (API-NOTES §1: `{error, status, details}`; a body without
 * the message is useless to a client, so flysim never sends one).
 */
const ERROR_BODY: Json = {
  allOf: [
    { $ref: `${SPEC_ID}${SCHEMAS}ErrorResponse` },
    { required: ['error'] }
  ]
}

/** createContractChecker compiles the spec's response schemas and returns a checker. */
export function createContractChecker(
  options: ContractOptions = {}
): ContractChecker {
  const leaseShape = options.leaseShape ?? 'wrapped'
  const spec = loadSpec()
  const components = spec.components as { schemas: Record<string, Json> }
  const schemas = toStrictSchema(components.schemas as Json) as Record<
    string,
    JsonObject
  >
  const service = schemas['fly.MachineService']!
  ;(service.properties as JsonObject).autostop = RESPONSE_AUTOSTOP

  const ajv = new Ajv({ strict: false, allErrors: true })
  ajv.addSchema({ $id: SPEC_ID, components: { schemas } })
  const compiled = new Map<string, ValidateFunction>()
  const compile = (key: string, schema: Json): ValidateFunction => {
    let v = compiled.get(key)
    if (!v) {
      v = ajv.compile(schema as JsonObject)
      compiled.set(key, v)
    }
    return v
  }

  const paths = spec.paths as unknown as Record<
    string,
    Record<string, Operation>
  >
  const operation = (method: string, template: string): Operation | undefined =>
    paths[template]?.[method.toLowerCase()]

  const violations: ContractViolation[] = []
  const checked = new Map<string, number>()
  const ok = new Set<string>()
  let total = 0

  /** Each candidate schema is tried in turn; the body passes if one accepts it. */
  const validate = (
    key: string,
    candidates: [name: string, schema: Json][],
    body: unknown
  ): string | undefined => {
    const failures: string[] = []
    for (const [name, schema] of candidates) {
      const v = compile(name, schema)
      if (v(body)) return undefined
      failures.push(`as ${name}: ${formatErrors(v.errors)}`)
    }
    return failures.join('\n  ') || `${key}: no schema`
  }

  const schemaOf = (op: Operation, status: string): Json | undefined =>
    op.responses[status]?.content?.['application/json']?.schema

  const check = (info: ResponseInfo): void => {
    if (info.path.startsWith('/v2')) return // the registry subset is not in the spec
    total++
    const key = `${info.method} ${info.route ?? info.path} ${info.status}`
    checked.set(key, (checked.get(key) ?? 0) + 1)
    const fail = (message: string): void => {
      violations.push({ key, path: info.path, message, body: info.body })
    }
    const success = info.status >= 200 && info.status < 300
    const status = String(info.status)

    if (!info.route) {
      // Auth failure or no such route: an ErrorResponse all the same.
      if (success) return fail('a 2xx for a path no route matched')
      const err = validate(key, [['ErrorResponse', ERROR_BODY]], info.body)
      if (err) fail(err)
      return
    }
    const op = operation(info.method, info.route)
    if (!op) return fail(`${info.method} ${info.route} is not in the spec`)
    if (info.op && op.operationId && info.op !== op.operationId) {
      fail(`op "${info.op}" is not the spec's operationId "${op.operationId}"`)
    }
    const routeKey = `${info.method} ${info.route}`
    if (success) ok.add(routeKey)

    const candidates: [string, Json][] = []
    const isLease = info.route === LEASE
    if (success) {
      const declared = op.responses[status]
      if (!declared) {
        return fail(
          `status ${status} is not declared; the spec has ${Object.keys(op.responses).join(', ')}`
        )
      }
      const schema = schemaOf(op, status)
      if (isLease && info.method !== 'DELETE' && schema) {
        const lease = toStrictSchema(schema)
        candidates.push(
          leaseShape === 'wrapped'
            ? [`wrapped ${routeKey} ${status}`, wrapped(lease)]
            : [`${routeKey} ${status}`, lease]
        )
      } else if (isLease && info.method === 'DELETE') {
        if (info.body === undefined) return
        candidates.push(
          leaseShape === 'wrapped'
            ? ['wrapped release', wrapped(OK_BODY)]
            : ['{ok}', OK_BODY]
        )
      } else if (schema) {
        candidates.push([`${routeKey} ${status}`, toStrictSchema(schema)])
      } else {
        if (info.body === undefined) return // exception (c)
        const documented = DOCUMENTED_BODIES[routeKey]
        if (!documented) {
          return fail(`a body where the spec declares none for ${status}`)
        }
        candidates.push([`documented ${routeKey}`, documented])
      }
    } else {
      if (info.body === undefined) return fail('an error status with no body')
      candidates.push(['ErrorResponse', ERROR_BODY])
      if (isLease && leaseShape === 'wrapped') {
        candidates.push(['wrapped lease error', WRAPPED_LEASE_ERROR])
      }
    }
    const err = validate(key, candidates, info.body)
    if (err) fail(err)
  }

  return {
    check,
    violations,
    checked,
    succeeded: () => new Set(ok),
    total: () => total,
    report: () =>
      violations
        .map(
          (v) =>
            `${v.key} (${v.path}):\n  ${v.message}\n  body: ${truncate(JSON.stringify(v.body))}`
        )
        .join('\n\n')
  }
}

function formatErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 8)
    .map((e) => {
      const extra =
        e.keyword === 'additionalProperties'
          ? ` "${(e.params as { additionalProperty: string }).additionalProperty}"`
          : e.keyword === 'enum'
            ? ` ${JSON.stringify((e.params as { allowedValues: unknown }).allowedValues)}`
            : ''
      return `${e.instancePath || '/'} ${e.message}${extra}`
    })
    .join('; ')
}

function truncate(s: string | undefined, n = 600): string {
  if (s === undefined) return 'undefined'
  return s.length > n ? `${s.slice(0, n)}…` : s
}
