// `math`: constants and the common functions, with Python's error messages for domain errors.

import { type PyValue } from '../values';
import { builtin, makeModule, registerNativeModule } from '../native';
import { err, toBigInt, toIndex, toNumber, typeName } from '../protocol';

function real(v: PyValue): number {
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return toNumber(v);
  throw err('TypeError', `must be real number, not ${typeName(v)}`);
}

function f1(name: string, fn: (x: number) => number, domain?: (x: number) => boolean): PyValue {
  return builtin(name, (args) => {
    const x = real(args[0]);
    if (domain && !domain(x)) throw err('ValueError', 'math domain error');
    return fn(x);
  }, 'math');
}

function toIntResult(x: number): bigint {
  if (Number.isNaN(x)) throw err('ValueError', 'cannot convert float NaN to integer');
  if (!Number.isFinite(x)) throw err('OverflowError', 'cannot convert float infinity to integer');
  return BigInt(x);
}

registerNativeModule('math', () =>
  makeModule('math', {
    pi: Math.PI,
    e: Math.E,
    tau: 2 * Math.PI,
    inf: Infinity,
    nan: NaN,
    floor: builtin('floor', (a) => (typeof a[0] === 'bigint' ? a[0] : toIntResult(Math.floor(real(a[0])))), 'math'),
    ceil: builtin('ceil', (a) => (typeof a[0] === 'bigint' ? a[0] : toIntResult(Math.ceil(real(a[0])))), 'math'),
    trunc: builtin('trunc', (a) => (typeof a[0] === 'bigint' ? a[0] : toIntResult(Math.trunc(real(a[0])))), 'math'),
    sqrt: f1('sqrt', Math.sqrt, (x) => x >= 0),
    exp: f1('exp', Math.exp),
    log: builtin('log', (a) => {
      const x = real(a[0]);
      if (x <= 0) throw err('ValueError', 'math domain error');
      return a.length > 1 ? Math.log(x) / Math.log(real(a[1])) : Math.log(x);
    }, 'math'),
    log10: f1('log10', Math.log10, (x) => x > 0),
    log2: f1('log2', Math.log2, (x) => x > 0),
    pow: builtin('pow', (a) => real(a[0]) ** real(a[1]), 'math'),
    fabs: f1('fabs', Math.abs),
    sin: f1('sin', Math.sin),
    cos: f1('cos', Math.cos),
    tan: f1('tan', Math.tan),
    asin: f1('asin', Math.asin, (x) => x >= -1 && x <= 1),
    acos: f1('acos', Math.acos, (x) => x >= -1 && x <= 1),
    atan: f1('atan', Math.atan),
    atan2: builtin('atan2', (a) => Math.atan2(real(a[0]), real(a[1])), 'math'),
    hypot: builtin('hypot', (a) => Math.hypot(...a.map(real)), 'math'),
    degrees: f1('degrees', (x) => (x * 180) / Math.PI),
    radians: f1('radians', (x) => (x * Math.PI) / 180),
    isnan: f1('isnan', (x) => (Number.isNaN(x) ? 1 : 0)) && builtin('isnan', (a) => Number.isNaN(real(a[0])), 'math'),
    isinf: builtin('isinf', (a) => {
      const x = real(a[0]);
      return x === Infinity || x === -Infinity;
    }, 'math'),
    isfinite: builtin('isfinite', (a) => Number.isFinite(real(a[0])), 'math'),
    isclose: builtin('isclose', (a, kw) => {
      const x = real(a[0]);
      const y = real(a[1]);
      const rel = kw.has('rel_tol') ? real(kw.get('rel_tol')!) : 1e-9;
      const abs = kw.has('abs_tol') ? real(kw.get('abs_tol')!) : 0;
      return x === y || Math.abs(x - y) <= Math.max(rel * Math.max(Math.abs(x), Math.abs(y)), abs);
    }, 'math'),
    gcd: builtin('gcd', (a) => {
      let g = 0n;
      for (const v of a) {
        let x = toIndex(v);
        if (x < 0n) x = -x;
        let y = g;
        while (x) [y, x] = [x, y % x];
        g = y;
      }
      return g;
    }, 'math'),
    factorial: builtin('factorial', (a) => {
      const n = toIndex(a[0]);
      if (n < 0n) throw err('ValueError', 'factorial() not defined for negative values');
      let r = 1n;
      for (let i = 2n; i <= n; i++) r *= i;
      return r;
    }, 'math'),
    copysign: builtin('copysign', (a) => Math.abs(real(a[0])) * (Object.is(real(a[1]), -0) || real(a[1]) < 0 ? -1 : 1), 'math'),
    fsum: builtin('fsum', (a) => {
      let s = 0;
      const items = a[0];
      for (const v of (items as { items?: PyValue[] }).items ?? []) s += real(v);
      return s;
    }, 'math'),
    prod: builtin('prod', (a) => {
      let p: PyValue = 1n;
      for (const v of (a[0] as { items?: PyValue[] }).items ?? []) {
        p = typeof p === 'bigint' && typeof v === 'bigint' ? p * toBigInt(v) : toNumber(p as number) * real(v);
      }
      return p;
    }, 'math'),
  }),
);
