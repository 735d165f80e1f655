import { oneLine, type Diagnostic } from '../diagnostics.js'
import { formatKeyPath, type KeySegment } from './locate.js'

/**
 * Origin is where an AppConfig came from: the file name as the user gave it
 * and a way to find the line of any key path in it.
 */
export interface Origin {
  file: string
  line(path: readonly KeySegment[]): number | undefined
}

interface Place {
  origin: Origin
  path: KeySegment[]
}

// Each normalised object parseFlyToml builds remembers the key path it was
// read from, so validation and translation can point at the right line
// without AppConfig carrying positions itself. A WeakMap keeps AppConfig a
// plain value: hand-built configs simply have no place.
const places = new WeakMap<object, Place>()

/** remember records that `value` was read from `path` of `origin`, and returns it. */
export function remember<T extends object>(
  value: T,
  origin: Origin,
  path: readonly KeySegment[]
): T {
  places.set(value, { origin, path: [...path] })
  return value
}

/**
 * diagnose builds a diagnostic about key `sub` of `owner`. When `owner` came
 * from parseFlyToml the diagnostic carries the file, the line and the source
 * key path; otherwise the key is `fallback` + `sub` and there is no line.
 */
export function diagnose(
  owner: object,
  fallback: readonly KeySegment[],
  sub: readonly KeySegment[],
  severity: Diagnostic['severity'],
  code: string,
  summary: string,
  detail?: string
): Diagnostic {
  const place = places.get(owner)
  const path = [...(place?.path ?? fallback), ...sub]
  const d: Diagnostic = { severity, code, summary: oneLine(summary) }
  if (detail !== undefined) d.detail = oneLine(detail)
  if (place !== undefined) {
    d.file = place.origin.file
    const line = place.origin.line(path)
    if (line !== undefined) d.line = line
  }
  if (path.length > 0) d.key = formatKeyPath(path)
  return d
}
