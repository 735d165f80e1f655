import * as core from '@actions/core'
import { VERSION } from '../lib/version.js'

/**
 * run is the action's main step. Until the engine lands it only reports
 * what it would do; the inputs are placeholders (see action.yml).
 */
export async function run(): Promise<void> {
  try {
    const app = core.getInput('app')
    core.info(
      `fly-rollout ${VERSION}: the rollout engine has not landed yet; nothing was changed${app ? ` on ${app}` : ''}.`
    )
    core.setOutput('result', 'planned')
  } catch (e) {
    core.setFailed(
      `fly-rollout failed: ${e instanceof Error ? e.message : String(e)}`
    )
  }
}
