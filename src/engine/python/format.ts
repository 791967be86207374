// format() / f-string format specs and printf-style `%` formatting.

import { PyDict, PyException, PyFunction, PyInstance, PyTuple, type PyValue } from './values';
import { callValue, floatRepr, pyRepr, pyStr, setPercentFormatter, toBigInt, toNumber, typeName } from './protocol';

interface Spec {
  fill: string;
  align: string;
  sign: string;
  alt: boolean;
  zero: boolean;
  width: number;
  grouping: string;
  precision: number;
  type: string;
}

function parseSpec(spec: string, v: PyValue): Spec {
  const m = /^(?:(.)?([<>=^]))?([+\- ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/s.exec(spec);
  if (!m) throw new PyException('ValueError', `Invalid format specifier '${spec}' for object of type '${typeName(v)}'`);
  return {
    fill: m[1] ?? (m[5] && !m[2] ? '0' : ' '),
    align: m[2] ?? (m[5] ? '=' : ''),
    sign: m[3] ?? '-',
    alt: !!m[4],
    zero: !!m[5],
    width: m[6] ? Number(m[6]) : 0,
    grouping: m[7] ?? '',
    precision: m[8] !== undefined ? Number(m[8]) : -1,
    type: m[9] ?? '',
  };
}

function group(intPart: string, sep: string, every = 3): string {
  if (!sep) return intPart;
  let out = '';
  for (let i = 0; i < intPart.length; i++) {
    if (i > 0 && (intPart.length - i) % every === 0) out += sep;
    out += intPart[i];
  }
  return out;
}

function pad(body: string, signStr: string, s: Spec, defaultAlign: string): string {
  const align = s.align || defaultAlign;
  const total = signStr.length + body.length;
  if (total >= s.width) return signStr + body;
  const n = s.width - total;
  switch (align) {
    case '<':
      return signStr + body + s.fill.repeat(n);
    case '>':
      return s.fill.repeat(n) + signStr + body;
    case '^': {
      const left = Math.floor(n / 2);
      return s.fill.repeat(left) + signStr + body + s.fill.repeat(n - left);
    }
    case '=':
      return signStr + s.fill.repeat(n) + body;
  }
  return signStr + body;
}

/** |x| as an exact decimal: coef * 10^exp. */
function exactDecimal(x: number): [bigint, number] {
  let v = Math.abs(x);
  let e = 0;
  while (!Number.isInteger(v)) {
    v *= 2;
    e++;
  }
  return [BigInt(v) * 5n ** BigInt(e), -e];
}

/** Rounds coef*10^exp to `drop` fewer digits, half to even (Python's float formatting). */
function roundDrop(coef: bigint, drop: number): bigint {
  if (drop <= 0) return coef * 10n ** BigInt(-drop);
  const p = 10n ** BigInt(drop);
  const q = coef / p;
  const r = coef % p;
  const twice = 2n * r;
  if (twice > p || (twice === p && q % 2n === 1n)) return q + 1n;
  return q;
}

function fixed(x: number, prec: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : 'inf';
  const [coef, exp] = exactDecimal(x);
  const q = roundDrop(coef, -exp - prec).toString();
  if (prec === 0) return q;
  const padded = q.padStart(prec + 1, '0');
  return padded.slice(0, -prec) + '.' + padded.slice(-prec);
}

function expo(x: number, prec: number, upper: boolean): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : 'inf';
  let digits: string;
  let e10: number;
  if (x === 0) {
    digits = '0'.repeat(prec + 1);
    e10 = 0;
  } else {
    const [coef, exp] = exactDecimal(x);
    const n = coef.toString().length;
    let q = roundDrop(coef, n - (prec + 1)).toString();
    e10 = n - 1 + exp;
    if (q.length > prec + 1) {
      q = q.slice(0, prec + 1);
      e10 += 1;
    }
    digits = q;
  }
  const m = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
  const out = m + 'e' + (e10 < 0 ? '-' : '+') + String(Math.abs(e10)).padStart(2, '0');
  return upper ? out.toUpperCase() : out;
}

function general(x: number, prec: number, upper: boolean, alt: boolean): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : 'inf';
  const p = prec === 0 ? 1 : prec;
  if (x === 0) return alt ? '0.' + '0'.repeat(p - 1) : '0';
  const e = expo(x, p - 1, upper);
  const exp = Number(e.slice(e.search(/[eE]/) + 1));
  let s: string;
  if (exp >= -4 && exp < p) {
    s = fixed(x, p - 1 - exp);
    if (!alt && s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  } else {
    s = e;
    if (!alt) s = s.replace(/\.?0+([eE])/, '$1');
  }
  return s;
}

/** Python's format(value, spec). */
export function formatValue(v: PyValue, spec: string): string {
  if (v instanceof PyInstance) {
    const m = v.cls.lookup('__format__');
    if (m instanceof PyFunction) {
      const r = callValue(m, [v, spec]);
      if (typeof r !== 'string') throw new PyException('TypeError', `__format__ must return a str, not ${typeName(r)}`);
      return r;
    }
    const hook = v.cls.hook('format');
    if (hook) return hook(v, spec);
    if (m !== undefined) {
      const r = callValue(m, [v, spec]);
      if (typeof r === 'string') return r;
    }
    if (spec === '') return pyStr(v);
    throw new PyException('TypeError', `unsupported format string passed to ${v.cls.name}.__format__`);
  }
  if (spec === '') return pyStr(v);
  if (typeof v === 'string') {
    const s = parseSpec(spec, v);
    if (s.type && s.type !== 's') throw new PyException('ValueError', `Unknown format code '${s.type}' for object of type 'str'`);
    const body = s.precision >= 0 ? [...v].slice(0, s.precision).join('') : v;
    return pad(body, '', s, '<');
  }
  if (typeof v === 'bigint' || typeof v === 'boolean') {
    const s = parseSpec(spec, v);
    if ('eEfFgG%'.includes(s.type) && s.type) return formatFloat(toNumber(v), s);
    if (s.type === '' && typeof v === 'boolean' && !s.sign) return pad(v ? 'True' : 'False', '', s, '<');
    const n = toBigInt(v);
    const neg = n < 0n;
    const a = neg ? -n : n;
    let body: string;
    let prefix = '';
    switch (s.type) {
      case 'b':
        body = a.toString(2);
        prefix = s.alt ? '0b' : '';
        break;
      case 'o':
        body = a.toString(8);
        prefix = s.alt ? '0o' : '';
        break;
      case 'x':
        body = a.toString(16);
        prefix = s.alt ? '0x' : '';
        break;
      case 'X':
        body = a.toString(16).toUpperCase();
        prefix = s.alt ? '0X' : '';
        break;
      case 'c':
        body = String.fromCodePoint(Number(a));
        break;
      case 'd':
      case 'n':
      case '':
        body = group(a.toString(), s.grouping);
        break;
      default:
        throw new PyException('ValueError', `Unknown format code '${s.type}' for object of type 'int'`);
    }
    const signStr = (neg ? '-' : s.sign === '+' ? '+' : s.sign === ' ' ? ' ' : '') + prefix;
    return pad(body, signStr, s, '>');
  }
  if (typeof v === 'number') return formatFloat(v, parseSpec(spec, v));
  if (v === null) throw new PyException('TypeError', 'unsupported format string passed to NoneType.__format__');
  throw new PyException('TypeError', `unsupported format string passed to ${typeName(v)}.__format__`);
}

function formatFloat(x: number, s: Spec): string {
  const neg = x < 0 || Object.is(x, -0);
  let body: string;
  const prec = s.precision;
  switch (s.type) {
    case 'f':
    case 'F':
      body = fixed(x, prec < 0 ? 6 : prec);
      if (s.type === 'F') body = body.toUpperCase();
      break;
    case 'e':
    case 'E':
      body = expo(x, prec < 0 ? 6 : prec, s.type === 'E');
      break;
    case 'g':
    case 'G':
      body = general(x, prec < 0 ? 6 : prec, s.type === 'G', s.alt);
      break;
    case '%':
      body = fixed(x * 100, prec < 0 ? 6 : prec) + '%';
      break;
    case '':
    case 'n':
      body = prec < 0 ? floatRepr(Math.abs(x)) : general(x, prec, false, s.alt);
      if (prec >= 0 && /^\d+$/.test(body) === false && !body.includes('.') && !body.includes('e') && !body.includes('n')) body += '';
      break;
    default:
      throw new PyException('ValueError', `Unknown format code '${s.type}' for object of type 'float'`);
  }
  if (s.grouping) {
    const [ip, fp] = body.split('.');
    if (/^\d+$/.test(ip)) body = group(ip, s.grouping) + (fp !== undefined ? '.' + fp : '');
  }
  const signStr = neg ? '-' : s.sign === '+' ? '+' : s.sign === ' ' ? ' ' : '';
  return pad(body, signStr, s, '>');
}

/** printf-style `fmt % args`. */
export function percentFormat(fmt: string, args: PyValue): string {
  const tuple = args instanceof PyTuple ? args.items : [args];
  const mapping = args instanceof PyDict || (args instanceof PyInstance && args.cls.lookup('__getitem__')) ? args : null;
  let idx = 0;
  let out = '';
  // Every '%' starts a conversion, as in CPython: one it cannot read is an error, never text.
  const re = /%(?:\(([^)]*)\))?([#0\- +]*)(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([\s\S])?/y;
  let last = 0;
  let m: RegExpExecArray | null;
  const nextConversion = (): RegExpExecArray | null => {
    const at = fmt.indexOf('%', last);
    if (at < 0) return null;
    if (fmt.startsWith('%(', at) && fmt.indexOf(')', at) < 0) throw new PyException('ValueError', 'incomplete format key');
    re.lastIndex = at;
    const found = re.exec(fmt)!;
    const conv = found[5];
    if (conv === undefined) throw new PyException('ValueError', 'incomplete format');
    if (!'diouxXeEfFgGcrsa%'.includes(conv)) {
      const code = conv.codePointAt(0)!;
      throw new PyException('ValueError', `unsupported format character '${conv}' (0x${code.toString(16)}) at index ${re.lastIndex - 1}`);
    }
    return found;
  };
  const next = (): PyValue => {
    if (idx >= tuple.length) throw new PyException('TypeError', 'not enough arguments for format string');
    return tuple[idx++];
  };
  while ((m = nextConversion())) {
    out += fmt.slice(last, m.index);
    last = re.lastIndex;
    const [, key, flags, widthS, precS, conv] = m;
    if (conv === '%' && !key && !flags && !widthS && !precS) {
      out += '%';
      continue;
    }
    let v: PyValue;
    if (key !== undefined) {
      if (!(mapping instanceof PyDict)) throw new PyException('TypeError', 'format requires a mapping');
      const got = mapping.get(key);
      if (got === undefined) throw new PyException('KeyError', pyRepr(key));
      v = got;
    } else {
      v = widthS === '*' || precS === '*' ? null : null;
    }
    const width = widthS === '*' ? Number(toBigInt(next() as bigint)) : widthS ? Number(widthS) : 0;
    const prec = precS === '*' ? Number(toBigInt(next() as bigint)) : precS !== undefined ? Number(precS) : -1;
    if (key === undefined) v = next();
    let body: string;
    switch (conv) {
      case 's':
        body = pyStr(v);
        if (prec >= 0) body = body.slice(0, prec);
        break;
      case 'r':
      case 'a':
        body = pyRepr(v);
        if (prec >= 0) body = body.slice(0, prec);
        break;
      case 'd':
      case 'i':
      case 'u':
        if (typeof v === 'number') v = BigInt(Math.trunc(v));
        if (typeof v !== 'bigint' && typeof v !== 'boolean') {
          throw new PyException('TypeError', `%${conv} format: a real number is required, not ${typeName(v)}`);
        }
        body = toBigInt(v).toString();
        if (!body.startsWith('-')) body = (flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') + body;
        break;
      case 'c':
        body = typeof v === 'string' ? v : String.fromCodePoint(Number(v));
        break;
      default: {
        const spec = (flags.includes('+') ? '+' : '') + (prec >= 0 ? '.' + prec : '') + conv;
        if (typeof v !== 'bigint' && typeof v !== 'number' && typeof v !== 'boolean') {
          throw new PyException('TypeError', `must be real number, not ${typeName(v)}`);
        }
        body = 'xXo'.includes(conv) ? formatValue(v, (flags.includes('#') ? '#' : '') + conv) : formatValue(v, spec);
      }
    }
    if (width > body.length) {
      if (flags.includes('-')) body = body.padEnd(width);
      else if (flags.includes('0') && conv !== 's' && conv !== 'r') {
        const neg = body.startsWith('-');
        body = (neg ? '-' : '') + body.slice(neg ? 1 : 0).padStart(width - (neg ? 1 : 0), '0');
      } else body = body.padStart(width);
    }
    out += body;
  }
  out += fmt.slice(last);
  if (!mapping && idx < tuple.length) throw new PyException('TypeError', 'not all arguments converted during string formatting');
  return out;
}

setPercentFormatter(percentFormat);
