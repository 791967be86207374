// The deployment check on DJANGO_ALLOW_ASYNC_UNSAFE (async.E001).

import { truthy } from '../../python/protocol';
import { osEnviron } from '../../python/stdlib/small';
import { Error_ } from './messages';
import { settingsCheck, type SettingsCheck } from './settings_check';

export const ASYNC_CHECKS: SettingsCheck[] = [
  settingsCheck(['async_support'], true, () =>
    truthy(osEnviron.get('DJANGO_ALLOW_ASYNC_UNSAFE') ?? null)
      ? [
          Error_('You should not set the DJANGO_ALLOW_ASYNC_UNSAFE environment variable in deployment. This disables async safety protection.', {
            id: 'async.E001',
          }),
        ]
      : [],
  ),
];
