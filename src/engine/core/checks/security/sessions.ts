// The deployment checks on the session cookie (security.W010-W015): one message for the app,
// one for the middleware, or a single general one when both apply.

import { Warning_, type CheckMessage } from '../messages';
import type { SettingsLike } from '../model_checks';
import { setting, settingsCheck, type SettingsCheck } from '../settings_check';
import { inSetting } from './base';

const secure = (m: string) =>
  `${m} Using a secure-only session cookie makes it more difficult for network traffic sniffers to hijack user sessions.`;
const httponly = (m: string) =>
  `${m} Using an HttpOnly session cookie makes it more difficult for cross-site scripting attacks to hijack user sessions.`;

const APP = "You have 'django.contrib.sessions' in your INSTALLED_APPS, but you have not set";
const MIDDLEWARE = "You have 'django.contrib.sessions.middleware.SessionMiddleware' in your MIDDLEWARE, but you have not set";

function cookieCheck(name: string, wrap: (m: string) => string, ids: [string, string, string]): (s: SettingsLike) => CheckMessage[] {
  return (s) => {
    if (setting(s, name) === true) return [];
    const out: CheckMessage[] = [];
    if (inSetting(s, 'INSTALLED_APPS', 'django.contrib.sessions')) out.push(Warning_(wrap(`${APP} ${name} to True.`), { id: ids[0] }));
    if (inSetting(s, 'MIDDLEWARE', 'django.contrib.sessions.middleware.SessionMiddleware'))
      out.push(Warning_(wrap(`${MIDDLEWARE} ${name} to True.`), { id: ids[1] }));
    return out.length > 1 ? [Warning_(wrap(`${name} is not set to True.`), { id: ids[2] })] : out;
  };
}

export const SECURITY_SESSIONS_CHECKS: SettingsCheck[] = [
  settingsCheck(['security'], true, cookieCheck('SESSION_COOKIE_SECURE', secure, ['security.W010', 'security.W011', 'security.W012'])),
  settingsCheck(['security'], true, cookieCheck('SESSION_COOKIE_HTTPONLY', httponly, ['security.W013', 'security.W014', 'security.W015'])),
];
