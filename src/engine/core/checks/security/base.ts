// The deployment checks on middleware, HSTS, SSL redirect, SECRET_KEY, DEBUG, X_FRAME_OPTIONS,
// ALLOWED_HOSTS, Referrer-Policy and Cross-Origin-Opener-Policy (security.W001-W025, E023, E024).

import { attributeError, checkHashable, contains, iterate, truthy } from '../../../python/protocol';
import { PySet, type PyValue } from '../../../python/values';
import { Error_, Warning_, type CheckMessage } from '../messages';
import type { SettingsLike } from '../model_checks';
import { setting, settingsCheck, type SettingsCheck } from '../settings_check';

const COOP_VALUES = ['same-origin', 'same-origin-allow-popups', 'unsafe-none'];
const REFERRER_POLICY_VALUES = [
  'no-referrer',
  'no-referrer-when-downgrade',
  'origin',
  'origin-when-cross-origin',
  'same-origin',
  'strict-origin',
  'strict-origin-when-cross-origin',
  'unsafe-url',
];

const INSECURE_PREFIX = 'django-insecure-';
const MIN_LENGTH = 50;
const MIN_UNIQUE = 5;

const secretKeyMessage = (what: string) =>
  `Your ${what} has less than ${MIN_LENGTH} characters, less than ${MIN_UNIQUE} unique characters, or it's prefixed ` +
  `with '${INSECURE_PREFIX}' indicating that it was generated automatically by Django. Please generate a long and ` +
  `random value, otherwise many of Django's security-critical features will be vulnerable to attack.`;

const W001 = () =>
  Warning_(
    "You do not have 'django.middleware.security.SecurityMiddleware' in your MIDDLEWARE so the SECURE_HSTS_SECONDS, " +
      'SECURE_CONTENT_TYPE_NOSNIFF, SECURE_REFERRER_POLICY, SECURE_CROSS_ORIGIN_OPENER_POLICY, and SECURE_SSL_REDIRECT ' +
      'settings will have no effect.',
    { id: 'security.W001' },
  );
const W002 = () =>
  Warning_(
    "You do not have 'django.middleware.clickjacking.XFrameOptionsMiddleware' in your MIDDLEWARE, so your pages will " +
      "not be served with an 'x-frame-options' header. Unless there is a good reason for your site to be served in a " +
      'frame, you should consider enabling this header to help prevent clickjacking attacks.',
    { id: 'security.W002' },
  );
const W004 = () =>
  Warning_(
    'You have not set a value for the SECURE_HSTS_SECONDS setting. If your entire site is served only over SSL, you ' +
      'may want to consider setting a value and enabling HTTP Strict Transport Security. Be sure to read the ' +
      'documentation first; enabling HSTS carelessly can cause serious, irreversible problems.',
    { id: 'security.W004' },
  );
const W005 = () =>
  Warning_(
    'You have not set the SECURE_HSTS_INCLUDE_SUBDOMAINS setting to True. Without this, your site is potentially ' +
      'vulnerable to attack via an insecure connection to a subdomain. Only set this to True if you are certain that ' +
      'all subdomains of your domain should be served exclusively via SSL.',
    { id: 'security.W005' },
  );
const W006 = () =>
  Warning_(
    'Your SECURE_CONTENT_TYPE_NOSNIFF setting is not set to True, so your pages will not be served with an ' +
      "'X-Content-Type-Options: nosniff' header. You should consider enabling this header to prevent the browser " +
      'from identifying content types incorrectly.',
    { id: 'security.W006' },
  );
const W008 = () =>
  Warning_(
    'Your SECURE_SSL_REDIRECT setting is not set to True. Unless your site should be available over both SSL and ' +
      'non-SSL connections, you may want to either set this setting True or configure a load balancer or ' +
      'reverse-proxy server to redirect all connections to HTTPS.',
    { id: 'security.W008' },
  );
const W018 = () => Warning_('You should not have DEBUG set to True in deployment.', { id: 'security.W018' });
const W019 = () =>
  Warning_(
    "You have 'django.middleware.clickjacking.XFrameOptionsMiddleware' in your MIDDLEWARE, but X_FRAME_OPTIONS is " +
      "not set to 'DENY'. Unless there is a good reason for your site to serve other parts of itself in a frame, you " +
      "should change it to 'DENY'.",
    { id: 'security.W019' },
  );
const W020 = () => Warning_('ALLOWED_HOSTS must not be empty in deployment.', { id: 'security.W020' });
const W021 = () =>
  Warning_(
    'You have not set the SECURE_HSTS_PRELOAD setting to True. Without this, your site cannot be submitted to the ' +
      'browser preload list.',
    { id: 'security.W021' },
  );
const W022 = () =>
  Warning_(
    'You have not set the SECURE_REFERRER_POLICY setting. Without this, your site will not send a Referrer-Policy ' +
      'header. You should consider enabling this header to protect user privacy.',
    { id: 'security.W022' },
  );
const E023 = () =>
  Error_('You have set the SECURE_REFERRER_POLICY setting to an invalid value.', {
    hint: `Valid values are: ${[...REFERRER_POLICY_VALUES].sort().join(', ')}.`,
    id: 'security.E023',
  });
const E024 = () =>
  Error_('You have set the SECURE_CROSS_ORIGIN_OPENER_POLICY setting to an invalid value.', {
    hint: `Valid values are: ${[...COOP_VALUES].sort().join(', ')}.`,
    id: 'security.E024',
  });

/** `name in settings.MIDDLEWARE`, with Python's `in` (a string MIDDLEWARE matches substrings). */
export function inSetting(settings: SettingsLike, settingName: string, item: string): boolean {
  return contains(setting(settings, settingName), item);
}

const securityMiddleware = (s: SettingsLike) => inSetting(s, 'MIDDLEWARE', 'django.middleware.security.SecurityMiddleware');
const xframeMiddleware = (s: SettingsLike) => inSetting(s, 'MIDDLEWARE', 'django.middleware.clickjacking.XFrameOptionsMiddleware');
const isTrue = (s: SettingsLike, name: string) => setting(s, name) === true;

/** Long enough, varied enough and not Django's generated placeholder (evaluated in Python's order). */
export function secretKeyIsStrong(key: PyValue): boolean {
  const chars = typeof key === 'string' ? [...key] : [...iterate(key)];
  if (new Set(chars).size < MIN_UNIQUE) return false;
  if (chars.length < MIN_LENGTH) return false;
  if (typeof key !== 'string') throw attributeError(key, 'startswith');
  return !key.startsWith(INSECURE_PREFIX);
}

function checkSecretKey(s: SettingsLike): CheckMessage[] {
  const key = setting(s, 'SECRET_KEY');
  // django.conf refuses an empty SECRET_KEY; the check reads that as a failed check.
  const passed = truthy(key) && secretKeyIsStrong(key);
  return passed ? [] : [Warning_(secretKeyMessage('SECRET_KEY'), { id: 'security.W009' })];
}

function checkSecretKeyFallbacks(s: SettingsLike): CheckMessage[] {
  const out: CheckMessage[] = [];
  let index = 0;
  for (const key of iterate(setting(s, 'SECRET_KEY_FALLBACKS'))) {
    if (!secretKeyIsStrong(key)) out.push(Warning_(secretKeyMessage(`SECRET_KEY_FALLBACKS[${index}]`), { id: 'security.W025' }));
    index++;
  }
  return out;
}

/** SECURE_REFERRER_POLICY as a set of policies: a comma-separated string or an iterable. */
function referrerPolicies(value: PyValue): PyValue[] {
  if (typeof value === 'string') return value.split(',').map((v) => v.trim());
  const items = [...iterate(value)];
  items.forEach(checkHashable);
  return items;
}

function checkReferrerPolicy(s: SettingsLike): CheckMessage[] {
  if (!securityMiddleware(s)) return [];
  const value = setting(s, 'SECURE_REFERRER_POLICY');
  if (value === null) return [W022()];
  const valid = referrerPolicies(value).every((v) => typeof v === 'string' && REFERRER_POLICY_VALUES.includes(v));
  return valid ? [] : [E023()];
}

function checkCrossOriginOpenerPolicy(s: SettingsLike): CheckMessage[] {
  if (!securityMiddleware(s)) return [];
  const value = setting(s, 'SECURE_CROSS_ORIGIN_OPENER_POLICY');
  if (value === null) return [];
  return contains(new PySet(COOP_VALUES), value) ? [] : [E024()];
}

export const SECURITY_BASE_CHECKS: SettingsCheck[] = [
  settingsCheck(['security'], true, (s) => (securityMiddleware(s) ? [] : [W001()])),
  settingsCheck(['security'], true, (s) => (xframeMiddleware(s) ? [] : [W002()])),
  settingsCheck(['security'], true, (s) => (!securityMiddleware(s) || truthy(setting(s, 'SECURE_HSTS_SECONDS')) ? [] : [W004()])),
  settingsCheck(['security'], true, (s) =>
    !securityMiddleware(s) || !truthy(setting(s, 'SECURE_HSTS_SECONDS')) || isTrue(s, 'SECURE_HSTS_INCLUDE_SUBDOMAINS') ? [] : [W005()],
  ),
  settingsCheck(['security'], true, (s) =>
    !securityMiddleware(s) || !truthy(setting(s, 'SECURE_HSTS_SECONDS')) || isTrue(s, 'SECURE_HSTS_PRELOAD') ? [] : [W021()],
  ),
  settingsCheck(['security'], true, (s) => (!securityMiddleware(s) || isTrue(s, 'SECURE_CONTENT_TYPE_NOSNIFF') ? [] : [W006()])),
  settingsCheck(['security'], true, (s) => (!securityMiddleware(s) || isTrue(s, 'SECURE_SSL_REDIRECT') ? [] : [W008()])),
  settingsCheck(['security'], true, checkSecretKey),
  settingsCheck(['security'], true, checkSecretKeyFallbacks),
  settingsCheck(['security'], true, (s) => (truthy(setting(s, 'DEBUG')) ? [W018()] : [])),
  settingsCheck(['security'], true, (s) => (!xframeMiddleware(s) || setting(s, 'X_FRAME_OPTIONS') === 'DENY' ? [] : [W019()])),
  settingsCheck(['security'], true, (s) => (truthy(setting(s, 'ALLOWED_HOSTS')) ? [] : [W020()])),
  settingsCheck(['security'], true, checkReferrerPolicy),
  settingsCheck(['security'], true, checkCrossOriginOpenerPolicy),
];
