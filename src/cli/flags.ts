import { parseArgs } from 'node:util'
import { UsageError, type CliIO } from './io.js'

/** DEFAULT_API_URL is Fly's Machines API (API-NOTES §1). */
export const DEFAULT_API_URL = 'https://api.machines.dev'

/** CommonFlags are the options every engine command shares (issue #3 §6). */
export interface CommonFlags {
  app?: string
  image?: string
  /** fly.toml path. */
  config?: string
  /** The rollout spec: a file path or inline YAML. */
  rollout?: string
  apiUrl: string
  edgeUrl?: string
  registryUrl?: string
  json: boolean
  rolloutId?: string
  yes: boolean
  debug: boolean
  positionals: string[]
}

const OPTIONS = {
  app: { type: 'string', short: 'a' },
  image: { type: 'string', short: 'i' },
  config: { type: 'string', short: 'c' },
  rollout: { type: 'string', short: 'r' },
  'api-url': { type: 'string' },
  'edge-url': { type: 'string' },
  'registry-url': { type: 'string' },
  json: { type: 'boolean' },
  'rollout-id': { type: 'string' },
  yes: { type: 'boolean', short: 'y' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' }
} as const

export const COMMON_HELP = `Options:
  -a, --app <name>          the Fly app (default: fly.toml's app)
  -i, --image <ref>         the image to deploy; registry.fly.io tags are pinned to their digest
  -c, --config <fly.toml>   fly.toml to render machine configs from (default: image only, configs kept)
  -r, --rollout <spec>      rollout spec: a YAML file or inline YAML (waves, counts, probes)
      --api-url <url>       Machines API (default ${DEFAULT_API_URL}; env FLY_API_URL, FLY_FLAPS_BASE_URL)
      --edge-url <url>      where probes go (default https://<app>.fly.dev)
      --registry-url <url>  registry resolving tags to digests (default https://registry.fly.io)
      --rollout-id <id>     act on this rollout (rollback, resume)
      --json                print one JSON result object instead of progress
      --debug               print debug lines
  The API token comes from FLY_API_TOKEN only, never from a flag.
`

/** parseCommonFlags parses a command's argv; unknown options are a UsageError naming them. */
export function parseCommonFlags(
  argv: string[],
  io: CliIO,
  usage: string
): CommonFlags & { help: boolean } {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      options: OPTIONS,
      allowPositionals: true,
      strict: true
    })
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n\n${usage}`)
  }
  const v = parsed.values
  return {
    app: v.app,
    image: v.image,
    config: v.config,
    rollout: v.rollout,
    apiUrl: (
      v['api-url'] ??
      io.env.FLY_API_URL ??
      io.env.FLY_FLAPS_BASE_URL ??
      DEFAULT_API_URL
    ).replace(/\/+$/, ''),
    edgeUrl: v['edge-url'],
    registryUrl: v['registry-url'] ?? io.env.FLY_REGISTRY_URL,
    json: v.json ?? false,
    rolloutId: v['rollout-id'],
    yes: v.yes ?? false,
    debug: v.debug ?? false,
    help: v.help ?? false,
    positionals: parsed.positionals
  }
}

/** tokenFrom reads the API token from FLY_API_TOKEN (never argv: HOUSE-STYLE secrets rule). */
export function tokenFrom(io: CliIO): string {
  const token = io.env.FLY_API_TOKEN?.trim()
  if (!token) {
    throw new UsageError(
      'FLY_API_TOKEN is not set: create a deploy token with `fly tokens create deploy` and export it'
    )
  }
  return token
}
