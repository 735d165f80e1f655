import { InputError, REDACTED } from '../core/errors.js'
import {
  SECRET_NAME,
  secretDigest,
  type SecretEntry
} from '../core/secrets-input.js'
import type { Logger, Secrets } from './ports.js'

/** SecretsResult is what applySecrets did. */
export interface SecretsResult {
  /**
   * The app's secrets version after the set, to send as
   * `min_secrets_version` on every machine the rollout creates or updates.
   * Undefined when nothing was set (the machines need no newer version).
   */
  version?: number
  /** Names sent to the API (new or changed), in input order. */
  set: string[]
  /** Names whose digest already matched, in input order. */
  unchanged: string[]
}

export interface ApplySecretsOptions {
  /** Masks a value in logs (the action passes `core.setSecret`). Called before anything else. */
  mask: (value: string) => void
}

/**
 * MIN_REDACT is the shortest value scrubbed from error text, as the
 * adapter's redactText: a shorter one would mangle ordinary words.
 */
const MIN_REDACT = 4

/**
 * applySecrets stages the app's secrets (ROLLOUT-SEMANTICS §10): it sets
 * the new and changed values in one request and returns the new secrets
 * version. It restarts nothing: the values reach machines only through the
 * rollout's own waves, which carry the version as `min_secrets_version`
 * (API-NOTES §14: a secret reaches only machines started or updated after
 * it was set).
 *
 * 1. Mask every value (and each line of a multi-line value, since runners
 *    mask line by line), before anything can fail.
 * 2. List the app's secrets: names and digests, never values.
 * 3. Set what differs (a digest mismatch, including one from Fly hashing
 *    otherwise than `secretDigest` assumes, only means setting it again).
 *
 * Values travel only in the API body. A thrown error never holds a value of
 * 4 or more characters (raw, JSON-escaped, URL-encoded, one of its lines,
 * or a clipped start of it): its message, stack and causes are scrubbed.
 */
export async function applySecrets(
  ports: { secrets: Secrets; log?: Logger },
  app: string,
  entries: readonly SecretEntry[],
  options: ApplySecretsOptions
): Promise<SecretsResult> {
  // 1. Mask first.
  for (const e of entries) {
    options.mask(e.value)
    for (const line of linesToMask(e.value)) options.mask(line)
  }
  const values = entries.map((e) => e.value)

  const problems: string[] = []
  const seen = new Set<string>()
  for (const e of entries) {
    if (!SECRET_NAME.test(e.name)) {
      problems.push(`"${e.name}" is not a valid secret name`)
    } else if (seen.has(e.name)) {
      problems.push(`secret ${e.name} is given twice`)
    }
    seen.add(e.name)
  }
  if (problems.length > 0) throw new InputError(problems)
  if (entries.length === 0) return { set: [], unchanged: [] }

  try {
    // 2. What the app has.
    const listed = await ports.secrets.list(app)
    const digests = new Map(listed.map((s) => [s.name, s.digest.toLowerCase()]))

    // 3. Set only what differs, in one request.
    const changed: SecretEntry[] = []
    const unchanged: string[] = []
    for (const e of entries) {
      if (digests.get(e.name) === secretDigest(e.value)) unchanged.push(e.name)
      else changed.push(e)
    }
    if (changed.length === 0) {
      ports.log?.info(
        `secrets: ${unchanged.length} unchanged on ${app}, nothing to set`
      )
      return { set: [], unchanged }
    }
    // Object.fromEntries defines own properties: a name like __proto__ is data.
    const { version } = await ports.secrets.set(
      app,
      Object.fromEntries(changed.map((e) => [e.name, e.value]))
    )
    const set = changed.map((e) => e.name)
    ports.log?.info(
      `secrets: staged ${set.join(', ')} on ${app} as secrets version ${version}` +
        (unchanged.length ? ` (${unchanged.length} unchanged)` : '')
    )
    return { version, set, unchanged }
  } catch (e) {
    throw scrubError(e, values)
  }
}

/** linesToMask lists the lines of a multi-line value worth masking on their own. */
export function linesToMask(value: string): string[] {
  if (!value.includes('\n')) return []
  return value
    .split('\n')
    .map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l))
    .filter((l) => l.trim().length >= MIN_REDACT)
}

/**
 * scrubError removes every value from an error (message, stack, string
 * fields, causes) and returns it: the same object when it is an Error, so
 * its class and `retryable` still drive retries.
 */
function scrubError(err: unknown, values: readonly string[]): unknown {
  const scrub = (text: string): string => scrubText(text, values)
  if (!(err instanceof Error)) {
    return new Error(scrub(typeof err === 'string' ? err : String(err)))
  }
  const seen = new Set<unknown>()
  for (
    let cur: unknown = err, depth = 0;
    cur && typeof cur === 'object' && !seen.has(cur) && depth < 8;
    depth++
  ) {
    seen.add(cur)
    const rec = cur as Record<string, unknown>
    for (const key of [
      ...Object.getOwnPropertyNames(cur),
      'message',
      'stack'
    ]) {
      const v = rec[key]
      if (typeof v !== 'string') continue
      const clean = scrub(v)
      if (clean === v) continue
      try {
        Object.defineProperty(cur, key, {
          value: clean,
          writable: true,
          configurable: true
        })
      } catch {
        // A frozen error: replace the whole thing.
        return new Error(scrub(err.message))
      }
    }
    // A string cause was scrubbed with the other fields; an object one is next.
    cur = rec.cause
  }
  return err
}

/**
 * scrubText replaces every form of every value (4+ characters) a message
 * may quote it in: raw, JSON-escaped, URL-encoded, each line of a
 * multi-line value, and a start of it cut off by `…`, a line break or the
 * end of the text (the adapter clips a server's message to 300 characters
 * before it redacts, so a long value can survive only as its start).
 */
export function scrubText(text: string, values: readonly string[]): string {
  let out = text
  for (const v of values) {
    if (v.length < MIN_REDACT) continue
    const forms = new Set([
      v,
      JSON.stringify(v).slice(1, -1),
      encodeURIComponent(v),
      ...linesToMask(v).map((l) => l.trim())
    ])
    for (const f of [...forms].sort((a, b) => b.length - a.length)) {
      if (f.length >= MIN_REDACT) out = out.split(f).join(REDACTED)
    }
    out = scrubClippedStart(out, v)
  }
  return out
}

/** CLIP_MIN is the shortest clipped start of a value that counts as one. */
const CLIP_MIN = 8

/**
 * scrubClippedStart replaces a start of `value` (8+ characters) that is cut
 * off by `…`, a line break or the end of the text.
 */
function scrubClippedStart(text: string, value: string): string {
  let out = text
  const longest = Math.min(value.length - 1, out.length)
  for (let k = longest; k >= CLIP_MIN; k--) {
    const start = value.slice(0, k)
    let at = out.indexOf(start)
    let found = false
    while (at >= 0) {
      const next = out[at + k]
      if (next === undefined || next === '…' || next === '\n') {
        out = out.slice(0, at) + REDACTED + out.slice(at + k)
        found = true
      }
      at = out.indexOf(start, at + 1)
    }
    if (found) break
  }
  return out
}
