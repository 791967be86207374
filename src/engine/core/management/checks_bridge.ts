// The system check framework as commands see it: MODELS' checks, formatted messages.

import type { CheckResult, CommandEnvironment } from './environment';

type Runner = (env: CommandEnvironment, opts: { appLabels?: string[]; tags?: string[]; deploy?: boolean; databases?: string[] }) => CheckResult[];

let runner: Runner | undefined;

/** The model layer registers its check runner here. */
export function setCheckRunner(r: Runner): void {
  runner = r;
}

export function runSystemChecks(env: CommandEnvironment, opts: { appLabels?: string[]; tags?: string[]; deploy?: boolean; databases?: string[] }): CheckResult[] {
  return runner ? runner(env, opts) : [];
}

type TagsProvider = (env: CommandEnvironment, deploy: boolean) => string[];

let tagsProvider: TagsProvider | undefined;

/** The check layer tells which tags its registered checks carry for the project. */
export function setCheckTagsProvider(p: TagsProvider): void {
  tagsProvider = p;
}

export function availableCheckTags(env: CommandEnvironment, deploy: boolean): string[] {
  return tagsProvider ? tagsProvider(env, deploy) : [];
}
