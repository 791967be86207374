// Compiles the expressions that appear in DDL (check constraint and partial index conditions,
// functional indexes, db_default, GeneratedField) to SQLite SQL the way Django's query
// compiler does with `alias_cols=False`: columns unqualified, parameters inlined as literals.
//
// Expression objects come from the model layer; they are read structurally (Q: children,
// connector, negated; F: name; Value: value; functions: their class name and source
// expressions; combined expressions: lhs, connector, rhs).

import { PyInstance, PyList, PyTuple } from '../../../python/values';
import type { BaseDatabaseSchemaEditor } from '../base/schema';
import type { SchemaField, SchemaModel } from '../base/types';
import { Expressions } from '../ddl_references';
import { prepForDb } from './adapt';
import { optsOf } from '../base/types';

type Editor = BaseDatabaseSchemaEditor;

interface Compiled {
  sql: string;
  /** The output field's internal type when known (to apply SQLite's NUMERIC cast). */
  outputType?: string;
  columns: string[];
}

export class UnsupportedExpressionError extends Error {}

function unwrap(v: unknown): unknown {
  if (v instanceof PyInstance && v.native !== undefined) return v.native;
  return v;
}

function className(v: unknown): string {
  if (v instanceof PyInstance) return v.cls.name;
  if (v && typeof v === 'object') {
    const explicit = (v as { className?: unknown }).className;
    if (typeof explicit === 'string') return explicit;
    return (v as { constructor?: { name?: string } }).constructor?.name ?? '';
  }
  return '';
}

function attr<T = unknown>(v: unknown, ...names: string[]): T | undefined {
  const objs = [v, unwrap(v)];
  for (const o of objs) {
    if (!o || typeof o !== 'object') continue;
    for (const n of names) {
      const val = (o as Record<string, unknown>)[n];
      if (val !== undefined) return val as T;
      if (o instanceof PyInstance && o.dict.has(n)) return o.dict.get(n) as T;
    }
  }
  return undefined;
}

function listOf(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (v instanceof PyList || v instanceof PyTuple) return [...v.items];
  return [];
}

const LOOKUPS: Record<string, string> = {
  exact: '= %s',
  gt: '> %s',
  gte: '>= %s',
  lt: '< %s',
  lte: '<= %s',
  iexact: "LIKE %s ESCAPE '\\'",
  contains: "LIKE %s ESCAPE '\\'",
  icontains: "LIKE %s ESCAPE '\\'",
  startswith: "LIKE %s ESCAPE '\\'",
  endswith: "LIKE %s ESCAPE '\\'",
  istartswith: "LIKE %s ESCAPE '\\'",
  iendswith: "LIKE %s ESCAPE '\\'",
  regex: 'REGEXP %s',
  iregex: "REGEXP '(?i)' || %s",
};

class DdlCompiler {
  constructor(
    readonly model: SchemaModel,
    readonly editor: Editor,
  ) {}

  column(name: string): { sql: string; field: SchemaField | null } {
    let field: SchemaField | null = null;
    try {
      field = optsOf(this.model).getField(name);
    } catch {
      field = null;
    }
    const column = field?.column ?? name;
    return { sql: this.editor.quoteName(column), field };
  }

  literal(value: unknown, field: SchemaField | null): string {
    return this.editor.quoteValue(field ? prepForDb(field, value) : value);
  }

  /** A WHERE clause built from a Q object (WhereNode.as_sql). */
  where(q: unknown): string {
    const node = unwrap(q);
    const children = listOf(attr(node, 'children'));
    const connector = String(attr(node, 'connector') ?? 'AND');
    const negated = !!attr(node, 'negated');
    const parts: string[] = [];
    for (const child of children) {
      const c = unwrap(child);
      if (className(child) === 'Q' || className(c) === 'Q' || attr(c, 'children') !== undefined) {
        const sql = this.where(child);
        if (sql) parts.push(sql);
        continue;
      }
      const pair = listOf(child);
      if (pair.length === 2 && typeof pair[0] === 'string') {
        parts.push(this.lookup(pair[0], pair[1]));
        continue;
      }
      // A boolean expression used directly as a condition.
      parts.push(this.expr(child).sql);
    }
    let sql = parts.join(` ${connector} `);
    if (!sql) return '';
    if (negated) sql = `NOT (${sql})`;
    else if (parts.length > 1) sql = `(${sql})`;
    return sql;
  }

  lookup(path: string, value: unknown): string {
    const parts = path.split('__');
    let lookupName = 'exact';
    if (parts.length > 1 && (parts[parts.length - 1] in LOOKUPS || ['in', 'isnull', 'range'].includes(parts[parts.length - 1]))) {
      lookupName = parts.pop()!;
    }
    if (parts.length !== 1) throw new UnsupportedExpressionError(`Joined field references are not permitted in this query`);
    const { sql: lhs, field } = this.column(parts[0]);
    const isExpr = isExpression(value);
    const rhsOf = (v: unknown): string => {
      if (isExpression(v)) {
        const s = this.expr(v).sql;
        return s.startsWith('(') ? s : `(${s})`;
      }
      return this.literal(v, field);
    };
    if (lookupName === 'isnull') return `${lhs} ${truthyPy(value) ? 'IS NULL' : 'IS NOT NULL'}`;
    if (lookupName === 'in') {
      const items = listOf(value).filter((v) => v !== null);
      return `${lhs} IN (${items.map((v) => this.literal(v, field)).join(', ')})`;
    }
    if (lookupName === 'range') {
      const [a, b] = listOf(value);
      return `${lhs} BETWEEN ${rhsOf(a)} AND ${rhsOf(b)}`;
    }
    if (lookupName === 'exact') {
      if (value === null) return `${lhs} IS NULL`;
      if (!isExpr && typeof value === 'boolean' && field?.getInternalType() === 'BooleanField') {
        return value ? lhs : `NOT ${lhs}`;
      }
    }
    if (['contains', 'icontains', 'startswith', 'istartswith', 'endswith', 'iendswith'].includes(lookupName) && !isExpr) {
      const raw = String(value).replace(/\\/g, '\\\\').replace(/%/g, '\\%').replace(/_/g, '\\_');
      const pattern = lookupName.endsWith('contains') ? `%${raw}%` : lookupName.endsWith('startswith') ? `${raw}%` : `%${raw}`;
      return `${lhs} ${LOOKUPS[lookupName].replace('%s', this.editor.quoteValue(pattern))}`;
    }
    if (lookupName === 'iexact' && !isExpr) {
      const raw = String(value).replace(/\\/g, '\\\\').replace(/%/g, '\\%').replace(/_/g, '\\_');
      return `${lhs} ${LOOKUPS.iexact.replace('%s', this.editor.quoteValue(raw))}`;
    }
    return `${lhs} ${LOOKUPS[lookupName].replace('%s', rhsOf(value))}`;
  }

  expr(e: unknown): Compiled {
    if (!isExpression(e)) {
      return { sql: this.editor.quoteValue(e), columns: [] };
    }
    const { kind: name, args, kwargs } = exprParts(e);
    const kw = (k: string) => kwargs.get(k);
    if (name === 'F') {
      const fname = String(args[0] ?? kw('name'));
      const { sql, field } = this.column(fname);
      return { sql, columns: [field?.column ?? fname], outputType: field?.getInternalType() };
    }
    if (name === 'Value') {
      const value = args[0] ?? kw('value') ?? null;
      const out = outputTypeOf(args[1] ?? kw('output_field'));
      const sql = this.editor.quoteValue(value);
      return { sql: out === 'DecimalField' ? `(CAST(${sql} AS NUMERIC))` : sql, columns: [], outputType: out };
    }
    if (name === 'Q') return { sql: this.where(e), columns: [] };
    if (name === 'Now') return { sql: "STRFTIME('%Y-%m-%d %H:%M:%f', 'NOW')", columns: [], outputType: 'DateTimeField' };
    if (name === 'OrderBy') {
      const inner = this.expr(args[0] ?? kw('expression'));
      const desc = truthyPy(kw('descending') ?? false);
      return { sql: `${inner.sql} ${desc ? 'DESC' : 'ASC'}`, columns: inner.columns };
    }
    if (name === 'CombinedExpression') {
      const lhs = this.expr(args[0]);
      const connector = String(args[1]);
      const rhs = this.expr(args[2]);
      const op = connector === '^' ? null : connector === '%%' ? '%' : connector;
      let sql = op ? `(${lhs.sql} ${op} ${rhs.sql})` : `(POWER(${lhs.sql}, ${rhs.sql}))`;
      const out =
        outputTypeOf(args[3] ?? kw('output_field')) ??
        (lhs.outputType === 'DecimalField' || rhs.outputType === 'DecimalField' ? 'DecimalField' : (lhs.outputType ?? rhs.outputType));
      if (out === 'DecimalField') sql = `(CAST(${sql} AS NUMERIC))`;
      return { sql, columns: [...lhs.columns, ...rhs.columns], outputType: out };
    }
    if (name === 'ExpressionWrapper') {
      const inner = this.expr(args[0] ?? kw('expression'));
      return { ...inner, outputType: outputTypeOf(args[1] ?? kw('output_field')) ?? inner.outputType };
    }
    if (name === 'Cast') {
      const inner = this.expr(toExpr(args[0] ?? kw('expression')));
      const outField = unwrap(args[1] ?? kw('output_field')) as SchemaField | undefined;
      const type = outField?.dbParameters ? outField.dbParameters(this.editor.connection).type : 'text';
      return { sql: `CAST(${inner.sql} AS ${type})`, columns: inner.columns, outputType: outputTypeOf(outField) };
    }
    const FUNCS: Record<string, string> = {
      Lower: 'LOWER',
      Upper: 'UPPER',
      Length: 'LENGTH',
      Abs: 'ABS',
      Coalesce: 'COALESCE',
      Trim: 'TRIM',
      LTrim: 'LTRIM',
      RTrim: 'RTRIM',
      Round: 'ROUND',
      Greatest: 'MAX',
      Least: 'MIN',
      Reverse: 'REVERSE',
      Ceil: 'CEILING',
      Floor: 'FLOOR',
      Sqrt: 'SQRT',
      Power: 'POWER',
      Mod: 'MOD',
      NullIf: 'NULLIF',
    };
    const fn = FUNCS[name] ?? (name === 'Func' ? String(kw('function') ?? '') : '');
    if (fn || name === 'Concat') {
      const compiled = args.map((a) => this.expr(toExpr(a)));
      if (name === 'Concat') {
        // Concat(a, b, c) is ConcatPair(a, ConcatPair(b, c)); each pair is (COALESCE(x, '') || COALESCE(y, '')).
        const pair = (sqls: string[]): string =>
          sqls.length <= 2 ? `(${sqls.map((x) => `COALESCE(${x}, '')`).join(' || ')})` : `(COALESCE(${sqls[0]}, '') || COALESCE(${pair(sqls.slice(1))}, ''))`;
        return { sql: pair(compiled.map((a) => a.sql)), columns: compiled.flatMap((a) => a.columns), outputType: 'CharField' };
      }
      const out = outputTypeOf(kw('output_field')) ?? (['Length'].includes(name) ? 'IntegerField' : compiled[0]?.outputType);
      return { sql: `${fn}(${compiled.map((a) => a.sql).join(', ')})`, columns: compiled.flatMap((a) => a.columns), outputType: out };
    }
    throw new UnsupportedExpressionError(`The expression ${name || String(e)} cannot be compiled to SQL here.`);
  }
}

/** Strings in a function's arguments name fields, as in Lower('title'). */
function toExpr(a: unknown): unknown {
  return typeof a === 'string' ? fExpr(a) : a;
}

/** An expression's class name, positional arguments and keyword arguments. */
function exprParts(e: unknown): { kind: string; args: unknown[]; kwargs: Map<string, unknown> } {
  const n = unwrap(e) as { kind?: string; args?: unknown[]; kwargs?: Map<string, unknown>; children?: unknown } & Record<string, unknown>;
  if (n && typeof n === 'object' && typeof n.kind === 'string' && Array.isArray(n.args)) {
    return { kind: n.kind, args: n.args, kwargs: n.kwargs instanceof Map ? n.kwargs : new Map() };
  }
  const kind = className(e) || className(n);
  if (n && typeof n === 'object' && n.children !== undefined) return { kind: 'Q', args: [], kwargs: new Map() };
  // Plain objects built here (fExpr) or by tests: named properties.
  const kwargs = new Map<string, unknown>(Object.entries(n ?? {}));
  const args: unknown[] = [];
  if (kind === 'F') args.push(n.name);
  if (kind === 'Value') args.push(n.value);
  if (kind === 'CombinedExpression') args.push(n.lhs, n.connector, n.rhs);
  if (Array.isArray(n.sourceExpressions)) args.push(...n.sourceExpressions);
  return { kind, args, kwargs };
}

function fExpr(name: string): unknown {
  return { className: 'F', name };
}

function isExpression(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return false;
  if (v instanceof PyTuple || v instanceof PyList) return false;
  const name = className(v);
  if (['Decimal', 'date', 'datetime', 'time', 'timedelta', 'UUID'].includes(name)) return false;
  if (v instanceof PyInstance) {
    const n = v.native as { kind?: unknown; children?: unknown } | undefined;
    if (n && (typeof n.kind === 'string' || Array.isArray(n.children))) return true;
    return v.cls.mro.some((c) => ['Expression', 'BaseExpression', 'Combinable', 'F', 'Q', 'Func', 'Value'].includes(c.name));
  }
  return typeof (v as { className?: unknown }).className === 'string' || typeof (v as { resolveExpression?: unknown }).resolveExpression === 'function';
}

function outputTypeOf(f: unknown): string | undefined {
  const field = unwrap(f) as SchemaField | undefined;
  if (field && typeof field.getInternalType === 'function') return field.getInternalType();
  return undefined;
}

function truthyPy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === 0n || v === '') return false;
  return true;
}

// ---- entry points used by the schema editor ------------------------------------------------

export function compileCondition(condition: unknown, model: SchemaModel, editor: Editor): string {
  const c = new DdlCompiler(model, editor);
  const name = className(condition);
  if (name === 'Q' || attr(condition, 'children') !== undefined) return c.where(condition);
  return c.expr(condition).sql;
}

/** Functional index/unique expressions as a deferred-statement part. */
export function compileExpressions(expressions: readonly unknown[], model: SchemaModel, editor: Editor, _index: boolean): Expressions {
  const c = new DdlCompiler(model, editor);
  const compiled = expressions.map((e) => (typeof e === 'string' ? c.expr(fExpr(e)) : c.expr(e)));
  const columns = compiled.flatMap((x) => x.columns);
  const text = compiled.map((x) => wrapIndexExpression(x.sql)).join(', ');
  return new Expressions(optsOf(model).dbTable, columns, (map) => {
    let out = text;
    for (const [from, to] of map) if (from !== to) out = out.split(editor.quoteName(from)).join(editor.quoteName(to));
    return out;
  });
}

function wrapIndexExpression(sql: string): string {
  // IndexExpression wraps every expression in parentheses, except an ordering suffix.
  const m = /^(.*) (ASC|DESC)$/.exec(sql);
  if (m) return `(${m[1]}) ${m[2]}`;
  return `(${sql})`;
}

/** `DEFAULT ...` text for db_default (literal values inlined, other expressions in parentheses). */
export function compileDbDefault(field: SchemaField, editor: Editor): string {
  const model = field.model ?? ({ _meta: { getField: () => field } } as unknown as SchemaModel);
  const c = new DdlCompiler(model, editor);
  const expr = (field as { _dbDefaultExpression?: unknown })._dbDefaultExpression ?? field.dbDefault;
  const name = className(expr);
  if (!isExpression(expr) || name === 'Value') {
    const value = name === 'Value' ? (exprParts(expr).args[0] ?? null) : expr;
    const sql = editor.prepareDefault(prepForDb(field, value));
    return field.getInternalType() === 'DecimalField' ? `(CAST(${sql} AS NUMERIC))` : sql;
  }
  return `(${c.expr(expr).sql})`;
}

export function compileGenerated(field: SchemaField, editor: Editor): string {
  if (field.generatedSql) {
    const [sql, params] = field.generatedSql(editor.connection);
    let i = 0;
    return sql.replace(/%%|%s/g, (m) => (m === '%%' ? '%' : editor.quoteValue(params[i++])));
  }
  const model = field.model ?? ({ _meta: { getField: () => field } } as unknown as SchemaModel);
  const c = new DdlCompiler(model, editor);
  const expression = (field as { expression?: unknown }).expression;
  const compiled = c.expr(expression);
  const out = outputTypeOf((field as { outputField?: unknown }).outputField);
  if (out === 'DecimalField' && !compiled.sql.startsWith('(CAST(')) return `(CAST(${compiled.sql} AS NUMERIC))`;
  return compiled.sql;
}
