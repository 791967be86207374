// The Python object model shared by the interpreter, the Django layer and the shell.
//
// Representation:
//   None -> null, bool -> boolean, int -> bigint, float -> number, str -> string,
//   everything else -> an instance of one of the classes below.
// Native (TypeScript-implemented) Python classes such as Django's Field or Decimal are
// PyClass objects whose `native` hooks build instances; their instances are PyInstance
// objects carrying the TypeScript object in `native`.

export type PyValue = null | boolean | bigint | number | string | PyObject;

export type PyObject =
  | PyTuple
  | PyList
  | PyDict
  | PySet
  | PyBytes
  | PyClass
  | PyInstance
  | PyFunction
  | PyBuiltin
  | PyModule
  | PyBoundMethod;

/** Keyword arguments keep the order in which they were written. */
export type Kwargs = Map<string, PyValue>;

export class PyTuple {
  constructor(readonly items: readonly PyValue[]) {}
}

export class PyList {
  constructor(public items: PyValue[]) {}
}

/** Insertion-ordered dict; keys are hashed with `hashKey`. */
export class PyDict {
  readonly entries = new Map<string, [PyValue, PyValue]>();
  /** The class when this is a dict subclass such as OrderedDict, defaultdict or Counter. */
  pyClass?: PyClass;
  /** defaultdict's default_factory (called for missing keys when not null). */
  defaultFactory?: PyValue;
  constructor(pairs: Iterable<[PyValue, PyValue]> = []) {
    for (const [k, v] of pairs) this.set(k, v);
  }
  get(key: PyValue): PyValue | undefined {
    return this.entries.get(hashKey(key))?.[1];
  }
  set(key: PyValue, value: PyValue): void {
    const h = hashKey(key);
    const old = this.entries.get(h);
    if (old) old[1] = value;
    else this.entries.set(h, [key, value]);
  }
  delete(key: PyValue): boolean {
    return this.entries.delete(hashKey(key));
  }
  has(key: PyValue): boolean {
    return this.entries.has(hashKey(key));
  }
  keys(): PyValue[] {
    return [...this.entries.values()].map((e) => e[0]);
  }
  values(): PyValue[] {
    return [...this.entries.values()].map((e) => e[1]);
  }
  items(): [PyValue, PyValue][] {
    return [...this.entries.values()].map((e) => [e[0], e[1]]);
  }
  get size(): number {
    return this.entries.size;
  }
}

export class PySet {
  readonly entries = new Map<string, PyValue>();
  constructor(items: Iterable<PyValue> = [], readonly frozen = false) {
    for (const v of items) this.entries.set(hashKey(v), v);
  }
  add(v: PyValue): void {
    this.entries.set(hashKey(v), v);
  }
  has(v: PyValue): boolean {
    return this.entries.has(hashKey(v));
  }
  values(): PyValue[] {
    return [...this.entries.values()];
  }
}

export class PyBytes {
  constructor(readonly bytes: Uint8Array) {}
}

export class PyModule {
  readonly dict = new Map<string, PyValue>();
  constructor(readonly name: string) {}
}

/** Hooks a TypeScript-implemented class gives the interpreter. All are inherited through the MRO. */
export interface NativeClassHooks {
  /** Builds an instance when the class (or a Python subclass of it) is called. */
  construct?(cls: PyClass, args: PyValue[], kwargs: Kwargs): PyValue;
  /** Runs after a Python `class` statement creates a subclass (Django's metaclasses live here). */
  subclassCreated?(cls: PyClass): void;
  /** Attribute lookup on an instance before the instance dict and the class. */
  getAttr?(self: PyInstance, name: string): PyValue | undefined;
  /** Attribute lookup on the class object itself (e.g. `Post.objects`, `Status.DRAFT`). */
  getClassAttr?(cls: PyClass, name: string): PyValue | undefined;
  setAttr?(self: PyInstance, name: string, value: PyValue): boolean;
  repr?(self: PyInstance): string;
  str?(self: PyInstance): string;
  eq?(self: PyInstance, other: PyValue): boolean;
  /** Dict/set key, compared with `hashKey` of other values (return hashKey(x) to be equal to x). */
  hash?(self: PyInstance): string;
  /** Iteration protocol for native containers (QuerySet, enum classes, ...). */
  iter?(self: PyInstance): Iterable<PyValue>;
  len?(self: PyInstance): number;
  truthy?(self: PyInstance): boolean;
  /** Binary operators such as `Q(...) | Q(...)`, `F('x') + 1`; return undefined when not supported. */
  binaryOp?(op: string, self: PyInstance, other: PyValue, reflected: boolean): PyValue | undefined;
  unaryOp?(op: string, self: PyInstance): PyValue | undefined;
  /** Iteration over the class object itself (`for s in Status`). */
  iterClass?(cls: PyClass): Iterable<PyValue>;
  /** `obj[key]` (QuerySet slicing and indexing); return undefined when not supported. */
  getItem?(self: PyInstance, key: PyValue): PyValue | undefined;
  setItem?(self: PyInstance, key: PyValue, value: PyValue): boolean;
  delItem?(self: PyInstance, key: PyValue): boolean;
  /** `item in obj`; return undefined to fall back to iteration. */
  contains?(self: PyInstance, item: PyValue): boolean | undefined;
  /** Calling an instance (`obj(...)`), e.g. a native callable object. */
  call?(self: PyInstance, args: PyValue[], kwargs: Kwargs): PyValue;
  /** `format(obj, spec)` / f-string format specs. */
  format?(self: PyInstance, spec: string): string;
  /** Ordering comparisons `<`, `<=`, `>`, `>=`; return undefined when not supported. */
  compare?(op: '<' | '<=' | '>' | '>=', self: PyInstance, other: PyValue): boolean | undefined;
  /** `obj[key]` on the class object itself (`Status['DRAFT']`, `list[int]`). */
  getClassItem?(cls: PyClass, key: PyValue): PyValue | undefined;
  /** repr() of the class object itself (`<enum 'Status'>`). */
  classRepr?(cls: PyClass): string;
}

export class PyClass {
  /** Class attributes in definition order (Python 3.6+ keeps it; Django relies on it). */
  readonly dict = new Map<string, PyValue>();
  mro: PyClass[] = [];
  /** Set by the Django layer on model classes, enum classes, ... */
  native?: unknown;
  /** 1-based line of the `class` statement (0 for native classes); set by the interpreter. */
  lineno = 0;
  /** The file the `class` statement is in, when defined in Python. */
  filename?: string;
  /** Line of the (last) assignment of each name in the class body. */
  readonly attrLines = new Map<string, number>();
  constructor(
    readonly name: string,
    readonly module: string,
    readonly bases: PyClass[],
    readonly hooks: NativeClassHooks = {},
    public qualname: string = name,
  ) {
    this.mro = computeMro(this);
  }
  /** The nearest hook of the given kind along the MRO. */
  hook<K extends keyof NativeClassHooks>(kind: K): NativeClassHooks[K] | undefined {
    for (const c of this.mro) if (c.hooks[kind]) return c.hooks[kind];
    return undefined;
  }
  /** Attribute lookup along the MRO (class attributes only). */
  lookup(name: string): PyValue | undefined {
    for (const c of this.mro) if (c.dict.has(name)) return c.dict.get(name);
    return undefined;
  }
  isSubclassOf(other: PyClass): boolean {
    return this.mro.includes(other);
  }
}

export class PyInstance {
  readonly dict = new Map<string, PyValue>();
  constructor(
    readonly cls: PyClass,
    public native?: unknown,
  ) {}
}

export interface ParamSpec {
  name: string;
  kind: 'positional' | 'varargs' | 'keyword-only' | 'varkw';
  hasDefault: boolean;
}

/** A function written in Python (models.py, a migration file, the shell). The interpreter owns `impl`. */
export class PyFunction {
  constructor(
    readonly name: string,
    readonly qualname: string,
    readonly module: string,
    readonly params: ParamSpec[],
    readonly impl: (args: PyValue[], kwargs: Kwargs) => PyValue,
    readonly isLambda = false,
    /** 1-based line of the `def`, for messages. */
    readonly lineno = 0,
  ) {}
  readonly dict = new Map<string, PyValue>();
}

/** A function implemented in TypeScript (`print`, `uuid.uuid4`, `timezone.now`, `models.CASCADE`). */
export class PyBuiltin {
  constructor(
    readonly name: string,
    readonly module: string,
    readonly impl: (args: PyValue[], kwargs: Kwargs) => PyValue,
    readonly qualname: string = name,
  ) {}
}

export class PyBoundMethod {
  constructor(
    readonly self: PyValue,
    readonly func: PyFunction | PyBuiltin,
  ) {}
}

/** A Python exception travelling through TypeScript code. */
export class PyException extends Error {
  constructor(
    /** Exception class name as Python prints it: 'NameError', 'django.core.exceptions.FieldError', ... */
    readonly type: string,
    readonly pyMessage: string,
    /** Where it was raised, when known (1-based line). */
    public filename?: string,
    public lineno?: number,
    /** The exception instance when it is a Python-level object. */
    public value?: PyValue,
  ) {
    super(pyMessage ? `${type}: ${pyMessage}` : type);
  }
  /** SyntaxError only: 1-based column of the error and, for ranges, the column after its end. */
  colno?: number;
  endColno?: number;
  /** Frames the exception passed through, innermost first (the interpreter appends them). */
  readonly traceback: TraceEntry[] = [];
  /** `raise ... from cause` / the exception being handled when this one was raised. */
  override cause?: PyException;
  context?: PyException;
  suppressContext = false;
}

export interface TraceEntry {
  filename: string;
  lineno: number;
  /** '<module>', the function's name, or the class name for a class body. */
  name: string;
}

export function computeMro(cls: PyClass): PyClass[] {
  // With one base the C3 merge is that base's MRO after the class.
  if (cls.bases.length === 1) return [cls, ...cls.bases[0].mro];
  const seqs = [...cls.bases.map((b) => [...b.mro]), [...cls.bases]];
  const out: PyClass[] = [cls];
  for (;;) {
    const nonEmpty = seqs.filter((s) => s.length > 0);
    if (nonEmpty.length === 0) return out;
    let candidate: PyClass | undefined;
    for (const s of nonEmpty) {
      const head = s[0];
      if (!nonEmpty.some((t) => t.indexOf(head) > 0)) {
        candidate = head;
        break;
      }
    }
    if (!candidate) {
      throw new PyException(
        'TypeError',
        'Cannot create a consistent method resolution order (MRO) for bases ' + cls.bases.map((b) => b.name).join(', '),
      );
    }
    out.push(candidate);
    for (const s of nonEmpty) if (s[0] === candidate) s.shift();
  }
}

/** A stable key for dict/set membership following Python equality (1 == 1.0 == True). */
export function hashKey(v: PyValue): string {
  if (v === null) return 'N';
  switch (typeof v) {
    case 'boolean':
      return 'n:' + (v ? '1' : '0');
    case 'bigint':
      return 'n:' + v.toString();
    case 'number':
      return Number.isInteger(v) ? 'n:' + BigInt(v).toString() : 'f:' + v.toString();
    case 'string':
      return 's:' + v;
  }
  if (v instanceof PyTuple) return 't:(' + v.items.map(hashKey).join(',') + ')';
  if (v instanceof PyBytes) return 'b:' + Array.from(v.bytes).join(',');
  if (v instanceof PySet && v.frozen) return 'fs:{' + [...v.entries.keys()].sort().join(',') + '}';
  if (v instanceof PyInstance) {
    const h = v.cls.hook('hash');
    // The hook's key is compared with other values' keys, so an instance equal to a str or
    // int (an enum member, Decimal('1')) can return hashKey of that value.
    if (h) return h(v);
    if (instanceHashHook) {
      const k = instanceHashHook(v);
      if (k !== undefined) return k;
    }
  }
  return 'id:' + objectId(v as object);
}

let instanceHashHook: ((v: PyInstance) => string | undefined) | null = null;
/** The interpreter registers how instances of Python classes with `__hash__` are keyed. */
export function setInstanceHashHook(f: (v: PyInstance) => string | undefined): void {
  instanceHashHook = f;
}

const ids = new WeakMap<object, number>();
let nextId = 1;
/** Python's id(): stable per object for its lifetime. */
export function objectId(o: object): number {
  let id = ids.get(o);
  if (id === undefined) {
    id = nextId++;
    ids.set(o, id);
  }
  return id;
}

export const isInt = (v: PyValue): v is bigint => typeof v === 'bigint';
export const isFloat = (v: PyValue): v is number => typeof v === 'number';
export const isStr = (v: PyValue): v is string => typeof v === 'string';
