// `decimal`: Decimal with exact decimal semantics (coefficient + exponent), Python's str/repr,
// the arithmetic model values need, quantize, and the default context's 28-digit precision.

import { hashKey, PyException, PyInstance, PyTuple, type PyValue } from '../values';
import { err, floatRepr, toBigInt, typeName } from '../protocol';
import { bind, makeModule, method, nativeClass, registerNativeModule, sig } from '../native';
import { exceptionClass } from '../types';
import { formatValue } from '../format';

export interface DecimalValue {
  neg: boolean;
  /** Coefficient (non-negative); meaningless for specials. */
  coef: bigint;
  exp: number;
  special?: 'NaN' | 'sNaN' | 'Infinity';
}

const PREC = 28;

const digitsOf = (n: bigint): number => (n === 0n ? 1 : n.toString().length);
const pow10 = (n: number): bigint => 10n ** BigInt(n);

export function parseDecimal(text: string): DecimalValue | null {
  const t = text.trim().replace(/_/g, '');
  const sp = /^([+-]?)(nan|snan|inf|infinity)$/i.exec(t);
  if (sp) {
    const w = sp[2].toLowerCase();
    return { neg: sp[1] === '-', coef: 0n, exp: 0, special: w === 'nan' ? 'NaN' : w === 'snan' ? 'sNaN' : 'Infinity' };
  }
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(t);
  if (!m || (m[2] === '' && (m[3] === undefined || m[3] === ''))) return null;
  const intPart = m[2];
  const frac = m[3] ?? '';
  const exp = (m[4] ? Number(m[4]) : 0) - frac.length;
  return { neg: m[1] === '-', coef: BigInt((intPart + frac) || '0'), exp };
}

export function decimalFromNumber(x: number): DecimalValue {
  if (Number.isNaN(x)) return { neg: false, coef: 0n, exp: 0, special: 'NaN' };
  if (!Number.isFinite(x)) return { neg: x < 0, coef: 0n, exp: 0, special: 'Infinity' };
  const neg = x < 0 || Object.is(x, -0);
  let v = Math.abs(x);
  let e = 0;
  while (!Number.isInteger(v)) {
    v *= 2;
    e++;
  }
  return { neg, coef: BigInt(v) * 5n ** BigInt(e), exp: -e };
}

/** Python's str(Decimal) (to-scientific-string). */
export function decimalToString(d: DecimalValue): string {
  const sign = d.neg ? '-' : '';
  if (d.special) return sign + d.special;
  const s = d.coef.toString();
  const adjusted = d.exp + s.length - 1;
  if (d.exp <= 0 && adjusted >= -6) {
    if (d.exp === 0) return sign + s;
    const point = s.length + d.exp;
    if (point > 0) return sign + s.slice(0, point) + '.' + s.slice(point);
    return sign + '0.' + '0'.repeat(-point) + s;
  }
  const mant = s.length > 1 ? s[0] + '.' + s.slice(1) : s;
  return sign + mant + 'E' + (adjusted >= 0 ? '+' : '-') + Math.abs(adjusted);
}

function roundHalfEven(coef: bigint, drop: number, sticky = false, mode = 'ROUND_HALF_EVEN', neg = false): bigint {
  if (drop <= 0) return coef;
  const p = pow10(drop);
  const q = coef / p;
  const r = coef % p;
  const half = p / 2n;
  const exactHalf = r === half && !sticky;
  const above = r > half || (r === half && sticky);
  const nonzero = r !== 0n || sticky;
  switch (mode) {
    case 'ROUND_DOWN':
      return q;
    case 'ROUND_UP':
      return nonzero ? q + 1n : q;
    case 'ROUND_CEILING':
      return nonzero && !neg ? q + 1n : q;
    case 'ROUND_FLOOR':
      return nonzero && neg ? q + 1n : q;
    case 'ROUND_HALF_UP':
      return above || exactHalf ? q + 1n : q;
    case 'ROUND_HALF_DOWN':
      return above ? q + 1n : q;
    default:
      if (above) return q + 1n;
      if (exactHalf) return q % 2n === 1n ? q + 1n : q;
      return q;
  }
}

/** Rounds to the context precision (28 significant digits). */
function fit(d: DecimalValue, sticky = false): DecimalValue {
  if (d.special) return d;
  const n = digitsOf(d.coef);
  if (n <= PREC && !sticky) return d;
  const drop = n - PREC;
  let coef = roundHalfEven(d.coef, drop, sticky);
  let exp = d.exp + drop;
  if (digitsOf(coef) > PREC) {
    coef /= 10n;
    exp += 1;
  }
  return { neg: d.neg, coef, exp };
}

function align(a: DecimalValue, b: DecimalValue): [bigint, bigint, number] {
  const exp = Math.min(a.exp, b.exp);
  const ca = (a.neg ? -1n : 1n) * a.coef * pow10(a.exp - exp);
  const cb = (b.neg ? -1n : 1n) * b.coef * pow10(b.exp - exp);
  return [ca, cb, exp];
}

function fromSigned(c: bigint, exp: number, negZero = false): DecimalValue {
  return { neg: c < 0n || (c === 0n && negZero), coef: c < 0n ? -c : c, exp };
}

export function decimalAdd(a: DecimalValue, b: DecimalValue): DecimalValue {
  if (a.special || b.special) return specialResult(a, b, '+');
  const [ca, cb, exp] = align(a, b);
  return fit(fromSigned(ca + cb, exp, a.neg && b.neg));
}

function specialResult(a: DecimalValue, b: DecimalValue, op: string): DecimalValue {
  if (a.special === 'NaN' || b.special === 'NaN') return { neg: false, coef: 0n, exp: 0, special: 'NaN' };
  if (a.special === 'Infinity' && b.special === 'Infinity' && op === '+' && a.neg !== b.neg) {
    throw new PyException('decimal.InvalidOperation', "[<class 'decimal.InvalidOperation'>]");
  }
  const inf = a.special ? a : b;
  return { neg: op === '*' || op === '/' ? a.neg !== b.neg : inf.neg, coef: 0n, exp: 0, special: 'Infinity' };
}

export function decimalMul(a: DecimalValue, b: DecimalValue): DecimalValue {
  if (a.special || b.special) return specialResult(a, b, '*');
  return fit({ neg: a.neg !== b.neg, coef: a.coef * b.coef, exp: a.exp + b.exp });
}

export function decimalDiv(a: DecimalValue, b: DecimalValue): DecimalValue {
  if (a.special || b.special) return specialResult(a, b, '/');
  const neg = a.neg !== b.neg;
  if (b.coef === 0n) {
    if (a.coef === 0n) throw new PyException('decimal.InvalidOperation', "[<class 'decimal.DivisionUndefined'>]");
    throw new PyException('decimal.DivisionByZero', "[<class 'decimal.DivisionByZero'>]");
  }
  const ideal = a.exp - b.exp;
  if (a.coef === 0n) return { neg, coef: 0n, exp: ideal };
  // Exact quotient when one exists within the precision.
  for (let k = 0; k <= PREC + digitsOf(b.coef); k++) {
    const num = a.coef * pow10(k);
    if (num % b.coef === 0n) {
      let q = num / b.coef;
      if (digitsOf(q) > PREC) break;
      let exp = ideal - k;
      while (exp < ideal && q % 10n === 0n && q !== 0n) {
        q /= 10n;
        exp++;
      }
      return { neg, coef: q, exp };
    }
  }
  const shift = PREC + digitsOf(b.coef) - digitsOf(a.coef) + 2;
  const num = a.coef * pow10(shift);
  const q = num / b.coef;
  const r = num % b.coef;
  return fit({ neg, coef: q, exp: ideal - shift }, r !== 0n);
}

export function decimalCompare(a: DecimalValue, b: DecimalValue): number {
  if (a.special === 'NaN' || b.special === 'NaN') return NaN;
  if (a.special || b.special) {
    const va = a.special ? (a.neg ? -Infinity : Infinity) : 0;
    const vb = b.special ? (b.neg ? -Infinity : Infinity) : 0;
    if (va !== vb) return va < vb ? -1 : 1;
    if (a.special && b.special) return 0;
    if (a.special) return a.neg ? -1 : 1;
    return b.neg ? 1 : -1;
  }
  const [ca, cb] = align(a, b);
  return ca < cb ? -1 : ca > cb ? 1 : 0;
}

export function decimalQuantize(d: DecimalValue, exp: number, rounding = 'ROUND_HALF_EVEN'): DecimalValue {
  if (d.special) return d;
  if (exp >= d.exp) {
    const coef = roundHalfEven(d.coef, exp - d.exp, false, rounding, d.neg);
    return { neg: d.neg, coef, exp };
  }
  const coef = d.coef * pow10(d.exp - exp);
  if (digitsOf(coef) > PREC) throw new PyException('decimal.InvalidOperation', "[<class 'decimal.InvalidOperation'>]");
  return { neg: d.neg, coef, exp };
}

export function decimalToNumber(d: DecimalValue): number {
  if (d.special === 'NaN' || d.special === 'sNaN') return NaN;
  if (d.special) return d.neg ? -Infinity : Infinity;
  return Number(decimalToString(d).replace('E', 'e'));
}

function normalize(d: DecimalValue): DecimalValue {
  if (d.special) return d;
  if (d.coef === 0n) return { neg: d.neg, coef: 0n, exp: 0 };
  let { coef, exp } = d;
  while (coef % 10n === 0n) {
    coef /= 10n;
    exp++;
  }
  return fit({ neg: d.neg, coef, exp });
}

// ---- the Python class -----------------------------------------------------------------------

export const InvalidOperation = nativeClass({ name: 'InvalidOperation', module: 'decimal', bases: [exceptionClass] });

export const DecimalClass = nativeClass({
  name: 'Decimal',
  module: 'decimal',
  hooks: {
    construct: (cls, args, kwargs) => {
      const a = bind(sig('Decimal', "value='0', context=None"), args, kwargs);
      return new PyInstance(cls, toDecimal(a.value!, true));
    },
    repr: (self) => `Decimal('${decimalToString(self.native as DecimalValue)}')`,
    str: (self) => decimalToString(self.native as DecimalValue),
    eq: (self, other) => {
      const o = coerce(other);
      if (!o) return false;
      return decimalCompare(self.native as DecimalValue, o) === 0;
    },
    hash: (self) => {
      const d = self.native as DecimalValue;
      if (d.special) return 'dec:' + decimalToString(d);
      const n = normalize(d);
      if (n.exp >= 0) return hashKey((n.neg ? -1n : 1n) * n.coef * pow10(n.exp));
      const f = decimalToNumber(n);
      if (decimalCompare(decimalFromNumber(f), n) === 0) return hashKey(f);
      return 'dec:' + decimalToString(n);
    },
    compare: (op, self, other) => {
      const o = coerce(other);
      if (!o) return undefined;
      const c = decimalCompare(self.native as DecimalValue, o);
      if (Number.isNaN(c)) return false;
      return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
    },
    truthy: (self) => {
      const d = self.native as DecimalValue;
      return !!d.special || d.coef !== 0n;
    },
    binaryOp: (op, self, other, reflected) => {
      const o = coerce(other, true);
      if (!o) return undefined;
      const [a, b] = reflected ? [o, self.native as DecimalValue] : [self.native as DecimalValue, o];
      const r = decimalBinary(op, a, b);
      return r === undefined ? undefined : makeDecimal(r);
    },
    unaryOp: (op, self) => {
      const d = self.native as DecimalValue;
      if (op === '-') return makeDecimal(fit({ ...d, neg: d.coef === 0n && !d.special ? false : !d.neg }));
      if (op === '+') return makeDecimal(fit({ ...d, neg: d.coef === 0n && !d.special ? false : d.neg }));
      return undefined;
    },
    format: (self, spec) => {
      const d = self.native as DecimalValue;
      if (spec === '') return decimalToString(d);
      const m = /^(.*?)\.(\d+)f$/.exec(spec);
      if (m) {
        const q = decimalQuantize(d, -Number(m[2]));
        return formatValue(decimalToString({ ...q, exp: q.exp }), m[1] ? m[1] : '');
      }
      return formatValue(decimalToNumber(d), spec);
    },
  },
  methods: {
    quantize: method('Decimal.quantize', 'self, exp, rounding=None, context=None', (a) => {
      const self = decimalOf(a.self!);
      const e = coerce(a.exp!);
      if (!e) throw err('TypeError', `conversion from ${typeName(a.exp!)} to Decimal is not supported`);
      const mode = typeof a.rounding === 'string' ? a.rounding : 'ROUND_HALF_EVEN';
      return makeDecimal(decimalQuantize(self, e.exp, mode));
    }),
    normalize: method('Decimal.normalize', 'self, context=None', (a) => makeDecimal(normalize(decimalOf(a.self!)))),
    as_tuple: method('Decimal.as_tuple', 'self', (a) => {
      const d = decimalOf(a.self!);
      const digits = d.coef.toString().split('').map((c) => BigInt(c));
      return new PyTuple([d.neg ? 1n : 0n, new PyTuple(digits), d.special ? (d.special === 'Infinity' ? 'F' : 'n') : BigInt(d.exp)]);
    }),
    is_nan: method('Decimal.is_nan', 'self', (a) => decimalOf(a.self!).special === 'NaN'),
    is_infinite: method('Decimal.is_infinite', 'self', (a) => decimalOf(a.self!).special === 'Infinity'),
    is_finite: method('Decimal.is_finite', 'self', (a) => !decimalOf(a.self!).special),
    is_signed: method('Decimal.is_signed', 'self', (a) => decimalOf(a.self!).neg),
    is_zero: method('Decimal.is_zero', 'self', (a) => {
      const d = decimalOf(a.self!);
      return !d.special && d.coef === 0n;
    }),
    copy_abs: method('Decimal.copy_abs', 'self', (a) => makeDecimal({ ...decimalOf(a.self!), neg: false })),
    __abs__: method('Decimal.__abs__', 'self', (a) => makeDecimal(fit({ ...decimalOf(a.self!), neg: false }))),
    __float__: method('Decimal.__float__', 'self', (a) => decimalToNumber(decimalOf(a.self!))),
    __int__: method('Decimal.__int__', 'self', (a) => {
      const d = decimalOf(a.self!);
      if (d.special) throw err('ValueError', 'cannot convert NaN to integer');
      const v = d.exp >= 0 ? d.coef * pow10(d.exp) : d.coef / pow10(-d.exp);
      return d.neg ? -v : v;
    }),
    __round__: method('Decimal.__round__', 'self, n=None', (a) => {
      const d = decimalOf(a.self!);
      if (a.n === null) {
        const q = decimalQuantize(d, 0);
        return (q.neg ? -1n : 1n) * q.coef;
      }
      return makeDecimal(decimalQuantize(d, -Number(toBigInt(a.n as bigint))));
    }),
    adjusted: method('Decimal.adjusted', 'self', (a) => {
      const d = decimalOf(a.self!);
      return BigInt(d.exp + digitsOf(d.coef) - 1);
    }),
    to_integral_value: method('Decimal.to_integral_value', 'self, rounding=None, context=None', (a) => {
      const d = decimalOf(a.self!);
      return makeDecimal(d.exp >= 0 ? d : decimalQuantize(d, 0));
    }),
    sqrt: method('Decimal.sqrt', 'self, context=None', (a) => makeDecimal(parseDecimal(String(Math.sqrt(decimalToNumber(decimalOf(a.self!)))))!)),
  },
});

function decimalBinary(op: string, a: DecimalValue, b: DecimalValue): DecimalValue | undefined {
  switch (op) {
    case '+':
      return decimalAdd(a, b);
    case '-':
      return decimalAdd(a, { ...b, neg: !b.neg });
    case '*':
      return decimalMul(a, b);
    case '/':
      return decimalDiv(a, b);
    case '//': {
      if (b.coef === 0n && !b.special) throw new PyException('decimal.DivisionByZero', "[<class 'decimal.DivisionByZero'>]");
      const [ca, cb] = align(a, b);
      const q = ca / cb;
      return { neg: q < 0n || (q === 0n && a.neg !== b.neg), coef: q < 0n ? -q : q, exp: 0 };
    }
    case '%': {
      if (b.coef === 0n && !b.special) throw new PyException('decimal.InvalidOperation', "[<class 'decimal.DivisionUndefined'>]");
      const [ca, cb, exp] = align(a, b);
      const r = ca % cb;
      return fromSigned(r, exp, a.neg && r === 0n);
    }
    case '**': {
      if (b.exp >= 0 && !b.special) {
        let n = b.coef * pow10(b.exp);
        if (b.neg) {
          let r: DecimalValue = { neg: false, coef: 1n, exp: 0 };
          for (; n > 0n; n--) r = decimalMul(r, a);
          return decimalDiv({ neg: false, coef: 1n, exp: 0 }, r);
        }
        let r: DecimalValue = { neg: false, coef: 1n, exp: 0 };
        for (; n > 0n; n--) r = decimalMul(r, a);
        return r;
      }
      return fit(parseDecimal(floatRepr(decimalToNumber(a) ** decimalToNumber(b)))!);
    }
  }
  return undefined;
}

function decimalOf(v: PyValue): DecimalValue {
  if (v instanceof PyInstance && v.cls.isSubclassOf(DecimalClass)) return v.native as DecimalValue;
  throw err('TypeError', `descriptor requires a 'decimal.Decimal' object but received a '${typeName(v)}'`);
}

/** Decimal operand coercion: ints always; floats only for comparisons (as Python does). */
function coerce(v: PyValue, arithmetic = false): DecimalValue | null {
  if (v instanceof PyInstance && v.cls.isSubclassOf(DecimalClass)) return v.native as DecimalValue;
  if (typeof v === 'bigint' || typeof v === 'boolean') {
    const n = toBigInt(v);
    return { neg: n < 0n, coef: n < 0n ? -n : n, exp: 0 };
  }
  if (typeof v === 'number' && !arithmetic) return decimalFromNumber(v);
  return null;
}

export function toDecimal(v: PyValue, strict = false): DecimalValue {
  if (typeof v === 'string') {
    const d = parseDecimal(v);
    if (!d) throw new PyException('decimal.InvalidOperation', "[<class 'decimal.ConversionSyntax'>]");
    return d;
  }
  if (typeof v === 'number') return decimalFromNumber(v);
  if (typeof v === 'bigint' || typeof v === 'boolean') {
    const n = toBigInt(v);
    return { neg: n < 0n, coef: n < 0n ? -n : n, exp: 0 };
  }
  if (v instanceof PyInstance && v.cls.isSubclassOf(DecimalClass)) return v.native as DecimalValue;
  if (v instanceof PyTuple && v.items.length === 3) {
    const [sign, digits, exp] = v.items;
    const ds = (digits as PyTuple).items.map((x) => String(x)).join('') || '0';
    return { neg: sign === 1n, coef: BigInt(ds), exp: Number(exp) };
  }
  void strict;
  throw err('TypeError', `conversion from ${typeName(v)} to Decimal is not supported`);
}

/** A Python Decimal from a TypeScript value or a decimal string such as '1.50'. */
export function makeDecimal(d: DecimalValue | string): PyInstance {
  const v = typeof d === 'string' ? parseDecimal(d) : d;
  if (!v) throw err('ValueError', `invalid decimal literal: ${d as string}`);
  return new PyInstance(DecimalClass, v);
}

export function isDecimal(v: PyValue): v is PyInstance {
  return v instanceof PyInstance && v.cls.isSubclassOf(DecimalClass);
}

registerNativeModule('decimal', () =>
  makeModule('decimal', {
    Decimal: DecimalClass,
    InvalidOperation,
    ROUND_HALF_EVEN: 'ROUND_HALF_EVEN',
    ROUND_HALF_UP: 'ROUND_HALF_UP',
    ROUND_HALF_DOWN: 'ROUND_HALF_DOWN',
    ROUND_UP: 'ROUND_UP',
    ROUND_DOWN: 'ROUND_DOWN',
    ROUND_CEILING: 'ROUND_CEILING',
    ROUND_FLOOR: 'ROUND_FLOOR',
  }),
);
