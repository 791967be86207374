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
