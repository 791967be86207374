// models.Index, models.UniqueConstraint, models.CheckConstraint and models.Deferrable.

import { PyClass, PyException, PyInstance, PyList, PyTuple, type Kwargs, type PyValue } from '../../python/values';
import { bindArgs, iterItems, nativeClass, pyEq, pyRepr, truthy, callValue } from '../../utils/py';
import { namesDigest } from '../../utils/md5';
import { iterate } from '../../python/protocol';
import { F, QNode, isExpression } from './expressions';
import type { Options } from './options';

function isQ(v: PyValue): boolean {
  return v instanceof PyInstance && v.native instanceof QNode;
}

function wrapExpressions(args: PyValue[]): PyValue[] {
  return args.map((e) => (typeof e === 'string' ? callValue(F, [e]) : e));
}

// ---- Deferrable -----------------------------------------------------------------------------

export class DeferrableMember {
  constructor(
    readonly name: string,
    readonly value: string,
  ) {}
}
export const Deferrable = nativeClass('Deferrable', 'django.db.models.constraints', [], {
  repr: (self) => `Deferrable.${(self.native as DeferrableMember).name}`,
  getAttr: (self, name) => (name === 'name' ? (self.native as DeferrableMember).name : name === 'value' ? (self.native as DeferrableMember).value : undefined),
});
const DEFERRED = new PyInstance(Deferrable, new DeferrableMember('DEFERRED', 'deferred'));
const IMMEDIATE = new PyInstance(Deferrable, new DeferrableMember('IMMEDIATE', 'immediate'));
Deferrable.dict.set('DEFERRED', DEFERRED);
Deferrable.dict.set('IMMEDIATE', IMMEDIATE);

// ---- Index ----------------------------------------------------------------------------------

export class Index {
  static readonly suffix = 'idx';
  fields: string[];
  fieldsOrders: [string, string][];
  name: string;
  dbTablespace: PyValue;
  opclasses: PyValue;
  condition: PyValue;
  include: PyValue[];
  expressions: PyValue[];
  pyClass!: PyClass;
  private _py?: PyInstance;

  constructor(expressions: PyValue[], o: Map<string, PyValue>) {
    const fieldsV = o.get('fields') ?? new PyTuple([]);
    const name = o.get('name') ?? null;
    const opclasses = o.get('opclasses') ?? new PyTuple([]);
    const condition = o.get('condition') ?? null;
    const include = o.get('include') ?? null;
    const fail = (m: string) => new PyException('ValueError', m);
    if (truthy(opclasses) && !truthy(name)) throw fail('An index must be named to use opclasses.');
    if (condition !== null && !isQ(condition)) throw fail('Index.condition must be a Q instance.');
    if (truthy(condition) && !truthy(name)) throw fail('An index must be named to use condition.');
    if (!(fieldsV instanceof PyList || fieldsV instanceof PyTuple)) throw fail('Index.fields must be a list or tuple.');
    if (!(opclasses instanceof PyList || opclasses instanceof PyTuple)) throw fail('Index.opclasses must be a list or tuple.');
    if (!expressions.length && !fieldsV.items.length) throw fail('At least one field or expression is required to define an index.');
    if (expressions.length && fieldsV.items.length) throw fail('Index.fields and expressions are mutually exclusive.');
    if (expressions.length && !truthy(name)) throw fail('An index must be named to use expressions.');
    if (expressions.length && truthy(opclasses))
      throw fail('Index.opclasses cannot be used with expressions. Use django.contrib.postgres.indexes.OpClass() instead.');
    if (truthy(opclasses) && opclasses.items.length !== fieldsV.items.length)
      throw fail('Index.fields and Index.opclasses must have the same number of elements.');
    if (fieldsV.items.some((f) => typeof f !== 'string')) throw fail('Index.fields must contain only strings with field names.');
    if (truthy(include) && !truthy(name)) throw fail('A covering index must be named.');
    if (include !== null && !(include instanceof PyList || include instanceof PyTuple)) throw fail('Index.include must be a list or tuple.');
    this.fields = fieldsV.items as string[];
    this.fieldsOrders = this.fields.map((f) => (f.startsWith('-') ? [f.slice(1), 'DESC'] : [f, '']));
    this.name = (name as string | null) || '';
    this.dbTablespace = o.get('db_tablespace') ?? null;
    this.opclasses = opclasses;
    this.condition = condition;
    this.include = truthy(include) ? (iterItems(include) ?? []) : [];
    this.expressions = wrapExpressions(expressions);
  }

  get containsExpressions(): boolean {
    return this.expressions.length > 0;
  }

  deconstruct(): [string, PyValue[], Kwargs] {
    const k: Kwargs = new Map([['name', this.name]]);
    if (this.fields.length) k.set('fields', new PyList([...this.fields]));
    if (this.dbTablespace !== null) k.set('db_tablespace', this.dbTablespace);
    if (truthy(this.opclasses)) k.set('opclasses', this.opclasses);
    if (truthy(this.condition)) k.set('condition', this.condition);
    if (this.include.length) k.set('include', new PyTuple(this.include));
    let path = `${this.pyClass.module}.${this.pyClass.name}`.replace('django.db.models.indexes', 'django.db.models');
    if (this.pyClass === IndexClass) path = 'django.db.models.Index';
    return [path, [...this.expressions], k];
  }

  clone(): Index {
    const [, args, kwargs] = this.deconstruct();
    return (callValue(this.pyClass, args, kwargs) as PyInstance).native as Index;
  }

  /** Index.set_name_with_model: `<table[:11]>_<column[:7]>_<hash6>_idx`. */
  setNameWithModel(meta: Options): void {
    const table = splitIdentifier(meta.dbTable);
    const columns = this.fieldsOrders.map(([f]) => meta.getField(f).column ?? '');
    const withOrder = columns.map((c, i) => (this.fieldsOrders[i][1] ? `-${c}` : c));
    const hash = namesDigest([table, ...withOrder, Index.suffix], 6);
    this.name = `${table.slice(0, 11)}_${columns[0].slice(0, 7)}_${hash}_${Index.suffix}`;
    if (this.name.length > 30) throw new PyException('ValueError', 'Index too long for multiple database support. Is self.suffix longer than 3 characters?');
    if (this.name[0] === '_' || /\d/.test(this.name[0])) this.name = `D${this.name.slice(1)}`;
  }

  toPy(): PyInstance {
    if (!this._py) this._py = new PyInstance(this.pyClass, this);
    return this._py;
  }
  bindPy(p: PyInstance): void {
    this._py = p;
  }

  equals(other: Index): boolean {
    return deconstructEq(this.deconstruct(), other.deconstruct());
  }

  repr(): string {
    const parts: string[] = [];
    if (this.fields.length) parts.push(` fields=${pyRepr(new PyList(this.fields))}`);
    if (this.expressions.length) parts.push(` expressions=${pyRepr(new PyTuple(this.expressions))}`);
    if (this.name) parts.push(` name=${pyRepr(this.name)}`);
    if (this.dbTablespace !== null) parts.push(` db_tablespace=${pyRepr(this.dbTablespace)}`);
    if (this.condition !== null) parts.push(` condition=${pyRepr(this.condition)}`);
    if (this.include.length) parts.push(` include=${pyRepr(new PyTuple(this.include))}`);
    if (truthy(this.opclasses)) parts.push(` opclasses=${pyRepr(this.opclasses)}`);
    return `<Index:${parts.join('')}>`;
  }
}

function splitIdentifier(name: string): string {
  const m = /^"?([^"]*)"?\."?([^"]*)"?$/.exec(name);
  if (m) return m[2];
  return name.replace(/^"|"$/g, '');
}

export function deconstructEq(a: [string, PyValue[], Kwargs], b: [string, PyValue[], Kwargs]): boolean {
  if (a[0] !== b[0] || a[1].length !== b[1].length || a[2].size !== b[2].size) return false;
  if (!a[1].every((v, i) => pyEq(v, b[1][i]))) return false;
  for (const [k, v] of a[2]) if (!b[2].has(k) || !pyEq(v, b[2].get(k)!)) return false;
  return true;
}

function nativeRepr(self: PyInstance): string {
  return (self.native as Index | BaseConstraint).repr();
}
function nativeEq(self: PyInstance, other: PyValue): boolean {
  if (!(other instanceof PyInstance) || other.cls !== self.cls) return false;
  return deconstructEq((self.native as Index).deconstruct(), (other.native as Index).deconstruct());
}

export const IndexClass: PyClass = nativeClass('Index', 'django.db.models.indexes', [], {
  construct(cls, args, kwargs) {
    const o = bindArgs({ func: 'Index.__init__', positional: [], keywordOnly: ['fields', 'name', 'db_tablespace', 'opclasses', 'condition', 'include'] }, [], kwargs);
    const idx = new Index(args, o);
    idx.pyClass = cls;
    return idx.toPy();
  },
  repr: nativeRepr,
  eq: nativeEq,
  getAttr(self, name) {
    const i = self.native as Index;
    switch (name) {
      case 'name':
        return i.name;
      case 'fields':
        return new PyList([...i.fields]);
      case 'condition':
        return i.condition;
      case 'expressions':
        return new PyTuple(i.expressions);
    }
    return undefined;
  },
  setAttr(self, name, value) {
    if (name === 'name') {
      (self.native as Index).name = String(value);
      return true;
    }
    return false;
  },
});

// ---- constraints ------------------------------------------------------------------------------

export abstract class BaseConstraint {
  static readonly defaultViolationErrorMessage = 'Constraint “%(name)s” is violated.';
  name: string;
  violationErrorCode: PyValue;
  violationErrorMessage: PyValue;
  pyClass!: PyClass;
  private _py?: PyInstance;
  constructor(o: Map<string, PyValue>) {
    const name = o.get('name') ?? null;
    this.name = name as string;
    this.violationErrorCode = o.get('violation_error_code') ?? null;
    this.violationErrorMessage = o.get('violation_error_message') ?? null;
  }
  abstract kind(): string;
  deconstruct(): [string, PyValue[], Kwargs] {
    const path = `${this.pyClass.module}.${this.pyClass.name}`.replace('django.db.models.constraints', 'django.db.models');
    const k: Kwargs = new Map([['name', this.name]]);
    if (this.violationErrorMessage !== null && !pyEq(this.violationErrorMessage, BaseConstraint.defaultViolationErrorMessage))
      k.set('violation_error_message', this.violationErrorMessage);
    if (this.violationErrorCode !== null) k.set('violation_error_code', this.violationErrorCode);
    return [path, [], k];
  }
  clone(): BaseConstraint {
    const [, args, kwargs] = this.deconstruct();
    return (callValue(this.pyClass, args, kwargs) as PyInstance).native as BaseConstraint;
  }
  toPy(): PyInstance {
    if (!this._py) this._py = new PyInstance(this.pyClass, this);
    return this._py;
  }
  bindPy(p: PyInstance): void {
    this._py = p;
  }
  equals(other: BaseConstraint): boolean {
    return deconstructEq(this.deconstruct(), other.deconstruct());
  }
  abstract repr(): string;
  protected reprTail(): string {
    let s = '';
    if (this.violationErrorCode !== null) s += ` violation_error_code=${pyRepr(this.violationErrorCode)}`;
    if (this.violationErrorMessage !== null && !pyEq(this.violationErrorMessage, BaseConstraint.defaultViolationErrorMessage))
      s += ` violation_error_message=${pyRepr(this.violationErrorMessage)}`;
    return s;
  }
}

export class CheckConstraint extends BaseConstraint {
  condition: PyValue;
  constructor(o: Map<string, PyValue>) {
    super(o);
    let condition = o.get('condition') ?? null;
    const check = o.get('check') ?? null;
    if (check !== null) condition = check;
    this.condition = condition;
    const conditional = isQ(condition) || (isExpression(condition) && false);
    if (!conditional) throw new PyException('TypeError', 'CheckConstraint.condition must be a Q instance or boolean expression.');
  }
  kind(): string {
    return 'check';
  }
  override deconstruct(): [string, PyValue[], Kwargs] {
    const [p, a, k] = super.deconstruct();
    k.set('condition', this.condition);
    return [p, a, k];
  }
  repr(): string {
    return `<CheckConstraint: condition=${pyRepr(this.condition)} name=${pyRepr(this.name)}${this.reprTail()}>`;
  }
}

export class UniqueConstraint extends BaseConstraint {
  fields: string[];
  condition: PyValue;
  deferrable: PyValue;
  include: PyValue[];
  opclasses: PyValue;
  nullsDistinct: PyValue;
  expressions: PyValue[];
  constructor(expressions: PyValue[], o: Map<string, PyValue>) {
    super(o);
    const fail = (m: string) => new PyException('ValueError', m);
    const fieldsV = o.get('fields') ?? new PyTuple([]);
    const condition = o.get('condition') ?? null;
    const deferrable = o.get('deferrable') ?? null;
    const include = o.get('include') ?? null;
    const opclasses = o.get('opclasses') ?? new PyTuple([]);
    if (!truthy(this.name)) throw fail('A unique constraint must be named.');
    const fieldsGiven = truthy(fieldsV);
    if (!expressions.length && !fieldsGiven) throw fail('At least one field or expression is required to define a unique constraint.');
    if (expressions.length && fieldsGiven) throw fail('UniqueConstraint.fields and expressions are mutually exclusive.');
    if (condition !== null && !isQ(condition)) throw fail('UniqueConstraint.condition must be a Q instance.');
    if (truthy(condition) && deferrable !== null) throw fail('UniqueConstraint with conditions cannot be deferred.');
    if (truthy(include) && deferrable !== null) throw fail('UniqueConstraint with include fields cannot be deferred.');
    if (truthy(opclasses) && deferrable !== null) throw fail('UniqueConstraint with opclasses cannot be deferred.');
    if (expressions.length && deferrable !== null) throw fail('UniqueConstraint with expressions cannot be deferred.');
    if (expressions.length && truthy(opclasses))
      throw fail('UniqueConstraint.opclasses cannot be used with expressions. Use django.contrib.postgres.indexes.OpClass() instead.');
    if (deferrable !== null && !(deferrable instanceof PyInstance && deferrable.cls === Deferrable))
      throw fail('UniqueConstraint.deferrable must be a Deferrable instance.');
    if (include !== null && !(include instanceof PyList || include instanceof PyTuple)) throw fail('UniqueConstraint.include must be a list or tuple.');
    if (!(opclasses instanceof PyList || opclasses instanceof PyTuple)) throw fail('UniqueConstraint.opclasses must be a list or tuple.');
    const nd = o.get('nulls_distinct') ?? null;
    if (nd !== null && typeof nd !== 'boolean') throw fail('UniqueConstraint.nulls_distinct must be a bool.');
    const fieldItems = [...iterate(fieldsV)];
    if (truthy(opclasses) && opclasses.items.length !== fieldItems.length)
      throw fail('UniqueConstraint.fields and UniqueConstraint.opclasses must have the same number of elements.');
    this.fields = fieldItems as string[];
    this.condition = condition;
    this.deferrable = deferrable;
    this.include = truthy(include) ? (iterItems(include) ?? []) : [];
    this.opclasses = opclasses;
    this.nullsDistinct = nd;
    this.expressions = wrapExpressions(expressions);
  }
  kind(): string {
    return 'unique';
  }
  get containsExpressions(): boolean {
    return this.expressions.length > 0;
  }
  override deconstruct(): [string, PyValue[], Kwargs] {
    const [p, , k] = super.deconstruct();
    if (this.fields.length) k.set('fields', new PyTuple([...this.fields]));
    if (truthy(this.condition)) k.set('condition', this.condition);
    if (this.deferrable !== null) k.set('deferrable', this.deferrable);
    if (this.include.length) k.set('include', new PyTuple(this.include));
    if (truthy(this.opclasses)) k.set('opclasses', this.opclasses);
    if (this.nullsDistinct !== null) k.set('nulls_distinct', this.nullsDistinct);
    return [p, [...this.expressions], k];
  }
  repr(): string {
    let s = '<UniqueConstraint:';
    if (this.fields.length) s += ` fields=${pyRepr(new PyTuple(this.fields))}`;
    if (this.expressions.length) s += ` expressions=${pyRepr(new PyTuple(this.expressions))}`;
    s += ` name=${pyRepr(this.name)}`;
    if (this.condition !== null) s += ` condition=${pyRepr(this.condition)}`;
    if (this.deferrable !== null) s += ` deferrable=${pyRepr(this.deferrable)}`;
    if (this.include.length) s += ` include=${pyRepr(new PyTuple(this.include))}`;
    if (truthy(this.opclasses)) s += ` opclasses=${pyRepr(this.opclasses)}`;
    if (this.nullsDistinct !== null) s += ` nulls_distinct=${pyRepr(this.nullsDistinct)}`;
    return s + this.reprTail() + '>';
  }
}

const constraintHooks = {
  repr: nativeRepr,
  eq: nativeEq,
  getAttr(self: PyInstance, name: string): PyValue | undefined {
    const c = self.native as BaseConstraint;
    if (name === 'name') return c.name;
    if (name === 'fields' && c instanceof UniqueConstraint) return new PyTuple(c.fields);
    if (name === 'condition') return (c as CheckConstraint).condition ?? null;
    return undefined;
  },
};

export const BaseConstraintClass = nativeClass('BaseConstraint', 'django.db.models.constraints', [], constraintHooks);
export const CheckConstraintClass: PyClass = nativeClass('CheckConstraint', 'django.db.models.constraints', [BaseConstraintClass], {
  construct(cls, args, kwargs) {
    const o = bindArgs(
      {
        func: 'CheckConstraint.__init__',
        positional: [],
        requiredKeywordOnly: ['name'],
        keywordOnly: ['condition', 'check', 'violation_error_code', 'violation_error_message'],
      },
      args,
      kwargs,
    );
    const c = new CheckConstraint(o);
    c.pyClass = cls;
    return c.toPy();
  },
});
export const UniqueConstraintClass: PyClass = nativeClass('UniqueConstraint', 'django.db.models.constraints', [BaseConstraintClass], {
  construct(cls, args, kwargs) {
    const o = bindArgs(
      {
        func: 'UniqueConstraint.__init__',
        positional: [],
        keywordOnly: ['fields', 'name', 'condition', 'deferrable', 'include', 'opclasses', 'nulls_distinct', 'violation_error_code', 'violation_error_message'],
      },
      [],
      kwargs,
    );
    const c = new UniqueConstraint(args, o);
    c.pyClass = cls;
    return c.toPy();
  },
});
