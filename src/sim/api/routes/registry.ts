import { InvalidBehaviorError } from '../../images.js'
import { ApiError } from '../errors.js'
import { route, type Ctx, type Route } from '../router.js'

/**
 * A subset of the Docker Registry HTTP API v2, which registry.fly.io speaks:
 * enough for the stand-in flyctl to push an image (its labels carry the
 * behaviour) and for anyone to resolve a tag to a digest. flysim serves it on
 * the API listener [sim choice]: the stand-in flyctl only knows
 * FLY_FLAPS_BASE_URL.
 */
const REGISTRY = 'registry.fly.io'

function registryError(
  status: number,
  code: string,
  message: string
): ApiError {
  return new ApiError(status, message, undefined, {
    errors: [{ code, message }]
  })
}

function ping() {
  return {
    status: 200,
    body: {},
    headers: { 'docker-distribution-api-version': 'registry/2.0' }
  }
}

function manifestOf(ctx: Ctx) {
  const ref = ctx.params.reference!
  const name = ctx.params.name!
  const image = ctx.sim.world.images.lookup(
    ref.startsWith('sha256:')
      ? `${REGISTRY}/${name}@${ref}`
      : `${REGISTRY}/${name}:${ref}`
  )
  if (!image)
    throw registryError(
      404,
      'MANIFEST_UNKNOWN',
      `manifest unknown: ${name}:${ref}`
    )
  return {
    status: 200,
    headers: {
      'docker-content-digest': image.digest,
      'docker-distribution-api-version': 'registry/2.0'
    },
    body: {
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      annotations: { ...image.labels }
    }
  }
}

function putManifest(ctx: Ctx) {
  const name = ctx.params.name!
  const tag = ctx.params.reference!
  if (!/^[\w][\w.-]{0,127}$/.test(tag)) {
    throw registryError(400, 'TAG_INVALID', `invalid tag "${tag}"`)
  }
  const body = (ctx.body ?? {}) as { annotations?: unknown; labels?: unknown }
  const labels = (body.labels ?? body.annotations ?? {}) as Record<
    string,
    unknown
  >
  if (typeof labels !== 'object' || Array.isArray(labels)) {
    throw registryError(
      400,
      'MANIFEST_INVALID',
      'labels must be an object of strings'
    )
  }
  const clean: Record<string, string> = {}
  for (const [k, v] of Object.entries(labels)) clean[k] = String(v)
  try {
    const image = ctx.sim.world.images.push(`${REGISTRY}/${name}:${tag}`, {
      labels: clean
    })
    return {
      status: 201,
      headers: {
        'docker-content-digest': image.digest,
        location: `/v2/${name}/manifests/${image.digest}`
      }
    }
  } catch (e) {
    if (e instanceof InvalidBehaviorError) {
      throw registryError(
        400,
        'MANIFEST_INVALID',
        `invalid sim label ${e.message}`
      )
    }
    throw e
  }
}

export const registryRoutes: Route[] = [
  route('GET', '/v2/', 'Registry_ping', ping),
  route(
    'GET',
    '/v2/{name}/manifests/{reference}',
    'Registry_get_manifest',
    manifestOf
  ),
  route(
    'HEAD',
    '/v2/{name}/manifests/{reference}',
    'Registry_head_manifest',
    manifestOf
  ),
  route(
    'PUT',
    '/v2/{name}/manifests/{reference}',
    'Registry_put_manifest',
    putManifest
  )
]
