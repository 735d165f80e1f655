import * as core from '@actions/core'

/** Where an annotation points (a workflow file, fly.toml, the rollout spec). */
export interface AnnotationProps {
  title?: string
  file?: string
  startLine?: number
}

/**
 * ActionIO is everything the Action touches of the runner, so main and post
 * run in tests without module mocks (HOUSE-STYLE §8): inputs, outputs, state,
 * masking, logs, annotations, the job summary and PATH.
 */
export interface ActionIO {
  getInput(name: string): string
  setOutput(name: string, value: string): void
  setSecret(value: string): void
  saveState(key: string, value: string): void
  getState(key: string): string
  info(message: string): void
  debug(message: string): void
  notice(message: string, props?: AnnotationProps): void
  warning(message: string, props?: AnnotationProps): void
  error(message: string, props?: AnnotationProps): void
  startGroup(name: string): void
  endGroup(): void
  /** Appends markdown to the job summary (GITHUB_STEP_SUMMARY). */
  summary(markdown: string): Promise<void>
  setFailed(message: string): void
  addPath(dir: string): void
  env: Record<string, string | undefined>
}

/** actionsIO is the runner's ActionIO, backed by @actions/core. */
export function actionsIO(): ActionIO {
  return {
    getInput: (name) => core.getInput(name),
    setOutput: (name, value) => core.setOutput(name, value),
    setSecret: (value) => core.setSecret(value),
    saveState: (key, value) => core.saveState(key, value),
    getState: (key) => core.getState(key),
    info: (m) => core.info(m),
    debug: (m) => core.debug(m),
    notice: (m, p) => core.notice(m, p),
    warning: (m, p) => core.warning(m, p),
    error: (m, p) => core.error(m, p),
    startGroup: (name) => core.startGroup(name),
    endGroup: () => core.endGroup(),
    async summary(markdown) {
      if (!process.env.GITHUB_STEP_SUMMARY) return
      await core.summary.addRaw(markdown, true).write()
    },
    setFailed: (m) => core.setFailed(m),
    addPath: (dir) => core.addPath(dir),
    env: process.env
  }
}
