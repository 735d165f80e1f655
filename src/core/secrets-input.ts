import { sha256Hex } from './sha256.js'

/**
 * The action's `secrets` input, read into name/value pairs (USERS #4:
 * secrets with spaces or newlines must arrive intact). The input is ONE of:
 *
 * (a) a JSON object, as GitHub renders `${{ toJSON(secrets) }}`. Only the
 *     names `secrets-include` selects are taken (exact names and `PREFIX_*`
 *     patterns); with no `secrets-include`, none is, and a problem says so.
 *     GITHUB_TOKEN, github_token and FLY_API_TOKEN are never taken by a
 *     pattern, only when named exactly.
 * (b) `NAME=VALUE` lines: the value is everything after the first `=`,
 *     verbatim (spaces, `=`, quotes and `#` included: no inline comments).
 *     One pair of surrounding `"` or `'` is stripped, no escapes. A value
 *     that starts with `"""` is taken up to a closing `"""`: on the same
 *     line, or on the first later line that ends with `"""`, the lines in
 *     between joined with `\n` (flyctl's `secrets import` form, API-NOTES
 *     §14).
 *
 * The input is JSON when it is a JSON object: when its text starts with
 * `{` (a NAME=VALUE line never can). A JSON object followed by lines is
 * neither, and is reported as broken JSON: mixing the two forms is not
 * supported.
 *
 * Problems name the line or the name, never a value (nor text that might
 * be part of one, such as an unparsable line or the JSON parser's message).
 */

/** SecretEntry is one secret to set on the app. */
export interface SecretEntry {
  name: string
  value: string
}

/** ParsedSecrets is what the input holds; any problem means it must not be applied. */
export interface ParsedSecrets {
  /** In input order for lines; sorted by name for JSON. Names are unique. */
  entries: SecretEntry[]
  /** One line each, fit for InputError. Never contains a value. */
  problems: string[]
}

/** SECRET_NAME is a name Fly accepts for a secret: an environment variable name. */
export const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/** INCLUDE_PATTERN is one `secrets-include` entry: a NAME or a `PREFIX*`. */
const INCLUDE_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*\*?$/

/**
 * PROTECTED_NAMES are the credentials `toJSON(secrets)` carries that must
 * never reach the app by accident: only an exact `secrets-include` entry
 * takes them, never a pattern.
 */
export const PROTECTED_NAMES: ReadonlySet<string> = new Set([
  'GITHUB_TOKEN',
  'github_token',
  'FLY_API_TOKEN'
])

const TRIPLE = '"""'

const P = 'input secrets'

/**
 * parseSecretsInput reads the `secrets` input; `include` is the parsed
 * `secrets-include` (names and `PREFIX_*` patterns; used for JSON only).
 * Blank input holds no secrets and no problems.
 *
 *   A=hello world                  → A: "hello world"
 *   B=x=y # not a comment          → B: "x=y # not a comment"
 *   C="  padded "                  → C: "  padded "
 *   D='say "hi"'                   → D: 'say "hi"'
 *   E=""                           → E: ""           (E= alone is a problem)
 *   F="""one"""                    → F: "one"
 *   G="""-----BEGIN KEY-----       → G: "-----BEGIN KEY-----\nabc\n-----END KEY-----"
 *   abc
 *   -----END KEY-----"""
 *   H="""                          → H: "\nx"        (the opening line counts, as in flyctl)
 *   x"""
 *   {"DB_URL":"p q","GITHUB_TOKEN":"t"}, include ["DB_*"]  → DB_URL: "p q"
 */
export function parseSecretsInput(
  text: string,
  include: readonly string[]
): ParsedSecrets {
  const body = text.replace(/^\uFEFF/, '')
  const trimmed = body.trim()
  if (trimmed === '') return { entries: [], problems: [] }
  if (trimmed.startsWith('{')) return parseJsonSecrets(trimmed, include)
  return parseLines(body)
}

/**
 * secretDigest returns the digest fly-rollout compares with the `digest`
 * Fly lists for a secret, to skip setting a value that has not changed.
 *
 * ASSUMPTION: Fly does not document its digest; it shows 16 hex
 * characters. We take the first 16 hex of the SHA-256 of the value's UTF-8
 * bytes (flysim's [sim choice] too). If Fly's digest is computed otherwise,
 * no digest ever matches and every value is simply set again: harmless (the
 * same value, under a new secrets version), only not skipped.
 *
 *   ""    → e3b0c44298fc1c14
 *   "abc" → ba7816bf8f01cfea
 */
export function secretDigest(value: string): string {
  return sha256Hex(value).slice(0, 16)
}

// --- JSON ----------------------------------------------------------------------

function parseJsonSecrets(
  text: string,
  include: readonly string[]
): ParsedSecrets {
  const problems: string[] = []
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    // The parser's message quotes the text around the error: never shown.
    parsed = undefined
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return {
      entries: [],
      problems: [
        `${P}: starts with "{" but is not a JSON object; give either one JSON object (\${{ toJSON(secrets) }}) or NAME=VALUE lines, not both`
      ]
    }
  }
  const json = parsed as Record<string, unknown>

  const exact = new Set<string>()
  const prefixes: string[] = []
  for (const raw of include) {
    const p = raw.trim()
    if (p === '') continue
    if (!INCLUDE_PATTERN.test(p)) {
      problems.push(
        `input secrets-include: "${p}" is not a NAME or PREFIX_* pattern`
      )
    } else if (p.endsWith('*')) prefixes.push(p.slice(0, -1))
    else exact.add(p)
  }
  if (exact.size === 0 && prefixes.length === 0) {
    problems.push(
      `${P}: a JSON object of secrets takes only the names secrets-include selects (names or PREFIX_* patterns), and secrets-include is empty: set it`
    )
    return { entries: [], problems }
  }

  const names = Object.keys(json).sort()
  const entries: SecretEntry[] = []
  const usedPrefixes = new Set<string>()
  for (const name of names) {
    const byPrefix = prefixes.filter((p) => name.startsWith(p))
    const taken =
      exact.has(name) || (!PROTECTED_NAMES.has(name) && byPrefix.length > 0)
    if (!taken) continue
    for (const p of byPrefix) usedPrefixes.add(p)
    if (!SECRET_NAME.test(name)) {
      problems.push(`${P}: the JSON key "${name}" is not a valid secret name`)
      continue
    }
    const value = json[name]
    if (typeof value !== 'string') {
      problems.push(`${P}: ${name} in the JSON is not a string`)
    } else if (value === '') {
      problems.push(`${P}: ${name} in the JSON is empty`)
    } else entries.push({ name, value })
  }

  for (const name of exact) {
    if (Object.hasOwn(json, name)) continue
    const other = names.find((n) => n.toLowerCase() === name.toLowerCase())
    problems.push(
      `input secrets-include: ${name} is not in the secrets JSON (not set, or not available to this workflow)` +
        (other ? `; the JSON has ${other}: names are case-sensitive` : '')
    )
  }
  for (const p of prefixes) {
    if (!usedPrefixes.has(p)) {
      problems.push(
        `input secrets-include: ${p}* matches no secret in the secrets JSON`
      )
    }
  }
  return { entries, problems }
}

// --- NAME=VALUE lines --------------------------------------------------------

interface Open {
  name: string
  line: number
  parts: string[]
}

function parseLines(text: string): ParsedSecrets {
  const problems: string[] = []
  const entries: SecretEntry[] = []
  const firstLine = new Map<string, number>()
  const add = (name: string, value: string, line: number): void => {
    const first = firstLine.get(name)
    if (first !== undefined) {
      problems.push(
        `${P}: line ${line}: ${name} is already set on line ${first}`
      )
      return
    }
    firstLine.set(name, line)
    entries.push({ name, value })
  }

  let open: Open | undefined
  const lines = text
    .split('\n')
    .map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l))
  for (const [i, line] of lines.entries()) {
    const n = i + 1
    if (open) {
      const end = line.trimEnd()
      if (end.endsWith(TRIPLE)) {
        open.parts.push(end.slice(0, -TRIPLE.length))
        add(open.name, open.parts.join('\n'), open.line)
        open = undefined
      } else open.parts.push(line)
      continue
    }
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue

    const eq = line.indexOf('=')
    if (eq < 0) {
      problems.push(
        `${P}: line ${n}: expected NAME=VALUE (a value spanning lines is written NAME="""…""")`
      )
      continue
    }
    // The text before "=" may be a stray line of a multi-line value: never quoted.
    const name = line.slice(0, eq).trimStart()
    if (!SECRET_NAME.test(name)) {
      problems.push(
        `${P}: line ${n}: the text before "=" is not a secret name (letters, digits and _, not starting with a digit, no spaces around "=")`
      )
      continue
    }

    const raw = line.slice(eq + 1)
    if (raw.startsWith(TRIPLE)) {
      const rest = raw.slice(TRIPLE.length)
      const end = rest.trimEnd()
      if (end.endsWith(TRIPLE)) add(name, end.slice(0, -TRIPLE.length), n)
      else open = { name, line: n, parts: [end === '' ? '' : rest] }
      continue
    }
    const end = raw.trimEnd()
    const q = end[0]
    if ((q === '"' || q === "'") && end.length >= 2 && end.endsWith(q)) {
      add(name, end.slice(1, -1), n)
    } else if (raw === '') {
      // Most often `NAME=${{ secrets.X }}` with X unset.
      problems.push(
        `${P}: line ${n}: ${name} has no value (is the secret it comes from set? write ${name}="" for an empty value)`
      )
    } else add(name, raw, n)
  }
  if (open) {
    problems.push(
      `${P}: line ${open.line}: ${open.name}="""… is never closed: end the value with a line ending in """`
    )
  }
  return { entries, problems }
}
