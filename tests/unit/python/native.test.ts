import { describe, expect, test } from 'vitest';
import {
  execModule,
  nativeClass,
  nativeFunction,
  registerNativeModule,
  makeModule,
  method,
  sig,
  bind,
  kw,
  PyClass,
  PyInstance,
  PyException,
  pyRepr,
  type PyModule,
  type PyValue,
} from '../../../src/engine/python';
import { out, error } from './helpers';

interface FieldState {
  args: PyValue[];
  kwargs: Record<string, PyValue | undefined>;
}

const fieldSig = sig('Field.__init__', 'self, verbose_name=None, name=None, primary_key=False, max_length=None, *, db_comment=None');
const created: string[] = [];
const Field = nativeClass({
  name: 'Field',
  module: 'fakedjango.models',
  init: (self, args, kwargs) => {
    const a = bind(fieldSig, [self, ...args], kwargs);
    self.native = { args, kwargs: a } satisfies FieldState;
  },
  hooks: {
    repr: (self) => `<fakedjango.models.${self.cls.name}: ${pyRepr(((self.native as FieldState).kwargs.max_length ?? null) as PyValue)}>`,
  },
  methods: {
    deconstruct: method('Field.deconstruct', 'self', (a) => (((a.self as PyInstance).native as FieldState).kwargs.max_length ?? null) as PyValue),
  },
});
const CharField = nativeClass({ name: 'CharField', module: 'fakedjango.models', bases: [Field] });
const Model = nativeClass({
  name: 'Model',
  module: 'fakedjango.models',
  hooks: {
    subclassCreated: (cls: PyClass) => {
      created.push(`${cls.qualname}@${cls.lineno}:${[...cls.attrLines].map(([k, v]) => `${k}=${v}`).join(',')}`);
    },
  },
});
registerNativeModule('fakedjango.models', () =>
  makeModule('fakedjango.models', {
    Field,
    CharField,
    Model,
    shout: nativeFunction('fakedjango.models', 'shout', 'text, *, times=1', (a) => String(a.text).toUpperCase().repeat(Number(a.times))),
  }),
);

describe('native classes', () => {
  test('argument binding messages', () => {
    expect(error('from fakedjango import models\nmodels.CharField(max_lenght=5)')).toBe(
      "TypeError: Field.__init__() got an unexpected keyword argument 'max_lenght' @2",
    );
    expect(error('from fakedjango import models\nmodels.CharField(1, 2, 3, 4, 5)')).toBe(
      'TypeError: Field.__init__() takes from 1 to 5 positional arguments but 6 were given @2',
    );
    expect(error('from fakedjango.models import shout\nshout()')).toBe("TypeError: shout() missing 1 required positional argument: 'text' @2");
    expect(error("from fakedjango.models import shout\nshout('a', 2)")).toBe('TypeError: shout() takes 1 positional argument but 2 were given @2');
    expect(out("from fakedjango.models import shout\nprint(shout('ab', times=2))")).toBe('ABAB\n');
  });

  test('Python subclasses of native classes, super().__init__ and overrides', () => {
    expect(
      out(`
from fakedjango import models
class Upper(models.CharField):
    def __init__(self, *args, **kwargs):
        kwargs["max_length"] = 10
        super().__init__(*args, **kwargs)
    def deconstruct(self):
        return ("upper", super().deconstruct())
f = Upper()
print(f, f.deconstruct(), isinstance(f, models.Field), type(f).__mro__)
`),
    ).toBe(
      "<fakedjango.models.Upper: 10> ('upper', 10) True (<class '__main__.Upper'>, <class 'fakedjango.models.CharField'>, <class 'fakedjango.models.Field'>, <class 'object'>)\n",
    );
  });

  test('class creation hook sees lineno, attrLines, qualname and definition order', () => {
    created.length = 0;
    const { mod } = runModels(`from fakedjango import models


class Post(models.Model):
    title = models.CharField(max_length=200)
    body = models.CharField(
        max_length=5,
    )

    class Meta:
        ordering = ["-title"]

    def __str__(self):
        return self.title
`);
    expect(created).toEqual(['Post@4:title=5,body=6,Meta=10,__str__=13']);
    const post = mod.dict.get('Post') as PyClass;
    expect([...post.dict.keys()]).toEqual(['title', 'body', 'Meta', '__str__']);
    expect((post.dict.get('Meta') as PyClass).qualname).toBe('Post.Meta');
    expect(pyRepr(post.dict.get('__str__')!)).toMatch(/^<function Post\.__str__ at 0x/);
  });

  test('errors in models.py carry file and line', () => {
    try {
      runModels('from fakedjango import models\n\nclass Post(models.Model):\n    title = models.CharFeild(max_length=3)\n');
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(PyException);
      const ex = e as PyException;
      expect([ex.type, ex.pyMessage, ex.filename, ex.lineno]).toEqual([
        'AttributeError',
        "module 'fakedjango.models' has no attribute 'CharFeild'",
        'blog/models.py',
        4,
      ]);
      expect(ex.traceback.map((t) => `${t.name}:${t.lineno}`)).toEqual(['Post:4', '<module>:3']);
    }
  });
});

function runModels(src: string): { mod: PyModule } {
  const mod = execModule(src, { filename: 'blog/models.py', moduleName: 'blog.models', host: { importModule: () => undefined } });
  return { mod };
}

describe('imports through the host', () => {
  test('absolute, relative and package imports', () => {
    const modules: Record<string, string> = {
      'blog.models': 'from .utils import helper\nfrom . import utils as u\nVALUE = helper() + u.X',
      'blog.utils': 'X = 1\ndef helper():\n    return 41',
    };
    const cache = new Map<string, PyModule>();
    const host = {
      importModule(name: string): PyModule | undefined {
        if (cache.has(name)) return cache.get(name);
        if (name === 'blog') {
          const m = execModule('', { filename: 'blog/__init__.py', moduleName: 'blog', host, isPackage: true });
          cache.set(name, m);
          return m;
        }
        const text = modules[name];
        if (text === undefined) return undefined;
        const m = execModule(text, { filename: name.replace('.', '/') + '.py', moduleName: name, host });
        cache.set(name, m);
        return m;
      },
    };
    const m = execModule('import blog.models\nfrom blog.models import VALUE as V\nimport blog.utils as bu\nR = (blog.models.VALUE, V, bu.X)', {
      filename: 'main.py',
      moduleName: '__main__',
      host,
    });
    expect(pyRepr(m.dict.get('R')!)).toBe('(42, 42, 1)');
  });
});

describe('Python-level protocol', () => {
  test('dunder methods', () => {
    expect(
      out(`
class V:
    def __init__(self, *items):
        self.items = list(items)
    def __len__(self): return len(self.items)
    def __getitem__(self, i): return self.items[i]
    def __contains__(self, x): return x in self.items
    def __iter__(self): return iter(self.items)
    def __add__(self, other): return V(*(self.items + other.items))
    def __eq__(self, other): return isinstance(other, V) and self.items == other.items
    def __hash__(self): return hash(tuple(self.items))
    def __lt__(self, other): return len(self) < len(other)
    def __call__(self, x): return x * 2
    def __getattr__(self, name): return "dyn_" + name
    def __bool__(self): return bool(self.items)
    def __repr__(self): return "V" + repr(self.items)
a, b = V(1, 2), V(3)
print(len(a), a[0], 2 in a, list(a + b), a == V(1, 2), {a: 1}[V(1, 2)], b < a, a(21), a.missing, bool(V()), sorted([a, b]))
class P:
    def __init__(self): self._x = 0
    @property
    def x(self): return self._x
    @x.setter
    def x(self, v): self._x = v * 10
p = P(); p.x = 4
print(p.x)
`),
    ).toBe("2 1 True [1, 2, 3] True 1 True 42 dyn_missing False [V[3], V[1, 2]]\n40\n");
  });

  test('kwargs helper', () => {
    expect([...kw({ a: 1n }).keys()]).toEqual(['a']);
  });
});
