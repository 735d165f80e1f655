import { errorMessage } from '../core/errors.js'
import { KEY } from '../core/metadata.js'
import type { MachineView } from '../core/types.js'
import type { Ports } from './ports.js'

/** PREVIEW_KEY is the metadata key a preview's machines carry from creation: `<repo>#<pr>`. */
export const PREVIEW_KEY = KEY.preview

/** PrState is what the code host says about a pull request. */
export type PrState = 'open' | 'closed' | 'unknown'

/** SweepInput says which org to sweep, how to recognise a preview and its PR, and when one expires. */
export interface SweepInput {
  org: string
  /** The PR number when `name` is a preview app's name, else undefined. */
  isPreview: (name: string) => number | undefined
  prState: (pr: number) => Promise<PrState>
  /** A preview whose oldest machine is older than this goes, whatever its PR says. */
  ttlMs?: number
  /** Unix ms. */
  now: number
  /** List what would go and delete nothing (default true). */
  dryRun?: boolean
  /** The repository previews are tagged with (`<tag>#<pr>`); any repository when undefined. */
  tag?: string
  /**
   * Runs before each deletion (detach a database, say); when it throws, the
   * app is kept and the failure reported.
   */
  beforeDelete?: (candidate: SweepCandidate) => Promise<void>
}

/** SweepCandidate is a preview app the sweep deletes (or would, in a dry run). */
export interface SweepCandidate {
  app: string
  pr: number
  reason: 'pr-closed' | 'expired'
  /** Age of its oldest machine, ms; undefined for an app without machines. */
  age?: number
}

/** SweepResult says what went (or would go), what stayed and why, and what failed. */
export interface SweepResult {
  candidates: SweepCandidate[]
  /** Apps deleted (empty in a dry run). */
  deleted: string[]
  /** Apps left alone, and why (previews only: other apps are not listed). */
  kept: { app: string; why: string }[]
  /** Deletions that failed: reported, never swallowed. */
  failed: { app: string; error: string }[]
}

/**
 * sweepPreviews deletes preview apps that outlived their pull request
 * (ROLLOUT-SEMANTICS §11, the scheduled sweeper):
 *
 * 1. List the org's apps; keep those whose name is a preview's.
 * 2. Read each one's machines: at least one must carry this PR's preview
 *    tag, and none another's (an app without machines is judged by name).
 * 3. It goes when its PR is closed, or when its oldest machine is older
 *    than the TTL.
 * 4. Unless a dry run, delete each candidate; a failure is reported.
 */
export async function sweepPreviews(
  ports: Pick<Ports, 'apps' | 'machines' | 'log'>,
  input: SweepInput
): Promise<SweepResult> {
  const dryRun = input.dryRun ?? true
  const result: SweepResult = {
    candidates: [],
    deleted: [],
    kept: [],
    failed: []
  }
  const states = new Map<number, Promise<PrState>>()
  const stateOf = (pr: number) => {
    let s = states.get(pr)
    if (!s) {
      s = input.prState(pr).catch((e: unknown) => {
        ports.log.warn(
          `could not read the state of PR #${pr}: ${errorMessage(e)}`
        )
        return 'unknown' as const
      })
      states.set(pr, s)
    }
    return s
  }

  // 1. Previews by name.
  const apps = (await ports.apps.list(input.org))
    .map((a) => a.name)
    .sort((a, b) => a.localeCompare(b))
  for (const app of apps) {
    const pr = input.isPreview(app)
    if (pr === undefined) continue

    // 2. Tagged at creation.
    let machines: MachineView[]
    try {
      machines = (await ports.machines.list(app)).filter(
        (m) => m.state !== 'destroyed' && m.state !== 'destroying'
      )
    } catch (e) {
      result.kept.push({
        app,
        why: `could not list its machines: ${errorMessage(e)}`
      })
      continue
    }
    const mismatch = previewTagProblem(machines, pr, input.tag)
    if (mismatch) {
      result.kept.push({ app, why: mismatch })
      continue
    }

    // 3. Closed or expired.
    const age = oldestAge(machines, input.now)
    const state = await stateOf(pr)
    if (state === 'closed') {
      result.candidates.push({ app, pr, reason: 'pr-closed', age })
    } else if (
      input.ttlMs !== undefined &&
      age !== undefined &&
      age > input.ttlMs
    ) {
      result.candidates.push({ app, pr, reason: 'expired', age })
    } else {
      result.kept.push({
        app,
        why:
          state === 'open'
            ? `PR #${pr} is open`
            : `the state of PR #${pr} is unknown`
      })
    }
  }

  // 4. Delete.
  if (dryRun) return result
  for (const c of result.candidates) {
    try {
      await input.beforeDelete?.(c)
      await ports.apps.destroy(c.app)
      result.deleted.push(c.app)
      ports.log.info(
        `deleted preview ${c.app} (PR #${c.pr} ${c.reason === 'pr-closed' ? 'is closed' : 'expired'})`
      )
    } catch (e) {
      result.failed.push({ app: c.app, error: errorMessage(e) })
      ports.log.warn(`could not delete preview ${c.app}: ${errorMessage(e)}`)
    }
  }
  return result
}

/**
 * previewTagProblem says why a preview-named app is not (provably) this
 * PR's preview, or undefined when it is. An app without machines is judged
 * by its name alone.
 */
export function previewTagProblem(
  machines: readonly MachineView[],
  pr: number,
  tag: string | undefined
): string | undefined {
  if (!machines.length) return undefined
  const tags = machines.map((m) => m.config.metadata?.[PREVIEW_KEY])
  const matches = (t: string) =>
    tag === undefined ? t.endsWith(`#${pr}`) : t === `${tag}#${pr}`
  const foreign = tags.filter(
    (t): t is string => t !== undefined && !matches(t)
  )
  if (foreign.length)
    return `its machines carry another preview tag (${[...new Set(foreign)].join(', ')}), not ${tag ?? '<repo>'}#${pr}`
  if (!tags.some((t) => t !== undefined))
    return `no machine carries the ${PREVIEW_KEY} tag: not made as a preview`
  return undefined
}

/** oldestAge is how long ago the oldest machine was created, ms; undefined when no machine says. */
function oldestAge(
  machines: readonly MachineView[],
  now: number
): number | undefined {
  const times = machines
    .map((m) => (m.createdAt ? Date.parse(m.createdAt) : NaN))
    .filter((t) => Number.isFinite(t))
  return times.length ? now - Math.min(...times) : undefined
}
