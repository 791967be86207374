// Small standard modules the subset needs: os/os.path, pathlib (Path for settings.py's
// BASE_DIR), sys, typing (names only), copy, collections, itertools, string, json (dumps/loads).

import { activity } from '../activity';
import { PyBoundMethod, PyBuiltin, PyClass, PyDict, PyFunction, PyInstance, PyList, PyModule, PySet, PyTuple, type PyValue } from '../values';
import { callValue, err, iterate, pyRepr, pyStr, strRepr, toArray, toIndex, typeName, floatRepr, makeIterator, pyEq } from '../protocol';
import { bind, builtin, makeModule, method, nativeClass, registerNativeModule, sig } from '../native';
import { builtinsDict, dictFromArgs, getStdout, getStderr } from '../builtins';
import { dictClass, objectClass, typeClass } from '../types';

// ---- posix paths ----------------------------------------------------------------------------

function normpath(p: string): string {
  if (!p) return '.';
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..' && out.length && out[out.length - 1] !== '..') out.pop();
    else if (part !== '..' || !abs) out.push(part);
  }
  const s = (abs ? '/' : '') + out.join('/');
  return s || (abs ? '/' : '.');
}
function join(parts: string[]): string {
  let out = '';
  for (const p of parts) {
    if (p.startsWith('/')) out = p;
    else if (!out || out.endsWith('/')) out += p;
    else out += '/' + p;
  }
  return out;
}
const dirname = (p: string): string => {
  const i = p.lastIndexOf('/');
  if (i < 0) return '';
  const head = p.slice(0, i + 1);
  return head.replace(/\/+$/, '') || head;
};
const basename = (p: string): string => p.slice(p.lastIndexOf('/') + 1);

/**
 * The project folder as Python code sees it (`__file__` paths are relative to it): the real
 * folder when bin/manage runs on a disk, `/project` in the browser.
 */
let projectRoot = '/project';
export function setProjectRoot(root: string): void {
  projectRoot = root.replace(/\/+$/, '') || '/';
}

export function pathStr(v: PyValue): string {
  if (typeof v === 'string') return v;
  if (v instanceof PyInstance && v.cls === PathClass) return v.native as string;
  throw err('TypeError', `expected str, bytes or os.PathLike object, not ${typeName(v)}`);
}

/** os.path.abspath: a path against the project folder (as Django prints a migration's path). */
export function abspath(p: string): string {
  return normpath(p.startsWith('/') ? p : join([projectRoot, p]));
}

const osPath = makeModule('os.path', {
  join: builtin('join', (a) => join(a.map(pathStr)), 'posixpath'),
  dirname: builtin('dirname', (a) => dirname(pathStr(a[0])), 'posixpath'),
  basename: builtin('basename', (a) => basename(pathStr(a[0])), 'posixpath'),
  abspath: builtin('abspath', (a) => abspath(pathStr(a[0])), 'posixpath'),
  realpath: builtin('realpath', (a) => abspath(pathStr(a[0])), 'posixpath'),
  normpath: builtin('normpath', (a) => normpath(pathStr(a[0])), 'posixpath'),
  exists: builtin('exists', () => false, 'posixpath'),
  isfile: builtin('isfile', () => false, 'posixpath'),
  isdir: builtin('isdir', () => false, 'posixpath'),
  splitext: builtin('splitext', (a) => {
    const p = pathStr(a[0]);
    const b = basename(p);
    const i = b.lastIndexOf('.');
    if (i <= 0) return new PyTuple([p, '']);
    const cut = p.length - (b.length - i);
    return new PyTuple([p.slice(0, cut), p.slice(cut)]);
  }, 'posixpath'),
  split: builtin('split', (a) => {
    const p = pathStr(a[0]);
    return new PyTuple([dirname(p), basename(p)]);
  }, 'posixpath'),
  sep: '/',
});

export const PathClass: PyClass = nativeClass({
  name: 'PosixPath',
  module: 'pathlib',
  hooks: {
    construct: (cls, args) => new PyInstance(PathClass, args.length ? normpath(join(args.map(pathStr))) : '.'),
    repr: (self) => `PosixPath(${strRepr(self.native as string)})`,
    str: (self) => self.native as string,
    format: (self) => self.native as string,
    eq: (self, other) => other instanceof PyInstance && other.cls === PathClass && other.native === self.native,
    hash: (self) => 'path:' + (self.native as string),
    binaryOp: (op, self, other, reflected) => {
      if (op !== '/') return undefined;
      const o = pathStr(other);
      return new PyInstance(PathClass, normpath(reflected ? join([o, self.native as string]) : join([self.native as string, o])));
    },
    getAttr: (self, name) => {
      const p = self.native as string;
      switch (name) {
        case 'parent':
          return new PyInstance(PathClass, dirname(p) || '.');
        case 'name':
          return basename(p);
        case 'stem': {
          const b = basename(p);
          const i = b.lastIndexOf('.');
          return i > 0 ? b.slice(0, i) : b;
        }
        case 'suffix': {
          const b = basename(p);
          const i = b.lastIndexOf('.');
          return i > 0 ? b.slice(i) : '';
        }
        case 'parts':
          return new PyTuple(p.startsWith('/') ? ['/', ...p.split('/').filter(Boolean)] : p.split('/').filter(Boolean));
      }
      return undefined;
    },
  },
  methods: {
    resolve: method('Path.resolve', 'self, strict=False', (a) => new PyInstance(PathClass, abspath((a.self as PyInstance).native as string))),
    absolute: method('Path.absolute', 'self', (a) => new PyInstance(PathClass, abspath((a.self as PyInstance).native as string))),
    exists: method('Path.exists', 'self', () => false),
    is_dir: method('Path.is_dir', 'self', () => false),
    is_file: method('Path.is_file', 'self', () => false),
    joinpath: (self, args) => new PyInstance(PathClass, normpath(join([(self as PyInstance).native as string, ...args.map(pathStr)]))),
    as_posix: method('Path.as_posix', 'self', (a) => (a.self as PyInstance).native as string),
    __fspath__: method('Path.__fspath__', 'self', (a) => (a.self as PyInstance).native as string),
  },
});

/** os.environ (a settings module may set variables in it). */
export const osEnviron = new PyDict([
  ['DJANGO_SETTINGS_MODULE', 'settings'],
]);

registerNativeModule('os.path', () => osPath);
registerNativeModule('posixpath', () => osPath);
registerNativeModule('os', () =>
  makeModule('os', {
    path: osPath,
    environ: osEnviron,
    sep: '/',
    linesep: '\n',
    name: 'posix',
    getenv: builtin('getenv', (a) => osEnviron.get(a[0]) ?? a[1] ?? null, 'os'),
    getcwd: builtin('getcwd', () => projectRoot, 'os'),
    fspath: builtin('fspath', (a) => pathStr(a[0]), 'os'),
    listdir: builtin('listdir', () => new PyList([]), 'os'),
  }),
);
registerNativeModule('pathlib', () => makeModule('pathlib', { Path: PathClass, PosixPath: PathClass, PurePath: PathClass, PurePosixPath: PathClass }));

// ---- sys ------------------------------------------------------------------------------------

const StdoutClass = nativeClass({
  name: 'TextIOWrapper',
  module: '_io',
  methods: {
    write: (self, args) => {
      const s = pyStr(args[0]);
      activity.outputs++;
      ((self as PyInstance).native === 'stderr' ? getStderr() : getStdout())(s);
      return BigInt(s.length);
    },
    flush: () => null,
    isatty: () => false,
  },
});

registerNativeModule('sys', () =>
  makeModule('sys', {
    version: '3.11.2 (main) [playground]',
    version_info: new PyTuple([3n, 11n, 2n, 'final', 0n]),
    platform: 'linux',
    argv: new PyList(['manage.py']),
    maxsize: 9223372036854775807n,
    path: new PyList([projectRoot]),
    modules: new PyDict(),
    byteorder: 'little',
    stdout: new PyInstance(StdoutClass, 'stdout'),
    stderr: new PyInstance(StdoutClass, 'stderr'),
    exit: builtin('exit', (a) => callValue(builtinsDict.get('exit')!, a), 'sys'),
    getrecursionlimit: builtin('getrecursionlimit', () => 1000n, 'sys'),
  }),
);

// ---- typing ---------------------------------------------------------------------------------

const SpecialForm = nativeClass({
  name: '_SpecialForm',
  module: 'typing',
  hooks: {
    repr: (self) => `typing.${self.native as string}`,
    getItem: (self) => self,
    call: (_self, args) => args[0] ?? null,
  },
});

function special(name: string): PyInstance {
  return new PyInstance(SpecialForm, name);
}

registerNativeModule('typing', () => {
  const names = ['Any', 'Optional', 'Union', 'List', 'Dict', 'Tuple', 'Set', 'FrozenSet', 'Callable', 'Type', 'ClassVar', 'Final', 'Iterable', 'Iterator', 'Sequence', 'Mapping', 'MutableMapping', 'Literal', 'Generic', 'Protocol', 'Annotated', 'Self', 'NoReturn', 'Never', 'Generator', 'TypeAlias'];
  const members: Record<string, PyValue> = {};
  for (const n of names) members[n] = special(n);
  members.TYPE_CHECKING = false;
  members.cast = builtin('cast', (a) => a[1], 'typing');
  members.TypeVar = builtin('TypeVar', (a) => special(String(a[0])), 'typing');
  members.NamedTuple = objectClass;
  members.TypedDict = dictClass;
  members.overload = builtin('overload', (a) => a[0], 'typing');
  members.final = builtin('final', (a) => a[0], 'typing');
  members.get_type_hints = builtin('get_type_hints', () => new PyDict(), 'typing');
  return makeModule('typing', members);
});

// ---- copy -----------------------------------------------------------------------------------

function shallowCopy(v: PyValue): PyValue {
  if (v instanceof PyList) return new PyList([...v.items]);
  if (v instanceof PyDict) return new PyDict(v.items());
  if (v instanceof PySet) return new PySet(v.values(), v.frozen);
  if (v instanceof PyInstance) {
    const m = v.cls.lookup('__copy__');
    if (m !== undefined) return callValue(m, [v]);
    const c = new PyInstance(v.cls, v.native);
    for (const [k, x] of v.dict) c.dict.set(k, x);
    return c;
  }
  return v;
}

function deepCopy(v: PyValue, memo: Map<unknown, PyValue>): PyValue {
  if (v === null || typeof v !== 'object') return v;
  const hit = memo.get(v);
  if (hit !== undefined) return hit;
  if (v instanceof PyList) {
    const out = new PyList([]);
    memo.set(v, out);
    out.items = v.items.map((x) => deepCopy(x, memo));
    return out;
  }
  if (v instanceof PyTuple) return new PyTuple(v.items.map((x) => deepCopy(x, memo)));
  if (v instanceof PyDict) {
    const out = new PyDict();
    memo.set(v, out);
    for (const [k, x] of v.items()) out.set(deepCopy(k, memo), deepCopy(x, memo));
    return out;
  }
  if (v instanceof PySet) return new PySet(v.values().map((x) => deepCopy(x, memo)), v.frozen);
  if (v instanceof PyInstance) {
    const m = v.cls.lookup('__deepcopy__');
    if (m !== undefined) return callValue(m, [v, new PyDict()]);
    if (v.cls.module !== 'builtins' && v.native === undefined) {
      const c = new PyInstance(v.cls, v.native);
      memo.set(v, c);
      for (const [k, x] of v.dict) c.dict.set(k, deepCopy(x, memo));
      return c;
    }
    return shallowCopy(v);
  }
  return v;
}

registerNativeModule('copy', () =>
  makeModule('copy', {
    copy: builtin('copy', (a) => shallowCopy(a[0]), 'copy'),
    deepcopy: builtin('deepcopy', (a) => deepCopy(a[0], new Map()), 'copy'),
  }),
);

// ---- collections / itertools / string -------------------------------------------------------

function dictSubclass(name: string): PyClass {
  return nativeClass({ name, module: 'collections', bases: [dictClass] });
}

export const OrderedDictClass = dictSubclass('OrderedDict');
OrderedDictClass.hooks.construct = (cls, args, kwargs) => {
  const d = dictFromArgs(args, kwargs, 'OrderedDict');
  d.pyClass = cls;
  return d;
};

export const DefaultDictClass = dictSubclass('defaultdict');
DefaultDictClass.hooks.construct = (cls, args, kwargs) => {
  const factory = args.length ? args[0] : null;
  if (factory !== null && !isCallable(factory)) throw err('TypeError', 'first argument must be callable or None');
  const d = dictFromArgs(args.slice(1), kwargs, 'defaultdict');
  d.pyClass = cls;
  d.defaultFactory = factory;
  return d;
};

function isCallable(v: PyValue): boolean {
  return v instanceof PyClass || v instanceof PyFunction || v instanceof PyBuiltin || v instanceof PyBoundMethod || v instanceof PyInstance;
}

function counterAdd(d: PyDict, src: PyValue, sign: bigint): void {
  if (src instanceof PyDict) {
    for (const [k, v] of src.items()) d.set(k, ((d.get(k) as bigint | undefined) ?? 0n) + sign * toIndex(v));
    return;
  }
  for (const k of iterate(src)) d.set(k, ((d.get(k) as bigint | undefined) ?? 0n) + sign);
}

export const CounterClass = nativeClass({
  name: 'Counter',
  module: 'collections',
  bases: [dictClass],
  methods: {
    most_common: (self, args) => {
      const d = self as PyDict;
      const items = d.items().map((p, i) => ({ p, i }));
      items.sort((a, b) => Number(toIndex(b.p[1]) - toIndex(a.p[1])) || a.i - b.i);
      const n = args.length && args[0] !== null ? Number(toIndex(args[0])) : items.length;
      return new PyList(items.slice(0, n).map((x) => new PyTuple(x.p)));
    },
    update: (self, args, kwargs) => {
      if (args.length) counterAdd(self as PyDict, args[0], 1n);
      for (const [k, v] of kwargs) (self as PyDict).set(k, (((self as PyDict).get(k) as bigint | undefined) ?? 0n) + toIndex(v));
      return null;
    },
    subtract: (self, args) => {
      if (args.length) counterAdd(self as PyDict, args[0], -1n);
      return null;
    },
    total: (self) => (self as PyDict).values().reduce((a: bigint, v) => a + toIndex(v), 0n),
    elements: (self) => makeIterator((self as PyDict).items().flatMap(([k, v]) => Array(Math.max(0, Number(toIndex(v)))).fill(k))[Symbol.iterator]()),
  },
});
CounterClass.hooks.construct = (cls, args, kwargs) => {
  const d = new PyDict();
  d.pyClass = cls;
  if (args.length) counterAdd(d, args[0], 1n);
  for (const [k, v] of kwargs) d.set(k, v);
  return d;
};

registerNativeModule('collections', () =>
  makeModule('collections', {
    OrderedDict: OrderedDictClass,
    defaultdict: DefaultDictClass,
    Counter: CounterClass,
    namedtuple: builtin('namedtuple', () => {
      throw err('NotImplementedError', "collections.namedtuple() is not supported by the playground's Python interpreter");
    }, 'collections'),
  }),
);
registerNativeModule('collections.abc', () => makeModule('collections.abc', {}));

registerNativeModule('itertools', () =>
  makeModule('itertools', {
    chain: builtin('chain', (a) => makeIterator(a.flatMap((x) => toArray(x))[Symbol.iterator]()), 'itertools'),
    count: builtin('count', (a) => {
      let i = a.length ? toIndex(a[0]) : 0n;
      const step = a.length > 1 ? toIndex(a[1]) : 1n;
      return makeIterator(
        (function* () {
          for (let n = 0; n < 10_000_000; n++) {
            yield i;
            i += step;
          }
        })(),
      );
    }, 'itertools'),
    islice: builtin('islice', (a) => {
      const items = iterate(a[0])[Symbol.iterator]();
      const [start, stop] = a.length === 2 ? [0, a[1] === null ? Infinity : Number(toIndex(a[1]))] : [Number(toIndex(a[1])), a[2] === null ? Infinity : Number(toIndex(a[2]))];
      return makeIterator(
        (function* () {
          for (let i = 0; i < stop; i++) {
            const r = items.next();
            if (r.done) return;
            if (i >= start) yield r.value;
          }
        })(),
      );
    }, 'itertools'),
    product: builtin('product', (a) => {
      const pools = a.map((x) => toArray(x));
      let out: PyValue[][] = [[]];
      for (const pool of pools) out = out.flatMap((prefix) => pool.map((v) => [...prefix, v]));
      return makeIterator(out.map((t) => new PyTuple(t))[Symbol.iterator]());
    }, 'itertools'),
  }),
);

registerNativeModule('string', () =>
  makeModule('string', {
    ascii_letters: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ',
    ascii_lowercase: 'abcdefghijklmnopqrstuvwxyz',
    ascii_uppercase: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
    digits: '0123456789',
    punctuation: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
  }),
);

// ---- json -----------------------------------------------------------------------------------

function jsonDump(v: PyValue, indent: number | null, level: number, sortKeys: boolean): string {
  if (v === null) return 'null';
  if (v === true) return 'true';
  if (v === false) return 'false';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return Number.isFinite(v) ? floatRepr(v) : Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
  if (typeof v === 'string') return JSON.stringify(v).replace(/[\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
  const nl = indent === null ? '' : '\n' + ' '.repeat(indent * (level + 1));
  const end = indent === null ? '' : '\n' + ' '.repeat(indent * level);
  const sep = indent === null ? ', ' : ',';
  if (v instanceof PyList || v instanceof PyTuple) {
    if (!v.items.length) return '[]';
    return '[' + v.items.map((x) => nl + jsonDump(x, indent, level + 1, sortKeys)).join(sep) + end + ']';
  }
  if (v instanceof PyDict) {
    let items = v.items();
    if (!items.length) return '{}';
    if (sortKeys) items = [...items].sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1));
    return '{' + items.map(([k, x]) => nl + JSON.stringify(typeof k === 'string' ? k : pyStr(k)) + ': ' + jsonDump(x, indent, level + 1, sortKeys)).join(sep) + end + '}';
  }
  throw err('TypeError', `Object of type ${typeName(v)} is not JSON serializable`);
}

function jsonLoad(x: unknown): PyValue {
  if (x === null) return null;
  if (typeof x === 'boolean' || typeof x === 'string') return x;
  if (typeof x === 'number') return Number.isInteger(x) ? BigInt(x) : x;
  if (Array.isArray(x)) return new PyList(x.map(jsonLoad));
  return new PyDict(Object.entries(x as object).map(([k, v]) => [k, jsonLoad(v)] as [PyValue, PyValue]));
}

registerNativeModule('json', () =>
  makeModule('json', {
    dumps: builtin('dumps', (a, kw) => {
      const b = bind(sig('dumps', 'obj, *, indent=None, sort_keys=False, default=None, ensure_ascii=True, separators=None, cls=None'), a, kw);
      return jsonDump(b.obj!, b.indent === null ? null : Number(toIndex(b.indent!)), 0, b.sort_keys === true);
    }, 'json'),
    loads: builtin('loads', (a) => {
      try {
        return jsonLoad(JSON.parse(String(a[0])));
      } catch (e) {
        if (e instanceof SyntaxError) throw err('json.decoder.JSONDecodeError', e.message);
        throw e;
      }
    }, 'json'),
  }),
);

void [PyBoundMethod, PyBuiltin, PyFunction, PyModule, typeClass, pyRepr, pyEq];
