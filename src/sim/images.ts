import { createHash } from 'node:crypto'
import { parseDurationInput } from './durations.js'
import type { WireImageRef } from './wire.js'

/**
 * ImageBehavior is what a machine running an image does. flysim images carry
 * behaviour instead of code: set through `POST {adminUrl}/images`, or by
 * `LABEL sim.*` lines in a Dockerfile built by the stand-in flyctl.
 */
export interface ImageBehavior {
  /** Time from a start (or an update's relaunch) to `started` and listening. */
  bootMs: number
  /** How HTTP checks and health paths answer; flaky fails with probability p. */
  health: { kind: 'ok' } | { kind: 'failing' } | { kind: 'flaky'; p: number }
  /** Response latency: a log-normal with this median and 99th percentile. */
  latency: { p50Ms: number; p99Ms: number }
  /** Share of application requests answered with a 500. */
  errorRate: number
  /** Exit right after boot, after a delay in `started`, or never. */
  crash: { kind: 'none' } | { kind: 'boot' } | { kind: 'after'; ms: number }
  /** Exit code of a crash. */
  exitCode: number
}

/** BehaviorInput is the admin API's (and Dockerfile labels') spelling of a behaviour. */
export interface BehaviorInput {
  boot?: string | number
  health?: string
  latency?: string | number
  errorRate?: number | string
  crash?: string
  exitCode?: number | string
}

/** SimImage is one manifest in flysim's registry. */
export interface SimImage {
  registry: string
  repository: string
  tag: string
  digest: string
  labels: Record<string, string>
  behavior: ImageBehavior
}

/** DEFAULT_BEHAVIOR is a healthy app; unknown refs behave like it. */
export const DEFAULT_BEHAVIOR: ImageBehavior = {
  bootMs: 1000,
  health: { kind: 'ok' },
  latency: { p50Ms: 0, p99Ms: 0 },
  errorRate: 0,
  crash: { kind: 'none' },
  exitCode: 1
}

/** InvalidBehaviorError names the field of a behaviour that is wrong. */
export class InvalidBehaviorError extends Error {}

/**
 * parseBehavior turns admin or label input into a behaviour, starting from
 * `base`. Throws InvalidBehaviorError naming the bad field.
 *
 *   {boot: "2s"}               → bootMs 2000
 *   {health: "flaky:0.2"}      → {kind: 'flaky', p: 0.2}
 *   {latency: "20ms"}          → p50 20, p99 40 [sim choice: p99 = 2 × p50]
 *   {latency: "20ms/200ms"}    → p50 20, p99 200
 *   {crash: "after:30s"}       → {kind: 'after', ms: 30000}
 */
export function parseBehavior(
  input: BehaviorInput,
  base: ImageBehavior = DEFAULT_BEHAVIOR
): ImageBehavior {
  const out: ImageBehavior = { ...base }
  const fail = (field: string, why: string): never => {
    throw new InvalidBehaviorError(`${field}: ${why}`)
  }
  const duration = (field: string, v: unknown): number => {
    try {
      return parseDurationInput(v, field)
    } catch (e) {
      return fail(field, (e as Error).message)
    }
  }
  if (input.boot !== undefined) out.bootMs = duration('boot', input.boot)
  if (input.health !== undefined) {
    const h = String(input.health)
    if (h === 'ok') out.health = { kind: 'ok' }
    else if (h === 'failing') out.health = { kind: 'failing' }
    else if (h.startsWith('flaky:')) {
      const p = Number(h.slice(6))
      if (!(p >= 0 && p <= 1))
        fail('health', `flaky probability must be in [0, 1], got "${h}"`)
      out.health = { kind: 'flaky', p }
    } else fail('health', `must be ok, failing or flaky:<p>, got "${h}"`)
  }
  if (input.latency !== undefined) {
    const [p50, p99] = String(input.latency).split('/')
    const p50Ms = duration(
      'latency',
      typeof input.latency === 'number' ? input.latency : p50
    )
    const p99Ms = p99 === undefined ? p50Ms * 2 : duration('latency', p99)
    if (p99Ms < p50Ms) fail('latency', 'p99 must not be below p50')
    out.latency = { p50Ms, p99Ms }
  }
  if (input.errorRate !== undefined) {
    const r = Number(input.errorRate)
    if (!(r >= 0 && r <= 1))
      fail(
        'errorRate',
        `must be in [0, 1], got ${JSON.stringify(input.errorRate)}`
      )
    out.errorRate = r
  }
  if (input.crash !== undefined) {
    const c = String(input.crash)
    if (c === 'none' || c === '') out.crash = { kind: 'none' }
    else if (c === 'boot') out.crash = { kind: 'boot' }
    else if (c.startsWith('after:'))
      out.crash = { kind: 'after', ms: duration('crash', c.slice(6)) }
    else fail('crash', `must be boot, after:<duration> or none, got "${c}"`)
  }
  if (input.exitCode !== undefined) {
    const code = Number(input.exitCode)
    if (!Number.isInteger(code) || code < 0 || code > 255)
      fail(
        'exitCode',
        `must be an integer 0-255, got ${JSON.stringify(input.exitCode)}`
      )
    out.exitCode = code
  }
  return out
}

/** behaviorFromLabels reads `sim.*` labels (`sim.boot`, `sim.error-rate`, ...). */
export function behaviorFromLabels(
  labels: Record<string, string>
): ImageBehavior {
  return parseBehavior({
    boot: labels['sim.boot'],
    health: labels['sim.health'],
    latency: labels['sim.latency'],
    errorRate: labels['sim.error-rate'],
    crash: labels['sim.crash'],
    exitCode: labels['sim.exit-code']
  })
}

/** ParsedRef is an image reference split the way a registry sees it. */
export interface ParsedRef {
  registry: string
  repository: string
  tag?: string
  digest?: string
}

/**
 * parseImageRef splits a Docker reference.
 *
 *   registry.fly.io/app:v2            → registry.fly.io, app, tag v2
 *   registry.fly.io/app@sha256:ab…    → registry.fly.io, app, digest
 *   nginx                             → registry-1.docker.io, library/nginx, tag latest
 *   flyio/fastify-functions           → registry-1.docker.io, flyio/fastify-functions, latest
 */
export function parseImageRef(ref: string): ParsedRef | undefined {
  const m =
    /^(?:([a-z0-9.-]+(?::\d+)?)\/)?([a-z0-9._/-]+?)(?::([\w][\w.-]{0,127}))?(?:@(sha256:[a-f0-9]{64}))?$/.exec(
      ref.trim()
    )
  if (!m) return undefined
  let registry: string | undefined = m[1]
  let repository = m[2]
  const tag = m[3]
  const digest = m[4]
  if (!repository) return undefined
  // A first component without a dot or port is a Docker Hub namespace.
  if (registry && !/[.:]/.test(registry) && registry !== 'localhost') {
    repository = `${registry}/${repository}`
    registry = undefined
  }
  if (!registry) {
    registry = 'registry-1.docker.io'
    if (!repository.includes('/')) repository = `library/${repository}`
  }
  return {
    registry,
    repository,
    tag: tag ?? (digest ? undefined : 'latest'),
    digest
  }
}

/**
 * createImageRegistry returns flysim's registry: manifests by tag and by
 * digest. A ref never pushed resolves to a healthy image whose digest is
 * derived from the ref, so the same ref always has the same digest.
 */
export function createImageRegistry() {
  const byDigest = new Map<string, SimImage>()
  const byTag = new Map<string, string>()
  const key = (registry: string, repository: string) =>
    `${registry}/${repository}`
  let pushes = 0

  return {
    /** push stores a manifest under a tag and returns its image (with digest). */
    push(
      ref: string,
      options: {
        labels?: Record<string, string>
        behavior?: ImageBehavior
      } = {}
    ): SimImage {
      const parsed = parseImageRef(ref)
      if (!parsed)
        throw new InvalidBehaviorError(
          `ref: "${ref}" is not an image reference`
        )
      const labels = options.labels ?? {}
      const behavior = options.behavior ?? behaviorFromLabels(labels)
      pushes++
      const digest =
        'sha256:' +
        createHash('sha256')
          .update(JSON.stringify({ ref, labels, behavior, pushes }))
          .digest('hex')
      const image: SimImage = {
        registry: parsed.registry,
        repository: parsed.repository,
        tag: parsed.tag ?? 'latest',
        digest,
        labels,
        behavior
      }
      byDigest.set(digest, image)
      byTag.set(
        `${key(parsed.registry, parsed.repository)}:${image.tag}`,
        digest
      )
      return image
    },

    /** lookup returns a pushed image for a ref, or undefined. */
    lookup(ref: string): SimImage | undefined {
      const parsed = parseImageRef(ref)
      if (!parsed) return undefined
      if (parsed.digest) return byDigest.get(parsed.digest)
      const digest = byTag.get(
        `${key(parsed.registry, parsed.repository)}:${parsed.tag}`
      )
      return digest ? byDigest.get(digest) : undefined
    },

    /** resolve returns the image a machine config's `image` runs; never undefined for a valid ref. */
    resolve(ref: string): SimImage | undefined {
      const found = this.lookup(ref)
      if (found) return found
      const parsed = parseImageRef(ref)
      if (!parsed) return undefined
      const digest =
        parsed.digest ??
        'sha256:' + createHash('sha256').update(ref).digest('hex')
      const tagKey = parsed.tag
        ? `${key(parsed.registry, parsed.repository)}:${parsed.tag}`
        : undefined
      const known = byDigest.get(digest)
      if (known) {
        if (tagKey) byTag.set(tagKey, digest)
        return known
      }
      const image: SimImage = {
        registry: parsed.registry,
        repository: parsed.repository,
        tag: parsed.tag ?? '',
        digest,
        labels: {},
        behavior: DEFAULT_BEHAVIOR
      }
      byDigest.set(digest, image)
      if (tagKey) byTag.set(tagKey, digest)
      return image
    },

    /** setBehavior changes the behaviour of a pushed or implicit image. */
    setBehavior(ref: string, behavior: ImageBehavior): SimImage {
      const image = this.resolve(ref)
      if (!image)
        throw new InvalidBehaviorError(
          `ref: "${ref}" is not an image reference`
        )
      image.behavior = behavior
      return image
    },

    list(): SimImage[] {
      return [...byDigest.values()]
    }
  }
}

export type ImageRegistry = ReturnType<typeof createImageRegistry>

/** imageRefOf renders the Machine's `image_ref` for an image. */
export function imageRefOf(image: SimImage): WireImageRef {
  return {
    registry: image.registry,
    repository: image.repository,
    tag: image.tag,
    digest: image.digest,
    labels: { ...image.labels }
  }
}
