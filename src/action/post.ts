// The action's post step (post-if: always()). Until the engine lands there is
// nothing to clean up; it must never fail the job.
import * as core from '@actions/core'

core.debug('fly-rollout post: nothing to clean up')
