import { describe, expect, test } from 'vitest';
import { ReplSession } from '../../../src/engine/python';

/** Feeds lines as a person types them and returns the transcript InteractiveConsole would show. */
function transcript(lines: string[]): string {
  let out = '';
  const session = new ReplSession({
    host: { importModule: () => undefined },
    stdout: (t) => (out += t),
    stderr: (t) => (out += t),
  });
  for (const line of lines) {
    out += session.prompt + line + '\n';
    session.push(line);
  }
  return out.replace(/0x[0-9a-f]+/g, '0x...');
}

// Expected transcripts recorded from CPython 3.11's code.InteractiveConsole.
describe('interactive console', () => {
  test.each([
    [['x = 1', 'x', 'x + 1', 'None', "'a'", 'print(x)', 'y'], ">>> x = 1\n>>> x\n1\n>>> x + 1\n2\n>>> None\n>>> 'a'\n'a'\n>>> print(x)\n1\n>>> y\nTraceback (most recent call last):\n  File \"<console>\", line 1, in <module>\nNameError: name 'y' is not defined\n"],
    [['for i in range(3):', '    i', ''], '>>> for i in range(3):\n...     i\n... \n0\n1\n2\n'],
    [['if True: print(1)', ''], '>>> if True: print(1)\n... \n1\n'],
    [['def f(a):', '    return a * 2', '', 'f(3)', 'f'], '>>> def f(a):\n...     return a * 2\n... \n>>> f(3)\n6\n>>> f\n<function f at 0x...>\n'],
    [['x = (1,', '2)', 'x'], '>>> x = (1,\n... 2)\n>>> x\n(1, 2)\n'],
    [['if True:', '  y = 1', 'z = 2'], '>>> if True:\n...   y = 1\n... z = 2\n  File "<console>", line 3\n    z = 2\n    ^\nSyntaxError: invalid syntax\n'],
    [['1/0'], '>>> 1/0\nTraceback (most recent call last):\n  File "<console>", line 1, in <module>\nZeroDivisionError: division by zero\n'],
    [['def g():', '    return h()', '', 'g()'], ">>> def g():\n...     return h()\n... \n>>> g()\nTraceback (most recent call last):\n  File \"<console>\", line 1, in <module>\n  File \"<console>\", line 2, in g\nNameError: name 'h' is not defined\n"],
    [['x = )'], ">>> x = )\n  File \"<console>\", line 1\n    x = )\n        ^\nSyntaxError: unmatched ')'\n"],
    [['class A:', '    pass', '', 'A()', 'A'], ">>> class A:\n...     pass\n... \n>>> A()\n<__console__.A object at 0x...>\n>>> A\n<class '__console__.A'>\n"],
    [['s = """abc', 'def"""', 's'], '>>> s = """abc\n... def"""\n>>> s\n\'abc\\ndef\'\n'],
    [['[1,', ''], '>>> [1,\n... \n'],
    [['try:', '    1/0', 'except ZeroDivisionError as e:', '    raise ValueError("v") from e', ''], '>>> try:\n...     1/0\n... except ZeroDivisionError as e:\n...     raise ValueError("v") from e\n... \nTraceback (most recent call last):\n  File "<console>", line 2, in <module>\nZeroDivisionError: division by zero\n\nThe above exception was the direct cause of the following exception:\n\nTraceback (most recent call last):\n  File "<console>", line 4, in <module>\nValueError: v\n'],
    [['try:', '    1/0', 'except ZeroDivisionError as e:', '    raise ValueError("v")', ''], '>>> try:\n...     1/0\n... except ZeroDivisionError as e:\n...     raise ValueError("v")\n... \nTraceback (most recent call last):\n  File "<console>", line 2, in <module>\nZeroDivisionError: division by zero\n\nDuring handling of the above exception, another exception occurred:\n\nTraceback (most recent call last):\n  File "<console>", line 4, in <module>\nValueError: v\n'],
    [['x = 1; x', '_'], '>>> x = 1; x\n1\n>>> _\n1\n'],
    [['# comment', '', '  ', 'import nonexist'], ">>> # comment\n>>> \n>>>   \n>>> import nonexist\nTraceback (most recent call last):\n  File \"<console>\", line 1, in <module>\nModuleNotFoundError: No module named 'nonexist'\n"],
    [['if x'], ">>> if x\n  File \"<console>\", line 1\n    if x\n        ^\nSyntaxError: expected ':'\n"],
    [['f(a b)'], '>>> f(a b)\n  File "<console>", line 1\n    f(a b)\n      ^^^\nSyntaxError: invalid syntax. Perhaps you forgot a comma?\n'],
  ])('%j', (lines, expected) => {
    expect(transcript(lines)).toBe(expected);
  });
});

describe('stdin scripts', () => {
  test('runs as exec() and reports the failing line of <string>', () => {
    let out = '';
    let err = '';
    const session = new ReplSession({ host: { importModule: () => undefined }, stdout: (t) => (out += t), stderr: (t) => (err += t) });
    const ex = session.runScript('x = 2\nx\nprint(x * 21)\ndef f():\n    return missing\n\nf()\n');
    expect(out).toBe('42\n');
    expect(ex?.type).toBe('NameError');
    expect(err).toBe('Traceback (most recent call last):\n  File "<string>", line 7, in <module>\n  File "<string>", line 5, in f\nNameError: name \'missing\' is not defined\n');
  });
});

describe('exit', () => {
  test('exit() ends the session with its status; the bare name shows how to quit', () => {
    let out = '';
    const session = new ReplSession({ host: { importModule: () => undefined }, stdout: (t) => (out += t), stderr: (t) => (out += t) });
    session.push('exit');
    expect(out).toBe('Use exit() or Ctrl-D (i.e. EOF) to exit\n');
    session.push('exit(3)');
    expect(session.exitStatus).toBe(3);
  });
  test('sys.exit with a message in a script', () => {
    let err = '';
    const session = new ReplSession({ host: { importModule: () => undefined }, stdout: () => {}, stderr: (t) => (err += t) });
    session.runScript('import sys\nprint("x", file=sys.stderr)\nsys.exit("bye")\n');
    expect([session.exitStatus, err]).toEqual([1, 'x\nbye\n']);
  });
});
