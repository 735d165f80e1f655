/**
 * StateKey names what the main step hands to the post step through
 * GITHUB_STATE (setup-node's State enum). The only enum in the codebase: the
 * Actions state API wants fixed strings.
 */
export enum StateKey {
  /** The rollout id while a rollout is in flight; cleared when it ends. */
  RolloutId = 'rollout-id',
  App = 'app',
  ApiUrl = 'api-url',
  OnCancel = 'on-cancel',
  /** `running` while the main step works on Fly; `done` once it reported. */
  Phase = 'phase'
}
