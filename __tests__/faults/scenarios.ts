/**
 * The fault matrix as data: every scenario's fault and its expected end
 * state. Each row is run by exactly one test (`scenario(id, …)` in a
 * *.test.ts file of this directory), which fails unless it observes exactly
 * this outcome, machine summary and durable state; table.test.ts renders
 * the rows into docs/FAULTS.md and fails when a row has no test.
 *
 * - outcome: the engine's result (`promoted`, `rolled-back`, `held`, …), a
 *   refusal, an error, or a process's exit code and result.
 * - machines: `N/N new` (every machine exactly on the release's config and
 *   image, in its S₀ state), `N/N S₀` (every machine deep-equal to S₀).
 * - state: the rollout marks left on the machines: `cleared` (nothing in
 *   flight) or `resumable`.
 */
export interface Scenario {
  /** Where the fault strikes, for the table's grouping. */
  area: string
  fault: string
  outcome: string
  machines: string
  state: string
}

const api = (
  fault: string,
  outcome: string,
  machines: string,
  state = 'cleared'
): Scenario => ({ area: 'Machines API', fault, outcome, machines, state })

const health = (
  fault: string,
  outcome: string,
  machines: string,
  state = 'cleared'
): Scenario => ({ area: 'Health', fault, outcome, machines, state })

const contention = (
  fault: string,
  outcome: string,
  machines: string,
  state = 'cleared'
): Scenario => ({
  area: 'Leases, concurrency, rollback, release_command',
  fault,
  outcome,
  machines,
  state
})

const killed = (
  fault: string,
  outcome: string,
  machines: string,
  state = 'cleared'
): Scenario => ({
  area: 'CLI killed (SIGKILL)',
  fault,
  outcome,
  machines,
  state
})

const action = (
  fault: string,
  outcome: string,
  machines: string,
  state = 'cleared'
): Scenario => ({ area: 'Action cancelled', fault, outcome, machines, state })

export const SCENARIOS = {
  A01: api('429 burst (6) on list machines', 'promoted', '4/4 new'),
  A02: api('503 ×3 on list machines', 'promoted', '4/4 new'),
  A03: api('429 burst (4) on lease acquire', 'promoted', '4/4 new'),
  A04: api(
    "503 ×2 on a wave-2 machine's lease acquire (retried: a lease it took is ours)",
    'promoted',
    '4/4 new'
  ),
  A05: api('503 ×3 on lease release', 'promoted', '4/4 new'),
  A06: api('429 burst (4) on machine update', 'promoted', '4/4 new'),
  A07: api(
    '503 on machine update (read back, then sent again)',
    'promoted',
    '4/4 new'
  ),
  A08: api('connection reset on machine update', 'promoted', '4/4 new'),
  A09: api('/wait answers 408 six times', 'promoted', '4/4 new'),
  A10: api('503 ×2 and a connection reset on /wait', 'promoted', '4/4 new'),
  A11: api(
    'connection resets on list (×2) and lease release',
    'promoted',
    '4/4 new'
  ),
  A12: api('503 ×2 on the metadata write', 'promoted', '4/4 new'),
  A13: api('500 ×2 then 429 ×2 on platform regions', 'promoted', '4/4 new'),
  A14: api(
    '502 on list beyond the retry budget (before any change)',
    'error fly-api 502',
    '4/4 S₀'
  ),
  A15: api(
    "500 on every attempt of a wave-2 machine's /wait",
    'rolled-back',
    '4/4 S₀'
  ),
  A16: api(
    '503 on machine create (surge canary; may be applied: not retried)',
    'rolled-back',
    '2/2 S₀'
  ),
  A17: api(
    '429 burst (3) on machine create (surge canary)',
    'promoted',
    '2/2 new'
  ),
  A18: api(
    '503 ×2 on machine delete (retiring the surge canary)',
    'promoted',
    '2/2 new'
  ),
  A19: api('503 ×2 on secrets set, then the rollout', 'promoted', '4/4 new'),
  A20: api(
    '503 ×3 on /versions during a rollback from the marks',
    'rolled-back',
    '4/4 S₀'
  ),
  H01: health('image fails to boot (exits 3)', 'rolled-back', '4/4 S₀'),
  H02: health(
    'image fails to boot, restart policy no (it stays stopped)',
    'rolled-back',
    '4/4 S₀'
  ),
  H03: health(
    'crash loop 3 s after start (during the bake)',
    'rolled-back',
    '4/4 S₀'
  ),
  H04: health(
    "check flaps critical for 9 s across the bake's end (shorter than grace + 3 intervals)",
    'promoted',
    '4/4 new'
  ),
  H05: health(
    'check critical for good once verified (bake 10 s)',
    'rolled-back',
    '4/4 S₀'
  ),
  H06: health(
    'checks never appear (1 h grace period) within the machine deadline',
    'rolled-back',
    '4/4 S₀'
  ),
  H07: health(
    'probe errors above the threshold (35 % vs ≤ 20 %)',
    'rolled-back',
    '4/4 S₀'
  ),
  H08: health(
    'probe errors just below the threshold (12 % vs ≤ 20 %)',
    'promoted',
    '4/4 new'
  ),
  H09: health(
    'too few samples until max-bake (on-inconclusive: hold); then rollback',
    'held',
    '1 new, 3 S₀',
    'resumable'
  ),
  H10: health(
    'too few samples until max-bake (on-inconclusive: fail)',
    'rolled-back',
    '4/4 S₀'
  ),
  H11: health("a region's hosts refuse updates (lhr)", 'rolled-back', '4/4 S₀'),
  H12: health(
    'a region cut off from the edge during its bake (wave 2: lhr)',
    'rolled-back',
    '4/4 S₀'
  ),
  H13: health(
    "a wave-2 machine's host unreachable (update 503)",
    'rolled-back',
    '4/4 S₀'
  ),
  R01: contention(
    'the anchor machine leased by another process (409)',
    'refused',
    '4/4 S₀'
  ),
  R02: contention(
    'a wave-2 machine leased by another process (409 beyond the retries)',
    'rolled-back',
    '4/4 S₀'
  ),
  R03: contention(
    "a rollback step (the canary's restore) fails once, then succeeds",
    'rolled-back',
    '4/4 S₀'
  ),
  R04: contention(
    "the canary's host unreachable during the whole rollback; then `rollback`",
    'rollback-incomplete',
    '1 new, 3 S₀',
    'rolling back'
  ),
  R05: contention(
    'two rollouts (different images) started at once',
    'one promoted, one refused',
    '4/4 new'
  ),
  R06: contention('release_command exits 1', 'failed', '4/4 S₀'),
  R07: contention(
    'release_command never exits (machine deadline 30 s)',
    'failed',
    '4/4 S₀'
  ),
  R08: contention(
    'release_command succeeds; its exit read through /events 503 ×2',
    'promoted',
    '4/4 new'
  ),
  R09: contention(
    'another tool edits a wave-2 machine during the canary bake',
    'rolled-back',
    '3/3 S₀, 1 left as the other tool made it'
  ),
  K01: killed(
    'killed in plan (lock pending), then `resume`',
    'exit 1: nothing to resume',
    '4/4 S₀'
  ),
  K02: killed(
    'killed in update (canary updated, its /wait pending), then `resume`',
    'exit 0: promoted',
    '4/4 new'
  ),
  K03: killed(
    "killed in bake (wave 1's first look), then `resume`",
    'exit 0: promoted',
    '4/4 new'
  ),
  K04: killed(
    'killed in rollback (canary marked, its restore pending), then `resume`',
    'exit 2: rolled-back',
    '4/4 S₀'
  ),
  K05: killed(
    'killed in plan (lock pending), then `rollback`',
    'exit 1: nothing to roll back',
    '4/4 S₀'
  ),
  K06: killed(
    'killed in update (canary updated, its /wait pending), then `rollback`',
    'exit 2: rolled-back',
    '4/4 S₀'
  ),
  K07: killed(
    "killed in bake (wave 1's first look), then `rollback`",
    'exit 2: rolled-back',
    '4/4 S₀'
  ),
  K08: killed(
    'killed in rollback (canary marked, its restore pending), then `rollback`',
    'exit 2: rolled-back',
    '4/4 S₀'
  ),
  X01: action(
    'SIGINT mid-bake (on-cancel: rollback), then the post step',
    'post exit 0: rolled back',
    '4/4 S₀'
  ),
  X02: action(
    'SIGINT mid-bake (on-cancel: leave), then the post step',
    'post exit 0: left resumable',
    '1 new, 3 S₀',
    'resumable'
  )
} satisfies Record<string, Scenario>

export type ScenarioId = keyof typeof SCENARIOS
