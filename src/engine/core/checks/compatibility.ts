// The Django 4.0 compatibility check: CSRF_TRUSTED_ORIGINS entries carry a scheme (4_0.E001).

import { contains, iterate } from '../../python/protocol';
import { pyStr } from '../../utils/py';
import { Error_ } from './messages';
import { setting, settingsCheck, type SettingsCheck } from './settings_check';

export const COMPATIBILITY_CHECKS: SettingsCheck[] = [
  settingsCheck(['compatibility'], false, (s) =>
    [...iterate(setting(s, 'CSRF_TRUSTED_ORIGINS'))]
      .filter((origin) => !contains(origin, '://'))
      .map((origin) =>
        Error_(
          'As of Django 4.0, the values in the CSRF_TRUSTED_ORIGINS setting must start with a scheme (usually http:// or ' +
            `https://) but found ${pyStr(origin)}. See the release notes for details.`,
          { id: '4_0.E001' },
        ),
      ),
  ),
];
