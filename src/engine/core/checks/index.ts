// Registers the model layer's system checks with the management commands (checks_bridge) and
// re-exports the check API: runChecks(apps, settings) -> CheckMessage[].

import { setCheckRunner, setCheckTagsProvider } from '../management/checks_bridge';
import type { CheckResult, CommandEnvironment } from '../management/environment';
import type { LoadedProject } from '../../apps/loader';
import { runChecks, silencedChecks } from './registry';
import type { CheckMessage } from './messages';
import { availableTags } from './tags';

export { runChecks, silencedChecks } from './registry';
export { availableTags } from './tags';
export { CheckMessage, DEBUG, INFO, WARNING, ERROR, CRITICAL } from './messages';

/** CheckMessage -> the commands' CheckResult (text as Django prints it, plus where it points). */
export function toCheckResult(m: CheckMessage, silenced: string[]): CheckResult & { file?: string; line?: number; id?: string | null } {
  const loc = m.location();
  return { level: m.level, text: m.toString(), silenced: m.isSilenced(silenced), file: loc?.file, line: loc?.line, id: m.id };
}

setCheckRunner((env: CommandEnvironment, opts) => {
  const withProject = env as CommandEnvironment & { project?: LoadedProject };
  if (!withProject.project) env.setup();
  const loaded = withProject.project;
  if (!loaded) return [];
  const silenced = silencedChecks(loaded.settings);
  const databases = (opts as { databases?: string[] }).databases;
  return runChecks(loaded.apps, loaded.settings, { appLabels: opts.appLabels, tags: opts.tags, includeDeploymentChecks: opts.deploy, databases }).map((m) =>
    toCheckResult(m, silenced),
  );
});

setCheckTagsProvider((env: CommandEnvironment, deploy: boolean) => {
  const withProject = env as CommandEnvironment & { project?: LoadedProject };
  if (!withProject.project) env.setup();
  const loaded = withProject.project;
  return loaded ? availableTags(loaded.apps, deploy) : [];
});
