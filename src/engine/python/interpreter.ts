// Evaluates the syntax tree from parse.ts: modules, classes, functions, statements and
// expressions of the Python subset models.py files, migrations, settings and the shell use.

import { activity } from './activity';
import type { Expr, FPart, FuncScope, Module, Param, Stmt } from './ast';
import { parseModule } from './parse';
import {
  PyBoundMethod,
  PyBuiltin,
  PyClass,
  PyDict,
  PyException,
  PyFunction,
  PyInstance,
  PyList,
  PyModule,
  PySet,
  PyTuple,
  type Kwargs,
  type PyValue,
} from './values';
import {
  attributeError,
  binaryOp,
  callValue,
  checkHashable,
  compareOp,
  contains,
  delAttr,
  delItem,
  getAttr,
  getItem,
  inplaceOp,
  iterate,
  makeIterator,
  makeSlice,
  makeSuper,
  pyEq,
  pyRepr,
  pyStr,
  resetCallDepth,
  setAttr,
  setClassFactory,
  setItem,
  toArray,
  truthy,
  typeName,
  unaryOp,
} from './protocol';
import {
  baseExceptionClass,
  exceptionByInstance,
  exceptionClassOf,
  exceptionInstance,
  exceptionPrintedName,
  generatorClass,
  objectClass,
  typeOf,
  type ExceptionNative,
} from './types';
import { bindParams, getNativeModule, hasNativePackage, type BindParam } from './native';
import { formatValue } from './format';
import { builtinsDict, superBuiltin } from './builtins';
import './methods';
import './stdlib/index';
import { isEnumBody, isMemberCandidate } from './stdlib/enum';

/** What the interpreter needs from its environment. */
export interface Host {
  /** A module by absolute dotted name (project modules such as 'blog.models'); undefined when none. */
  importModule(name: string): PyModule | undefined;
  /** Where print() writes; defaults to discarding output. */
  stdout?(text: string): void;
}

export interface ExecOptions {
  filename: string;
  moduleName: string;
  host: Host;
  /** Run into an existing module (the shell's `__main__`); a new one is created otherwise. */
  module?: PyModule;
  /** True when the module is a package's `__init__.py` (relative imports resolve against it). */
  isPackage?: boolean;
}

// ---- frames ---------------------------------------------------------------------------------

const enum Kind {
  Module,
  Class,
  Function,
  Comp,
}

interface Ctx {
  host: Host;
  moduleName: string;
  filename: string;
  isPackage: boolean;
  /** The exception being handled (for bare `raise` and implicit chaining). */
  handling: PyException[];
}

class Frame {
  line = 0;
  retval: PyValue = null;
  /** For functions defined in a class body: the class, once it exists (zero-argument super()). */
  classCell: { cls: PyClass | null } | null = null;
  firstArg: PyValue | undefined = undefined;
  attrLines: Map<string, number> | null = null;
  /** In an enum's class body: the member names defined so far (Python's _EnumDict). */
  enumMembers: Set<string> | null = null;
  yields: PyValue[] | null = null;
  constructor(
    readonly kind: Kind,
    readonly vars: Map<string, PyValue>,
    readonly globals: Map<string, PyValue>,
    readonly enclosing: Frame | null,
    readonly scope: FuncScope | null,
    readonly ctx: Ctx,
    /** '<module>', a function's name, or a class name (traceback entries). */
    readonly name: string,
    /** Qualified name prefix for things defined here. */
    readonly qualPrefix: string,
  ) {}
}

const enum Signal {
  Normal = 0,
  Break = 1,
  Continue = 2,
  Return = 3,
}

// ---- entry points ---------------------------------------------------------------------------

const UNSET = Symbol('unset');

/** Runs a module's source and returns the module. Throws PyException with filename and line. */
export function execModule(source: string, opts: ExecOptions): PyModule {
  const tree = parseModule(source, opts.filename);
  const mod = opts.module ?? new PyModule(opts.moduleName);
  if (!opts.module) {
    mod.dict.set('__name__', opts.moduleName);
    mod.dict.set('__file__', opts.filename);
    mod.dict.set('__doc__', null);
  }
  runTree(tree, mod, opts);
  return mod;
}

/** Runs an already parsed module tree in `mod`. */
export function runTree(tree: Module, mod: PyModule, opts: ExecOptions): void {
  const ctx: Ctx = { host: opts.host, moduleName: opts.moduleName, filename: opts.filename, isPackage: !!opts.isPackage, handling: [] };
  const frame = new Frame(Kind.Module, mod.dict, mod.dict, null, null, ctx, '<module>', '');
  try {
    execBlock(tree.body, frame);
  } catch (e) {
    resetCallDepth();
    throw addTrace(toPyException(e), frame);
  }
}

/** Evaluates one expression in a module's namespace (the questioner's one-off defaults, the shell). */
export function evalExpression(source: string, mod: PyModule, opts: ExecOptions): PyValue {
  const tree = parseModule(source, opts.filename);
  if (tree.body.length !== 1 || tree.body[0].k !== 'Expr') {
    throw new PyException('SyntaxError', 'invalid syntax', opts.filename, tree.body[0]?.line ?? 1);
  }
  const ctx: Ctx = { host: opts.host, moduleName: opts.moduleName, filename: opts.filename, isPackage: false, handling: [] };
  const frame = new Frame(Kind.Module, mod.dict, mod.dict, null, null, ctx, '<module>', '');
  try {
    return evalExpr(tree.body[0].value, frame);
  } catch (e) {
    resetCallDepth();
    throw addTrace(toPyException(e), frame);
  }
}

/** Converts stray JavaScript errors into Python exceptions so nothing escapes as a JS crash. */
export function toPyException(e: unknown): PyException {
  if (e instanceof PyException) return e;
  if (e instanceof RangeError) {
    // Little stack may be left here: no regular expressions or string building before this.
    let stack = false;
    try {
      stack = e.message.indexOf('call stack') >= 0;
    } catch {
      stack = true;
    }
    if (stack) return new PyException('RecursionError', 'maximum recursion depth exceeded');
  }
  const msg = e instanceof Error ? e.message : String(e);
  return new PyException('SystemError', `internal error in the playground's Python interpreter: ${msg}`);
}

function addTrace(e: PyException, frame: Frame): PyException {
  if (e.filename === undefined || e.lineno === undefined) {
    if (e.type !== 'SyntaxError' && e.type !== 'IndentationError') {
      e.filename = frame.ctx.filename;
      e.lineno = frame.line;
    }
  }
  if (tracedIn.get(e) !== frame) {
    e.traceback.push({ filename: frame.ctx.filename, lineno: frame.line, name: frame.name });
    tracedIn.set(e, frame);
  }
  return e;
}

/** The frame whose entry was pushed last on each exception's traceback (no duplicates on re-raise). */
const tracedIn = new WeakMap<PyException, Frame>();

// ---- statements -----------------------------------------------------------------------------

function execBlock(body: Stmt[], f: Frame): Signal {
  for (let i = 0; i < body.length; i++) {
    const sig = execStmt(body[i], f);
    if (sig !== Signal.Normal) return sig;
  }
  return Signal.Normal;
}

function execStmt(s: Stmt, f: Frame): Signal {
  f.line = s.line;
  switch (s.k) {
    case 'Expr': {
      const v = evalExpr(s.value, f);
      if (replEcho && f.kind === Kind.Module && replEchoFrame === f.globals) replEcho(v);
      return Signal.Normal;
    }
    case 'Assign': {
      const v = evalExpr(s.value, f);
      for (const t of s.targets) assign(t, v, f);
      return Signal.Normal;
    }
    case 'AugAssign':
      augAssign(s.target, s.op, s.value, f);
      return Signal.Normal;
    case 'AnnAssign':
      if (s.value) assign(s.target, evalExpr(s.value, f), f);
      else if (f.kind === Kind.Class || f.kind === Kind.Module) evalExpr(s.ann, f);
      return Signal.Normal;
    case 'If':
      return truthy(evalExpr(s.test, f)) ? execBlock(s.body, f) : execBlock(s.orelse, f);
    case 'For': {
      const it = evalExpr(s.iter, f);
      for (const v of iterate(it)) {
        assign(s.target, v, f);
        const sig = execBlock(s.body, f);
        if (sig === Signal.Break) return Signal.Normal;
        if (sig === Signal.Return) return sig;
        f.line = s.line;
      }
      return execBlock(s.orelse, f);
    }
    case 'While': {
      let guard = 0;
      while (truthy(evalExpr(s.test, f))) {
        const sig = execBlock(s.body, f);
        if (sig === Signal.Break) return Signal.Normal;
        if (sig === Signal.Return) return sig;
        if (++guard > 10_000_000) throw new PyException('RuntimeError', 'loop ran for too long (stopped by the playground)');
      }
      return execBlock(s.orelse, f);
    }
    case 'Pass':
      return Signal.Normal;
    case 'Break':
      return Signal.Break;
    case 'Continue':
      return Signal.Continue;
    case 'Return':
      f.retval = s.value ? evalExpr(s.value, f) : null;
      return Signal.Return;
    case 'FuncDef':
      storeName(f, s.name, makeFunction(s.name, s.params, s.body, null, s.scope, s.line, f, s.decorators), s.line);
      return Signal.Normal;
    case 'ClassDef':
      storeName(f, s.name, makeClass(s, f), s.line);
      return Signal.Normal;
    case 'Import':
      for (const n of s.names) {
        const mod = importModule(n.name, f);
        if (n.asname) storeName(f, n.asname, mod, s.line);
        else {
          const top = n.name.split('.')[0];
          storeName(f, top, importModule(top, f), s.line);
        }
      }
      return Signal.Normal;
    case 'ImportFrom':
      execImportFrom(s, f);
      return Signal.Normal;
    case 'Try':
      return execTry(s, f);
    case 'Raise':
      throw makeRaise(s.exc, s.cause, f);
    case 'With':
      return execWith(s, 0, f);
    case 'Assert':
      if (!truthy(evalExpr(s.test, f))) {
        const msg = s.msg ? evalExpr(s.msg, f) : UNSET;
        throw raiseValue(
          callValue(builtinsDict.get('AssertionError')!, msg === UNSET ? [] : [msg as PyValue]),
          f,
        );
      }
      return Signal.Normal;
    case 'Delete':
      for (const t of s.targets) deleteTarget(t, f);
      return Signal.Normal;
    case 'Global':
    case 'Nonlocal':
      return Signal.Normal;
    case 'Unsupported':
      throw unsupported(s.what);
  }
}

function unsupported(what: string): PyException {
  return new PyException('NotImplementedError', `${what} ${what.endsWith('s') && !what.startsWith('the') ? 'are' : 'is'} not supported by the playground's Python interpreter`);
}

function execTry(s: Extract<Stmt, { k: 'Try' }>, f: Frame): Signal {
  let sig: Signal = Signal.Normal;
  try {
    try {
      sig = execBlock(s.body, f);
    } catch (raw) {
      const e = addTraceOnce(toPyException(raw), f);
      const cls = exceptionClassOf(e);
      for (const h of s.handlers) {
        f.line = h.line;
        if (h.type) {
          const t = evalExpr(h.type, f);
          if (!handlerMatches(t, cls)) continue;
        }
        if (h.name) storeName(f, h.name, exceptionInstance(e), h.line);
        f.ctx.handling.push(e);
        try {
          sig = execBlock(h.body, f);
        } catch (inner) {
          const ie = toPyException(inner);
          if (ie !== e && !ie.context) ie.context = e;
          throw ie;
        } finally {
          f.ctx.handling.pop();
          if (h.name) deleteName(f, h.name);
        }
        return sig;
      }
      throw e;
    }
    if (sig === Signal.Normal) sig = execBlock(s.orelse, f);
    return sig;
  } finally {
    if (s.finalbody.length) {
      const fsig = execBlock(s.finalbody, f);
      // eslint-disable-next-line no-unsafe-finally
      if (fsig !== Signal.Normal) return fsig;
    }
  }
}

/** A caught exception's traceback includes the frame that caught it (once, even if re-raised). */
function addTraceOnce(e: PyException, f: Frame): PyException {
  return addTrace(e, f);
}

function handlerMatches(t: PyValue, cls: PyClass): boolean {
  if (t instanceof PyClass) return cls.isSubclassOf(t);
  if (t instanceof PyTuple) return t.items.some((x) => handlerMatches(x, cls));
  throw new PyException('TypeError', 'catching classes that do not inherit from BaseException is not allowed');
}

function makeRaise(excExpr: Expr | null, causeExpr: Expr | null, f: Frame): PyException {
  if (!excExpr) {
    const cur = f.ctx.handling[f.ctx.handling.length - 1];
    if (!cur) return new PyException('RuntimeError', 'No active exception to reraise');
    return cur;
  }
  const v = evalExpr(excExpr, f);
  const e = raiseValue(v, f);
  if (causeExpr) {
    const c = evalExpr(causeExpr, f);
    if (c !== null) e.cause = raiseValue(c, f);
    e.suppressContext = true;
  }
  const cur = f.ctx.handling[f.ctx.handling.length - 1];
  if (cur && cur !== e) e.context = cur;
  return e;
}

/** A raised Python value (class or instance) as a PyException. */
export function raiseValue(v: PyValue, f?: Frame): PyException {
  let inst = v;
  if (v instanceof PyClass) {
    if (!v.isSubclassOf(baseExceptionClass)) throw new PyException('TypeError', 'exceptions must derive from BaseException');
    inst = callValue(v, []);
  }
  if (!(inst instanceof PyInstance) || !inst.cls.isSubclassOf(baseExceptionClass)) {
    throw new PyException('TypeError', 'exceptions must derive from BaseException');
  }
  void f;
  const cached = exceptionByInstance.get(inst);
  if (cached) return cached;
  const e = new PyException(exceptionPrintedName(inst.cls), pyStr(inst), undefined, undefined, inst);
  exceptionByInstance.set(inst, e);
  return e;
}

function execWith(s: Extract<Stmt, { k: 'With' }>, idx: number, f: Frame): Signal {
  if (idx >= s.items.length) return execBlock(s.body, f);
  const item = s.items[idx];
  const mgr = evalExpr(item.ctx, f);
  const t = typeOf(mgr);
  const enter = t.lookup('__enter__');
  const exit = t.lookup('__exit__');
  if (enter === undefined || exit === undefined) {
    throw new PyException('TypeError', `'${typeName(mgr)}' object does not support the context manager protocol`);
  }
  const entered = callValue(getAttr(mgr, '__enter__'), []);
  if (item.target) assign(item.target, entered, f);
  let sig: Signal;
  try {
    sig = execWith(s, idx + 1, f);
  } catch (raw) {
    const e = addTraceOnce(toPyException(raw), f);
    const inst = exceptionInstance(e);
    const suppress = callValue(getAttr(mgr, '__exit__'), [exceptionClassOf(e), inst, null]);
    if (truthy(suppress)) return Signal.Normal;
    throw e;
  }
  callValue(getAttr(mgr, '__exit__'), [null, null, null]);
  return sig;
}

// ---- imports --------------------------------------------------------------------------------

const packageCache = new Map<string, PyModule>();

function findModule(name: string, ctx: Ctx): PyModule | undefined {
  const native = getNativeModule(name);
  if (native) return native;
  const hosted = ctx.host.importModule(name);
  if (hosted) return hosted;
  return undefined;
}

/** Imports `a.b.c` (and its parents); returns the module `a.b.c`. */
export function importModuleByName(name: string, host: Host): PyModule {
  const ctx: Ctx = { host, moduleName: '', filename: '', isPackage: false, handling: [] };
  return importAbsolute(name, ctx);
}

function importAbsolute(name: string, ctx: Ctx): PyModule {
  const parts = name.split('.');
  let parent: PyModule | null = null;
  let mod: PyModule | undefined;
  for (let i = 1; i <= parts.length; i++) {
    const sub = parts.slice(0, i).join('.');
    mod = findModule(sub, ctx);
    if (!mod) {
      // A package that only exists through its submodules (`django` when `django.db.models` is native).
      if (hasNativePackage(sub) || (i < parts.length && findModule(name, ctx))) {
        mod = packageCache.get(sub);
        if (!mod) {
          mod = new PyModule(sub);
          mod.dict.set('__name__', sub);
          mod.dict.set('__path__', new PyList([]));
          packageCache.set(sub, mod);
        }
      } else {
        throw moduleNotFound(sub);
      }
    }
    if (parent && !parent.dict.has(parts[i - 1])) parent.dict.set(parts[i - 1], mod);
    parent = mod;
  }
  return mod!;
}

function moduleNotFound(name: string): PyException {
  const e = new PyException('ModuleNotFoundError', `No module named '${name}'`);
  return e;
}

function importModule(name: string, f: Frame): PyModule {
  return importAbsolute(name, f.ctx);
}

function resolveRelative(level: number, module: string, f: Frame): string {
  if (level === 0) return module;
  const modName = f.ctx.moduleName;
  const pkgParts = modName.split('.');
  if (!f.ctx.isPackage) pkgParts.pop();
  if (pkgParts.length === 0 || (pkgParts.length === 1 && pkgParts[0] === '') || modName === '__main__') {
    throw new PyException('ImportError', 'attempted relative import with no known parent package');
  }
  if (level - 1 >= pkgParts.length) throw new PyException('ImportError', 'attempted relative import beyond top-level package');
  const base = pkgParts.slice(0, pkgParts.length - (level - 1)).join('.');
  return module ? `${base}.${module}` : base;
}

function execImportFrom(s: Extract<Stmt, { k: 'ImportFrom' }>, f: Frame): void {
  const full = resolveRelative(s.level, s.module, f);
  const mod = importModule(full, f);
  if (s.names === '*') {
    const all = mod.dict.get('__all__');
    const names = all ? toArray(all).map((x) => String(x)) : [...mod.dict.keys()].filter((k) => !k.startsWith('_'));
    for (const n of names) storeName(f, n, getAttr(mod, n), s.line);
    return;
  }
  for (const n of s.names) {
    let v = mod.dict.get(n.name);
    if (v === undefined) {
      const sub = findModule(`${full}.${n.name}`, f.ctx);
      if (sub) {
        mod.dict.set(n.name, sub);
        v = sub;
      }
    }
    if (v === undefined) {
      const file = mod.dict.get('__file__');
      throw new PyException(
        'ImportError',
        `cannot import name '${n.name}' from '${full}' (${typeof file === 'string' ? file : 'unknown location'})`,
      );
    }
    storeName(f, n.asname ?? n.name, v, s.line);
  }
}

// ---- names ----------------------------------------------------------------------------------

function nameError(id: string): PyException {
  return new PyException('NameError', `name '${id}' is not defined`);
}

function loadGlobal(f: Frame, id: string): PyValue {
  const v = f.globals.get(id);
  if (v !== undefined) return v;
  const b = builtinsDict.get(id);
  if (b !== undefined) return b;
  throw nameError(id);
}

function loadName(f: Frame, id: string): PyValue {
  switch (f.kind) {
    case Kind.Module:
      return loadGlobal(f, id);
    case Kind.Function: {
      const scope = f.scope!;
      if (scope.locals.has(id)) {
        const v = f.vars.get(id);
        if (v === undefined) {
          throw new PyException('UnboundLocalError', `cannot access local variable '${id}' where it is not associated with a value`);
        }
        return v;
      }
      if (scope.globals.has(id)) return loadGlobal(f, id);
      return loadFree(f.enclosing, id, f);
    }
    case Kind.Class:
    case Kind.Comp: {
      const v = f.vars.get(id);
      if (v !== undefined) return v;
      if (f.kind === Kind.Comp && f.enclosing) return loadName(f.enclosing, id);
      return loadFree(f.enclosing, id, f);
    }
  }
}

function loadFree(start: Frame | null, id: string, from: Frame): PyValue {
  for (let p = start; p; p = p.enclosing) {
    if (p.kind === Kind.Module) break;
    if (p.kind === Kind.Function) {
      if (p.scope!.locals.has(id)) {
        const v = p.vars.get(id);
        if (v === undefined) {
          throw new PyException('NameError', `cannot access free variable '${id}' where it is not associated with a value in enclosing scope`);
        }
        return v;
      }
    } else if (p.kind === Kind.Comp) {
      const v = p.vars.get(id);
      if (v !== undefined) return v;
    }
  }
  return loadGlobal(from, id);
}

/** An enum member's name may be bound once, and not over another attribute of the class body. */
function checkEnumName(members: Set<string>, ns: Map<string, PyValue>, id: string, v: PyValue): void {
  const member = isMemberCandidate(id, v);
  if (members.has(id) || (member && ns.has(id))) throw new PyException('TypeError', `${pyRepr(id)} already defined as ${pyRepr(ns.get(id) as PyValue)}`);
  if (member) members.add(id);
}

function storeName(f: Frame, id: string, v: PyValue, line: number): void {
  switch (f.kind) {
    case Kind.Module:
      f.vars.set(id, v);
      return;
    case Kind.Class:
      if (f.enumMembers) checkEnumName(f.enumMembers, f.vars, id, v);
      f.vars.set(id, v);
      f.attrLines?.set(id, line);
      return;
    case Kind.Comp:
      f.vars.set(id, v);
      return;
    case Kind.Function: {
      const scope = f.scope!;
      if (scope.globals.has(id)) {
        f.globals.set(id, v);
        return;
      }
      if (scope.nonlocals.has(id)) {
        for (let p = f.enclosing; p; p = p.enclosing) {
          if (p.kind === Kind.Function && p.scope!.locals.has(id)) {
            p.vars.set(id, v);
            return;
          }
        }
        throw new PyException('SyntaxError', `no binding for nonlocal '${id}' found`);
      }
      f.vars.set(id, v);
      return;
    }
  }
}

function deleteName(f: Frame, id: string): void {
  if (f.kind === Kind.Function && f.scope!.globals.has(id)) {
    f.globals.delete(id);
    return;
  }
  f.vars.delete(id);
}

// ---- assignment -----------------------------------------------------------------------------

function assign(t: Expr, v: PyValue, f: Frame): void {
  switch (t.k) {
    case 'Name':
      storeName(f, t.id, v, t.line);
      return;
    case 'Attr':
      setAttr(evalExpr(t.obj, f), t.name, v);
      return;
    case 'Subscript':
      setItem(evalExpr(t.obj, f), evalExpr(t.index, f), v);
      return;
    case 'Tuple':
    case 'List': {
      const items = toArrayForUnpack(v);
      const starIdx = t.elts.findIndex((e) => e.k === 'Starred');
      if (starIdx < 0) {
        if (items.length !== t.elts.length) {
          if (items.length > t.elts.length) {
            throw new PyException('ValueError', `too many values to unpack (expected ${t.elts.length})`);
          }
          throw new PyException('ValueError', `not enough values to unpack (expected ${t.elts.length}, got ${items.length})`);
        }
        for (let i = 0; i < items.length; i++) assign(t.elts[i], items[i], f);
        return;
      }
      const after = t.elts.length - starIdx - 1;
      if (items.length < t.elts.length - 1) {
        throw new PyException('ValueError', `not enough values to unpack (expected at least ${t.elts.length - 1}, got ${items.length})`);
      }
      for (let i = 0; i < starIdx; i++) assign(t.elts[i], items[i], f);
      const star = t.elts[starIdx] as Extract<Expr, { k: 'Starred' }>;
      assign(star.value, new PyList(items.slice(starIdx, items.length - after)), f);
      for (let i = 0; i < after; i++) assign(t.elts[starIdx + 1 + i], items[items.length - after + i], f);
      return;
    }
    case 'Starred':
      throw new PyException('SyntaxError', 'starred assignment target must be in a list or tuple');
    default:
      throw new PyException('SyntaxError', 'cannot assign to expression');
  }
}

function toArrayForUnpack(v: PyValue): PyValue[] {
  try {
    return toArray(v);
  } catch (e) {
    if (e instanceof PyException && e.type === 'TypeError' && e.pyMessage.endsWith('is not iterable')) {
      throw new PyException('TypeError', `cannot unpack non-iterable ${typeName(v)} object`);
    }
    throw e;
  }
}

function augAssign(t: Expr, op: string, valueExpr: Expr, f: Frame): void {
  switch (t.k) {
    case 'Name': {
      const cur = loadName(f, t.id);
      storeName(f, t.id, inplaceOp(op, cur, evalExpr(valueExpr, f)), t.line);
      return;
    }
    case 'Attr': {
      const obj = evalExpr(t.obj, f);
      const cur = getAttr(obj, t.name);
      setAttr(obj, t.name, inplaceOp(op, cur, evalExpr(valueExpr, f)));
      return;
    }
    case 'Subscript': {
      const obj = evalExpr(t.obj, f);
      const key = evalExpr(t.index, f);
      const cur = getItem(obj, key);
      setItem(obj, key, inplaceOp(op, cur, evalExpr(valueExpr, f)));
      return;
    }
    default:
      throw new PyException('SyntaxError', "illegal expression for augmented assignment");
  }
}

function deleteTarget(t: Expr, f: Frame): void {
  switch (t.k) {
    case 'Name': {
      const has = f.kind === Kind.Function && f.scope!.globals.has(t.id) ? f.globals.has(t.id) : f.vars.has(t.id);
      if (!has) throw nameError(t.id);
      deleteName(f, t.id);
      return;
    }
    case 'Attr':
      delAttr(evalExpr(t.obj, f), t.name);
      return;
    case 'Subscript':
      delItem(evalExpr(t.obj, f), evalExpr(t.index, f));
      return;
    case 'Tuple':
    case 'List':
      for (const e of t.elts) deleteTarget(e, f);
      return;
    default:
      throw new PyException('SyntaxError', 'cannot delete expression');
  }
}

// ---- functions ------------------------------------------------------------------------------

function qualFor(f: Frame, name: string): string {
  return f.qualPrefix ? `${f.qualPrefix}.${name}` : name;
}

function makeFunction(
  name: string,
  params: Param[],
  body: Stmt[] | Expr,
  _unused: null,
  scope: FuncScope,
  line: number,
  f: Frame,
  decorators: Expr[] = [],
): PyValue {
  const decos = decorators.map((d) => evalExpr(d, f));
  const bindSpecs: BindParam[] = params.map((p) => ({
    name: p.name,
    kind: p.kind,
    hasDefault: p.default !== null,
    default: p.default !== null ? evalExpr(p.default, f) : undefined,
  }));
  const qualname = qualFor(f, name);
  const closure = f.kind === Kind.Class ? f.enclosing : f;
  const classCell = f.kind === Kind.Class ? (f.classCell ?? null) : null;
  const ctx = f.ctx;
  const globals = f.globals;
  const isLambda = !Array.isArray(body);
  const innerPrefix = `${qualname}.<locals>`;
  const projectCode = !ctx.moduleName.startsWith('django.');
  const fn: PyFunction = new PyFunction(
    name,
    qualname,
    ctx.moduleName,
    bindSpecs.map(({ name: n, kind, hasDefault }) => ({ name: n, kind, hasDefault })),
    (args: PyValue[], kwargs: Kwargs): PyValue => {
      if (projectCode) activity.projectCalls++;
      const slots = bindParams(qualname, bindSpecs, args, kwargs);
      const locals = new Map<string, PyValue>();
      for (let i = 0; i < bindSpecs.length; i++) {
        const v = slots[i];
        if (v !== undefined) locals.set(bindSpecs[i].name, v);
      }
      const frame = new Frame(Kind.Function, locals, globals, closure, scope, ctx, name, innerPrefix);
      frame.line = line;
      frame.classCell = classCell;
      frame.firstArg = args[0];
      if (isLambda) {
        try {
          return evalExpr(body as Expr, frame);
        } catch (e) {
          throw addTrace(toPyException(e), frame);
        }
      }
      if (scope.isGenerator) {
        // The body runs when the generator is first iterated (then to completion: values are
        // buffered, so infinite generators are not supported).
        frame.yields = [];
        const run = function* (): Generator<PyValue> {
          try {
            execBlock(body as Stmt[], frame);
          } catch (e) {
            if (e === GENERATOR_LIMIT) {
              throw addTrace(new PyException('NotImplementedError', 'generators that yield more than 100000 values are not supported by the playground'), frame);
            }
            throw addTrace(toPyException(e), frame);
          }
          yield* frame.yields!;
        };
        return makeIterator(run(), generatorClass, qualname);
      }
      try {
        const sig = execBlock(body as Stmt[], frame);
        return sig === Signal.Return ? frame.retval : null;
      } catch (e) {
        if (e === GENERATOR_LIMIT) throw new PyException('NotImplementedError', 'generators that yield more than 100000 values are not supported by the playground');
        throw addTrace(toPyException(e), frame);
      }
    },
    isLambda,
    line,
  );
  if (!isLambda) {
    const first = (body as Stmt[])[0];
    if (first && first.k === 'Expr' && first.value.k === 'Const' && typeof first.value.value === 'string') {
      fn.dict.set('__doc__', first.value.value);
    }
  }
  let result: PyValue = fn;
  for (let i = decos.length - 1; i >= 0; i--) result = callValue(decos[i], [result]);
  return result;
}

const GENERATOR_LIMIT = { generatorLimit: true };

// ---- classes --------------------------------------------------------------------------------

function makeClass(s: Extract<Stmt, { k: 'ClassDef' }>, f: Frame): PyValue {
  const decos = s.decorators.map((d) => evalExpr(d, f));
  const bases: PyClass[] = [];
  for (const b of s.bases) {
    const vals = b.k === 'Starred' ? toArray(evalExpr(b.value, f)) : [evalExpr(b, f)];
    for (const v of vals) {
      if (!(v instanceof PyClass)) {
        throw new PyException('TypeError', `bases must be types`);
      }
      bases.push(v);
    }
  }
  const kwargs: Kwargs = new Map();
  for (const k of s.keywords) {
    if ('spread' in k) {
      const d = evalExpr(k.spread, f);
      if (d instanceof PyDict) for (const [kk, vv] of d.items()) kwargs.set(String(kk), vv);
    } else kwargs.set(k.name, evalExpr(k.value, f));
  }
  const qualname = qualFor(f, s.name);
  const ns = new Map<string, PyValue>();
  const classFrame = new Frame(Kind.Class, ns, f.globals, f.kind === Kind.Class ? f.enclosing : f, null, f.ctx, s.name, qualname);
  classFrame.attrLines = new Map();
  classFrame.classCell = { cls: null };
  classFrame.line = s.line;
  if (isEnumBody(bases)) classFrame.enumMembers = new Set();
  const first = s.body[0];
  if (first && first.k === 'Expr' && first.value.k === 'Const' && typeof first.value.value === 'string') {
    ns.set('__doc__', first.value.value);
  }
  try {
    execBlock(s.body, classFrame);
  } catch (e) {
    throw addTrace(toPyException(e), classFrame);
  }
  const cls = buildClass(s.name, f.ctx.moduleName, bases, ns, qualname, kwargs, s.line, f.ctx.filename, classFrame.attrLines);
  classFrame.classCell.cls = cls;
  let result: PyValue = cls;
  for (let i = decos.length - 1; i >= 0; i--) result = callValue(decos[i], [result]);
  return result;
}

/** Creates a class from a namespace and runs the creation hooks (`subclassCreated`, `__set_name__`, `__init_subclass__`). */
export function buildClass(
  name: string,
  module: string,
  bases: PyClass[],
  ns: Map<string, PyValue>,
  qualname = name,
  kwargs: Kwargs = new Map(),
  lineno = 0,
  filename?: string,
  attrLines?: Map<string, number>,
): PyClass {
  const metaclass = kwargs.get('metaclass');
  kwargs.delete('metaclass');
  void metaclass;
  const cls = new PyClass(name, module, bases.length ? bases : [objectClass], {}, qualname);
  for (const [k, v] of ns) cls.dict.set(k, v);
  // Defining __eq__ without __hash__ makes instances unhashable, as in Python.
  if (ns.has('__eq__') && !ns.has('__hash__')) cls.dict.set('__hash__', null);
  cls.lineno = lineno;
  cls.filename = filename;
  if (attrLines) for (const [k, v] of attrLines) cls.attrLines.set(k, v);
  for (const [k, v] of ns) {
    if (v instanceof PyInstance) {
      const sn = v.cls.lookup('__set_name__');
      if (sn !== undefined) callValue(sn, [v, cls, k]);
    }
  }
  // __init_subclass__ defined in Python on a base.
  for (let i = 1; i < cls.mro.length; i++) {
    const isub = cls.mro[i].dict.get('__init_subclass__');
    if (isub !== undefined) {
      const fn = isub instanceof PyInstance ? ((isub.native as { func: PyValue }).func) : isub;
      callValue(fn, [cls], kwargs);
      break;
    }
  }
  const hook = cls.hook('subclassCreated');
  if (hook) hook(cls);
  return cls;
}

setClassFactory((name, bases, ns) => buildClass(name, '__main__', bases, ns));

// ---- expressions ----------------------------------------------------------------------------

/** Shell hook: echo of expression statements at module level (set by the REPL). */
let replEcho: ((v: PyValue) => void) | null = null;
let replEchoFrame: Map<string, PyValue> | null = null;
export function setReplEcho(echo: ((v: PyValue) => void) | null, globals: Map<string, PyValue> | null): void {
  replEcho = echo;
  replEchoFrame = globals;
}

function evalExpr(e: Expr, f: Frame): PyValue {
  switch (e.k) {
    case 'Const':
      return e.value;
    case 'Name':
      return loadName(f, e.id);
    case 'Attr':
      return getAttr(evalExpr(e.obj, f), e.name);
    case 'Call':
      return evalCall(e, f);
    case 'BinOp':
      return binaryOp(e.op, evalExpr(e.l, f), evalExpr(e.r, f));
    case 'BoolOp': {
      const l = evalExpr(e.l, f);
      if (e.op === 'and') return truthy(l) ? evalExpr(e.r, f) : l;
      return truthy(l) ? l : evalExpr(e.r, f);
    }
    case 'Not':
      return !truthy(evalExpr(e.v, f));
    case 'Unary':
      return unaryOp(e.op, evalExpr(e.v, f));
    case 'Compare': {
      let left = evalExpr(e.first, f);
      for (let i = 0; i < e.ops.length; i++) {
        const right = evalExpr(e.rest[i], f);
        if (!compare(e.ops[i], left, right)) return false;
        left = right;
      }
      return true;
    }
    case 'IfExp':
      return truthy(evalExpr(e.test, f)) ? evalExpr(e.body, f) : evalExpr(e.orelse, f);
    case 'Tuple':
      return new PyTuple(evalElts(e.elts, f));
    case 'List':
      return new PyList(evalElts(e.elts, f));
    case 'Set': {
      const items = evalElts(e.elts, f);
      items.forEach(checkHashable);
      return new PySet(items);
    }
    case 'Dict': {
      const d = new PyDict();
      for (const it of e.items) {
        if ('spread' in it) {
          const src = evalExpr(it.spread, f);
          if (src instanceof PyDict) for (const [k, v] of src.items()) d.set(k, v);
          else {
            const keys = getAttrSafe(src, 'keys', `'${typeName(src)}' object is not a mapping`);
            for (const k of iterate(callValue(keys, []))) d.set(k, getItem(src, k));
          }
        } else {
          const k = evalExpr(it.key, f);
          checkHashable(k);
          d.set(k, evalExpr(it.value, f));
        }
      }
      return d;
    }
    case 'Subscript':
      return getItem(evalExpr(e.obj, f), evalExpr(e.index, f));
    case 'Slice':
      return makeSlice(e.lo ? evalExpr(e.lo, f) : null, e.hi ? evalExpr(e.hi, f) : null, e.step ? evalExpr(e.step, f) : null);
    case 'FString':
      return evalFString(e.parts, f);
    case 'Lambda':
      return makeFunction('<lambda>', e.params, e.body, null, e.scope, e.line, f);
    case 'Comp':
      return evalComp(e, f);
    case 'Named': {
      let target = f;
      while (target.kind === Kind.Comp && target.enclosing) target = target.enclosing;
      const v = evalExpr(e.value, f);
      storeName(target, e.target, v, e.line);
      return v;
    }
    case 'Starred':
      throw new PyException('SyntaxError', "can't use starred expression here");
    case 'Yield': {
      let g: Frame | null = f;
      while (g && g.kind === Kind.Comp) g = g.enclosing;
      if (!g || !g.yields) throw new PyException('SyntaxError', "'yield' outside function");
      if (e.from) for (const v of iterate(evalExpr(e.value!, f))) pushYield(g, v);
      else pushYield(g, e.value ? evalExpr(e.value, f) : null);
      return null;
    }
    case 'Unsupported':
      throw unsupported(e.what);
  }
}

function pushYield(g: Frame, v: PyValue): void {
  if (g.yields!.length >= 100_000) throw GENERATOR_LIMIT;
  g.yields!.push(v);
}

function getAttrSafe(v: PyValue, name: string, msg: string): PyValue {
  try {
    return getAttr(v, name);
  } catch {
    throw new PyException('TypeError', msg);
  }
}

function compare(op: string, a: PyValue, b: PyValue): boolean {
  switch (op) {
    case '==':
      return pyEq(a, b);
    case '!=': {
      if (a instanceof PyInstance) {
        const ne = a.cls.lookup('__ne__');
        if (ne instanceof PyFunction) return truthy(callValue(ne, [a, b]));
      }
      return !pyEq(a, b);
    }
    case '<':
    case '<=':
    case '>':
    case '>=':
      return compareOp(op, a, b);
    case 'in':
      return contains(b, a);
    case 'not in':
      return !contains(b, a);
    case 'is':
      return isSame(a, b);
    case 'is not':
      return !isSame(a, b);
  }
  throw new PyException('SyntaxError', `unknown comparison ${op}`);
}

function isSame(a: PyValue, b: PyValue): boolean {
  if (a === b) return true;
  // Small ints and equal strings are interned in CPython; treat equal immutables as identical.
  if (typeof a === 'bigint' && typeof b === 'bigint') return a === b;
  return false;
}

function evalElts(elts: Expr[], f: Frame): PyValue[] {
  const out: PyValue[] = [];
  for (const el of elts) {
    if (el.k === 'Starred') out.push(...iterate(evalExpr(el.value, f)));
    else out.push(evalExpr(el, f));
  }
  return out;
}

function evalFString(parts: FPart[], f: Frame): string {
  let out = '';
  for (const p of parts) {
    if (typeof p === 'string') {
      out += p;
      continue;
    }
    let v = evalExpr(p.expr, f);
    if (p.selfDoc !== null) out += p.selfDoc;
    const spec = p.spec ? evalFString(p.spec, f) : '';
    if (p.conv === 'r' || p.conv === 'a') v = pyRepr(v);
    else if (p.conv === 's') v = pyStr(v);
    out += formatValue(v, spec);
  }
  return out;
}

function evalCall(e: Extract<Expr, { k: 'Call' }>, f: Frame): PyValue {
  const fn = evalExpr(e.fn, f);
  const args: PyValue[] = [];
  for (const a of e.args) {
    if (a.k === 'Starred') {
      const v = evalExpr(a.value, f);
      try {
        args.push(...iterate(v));
      } catch (err) {
        if (err instanceof PyException && err.type === 'TypeError' && err.pyMessage.endsWith('is not iterable')) {
          throw new PyException('TypeError', `${calleeName(fn)} argument after * must be an iterable, not ${typeName(v)}`);
        }
        throw err;
      }
    } else args.push(evalExpr(a, f));
  }
  let kwargs: Kwargs = NO_KW;
  if (e.kwargs.length) {
    kwargs = new Map();
    for (const k of e.kwargs) {
      if ('spread' in k) {
        const d = evalExpr(k.spread, f);
        if (!(d instanceof PyDict)) {
          throw new PyException('TypeError', `${calleeName(fn)} argument after ** must be a mapping, not ${typeName(d)}`);
        }
        for (const [kk, vv] of d.items()) {
          if (typeof kk !== 'string') throw new PyException('TypeError', 'keywords must be strings');
          if (kwargs.has(kk)) throw new PyException('TypeError', `${calleeName(fn)} got multiple values for keyword argument '${kk}'`);
          kwargs.set(kk, vv);
        }
      } else {
        kwargs.set(k.name, evalExpr(k.value, f));
      }
    }
  }
  if (fn === superBuiltin && args.length === 0) return zeroArgSuper(f);
  f.line = e.line;
  return callValue(fn, args, kwargs);
}

const NO_KW: Kwargs = new Map();

function calleeName(fn: PyValue): string {
  if (fn instanceof PyFunction || fn instanceof PyBuiltin) return `${fn.qualname}()`;
  if (fn instanceof PyBoundMethod) return `${fn.func.qualname}()`;
  if (fn instanceof PyClass) return `${fn.name}()`;
  return `${typeName(fn)}()`;
}

function zeroArgSuper(f: Frame): PyValue {
  let g: Frame | null = f;
  while (g && g.kind === Kind.Comp) g = g.enclosing;
  if (!g || g.kind !== Kind.Function || !g.classCell || !g.classCell.cls) {
    throw new PyException('RuntimeError', 'super(): no arguments');
  }
  if (g.firstArg === undefined) throw new PyException('RuntimeError', 'super(): no arguments');
  return makeSuper(g.classCell.cls, g.firstArg);
}

function evalComp(e: Extract<Expr, { k: 'Comp' }>, f: Frame): PyValue {
  const frame = new Frame(Kind.Comp, new Map(), f.globals, f, null, f.ctx, f.name, f.qualPrefix);
  frame.line = f.line;
  const results: PyValue[] = [];
  const dict = e.kind === 'dict' ? new PyDict() : null;
  const firstIter = evalExpr(e.gens[0].iter, f);
  if (e.kind === 'gen') {
    // Generator expressions are lazy: each value is computed when the consumer asks for it.
    const gen = function* (gi: number, src: PyValue): Generator<PyValue> {
      const g = e.gens[gi];
      for (const v of iterate(src)) {
        assign(g.target, v, frame);
        let ok = true;
        for (const cond of g.ifs) {
          if (!truthy(evalExpr(cond, frame))) {
            ok = false;
            break;
          }
        }
        if (!ok) continue;
        if (gi + 1 < e.gens.length) yield* gen(gi + 1, evalExpr(e.gens[gi + 1].iter, frame));
        else yield evalExpr(e.elt, frame);
      }
    };
    return makeIterator(gen(0, firstIter), generatorClass, f.qualPrefix ? `${f.qualPrefix}.<genexpr>` : '<genexpr>');
  }
  const loop = (gi: number, src: PyValue): void => {
    const g = e.gens[gi];
    for (const v of iterate(src)) {
      assign(g.target, v, frame);
      let ok = true;
      for (const cond of g.ifs) {
        if (!truthy(evalExpr(cond, frame))) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      if (gi + 1 < e.gens.length) loop(gi + 1, evalExpr(e.gens[gi + 1].iter, frame));
      else if (dict) {
        const k = evalExpr(e.elt, frame);
        checkHashable(k);
        dict.set(k, evalExpr(e.value!, frame));
      } else results.push(evalExpr(e.elt, frame));
    }
  };
  loop(0, firstIter);
  switch (e.kind) {
    case 'list':
      return new PyList(results);
    case 'set':
      results.forEach(checkHashable);
      return new PySet(results);
    case 'dict':
      return dict!;
  }
}

/** Used by error reporting: the exception's args tuple. */
export function exceptionArgs(e: PyException): PyTuple {
  return ((exceptionInstance(e).native as ExceptionNative | undefined)?.args) ?? new PyTuple([]);
}

export { attributeError };
