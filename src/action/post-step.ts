import { createFlyMachinesApi } from '../adapters/fly/machines-api.js'
import { createHttpProber } from '../adapters/probe/http-prober.js'
import { actionsIO, type ActionIO } from '../adapters/runtime/actions-io.js'
import { createNodeClock, newUlid } from '../adapters/runtime/node.js'
import { errorMessage } from '../core/errors.js'
import type { Ports } from '../orchestrator/ports.js'
import { rollbackRollout } from '../orchestrator/resume.js'
import { StateKey } from './state-keys.js'

/**
 * runPost is the post step (post-if: always()). When the main step was
 * cancelled or crashed mid-rollout, it rolls the rollout back (on-cancel:
 * rollback) or leaves it resumable (leave). Idempotent: rolling back an
 * already restored rollout changes nothing. Its own failures are warnings:
 * it never fails the job.
 */
export async function runPost(io: ActionIO = actionsIO()): Promise<void> {
  try {
    const phase = io.getState(StateKey.Phase)
    const rolloutId = io.getState(StateKey.RolloutId)
    if (!rolloutId || (phase !== 'running' && phase !== 'interrupted')) {
      io.debug('fly-rollout post: no rollout left in flight')
      return
    }
    const app = io.getState(StateKey.App)
    const apiUrl = io.getState(StateKey.ApiUrl) || 'https://api.machines.dev'
    const token = io.getInput('api-token') || io.env.FLY_API_TOKEN?.trim() || ''
    if (token) io.setSecret(token)
    if (io.getState(StateKey.OnCancel) === 'leave') {
      io.warning(
        `rollout ${rolloutId} on ${app} was interrupted and left as it is (on-cancel: leave): finish it with 'fly-rollout resume --app ${app}' or undo it with 'fly-rollout rollback --app ${app}'`
      )
      return
    }
    if (!token) {
      io.warning(
        `rollout ${rolloutId} on ${app} was interrupted, but no API token is available to roll it back: run 'fly-rollout rollback --app ${app}'`
      )
      return
    }
    io.info(`rollout ${rolloutId} on ${app} was interrupted: rolling it back`)
    const clock = createNodeClock()
    const log = {
      info: io.info,
      warn: (m: string) => io.warning(m),
      debug: io.debug
    }
    const api = createFlyMachinesApi({ baseUrl: apiUrl, token, logger: log })
    const prober = createHttpProber({ now: () => clock.now() })
    const ports: Ports = { ...api, prober, clock, log, newId: () => newUlid() }
    try {
      const r = await rollbackRollout(ports, {
        app,
        rolloutId,
        onRestored: (x) =>
          io.info(
            `${x.machineId}: ${x.status}${x.reason ? ` (${x.reason})` : ''}`
          )
      })
      if (!r)
        io.info('nothing to roll back: no machine carries the rollout’s marks')
      else if (r.report.complete)
        io.info(
          `rollout ${rolloutId} rolled back: every machine is back as it was`
        )
      else {
        io.warning(
          `rollout ${rolloutId}: rollback incomplete; retry with 'fly-rollout rollback --app ${app} --rollout-id ${rolloutId}'`
        )
      }
      io.saveState(StateKey.Phase, 'done')
    } finally {
      prober.close()
    }
  } catch (e) {
    io.warning(`fly-rollout post: ${errorMessage(e)}`)
  }
}
