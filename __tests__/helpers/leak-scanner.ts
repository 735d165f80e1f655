/**
 * A leak scanner for end-to-end tests: give it the secret values a test
 * used, feed it everything that left the process (logs, files, flysim's
 * request log, thrown errors), then `assertClean()`.
 *
 * Each secret is looked for raw and in the encodings a leak usually takes:
 * base64 (standard and URL-safe, padding ignored), URL-encoded
 * (`encodeURIComponent`, and form-encoded with `+` for spaces) and
 * JSON-escaped (a newline as `\n`, a quote as `\"`). Values shorter than
 * MIN_SCANNED characters are not looked for (they would match by chance);
 * the report lists them as unscanned, so a test cannot pass silently on
 * them.
 *
 * Reports never print a secret: each is named by its index, length and a
 * short sha256.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { RequestRecord } from '../../src/sim/index.js'

/** MIN_SCANNED is the shortest secret the scanner looks for. */
export const MIN_SCANNED = 4

/** Encoding is a form a secret can leak in. */
export type Encoding =
  | 'raw'
  | 'base64'
  | 'base64url'
  | 'url-encoded'
  | 'form-encoded'
  | 'json-escaped'

/** Finding is one place a secret was seen. */
export interface Finding {
  /** Where: the label given to scan(), a file path, a request. */
  where: string
  /** Which secret: its index in the list given to createLeakScanner. */
  secret: number
  encoding: Encoding
  /** Character offset in the scanned text. */
  offset: number
}

export interface LeakScanner {
  /** scan looks for every secret in `text`; `label` says where it came from. */
  scan(label: string, text: string): void
  /** scanFile scans a file's contents (as UTF-8). */
  scanFile(path: string): void
  /** scanRequests scans flysim's request log: each record's path, query and body. */
  scanRequests(records: readonly RequestRecord[]): void
  /** scanError scans a thrown value: message, stack, string fields and its cause chain. */
  scanError(label: string, err: unknown): void
  /** findings lists every leak seen so far. */
  findings(): Finding[]
  /** report describes what was scanned, what was found and which secrets were too short to scan. */
  report(): string
  /** assertClean throws, with the report, when any secret was found. */
  assertClean(): void
}

interface Needle {
  secret: number
  encoding: Encoding
  text: string
}

/** encodingsOf returns the forms a secret is looked for in, without duplicates. */
export function encodingsOf(
  value: string
): { encoding: Encoding; text: string }[] {
  const bytes = Buffer.from(value, 'utf8')
  const forms: { encoding: Encoding; text: string }[] = [
    { encoding: 'raw', text: value },
    {
      encoding: 'base64',
      text: bytes.toString('base64').replace(/=+$/, '')
    },
    { encoding: 'base64url', text: bytes.toString('base64url') },
    { encoding: 'url-encoded', text: encodeURIComponent(value) },
    {
      encoding: 'form-encoded',
      text: new URLSearchParams({ x: value }).toString().slice(2)
    },
    { encoding: 'json-escaped', text: JSON.stringify(value).slice(1, -1) }
  ]
  const seen = new Set<string>()
  return forms.filter((f) => {
    if (seen.has(f.text)) return false
    seen.add(f.text)
    return true
  })
}

/** describeSecret names a secret without showing it. */
function describeSecret(i: number, value: string): string {
  const h = createHash('sha256').update(value).digest('hex').slice(0, 8)
  return `secret #${i} (${value.length} chars, sha256 ${h}…)`
}

/** createLeakScanner returns a scanner for `secrets`. */
export function createLeakScanner(secrets: readonly string[]): LeakScanner {
  const needles: Needle[] = []
  const unscanned: number[] = []
  secrets.forEach((value, i) => {
    if (value.length < MIN_SCANNED) {
      unscanned.push(i)
      return
    }
    for (const f of encodingsOf(value)) needles.push({ secret: i, ...f })
  })
  const found: Finding[] = []
  const scannedLabels: string[] = []

  function scan(label: string, text: string): void {
    scannedLabels.push(label)
    for (const n of needles) {
      for (let at = text.indexOf(n.text); at >= 0;) {
        found.push({
          where: label,
          secret: n.secret,
          encoding: n.encoding,
          offset: at
        })
        at = text.indexOf(n.text, at + 1)
      }
    }
  }

  function scanError(label: string, err: unknown): void {
    const seen = new Set<unknown>()
    let cur: unknown = err
    for (let depth = 0; depth < 8; depth++) {
      const where = depth === 0 ? label : `${label} (cause ${depth})`
      if (cur === undefined || cur === null) return
      if (typeof cur !== 'object') {
        scan(where, String(cur))
        return
      }
      if (seen.has(cur)) return
      seen.add(cur)
      const rec = cur as Record<string, unknown>
      const keys = new Set([
        ...Object.getOwnPropertyNames(cur),
        'message',
        'stack'
      ])
      for (const key of keys) {
        const v = rec[key]
        if (typeof v === 'string') scan(`${where} .${key}`, v)
        else if (v && typeof v === 'object' && key !== 'cause') {
          let json: string | undefined
          try {
            json = JSON.stringify(v)
          } catch {
            json = undefined
          }
          if (json) scan(`${where} .${key}`, json)
        }
      }
      cur = rec.cause
    }
  }

  function report(): string {
    const lines: string[] = []
    if (found.length === 0) {
      lines.push(
        `no secret found in ${scannedLabels.length} scanned text(s) (${secrets.length - unscanned.length} secret(s) scanned)`
      )
    } else {
      lines.push(`${found.length} leak(s) found:`)
      for (const f of found) {
        lines.push(
          `  ${describeSecret(f.secret, secrets[f.secret]!)} ${f.encoding} in ${f.where} at offset ${f.offset}`
        )
      }
    }
    for (const i of unscanned) {
      lines.push(
        `  not scanned: ${describeSecret(i, secrets[i]!)}: shorter than ${MIN_SCANNED} characters, too likely to match by chance`
      )
    }
    return lines.join('\n')
  }

  return {
    scan,
    scanFile(path) {
      scan(path, readFileSync(path, 'utf8'))
    },
    scanRequests(records) {
      for (const r of records) {
        const at = `request #${r.seq} ${r.method} ${r.path}`
        scan(`${at} (path)`, r.path)
        if (r.query) scan(`${at} (query)`, r.query)
        if (r.body !== undefined) scan(`${at} (body)`, r.body)
      }
    },
    scanError,
    findings: () => [...found],
    report,
    assertClean() {
      if (found.length > 0) throw new Error(`secret leak: ${report()}`)
    }
  }
}
