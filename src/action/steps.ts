import { existsSync, readFileSync } from 'node:fs'
import { isAbsolute, join, resolve } from 'node:path'
import {
  createFlyMachinesApi,
  type FlyMachinesApi
} from '../adapters/fly/machines-api.js'
import { resolveImageDigest } from '../adapters/fly/registry.js'
import { createFlyctl, type Flyctl } from '../adapters/flyctl/flyctl.js'
import { installFlyctl } from '../adapters/flyctl/installer.js'
import { createHttpProber } from '../adapters/probe/http-prober.js'
import type { ActionIO } from '../adapters/runtime/actions-io.js'
import { createNodeClock, newUlid } from '../adapters/runtime/node.js'
import {
  parseFlyToml,
  toMachineConfigs,
  toReleaseCommandConfig,
  type AppConfig
} from '../core/appconfig/index.js'
import {
  formatDiagnostic,
  hasErrors,
  type Diagnostic
} from '../core/diagnostics.js'
import { InputError } from '../core/errors.js'
import { waveLabel } from '../core/plan.js'
import { makeRelease } from '../core/release.js'
import {
  annotationsFor,
  renderOutputs,
  renderSummaryMarkdown
} from '../core/report.js'
import type { SecretEntry } from '../core/secrets-input.js'
import { parseRolloutSpec, type RolloutSpec } from '../core/spec.js'
import type { MachineConfig, Release } from '../core/types.js'
import type { Ports } from '../orchestrator/ports.js'
import type {
  RolloutEvent,
  RolloutOutcome
} from '../orchestrator/run-rollout.js'
import { applySecrets, type SecretsResult } from '../orchestrator/secrets.js'
import { VERSION } from '../lib/version.js'
import type { ActionConfig } from './inputs.js'
import { StateKey } from './state-keys.js'

/**
 * The steps every mode is composed of (HOUSE-STYLE §8): each does one
 * thing, reports through the ActionIO, and throws InputError for what the
 * workflow must fix. Nothing here decides what a mode does.
 */

/** Workspace resolves paths the way the inputs mean them: relative to working-directory. */
export interface Workspace {
  cwd: string
  at(path: string): string
  /** A path as annotations show it: relative to GITHUB_WORKSPACE. */
  shown(path: string): string
}

export function workspace(io: ActionIO, config: ActionConfig): Workspace {
  const root = io.env.GITHUB_WORKSPACE ?? process.cwd()
  const cwd = resolve(root, config.workingDirectory)
  return {
    cwd,
    at: (p) => (isAbsolute(p) ? p : join(cwd, p)),
    shown: (p) => (p.startsWith(root + '/') ? p.slice(root.length + 1) : p)
  }
}

/** FlyctlTool is flyctl once installed (or on PATH already). */
export interface FlyctlTool {
  bin: string
  version?: string
}

/** setupFlyctl installs flyctl (pinned, checksum-verified, cached) when the run needs it or asks for it. */
export async function setupFlyctl(
  io: ActionIO,
  config: ActionConfig,
  needed: boolean
): Promise<FlyctlTool> {
  if (!needed && !config.installFlyctl) return { bin: 'flyctl' }
  const installed = await installFlyctl({
    version: config.flyctlVersion,
    releasesUrl: config.flyctlReleasesUrl,
    log: (m) => io.info(m)
  })
  io.addPath(installed.dir)
  io.setOutput('flyctl-version', installed.version)
  io.info(
    `flyctl ${installed.version} (checksum verified) is on PATH as flyctl and fly`
  )
  return { bin: installed.flyctlPath, version: installed.version }
}

/** Project is what the repository says: fly.toml (when there is one) and the rollout spec. */
export interface Project {
  app: string
  tomlPath?: string
  appConfig?: AppConfig
  spec: RolloutSpec
}

/**
 * loadProject reads fly.toml and the rollout spec. Every problem is
 * annotated at its file and line and thrown at once, before anything
 * changes on Fly; warnings are logged and the run goes on.
 */
export function loadProject(
  io: ActionIO,
  config: ActionConfig,
  ws: Workspace,
  opts: { app?: string } = {}
): Project {
  const diagnostics: Diagnostic[] = []
  if (config.config && !existsSync(ws.at(config.config))) {
    throw new InputError([
      `input config: ${config.config} does not exist (working-directory ${config.workingDirectory})`
    ])
  }
  const tomlPath = config.config
    ? ws.at(config.config)
    : existsSync(ws.at('fly.toml'))
      ? ws.at('fly.toml')
      : undefined
  let appConfig: AppConfig | undefined
  if (tomlPath) {
    const parsed = parseFlyToml(
      readFileSync(tomlPath, 'utf8'),
      ws.shown(tomlPath)
    )
    diagnostics.push(...parsed.diagnostics)
    appConfig = parsed.config
  }
  const specPath =
    config.rollout &&
    !config.rollout.includes('\n') &&
    existsSync(ws.at(config.rollout))
      ? ws.at(config.rollout)
      : undefined
  const specResult = parseRolloutSpec(
    specPath ? readFileSync(specPath, 'utf8') : config.rollout,
    specPath ? ws.shown(specPath) : 'input rollout'
  )
  diagnostics.push(...specResult.diagnostics)
  const app = opts.app ?? config.app ?? appConfig?.app
  if (!app)
    diagnostics.push({
      severity: 'error',
      code: 'input',
      summary: 'no app: set the app input or app = "…" in fly.toml'
    })
  annotate(io, diagnostics)
  if (hasErrors(diagnostics)) {
    throw new InputError(
      diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)
    )
  }
  return { app: app!, tomlPath, appConfig, spec: specResult.spec! }
}

/** annotate shows diagnostics as annotations on their file and line. */
export function annotate(io: ActionIO, diagnostics: readonly Diagnostic[]) {
  for (const a of annotationsFor(diagnostics)) {
    ;(a.level === 'error' ? io.error : io.warning)(a.message, {
      title: a.title,
      file: a.file,
      startLine: a.startLine
    })
  }
}

/** flyctlFor runs flyctl in the workspace; the token travels in the environment, never argv. */
export function flyctlFor(
  config: ActionConfig,
  ws: Workspace,
  tool: FlyctlTool
): Flyctl {
  const env: Record<string, string> = { FLY_API_TOKEN: config.token }
  if (config.apiUrl !== 'https://api.machines.dev')
    env.FLY_FLAPS_BASE_URL = config.apiUrl
  return createFlyctl({ bin: tool.bin, cwd: ws.cwd, env })
}

/** buildImage builds and pushes the image through flyctl (remote builder or local docker), in a log group. */
export async function buildImage(
  io: ActionIO,
  config: ActionConfig,
  ws: Workspace,
  project: Project,
  flyctl: Flyctl,
  opts: { noCache?: boolean } = {}
): Promise<string> {
  io.startGroup(`build (${config.build}${opts.noCache ? ', no cache' : ''})`)
  try {
    const built = await flyctl.buildAndPush({
      app: project.app,
      config: project.tomlPath,
      dockerfile: config.dockerfile ? ws.at(config.dockerfile) : undefined,
      imageLabel: config.imageLabel,
      buildArgs: config.buildArgs,
      mode: config.build === 'local' ? 'local' : 'remote',
      noCache: opts.noCache
    })
    return built.image
  } finally {
    io.endGroup()
  }
}

/**
 * releaseOf pins the image by digest and renders fly.toml's machine
 * configs into the release R. `labels` are metadata every machine carries.
 */
export async function releaseOf(
  io: ActionIO,
  config: ActionConfig,
  project: Project,
  imageRef: string,
  labels: Record<string, string> = {}
): Promise<Release> {
  const pinned = await pinImageRef(io, config, imageRef)
  const { groups, releaseCommand } = renderConfigs(
    project,
    pinned.image,
    labels
  )
  return makeRelease({
    image: pinned.image,
    digest: pinned.digest,
    groups,
    releaseCommand
  })
}

/** pinImageRef resolves a tag to its digest: what runs is exactly what was built. */
export async function pinImageRef(
  io: ActionIO,
  config: ActionConfig,
  imageRef: string
): Promise<{ image: string; digest: string }> {
  const pinned = await resolveImageDigest(imageRef, {
    token: config.token,
    registryUrl: config.registryUrl
  })
  io.info(`image ${pinned.image}`)
  return pinned
}

/** renderConfigs is fly.toml's machine config per process group (and the release command's), for an image. */
export function renderConfigs(
  project: Project,
  image: string,
  labels: Record<string, string> = {}
): {
  groups?: Record<string, MachineConfig>
  releaseCommand?: MachineConfig
} {
  if (!project.appConfig) return {}
  const opts = {
    image,
    releaseId: 'fly-rollout',
    releaseVersion: '0',
    flyctlVersion: `fly-rollout ${VERSION}`
  }
  const groups = toMachineConfigs(project.appConfig, opts).groups as Record<
    string,
    MachineConfig
  >
  for (const g of Object.values(groups))
    g.metadata = { ...g.metadata, ...labels }
  const releaseCommand = project.appConfig.deploy?.release_command
    ? (toReleaseCommandConfig(project.appConfig, opts).config as
        MachineConfig | undefined)
    : undefined
  return { groups, releaseCommand }
}

/** Connection is the Machines API and a prober, wired as the engine's ports. */
export interface Connection {
  ports: Ports
  api: FlyMachinesApi
  close(): void
}

/** connect wires the engine's ports to the Machines API and the edge. */
export function connect(
  io: ActionIO,
  config: ActionConfig,
  spec?: RolloutSpec
): Connection {
  const clock = createNodeClock()
  const log = {
    info: io.info,
    warn: (m: string) => io.warning(m),
    debug: io.debug
  }
  const api = createFlyMachinesApi({
    baseUrl: config.apiUrl,
    token: config.token,
    logger: log
  })
  const prober = createHttpProber({
    edgeUrl: config.edgeUrl,
    now: () => clock.now(),
    identity: spec?.identity === false ? false : spec?.identity
  })
  const ports: Ports = {
    ...api,
    prober,
    clock,
    log,
    newId: () => newUlid(clock.now())
  }
  return { ports, api, close: () => prober.close() }
}

/** stageSecrets sets new and changed secrets (staged: they reach machines through the waves). */
export async function stageSecrets(
  io: ActionIO,
  config: ActionConfig,
  ports: Ports,
  app: string,
  entries: readonly SecretEntry[]
): Promise<SecretsResult | undefined> {
  if (!entries.length || config.dryRun) return undefined
  const r = await applySecrets(ports, app, [...entries], {
    mask: (v) => io.setSecret(v)
  })
  io.info(
    `secrets: ${r.set.length} set (${r.set.join(', ') || 'none'}), ${r.unchanged.length} unchanged`
  )
  return r
}

/** RolloutControl is what the engine gets from the runner: cancellation, and where its events go. */
export interface RolloutControl {
  signal: AbortSignal
  onEvent: (e: RolloutEvent) => void
  readonly onCancel: 'rollback' | 'leave'
}

/**
 * controlled adds the control to an engine input. `onCancel` stays a getter:
 * the engine reads it when the abort comes, after a signal handler set it.
 */
export function controlled<T extends object>(
  input: T,
  control: RolloutControl
): T & RolloutControl {
  return Object.defineProperties(
    { ...input, signal: control.signal, onEvent: control.onEvent },
    { onCancel: { get: () => control.onCancel, enumerable: true } }
  ) as T & RolloutControl
}

/**
 * underWatch runs a rollout the way the runner expects: the post step
 * learns its id, SIGINT/SIGTERM leave a resumable state fast (the post
 * step rolls back or leaves it), `timeout` aborts it, and each wave's log
 * is a group.
 */
export async function underWatch(
  io: ActionIO,
  config: ActionConfig,
  app: string,
  run: (control: RolloutControl) => Promise<RolloutOutcome>
): Promise<RolloutOutcome> {
  const abort = new AbortController()
  let onCancel: 'rollback' | 'leave' = 'rollback'
  const stop = (signal: string) => () => {
    onCancel = 'leave'
    io.warning(
      `received ${signal}: stopping; the post step will ${config.onCancel === 'rollback' ? 'roll the rollout back' : 'leave it resumable'}`
    )
    abort.abort(new Error(`cancelled (${signal})`))
  }
  const onInt = stop('SIGINT')
  const onTerm = stop('SIGTERM')
  process.once('SIGINT', onInt)
  process.once('SIGTERM', onTerm)
  const timer = config.timeoutMs
    ? setTimeout(
        () => abort.abort(new Error(`timed out after ${config.timeoutMs} ms`)),
        config.timeoutMs
      )
    : undefined
  io.saveState(StateKey.App, app)
  io.saveState(StateKey.ApiUrl, config.apiUrl)
  io.saveState(StateKey.OnCancel, config.onCancel)
  let open = false
  const group = (name?: string) => {
    if (open) io.endGroup()
    open = name !== undefined
    if (name !== undefined) io.startGroup(name)
  }
  try {
    const outcome = await run({
      signal: abort.signal,
      get onCancel() {
        return onCancel
      },
      onEvent: (e) => logEvent(io, config, e, group)
    })
    // An interrupted run stays "running" for the post step; anything else is settled.
    io.saveState(
      StateKey.Phase,
      outcome.result === 'interrupted' ? 'interrupted' : 'done'
    )
    return outcome
  } finally {
    group()
    if (timer) clearTimeout(timer)
    process.off('SIGINT', onInt)
    process.off('SIGTERM', onTerm)
  }
}

/** The last look shown, per step (its wave and verdict). */
const lastLook = new WeakMap<ActionIO, string>()

function logEvent(
  io: ActionIO,
  config: ActionConfig,
  e: RolloutEvent,
  group: (name?: string) => void
): void {
  if (e.type === 'planned') {
    io.saveState(StateKey.RolloutId, e.plan.id)
    io.saveState(StateKey.Phase, config.dryRun ? 'done' : 'running')
  } else if (e.type === 'wave-started') {
    group(
      `${waveLabel(e.wave)}: ${e.wave.regions.map((r) => r.region).join(', ')}`
    )
  } else if (e.type === 'step' && e.result) {
    io.info(
      e.result.ok
        ? `${e.step.action === '~' ? 'updated' : 'created'} ${e.result.machineId} (${e.step.region})`
        : `${e.result.machineId} (${e.step.region}) failed: ${e.result.reason}`
    )
  } else if (e.type === 'look') {
    // One line per look would flood a long bake's log: a pass repeating the
    // last verdict goes to the debug log; a change or a reason is shown.
    const f = e.look.figures[0]
    const line = `look: ${e.look.verdict}${f ? ` · ${f.path} ${f.canary.errors}/${f.canary.n} errors` : ''}${e.look.reasons.length ? ` — ${e.look.reasons.join('; ')}` : ''}`
    const key = `${e.wave.index}:${e.look.verdict}`
    if (lastLook.get(io) === key && !e.look.reasons.length) io.debug(line)
    else io.info(line)
    lastLook.set(io, key)
  } else if (e.type === 'wave-done') {
    io.info(`${waveLabel(e.wave)}: ${e.status}`)
    group()
  } else if (e.type === 'rollback-started') {
    group(`rollback: ${e.reason}`)
  } else if (e.type === 'restored') {
    io.info(
      `${e.result.machineId}: ${e.result.status}${e.result.reason ? ` (${e.result.reason})` : ''}`
    )
  }
}

/** succeeded: the outcomes that leave the step green. */
export function succeeded(outcome: RolloutOutcome): boolean {
  return ['promoted', 'planned', 'nothing-to-do'].includes(outcome.result)
}

/**
 * report sets the rollout's outputs, annotations and job summary, and fails
 * the step unless the rollout succeeded. `extra` is markdown appended to
 * the summary (a mode's own section).
 */
export async function report(
  io: ActionIO,
  outcome: RolloutOutcome,
  opts: {
    url: string
    flyctlVersion?: string
    secrets?: SecretsResult
    extra?: string
  }
): Promise<boolean> {
  for (const [k, v] of Object.entries(renderOutputs(outcome)))
    io.setOutput(k, v)
  io.setOutput('url', opts.url)
  annotate(io, outcome.diagnostics)
  await io.summary(
    renderSummaryMarkdown(outcome, {
      url: opts.url,
      flyctlVersion: opts.flyctlVersion,
      secrets: opts.secrets && {
        set: opts.secrets.set,
        unchanged: opts.secrets.unchanged
      }
    }) + (opts.extra ? `\n${opts.extra}` : '')
  )
  const ok = succeeded(outcome)
  if (!ok)
    io.setFailed(
      `fly-rollout: ${outcome.result}${outcome.reason ? ` — ${outcome.reason}` : ''}`
    )
  return ok
}
