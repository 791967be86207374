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
    const name = className(e);
    const node = unwrap(e);
    if (!isExpression(e)) {
      return { sql: this.editor.quoteValue(e), columns: [] };
    }
    if (name === 'F') {
      const { sql, field } = this.column(String(attr(node, 'name')));
      return { sql, columns: [field?.column ?? String(attr(node, 'name'))], outputType: field?.getInternalType() };
    }
    if (name === 'Value') {
      const value = attr(node, 'value');
      const out = outputTypeOf(attr(node, 'outputField', '_outputField', 'output_field'));
      const sql = this.editor.quoteValue(value);
      return { sql: out === 'DecimalField' ? `(CAST(${sql} AS NUMERIC))` : sql, columns: [], outputType: out };
    }
    if (name === 'Q') return { sql: this.where(e), columns: [] };
    if (name === 'Now') return { sql: "STRFTIME('%Y-%m-%d %H:%M:%f', 'NOW')", columns: [], outputType: 'DateTimeField' };
    if (name === 'OrderBy' || name === 'Desc' || name === 'Asc') {
      const inner = this.expr(attr(node, 'expression'));
      const desc = !!attr(node, 'descending') || name === 'Desc';
      return { sql: `${inner.sql} ${desc ? 'DESC' : 'ASC'}`, columns: inner.columns };
    }
    if (name === 'CombinedExpression' || (attr(node, 'lhs') !== undefined && attr(node, 'connector') !== undefined)) {
      const lhs = this.expr(attr(node, 'lhs'));
      const rhs = this.expr(attr(node, 'rhs'));
      const connector = String(attr(node, 'connector'));
      const op = connector === '^' ? null : connector === '%%' ? '%' : connector;
      let sql = op ? `(${lhs.sql} ${op} ${rhs.sql})` : `(POWER(${lhs.sql}, ${rhs.sql}))`;
      const out =
        outputTypeOf(attr(node, 'outputField', '_outputField', 'output_field')) ??
        (lhs.outputType === 'DecimalField' || rhs.outputType === 'DecimalField' ? 'DecimalField' : lhs.outputType);
      if (out === 'DecimalField') sql = `(CAST(${sql} AS NUMERIC))`;
      return { sql, columns: [...lhs.columns, ...rhs.columns], outputType: out };
    }
    if (name === 'ExpressionWrapper') {
      const inner = this.expr(attr(node, 'expression'));
      return { ...inner, outputType: outputTypeOf(attr(node, 'outputField', 'output_field')) ?? inner.outputType };
    }
    if (name === 'Cast') {
      const inner = this.expr(listOf(attr(node, 'sourceExpressions', 'expressions'))[0] ?? attr(node, 'expression'));
      const out = attr(node, 'outputField', 'output_field') as SchemaField | undefined;
      const type = out?.dbParameters ? out.dbParameters(this.editor.connection).type : 'text';
      return { sql: `CAST(${inner.sql} AS ${type})`, columns: inner.columns, outputType: outputTypeOf(out) };
    }
    const FUNCS: Record<string, string> = {
      Lower: 'LOWER',
      Upper: 'UPPER',
      Length: 'LENGTH',
      Abs: 'ABS',
      Coalesce: 'COALESCE',
      Concat: 'CONCAT',
      Trim: 'TRIM',
      LTrim: 'LTRIM',
      RTrim: 'RTRIM',
      Round: 'ROUND',
      Greatest: 'MAX',
      Least: 'MIN',
      Reverse: 'REVERSE',
    };
    const fn = FUNCS[name] ?? (attr<string>(node, 'function') as string | undefined);
    if (fn) {
      const args = listOf(attr(node, 'sourceExpressions', 'expressions', 'args')).map((a) =>
        typeof a === 'string' ? this.expr(fExpr(a)) : this.expr(a),
      );
      if (name === 'Concat') {
        const sql = args.map((a) => `COALESCE(${a.sql}, '')`).join(' || ');
        return { sql: `(${sql})`, columns: args.flatMap((a) => a.columns) };
      }
      return { sql: `${fn}(${args.map((a) => a.sql).join(', ')})`, columns: args.flatMap((a) => a.columns), outputType: args[0]?.outputType };
    }
    throw new UnsupportedExpressionError(`The expression ${name || String(e)} cannot be compiled to SQL here.`);
  }
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
    return v.cls.mro.some((c) => ['Expression', 'BaseExpression', 'Combinable', 'F', 'Q', 'Func', 'Value'].includes(c.name)) || !!attr(v, 'resolveExpression');
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
    const value = name === 'Value' ? attr(expr, 'value') : expr;
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
