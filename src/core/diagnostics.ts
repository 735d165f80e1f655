/**
 * Diagnostic is one problem found in an input (fly.toml, rollout spec, action
 * inputs) or a plan. Problems are collected, never thrown one at a time, so a
 * user sees every one at once (Terraform's tfdiags).
 */
export interface Diagnostic {
  severity: 'error' | 'warning'
  /** Stable machine-readable code, e.g. `unknown-key`, `wrong-type`. */
  code: string
  /** One line, lowercase start, no trailing period. */
  summary: string
  /** What to do about it, e.g. the key Fly accepts instead. */
  detail?: string
  /** The file the problem is in (path as the user gave it). */
  file?: string
  /** 1-based line in `file`. */
  line?: number
  /** Dotted key path, e.g. `http_service.checks[0].interval`. */
  key?: string
}

/**
 * oneLine escapes control characters in a summary or detail, so user text
 * quoted in it (a key with a newline, an ANSI escape) keeps the message on
 * one line and cannot repaint a terminal:
 *
 *   'unknown key "a\nb"'     → 'unknown key "a\\nb"'
 *   'unknown key "\u001b[1m"' → 'unknown key "\\u001b[1m"'
 */
export function oneLine(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex -- control characters are what it escapes
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g,
    (c) =>
      ({ '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c] ??
      `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
  )
}

/** hasErrors says whether any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error')
}

/**
 * formatDiagnostic renders one diagnostic the way compilers do:
 * `fly.toml:12: error: unknown key "auto_machine_start" in [http_service] (did you mean "auto_start_machines"?)`.
 */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.file ? `${d.file}${d.line ? `:${d.line}` : ''}: ` : ''
  return `${where}${d.severity}: ${d.summary}${d.detail ? ` (${d.detail})` : ''}`
}
