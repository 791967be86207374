import { describe, expect, test } from 'vitest';
import { error, evalRepr, out } from './helpers';

describe('expressions and reprs', () => {
  test.each([
    ['1_000 + 0x10', '1016'],
    ['7 / 2', '3.5'],
    ['7 // 2, -7 // 2, -7 % 3, 7 % -3', '(3, -4, 2, -2)'],
    ['2 ** 100', '1267650600228229401496703205376'],
    ['2 ** -1', '0.5'],
    ['1e16, 1e15, 0.1, 1.0, 1.5e-5, 0.0001, -0.0', '(1e+16, 1000000000000000.0, 0.1, 1.0, 1.5e-05, 0.0001, -0.0)'],
    ['0.1 + 0.2', '0.30000000000000004'],
    ["'a' \"b\" 'c'", "'abc'"],
    ["\"it's\"", '"it\'s"'],
    ["'say \"hi\"'", "'say \"hi\"'"],
    ["'both \\' and \"'", "'both \\' and \"'"],
    ["'tab\\tnew\\nline\\\\'", "'tab\\tnew\\nline\\\\'"],
    ["r'\\d+'", "'\\\\d+'"],
    ["b'ab\\x00'", "b'ab\\x00'"],
    ['[1, "x", (2,), (), None, True]', "[1, 'x', (2,), (), None, True]"],
    ['{1: 2, "a": [3]}', "{1: 2, 'a': [3]}"],
    ['{1, 2}, set(), frozenset({3})', '({1, 2}, set(), frozenset({3}))'],
    ['[x * 2 for x in range(5) if x % 2]', '[2, 6]'],
    ['{k: v for k, v in zip("ab", [1, 2])}', "{'a': 1, 'b': 2}"],
    ['list(x for x in "abc")', "['a', 'b', 'c']"],
    ['[(i, j) for i in range(2) for j in range(i)]', '[(1, 0)]'],
    ['1 < 2 < 3, 1 < 3 < 2, 2 in [1, 2], 3 not in (1,), None is None, 1 is not None', '(True, False, True, True, True, True)'],
    ['not 1 or 2 and 3', '3'],
    ['"yes" if 0 else "no"', "'no'"],
    ['(lambda a, *b, c=3, **d: (a, b, c, d))(1, 2, e=5)', "(1, (2,), 3, {'e': 5})"],
    ['[1, 2, 3, 4][1:3], [1, 2, 3][::-1], "hello"[-1], (1, 2, 3)[:-1]', "([2, 3], [3, 2, 1], 'o', (1, 2))"],
    ['[*range(2), *"ab"], {**{"a": 1}, "b": 2}', "([0, 1, 'a', 'b'], {'a': 1, 'b': 2})"],
    ['f"{3.14159:.2f}|{\'x\':>5}|{42:05d}|{1234567:,}|{\'q\'!r}|{7=}"', `"3.14|    x|00042|1,234,567|'q'|7=7"`],
    ['"%s-%r-%d-%05.1f" % ("a", "b", 3, 2.25)', `"a-'b'-3-002.2"`],
    ['"%%_%(a)s" % {"a": 1}, "x%s" % {"a": 1}, "%ld|" % (3,)', "('%_1', \"x{'a': 1}\", '3|')"],
    ['format(2.675, ".2f"), format(1e-7, "g"), format(123456789.0, "e"), format(0.5, ".0f"), "%.3g" % 1234.5', "('2.67', '1e-07', '1.234568e+08', '0', '1.23e+03')"],
    ['"{} {name}".format(1, name="n")', "'1 n'"],
    ['(n := 5) + n', '10'],
    ['divmod(7, 2), abs(-3), round(2.5), round(3.5), round(2.675, 2)', '((3, 1), 3, 2, 4, 2.67)'],
    ['int("42"), float("1.5"), str(1.0), bool([]), int(3.9)', "(42, 1.5, '1.0', False, 3)"],
    ['sorted([3, 1, 2], reverse=True), min(3, 1), max("ab", key=len), sum([1, 2])', '([3, 2, 1], 1, \'a\', 3)'],
    ['list(enumerate("ab", 1)), list(map(str, [1])), list(filter(None, [0, 1]))', "([(1, 'a'), (2, 'b')], ['1'], [1])"],
    ['isinstance(True, int), issubclass(bool, int), type(1.0), type(None)', "(True, True, <class 'float'>, <class 'NoneType'>)"],
    ['" a b ".split(), "a,b".split(","), "-".join(["x", "y"]), "Abc".lower(), "abc".startswith(("x", "a"))', "(['a', 'b'], ['a', 'b'], 'x-y', 'abc', True)"],
    ['{"a": 1}.get("b", 2), list({"a": 1}.items()), {"a": 1}.keys()', "(2, [('a', 1)], dict_keys(['a']))"],
    ['1 == 1.0 == True, hash(1) == hash(1.0), {1: "a", 1.0: "b"}', "(True, True, {1: 'b'})"],
    ['chr(65), ord("A"), hex(255) if False else format(255, "x"), repr("é")', "('A', 65, 'ff', \"'é'\")"],
  ])('%s', (expr, expected) => {
    expect(evalRepr(expr)).toBe(expected);
  });
});

describe('statements', () => {
  test('classes, methods, properties, super, classmethods', () => {
    expect(
      out(`
class A:
    kind = "a"
    def __init__(self, v):
        self.v = v
    def __repr__(self):
        return f"A({self.v!r})"
    def __str__(self):
        return "A with " + str(self.v)
    @property
    def double(self):
        return self.v * 2
    @classmethod
    def make(cls, v):
        return cls(v)
    @staticmethod
    def helper(x):
        return x + 1
class B(A):
    def __init__(self, v):
        super().__init__(v + 1)
print(A(1), repr(B(1)), B(2).double, A.make(5), B.make(1), A.helper(1), B.kind)
print(A.__qualname__, A.__name__, B.__mro__, A.__init__.__qualname__)
`),
    ).toBe(
      "A with 1 A(2) 6 A with 5 A with 2 2 a\nA A (<class '__main__.B'>, <class '__main__.A'>, <class 'object'>) A.__init__\n",
    );
  });

  test('control flow', () => {
    expect(
      out(`
total = 0
for i in range(10):
    if i == 2:
        continue
    elif i > 5:
        break
    else:
        total += i
else:
    total = -1
n = 0
while n < 3:
    n += 1
print(total, n)
def gen():
    for i in range(3):
        yield i * i
print(list(gen()))
`),
    ).toBe('13 3\n[0, 1, 4]\n');
  });

  test('try/except/else/finally and raise', () => {
    expect(
      out(`
class MyError(ValueError):
    pass
def f(x):
    try:
        if x == 1:
            raise MyError("bad", x)
        if x == 2:
            return {}["k"]
        r = "ok"
    except MyError as e:
        r = "mine " + repr(e) + " " + str(e.args[1])
    except (KeyError, IndexError) as e:
        r = "lookup " + repr(e) + " " + str(e)
    else:
        r += " else"
    finally:
        print("finally", x)
    return r
print(f(0)); print(f(1)); print(f(2))
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise
except Exception as e:
    print(type(e).__name__, e)
`),
    ).toBe(
      "finally 0\nok else\nfinally 1\nmine MyError('bad', 1) 1\nfinally 2\nlookup KeyError('k') 'k'\nZeroDivisionError division by zero\n",
    );
  });

  test('closures, nonlocal, global, defaults, unpacking', () => {
    expect(
      out(`
counter = 0
def make():
    count = 0
    def inc(by=1):
        nonlocal count
        global counter
        count += by
        counter += 1
        return count
    return inc
inc = make()
inc(); inc(5)
a, (b, *c), d = 1, (2, 3, 4), 5
first, *rest = "xyz"
x = y = [1]
x.append(2)
print(inc(0), counter, a, b, c, d, first, rest, y)
`),
    ).toBe("6 3 1 2 [3, 4] 5 x ['y', 'z'] [1, 2]\n");
  });

  test('with, assert, del', () => {
    expect(
      out(`
class Ctx:
    def __enter__(self):
        print("enter")
        return 42
    def __exit__(self, t, v, tb):
        print("exit", t.__name__ if t else None)
        return True
with Ctx() as v:
    print(v)
    raise ValueError("x")
d = {"a": 1, "b": 2}
del d["a"]
l = [1, 2, 3]
del l[0]
try:
    assert len(l) == 3, "length is " + str(len(l))
except AssertionError as e:
    print("assert", e)
print(d, l)
`),
    ).toBe("enter\n42\nexit ValueError\nassert length is 2\n{'b': 2} [2, 3]\n");
  });
});

describe('errors', () => {
  test.each([
    ['x = modles.CharField()', "NameError: name 'modles' is not defined @1"],
    ['import math\nmath.pii', "AttributeError: module 'math' has no attribute 'pii' @2"],
    ["'s'.foo", "AttributeError: 'str' object has no attribute 'foo' @1"],
    ['1 + "a"', "TypeError: unsupported operand type(s) for +: 'int' and 'str' @1"],
    ['"a" + 1', 'TypeError: can only concatenate str (not "int") to str @1'],
    ['def f(a): pass\nf(x=1)', "TypeError: f() got an unexpected keyword argument 'x' @2"],
    ['def f(a, b): pass\nf(1)', "TypeError: f() missing 1 required positional argument: 'b' @2"],
    ['def f(a): pass\nf(1, 2)', 'TypeError: f() takes 1 positional argument but 2 were given @2'],
    ['class P:\n    def m(self, a=1): pass\nP().m(1, 2)', 'TypeError: P.m() takes from 1 to 2 positional arguments but 3 were given @3'],
    ['x = 5\nx()', "TypeError: 'int' object is not callable @2"],
    ['[][0]', 'IndexError: list index out of range @1'],
    ['{}["k"]', "KeyError: 'k' @1"],
    ['1 / 0', 'ZeroDivisionError: division by zero @1'],
    ['int("x")', "ValueError: invalid literal for int() with base 10: 'x' @1"],
    ['import nothere', "ModuleNotFoundError: No module named 'nothere' @1"],
    ['from math import nope', "ImportError: cannot import name 'nope' from 'math' (unknown location) @1"],
    ['def f():\n    x += 1\nf()', "UnboundLocalError: cannot access local variable 'x' where it is not associated with a value @2"],
    ['a, b = 1, 2, 3', 'ValueError: too many values to unpack (expected 2) @1'],
    ['1 < "a"', "TypeError: '<' not supported between instances of 'int' and 'str' @1"],
    ['class A:\n    pass\nA(1)', 'TypeError: A() takes no arguments @3'],
    ['raise ValueError("boom")', 'ValueError: boom @1'],
  ])('%s', (src, expected) => {
    expect(error(src)).toBe(expected);
  });
});

describe('syntax errors', () => {
  test.each([
    ['x = (1,\ny = 2\n', "SyntaxError: '(' was never closed @1"],
    ['class A(models.Model)\n    x = 1\n', "SyntaxError: expected ':' @1"],
    ['x = 1\n  y = 2\n', 'IndentationError: unexpected indent @2'],
    ['if x:\n    a=1\n  b=2\n', 'IndentationError: unindent does not match any outer indentation level @3'],
    ['class A:\n\nx=1\n', 'IndentationError: expected an indented block after class definition on line 1 @3'],
    ['def f():\nx=1\n', 'IndentationError: expected an indented block after function definition on line 1 @2'],
    ['for x in y:\nx=1\n', "IndentationError: expected an indented block after 'for' statement on line 1 @2"],
    ['s = "abc\nx=1\n', 'SyntaxError: unterminated string literal (detected at line 1) @1'],
    ["s = '''abc\nx=1\n", 'SyntaxError: unterminated triple-quoted string literal (detected at line 2) @1'],
    ['x = models.CharField(max_length=10 unique=True)\n', 'SyntaxError: invalid syntax. Perhaps you forgot a comma? @1'],
    ['x = )\n', "SyntaxError: unmatched ')' @1"],
    ['x = (]\n', "SyntaxError: closing parenthesis ']' does not match opening parenthesis '(' @1"],
    ['x = 1 +\n', 'SyntaxError: invalid syntax @1'],
    ['f(a=1, 2)\n', 'SyntaxError: positional argument follows keyword argument @1'],
    ['return 1\n', "SyntaxError: 'return' outside function @1"],
    ['class A(models.Model):\n    t = models.CharField(max_length=10\n    u = 1\n', "SyntaxError: '(' was never closed @2"],
    ['print "a"\n', "SyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)? @1"],
  ])('%j', (src, expected) => {
    expect(error(src)).toBe(expected);
  });
});

describe('generator expressions', () => {
  test('are lazy', () => {
    expect(out('print(any(print(x) or x > 1 for x in [1, 2, 3]))\ng = (x * 2 for x in range(3))\nprint(next(g), list(g), list(g))')).toBe(
      '1\n2\nTrue\n0 [2, 4] []\n',
    );
  });
});

describe('outside the subset', () => {
  test.each([
    ['async def f():\n    pass\n', "NotImplementedError: 'async def' functions are not supported by the playground's Python interpreter @1"],
    ['match x:\n    case 1:\n        pass\n', "NotImplementedError: the 'match' statement is not supported by the playground's Python interpreter @1"],
    ['exec("x = 1")', "NotImplementedError: exec() is not supported by the playground's Python interpreter @1"],
    ['import collections\ncollections.namedtuple("P", "x y")', "NotImplementedError: collections.namedtuple() is not supported by the playground's Python interpreter @2"],
    ['def g():\n    while True:\n        yield 1\nlist(g())', 'NotImplementedError: generators that yield more than 100000 values are not supported by the playground @3'],
    ['def f(n):\n    return f(n + 1)\nf(0)', 'RecursionError: maximum recursion depth exceeded @2'],
  ])('%j', (src, expected) => {
    expect(error(src)).toBe(expected);
  });
});
