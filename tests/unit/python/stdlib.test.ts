import { describe, expect, test } from 'vitest';
import { evalRepr, out, error } from './helpers';

describe('decimal', () => {
  test.each([
    ["Decimal('1.50')", "Decimal('1.50')"],
    ["str(Decimal('1E+2')), str(Decimal('0.0000001')), str(Decimal('123.456e-10'))", "('1E+2', '1E-7', '1.23456E-8')"],
    ['Decimal(0.1)', "Decimal('0.1000000000000000055511151231257827021181583404541015625')"],
    ["Decimal('1.1') + Decimal('2.20'), Decimal('5') - Decimal('5.00'), Decimal('1.5') * 2", "(Decimal('3.30'), Decimal('0.00'), Decimal('3.0'))"],
    ["Decimal('1') / Decimal('3'), Decimal('10') / Decimal('4'), Decimal(10) / Decimal('0.5'), Decimal('1') / Decimal('8')", "(Decimal('0.3333333333333333333333333333'), Decimal('2.5'), Decimal('2E+1'), Decimal('0.125'))"],
    ["Decimal('7') // Decimal('2'), Decimal('-7') % Decimal('3'), Decimal(2) ** 3", "(Decimal('3'), Decimal('-1'), Decimal('8'))"],
    ["Decimal('1.0') == 1, Decimal('1.5') > 1, {Decimal('1.0'): 'x'}[1], Decimal('-0')", "(True, True, 'x', Decimal('-0'))"],
    ["Decimal('1.2345').quantize(Decimal('0.01')), Decimal('2.5').quantize(Decimal('1')), f\"{Decimal('3.14159'):.2f}\"", "(Decimal('1.23'), Decimal('2'), '3.14')"],
    ["Decimal('NaN'), Decimal('-inf'), int(Decimal('7.9')), float(Decimal('0.5'))", "(Decimal('NaN'), Decimal('-Infinity'), 7, 0.5)"],
  ])('%s', (expr, expected) => {
    expect(evalRepr(expr, 'from decimal import Decimal')).toBe(expected);
  });
  test('bad literal', () => {
    expect(error("from decimal import Decimal\nDecimal('x')")).toBe("decimal.InvalidOperation: [<class 'decimal.ConversionSyntax'>] @2");
  });
});

describe('datetime', () => {
  const pre = 'import datetime\nfrom datetime import date, time, timedelta, timezone';
  test.each([
    ['datetime.datetime(2024, 1, 1, tzinfo=timezone.utc)', 'datetime.datetime(2024, 1, 1, 0, 0, tzinfo=datetime.timezone.utc)'],
    ['datetime.datetime(2024, 1, 1, 12, 30, 5, 123)', 'datetime.datetime(2024, 1, 1, 12, 30, 5, 123)'],
    ['date(2024, 1, 1), time(12, 0), time(0, 0, 5)', '(datetime.date(2024, 1, 1), datetime.time(12, 0), datetime.time(0, 0, 5))'],
    ['timedelta(days=1, hours=1), timedelta(0), timedelta(minutes=-1), timedelta(microseconds=1)', '(datetime.timedelta(days=1, seconds=3600), datetime.timedelta(0), datetime.timedelta(days=-1, seconds=86340), datetime.timedelta(microseconds=1))'],
    ['timezone(timedelta(hours=2)), str(timezone.utc)', "(datetime.timezone(datetime.timedelta(seconds=7200)), 'UTC')"],
    ['str(datetime.datetime(2024, 1, 1, tzinfo=timezone.utc)), str(timedelta(days=1, hours=1)), str(timedelta(minutes=-1)), str(timedelta(seconds=1.5))', "('2024-01-01 00:00:00+00:00', '1 day, 1:00:00', '-1 day, 23:59:00', '0:00:01.500000')"],
    ['datetime.datetime(2024, 1, 1, 12, 30, 5, 123).isoformat(), date(2024, 1, 1) + timedelta(days=40), datetime.datetime(2024, 3, 1) - datetime.datetime(2024, 1, 1)', "('2024-01-01T12:30:05.000123', datetime.date(2024, 2, 10), datetime.timedelta(days=60))"],
    ['str(datetime.datetime(2024, 1, 1, tzinfo=timezone(timedelta(hours=-5, minutes=-30))))', "'2024-01-01 00:00:00-05:30'"],
    ['date(2024, 2, 29).strftime("%Y/%m/%d %A %b"), date(2024, 1, 1) < date(2024, 1, 2), date.fromisoformat("2024-05-06")', "('2024/02/29 Thursday Feb', True, datetime.date(2024, 5, 6))"],
    ['datetime.datetime.now(timezone.utc).tzinfo, type(datetime.datetime.now())', "(datetime.timezone.utc, <class 'datetime.datetime'>)"],
  ])('%s', (expr, expected) => {
    expect(evalRepr(expr, pre)).toBe(expected);
  });
  test('errors', () => {
    expect(error('import datetime\ndatetime.date(2024, 2, 30)')).toBe('ValueError: day is out of range for month @2');
    expect(error('import datetime\ndatetime.datetime(2024, 1, 1) < datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)')).toBe(
      "TypeError: can't compare offset-naive and offset-aware datetimes @2",
    );
  });
});

describe('uuid, functools, re, enum, math, pathlib, json', () => {
  test.each([
    ["uuid.UUID('12345678123456781234567812345678'), uuid.UUID('12345678-1234-5678-1234-567812345678').hex", "(UUID('12345678-1234-5678-1234-567812345678'), '12345678123456781234567812345678')", 'import uuid'],
    ['len(str(uuid.uuid4())), uuid.uuid4().version, uuid.uuid4() == uuid.uuid4()', '(36, 4, False)', 'import uuid'],
    ['partial(f, 1)(2), partial(f, b=5)(1), partial(f, 1).args', '(3, 6, (1,))', 'from functools import partial\ndef f(a, b): return a + b'],
    ["re.compile('a'), re.compile(r'^\\d+$', re.I | re.M), re.compile('a').flags, re.compile('x', re.I).pattern", "(re.compile('a'), re.compile('^\\\\d+$', re.IGNORECASE|re.MULTILINE), 32, 'x')", 'import re'],
    ["re.match(r'(\\w+)@(?P<host>\\w+)', 'ann@x').groups(), re.sub(r'\\s+', '-', 'a  b c'), re.findall(r'\\d', 'a1b22'), re.match('b', 'ab')", "(('ann', 'x'), 'a-b-c', ['1', '2', '2'], None)", 'import re'],
    ["repr(S.A), S('b'), S['A'], list(S), len(S), S.A.name, S.A.value, S, S.A in S", "(\"<S.A: 'a'>\", <S.B: 'b'>, <S.A: 'a'>, [<S.A: 'a'>, <S.B: 'b'>], 2, 'A', 'a', <enum 'S'>, True)", "import enum\nclass S(enum.Enum):\n    A = 'a'\n    B = 'b'"],
    ["M.Q == 'q', M.Q.upper(), str(M.Q), I.Y, I.Y + 1, str(I.X), T.P, str(T.P), T.P == 'p'", "(True, 'Q', 'M.Q', <I.Y: 2>, 3, '1', <T.P: 'p'>, 'p', True)", "import enum\nclass M(str, enum.Enum):\n    Q = 'q'\nclass I(enum.IntEnum):\n    X = 1\n    Y = enum.auto()\nclass T(enum.StrEnum):\n    P = enum.auto()"],
    ['math.pi, math.floor(2.5), math.ceil(2.1), math.sqrt(16), math.isnan(math.nan)', '(3.141592653589793, 2, 3, 4.0, True)', 'import math'],
    ["Path('/project/settings.py').resolve().parent / 'db.sqlite3', str(Path('a') / 'b'), Path('/x/y.txt').name", "(PosixPath('/project/db.sqlite3'), 'a/b', 'y.txt')", 'from pathlib import Path'],
    ["os.path.join('a', 'b'), os.path.dirname('/a/b/c.py'), os.environ.get('MISSING', 'd')", "('a/b', '/a/b', 'd')", 'import os'],
    ['json.dumps({"a": [1, 2.5, None, True]}), json.loads(\'{"x": [1, "y"]}\')', "('{\"a\": [1, 2.5, null, true]}', {'x': [1, 'y']})", 'import json'],
    ['copy.deepcopy(x) == x, copy.deepcopy(x) is x, copy.copy(x)[1] is x[1]', '(True, False, True)', 'import copy\nx = [1, [2]]'],
  ])('%s', (expr, expected, pre) => {
    expect(evalRepr(expr, pre)).toBe(expected);
  });
  test('enum errors', () => {
    expect(error("import enum\nclass S(enum.Enum):\n    A = 'a'\nS('z')")).toBe("ValueError: 'z' is not a valid S @4");
    expect(error("import enum\nclass S(enum.Enum):\n    A = 'a'\nS['z']")).toBe("KeyError: 'z' @4");
  });
  test('typing names and sys', () => {
    expect(out('from typing import Optional, List\nimport sys\ndef f(x: Optional[int] = None) -> List[str]:\n    return [str(x)]\nprint(f(), sys.version_info[0])')).toBe("['None'] 3\n");
  });
});
