import { canonicalJson, normalizeConfig } from './normalize.js'
import { sha256Hex } from './sha256.js'
import type { MachineConfig, Release } from './types.js'

/**
 * makeRelease assembles R: the image pinned by digest and the config of
 * every process group. Its id hashes the normalized configs, so the same
 * image, fly.toml and flags always give the same id — which is how `resume`
 * knows it was given the same inputs (ROLLOUT-SEMANTICS §9.5). Metadata is
 * not part of the id: flyctl's bookkeeping keys are the machines' own.
 * With no group configs the release is "image only": every machine keeps its
 * config and changes image.
 */
export function makeRelease(input: {
  image: string
  digest: string
  groups?: Record<string, MachineConfig>
  releaseCommand?: MachineConfig
}): Release {
  const groups = input.groups ?? {}
  const id = sha256Hex(
    canonicalJson({
      image: input.image,
      groups: Object.fromEntries(
        Object.entries(groups).map(([g, c]) => [g, withoutMetadata(c)])
      ),
      releaseCommand: input.releaseCommand
        ? withoutMetadata(input.releaseCommand)
        : null
    })
  )
  return {
    image: input.image,
    digest: input.digest,
    groups,
    id,
    releaseCommand: input.releaseCommand
  }
}

function withoutMetadata(config: MachineConfig): MachineConfig {
  const { metadata: _m, ...rest } = normalizeConfig(config)
  return rest
}
