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
