import type { MachineConfig } from '../core/types.js'
import { destroyMachine } from './destroy.js'
import type { Ports } from './ports.js'

/**
 * runReleaseCommand runs fly.toml's `release_command` once, before any
 * machine changes (API-NOTES §13): a throwaway machine on the new image
 * (restart policy `no`, auto_destroy), waited out to `stopped` — or
 * `destroyed`, which auto_destroy reaches right after — and judged by its
 * exit event. Its side effects are permanent: rollback never undoes them.
 */
export async function runReleaseCommand(
  ports: Ports,
  app: string,
  config: MachineConfig,
  opts: { minSecretsVersion?: number; deadlineMs: number; region: string }
): Promise<{ ok: true } | { ok: false; reason: string }> {
  const body: MachineConfig = {
    ...structuredClone(config),
    restart: { policy: 'no' },
    auto_destroy: true,
    // Untagged: it is not part of the fleet a rollback restores.
    metadata: {
      ...(config.metadata ?? {}),
      fly_process_group: 'fly_app_release_command'
    }
  }
  const m = await ports.machines.create(app, {
    config: body,
    region: opts.region,
    minSecretsVersion: opts.minSecretsVersion
  })
  const deadline = ports.clock.now() + opts.deadlineMs
  for (;;) {
    const left = Math.ceil((deadline - ports.clock.now()) / 1000)
    if (left <= 0) {
      await destroyMachine(ports, app, m.id).catch(() => undefined)
      return {
        ok: false,
        reason: `it did not finish within ${opts.deadlineMs / 1000}s (machine ${m.id} destroyed)`
      }
    }
    const r = await ports.machines.waitFor(app, m.id, {
      states: ['stopped', 'destroyed', 'failed'],
      version: m.version,
      timeoutS: Math.min(60, left)
    })
    if (r.ok) break
  }
  const events = await ports.machines.events(app, m.id, 20)
  const exit = events.find((e) => e.type === 'exit')
  // Leave nothing behind, even when auto_destroy has not run yet.
  await destroyMachine(ports, app, m.id).catch(() => undefined)
  if (!exit)
    return {
      ok: false,
      reason: `machine ${m.id} stopped without an exit event`
    }
  if (exit.exitCode !== 0)
    return {
      ok: false,
      reason: `it exited with code ${exit.exitCode ?? 'unknown'} (machine ${m.id})`
    }
  return { ok: true }
}
