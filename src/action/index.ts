// The action's entry point: it only runs main (HOUSE-STYLE: no side effects on import elsewhere).
import { run } from './main.js'

await run()
