import type { Ports } from './ports.js'

/**
 * destroyMachine destroys a machine (force: it may be running) and waits
 * until Fly reports it destroyed, so the fleet a rollout reports is the fleet
 * Fly has. A machine already gone (404 on the wait) counts as destroyed.
 */
export async function destroyMachine(
  ports: Ports,
  app: string,
  id: string,
  nonce?: string
): Promise<void> {
  await ports.machines.destroy(app, id, { force: true }, nonce)
  await ports.machines
    .waitFor(app, id, { states: ['destroyed'], timeoutS: 60 })
    .catch(() => undefined)
}
