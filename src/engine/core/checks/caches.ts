// The checks on CACHES: a 'default' alias (caches.E001), file-based cache locations apart from
// the media and static folders (caches.W002, a deployment check) and absolute (caches.W003).

import { contains, getItem } from '../../python/protocol';
import { PyDict, PyList, PyTuple } from '../../python/values';
import { abspath, pathStr } from '../../python/stdlib/small';
import { iterItems, pyStr, truthy } from '../../utils/py';
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

/** Whether `ancestor` is one of the parent folders of `path` (both absolute and normalized). */
function isParentOf(ancestor: string, path: string): boolean {
  return path !== ancestor && path.startsWith(ancestor === '/' ? '/' : `${ancestor}/`);
}

function exposedFileCaches(s: SettingsLike): CheckMessage[] {
  const caches = setting(s, 'CACHES');
  if (!(caches instanceof PyDict)) return [];
  const out: CheckMessage[] = [];
  for (const name of ['MEDIA_ROOT', 'STATIC_ROOT', 'STATICFILES_DIRS']) {
    const value = setting(s, name);
    if (!truthy(value)) continue;
    const paths: string[] = [];
    if (name === 'STATICFILES_DIRS') {
      for (const entry of iterItems(value) ?? []) {
        const dir = entry instanceof PyTuple || entry instanceof PyList ? entry.items[1] : entry;
        paths.push(abspath(pathStr(dir)));
      }
    } else paths.push(abspath(pathStr(value)));
    for (const [alias, config] of caches.items()) {
      if (!(config instanceof PyDict) || config.get('BACKEND') !== FILE_BASED) continue;
      const cachePath = abspath(pathStr(getItem(config, 'LOCATION')));
      let relation: string;
      if (paths.some((p) => p === cachePath)) relation = 'matches';
      else if (paths.some((p) => isParentOf(p, cachePath))) relation = 'is inside';
      else if (paths.some((p) => isParentOf(cachePath, p))) relation = 'contains';
      else continue;
      out.push(
        Warning_(
          `Your '${pyStr(alias)}' cache configuration might expose your cache or lead to corruption of your data because its LOCATION ${relation} ${name}.`,
          { id: 'caches.W002' },
        ),
      );
    }
  }
  return out;
}

export const CACHES_CHECKS: SettingsCheck[] = [
  settingsCheck(['caches'], false, (s) =>
    contains(setting(s, 'CACHES'), 'default') ? [] : [Error_("You must define a 'default' cache in your CACHES setting.", { id: 'caches.E001' })],
  ),
  settingsCheck(['caches'], true, exposedFileCaches),
  settingsCheck(['caches'], false, relativeFileCaches),
];
