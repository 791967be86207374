// Query expressions as values: Q, F, Value, Func and the database functions (Lower, Now, ...),
// CombinedExpression, OrderBy, Case/When, ExpressionWrapper. Each remembers how it was built
// (Django's @deconstructible), which is what migrations serialize and compare; the SQL side
// walks the same tree to compile constraints, indexes and defaults.

import { PyBuiltin, PyClass, PyDict, PyException, PyInstance, PyList, PyTuple, type Kwargs, type PyValue } from '../../python/values';
import { builtin, nativeClass, pyEq, pyRepr, truthy } from '../../utils/py';

/** Any deconstructible expression: its class path and the arguments it was built with. */
export class Expression {
  constructor(
    /** The class name ('F', 'Lower', 'CombinedExpression', ...). */
    readonly kind: string,
    /** The import path the migration writer uses. */
    readonly path: string,
    readonly args: PyValue[],
    readonly kwargs: Kwargs,
  ) {}
  deconstruct(): [string, PyValue[], Kwargs] {
    return [this.path, this.args, this.kwargs];
  }
}

/** Q objects: a tree of (lookup, value) pairs and nested Qs. */
export class QNode {
  constructor(
    public children: PyValue[] = [],
    public connector: 'AND' | 'OR' | 'XOR' = 'AND',
    public negated = false,
  ) {}
  deconstruct(): [string, PyValue[], Kwargs] {
    const kwargs: Kwargs = new Map();
    if (this.connector !== 'AND') kwargs.set('_connector', this.connector);
    if (this.negated) kwargs.set('_negated', true);
    return ['django.db.models.Q', [...this.children], kwargs];
  }
  copy(): QNode {
    return new QNode([...this.children], this.connector, this.negated);
  }
}

const EXPR_MODULE = 'django.db.models.expressions';

function exprEq(a: PyInstance, b: PyValue): boolean {
  if (!(b instanceof PyInstance) || b.cls !== a.cls) return false;
  const x = a.native as Expression | QNode;
  const y = b.native as Expression | QNode;
  const [p1, a1, k1] = x.deconstruct();
  const [p2, a2, k2] = y.deconstruct();
  if (p1 !== p2 || a1.length !== a2.length || k1.size !== k2.size) return false;
  if (!a1.every((v, i) => pyEq(v, a2[i]))) return false;
  for (const [k, v] of k1) if (!k2.has(k) || !pyEq(v, k2.get(k)!)) return false;
  return true;
}

function exprRepr(self: PyInstance): string {
  const e = self.native as Expression | QNode;
  if (e instanceof QNode) {
    const inner = e.children.map((c) => (c instanceof PyTuple ? pyRepr(c) : pyRepr(c))).join(', ');
    return `<Q: (${e.negated ? 'NOT (' : ''}${e.connector}: ${inner})${e.negated ? ')' : ''}>`;
  }
  if (e.kind === 'F') return `F(${typeof e.args[0] === 'string' ? e.args[0] : pyRepr(e.args[0])})`;
  if (e.kind === 'Value') return `Value(${pyRepr(e.args[0])})`;
  const parts = [...e.args.map(pyRepr), ...[...e.kwargs].map(([k, v]) => `${k}=${pyRepr(v)}`)];
  return `${e.kind}(${parts.join(', ')})`;
}

function wrapValue(v: PyValue): PyValue {
  if (v instanceof PyInstance && (v.native instanceof Expression || v.native instanceof QNode)) return v;
  return makeExpr(Value, 'Value', 'django.db.models.Value', [v], new Map());
}

const ARITH: Record<string, string> = { '+': '+', '-': '-', '*': '*', '/': '/', '%': '%%', '**': '^', '&': '&', '|': '|' };

function exprStr(self: PyInstance): string {
  const e = self.native as Expression;
  if (e.kind === 'CombinedExpression') return `${exprStrOf(e.args[0])} ${String(e.args[1])} ${exprStrOf(e.args[2])}`;
  return exprRepr(self);
}

function exprStrOf(v: PyValue): string {
  return v instanceof PyInstance && v.native instanceof Expression ? exprStr(v) : pyRepr(v);
}

const exprHooks = {
  repr: exprRepr,
  str: exprStr,
  eq: exprEq,
  hash: (self: PyInstance) => {
    const [p, a] = (self.native as Expression).deconstruct();
    return p + ':' + a.map(pyRepr).join(',');
  },
  binaryOp(op: string, self: PyInstance, other: PyValue, reflected: boolean): PyValue | undefined {
    const e = self.native as Expression;
    if (!(e instanceof Expression)) return undefined;
    const sqlOp = ARITH[op];
    if (!sqlOp || op === '&' || op === '|') {
      if ((op === '&' || op === '|') && (e.kind === 'Q' || false)) return undefined;
      if (op === '&' || op === '|')
        throw new PyException('NotImplementedError', 'Use .bitand(), .bitor(), and .bitxor() for bitwise logical operations.');
      return undefined;
    }
    const lhs = reflected ? wrapValue(other) : self;
    const rhs = reflected ? self : wrapValue(other);
    return makeExpr(CombinedExpression, 'CombinedExpression', `${EXPR_MODULE}.CombinedExpression`, [lhs, sqlOp, rhs], new Map());
  },
  unaryOp(op: string, self: PyInstance): PyValue | undefined {
    if (op === '-') return makeExpr(CombinedExpression, 'CombinedExpression', `${EXPR_MODULE}.CombinedExpression`, [self, '*', wrapValue(-1n)], new Map());
    return undefined;
  },
  getAttr(self: PyInstance, name: string): PyValue | undefined {
    const e = self.native as Expression;
    if (name === 'desc' || name === 'asc') {
      return builtin(name, EXPR_MODULE, (_args, kwargs) => {
        const kw: Kwargs = new Map();
        if (name === 'desc') kw.set('descending', true);
        for (const [k, v] of kwargs) kw.set(k, v);
        return makeExpr(OrderBy, 'OrderBy', 'django.db.models.OrderBy', [self], kw);
      });
    }
    if (name === 'name' && e.kind === 'F') return e.args[0];
    if (name === 'deconstruct') return builtin('deconstruct', EXPR_MODULE, () => {
      const [p, a, k] = e.deconstruct();
      return new PyTuple([p, new PyTuple(a), dictOf(k)]);
    });
    return undefined;
  },
};

function dictOf(k: Kwargs): PyValue {
  // A plain dict value for Python code that inspects deconstruct().
  const d = new PyDict();
  for (const [key, v] of k) d.set(key, v);
  return d;
}

export function makeExpr(cls: PyClass, kind: string, path: string, args: PyValue[], kwargs: Kwargs): PyInstance {
  return new PyInstance(cls, new Expression(kind, path, args, kwargs));
}

function exprClass(name: string, module: string, path: string, bases: PyClass[] = [BaseExpression], prepare?: (args: PyValue[], kwargs: Kwargs) => void): PyClass {
  const cls: PyClass = nativeClass(name, module, bases, {
    construct(c, args, kwargs) {
      prepare?.(args, kwargs);
      // Subclasses defined in Python keep the path of the class they were made from.
      const p = c === cls ? path : `${c.module}.${c.qualname}`;
      return new PyInstance(c, new Expression(c === cls ? name : c.name, p, [...args], new Map(kwargs)));
    },
  });
  return cls;
}

export const BaseExpression = nativeClass('BaseExpression', EXPR_MODULE, [], exprHooks);
export const Combinable = BaseExpression;
export const F = exprClass('F', EXPR_MODULE, 'django.db.models.F', [BaseExpression], (args, kwargs) => {
  if (args.length + kwargs.size !== 1) throw new PyException('TypeError', `F.__init__() missing 1 required positional argument: 'name'`);
});
export const Value = exprClass('Value', EXPR_MODULE, 'django.db.models.Value');
export const Func = exprClass('Func', EXPR_MODULE, 'django.db.models.Func');
export const CombinedExpression = exprClass('CombinedExpression', EXPR_MODULE, `${EXPR_MODULE}.CombinedExpression`);
export const ExpressionWrapper = exprClass('ExpressionWrapper', EXPR_MODULE, 'django.db.models.ExpressionWrapper');
export const OrderBy = exprClass('OrderBy', EXPR_MODULE, 'django.db.models.OrderBy');
export const Case = exprClass('Case', EXPR_MODULE, 'django.db.models.Case');
export const When = exprClass('When', EXPR_MODULE, 'django.db.models.When');
export const RawSQL = exprClass('RawSQL', EXPR_MODULE, 'django.db.models.expressions.RawSQL');
export const ExpressionList = exprClass('ExpressionList', EXPR_MODULE, `${EXPR_MODULE}.ExpressionList`);
export const Subquery = exprClass('Subquery', EXPR_MODULE, 'django.db.models.Subquery');
export const Exists = exprClass('Exists', EXPR_MODULE, 'django.db.models.Exists');
export const OuterRef = exprClass('OuterRef', EXPR_MODULE, 'django.db.models.OuterRef');
export const Cast = exprClass('Cast', 'django.db.models.functions.comparison', 'django.db.models.functions.comparison.Cast', [Func]);

/** Database functions by module (django.db.models.functions.*). */
export const FUNCTION_MODULES: Record<string, string[]> = {
  text: ['Chr', 'Concat', 'ConcatPair', 'Left', 'Length', 'Lower', 'LPad', 'LTrim', 'MD5', 'Ord', 'Repeat', 'Replace', 'Reverse', 'Right', 'RPad', 'RTrim', 'SHA1', 'SHA224', 'SHA256', 'SHA384', 'SHA512', 'StrIndex', 'Substr', 'Trim', 'Upper'],
  datetime: ['Extract', 'ExtractDay', 'ExtractHour', 'ExtractIsoWeekDay', 'ExtractIsoYear', 'ExtractMinute', 'ExtractMonth', 'ExtractQuarter', 'ExtractSecond', 'ExtractWeek', 'ExtractWeekDay', 'ExtractYear', 'Now', 'Trunc', 'TruncDate', 'TruncDay', 'TruncHour', 'TruncMinute', 'TruncMonth', 'TruncQuarter', 'TruncSecond', 'TruncTime', 'TruncWeek', 'TruncYear'],
  comparison: ['Coalesce', 'Collate', 'Greatest', 'JSONObject', 'Least', 'NullIf'],
  math: ['Abs', 'ACos', 'ASin', 'ATan', 'ATan2', 'Ceil', 'Cos', 'Cot', 'Degrees', 'Exp', 'Floor', 'Ln', 'Log', 'Mod', 'Pi', 'Power', 'Radians', 'Random', 'Round', 'Sign', 'Sin', 'Sqrt', 'Tan'],
};

export const FUNCTIONS = new Map<string, PyClass>([['Cast', Cast]]);
for (const [mod, names] of Object.entries(FUNCTION_MODULES)) {
  const module = `django.db.models.functions.${mod}`;
  for (const n of names) FUNCTIONS.set(n, exprClass(n, module, `${module}.${n}`, [Func]));
}

// ---- Q -----------------------------------------------------------------------------------------

const Q_MODULE = 'django.db.models.query_utils';

function qCombine(self: QNode, other: QNode, conn: 'AND' | 'OR' | 'XOR'): QNode {
  if (!other.children.length && !other.negated) return self.copy();
  if (!self.children.length && !self.negated) return other.copy();
  const obj = new QNode([], conn);
  qAdd(obj, self, conn);
  qAdd(obj, other, conn);
  return obj;
}

function qAdd(node: QNode, data: QNode, conn: 'AND' | 'OR' | 'XOR'): void {
  if (!data.negated && (data.connector === conn || data.children.length === 1)) node.children.push(...data.children);
  else node.children.push(qValue(data));
}

function qValue(node: QNode): PyInstance {
  return new PyInstance(Q, node);
}

export const Q: PyClass = nativeClass('Q', Q_MODULE, [], {
  construct(_c, args, kwargs) {
    let connector: 'AND' | 'OR' | 'XOR' = 'AND';
    let negated = false;
    const pairs: PyValue[] = [];
    for (const [k, v] of kwargs) {
      if (k === '_connector') {
        if (v !== null) connector = v as 'AND' | 'OR' | 'XOR';
      } else if (k === '_negated') negated = truthy(v);
      else pairs.push(new PyTuple([k, v]));
    }
    pairs.sort((a, b) => (((a as PyTuple).items[0] as string) < ((b as PyTuple).items[0] as string) ? -1 : 1));
    return qValue(new QNode([...args, ...pairs], connector, negated));
  },
  repr: exprRepr,
  str: (self) => exprRepr(self).replace(/^<Q: /, '').replace(/>$/, ''),
  eq: exprEq,
  binaryOp(op, self, other) {
    const a = self.native as QNode;
    if (!(other instanceof PyInstance) || !(other.native instanceof QNode)) {
      if (op === '&' || op === '|' || op === '^') throw new PyException('TypeError', pyRepr(other));
      return undefined;
    }
    const conn = op === '&' ? 'AND' : op === '|' ? 'OR' : op === '^' ? 'XOR' : null;
    if (!conn) return undefined;
    return qValue(qCombine(a, other.native, conn));
  },
  unaryOp(op, self) {
    if (op !== '~') return undefined;
    const c = (self.native as QNode).copy();
    c.negated = !c.negated;
    return qValue(c);
  },
  truthy: (self) => (self.native as QNode).children.length > 0,
  len: (self) => (self.native as QNode).children.length,
  getAttr(self, name) {
    const q = self.native as QNode;
    if (name === 'children') return new PyList(q.children);
    if (name === 'connector') return q.connector;
    if (name === 'negated') return q.negated;
    return undefined;
  },
});

export function isExpression(v: PyValue): boolean {
  return v instanceof PyInstance && (v.native instanceof Expression || v.native instanceof QNode);
}

void PyBuiltin;
