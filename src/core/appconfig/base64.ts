const ALPHABET =
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/**
 * base64Utf8 encodes the UTF-8 bytes of `text` as standard, padded base64
 * (Go's `base64.StdEncoding`), without Buffer so the core stays free of
 * Node APIs.
 *
 *   ""                  → ""
 *   "hello world\n"     → "aGVsbG8gd29ybGQK"
 *   "aGVsbG8gd29ybGQK"  → "YUdWc2JHOGdkMjl5YkdRSw=="
 *   "é"                 → "w6k="
 */
export function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text)
  let out = ''
  for (let k = 0; k < bytes.length; k += 3) {
    const a = bytes[k]!
    const b = bytes[k + 1]
    const c = bytes[k + 2]
    const triple = (a << 16) | ((b ?? 0) << 8) | (c ?? 0)
    out += ALPHABET[(triple >> 18) & 63]
    out += ALPHABET[(triple >> 12) & 63]
    out += b === undefined ? '=' : ALPHABET[(triple >> 6) & 63]
    out += c === undefined ? '=' : ALPHABET[triple & 63]
  }
  return out
}
