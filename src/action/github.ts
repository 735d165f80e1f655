import { getOctokit } from '@actions/github'
import type { GitHubClient } from '../adapters/github/client.js'
import { runLogUrl } from '../adapters/github/deployments.js'
import type { ActionIO } from '../adapters/runtime/actions-io.js'
import { InputError } from '../core/errors.js'
import type { ActionConfig } from './inputs.js'

/** GitHubSide is where previews report: the repository and a client for its REST API. */
export interface GitHubSide {
  /** undefined without a token: nothing is reported, the deploy goes on. */
  client?: GitHubClient
  owner: string
  repo: string
  /** `owner/repo`. */
  fullName: string
  /** The workflow run, for links. */
  logUrl?: string
}

/**
 * gitHubSide reads the repository from GITHUB_REPOSITORY and makes a client
 * from the `github-token` input (GITHUB_API_URL is its base, so GitHub
 * Enterprise works as is).
 */
export function gitHubSide(io: ActionIO, config: ActionConfig): GitHubSide {
  const fullName = io.env.GITHUB_REPOSITORY ?? ''
  const [owner, repo] = fullName.split('/')
  if (!owner || !repo)
    throw new InputError([
      'GITHUB_REPOSITORY is not set (owner/repo): previews and the sweep need it'
    ])
  if (!config.githubToken)
    io.warning(
      'github-token is empty: no PR comment, deployment or PR lookup (pass `github-token: ${{ github.token }}`)'
    )
  return {
    client: config.githubToken
      ? (getOctokit(config.githubToken, {
          baseUrl: io.env.GITHUB_API_URL || 'https://api.github.com'
        }) as unknown as GitHubClient)
      : undefined,
    owner,
    repo,
    fullName,
    logUrl: runLogUrl(io.env)
  }
}
