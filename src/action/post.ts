// The action's post step entry (post-if: always()): it only runs runPost.
import { runPost } from './post-step.js'

await runPost()
