// The deployment checks on CSRF protection (security.W003, W016).

import { truthy } from '../../../python/protocol';
import { Warning_ } from '../messages';
import type { SettingsLike } from '../model_checks';
import { setting, settingsCheck, type SettingsCheck } from '../settings_check';
import { inSetting } from './base';

const csrfMiddleware = (s: SettingsLike) => inSetting(s, 'MIDDLEWARE', 'django.middleware.csrf.CsrfViewMiddleware');

const W003 = () =>
  Warning_(
    "You don't appear to be using Django's built-in cross-site request forgery protection via the middleware " +
      "('django.middleware.csrf.CsrfViewMiddleware' is not in your MIDDLEWARE). Enabling the middleware is the " +
      "safest approach to ensure you don't leave any holes.",
    { id: 'security.W003' },
  );
const W016 = () =>
  Warning_(
    "You have 'django.middleware.csrf.CsrfViewMiddleware' in your MIDDLEWARE, but you have not set " +
      'CSRF_COOKIE_SECURE to True. Using a secure-only CSRF cookie makes it more difficult for network traffic ' +
      'sniffers to steal the CSRF token.',
    { id: 'security.W016' },
  );

export const SECURITY_CSRF_CHECKS: SettingsCheck[] = [
  settingsCheck(['security'], true, (s) => (csrfMiddleware(s) ? [] : [W003()])),
  settingsCheck(['security'], true, (s) =>
    truthy(setting(s, 'CSRF_USE_SESSIONS')) || !csrfMiddleware(s) || setting(s, 'CSRF_COOKIE_SECURE') === true ? [] : [W016()],
  ),
];
