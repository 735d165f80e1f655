// The fly-rollout CLI entry: it only runs the command line (see main.ts).
import { runCli } from './main.js'

process.exitCode = await runCli(process.argv.slice(2))
