import { describe, expect, it } from 'vitest';
import { serialize, floatRepr } from '../../../src/engine/db/migrations/serializer';
import { PyBytes, PyClass, PyDict, PyFunction, PyList, PySet, PyTuple, PyBuiltin, PyBoundMethod, PyException } from '../../../src/engine/python/values';

const s = (v: unknown) => serialize(v)[0];
const imports = (v: unknown) => [...serialize(v)[1]].sort();

describe('serializer: simple values (expected strings from Django 5.2)', () => {
  it('strings', () => {
    expect(s('hello')).toBe("'hello'");
    expect(s("it's")).toBe(`"it's"`);
    expect(s('a"b')).toBe(`'a"b'`);
    expect(s(`both'"`)).toBe(`'both\\'"'`);
    expect(s('multi\nline')).toBe("'multi\\nline'");
    expect(s('tab\there')).toBe("'tab\\there'");
    expect(s('uni é ☃')).toBe("'uni é ☃'");
  });
  it('bytes', () => {
    expect(s(new PyBytes(new Uint8Array([...'bytes'].map((c) => c.charCodeAt(0)).concat([0, 39]))))).toBe(`b"bytes\\x00'"`);
  });
  it('ints, floats, bools, None', () => {
    expect(s(1n)).toBe('1');
    expect(s(-5n)).toBe('-5');
    expect(s(10n ** 20n)).toBe('100000000000000000000');
    expect(s(1.5)).toBe('1.5');
    expect(s(0.1)).toBe('0.1');
    expect(s(1e16)).toBe('1e+16');
    expect(s(1e15)).toBe('1000000000000000.0');
    expect(s(1e-5)).toBe('1e-05');
    expect(s(0.0001)).toBe('0.0001');
    expect(s(123456789.123)).toBe('123456789.123');
    expect(s(2.0)).toBe('2.0');
    expect(s(Infinity)).toBe('float("inf")');
    expect(s(-Infinity)).toBe('float("-inf")');
    expect(s(NaN)).toBe('float("nan")');
    expect(s(true)).toBe('True');
    expect(s(null)).toBe('None');
    expect(floatRepr(-0)).toBe('-0.0');
    expect(floatRepr(1.5e-7)).toBe('1.5e-07');
  });
  it('collections', () => {
    expect(s(new PyTuple([1n]))).toBe('(1,)');
    expect(s(new PyTuple([]))).toBe('()');
    expect(s(new PyList([1n, 'a']))).toBe("[1, 'a']");
    expect(s(new PySet([3n, 1n, 2n]))).toBe('{1, 2, 3}');
    expect(s(new PySet([]))).toBe('set()');
    expect(s(new PySet(['b', 'a'], true))).toBe("frozenset(['a', 'b'])");
    expect(s(new PyDict([['b', 1n], ['a', new PyList([2n])]]))).toBe("{'a': [2], 'b': 1}");
  });
  it('types', () => {
    expect(s(new PyClass('dict', 'builtins', []))).toBe('dict');
    expect(s(new PyClass('Model', 'django.db.models.base', []))).toBe('models.Model');
    expect(imports(new PyClass('Model', 'django.db.models.base', []))).toEqual(['from django.db import models']);
    expect(s(new PyClass('NoneType', 'builtins', []))).toBe('types.NoneType');
    expect(s(new PyClass('Mixin', 'blog.models', []))).toBe('blog.models.Mixin');
    expect(imports(new PyClass('Mixin', 'blog.models', []))).toEqual(['import blog.models']);
  });
  it('functions by path, lambdas refused', () => {
    const f = new PyFunction('default_title', 'default_title', 'blog.models', [], () => null);
    expect(s(f)).toBe('blog.models.default_title');
    expect(imports(f)).toEqual(['import blog.models']);
    const uuid4 = new PyBuiltin('uuid4', 'uuid', () => null);
    expect(s(uuid4)).toBe('uuid.uuid4');
    const now = new PyBuiltin('now', 'django.utils.timezone', () => null);
    expect(s(now)).toBe('django.utils.timezone.now');
    expect(imports(now)).toEqual(['import django.utils.timezone']);
    const cls = new PyClass('Post', 'blog.models', []);
    const cm = new PyBoundMethod(cls, new PyFunction('make', 'Post.make', 'blog.models', [], () => null));
    expect(s(cm)).toBe('blog.models.Post.make');
    const lambda = new PyFunction('<lambda>', '<lambda>', 'blog.models', [], () => null, true);
    expect(() => serialize(lambda)).toThrow(PyException);
    try {
      serialize(lambda);
    } catch (e) {
      expect((e as PyException).type).toBe('ValueError');
      expect((e as PyException).pyMessage).toBe('Cannot serialize function: lambda');
    }
  });
  it('deconstructible objects sort their keyword arguments', () => {
    const field = { deconstruct: () => [null, 'django.db.models.CharField', [], new Map<string, unknown>([['max_length', 200n], ['default', 'x']])] };
    expect(s(field)).toBe("models.CharField(default='x', max_length=200)");
    const validator = { deconstruct: () => ['django.core.validators.MinValueValidator', [1n], {}] };
    expect(s(validator)).toBe('django.core.validators.MinValueValidator(1)');
    expect(imports(validator)).toEqual(['import django.core.validators']);
    const ref = { settingName: 'AUTH_USER_MODEL' };
    expect(s(ref)).toBe('settings.AUTH_USER_MODEL');
  });
});
