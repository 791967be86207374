// The checks on CACHES: a 'default' alias (caches.E001) and absolute file-based cache
// locations (caches.W003).

import { contains, getItem } from '../../python/protocol';
import { PyDict } from '../../python/values';
import { pathStr } from '../../python/stdlib/small';
import { pyStr } from '../../utils/py';
import { Error_, Warning_, type CheckMessage } from './messages';
import type { SettingsLike } from './model_checks';
import { setting, settingsCheck, type SettingsCheck } from './settings_check';

const FILE_BASED = 'django.core.cache.backends.filebased.FileBasedCache';

function relativeFileCaches(s: SettingsLike): CheckMessage[] {
  const caches = setting(s, 'CACHES');
  if (!(caches instanceof PyDict)) return [];
  const out: CheckMessage[] = [];
  for (const [alias, config] of caches.items()) {
    if (!(config instanceof PyDict) || config.get('BACKEND') !== FILE_BASED) continue;
    if (!pathStr(getItem(config, 'LOCATION')).startsWith('/'))
      out.push(Warning_(`Your '${pyStr(alias)}' cache LOCATION path is relative. Use an absolute path instead.`, { id: 'caches.W003' }));
  }
  return out;
}

export const CACHES_CHECKS: SettingsCheck[] = [
  settingsCheck(['caches'], false, (s) =>
    contains(setting(s, 'CACHES'), 'default') ? [] : [Error_("You must define a 'default' cache in your CACHES setting.", { id: 'caches.E001' })],
  ),
  settingsCheck(['caches'], false, relativeFileCaches),
];
