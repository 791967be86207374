// Checks that read only settings (security, async): each registered with its tags and whether
// it runs only under `check --deploy`, as Django's check registry keeps them.

import type { PyValue } from '../../python/values';
import type { CheckMessage } from './messages';
import type { SettingsLike } from './model_checks';

export interface SettingsCheck {
  readonly tags: readonly string[];
  /** Runs only with `check --deploy`. */
  readonly deploy: boolean;
  run(settings: SettingsLike): CheckMessage[];
}

/** A setting's value, Django's default when settings.py leaves it out. */
export function setting(settings: SettingsLike, name: string): PyValue {
  return settings.get(name) ?? null;
}

export function settingsCheck(tags: readonly string[], deploy: boolean, run: (s: SettingsLike) => CheckMessage[]): SettingsCheck {
  return { tags, deploy, run };
}
