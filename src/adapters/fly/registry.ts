import { FlyApiError, InputError } from '../../core/errors.js'

/** DIGEST_REF matches a reference pinned by digest: `repo@sha256:<64 hex>`. */
const DIGEST_REF = /^(.+?)(?::[\w][\w.-]{0,127})?@(sha256:[a-f0-9]{64})$/

/**
 * resolveImageDigest pins an image reference to its digest, the only way a
 * rollout ever names an image (ROLLOUT-SEMANTICS §1: a moving tag could
 * change under a running rollout). A ref already pinned is returned as is;
 * a registry.fly.io tag is resolved with the registry's
 * `HEAD /v2/<repo>/manifests/<tag>` (auth `x:<token>`, as flyctl logs in).
 *
 *   registry.fly.io/demo:v2            → {image: 'registry.fly.io/demo@sha256:…', digest}
 *   registry.fly.io/demo@sha256:ab…    → unchanged
 *   nginx:1.27                         → error: pin it by digest
 */
export async function resolveImageDigest(
  ref: string,
  opts: { token: string; registryUrl?: string; fetch?: typeof fetch }
): Promise<{ image: string; digest: string }> {
  const pinned = DIGEST_REF.exec(ref.trim())
  if (pinned) return { image: `${pinned[1]}@${pinned[2]}`, digest: pinned[2]! }
  const m =
    /^registry\.fly\.io\/([a-z0-9._/-]+?)(?::([\w][\w.-]{0,127}))?$/.exec(
      ref.trim()
    )
  if (!m) {
    throw new InputError([
      `image ${ref} is not on registry.fly.io and not pinned by digest: give it as <image>@sha256:<digest> so the rollout cannot deploy a moving tag`
    ])
  }
  const [, repo, tag = 'latest'] = m
  const base = (opts.registryUrl ?? 'https://registry.fly.io').replace(
    /\/$/,
    ''
  )
  const path = `/v2/${repo}/manifests/${tag}`
  const res = await (opts.fetch ?? fetch)(`${base}${path}`, {
    method: 'HEAD',
    headers: {
      authorization: `Basic ${Buffer.from(`x:${opts.token}`).toString('base64')}`,
      accept: [
        'application/vnd.oci.image.index.v1+json',
        'application/vnd.oci.image.manifest.v1+json',
        'application/vnd.docker.distribution.manifest.list.v2+json',
        'application/vnd.docker.distribution.manifest.v2+json'
      ].join(', ')
    }
  })
  const digest = res.headers.get('docker-content-digest') ?? ''
  if (!res.ok || !/^sha256:[a-f0-9]{64}$/.test(digest)) {
    throw new FlyApiError(
      res.status,
      'HEAD',
      path,
      undefined,
      res.status === 404
        ? `image ${ref} was not found in the registry`
        : `could not resolve ${ref} to a digest (HTTP ${res.status})`
    )
  }
  return { image: `registry.fly.io/${repo}@${digest}`, digest }
}
