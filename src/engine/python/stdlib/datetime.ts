// `datetime`: date, datetime, time, timedelta and fixed-offset timezone (timezone.utc) with
// Python's reprs, str, isoformat, arithmetic and comparisons.

import { activity } from '../activity';
import { hashKey, PyClass, PyInstance, PyTuple, type PyValue } from '../values';
import { err, pyRepr, toIndex, toNumber, typeName } from '../protocol';
import { bind, makeModule, method, nativeClass, registerNativeModule, sig, type BoundArgs } from '../native';

export interface DateValue {
  year: number;
  month: number;
  day: number;
}
export interface TimeValue {
  hour: number;
  minute: number;
  second: number;
  microsecond: number;
  /** A timezone instance or null (naive). */
  tzinfo: PyInstance | null;
}
export type DateTimeValue = DateValue & TimeValue;
export interface TimedeltaValue {
  days: number;
  seconds: number;
  microseconds: number;
}
export interface TimezoneValue {
  offset: TimedeltaValue;
  name: string | null;
}

// ---- calendar helpers -----------------------------------------------------------------------

const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number): boolean => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const daysInMonth = (y: number, m: number): number => (m === 2 && isLeap(y) ? 29 : DAYS_IN_MONTH[m]);
function daysBeforeYear(y: number): number {
  const p = y - 1;
  return p * 365 + Math.floor(p / 4) - Math.floor(p / 100) + Math.floor(p / 400);
}
function daysBeforeMonth(y: number, m: number): number {
  let n = 0;
  for (let i = 1; i < m; i++) n += DAYS_IN_MONTH[i];
  if (m > 2 && isLeap(y)) n++;
  return n;
}
export function toOrdinal(d: DateValue): number {
  return daysBeforeYear(d.year) + daysBeforeMonth(d.year, d.month) + d.day;
}
export function fromOrdinal(n: number): DateValue {
  let y = Math.floor((n - 1) / 365.2425) + 1;
  while (daysBeforeYear(y + 1) < n) y++;
  while (daysBeforeYear(y) >= n) y--;
  let rest = n - daysBeforeYear(y);
  let m = 1;
  while (rest > daysInMonth(y, m)) {
    rest -= daysInMonth(y, m);
    m++;
  }
  return { year: y, month: m, day: rest };
}

function checkDate(y: number, m: number, d: number): void {
  if (y < 1 || y > 9999) throw err('ValueError', `year ${y} is out of range`);
  if (m < 1 || m > 12) throw err('ValueError', 'month must be in 1..12');
  if (d < 1 || d > daysInMonth(y, m)) throw err('ValueError', 'day is out of range for month');
}
function checkTime(h: number, mi: number, s: number, us: number): void {
  if (h < 0 || h > 23) throw err('ValueError', 'hour must be in 0..23');
  if (mi < 0 || mi > 59) throw err('ValueError', 'minute must be in 0..59');
  if (s < 0 || s > 59) throw err('ValueError', 'second must be in 0..59');
  if (us < 0 || us > 999999) throw err('ValueError', 'microsecond must be in 0..999999');
}

const p2 = (n: number): string => String(n).padStart(2, '0');
const p4 = (n: number): string => String(n).padStart(4, '0');

// ---- timedelta ------------------------------------------------------------------------------

export function normTimedelta(days: number, seconds: number, us: number): TimedeltaValue {
  let total = BigInt(Math.round(days * 86400e6)) + BigInt(Math.round(seconds * 1e6)) + BigInt(Math.round(us));
  const dayUs = 86400000000n;
  let d = total / dayUs;
  total -= d * dayUs;
  if (total < 0n) {
    total += dayUs;
    d -= 1n;
  }
  const s = total / 1000000n;
  const u = total % 1000000n;
  if (d > 999999999n || d < -999999999n) throw err('OverflowError', `days=${d}; must have magnitude <= 999999999`);
  return { days: Number(d), seconds: Number(s), microseconds: Number(u) };
}
export const tdMicros = (t: TimedeltaValue): bigint => BigInt(t.days) * 86400000000n + BigInt(t.seconds) * 1000000n + BigInt(t.microseconds);
function tdFromMicros(us: bigint): TimedeltaValue {
  const dayUs = 86400000000n;
  let d = us / dayUs;
  let rest = us - d * dayUs;
  if (rest < 0n) {
    rest += dayUs;
    d -= 1n;
  }
  return { days: Number(d), seconds: Number(rest / 1000000n), microseconds: Number(rest % 1000000n) };
}

export function timedeltaRepr(t: TimedeltaValue): string {
  const parts: string[] = [];
  if (t.days) parts.push(`days=${t.days}`);
  if (t.seconds) parts.push(`seconds=${t.seconds}`);
  if (t.microseconds) parts.push(`microseconds=${t.microseconds}`);
  return `datetime.timedelta(${parts.length ? parts.join(', ') : '0'})`;
}
export function timedeltaStr(t: TimedeltaValue): string {
  const h = Math.floor(t.seconds / 3600);
  const m = Math.floor((t.seconds % 3600) / 60);
  const s = t.seconds % 60;
  let out = `${h}:${p2(m)}:${p2(s)}`;
  if (t.microseconds) out += '.' + String(t.microseconds).padStart(6, '0');
  if (t.days) out = `${t.days} day${Math.abs(t.days) === 1 ? '' : 's'}, ` + out;
  return out;
}

const tdSig = sig('timedelta', 'days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0, hours=0, weeks=0');

export const TimedeltaClass: PyClass = nativeClass({
  name: 'timedelta',
  module: 'datetime',
  hooks: {
    construct: (cls, args, kwargs) => {
      const a = bind(tdSig, args, kwargs);
      const n = (k: string): number => num(a[k]!, 'timedelta');
      const v = normTimedelta(n('days') + n('weeks') * 7, n('seconds') + n('minutes') * 60 + n('hours') * 3600, n('microseconds') + n('milliseconds') * 1000);
      return new PyInstance(cls, v);
    },
    repr: (self) => timedeltaRepr(self.native as TimedeltaValue),
    str: (self) => timedeltaStr(self.native as TimedeltaValue),
    getAttr: (self, name) => {
      const t = self.native as TimedeltaValue;
      if (name === 'days') return BigInt(t.days);
      if (name === 'seconds') return BigInt(t.seconds);
      if (name === 'microseconds') return BigInt(t.microseconds);
      return undefined;
    },
    eq: (self, other) => isTimedelta(other) && tdMicros(self.native as TimedeltaValue) === tdMicros(other.native as TimedeltaValue),
    hash: (self) => 'td:' + tdMicros(self.native as TimedeltaValue),
    compare: (op, self, other) => {
      if (!isTimedelta(other)) return undefined;
      return cmp(op, tdMicros(self.native as TimedeltaValue), tdMicros(other.native as TimedeltaValue));
    },
    truthy: (self) => tdMicros(self.native as TimedeltaValue) !== 0n,
    binaryOp: (op, self, other, reflected) => {
      const a = tdMicros(self.native as TimedeltaValue);
      if (isTimedelta(other)) {
        const b = tdMicros(other.native as TimedeltaValue);
        const [x, y] = reflected ? [b, a] : [a, b];
        if (op === '+') return makeTimedelta(tdFromMicros(x + y));
        if (op === '-') return makeTimedelta(tdFromMicros(x - y));
        if (op === '/') return Number(x) / Number(y);
        if (op === '//') return x / y;
        if (op === '%') return makeTimedelta(tdFromMicros(((x % y) + y) % y));
        return undefined;
      }
      if (op === '*' && (typeof other === 'bigint' || typeof other === 'number' || typeof other === 'boolean')) {
        return makeTimedelta(tdFromMicros(BigInt(Math.round(Number(a) * toNumber(other)))));
      }
      if (!reflected && (op === '/' || op === '//') && (typeof other === 'bigint' || typeof other === 'number')) {
        if (toNumber(other) === 0) throw err('ZeroDivisionError', 'division by zero');
        const q = Number(a) / toNumber(other);
        return makeTimedelta(tdFromMicros(BigInt(op === '//' ? Math.floor(q) : Math.round(q))));
      }
      return undefined;
    },
    unaryOp: (op, self) => {
      const a = tdMicros(self.native as TimedeltaValue);
      if (op === '-') return makeTimedelta(tdFromMicros(-a));
      if (op === '+') return self;
      return undefined;
    },
  },
  methods: {
    total_seconds: method('timedelta.total_seconds', 'self', (a) => Number(tdMicros((a.self as PyInstance).native as TimedeltaValue)) / 1e6),
    __abs__: method('timedelta.__abs__', 'self', (a) => {
      const us = tdMicros((a.self as PyInstance).native as TimedeltaValue);
      return makeTimedelta(tdFromMicros(us < 0n ? -us : us));
    }),
  },
});

function cmp(op: string, a: bigint | number, b: bigint | number): boolean {
  return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
}

function num(v: PyValue, what: string): number {
  if (typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean') return toNumber(v);
  throw err('TypeError', `unsupported type for ${what} component: ${typeName(v)}`);
}

export const makeTimedelta = (t: TimedeltaValue): PyInstance => new PyInstance(TimedeltaClass, t);
export const isTimedelta = (v: PyValue): v is PyInstance => v instanceof PyInstance && v.cls.isSubclassOf(TimedeltaClass);

// ---- timezone -------------------------------------------------------------------------------

function offsetString(t: TimedeltaValue, colon = true): string {
  let us = tdMicros(t);
  const sign = us < 0n ? '-' : '+';
  if (us < 0n) us = -us;
  const totalS = Number(us / 1000000n);
  const h = Math.floor(totalS / 3600);
  const m = Math.floor((totalS % 3600) / 60);
  const s = totalS % 60;
  const sep = colon ? ':' : '';
  let out = `${sign}${p2(h)}${sep}${p2(m)}`;
  if (s || us % 1000000n) out += `${sep}${p2(s)}`;
  if (us % 1000000n) out += '.' + String(us % 1000000n).padStart(6, '0');
  return out;
}

export const TimezoneClass: PyClass = nativeClass({
  name: 'timezone',
  module: 'datetime',
  hooks: {
    construct: (cls, args, kwargs) => {
      const a = bind(sig('timezone', 'offset, name=None'), args, kwargs);
      if (!isTimedelta(a.offset!)) {
        throw err('TypeError', `timezone() argument 1 must be datetime.timedelta, not ${typeName(a.offset!)}`);
      }
      const off = a.offset.native as TimedeltaValue;
      if (tdMicros(off) === 0n && a.name === null) return utc;
      return new PyInstance(cls, { offset: off, name: a.name as string | null } satisfies TimezoneValue);
    },
    repr: (self) => {
      if (self === utc) return 'datetime.timezone.utc';
      const z = self.native as TimezoneValue;
      return `datetime.timezone(${timedeltaRepr(z.offset)}${z.name !== null ? ', ' + pyRepr(z.name) : ''})`;
    },
    str: (self) => tzName(self),
    eq: (self, other) => other instanceof PyInstance && other.cls === TimezoneClass && tdMicros((self.native as TimezoneValue).offset) === tdMicros((other.native as TimezoneValue).offset),
    hash: (self) => 'tz:' + tdMicros((self.native as TimezoneValue).offset),
  },
  methods: {
    utcoffset: method('timezone.utcoffset', 'self, dt', (a) => makeTimedelta(((a.self as PyInstance).native as TimezoneValue).offset)),
    tzname: method('timezone.tzname', 'self, dt', (a) => tzName(a.self as PyInstance)),
    dst: method('timezone.dst', 'self, dt', () => null),
  },
});

function tzName(tz: PyInstance): string {
  const z = tz.native as TimezoneValue;
  if (z.name !== null) return z.name;
  if (tdMicros(z.offset) === 0n) return 'UTC';
  return 'UTC' + offsetString(z.offset);
}

export const utc = new PyInstance(TimezoneClass, { offset: { days: 0, seconds: 0, microseconds: 0 }, name: null } satisfies TimezoneValue);
TimezoneClass.dict.set('utc', utc);

/** The UTC offset of a tzinfo (timezone instances, or Python tzinfo objects with utcoffset()). */
function tzOffset(tz: PyInstance | null): bigint | null {
  if (!tz) return null;
  if (tz.cls === TimezoneClass) return tdMicros((tz.native as TimezoneValue).offset);
  return null;
}

// ---- date -----------------------------------------------------------------------------------

const dateSig = sig('date', 'year, month, day');

export const DateClass: PyClass = nativeClass({
  name: 'date',
  module: 'datetime',
  hooks: {
    construct: (cls, args, kwargs) => {
      const a = bind(dateSig, args, kwargs);
      const y = int(a.year!);
      const m = int(a.month!);
      const d = int(a.day!);
      checkDate(y, m, d);
      return new PyInstance(cls, { year: y, month: m, day: d } satisfies DateValue);
    },
    repr: (self) => {
      const d = self.native as DateValue;
      return `datetime.date(${d.year}, ${d.month}, ${d.day})`;
    },
    str: (self) => dateIso(self.native as DateValue),
    getAttr: (self, name) => {
      const d = self.native as DateValue;
      if (name === 'year' || name === 'month' || name === 'day') return BigInt(d[name]);
      return undefined;
    },
    eq: (self, other) => isDateOnly(other) && toOrdinal(self.native as DateValue) === toOrdinal(other.native as DateValue),
    hash: (self) => 'date:' + toOrdinal(self.native as DateValue),
    compare: (op, self, other) => {
      if (!isDateOnly(other)) {
        if (isDatetime(other)) throw err('TypeError', "can't compare datetime.datetime to datetime.date");
        return undefined;
      }
      return cmp(op, toOrdinal(self.native as DateValue), toOrdinal(other.native as DateValue));
    },
    binaryOp: (op, self, other, reflected) => {
      const d = self.native as DateValue;
      if (isTimedelta(other) && (op === '+' || (op === '-' && !reflected))) {
        const days = (other.native as TimedeltaValue).days * (op === '-' ? -1 : 1);
        const n = toOrdinal(d) + days;
        if (n < 1 || n > 3652059) throw err('OverflowError', 'date value out of range');
        return new PyInstance(self.cls, fromOrdinal(n));
      }
      if (op === '-' && isDateOnly(other)) {
        const diff = toOrdinal(d) - toOrdinal(other.native as DateValue);
        return makeTimedelta(normTimedelta(reflected ? -diff : diff, 0, 0));
      }
      return undefined;
    },
    format: (self, spec) => (spec ? strftime(self.native as DateTimeValue, spec, false) : dateIso(self.native as DateValue)),
  },
  methods: {
    isoformat: method('date.isoformat', 'self', (a) => dateIso(nat<DateValue>(a))),
    strftime: method('date.strftime', 'self, format', (a) => strftime(nat<DateTimeValue>(a), String(a.format), false)),
    weekday: method('date.weekday', 'self', (a) => BigInt((toOrdinal(nat<DateValue>(a)) + 6) % 7)),
    isoweekday: method('date.isoweekday', 'self', (a) => BigInt(((toOrdinal(nat<DateValue>(a)) + 6) % 7) + 1)),
    toordinal: method('date.toordinal', 'self', (a) => BigInt(toOrdinal(nat<DateValue>(a)))),
    replace: method('date.replace', 'self, year=None, month=None, day=None', (a) => {
      const d = nat<DateValue>(a);
      const v = { year: opt(a.year, d.year), month: opt(a.month, d.month), day: opt(a.day, d.day) };
      checkDate(v.year, v.month, v.day);
      return new PyInstance((a.self as PyInstance).cls, v);
    }),
    timetuple: method('date.timetuple', 'self', (a) => {
      const d = nat<DateValue>(a);
      return new PyTuple([BigInt(d.year), BigInt(d.month), BigInt(d.day), 0n, 0n, 0n]);
    }),
  },
  classMethods: {
    today: () => {
      activity.volatileReads++;
      const n = new Date();
      return makeDate({ year: n.getFullYear(), month: n.getMonth() + 1, day: n.getDate() });
    },
    fromisoformat: (cls, args) => {
      const s = String(args[0]);
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
      if (!m) throw err('ValueError', `Invalid isoformat string: ${pyRepr(s)}`);
      checkDate(+m[1], +m[2], +m[3]);
      return new PyInstance(cls, { year: +m[1], month: +m[2], day: +m[3] });
    },
    fromordinal: (cls, args) => new PyInstance(cls, fromOrdinal(int(args[0]))),
  },
});

function nat<T>(a: BoundArgs): T {
  return (a.self as PyInstance).native as T;
}
function opt(v: PyValue | undefined, d: number): number {
  return v === null || v === undefined ? d : int(v);
}
function int(v: PyValue): number {
  if (typeof v === 'number') throw err('TypeError', "'float' object cannot be interpreted as an integer");
  return Number(toIndex(v));
}

const dateIso = (d: DateValue): string => `${p4(d.year)}-${p2(d.month)}-${p2(d.day)}`;

export const makeDate = (d: DateValue): PyInstance => new PyInstance(DateClass, d);
/** A date that is not a datetime. */
export const isDateOnly = (v: PyValue): v is PyInstance => v instanceof PyInstance && v.cls.isSubclassOf(DateClass) && !v.cls.isSubclassOf(DatetimeClass);
export const isDatetime = (v: PyValue): v is PyInstance => v instanceof PyInstance && v.cls.isSubclassOf(DatetimeClass);
export const isTime = (v: PyValue): v is PyInstance => v instanceof PyInstance && v.cls.isSubclassOf(TimeClass);

// ---- time -----------------------------------------------------------------------------------

function timeIso(t: TimeValue, timespec = 'auto'): string {
  let s = `${p2(t.hour)}:${p2(t.minute)}`;
  if (timespec === 'minutes') return s;
  s += `:${p2(t.second)}`;
  if ((timespec === 'auto' && t.microsecond) || timespec === 'microseconds') s += '.' + String(t.microsecond).padStart(6, '0');
  else if (timespec === 'milliseconds') s += '.' + String(Math.floor(t.microsecond / 1000)).padStart(3, '0');
  return s;
}

function timeReprArgs(t: TimeValue): string {
  const parts = [t.hour, t.minute];
  if (t.second || t.microsecond) parts.push(t.second);
  if (t.microsecond) parts.push(t.microsecond);
  let s = parts.join(', ');
  if (t.tzinfo) s += `, tzinfo=${pyRepr(t.tzinfo)}`;
  return s;
}

const timeSig = sig('time', 'hour=0, minute=0, second=0, microsecond=0, tzinfo=None, *, fold=0');

export const TimeClass: PyClass = nativeClass({
  name: 'time',
  module: 'datetime',
  hooks: {
    construct: (cls, args, kwargs) => {
      const a = bind(timeSig, args, kwargs);
      const v: TimeValue = { hour: int(a.hour!), minute: int(a.minute!), second: int(a.second!), microsecond: int(a.microsecond!), tzinfo: tzArg(a.tzinfo!) };
      checkTime(v.hour, v.minute, v.second, v.microsecond);
      return new PyInstance(cls, v);
    },
    repr: (self) => `datetime.time(${timeReprArgs(self.native as TimeValue)})`,
    str: (self) => {
      const t = self.native as TimeValue;
      const off = tzOffset(t.tzinfo);
      return timeIso(t) + (off !== null ? offsetString(tdFromMicros(off)) : '');
    },
    getAttr: (self, name) => {
      const t = self.native as TimeValue;
      if (name === 'hour' || name === 'minute' || name === 'second' || name === 'microsecond') return BigInt(t[name]);
      if (name === 'tzinfo') return t.tzinfo;
      return undefined;
    },
    eq: (self, other) => isTime(other) && timeMicros(self.native as TimeValue) === timeMicros(other.native as TimeValue),
    hash: (self) => 'time:' + timeMicros(self.native as TimeValue),
    compare: (op, self, other) => (isTime(other) ? cmp(op, timeMicros(self.native as TimeValue), timeMicros(other.native as TimeValue)) : undefined),
    format: (self, spec) => (spec ? strftime({ year: 1900, month: 1, day: 1, ...(self.native as TimeValue) }, spec, true) : timeIso(self.native as TimeValue)),
  },
  methods: {
    isoformat: method('time.isoformat', "self, timespec='auto'", (a) => timeIso(nat<TimeValue>(a), String(a.timespec))),
    strftime: method('time.strftime', 'self, format', (a) => strftime({ year: 1900, month: 1, day: 1, ...nat<TimeValue>(a) }, String(a.format), true)),
    replace: method('time.replace', 'self, hour=None, minute=None, second=None, microsecond=None, tzinfo=?', (a) => {
      const t = nat<TimeValue>(a);
      return new PyInstance(TimeClass, {
        hour: opt(a.hour, t.hour),
        minute: opt(a.minute, t.minute),
        second: opt(a.second, t.second),
        microsecond: opt(a.microsecond, t.microsecond),
        tzinfo: a.tzinfo === undefined ? t.tzinfo : tzArg(a.tzinfo),
      } satisfies TimeValue);
    }),
  },
});

const timeMicros = (t: TimeValue): number => ((t.hour * 60 + t.minute) * 60 + t.second) * 1e6 + t.microsecond;

function tzArg(v: PyValue): PyInstance | null {
  if (v === null) return null;
  if (v instanceof PyInstance) return v;
  throw err('TypeError', `tzinfo argument must be None or of a tzinfo subclass, not type '${typeName(v)}'`);
}

// ---- datetime -------------------------------------------------------------------------------

const dtSig = sig('datetime', 'year, month, day, hour=0, minute=0, second=0, microsecond=0, tzinfo=None, *, fold=0');

/** Microseconds since 0001-01-01 (naive, or UTC for aware values). */
export function datetimeMicros(d: DateTimeValue): bigint {
  const local = BigInt(toOrdinal(d)) * 86400000000n + BigInt(timeMicros(d));
  const off = tzOffset(d.tzinfo);
  return off === null ? local : local - off;
}

function fromMicros(us: bigint, tzinfo: PyInstance | null): DateTimeValue {
  const off = tzOffset(tzinfo) ?? 0n;
  const local = us + off;
  const day = local / 86400000000n;
  let rest = local - day * 86400000000n;
  let dayN = Number(day);
  if (rest < 0n) {
    rest += 86400000000n;
    dayN -= 1;
  }
  const date = fromOrdinal(dayN);
  const r = Number(rest);
  const microsecond = r % 1e6;
  const secs = Math.floor(r / 1e6);
  return { ...date, hour: Math.floor(secs / 3600), minute: Math.floor((secs % 3600) / 60), second: secs % 60, microsecond, tzinfo };
}

function dtIso(d: DateTimeValue, sep = 'T', timespec = 'auto'): string {
  const off = tzOffset(d.tzinfo);
  return dateIso(d) + sep + timeIso(d, timespec) + (off !== null ? offsetString(tdFromMicros(off)) : '');
}

export const DatetimeClass: PyClass = nativeClass({
  name: 'datetime',
  module: 'datetime',
  bases: [DateClass],
  hooks: {
    construct: (cls, args, kwargs) => {
      const a = bind(dtSig, args, kwargs);
      const v: DateTimeValue = {
        year: int(a.year!),
        month: int(a.month!),
        day: int(a.day!),
        hour: int(a.hour!),
        minute: int(a.minute!),
        second: int(a.second!),
        microsecond: int(a.microsecond!),
        tzinfo: tzArg(a.tzinfo!),
      };
      checkDate(v.year, v.month, v.day);
      checkTime(v.hour, v.minute, v.second, v.microsecond);
      return new PyInstance(cls, v);
    },
    repr: (self) => {
      const d = self.native as DateTimeValue;
      return `datetime.datetime(${d.year}, ${d.month}, ${d.day}, ${timeReprArgs(d)})`;
    },
    str: (self) => dtIso(self.native as DateTimeValue, ' '),
    getAttr: (self, name) => {
      const d = self.native as DateTimeValue;
      switch (name) {
        case 'year':
        case 'month':
        case 'day':
        case 'hour':
        case 'minute':
        case 'second':
        case 'microsecond':
          return BigInt(d[name]);
        case 'tzinfo':
          return d.tzinfo;
      }
      return undefined;
    },
    eq: (self, other) => {
      if (!isDatetime(other)) return false;
      const a = self.native as DateTimeValue;
      const b = other.native as DateTimeValue;
      if ((tzOffset(a.tzinfo) === null) !== (tzOffset(b.tzinfo) === null)) return false;
      return datetimeMicros(a) === datetimeMicros(b);
    },
    hash: (self) => 'dt:' + datetimeMicros(self.native as DateTimeValue),
    compare: (op, self, other) => {
      if (!isDatetime(other)) {
        if (isDateOnly(other)) throw err('TypeError', "can't compare datetime.datetime to datetime.date");
        return undefined;
      }
      const a = self.native as DateTimeValue;
      const b = other.native as DateTimeValue;
      if ((tzOffset(a.tzinfo) === null) !== (tzOffset(b.tzinfo) === null)) {
        throw err('TypeError', "can't compare offset-naive and offset-aware datetimes");
      }
      return cmp(op, datetimeMicros(a), datetimeMicros(b));
    },
    binaryOp: (op, self, other, reflected) => {
      const d = self.native as DateTimeValue;
      if (isTimedelta(other) && (op === '+' || (op === '-' && !reflected))) {
        const delta = tdMicros(other.native as TimedeltaValue) * (op === '-' ? -1n : 1n);
        const localUs = BigInt(toOrdinal(d)) * 86400000000n + BigInt(timeMicros(d)) + delta;
        const r = fromMicros(localUs, null);
        r.tzinfo = d.tzinfo;
        return new PyInstance(self.cls, r);
      }
      if (op === '-' && isDatetime(other)) {
        const o = other.native as DateTimeValue;
        if ((tzOffset(d.tzinfo) === null) !== (tzOffset(o.tzinfo) === null)) {
          throw err('TypeError', "can't subtract offset-naive and offset-aware datetimes");
        }
        const diff = datetimeMicros(d) - datetimeMicros(o);
        return makeTimedelta(tdFromMicros(reflected ? -diff : diff));
      }
      return undefined;
    },
    format: (self, spec) => (spec ? strftime(self.native as DateTimeValue, spec, true) : dtIso(self.native as DateTimeValue, ' ')),
  },
  methods: {
    isoformat: method('datetime.isoformat', "self, sep='T', timespec='auto'", (a) => dtIso(nat<DateTimeValue>(a), String(a.sep), String(a.timespec))),
    strftime: method('datetime.strftime', 'self, format', (a) => strftime(nat<DateTimeValue>(a), String(a.format), true)),
    date: method('datetime.date', 'self', (a) => {
      const d = nat<DateTimeValue>(a);
      return makeDate({ year: d.year, month: d.month, day: d.day });
    }),
    time: method('datetime.time', 'self', (a) => {
      const d = nat<DateTimeValue>(a);
      return new PyInstance(TimeClass, { hour: d.hour, minute: d.minute, second: d.second, microsecond: d.microsecond, tzinfo: null } satisfies TimeValue);
    }),
    timestamp: method('datetime.timestamp', 'self', (a) => {
      const d = nat<DateTimeValue>(a);
      const epoch = BigInt(toOrdinal({ year: 1970, month: 1, day: 1 })) * 86400000000n;
      return Number(datetimeMicros(d) - epoch) / 1e6;
    }),
    utcoffset: method('datetime.utcoffset', 'self', (a) => {
      const off = tzOffset(nat<DateTimeValue>(a).tzinfo);
      return off === null ? null : makeTimedelta(tdFromMicros(off));
    }),
    tzname: method('datetime.tzname', 'self', (a) => {
      const tz = nat<DateTimeValue>(a).tzinfo;
      return tz ? tzName(tz) : null;
    }),
    astimezone: method('datetime.astimezone', 'self, tz=None', (a) => {
      const d = nat<DateTimeValue>(a);
      const tz = tzArg(a.tz!) ?? utc;
      return new PyInstance(DatetimeClass, fromMicros(datetimeMicros(d), tz));
    }),
    replace: method('datetime.replace', 'self, year=None, month=None, day=None, hour=None, minute=None, second=None, microsecond=None, tzinfo=?', (a) => {
      const d = nat<DateTimeValue>(a);
      const v: DateTimeValue = {
        year: opt(a.year, d.year),
        month: opt(a.month, d.month),
        day: opt(a.day, d.day),
        hour: opt(a.hour, d.hour),
        minute: opt(a.minute, d.minute),
        second: opt(a.second, d.second),
        microsecond: opt(a.microsecond, d.microsecond),
        tzinfo: a.tzinfo === undefined ? d.tzinfo : tzArg(a.tzinfo),
      };
      checkDate(v.year, v.month, v.day);
      checkTime(v.hour, v.minute, v.second, v.microsecond);
      return new PyInstance((a.self as PyInstance).cls, v);
    }),
  },
  classMethods: {
    now: (cls, args, kwargs) => {
      const a = bind(sig('datetime.now', 'tz=None'), args, kwargs);
      const tz = tzArg(a.tz!);
      if (tz) return new PyInstance(cls, fromMicros(nowMicros(), tz));
      activity.volatileReads++;
      const n = new Date();
      return new PyInstance(cls, {
        year: n.getFullYear(),
        month: n.getMonth() + 1,
        day: n.getDate(),
        hour: n.getHours(),
        minute: n.getMinutes(),
        second: n.getSeconds(),
        microsecond: n.getMilliseconds() * 1000,
        tzinfo: null,
      } satisfies DateTimeValue);
    },
    utcnow: (cls) => new PyInstance(cls, fromMicros(nowMicros(), null)),
    today: (cls) => {
      activity.volatileReads++;
      const n = new Date();
      return new PyInstance(cls, {
        year: n.getFullYear(),
        month: n.getMonth() + 1,
        day: n.getDate(),
        hour: n.getHours(),
        minute: n.getMinutes(),
        second: n.getSeconds(),
        microsecond: n.getMilliseconds() * 1000,
        tzinfo: null,
      } satisfies DateTimeValue);
    },
    combine: (cls, args) => {
      const d = (args[0] as PyInstance).native as DateValue;
      const t = (args[1] as PyInstance).native as TimeValue;
      return new PyInstance(cls, { year: d.year, month: d.month, day: d.day, ...t, tzinfo: args[2] !== undefined ? tzArg(args[2]) : t.tzinfo });
    },
    fromisoformat: (cls, args) => {
      const s = String(args[0]);
      const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?(Z|[+-]\d{2}:\d{2})?$/.exec(s);
      if (!m) throw err('ValueError', `Invalid isoformat string: ${pyRepr(s)}`);
      let tz: PyInstance | null = null;
      if (m[8]) {
        if (m[8] === 'Z') tz = utc;
        else {
          const sign = m[8][0] === '-' ? -1 : 1;
          const off = normTimedelta(0, sign * (Number(m[8].slice(1, 3)) * 3600 + Number(m[8].slice(4, 6)) * 60), 0);
          tz = tdMicros(off) === 0n ? utc : new PyInstance(TimezoneClass, { offset: off, name: null } satisfies TimezoneValue);
        }
      }
      const v: DateTimeValue = {
        year: +m[1],
        month: +m[2],
        day: +m[3],
        hour: +(m[4] ?? 0),
        minute: +(m[5] ?? 0),
        second: +(m[6] ?? 0),
        microsecond: m[7] ? Number(m[7].padEnd(6, '0')) : 0,
        tzinfo: tz,
      };
      checkDate(v.year, v.month, v.day);
      checkTime(v.hour, v.minute, v.second, v.microsecond);
      return new PyInstance(cls, v);
    },
    fromtimestamp: (cls, args) => {
      const tz = args[1] !== undefined ? tzArg(args[1]) : null;
      const epoch = BigInt(toOrdinal({ year: 1970, month: 1, day: 1 })) * 86400000000n;
      return new PyInstance(cls, fromMicros(epoch + BigInt(Math.round(toNumber(args[0] as number) * 1e6)), tz ?? utc));
    },
  },
});

function nowMicros(): bigint {
  activity.volatileReads++;
  const epoch = BigInt(toOrdinal({ year: 1970, month: 1, day: 1 })) * 86400000000n;
  return epoch + BigInt(Date.now()) * 1000n;
}

/** An aware or naive Python datetime from its parts. */
export function makeDatetime(v: DateTimeValue): PyInstance {
  return new PyInstance(DatetimeClass, v);
}

/** The current time as an aware UTC datetime (Django's timezone.now() with USE_TZ). */
export function utcNow(): PyInstance {
  return makeDatetime(fromMicros(nowMicros(), utc));
}

const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTH_NAMES = ['', 'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function strftime(d: DateTimeValue, fmt: string, hasTime: boolean): string {
  void hasTime;
  const wd = (toOrdinal(d) + 6) % 7;
  return fmt.replace(/%([a-zA-Z%])/g, (_m, c: string) => {
    switch (c) {
      case 'Y':
        return String(d.year);
      case 'y':
        return p2(d.year % 100);
      case 'm':
        return p2(d.month);
      case 'd':
        return p2(d.day);
      case 'H':
        return p2(d.hour ?? 0);
      case 'I':
        return p2(((d.hour ?? 0) + 11) % 12 + 1);
      case 'p':
        return (d.hour ?? 0) < 12 ? 'AM' : 'PM';
      case 'M':
        return p2(d.minute ?? 0);
      case 'S':
        return p2(d.second ?? 0);
      case 'f':
        return String(d.microsecond ?? 0).padStart(6, '0');
      case 'A':
        return DAY_NAMES[wd];
      case 'a':
        return DAY_NAMES[wd].slice(0, 3);
      case 'B':
        return MONTH_NAMES[d.month];
      case 'b':
      case 'h':
        return MONTH_NAMES[d.month].slice(0, 3);
      case 'j':
        return String(daysBeforeMonth(d.year, d.month) + d.day).padStart(3, '0');
      case 'w':
        return String((wd + 1) % 7);
      case 'z': {
        const off = tzOffset(d.tzinfo ?? null);
        return off === null ? '' : offsetString(tdFromMicros(off), false);
      }
      case 'Z':
        return d.tzinfo ? tzName(d.tzinfo) : '';
      case '%':
        return '%';
      default:
        return '%' + c;
    }
  });
}

registerNativeModule('datetime', () =>
  makeModule('datetime', {
    date: DateClass,
    datetime: DatetimeClass,
    time: TimeClass,
    timedelta: TimedeltaClass,
    timezone: TimezoneClass,
    tzinfo: TimezoneClass,
    MINYEAR: 1n,
    MAXYEAR: 9999n,
    UTC: utc,
  }),
);

void hashKey;
