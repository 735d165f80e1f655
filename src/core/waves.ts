/**
 * batchSizes splits a pool's started machines (one region, one process group)
 * into update batches. The first batch is always 1: one machine proves the
 * release before others follow (flyctl's spearhead). No batch ever takes the
 * last started machine of a pool while another is still to go: at most
 * started − 1 machines of a pool are unavailable at once (the last batch is a
 * lone machine when it would otherwise take the pool down).
 *
 *   started=1  maxUnavailable=1 → [1]
 *   started=2  maxUnavailable=5 → [1, 1]
 *   started=4  maxUnavailable=1 → [1, 1, 1, 1]
 *   started=5  maxUnavailable=2 → [1, 2, 2]
 *   started=10 maxUnavailable=4 → [1, 4, 4, 1]
 */
export function batchSizes(started: number, maxUnavailable: number): number[] {
  if (started <= 0) return []
  const cap = Math.max(1, Math.min(Math.floor(maxUnavailable), started - 1))
  const out = [1]
  let left = started - 1
  while (left > 0) {
    const n = Math.min(cap, left)
    out.push(n)
    left -= n
  }
  return out
}

/**
 * takeCount says how many of a pool's remaining machines a wave takes.
 *
 *   remaining=4 machines=1          → 1
 *   remaining=4 machines=9          → 4
 *   remaining=4 fraction=0.5        → 2
 *   remaining=5 fraction=0.5        → 3 (rounded up)
 *   remaining=4 (neither)           → 4
 *   remaining=0 fraction=0.5        → 0
 */
export function takeCount(
  remaining: number,
  opts: { machines?: number; fraction?: number }
): number {
  if (remaining <= 0) return 0
  if (opts.machines !== undefined) return Math.min(remaining, opts.machines)
  if (opts.fraction !== undefined) {
    return Math.min(
      remaining,
      Math.max(1, Math.ceil(remaining * opts.fraction))
    )
  }
  return remaining
}
