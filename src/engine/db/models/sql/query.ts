// django.db.models.sql.query: the SQL a QuerySet stands for — base table, joins (with
// Django's aliases, reuse rules, join trimming and INNER/LEFT OUTER promotion), the WHERE tree,
// annotations, values() selections, ordering, DISTINCT and LIMIT/OFFSET.

import { PyException, PyInstance, type PyValue } from '../../../python/values';
import { pyStr } from '../../../python/index';
import type { Field } from '../fields/index';
import { metaOf, type ModelClass } from '../fields/index';
import type { Options } from '../options';
import { ForeignObjectRel } from '../fields/reverse_related';
import { Expression } from '../expressions';
import { buildLookup, isExpr, LOOKUP_NAMES, TRANSFORM_NAMES, type Condition } from '../lookups';
import { prepValue, isModelInstance } from './values';

export const LOOKUP_SEP = '__';

export type JoinType = 'INNER JOIN' | 'LEFT OUTER JOIN';

export interface Join {
  table: string;
  alias: string;
  parentAlias: string | null;
  lhsCol: string;
  rhsCol: string;
  joinType: JoinType | null;
  nullable: boolean;
  /** Identity for reuse: parent alias + join columns + table. */
  key: string;
  /** Whether this join can multiply rows (reverse FK, many-to-many). */
  multi: boolean;
}

export type Expr =
  | { t: 'col'; alias: string; column: string; field: Field; quoted: boolean }
  | { t: 'val'; value: PyValue; field: Field | null }
  | { t: 'comb'; lhs: Expr; op: string; rhs: Expr }
  | { t: 'agg'; fn: string; arg: Expr | null; distinct: boolean; field: Field | null; sourceType: string }
  | { t: 'ref'; name: string; expr: Expr }
  | { t: 'raw'; sql: string; params: PyValue[]; field: Field | null }
  /** A QuerySet used as a value: `(SELECT ...)` with its own aliases. */
  | { t: 'subquery'; query: Query; field: Field | null };

export interface WhereNode {
  t: 'node';
  connector: 'AND' | 'OR';
  negated: boolean;
  children: WhereChild[];
}
export type WhereChild = WhereNode | Condition;

export function newNode(connector: 'AND' | 'OR' = 'AND', negated = false, children: WhereChild[] = []): WhereNode {
  return { t: 'node', connector, negated, children };
}

/** tree.Node.add */
export function nodeAdd(node: WhereNode, data: WhereChild, conn: 'AND' | 'OR'): void {
  if (node.connector !== conn) {
    const copy = newNode(node.connector, node.negated, node.children);
    node.connector = conn;
    node.negated = false;
    node.children = [copy, data];
    return;
  }
  if (data.t === 'node' && !data.negated && (data.connector === conn || data.children.length === 1)) {
    node.children.push(...data.children);
    return;
  }
  node.children.push(data);
}

export function exprContainsAggregate(e: Expr): boolean {
  if (e.t === 'agg') return true;
  if (e.t === 'comb') return exprContainsAggregate(e.lhs) || exprContainsAggregate(e.rhs);
  if (e.t === 'ref') return exprContainsAggregate(e.expr);
  return false;
}

export function exprOutputField(e: Expr): Field | null {
  switch (e.t) {
    case 'col':
      return e.field;
    case 'val':
      return e.field;
    case 'comb':
      return exprOutputField(e.lhs) ?? exprOutputField(e.rhs);
    case 'agg':
      return e.field;
    case 'ref':
      return exprOutputField(e.expr);
    case 'raw':
      return e.field;
    case 'subquery':
      return e.field;
  }
}

export function fieldError(msg: string): PyException {
  return new PyException('django.core.exceptions.FieldError', msg);
}

interface PathStep {
  table: string;
  lhsCol: string;
  rhsCol: string;
  nullable: boolean;
  multi: boolean;
  /** The field whose column the joined table exposes as `rhsCol`, when the join goes to a target field. */
  rhsField: Field | null;
  lhsField: Field | null;
}

interface ResolvedPath {
  steps: PathStep[];
  /** The field the names end on (a relation or a concrete field). */
  field: Field | ForeignObjectRel;
  /** Model whose table the target column lives in after the steps. */
  targetOpts: Options;
  targetField: Field;
  rest: string[];
  multi: boolean;
}

export interface OrderItem {
  expr: Expr | null;
  /** The name as written (for values()/annotation position references). */
  name: string | null;
  descending: boolean;
}

export interface SelectItem {
  expr: Expr;
  alias: string | null;
}

export class Query {
  aliasMap = new Map<string, Join>();
  tableMap = new Map<string, string[]>();
  where: WhereNode = newNode();
  annotations = new Map<string, Expr>();
  /** values()/values_list() names, in order; null when selecting model instances. */
  valuesSelect: string[] | null = null;
  valuesExprs = new Map<string, Expr>();
  /** Annotations selected (all unless values() limited them). */
  annotationSelect: string[] | null = null;
  ordering: (string | PyInstance)[] = [];
  defaultOrdering = true;
  distinct = false;
  low = 0;
  high: number | null = null;
  aliasPrefix = 'T';
  /** Prefixes taken by this query and its subqueries (bump_prefix picks the next free one). */
  subqAliases = new Set<string>(['T']);
  /** Whether anything joined from or referenced the base table yet (Django creates it lazily). */
  baseAliasUsed = false;
  /** A subquery's select list when it selects bare columns (`SELECT U0."id"`) instead of the model's. */
  selectOverride: Expr[] | null = null;
  /** QuerySet.extra(select=...) columns, selected before the model's (prefetching many-to-many uses one). */
  extraSelect: { alias: string; sql: string }[] = [];
  /** select_related(): false, true (every non-null foreign key), or the names asked for, as a tree. */
  selectRelated: boolean | SelectRelatedTree = false;
  /** When an annotation is an aggregate, rows are grouped. */
  groupBy: boolean | 'values' = false;
  /** What annotate() then values() still groups by: every column of the model (set_group_by). */
  groupByExprs: Expr[] | null = null;
  isEmpty = false;
  /** Subquery correlations: the outer query resolves `OuterRef`-like columns. */
  constructor(readonly model: ModelClass) {
    const opts = this.opts;
    this.baseTable(opts.dbTable);
  }

  get opts(): Options {
    return metaOf(this.model)!;
  }

  baseAlias(): string {
    return this.aliasMap.keys().next().value as string;
  }

  private baseTable(table: string): void {
    const alias = this.newAlias(table);
    this.aliasMap.set(alias, { table, alias, parentAlias: null, lhsCol: '', rhsCol: '', joinType: null, nullable: false, key: '', multi: false });
  }

  newAlias(table: string, forceNew = false): string {
    const existing = this.tableMap.get(table);
    let alias: string;
    if (!existing && !forceNew) alias = table;
    else alias = `${this.aliasPrefix}${this.aliasMap.size + 1}`;
    if (!existing) this.tableMap.set(table, [alias]);
    else existing.push(alias);
    return alias;
  }

  clone(): Query {
    const q = Object.create(Query.prototype) as Query;
    Object.assign(q, this);
    q.aliasMap = new Map([...this.aliasMap].map(([k, j]) => [k, { ...j }]));
    q.tableMap = new Map([...this.tableMap].map(([k, v]) => [k, [...v]]));
    q.where = cloneNode(this.where);
    q.annotations = new Map(this.annotations);
    q.valuesSelect = this.valuesSelect ? [...this.valuesSelect] : null;
    q.valuesExprs = new Map(this.valuesExprs);
    q.annotationSelect = this.annotationSelect ? [...this.annotationSelect] : null;
    q.ordering = [...this.ordering];
    q.subqAliases = new Set(this.subqAliases);
    q.selectOverride = this.selectOverride ? [...this.selectOverride] : null;
    q.groupByExprs = this.groupByExprs ? [...this.groupByExprs] : null;
    q.extraSelect = [...this.extraSelect];
    return q;
  }

  isQuoted(alias: string): boolean {
    return this.tableMap.has(alias) || [...this.tableMap.keys()].includes(alias);
  }

  col(alias: string, field: Field): Expr {
    return { t: 'col', alias, column: field.column!, field, quoted: this.aliasMap.get(alias)?.table === alias };
  }

  // ---- names to joins ------------------------------------------------------------------------

  /** Field names valid in lookups (the "Choices are" list). */
  choices(opts: Options): string[] {
    const names = new Set<string>();
    for (const f of opts.getFields()) {
      if (f instanceof ForeignObjectRel) names.add(f.name);
      else {
        if (f.name) names.add(f.name);
        if (f.concrete && f.attname) names.add(f.attname);
      }
    }
    for (const a of this.annotations.keys()) names.add(a);
    return [...names].sort();
  }

  private resolvePath(names: string[], opts: Options, failOnMissing: boolean): ResolvedPath {
    const steps: PathStep[] = [];
    let cur = opts;
    let field: Field | ForeignObjectRel | null = null;
    let multi = false;
    let i = 0;
    let targetField: Field | null = null;
    for (; i < names.length; i++) {
      const name = names[i];
      let f: Field | ForeignObjectRel | undefined = name === 'pk' ? cur.pk ?? undefined : cur.getFieldOrRelation(name);
      if (!f) {
        if (i === 0 || failOnMissing) {
          throw fieldError(`Cannot resolve keyword '${name}' into field. Choices are: ${this.choices(cur).join(', ')}`);
        }
        break;
      }
      field = f;
      if (f instanceof ForeignObjectRel) {
        // Reverse relation: from cur (the target of f.field) to f.field.model.
        const fwd = f.field;
        const relModel = metaOf(fwd.model)!;
        if (fwd.manyToMany) {
          const m2m = fwd as unknown as { m2mDbTable(): string; m2mColumnName(): string; m2mReverseName(): string };
          steps.push({ table: m2m.m2mDbTable(), lhsCol: cur.pk!.column!, rhsCol: m2m.m2mReverseName(), nullable: true, multi: true, rhsField: null, lhsField: cur.pk });
          steps.push({ table: relModel.dbTable, lhsCol: m2m.m2mColumnName(), rhsCol: relModel.pk!.column!, nullable: true, multi: true, rhsField: relModel.pk, lhsField: null });
          multi = true;
        } else {
          const target = (fwd as unknown as { targetField: Field }).targetField;
          steps.push({ table: relModel.dbTable, lhsCol: target.column!, rhsCol: fwd.column!, nullable: true, multi: !fwd.oneToOne, rhsField: null, lhsField: target });
          if (!fwd.oneToOne) multi = true;
        }
        cur = relModel;
        targetField = relModel.pk;
        continue;
      }
      if (f.manyToMany) {
        const m2m = f as unknown as { m2mDbTable(): string; m2mColumnName(): string; m2mReverseName(): string };
        const toOpts = metaOf(f.remoteField!.model as ModelClass)!;
        steps.push({ table: m2m.m2mDbTable(), lhsCol: cur.pk!.column!, rhsCol: m2m.m2mColumnName(), nullable: true, multi: true, rhsField: null, lhsField: cur.pk });
        steps.push({ table: toOpts.dbTable, lhsCol: m2m.m2mReverseName(), rhsCol: toOpts.pk!.column!, nullable: true, multi: true, rhsField: toOpts.pk, lhsField: null });
        multi = true;
        cur = toOpts;
        targetField = toOpts.pk;
        continue;
      }
      if (f.isRelation && (f.manyToOne || f.oneToOne)) {
        const toOpts = metaOf(f.remoteField!.model as ModelClass)!;
        const target = (f as unknown as { targetField: Field }).targetField;
        steps.push({ table: toOpts.dbTable, lhsCol: f.column!, rhsCol: target.column!, nullable: !!f.null, multi: false, rhsField: target, lhsField: f });
        cur = toOpts;
        targetField = target;
        continue;
      }
      targetField = f;
      i++;
      break;
    }
    if (!field || !targetField) throw fieldError(`Cannot resolve keyword '${names[0]}' into field. Choices are: ${this.choices(opts).join(', ')}`);
    return { steps, field, targetOpts: cur, targetField, rest: names.slice(i), multi };
  }

  /**
   * setup_joins + trim_joins: joins for `names` starting at the base table. Returns the column to
   * use, the aliases used, and the lookup names left over.
   */
  setupJoins(
    names: string[],
    canReuse: Set<string> | null,
    opts: { failOnMissing?: boolean; trim?: boolean } = {},
  ): { col: Expr; joins: string[]; rest: string[]; field: Field | ForeignObjectRel; multi: boolean; targetField: Field } {
    const path = this.resolvePath(names, this.opts, !!opts.failOnMissing);
    this.baseAliasUsed = true;
    let steps = [...path.steps];
    let targetField = path.targetField;
    let targetColumn = targetField.column!;
    let trimmedLhsField: Field | null = null;
    if (opts.trim !== false) {
      while (steps.length) {
        const last = steps[steps.length - 1];
        if (last.rhsCol !== targetColumn) break;
        targetColumn = last.lhsCol;
        trimmedLhsField = last.lhsField;
        steps = steps.slice(0, -1);
      }
    }
    let alias = this.baseAlias();
    const joins: string[] = [alias];
    for (const s of steps) {
      alias = this.join(alias, s, canReuse);
      joins.push(alias);
    }
    const colField = trimmedLhsField ?? targetField;
    const col: Expr = { t: 'col', alias, column: targetColumn, field: colField.column === targetColumn ? colField : targetField, quoted: this.aliasMap.get(alias)!.table === alias };
    return { col, joins, rest: path.rest, field: path.field, multi: path.multi, targetField };
  }

  private join(parent: string, s: PathStep, canReuse: Set<string> | null): string {
    const key = `${parent}|${s.lhsCol}|${s.table}|${s.rhsCol}`;
    for (const [alias, j] of this.aliasMap) {
      if (j.key !== key) continue;
      if (!j.multi || canReuse === null || canReuse.has(alias)) return alias;
    }
    const alias = this.newAlias(s.table);
    const parentJoin = this.aliasMap.get(parent)!;
    const joinType: JoinType = parentJoin.joinType === 'LEFT OUTER JOIN' || s.nullable ? 'LEFT OUTER JOIN' : 'INNER JOIN';
    this.aliasMap.set(alias, { table: s.table, alias, parentAlias: parent, lhsCol: s.lhsCol, rhsCol: s.rhsCol, joinType, nullable: s.nullable, key, multi: s.multi });
    return alias;
  }

  promoteJoins(aliases: Iterable<string>): void {
    const queue = [...aliases];
    while (queue.length) {
      const a = queue.shift()!;
      const j = this.aliasMap.get(a);
      if (!j || j.joinType === null) continue;
      const parent = j.parentAlias ? this.aliasMap.get(j.parentAlias) : undefined;
      const parentLouter = parent?.joinType === 'LEFT OUTER JOIN';
      if (j.joinType === 'INNER JOIN' && (j.nullable || parentLouter)) {
        j.joinType = 'LEFT OUTER JOIN';
        for (const [ca, cj] of this.aliasMap) if (cj.parentAlias === a && !queue.includes(ca)) queue.push(ca);
      }
    }
  }

  demoteJoins(aliases: Iterable<string>): void {
    const queue = [...aliases];
    while (queue.length) {
      const a = queue.shift()!;
      const j = this.aliasMap.get(a);
      if (!j) continue;
      if (j.joinType === 'LEFT OUTER JOIN') {
        j.joinType = 'INNER JOIN';
        if (j.parentAlias && this.aliasMap.get(j.parentAlias)?.joinType === 'LEFT OUTER JOIN') queue.push(j.parentAlias);
      }
    }
  }

  // ---- filters --------------------------------------------------------------------------------

  /** add_q: AND a Q tree (or kwargs) into the WHERE clause. */
  addQ(q: QLike): void {
    const existingInner = [...this.aliasMap.values()].filter((j) => j.joinType === 'INNER JOIN').map((j) => j.alias);
    const [clause] = this.addQInner(q, new Set(this.usedAliasesNone()), false, true);
    if (clause.children.length) nodeAdd(this.where, clause, 'AND');
    this.demoteJoins(existingInner);
  }

  private usedAliasesNone(): string[] {
    return [];
  }

  private addQInner(q: QLike, canReuse: Set<string>, branchNegated: boolean, allowJoins: boolean, currentNegated = false): [WhereNode, Set<string>] {
    const connector = q.connector;
    const negated = q.negated;
    currentNegated = currentNegated !== negated;
    branchNegated = branchNegated || negated;
    const clause = newNode(connector === 'XOR' ? 'OR' : connector, negated);
    const votes = new Map<string, number>();
    const effective = negated ? (connector === 'AND' ? 'OR' : 'AND') : connector;
    let numChildren = 0;
    for (const child of q.children) {
      numChildren++;
      let childClause: WhereChild | null;
      let needed: Set<string>;
      if ('children' in child) {
        [childClause, needed] = this.addQInner(child, canReuse, branchNegated, allowJoins, currentNegated);
      } else {
        const r = this.buildFilter(child[0], child[1], canReuse, branchNegated, currentNegated);
        childClause = r.clause;
        needed = r.needed;
      }
      for (const a of needed) votes.set(a, (votes.get(a) ?? 0) + 1);
      if (childClause && (childClause.t !== 'node' || childClause.children.length)) nodeAdd(clause, childClause, clause.connector);
    }
    // JoinPromoter
    const toPromote = new Set<string>();
    const toDemote = new Set<string>();
    for (const [a, n] of votes) {
      if (effective === 'OR' && n < numChildren) toPromote.add(a);
      if (effective === 'AND' || (effective === 'OR' && n === numChildren)) toDemote.add(a);
    }
    this.promoteJoins(toPromote);
    this.demoteJoins(toDemote);
    return [clause, new Set(toDemote)];
  }

  /** build_filter for one `lookup=value` pair. */
  buildFilter(arg: string, value: PyValue, canReuse: Set<string>, branchNegated: boolean, currentNegated: boolean): { clause: WhereNode; needed: Set<string> } {
    const parts = arg.split(LOOKUP_SEP);
    if (!arg || parts.some((p) => p === '')) throw fieldError(`Cannot parse keyword query "${arg}"`);
    // Annotation references.
    if (this.annotations.has(parts[0])) {
      const expr: Expr = { t: 'ref', name: parts[0], expr: this.annotations.get(parts[0])! };
      const lookupName = parts.length > 1 ? parts.slice(1).join(LOOKUP_SEP) : 'exact';
      const rhs = this.resolveRhs(value, exprOutputField(expr), canReuse);
      const cond = buildLookup(lookupName, expr, rhs, exprOutputField(expr));
      return { clause: newNode('AND', false, [cond]), needed: new Set() };
    }
    const path = this.resolvePath(parts, this.opts, false);
    if (currentNegated && path.multi) {
      return { clause: newNode('AND', false, [this.splitExclude(arg, value)]), needed: new Set() };
    }
    this.checkRelatedQuerySet(path.field, path.targetOpts, value);
    const preJoins = new Set(this.aliasMap.keys());
    const res = this.setupJoins(parts, canReuse);
    for (const a of res.joins) if (!preJoins.has(a)) canReuse.add(a);
    for (const a of res.joins) if (this.aliasMap.get(a)?.multi) canReuse.add(a);
    let lookups = res.rest;
    const field = res.field;
    // A relation itself compared: the value may be a model instance; isnull on relations.
    let lookupName = 'exact';
    const transforms: string[] = [];
    if (lookups.length) {
      for (let i = 0; i < lookups.length; i++) {
        const n = lookups[i];
        if (i === lookups.length - 1 && LOOKUP_NAMES.has(n)) lookupName = n;
        else if (TRANSFORM_NAMES.has(n) && !(field instanceof ForeignObjectRel) && !field.isRelation && transformAllowed(field, n)) transforms.push(n);
        else {
          const fname = field instanceof ForeignObjectRel ? field.constructor.name : field.pyClass.name;
          if (i === 0 && lookups.length === 1 && !(field instanceof ForeignObjectRel) && !field.isRelation) {
            throw fieldError(`Unsupported lookup '${n}' for ${fname} or join on the field not permitted.`);
          }
          if (!(field instanceof ForeignObjectRel) && !field.isRelation) {
            throw fieldError(`Unsupported lookup '${lookups.slice(i).join(LOOKUP_SEP)}' for ${fname} or join on the field not permitted, perhaps you meant ${n}?`);
          }
          throw fieldError(`Unsupported lookup '${lookups.slice(i).join(LOOKUP_SEP)}' for ${fname} or join on the field not permitted.`);
        }
      }
      lookups = [];
    }
    if (value === null && lookupName === 'exact') {
      lookupName = 'isnull';
      value = true;
    } else if (value === null && !['exact', 'iexact', 'isnull'].includes(lookupName)) {
      throw new PyException('ValueError', 'Cannot use None as a query value');
    }
    const col = res.col;
    const targetField = col.t === 'col' ? col.field : null;
    const rhs = lookupName === 'isnull' ? value : this.resolveRhs(value, targetField, canReuse, lookupName);
    const cond = buildLookup(lookupName, col, rhs, targetField, transforms);
    const clause = newNode('AND', false, [cond]);
    const requireOuter = lookupName === 'isnull' && rhs === true && !currentNegated;
    let needed = new Set(res.joins.slice(1));
    if (currentNegated && (lookupName !== 'isnull' || rhs === false)) {
      const lastJoin = this.aliasMap.get(res.joins[res.joins.length - 1]);
      const nullable = (targetField?.null ?? false) || lastJoin?.joinType === 'LEFT OUTER JOIN';
      if (lookupName !== 'isnull' && nullable) nodeAdd(clause, buildLookup('isnull', col, false, targetField), 'AND');
      needed = new Set();
      this.promoteJoins(res.joins.slice(1));
      return { clause, needed };
    }
    if (requireOuter) {
      this.promoteJoins(res.joins.slice(1));
      needed = new Set();
    }
    void branchNegated;
    return { clause, needed };
  }

  /** The right-hand side of a lookup: a list, an expression (F) or a value prepared for the field. */
  resolveRhs(value: PyValue, field: Field | null, canReuse: Set<string> | null, lookupName = 'exact'): PyValue | Expr | (PyValue | Expr)[] {
    if (value instanceof PyInstance && value.native instanceof Expression) return this.resolveExpr(value, canReuse, false);
    if (value instanceof PyInstance && SUBQUERY.isQuerySet(value) && SUBQUERY.state) {
      return this.subqueryRhs(value, field, lookupName);
    }
    if (lookupName === 'in' || lookupName === 'range') {
      const items = iterValues(value);
      if (lookupName === 'range' && items.length !== 2) throw new PyException('ValueError', 'too many values to unpack (expected 2)');
      return items.map((v) => (v instanceof PyInstance && v.native instanceof Expression ? this.resolveExpr(v, canReuse, false) : rhsPrep(field, v, lookupName)));
    }
    return rhsPrep(field, value, lookupName);
  }

  /**
   * A QuerySet as a lookup's right-hand side: one statement with the QuerySet as a subquery
   * (Query.resolve_expression plus the In/Exact lookups' preparation of it).
   */
  private subqueryRhs(value: PyInstance, field: Field | null, lookupName: string): Expr {
    const st = SUBQUERY.state!(value);
    const sub = st.query.clone();
    const hasSelectFields = st.mode !== 'model';
    if (lookupName === 'exact' && !(sub.high !== null && sub.high - sub.low === 1)) {
      throw new PyException('ValueError', 'The QuerySet value for an exact lookup must be limited to one result using slicing.');
    }
    sub.bumpPrefix(this);
    if (lookupName === 'in') sub.clearOrderingUnlessSliced();
    if (!hasSelectFields) {
      const target = field?.isRelation ? (field as unknown as { targetField?: Field }).targetField : null;
      if (lookupName === 'in' && target && !target.primaryKey) {
        // RelatedIn to a to_field: the subquery selects that field, like values().
        sub.setValues([target.name!]);
        sub.annotationSelect = [];
      } else {
        sub.baseAliasUsed = true;
        sub.selectOverride = [sub.col(sub.baseAlias(), sub.opts.pk!)];
      }
    }
    return { t: 'subquery', query: sub, field };
  }

  /** check_related_objects: a relation compared with a model QuerySet needs a QuerySet of the related model. */
  private checkRelatedQuerySet(field: Field | ForeignObjectRel, opts: Options, value: PyValue): void {
    if (!(value instanceof PyInstance) || !SUBQUERY.isQuerySet(value) || !SUBQUERY.state) return;
    if (!(field instanceof ForeignObjectRel) && !field.isRelation) return;
    const st = SUBQUERY.state(value);
    if (st.mode !== 'model') return;
    const m = st.query.model;
    if (m === opts.model || m.isSubclassOf(opts.model) || opts.model.isSubclassOf(m)) return;
    throw new PyException('ValueError', `Cannot use QuerySet for "${metaOf(m)!.objectName}": Use a QuerySet for "${opts.objectName}".`);
  }

  /** In.get_prep_lookup: a subquery's ordering is dropped unless it is sliced. */
  clearOrderingUnlessSliced(): void {
    if (this.isSliced) return;
    this.clearOrdering(true);
  }

  /** bump_prefix: take the next alias prefix free in this query and `outer`, and rename the aliases already made. */
  bumpPrefix(outer: Query): void {
    if (this.aliasPrefix !== outer.aliasPrefix) return;
    const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    let chosen: string | null = null;
    const candidates = function* (start: string): Generator<string> {
      yield start;
      let from: string | null = start;
      for (let n = 1; n < 4; n++) {
        const seq = from ? ALPHABET.slice(ALPHABET.indexOf(from)) : ALPHABET;
        const rec = function* (k: number): Generator<string> {
          if (k === 0) {
            yield '';
            return;
          }
          for (const c of seq) for (const rest of rec(k - 1)) yield c + rest;
        };
        yield* rec(n);
        from = null;
      }
    };
    for (const c of candidates(this.aliasPrefix)) {
      if (!this.subqAliases.has(c)) {
        chosen = c;
        break;
      }
    }
    if (!chosen) throw new PyException('RecursionError', 'Maximum recursion depth exceeded: too many subqueries.');
    this.aliasPrefix = chosen;
    this.subqAliases.add(chosen);
    for (const a of this.subqAliases) outer.subqAliases.add(a);
    if (!this.baseAliasUsed) return;
    const map = new Map<string, string>();
    [...this.aliasMap.keys()].forEach((a, i) => map.set(a, `${chosen}${i}`));
    this.changeAliases(map);
  }

  /** change_aliases: rename aliases everywhere this query mentions them. */
  private changeAliases(map: Map<string, string>): void {
    const rn = (a: string) => map.get(a) ?? a;
    const aliasMap = new Map<string, Join>();
    for (const [a, j] of this.aliasMap) {
      const parent = j.parentAlias === null ? null : rn(j.parentAlias);
      const key = parent === null ? j.key : `${parent}|${j.lhsCol}|${j.table}|${j.rhsCol}`;
      aliasMap.set(rn(a), { ...j, alias: rn(a), parentAlias: parent, key });
    }
    this.aliasMap = aliasMap;
    this.tableMap = new Map([...this.tableMap].map(([t, as]) => [t, as.map(rn)]));
    this.where = relabelNode(this.where, map);
    this.annotations = new Map([...this.annotations].map(([k, e]) => [k, relabelExpr(e, map)]));
    this.valuesExprs = new Map([...this.valuesExprs].map(([k, e]) => [k, relabelExpr(e, map)]));
    if (this.selectOverride) this.selectOverride = this.selectOverride.map((e) => relabelExpr(e, map));
    if (this.groupByExprs) this.groupByExprs = this.groupByExprs.map((e) => relabelExpr(e, map));
  }

  /** Resolves an F/Value/CombinedExpression/aggregate against this query. */
  resolveExpr(v: PyValue, canReuse: Set<string> | null, allowAggregates: boolean, forAnnotation = false): Expr {
    if (!(v instanceof PyInstance)) return { t: 'val', value: v, field: null };
    const e = v.native;
    if (e instanceof Expression) {
      switch (e.kind) {
        case 'F': {
          const name = pyStr(e.args[0]);
          if (this.annotations.has(name)) return { t: 'ref', name, expr: this.annotations.get(name)! };
          const res = this.setupJoins(name.split(LOOKUP_SEP), canReuse, { failOnMissing: true });
          if (res.rest.length) throw fieldError(`Cannot resolve keyword '${res.rest[0]}' into field. Join on '${name.split(LOOKUP_SEP)[0]}' not permitted.`);
          if (!forAnnotation) {
            // Joins made for filters are INNER unless promoted.
          }
          return res.col;
        }
        case 'Value':
          return { t: 'val', value: e.args[0] ?? null, field: null };
        case 'CombinedExpression': {
          const lhs = this.resolveExpr(e.args[0], canReuse, allowAggregates, forAnnotation);
          const rhs = this.resolveExpr(e.args[2], canReuse, allowAggregates, forAnnotation);
          return { t: 'comb', lhs, op: pyStr(e.args[1]).replace('%%', '%'), rhs };
        }
        default: {
          const agg = AGGREGATE_RESOLVER.resolve?.(this, e, canReuse);
          if (agg) return agg;
          throw new PyException('NotImplementedError', `${e.kind}() expressions are not supported in the Migration Playground's ORM`);
        }
      }
    }
    if (isModelInstance(v)) return { t: 'val', value: prepValue(null, v), field: null };
    return { t: 'val', value: v, field: null };
  }

  /** exclude() across a multi-valued relation: NOT (EXISTS(SELECT 1 ... correlated)). */
  private splitExclude(arg: string, value: PyValue): Condition {
    const inner = new Query(this.model);
    inner.addQ({ connector: 'AND', negated: false, children: [[arg, value]] });
    // Resolving the EXISTS renames the inner aliases past every prefix its own subqueries took.
    inner.bumpPrefix(this);
    // Trim the first join: correlate on its column instead of the base table.
    const base = inner.baseAlias();
    const first = [...inner.aliasMap.values()].find((j) => j.parentAlias === base)!;
    const outerPk = this.col(this.baseAlias(), this.opts.pk!);
    const innerCol: Expr = { t: 'col', alias: first.alias, column: first.rhsCol, field: this.opts.pk!, quoted: false };
    inner.aliasMap.delete(base);
    first.parentAlias = null;
    first.joinType = null;
    inner.where.children.push(buildLookup('exact', innerCol, { t: 'outer', col: outerPk } as unknown as Expr, null));
    if (inner.where.children.length > 1) inner.where.connector = 'AND';
    for (const j of inner.aliasMap.values()) if (j.joinType === 'LEFT OUTER JOIN') j.joinType = 'INNER JOIN';
    return existsCondition(inner);
  }



  // ---- annotations ---------------------------------------------------------------------------

  addAnnotation(name: string, value: PyValue): void {
    if (this.opts.getFieldOrRelation(name) && !this.annotations.has(name)) {
      throw new PyException('ValueError', `The annotation '${name}' conflicts with a field on the model.`);
    }
    const expr = this.resolveExpr(value, null, true, true);
    this.annotations.set(name, expr);
    if (this.annotationSelect) this.annotationSelect.push(name);
    if (exprContainsAggregate(expr)) this.groupBy = this.valuesSelect ? 'values' : true;
  }

  /** values(*fields): what each row selects. */
  setValues(fields: string[]): void {
    if (this.groupBy === true) {
      this.baseAliasUsed = true;
      this.groupByExprs = this.opts.concreteFields.map((f) => this.col(this.baseAlias(), f));
    }
    this.valuesSelect = [];
    this.valuesExprs = new Map();
    const names = fields.length ? fields : [...this.opts.concreteFields.map((f) => f.attname!), ...this.annotations.keys()];
    const annotationNames: string[] = [];
    for (const name of names) {
      if (this.annotations.has(name)) {
        annotationNames.push(name);
        this.valuesSelect.push(name);
        continue;
      }
      let res;
      try {
        res = this.setupJoins(name.split(LOOKUP_SEP), null, { failOnMissing: true });
      } catch (e) {
        if (e instanceof PyException && e.type.endsWith('FieldError')) {
          throw fieldError(`Cannot resolve keyword '${name.split(LOOKUP_SEP)[0]}' into field. Choices are: ${this.choices(this.opts).join(', ')}`);
        }
        throw e;
      }
      if (res.rest.length) throw fieldError(`Cannot resolve keyword '${res.rest[0]}' into field. Join on '${name.split(LOOKUP_SEP).slice(-2)[0]}' not permitted.`);
      // values() joins are LEFT OUTER when nullable.
      this.promoteJoins(res.joins.slice(1).filter((a) => this.aliasMap.get(a)?.nullable));
      this.valuesSelect.push(name);
      this.valuesExprs.set(name, res.col);
    }
    this.annotationSelect = annotationNames;
    if (this.groupBy) this.groupBy = 'values';
  }

  addOrdering(items: PyValue[]): void {
    for (const it of items) {
      if (typeof it === 'string') {
        if (it === '?') continue;
        const name = it.replace(/^-/, '');
        if (name.includes('.')) continue;
        if (this.annotations.has(name.split(LOOKUP_SEP)[0])) continue;
        this.resolvePath(name.split(LOOKUP_SEP), this.opts, true);
      } else if (!(it instanceof PyInstance)) {
        throw fieldError(`Cannot resolve expression type, unknown output_field`);
      }
    }
    this.ordering.push(...(items as (string | PyInstance)[]));
    this.defaultOrdering = items.length ? this.defaultOrdering : false;
  }

  clearOrdering(forceEmpty: boolean): void {
    this.ordering = [];
    if (forceEmpty) this.defaultOrdering = false;
  }

  setLimits(low: number | null, high: number | null): void {
    if (high !== null) {
      if (this.high !== null) this.high = Math.min(this.high, this.low + high);
      else this.high = this.low + high;
    }
    if (low !== null) {
      if (this.high !== null) this.low = Math.min(this.high, this.low + low);
      else this.low = this.low + low;
    }
    if (this.low === this.high) this.isEmpty = true;
  }

  get isSliced(): boolean {
    return this.low !== 0 || this.high !== null;
  }

  hasFilters(): boolean {
    return this.where.children.length > 0;
  }

  /** Ordering items in effect: explicit, else Meta.ordering. */
  effectiveOrdering(): (string | PyInstance)[] {
    if (this.ordering.length) return this.ordering;
    if (this.defaultOrdering) return this.opts.ordering.filter((o): o is string | PyInstance => typeof o === 'string' || o instanceof PyInstance);
    return [];
  }
}

function transformAllowed(field: Field, name: string): boolean {
  const t = field.getInternalType();
  if (t === 'DateTimeField') return true;
  if (t === 'DateField') return !['hour', 'minute', 'second', 'date'].includes(name);
  if (t === 'TimeField') return ['hour', 'minute', 'second'].includes(name);
  return false;
}

export type SelectRelatedTree = Map<string, SelectRelatedTree>;

/** add_select_related: merge `a__b` names into the tree (a fresh copy; clones share trees). */
export function addSelectRelated(current: boolean | SelectRelatedTree, names: string[]): SelectRelatedTree {
  const copy = (t: SelectRelatedTree): SelectRelatedTree => new Map([...t].map(([k, v]) => [k, copy(v)]));
  const root = typeof current === 'boolean' ? new Map() : copy(current);
  for (const name of names) {
    let d = root;
    for (const part of name.split(LOOKUP_SEP)) {
      let next = d.get(part);
      if (!next) {
        next = new Map();
        d.set(part, next);
      }
      d = next;
    }
  }
  return root;
}

export interface QLike {
  connector: 'AND' | 'OR' | 'XOR';
  negated: boolean;
  children: (QLike | [string, PyValue])[];
}

/** Marker base for query-valued right-hand sides (`pk__in=qs`). */
export class QueryLike {
  constructor(readonly query: Query) {}
}

function cloneNode(n: WhereNode): WhereNode {
  return { t: 'node', connector: n.connector, negated: n.negated, children: n.children.map((c) => (c.t === 'node' ? cloneNode(c) : c)) };
}

function iterValues(v: PyValue): PyValue[] {
  // Lists, tuples, sets and any iterable.
  const r: PyValue[] = [];
  const it = (v as { items?: PyValue[] }).items;
  if (Array.isArray(it)) return [...it];
  // Lazy import to keep this module light.
  for (const x of ITER.iterate(v)) r.push(x);
  return r;
}

export const ITER: { iterate: (v: PyValue) => Iterable<PyValue> } = { iterate: () => [] };

function rhsPrep(field: Field | null, v: PyValue, lookupName: string): PyValue {
  if (['contains', 'icontains', 'startswith', 'istartswith', 'endswith', 'iendswith', 'iexact', 'regex', 'iregex'].includes(lookupName)) {
    if (isModelInstance(v)) return prepValue(field, v);
    return v;
  }
  if (['year', 'month', 'day'].includes(lookupName)) return v;
  return prepValue(field, v);
}

/** QuerySets used as values (query.ts fills it). */
export const SUBQUERY: { isQuerySet: (v: PyValue) => boolean; state?: (v: PyInstance) => { query: Query; mode: string } } = { isQuerySet: () => false };

function relabelExpr(e: Expr, map: Map<string, string>): Expr {
  switch (e.t) {
    case 'col': {
      const alias = map.get(e.alias);
      return alias === undefined ? e : { ...e, alias, quoted: false };
    }
    case 'comb':
      return { ...e, lhs: relabelExpr(e.lhs, map), rhs: relabelExpr(e.rhs, map) };
    case 'agg':
      return e.arg ? { ...e, arg: relabelExpr(e.arg, map) } : e;
    case 'ref':
      return { ...e, expr: relabelExpr(e.expr, map) };
    default:
      // Values, raw SQL, and subqueries (their aliases are their own).
      return e;
  }
}

function relabelNode(n: WhereNode, map: Map<string, string>): WhereNode {
  return {
    ...n,
    children: n.children.map((c): WhereChild => {
      if (c.t === 'node') return relabelNode(c, map);
      if (c.t !== 'cond') return c;
      const rhs = c.rhs;
      const rel = (v: PyValue | Expr) => (isExpr(v) ? relabelExpr(v as Expr, map) : v);
      return { ...c, lhs: relabelExpr(c.lhs, map), rhs: Array.isArray(rhs) ? rhs.map(rel) : rel(rhs as PyValue | Expr) } as Condition;
    }),
  };
}

/** Hook for aggregates (aggregates.ts fills it). */
export const AGGREGATE_RESOLVER: { resolve?: (q: Query, e: Expression, canReuse: Set<string> | null) => Expr | undefined } = {};

/** EXISTS(subquery) as a condition (compiler.ts renders it). */
export function existsCondition(inner: Query): Condition {
  return { t: 'exists', query: inner, containsAggregate: false } as unknown as Condition;
}
