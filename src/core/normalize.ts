import { sha256Hex } from './sha256.js'
import type { MachineConfig } from './types.js'

/** OUR_PREFIX marks fly-rollout's own metadata keys (ROLLOUT-SEMANTICS §9.2). */
export const OUR_PREFIX = 'flyrollout_'

/**
 * normalizeConfig returns the config in the form its hash is taken of
 * (ROLLOUT-SEMANTICS §1): fly-rollout's own metadata removed, nulls dropped,
 * and the API's read-back spellings unified — Fly answers a service's
 * `autostop` "off"/"stop" as false/true ([OA3] fly.MachineService), so both
 * spellings normalize to the string.
 *
 *   {metadata: {fly_process_group: 'app', flyrollout_id: 'X'}} → {metadata: {fly_process_group: 'app'}}
 *   {services: [{autostop: false}]}                              → {services: [{autostop: 'off'}]}
 *   {env: null, image: 'i'}                                      → {image: 'i'}
 */
export function normalizeConfig(config: MachineConfig): MachineConfig {
  const out = dropNulls(config) as MachineConfig
  if (out.metadata) {
    const meta: Record<string, string> = {}
    for (const [k, v] of Object.entries(out.metadata)) {
      if (!k.startsWith(OUR_PREFIX)) meta[k] = v
    }
    if (Object.keys(meta).length) out.metadata = meta
    else delete out.metadata
  }
  if (Array.isArray(out.services)) {
    out.services = out.services.map((s) => {
      if (s?.autostop === false) return { ...s, autostop: 'off' }
      if (s?.autostop === true) return { ...s, autostop: 'stop' }
      return s
    })
  }
  return out
}

/** canonicalJson renders JSON with object keys sorted at every level. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort()
    return `{${keys
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map(
        (k) =>
          `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`
      )
      .join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/** configHash is the sha256 of the normalized config's canonical JSON (first 16 hex: short, still collision-safe for a fleet). */
export function configHash(config: MachineConfig): string {
  return sha256Hex(canonicalJson(normalizeConfig(config))).slice(0, 16)
}

function dropNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(dropNulls)
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(v)) {
      if (x !== null && x !== undefined) out[k] = dropNulls(x)
    }
    return out
  }
  return v
}
