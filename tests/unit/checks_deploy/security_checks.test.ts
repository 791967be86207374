// The deployment checks one by one, on settings built in the test: what each one reads and
// when it speaks (the output text itself is compared with Django in deploy_output.test.ts).

import { afterEach, describe, expect, it } from 'vitest';
import { PyList, PyTuple, type PyValue } from '../../../src/engine/python/values';
import { runChecks } from '../../../src/engine/core/checks/index';
import { secretKeyIsStrong } from '../../../src/engine/core/checks/security/base';
import { osEnviron } from '../../../src/engine/python/stdlib/small';
import { Apps } from '../../../src/engine/apps/registry';
import { Settings } from '../../../src/engine/conf/settings';

const STRONG = 'q8Zr2vLk0pXw7sYt4nBm1cJh6gFd3eRa9uIo5yTl2kPz8xWv0bNm';

function settings(values: Record<string, PyValue>) {
  const defaults: Record<string, PyValue> = {
    SECRET_KEY: STRONG,
    ALLOWED_HOSTS: new PyList(['*']),
    MIDDLEWARE: new PyList([]),
    INSTALLED_APPS: new PyList([]),
    SECRET_KEY_FALLBACKS: new PyList([]),
  };
  const global = new Settings('settings.py', null);
  return {
    get: (name: string) => (name in values ? values[name] : name in defaults ? defaults[name] : global.get(name)),
    isOverridden: (name: string) => name in values,
  };
}

const noApps = new Apps(() => undefined);
noApps.ready = true;

function ids(values: Record<string, PyValue>, opts: { tags?: string[]; deploy?: boolean } = {}): string[] {
  const all = runChecks(noApps, settings(values), { tags: opts.tags ?? ['security', 'async_support'], includeDeploymentChecks: opts.deploy ?? true });
  return all.map((m) => m.id ?? '').sort();
}

const NO_MIDDLEWARE = ['security.W001', 'security.W002', 'security.W003'];

describe('SECRET_KEY strength', () => {
  it('wants 50 characters, 5 distinct ones and no django-insecure- prefix', () => {
    expect(secretKeyIsStrong(STRONG)).toBe(true);
    expect(secretKeyIsStrong(STRONG.slice(0, 49))).toBe(false);
    expect(secretKeyIsStrong('abcd'.repeat(20))).toBe(false);
    expect(secretKeyIsStrong('django-insecure-' + STRONG)).toBe(false);
  });
  it('counts characters, not UTF-16 units', () => {
    expect(secretKeyIsStrong('🔑abcdefgh'.repeat(5).slice(0, 49))).toBe(false);
    expect(secretKeyIsStrong('🔑🗝🔐🔒🔓'.repeat(10))).toBe(true);
  });
  it('an empty or missing key is W009, a weak fallback W025 per index', () => {
    expect(ids({ SECRET_KEY: '' })).toEqual([...NO_MIDDLEWARE, 'security.W009']);
    expect(ids({ SECRET_KEY: null })).toEqual([...NO_MIDDLEWARE, 'security.W009']);
    const fallbacks = runChecks(noApps, settings({ SECRET_KEY_FALLBACKS: new PyTuple([STRONG, 'x', 'y']) }), {
      tags: ['security'],
      includeDeploymentChecks: true,
    }).filter((m) => m.id === 'security.W025');
    expect(fallbacks.map((m) => m.msg.slice(0, 30))).toEqual(['Your SECRET_KEY_FALLBACKS[1] h', 'Your SECRET_KEY_FALLBACKS[2] h']);
  });
});

describe('middleware-dependent checks', () => {
  const secure = new PyList(['django.middleware.security.SecurityMiddleware']);
  it('say nothing about HSTS or SSL without SecurityMiddleware', () => {
    expect(ids({ SECURE_SSL_REDIRECT: false, SECURE_CONTENT_TYPE_NOSNIFF: false, SECURE_REFERRER_POLICY: 'bogus' })).toEqual(NO_MIDDLEWARE);
  });
  it('with it: W004 without HSTS seconds, W005 and W021 once they are set', () => {
    expect(ids({ MIDDLEWARE: secure, SECURE_HSTS_SECONDS: 0n, SECURE_SSL_REDIRECT: true })).toEqual(['security.W002', 'security.W003', 'security.W004']);
    expect(ids({ MIDDLEWARE: secure, SECURE_HSTS_SECONDS: 60n, SECURE_SSL_REDIRECT: true })).toEqual([
      'security.W002',
      'security.W003',
      'security.W005',
      'security.W021',
    ]);
  });
  it('Referrer-Policy: None is W022, a string with an unknown policy E023', () => {
    const base = { MIDDLEWARE: secure, SECURE_HSTS_SECONDS: 1n, SECURE_HSTS_INCLUDE_SUBDOMAINS: true, SECURE_HSTS_PRELOAD: true, SECURE_SSL_REDIRECT: true };
    expect(ids({ ...base, SECURE_REFERRER_POLICY: null })).toContain('security.W022');
    expect(ids({ ...base, SECURE_REFERRER_POLICY: ' origin , same-origin' })).not.toContain('security.E023');
    expect(ids({ ...base, SECURE_REFERRER_POLICY: 'origin,' })).toContain('security.E023');
    expect(ids({ ...base, SECURE_REFERRER_POLICY: new PyTuple(['origin', 'no-referrer']) })).not.toContain('security.E023');
    expect(ids({ ...base, SECURE_CROSS_ORIGIN_OPENER_POLICY: 'unsafe-none' })).not.toContain('security.E024');
    expect(ids({ ...base, SECURE_CROSS_ORIGIN_OPENER_POLICY: 'none' })).toContain('security.E024');
  });
  it('a string MIDDLEWARE is searched as Python searches a string', () => {
    expect(ids({ MIDDLEWARE: 'django.middleware.csrf.CsrfViewMiddleware' })).toEqual(['security.W001', 'security.W002', 'security.W016']);
  });
});

describe('session cookie checks', () => {
  it('name the app, the middleware, or both at once', () => {
    const app = new PyList(['django.contrib.sessions']);
    const mw = new PyList(['django.contrib.sessions.middleware.SessionMiddleware']);
    expect(ids({ INSTALLED_APPS: app, MIDDLEWARE: new PyList([]) })).toEqual([...NO_MIDDLEWARE, 'security.W010']);
    expect(ids({ INSTALLED_APPS: app, SESSION_COOKIE_HTTPONLY: false })).toEqual([...NO_MIDDLEWARE, 'security.W010', 'security.W013']);
    expect(ids({ MIDDLEWARE: mw, SESSION_COOKIE_HTTPONLY: 1n })).toEqual([...NO_MIDDLEWARE, 'security.W011', 'security.W014']);
    expect(ids({ INSTALLED_APPS: app, MIDDLEWARE: mw, SESSION_COOKIE_HTTPONLY: false })).toEqual([...NO_MIDDLEWARE, 'security.W012', 'security.W015']);
  });
});

describe('tags and --deploy', () => {
  afterEach(() => void osEnviron.delete('DJANGO_ALLOW_ASYNC_UNSAFE'));
  it('deployment checks run only with --deploy', () => {
    expect(ids({ DEBUG: true }, { deploy: false })).toEqual([]);
    expect(ids({ DEBUG: true }, { tags: ['models'] })).toEqual([]);
    expect(ids({ DEBUG: true })).toEqual([...NO_MIDDLEWARE, 'security.W018']);
  });
  it('DJANGO_ALLOW_ASYNC_UNSAFE in os.environ is async.E001', () => {
    osEnviron.set('DJANGO_ALLOW_ASYNC_UNSAFE', 'true');
    expect(ids({}, { tags: ['async_support'] })).toEqual(['async.E001']);
    osEnviron.set('DJANGO_ALLOW_ASYNC_UNSAFE', '');
    expect(ids({}, { tags: ['async_support'] })).toEqual([]);
  });
});
