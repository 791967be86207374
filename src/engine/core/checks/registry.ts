// run_checks(): the system checks a project's `check`, `makemigrations` and `migrate` run,
// returned as Django's CheckMessage objects (each with the file and line it points at).

import type { Apps } from '../../apps/registry';
import { metaOf } from '../../db/models/fields/index';
import { CheckMessage } from './messages';
import { checkAllModels, lazyReferenceMessages, type SettingsLike } from './model_checks';
import { checkAdminDependencies, checkModelNameLengths, checkUserModel } from './contrib_checks';
import { checkAuthMiddleware, checkModelsPermissions } from '../../contrib/auth/checks';
import { pyStr } from '../../utils/py';
import { PyList, PyTuple } from '../../python/values';
import type { SettingsCheck } from './settings_check';
import { SECURITY_BASE_CHECKS } from './security/base';
import { SECURITY_CSRF_CHECKS } from './security/csrf';
import { SECURITY_SESSIONS_CHECKS } from './security/sessions';
import { ASYNC_CHECKS } from './async_checks';
import { CACHES_CHECKS } from './caches';
import { COMPATIBILITY_CHECKS } from './compatibility';
import { TRANSLATION_CHECKS } from './translation';

const SETTINGS_CHECKS: SettingsCheck[] = [
  ...SECURITY_BASE_CHECKS,
  ...SECURITY_CSRF_CHECKS,
  ...SECURITY_SESSIONS_CHECKS,
  ...ASYNC_CHECKS,
  ...CACHES_CHECKS,
  ...COMPATIBILITY_CHECKS,
  ...TRANSLATION_CHECKS,
];

export interface RunChecksOptions {
  /** Only these apps' models (manage.py check blog). */
  appLabels?: string[];
  /** Only checks with these tags ('models', ...). */
  tags?: string[];
  includeDeploymentChecks?: boolean;
  /** Database aliases whose checks run (migrate passes ['default']; check only with --database). */
  databases?: string[];
}

export const MODEL_TAGS = ['models'];

/** All check messages for the project, silenced ones included (see `isSilenced`). */
export function runChecks(apps: Apps, settings: SettingsLike, opts: RunChecksOptions = {}): CheckMessage[] {
  const out: CheckMessage[] = [];
  const wantModels = !opts.tags || opts.tags.includes('models');
  if (wantModels) {
    const models = opts.appLabels
      ? opts.appLabels.flatMap((l) => apps.getAppModels(l))
      : apps.getModels();
    out.push(...checkAllModels(apps, models, settings, !!opts.databases?.length));
    out.push(...lazyReferenceMessages(apps));
    out.push(...checkUserModel(apps, settings, opts.appLabels));
    out.push(...checkModelsPermissions(apps, opts.appLabels));
    out.push(...checkModelNameLengths(apps, opts.appLabels));
  }
  if (!opts.tags?.length && apps.isInstalled('django.contrib.auth')) out.push(...checkAuthMiddleware(settings));
  if (!opts.tags || opts.tags.includes('admin')) out.push(...checkAdminDependencies(apps, settings));
  for (const c of SETTINGS_CHECKS) {
    if (c.deploy && !opts.includeDeploymentChecks) continue;
    if (opts.tags && !c.tags.some((t) => opts.tags!.includes(t))) continue;
    out.push(...c.run(settings));
  }
  return out;
}

/** SILENCED_SYSTEM_CHECKS as a list of ids. */
export function silencedChecks(settings: SettingsLike): string[] {
  const v = settings.get('SILENCED_SYSTEM_CHECKS');
  return v instanceof PyList || v instanceof PyTuple ? v.items.map((x) => pyStr(x)) : [];
}

void metaOf;
