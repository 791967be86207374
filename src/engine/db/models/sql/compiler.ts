// django.db.models.sql.compiler for SQLite: turns a Query into Django's exact SQL text
// (SELECT, COUNT, EXISTS, aggregate, UPDATE, DELETE, INSERT). Each statement is rendered twice
// when needed: the text Django shows (`str(qs.query)`, `connection.queries`) and the text sql.js
// runs (Django registers Python functions such as django_date_extract on its SQLite
// connections; here they become SQLite built-ins).

import { PyException, PyInstance, type PyValue } from '../../../python/values';
import { pyStr } from '../../../python/index';
import type { Field, ModelClass } from '../fields/index';
import { metaOf } from '../fields/index';
import type { Options } from '../options';
import { Expression } from '../expressions';
import { conditionSql, EmptyResultSet, type Condition, type ExprCompiler } from '../lookups';
import { exprContainsAggregate, LOOKUP_SEP, type Expr, type Query, type SelectRelatedTree, type WhereChild, type WhereNode } from './query';

const q = (name: string) => `"${name}"`;

export interface SelectColumn {
  sql: string;
  params: PyValue[];
  alias: string | null;
  /** What converts the value read back. */
  field: Field | null;
  /** Aggregates over decimals/ints need their own converters. */
  expr: Expr | null;
  /** A column of a select_related() model. */
  related?: boolean;
  /** An extra(select=...) column, ahead of the model's. */
  extra?: boolean;
}

/** One select_related() model in the row (Django's klass_info): where its columns start and where it goes. */
export interface RelatedSelection {
  model: ModelClass;
  /** The forward relation (reverse: false), or the one-to-one on `model` pointing back (reverse: true). */
  field: Field;
  reverse: boolean;
  start: number;
  children: RelatedSelection[];
}

export interface CompiledSelect {
  sql: string;
  params: PyValue[];
  columns: SelectColumn[];
  related?: RelatedSelection[];
}

export class SQLCompiler implements ExprCompiler {
  /** Annotation references render as the subquery's column name (aggregate over annotations). */
  refAsAlias = false;
  /** select_related() models found while building the select list. */
  related: RelatedSelection[] = [];
  constructor(
    readonly query: Query,
    readonly forExecution: boolean,
  ) {}

  quoteAlias(alias: string): string {
    const j = this.query.aliasMap.get(alias);
    if (j && j.table === alias) return q(alias);
    if (!j && !/^[TU]\d+$/.test(alias)) return q(alias);
    return alias;
  }

  compileExpr(e: Expr): [string, PyValue[]] {
    switch (e.t) {
      case 'col':
        return [`${e.quoted ? q(e.alias) : this.quoteAlias(e.alias)}.${q(e.column)}`, []];
      case 'val':
        return ['%s', [e.value]];
      case 'comb': {
        const [l, lp] = this.compileExpr(e.lhs);
        const [r, rp] = this.compileExpr(e.rhs);
        return [`(${l} ${e.op} ${r})`, [...lp, ...rp]];
      }
      case 'agg': {
        if (!e.arg) return [`${e.fn}(*)`, []];
        const [s, p] = this.compileExpr(e.arg);
        return [`${e.fn}(${e.distinct ? 'DISTINCT ' : ''}${s})`, p];
      }
      case 'ref':
        if (this.refAsAlias) return [q(e.name), []];
        return this.compileExpr(e.expr);
      case 'raw':
        return [e.sql, [...e.params]];
      case 'subquery': {
        const inner = new SQLCompiler(e.query, this.forExecution).asSelect();
        return [`(${inner.sql})`, inner.params];
      }
    }
    const other = e as unknown as { t: string; col?: Expr };
    if (other.t === 'outer' && other.col) {
      const [s, p] = new SQLCompiler(OUTER_QUERY.current ?? this.query, this.forExecution).compileExpr(other.col as Expr);
      return [`(${s})`, p];
    }
    throw new Error('unknown expression');
  }

  compileCondition(c: Condition): [string, PyValue[]] {
    if (c.t === 'exists') {
      const prev = OUTER_QUERY.current;
      OUTER_QUERY.current = this.query;
      try {
        const inner = new SQLCompiler(c.query, this.forExecution).asExists();
        return [`EXISTS(${inner.sql})`, inner.params];
      } finally {
        OUTER_QUERY.current = prev;
      }
    }
    return conditionSql(this, c);
  }

  /** WhereNode.as_sql with Django's empty/full handling; '' means "matches everything". */
  compileWhere(node: WhereNode, having: boolean | null = null): [string, PyValue[]] {
    const parts: string[] = [];
    const params: PyValue[] = [];
    let fullNeeded: number;
    let emptyNeeded: number;
    const children = node.children.filter((c) => having === null || childHasAgg(c) === having);
    if (node.connector === 'AND') {
      fullNeeded = children.length;
      emptyNeeded = 1;
    } else {
      fullNeeded = 1;
      emptyNeeded = children.length;
    }
    for (const child of children) {
      let sql: string;
      let p: PyValue[];
      try {
        [sql, p] = child.t === 'node' ? this.compileWhere(child) : this.compileCondition(child);
      } catch (e) {
        if (!(e instanceof EmptyResultSet)) throw e;
        emptyNeeded--;
        if (emptyNeeded === 0) {
          if (node.negated) return ['', []];
          throw new EmptyResultSet();
        }
        continue;
      }
      if (sql) {
        parts.push(sql);
        params.push(...p);
      } else fullNeeded--;
      if (fullNeeded === 0) {
        if (node.negated) throw new EmptyResultSet();
        return ['', []];
      }
      if (emptyNeeded === 0) {
        if (node.negated) return ['', []];
        throw new EmptyResultSet();
      }
    }
    let sql = parts.join(` ${node.connector} `);
    if (sql) {
      if (node.negated) sql = `NOT (${sql})`;
      else if (parts.length > 1) sql = `(${sql})`;
    }
    return [sql, params];
  }

  selectColumns(): SelectColumn[] {
    const query = this.query;
    const cols: SelectColumn[] = [];
    if (query.selectOverride) {
      for (const expr of query.selectOverride) {
        const [sql, params] = this.compileExpr(expr);
        cols.push({ sql, params, alias: null, field: fieldOfExpr(expr), expr });
      }
      return cols;
    }
    if (query.valuesSelect) {
      for (const name of query.valuesSelect) {
        const expr = query.valuesExprs.get(name) ?? query.annotations.get(name)!;
        const [sql, params] = this.compileExpr(expr);
        cols.push({ sql: `${sql} AS ${q(name)}`, params, alias: name, field: fieldOfExpr(expr), expr });
      }
      return cols;
    }
    const base = query.baseAlias();
    for (const x of query.extraSelect) cols.push({ sql: `(${x.sql}) AS ${q(x.alias)}`, params: [], alias: x.alias, field: null, expr: null, extra: true });
    for (const f of query.opts.concreteFields) {
      cols.push({ sql: `${this.quoteAlias(base)}.${q(f.column!)}`, params: [], alias: null, field: f, expr: null });
    }
    const selected = query.annotationSelect ?? [...query.annotations.keys()];
    for (const name of selected) {
      const expr = query.annotations.get(name)!;
      const [sql, params] = this.compileExpr(expr);
      cols.push({ sql: `${sql} AS ${q(name)}`, params, alias: name, field: fieldOfExpr(expr), expr });
    }
    const sr = query.selectRelated;
    if (sr) this.related = this.relatedSelections(cols, query.opts, [], 1, sr === true ? null : sr);
    return cols;
  }

  /**
   * get_related_selections: joins and columns for select_related(). Without names, every
   * non-null forward relation down to five levels; with names, exactly those (forward and
   * reverse one-to-one), or Django's FieldError.
   */
  private relatedSelections(cols: SelectColumn[], opts: Options, path: string[], depth: number, requested: SelectRelatedTree | null): RelatedSelection[] {
    const out: RelatedSelection[] = [];
    const restricted = requested !== null;
    if (!restricted && depth > 5) return out;
    const found = new Set<string>();
    const reverseRels = opts.relatedObjects.filter((r) => r.field.unique && !r.field.manyToMany && !r.parentLink);
    const choices = () => [...opts.fields.filter((f) => f.isRelation).map((f) => f.name!), ...reverseRels.map((r) => r.name)].join(', ') || '(none)';
    const add = (names: string[], model: ModelClass, field: Field, reverse: boolean, next: SelectRelatedTree | null) => {
      const res = this.query.setupJoins(names, null, { trim: false, failOnMissing: true });
      const alias = res.joins[res.joins.length - 1];
      const start = cols.length;
      const ropts = metaOf(model)!;
      for (const rf of ropts.concreteFields) cols.push({ sql: `${this.quoteAlias(alias)}.${q(rf.column!)}`, params: [], alias: null, field: rf, expr: null, related: true });
      const info: RelatedSelection = { model, field, reverse, start, children: [] };
      out.push(info);
      info.children = this.relatedSelections(cols, ropts, names, depth + 1, next);
    };
    for (const f of opts.fields) {
      found.add(f.name!);
      const next = requested?.get(f.name!) ?? null;
      if (restricted && !f.isRelation && requested.has(f.name!)) {
        throw new PyException('django.core.exceptions.FieldError', `Non-relational field given in select_related: '${f.name}'. Choices are: ${choices()}`);
      }
      const rf = f.remoteField as (typeof f.remoteField & { parentLink?: boolean }) | null;
      if (!rf || rf.parentLink || !(f.manyToOne || f.oneToOne)) continue;
      if (restricted ? !requested.has(f.name!) : f.null) continue;
      add([...path, f.name!], rf.model as ModelClass, f, false, restricted ? (next ?? new Map()) : null);
    }
    if (!restricted) return out;
    for (const rel of reverseRels) {
      if (!requested.has(rel.name)) continue;
      found.add(rel.name);
      add([...path, rel.name], rel.field.model!, rel.field, true, requested.get(rel.name)!);
    }
    const missing = [...requested.keys()].filter((k) => !found.has(k));
    if (missing.length) {
      throw new PyException('django.core.exceptions.FieldError', `Invalid field name(s) given in select_related: ${missing.map((m) => `'${m}'`).join(', ')}. Choices are: ${choices()}`);
    }
    return out;
  }

  fromClause(): [string, PyValue[]] {
    const parts: string[] = [];
    for (const j of this.query.aliasMap.values()) {
      const name = j.alias === j.table ? q(j.table) : `${q(j.table)} ${j.alias}`;
      if (j.joinType === null) {
        parts.push(name);
        continue;
      }
      const parent = this.quoteAlias(j.parentAlias!);
      const self = this.quoteAlias(j.alias);
      parts.push(`${j.joinType} ${name} ON (${parent}.${q(j.lhsCol)} = ${self}.${q(j.rhsCol)})`);
    }
    return [parts.join(' '), []];
  }

  /** ORDER BY items (may add joins for related names). */
  orderBy(columns: SelectColumn[]): [string, PyValue[]] {
    const query = this.query;
    const items = query.effectiveOrdering();
    const out: string[] = [];
    const params: PyValue[] = [];
    const seen = new Set<string>();
    for (const it of items) {
      let sql: string;
      let p: PyValue[] = [];
      let desc = false;
      if (typeof it === 'string') {
        if (it === '?') {
          out.push('RANDOM() ASC');
          continue;
        }
        desc = it.startsWith('-');
        const name = desc ? it.slice(1) : it;
        const pos = columns.findIndex((c) => c.alias === name);
        if (pos >= 0) sql = String(pos + 1);
        else if (query.annotations.has(name)) [sql, p] = this.compileExpr(query.annotations.get(name)!);
        else {
          const res = query.setupJoins(name.split(LOOKUP_SEP), null, { failOnMissing: true });
          query.promoteJoins(res.joins.slice(1).filter((a) => query.aliasMap.get(a)?.nullable));
          if (res.rest.length) throw new PyException('django.core.exceptions.FieldError', `Cannot resolve keyword '${res.rest[0]}' into field.`);
          [sql, p] = this.compileExpr(res.col);
        }
      } else {
        const e = (it as PyInstance).native as Expression;
        let inner: PyValue = it;
        if (e.kind === 'OrderBy') {
          inner = e.args[0];
          const d = e.kwargs.get('descending');
          desc = d === true;
        }
        const ie = inner instanceof PyInstance ? (inner.native as Expression) : null;
        if (ie && ie.kind === 'F') {
          const name = pyStr(ie.args[0]);
          const pos = columns.findIndex((c) => c.alias === name);
          if (pos >= 0) {
            sql = String(pos + 1);
          } else {
            [sql, p] = this.compileExpr(query.resolveExpr(inner, null, true));
          }
        } else [sql, p] = this.compileExpr(query.resolveExpr(inner, null, true));
      }
      const text = `${sql} ${desc ? 'DESC' : 'ASC'}`;
      if (seen.has(sql)) continue;
      seen.add(sql);
      out.push(text);
      params.push(...p);
    }
    return [out.join(', '), params];
  }

  /** The SELECT statement (as_sql). */
  asSelect(opts: { withLimits?: boolean } = {}): CompiledSelect {
    const query = this.query;
    if (query.isEmpty) throw new EmptyResultSet();
    const columns = this.selectColumns();
    const [order, orderParams] = this.orderBy(columns);
    const [from, fromParams] = this.fromClause();
    const [where, whereParams] = this.compileWhere(query.where, query.groupBy ? false : null);
    const [having, havingParams] = query.groupBy ? this.compileWhere(query.where, true) : ['', []];
    let sql = `SELECT ${query.distinct ? 'DISTINCT ' : ''}${columns.map((c) => c.sql).join(', ')} FROM ${from}`;
    const params: PyValue[] = [...columns.flatMap((c) => c.params), ...fromParams];
    if (where) {
      sql += ` WHERE ${where}`;
      params.push(...whereParams);
    }
    if (query.groupBy) {
      // Explicit group-by columns first, then the selected non-aggregates; a selected aliased
      // expression is referred to by its position.
      const groups: string[] = [];
      const positions = new Map<string, number>();
      columns.forEach((c, i) => {
        if (c.alias && c.expr) positions.set(this.compileExpr(c.expr)[0], i + 1);
      });
      const push = (g: string) => {
        if (!groups.includes(g)) groups.push(g);
      };
      for (const e of query.groupByExprs ?? []) {
        const g = this.compileExpr(e)[0];
        push(positions.has(g) ? String(positions.get(g)) : g);
      }
      columns.forEach((c, i) => {
        if (c.expr && exprContainsAggregate(c.expr)) return;
        push(c.alias ? String(i + 1) : c.sql);
      });
      if (groups.length) sql += ` GROUP BY ${groups.join(', ')}`;
    }
    if (having) {
      sql += ` HAVING ${having}`;
      params.push(...havingParams);
    }
    if (order) {
      sql += ` ORDER BY ${order}`;
      params.push(...orderParams);
    }
    if (opts.withLimits !== false) sql += limitSql(query);
    return { sql, params, columns, related: this.related };
  }

  asCount(): CompiledSelect {
    const query = this.query;
    query.selectRelated = false;
    if (query.distinct || query.isSliced || query.groupBy) {
      const inner = this.asSelect();
      return { sql: `SELECT COUNT(*) FROM (${inner.sql}) subquery`, params: inner.params, columns: [] };
    }
    const [from] = this.fromClause();
    const [where, whereParams] = this.compileWhere(query.where);
    let sql = `SELECT COUNT(*) AS "__count" FROM ${from}`;
    if (where) sql += ` WHERE ${where}`;
    return { sql, params: whereParams, columns: [] };
  }

  asExists(): CompiledSelect {
    const query = this.query;
    const [from] = this.fromClause();
    const [where, whereParams] = this.compileWhere(query.where);
    let sql = `SELECT ${query.distinct ? 'DISTINCT ' : ''}1 AS "a" FROM ${from}`;
    if (where) sql += ` WHERE ${where}`;
    sql += ' LIMIT 1';
    return { sql, params: whereParams, columns: [] };
  }

  asAggregate(aggs: Map<string, Expr>): CompiledSelect {
    const query = this.query;
    query.selectRelated = false;
    const columns: SelectColumn[] = [];
    const sub = query.distinct || query.isSliced || !!query.groupBy;
    this.refAsAlias = sub;
    for (const [name, e] of aggs) {
      const [s, p] = this.compileExpr(e);
      columns.push({ sql: `${s} AS ${q(name)}`, params: p, alias: name, field: fieldOfExpr(e), expr: e });
    }
    this.refAsAlias = false;
    if (sub) {
      const inner = this.asSelect();
      const outer = columns.map((c) => c.sql).join(', ');
      return { sql: `SELECT ${outer} FROM (${inner.sql}) subquery`, params: [...columns.flatMap((c) => c.params), ...inner.params], columns };
    }
    const [from] = this.fromClause();
    const [where, whereParams] = this.compileWhere(query.where);
    let sql = `SELECT ${columns.map((c) => c.sql).join(', ')} FROM ${from}`;
    if (where) sql += ` WHERE ${where}`;
    return { sql, params: [...columns.flatMap((c) => c.params), ...whereParams], columns };
  }

  /** WHERE for UPDATE/DELETE: direct when the query has no joins, else `pk IN (subquery)`. */
  private dmlWhere(): [string, PyValue[]] {
    const query = this.query;
    if (query.aliasMap.size === 1) return this.compileWhere(query.where);
    const base = query.baseAlias();
    const pk = query.opts.pk!;
    const inner = query.clone();
    inner.valuesSelect = ['pk'];
    inner.valuesExprs = new Map([['pk', inner.col(base, pk)]]);
    inner.clearOrdering(true);
    const sub = new SQLCompiler(inner, this.forExecution).asSelect();
    const subSql = sub.sql.replace(` AS "pk"`, '');
    return [`${q(base)}.${q(pk.column!)} IN (${subSql})`, sub.params];
  }

  asUpdate(values: [Field, Expr][]): CompiledSelect {
    const query = this.query;
    const sets: string[] = [];
    const params: PyValue[] = [];
    for (const [f, e] of values) {
      const [s, p] = this.compileExpr(e);
      sets.push(`${q(f.column!)} = ${s}`);
      params.push(...p);
    }
    let sql = `UPDATE ${q(query.opts.dbTable)} SET ${sets.join(', ')}`;
    const [where, wp] = this.dmlWhere();
    if (where) {
      sql += ` WHERE ${where}`;
      params.push(...wp);
    }
    return { sql, params, columns: [] };
  }

  asDelete(): CompiledSelect {
    const query = this.query;
    let sql = `DELETE FROM ${q(query.opts.dbTable)}`;
    const [where, wp] = this.dmlWhere();
    if (where) sql += ` WHERE ${where}`;
    return { sql, params: wp, columns: [] };
  }
}

export function insertSql(table: string, columns: string[], rows: PyValue[][], returning: string | null, ignoreConflicts = false): [string, PyValue[]] {
  const params: PyValue[] = [];
  const values = rows.map((r) => {
    params.push(...r);
    return `(${r.map(() => '%s').join(', ')})`;
  });
  let sql: string;
  if (!columns.length) sql = `INSERT INTO ${q(table)} DEFAULT VALUES`;
  else sql = `INSERT ${ignoreConflicts ? 'OR IGNORE ' : ''}INTO ${q(table)} (${columns.map(q).join(', ')}) VALUES ${values.join(', ')}`;
  if (returning) sql += ` RETURNING ${q(table)}.${q(returning)}`;
  return [sql, params];
}

function limitSql(query: Query): string {
  if (query.high !== null) {
    let s = ` LIMIT ${query.high - query.low}`;
    if (query.low) s += ` OFFSET ${query.low}`;
    return s;
  }
  if (query.low) return ` LIMIT -1 OFFSET ${query.low}`;
  return '';
}

function childHasAgg(c: WhereChild): boolean {
  if (c.t === 'node') return c.children.some(childHasAgg);
  return c.containsAggregate;
}

function fieldOfExpr(e: Expr): Field | null {
  switch (e.t) {
    case 'col':
      return e.field;
    case 'ref':
      return fieldOfExpr(e.expr);
    case 'comb':
      return fieldOfExpr(e.lhs) ?? fieldOfExpr(e.rhs);
    case 'agg':
      return e.field;
    case 'subquery':
      return e.field;
    default:
      return null;
  }
}

const OUTER_QUERY: { current: Query | null } = { current: null };
