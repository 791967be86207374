// The defaults the engine reads settings with must be the values whose repr diffsettings prints.

import { describe, expect, it } from 'vitest';
import { Settings } from '../../../src/engine/conf/settings';
import { GLOBAL_SETTINGS_REPR } from '../../../src/engine/conf/global_settings';
import { pyRepr } from '../../../src/engine/python/protocol';
import { PyDict, PyList } from '../../../src/engine/python/values';
import { configureDatabases } from '../../../src/engine/db/database_settings';
import { hashLines } from '../../../src/engine/core/management/commands/diffsettings';

describe('global settings', () => {
  it('every default the engine knows has the repr Django prints', () => {
    const s = new Settings('settings.py', null);
    const known = [...GLOBAL_SETTINGS_REPR.keys()].filter((k) => s.get(k) !== undefined);
    expect(known.length).toBeGreaterThan(30);
    for (const k of known) expect([k, pyRepr(s.get(k)!)]).toEqual([k, GLOBAL_SETTINGS_REPR.get(k)]);
  });
});

describe('DATABASES defaults', () => {
  it('fill every alias in place and keep what is set', () => {
    const dbs = new PyDict([
      ['default', new PyDict([['NAME', 'db.sqlite3'], ['ENGINE', 'django.db.backends.sqlite3'], ['TEST', new PyDict([['NAME', 't']])]])],
      ['x', new PyDict([['ENGINE', 'django.db.backends.']])],
    ]);
    configureDatabases(dbs);
    expect(pyRepr(dbs.get('default')!)).toBe(
      "{'NAME': 'db.sqlite3', 'ENGINE': 'django.db.backends.sqlite3', 'TEST': {'NAME': 't', 'CHARSET': None, 'COLLATION': None, 'MIGRATE': True, 'MIRROR': None}, " +
        "'ATOMIC_REQUESTS': False, 'AUTOCOMMIT': True, 'CONN_MAX_AGE': 0, 'CONN_HEALTH_CHECKS': False, 'OPTIONS': {}, 'TIME_ZONE': None, 'USER': '', 'PASSWORD': '', 'HOST': '', 'PORT': ''}",
    );
    expect((dbs.get('x') as PyDict).get('ENGINE')).toBe('django.db.backends.dummy');
    const empty = new PyDict();
    configureDatabases(empty);
    expect([...empty.keys()]).toEqual(['default']);
  });
});

describe('hash output', () => {
  it('marks settings the defaults lack and, with --all, the untouched ones', () => {
    const user = new Map([
      ['A', '1'],
      ['B', '2'],
      ['C', pyRepr(new PyList([]))],
    ]);
    const defaults = new Map([
      ['A', '1'],
      ['B', '3'],
    ]);
    expect(hashLines(user, defaults, false)).toEqual(['B = 2', 'C = []  ###']);
    expect(hashLines(user, defaults, true)).toEqual(['### A = 1', 'B = 2', 'C = []  ###']);
  });
});
