/**
 * suggestKey picks the known key a misspelt one most likely meant, or
 * `undefined` when nothing is close. Tried in order:
 *   1. the same key with `-`/`_` and case normalised;
 *   2. the same words in another order, singular or plural;
 *   3. the smallest edit distance (optimal string alignment), at most
 *      max(1, ⌊length/3⌋) edits.
 *
 *   "internal-port"       → "internal_port"   (rule 1)
 *   "auto_machine_start"  → "auto_start_machines" (rule 2)
 *   "auto_stop_machine"   → "auto_stop_machines"  (rule 2)
 *   "intrenal_port"       → "internal_port"   (rule 3, 1 edit: a transposition)
 *   "cpu"                 → "cpus"            (rule 3, 1 edit; among [[vm]] keys)
 *   "zebra"               → undefined
 */
export function suggestKey(
  key: string,
  candidates: readonly string[]
): string | undefined {
  const norm = (s: string): string => s.toLowerCase().replace(/-/g, '_')
  const k = norm(key)
  const exact = candidates.find((c) => norm(c) === k)
  if (exact !== undefined) return exact

  const words = (s: string): string =>
    norm(s)
      .split('_')
      .filter((w) => w !== '')
      .map((w) => (w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w))
      .sort()
      .join('_')
  const kw = words(key)
  const reordered = candidates.find((c) => words(c) === kw)
  if (reordered !== undefined) return reordered

  let best: string | undefined
  let bestDistance = Math.max(1, Math.floor(k.length / 3)) + 1
  for (const c of candidates) {
    const d = editDistance(k, norm(c))
    if (d < bestDistance) {
      best = c
      bestDistance = d
    }
  }
  return best
}

/**
 * editDistance is the optimal-string-alignment distance: insertions,
 * deletions, substitutions and adjacent transpositions each cost 1.
 *
 *   ("cpu", "cpus")        → 1
 *   ("intrenal", "internal") → 1 (transposition)
 *   ("kitten", "sitting")  → 3
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1
  const cols = b.length + 1
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0))
  )
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let v = Math.min(
        d[i - 1]![j]! + 1,
        d[i]![j - 1]! + 1,
        d[i - 1]![j - 1]! + cost
      )
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, d[i - 2]![j - 2]! + 1)
      }
      d[i]![j] = v
    }
  }
  return d[rows - 1]![cols - 1]!
}
