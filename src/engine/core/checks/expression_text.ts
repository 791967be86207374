// What the db_default check needs to know about an expression, as Django sees it after
// __init__ has parsed the arguments: str(expression) (strings became F(), other plain values
// Value(), Concat pairs its arguments, Round/LPad/Replace fill in their defaults) and
// `allowed_default` (only values and functions of values may be a column's DEFAULT).

import { PyInstance, PyTuple, type PyValue } from '../../python/values';
import { pyRepr, pyStr } from '../../utils/py';
import { Expression, Func, Q, QNode, Value, makeExpr } from '../../db/models/expressions';

/** One node of Django's expression tree after argument parsing. */
type Node =
  | { kind: 'F'; cls: string; name: string }
  | { kind: 'Value'; value: PyValue }
  | { kind: 'Func'; cls: string; sources: Node[]; extras: [string, PyValue][]; allowed: boolean }
  | { kind: 'Combined'; lhs: Node; op: string; rhs: Node }
  | { kind: 'Wrapper'; inner: Node }
  | { kind: 'Case'; whens: Node[]; dflt: Node }
  | { kind: 'When'; condition: PyValue; result: Node }
  | { kind: 'Q'; q: PyInstance }
  | { kind: 'Other'; allowed: boolean; text: string };

/** Positional parameters that functions name, and what they default to (beyond `expression`). */
const NAMED_PARAMS: Record<string, { params: string[]; defaults?: Record<string, PyValue> }> = {
  Left: { params: ['expression', 'length'] },
  Right: { params: ['expression', 'length'] },
  Substr: { params: ['expression', 'pos', 'length'] },
  Round: { params: ['expression', 'precision'], defaults: { precision: 0n } },
  LPad: { params: ['expression', 'length', 'fill_text'], defaults: { fill_text: ' ' } },
  RPad: { params: ['expression', 'length', 'fill_text'], defaults: { fill_text: ' ' } },
  Replace: { params: ['expression', 'text', 'replacement'], defaults: { replacement: '' } },
  Repeat: { params: ['expression', 'number'] },
  StrIndex: { params: ['string', 'substring'] },
  NullIf: { params: ['expression1', 'expression2'] },
};

/** Functions whose only source expression is the first argument (the rest are options). */
const SINGLE_SOURCE = /^(Extract|Trunc)\w*$|^(Cast|Collate)$/;

function isExpr(v: PyValue): v is PyInstance {
  return v instanceof PyInstance && v.native instanceof Expression;
}

function isQ(v: PyValue): v is PyInstance {
  return v instanceof PyInstance && v.native instanceof QNode;
}

/** A Func argument: a string names a field (F), any other plain value is a Value. */
function parseArg(v: PyValue): Node {
  if (typeof v === 'string') return { kind: 'F', cls: 'F', name: v };
  return toNode(v);
}

function wrapValue(v: PyValue): Node {
  return isExpr(v) || isQ(v) ? toNode(v) : { kind: 'Value', value: v };
}

/** A function's source expressions as written (before strings become F() and values Value()). */
export function funcSourceArgs(e: Expression, cls: string): PyValue[] {
  const sources: PyValue[] = [...e.args];
  const kwargs = new Map(e.kwargs);
  kwargs.delete('output_field');
  const named = NAMED_PARAMS[cls];
  if (named) {
    for (const p of named.params.slice(sources.length)) {
      if (kwargs.has(p)) sources.push(kwargs.get(p)!);
      else if (named.defaults && p in named.defaults) sources.push(makeExpr(Value, 'Value', 'django.db.models.Value', [named.defaults[p]], new Map()));
      else break;
    }
    for (const p of named.params) kwargs.delete(p);
  }
  if (SINGLE_SOURCE.test(cls)) sources.splice(1);
  return sources;
}

function funcNode(e: Expression, cls: string): Node {
  const kwargs = new Map(e.kwargs);
  kwargs.delete('output_field');
  for (const p of NAMED_PARAMS[cls]?.params ?? []) kwargs.delete(p);
  if (SINGLE_SOURCE.test(cls)) kwargs.clear();
  let nodes = funcSourceArgs(e, cls).map(parseArg);
  if (cls === 'Concat') nodes = nodes.length > 1 ? [pairUp(nodes)] : nodes;
  const extras = [...kwargs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { kind: 'Func', cls, sources: nodes, extras, allowed: cls !== 'Collate' && nodes.every(allowedDefault) };
}

/** Concat(a, b, c) is Concat(ConcatPair(a, ConcatPair(b, c))). */
function pairUp(nodes: Node[]): Node {
  if (nodes.length === 2) return { kind: 'Func', cls: 'ConcatPair', sources: nodes, extras: [], allowed: nodes.every(allowedDefault) };
  const rest = pairUp(nodes.slice(1));
  const pair = [nodes[0], rest];
  return { kind: 'Func', cls: 'ConcatPair', sources: pair, extras: [], allowed: pair.every(allowedDefault) };
}

function whenNode(e: Expression): Node {
  const lookups: [string, PyValue][] = [];
  let condition: PyValue | undefined = e.args[0];
  for (const [k, v] of e.kwargs) {
    if (k === 'then') continue;
    if (k === 'condition') condition = v;
    else lookups.push([k, v]);
  }
  if (condition === undefined) {
    lookups.sort(([a], [b]) => (a < b ? -1 : 1));
    condition = new PyInstance(Q, new QNode(lookups.map(([k, v]) => new PyTuple([k, v]))));
  }
  return { kind: 'When', condition, result: wrapValue(e.kwargs.get('then') ?? null) };
}

function toNode(v: PyValue): Node {
  if (isQ(v)) return { kind: 'Q', q: v };
  if (!isExpr(v)) return { kind: 'Value', value: v };
  const e = v.native as Expression;
  const cls = v.cls.name;
  switch (e.kind) {
    case 'F':
    case 'OuterRef':
      return { kind: 'F', cls, name: typeof e.args[0] === 'string' ? e.args[0] : pyStr(e.args[0] ?? e.kwargs.get('name') ?? null) };
    case 'Value':
      return { kind: 'Value', value: e.args[0] ?? e.kwargs.get('value') ?? null };
    case 'CombinedExpression':
      return { kind: 'Combined', lhs: toNode(e.args[0]), op: String(e.args[1]), rhs: toNode(e.args[2]) };
    case 'ExpressionWrapper':
      return { kind: 'Wrapper', inner: toNode(e.args[0] ?? e.kwargs.get('expression') ?? null) };
    case 'Case': {
      const dflt = e.kwargs.has('default') ? e.kwargs.get('default')! : null;
      return { kind: 'Case', whens: e.args.map((w) => toNode(w)), dflt: wrapValue(dflt) };
    }
    case 'When':
      return whenNode(e);
    case 'RawSQL':
      return { kind: 'Other', allowed: true, text: pyRepr(v) };
  }
  if (v.cls.isSubclassOf(Func)) return funcNode(e, cls);
  return { kind: 'Other', allowed: false, text: pyRepr(v) };
}

function allowedDefault(n: Node): boolean {
  switch (n.kind) {
    case 'F':
    case 'Q':
    case 'Case':
    case 'When':
      return false;
    case 'Value':
      return true;
    case 'Func':
      return n.allowed;
    case 'Combined':
      return allowedDefault(n.lhs) && allowedDefault(n.rhs);
    case 'Wrapper':
      return allowedDefault(n.inner);
    case 'Other':
      return n.allowed;
  }
}

/** str() of the node, as Django prints it. */
function nodeStr(n: Node): string {
  switch (n.kind) {
    case 'F':
      return `${n.cls}(${n.name})`;
    case 'Value':
      return `Value(${pyRepr(n.value)})`;
    case 'Func': {
      const args = n.sources.map(nodeStr).join(', ');
      if (!n.extras.length) return `${n.cls}(${args})`;
      return `${n.cls}(${args}, ${n.extras.map(([k, v]) => `${k}=${pyStr(v)}`).join(', ')})`;
    }
    case 'Combined':
      return `${nodeStr(n.lhs)} ${n.op} ${nodeStr(n.rhs)}`;
    case 'Wrapper':
      return `ExpressionWrapper(${nodeStr(n.inner)})`;
    case 'Case':
      return `CASE ${n.whens.map(nodeStr).join(', ')}, ELSE ${nodeRepr(n.dflt)}`;
    case 'When':
      return `WHEN ${pyRepr(n.condition)} THEN ${nodeRepr(n.result)}`;
    case 'Q':
      return pyStr(n.q);
    case 'Other':
      return n.text;
  }
}

/** repr(): the same as str() except for a CombinedExpression. */
function nodeRepr(n: Node): string {
  if (n.kind === 'Combined') return `<CombinedExpression: ${nodeStr(n)}>`;
  if (n.kind === 'Case') return `<Case: ${nodeStr(n)}>`;
  if (n.kind === 'When') return `<When: ${nodeStr(n)}>`;
  return nodeStr(n);
}

/** Whether a db_default is an expression Django checks (Q objects too; a bare Value is not). */
export function isCheckedDbDefault(v: PyValue): boolean {
  if (isQ(v)) return true;
  return isExpr(v) && (v.native as Expression).kind !== 'Value';
}

/** The expression's `allowed_default`. */
export function expressionAllowedDefault(v: PyValue): boolean {
  return allowedDefault(toNode(v));
}

/** str(expression) as Django 5.2 prints it. */
export function expressionText(v: PyValue): string {
  return nodeStr(toNode(v));
}
