/**
 * The `fly secrets import` stdin format, read exactly as flyctl reads it
 * (API-NOTES §14; flyctl `internal/command/secrets/parser.go`), quirks
 * included, so a product that writes secrets for flyctl is tested against
 * the real rules.
 */

/** SecretsParseError is a malformed line. It never quotes the line: it may hold a secret. */
export class SecretsParseError extends Error {}

/**
 * MAX_LINE is Go's bufio.Scanner token limit (64 KiB): flyctl's parser
 * fails on a longer line.
 */
export const MAX_LINE = 64 * 1024

/**
 * parseSecrets reads NAME=VALUE lines. Rules, in flyctl's order:
 *
 * - Lines split on `\n`; one trailing `\r` is dropped (bufio.ScanLines).
 * - A line starting with `#`, or holding only whitespace, is skipped.
 * - The name is before the first `=`, trimmed; the value after it loses
 *   leading spaces (spaces only, not tabs).
 * - If the value holds a `#` and the text before it has an even number of
 *   `"`, everything from that `#` is a comment and trailing spaces go too.
 *   This is true of an unquoted `#` as well: `A=x#y` gives `x`.
 * - `"""…"""` on one line (at least 6 characters) is taken verbatim.
 * - A value starting `"""` opens a multi-line value; lines are joined with
 *   `\n` until a line ending in `"""`, which closes it. Inside, lines are
 *   raw: no comment or quote handling.
 * - Otherwise one pair of surrounding `"` (or else `'`) is stripped. No
 *   escapes are interpreted.
 * - A later line for the same name wins. A multi-line value left open at
 *   the end is dropped.
 *
 *   FOO=BAR                     → FOO: "BAR"
 *   FOO = "BAR BAZ"  # note     → FOO: "BAR BAZ"
 *   URL=http://x/#frag          → URL: "http://x/"
 *   Q="a#b"                     → Q: "a#b"   (odd quotes before #: no comment)
 *   K="""line1                  → K: "line1\nline2"
 *   line2"""
 *   broken                      → SecretsParseError (line 1 is invalid)
 */
export function parseSecrets(text: string): Record<string, string> {
  const out = new Map<string, string>()
  let open: { key: string; value: string } | undefined
  const lines = scanLines(text)
  for (const [i, line] of lines.entries()) {
    if (Buffer.byteLength(line, 'utf8') >= MAX_LINE) {
      throw new SecretsParseError('bufio.Scanner: token too long')
    }
    if (open) {
      if (line.endsWith('"""')) {
        out.set(open.key, open.value + line.slice(0, -3))
        open = undefined
      } else {
        open.value += line + '\n'
      }
      continue
    }
    if (line.startsWith('#') || line.trim() === '') continue
    const eq = line.indexOf('=')
    if (eq < 0) {
      // flyctl quotes the whole line here; a stray line of a multi-line
      // secret would leak, so the stand-in names its number instead [sim choice].
      throw new SecretsParseError(
        `Secrets must be provided as NAME=VALUE pairs (line ${i + 1} is invalid)`
      )
    }
    const key = line.slice(0, eq).trim()
    let value = line.slice(eq + 1).replace(/^ +/, '')
    const hash = value.indexOf('#')
    if (hash >= 0) {
      const before = value.slice(0, hash)
      if (count(before, '"') % 2 === 0) value = before.replace(/ +$/, '')
    }
    if (value.startsWith('"""') && value.endsWith('"""') && value.length >= 6) {
      out.set(key, value.slice(3, -3))
    } else if (value.startsWith('"""')) {
      open = { key, value: value.slice(3) + '\n' }
    } else {
      if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
        value = value.slice(1, -1)
      } else if (
        value.length >= 2 &&
        value.startsWith("'") &&
        value.endsWith("'")
      ) {
        value = value.slice(1, -1)
      }
      out.set(key, value)
    }
  }
  // Object.fromEntries defines own properties, so a name like __proto__ is data.
  return Object.fromEntries(out)
}

/** scanLines splits like Go's bufio.ScanLines: no empty token after a final newline. */
function scanLines(text: string): string[] {
  if (text === '') return []
  const lines = text.split('\n')
  if (lines[lines.length - 1] === '') lines.pop()
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l))
}

function count(s: string, ch: string): number {
  let n = 0
  for (const c of s) if (c === ch) n++
  return n
}
