// Model instances (django.db.models.base.Model's instance side): construction from keyword
// arguments or database rows, field attributes, forward/reverse relation descriptors, save(),
// delete(), refresh_from_db(), `__str__`/`__repr__`/`__eq__`, and the per-model DoesNotExist and
// MultipleObjectsReturned exception classes. Installed into the model layer's `Model` class.

import { PyBuiltin, PyClass, PyException, PyInstance, PyTuple, type Kwargs, type PyValue } from '../../python/values';
import { builtinExceptionClass, callValue, exceptionClass, registerExceptionClass, pyRepr, pyStr, raiseValue, pyEq, hashKey, typeName } from '../../python/index';
import type { Field } from './fields/index';
import { metaOf, type ModelClass } from './fields/index';
import { ForeignObjectRel } from './fields/reverse_related';
import type { Options } from './options';
import { Model, ObjectDoesNotExist } from './base';
import { Expression } from './expressions';
import { prepValue, isModelInstance } from './sql/values';

export interface InstanceState {
  adding: boolean;
  /** Related objects already fetched, by field name / accessor. */
  cache: Map<string, PyValue>;
}

export function stateOf(inst: PyInstance): InstanceState {
  let s = inst.native as InstanceState | undefined;
  if (!s || !(s.cache instanceof Map)) {
    s = { adding: true, cache: new Map() };
    inst.native = s;
  }
  return s;
}

// ---- exception classes --------------------------------------------------------------------

export const MultipleObjectsReturnedBase = new PyClass('MultipleObjectsReturned', 'django.core.exceptions', [exceptionClass], {});
registerExceptionClass(MultipleObjectsReturnedBase, 'django.core.exceptions.MultipleObjectsReturned');
registerExceptionClass(ObjectDoesNotExist, 'django.core.exceptions.ObjectDoesNotExist');

const modelExceptions = new WeakMap<ModelClass, { dne: PyClass; mor: PyClass }>();

/** Post.DoesNotExist / Post.MultipleObjectsReturned, subclassing the parent model's. */
export function modelExceptionClasses(model: ModelClass): { dne: PyClass; mor: PyClass } {
  let e = modelExceptions.get(model);
  if (e) return e;
  const opts = metaOf(model)!;
  const parents = [...opts.parents.keys()].filter((p) => !metaOf(p)?.abstract);
  const dneBases = parents.length ? parents.map((p) => modelExceptionClasses(p).dne) : [ObjectDoesNotExist];
  const morBases = parents.length ? parents.map((p) => modelExceptionClasses(p).mor) : [MultipleObjectsReturnedBase];
  const dne = new PyClass('DoesNotExist', model.module, dneBases, {}, `${model.qualname}.DoesNotExist`);
  const mor = new PyClass('MultipleObjectsReturned', model.module, morBases, {}, `${model.qualname}.MultipleObjectsReturned`);
  registerExceptionClass(dne);
  registerExceptionClass(mor);
  e = { dne, mor };
  modelExceptions.set(model, e);
  return e;
}

export function raiseIn(cls: PyClass, message: string): never {
  throw raiseValue(callValue(cls, [message]));
}

// ---- attribute values ------------------------------------------------------------------------

export function pkValue(inst: PyInstance): PyValue {
  const opts = metaOf(inst.cls)!;
  return inst.dict.get(opts.pk!.attname!) ?? null;
}

function relationAccessors(opts: Options): Map<string, ForeignObjectRel> {
  const out = new Map<string, ForeignObjectRel>();
  for (const r of opts.relatedObjects) {
    const name = r.getAccessorName();
    if (name && !r.hidden) out.set(name, r);
  }
  return out;
}

/** Hooks the ORM side fills in (query.ts / related_descriptors.ts), to keep imports one-way. */
export const ORM: {
  getByPk?: (model: ModelClass, field: Field, value: PyValue) => PyValue;
  getReverseOne?: (rel: ForeignObjectRel, inst: PyInstance) => PyValue;
  relatedManager?: (inst: PyInstance, kind: 'reverse' | 'm2m', relOrField: ForeignObjectRel | Field, reverse: boolean) => PyValue;
  save?: (inst: PyInstance, kwargs: Kwargs) => void;
  deleteInstance?: (inst: PyInstance) => PyValue;
  refresh?: (inst: PyInstance, fields: string[] | null) => void;
} = {};

function forwardGet(inst: PyInstance, f: Field): PyValue {
  const st = stateOf(inst);
  const id = inst.dict.get(f.attname!) ?? null;
  const cached = st.cache.get(f.name!);
  if (cached !== undefined && (cached === null ? id === null : pyEq(prepValue(f, cached), prepValue(null, id)))) return cached;
  if (id === null) {
    if (f.null) return null;
    const toModel = f.remoteField!.model as ModelClass;
    const descriptorExc = relatedObjectDoesNotExist(inst.cls, f.name!, toModel);
    raiseIn(descriptorExc, `${inst.cls.name} has no ${f.name}.`);
  }
  const obj = ORM.getByPk!(f.remoteField!.model as ModelClass, (f as unknown as { targetField: Field }).targetField, id);
  st.cache.set(f.name!, obj);
  return obj;
}

const relatedDne = new Map<string, PyClass>();
function relatedObjectDoesNotExist(owner: ModelClass, name: string, target: ModelClass): PyClass {
  const key = `${owner.module}.${owner.qualname}.${name}`;
  let c = relatedDne.get(key);
  if (!c) {
    const attrErr = exceptionClassNamed('AttributeError');
    c = new PyClass('RelatedObjectDoesNotExist', owner.module, [modelExceptionClasses(target).dne, ...(attrErr ? [attrErr] : [])], {}, `${owner.qualname}.${name}.RelatedObjectDoesNotExist`);
    registerExceptionClass(c);
    relatedDne.set(key, c);
  }
  return c;
}

function exceptionClassNamed(name: string): PyClass | undefined {
  return builtinExceptionClass(name);
}

/** A descriptor object for `Author.profile` / `Comment.post` at class level. */
const DescriptorClass = new PyClass('RelatedDescriptor', 'django.db.models.fields.related_descriptors', [], {
  getAttr(self, name) {
    const d = self.native as { owner: ModelClass; name: string; target: ModelClass };
    if (name === 'RelatedObjectDoesNotExist') return relatedObjectDoesNotExist(d.owner, d.name, d.target);
    return undefined;
  },
});

export function instanceGetAttr(inst: PyInstance, name: string): PyValue | undefined {
  const opts = metaOf(inst.cls);
  if (!opts) return undefined;
  if (name === 'pk') return pkValue(inst);
  if (name === '_meta') return Model.hooks.getClassAttr?.(inst.cls, '_meta');
  if (inst.dict.has(name)) {
    return undefined;
  }
  const f = opts.tryGetField(name);
  if (f && f.name === name) {
    if (f.manyToMany) return ORM.relatedManager!(inst, 'm2m', f, false);
    if (f.isRelation && (f.manyToOne || f.oneToOne)) return forwardGet(inst, f);
    return undefined;
  }
  const rel = relationAccessors(opts).get(name);
  if (rel) {
    if (rel.field.manyToMany) return ORM.relatedManager!(inst, 'm2m', rel.field, true);
    if (rel.field.oneToOne) {
      const st = stateOf(inst);
      if (st.cache.has(name)) return st.cache.get(name)!;
      const v = ORM.getReverseOne!(rel, inst);
      if (v === null) raiseIn(relatedObjectDoesNotExist(inst.cls, name, rel.field.model!), `${inst.cls.name} has no ${name}.`);
      st.cache.set(name, v);
      return v;
    }
    return ORM.relatedManager!(inst, 'reverse', rel, true);
  }
  return undefined;
}

export function instanceSetAttr(inst: PyInstance, name: string, value: PyValue): boolean {
  const opts = metaOf(inst.cls);
  if (!opts) return false;
  if (name === 'pk') {
    inst.dict.set(opts.pk!.attname!, value);
    return true;
  }
  const f = opts.tryGetField(name);
  if (f && f.name === name && f.manyToMany) {
    throw new PyException('TypeError', `Direct assignment to the forward side of a many-to-many set is prohibited. Use ${name}.set() instead.`);
  }
  if (f && f.name === name && f.isRelation && (f.manyToOne || f.oneToOne) && f.attname !== name) {
    const st = stateOf(inst);
    if (value === null) {
      inst.dict.set(f.attname!, null);
      st.cache.set(name, null);
      return true;
    }
    const target = metaOf(f.remoteField!.model as ModelClass)!;
    if (!isModelInstance(value) || !value.cls.isSubclassOf(f.remoteField!.model as ModelClass)) {
      throw new PyException(
        'ValueError',
        `Cannot assign "${pyRepr(value)}": "${inst.cls.name}.${name}" must be a "${target.objectName}" instance.`,
      );
    }
    const tf = (f as unknown as { targetField: Field }).targetField;
    inst.dict.set(f.attname!, value.dict.get(tf.attname!) ?? null);
    st.cache.set(name, value);
    if (f.oneToOne) {
      const accessor = f.remoteField!.getAccessorName();
      if (accessor) stateOf(value).cache.set(accessor, inst);
    }
    return true;
  }
  if (f && f.attname === name && f.name !== name) {
    inst.dict.set(name, value);
    stateOf(inst).cache.delete(f.name!);
    return true;
  }
  const rel = relationAccessors(opts).get(name);
  if (rel && rel.field.manyToMany) {
    throw new PyException('TypeError', `Direct assignment to the reverse side of a many-to-many set is prohibited. Use ${name}.set() instead.`);
  }
  if (rel && !rel.field.oneToOne) {
    throw new PyException('TypeError', `Direct assignment to the reverse side of a related set is prohibited. Use ${name}.set() instead.`);
  }
  return false;
}

/** Model(**kwargs) */
export function constructInstance(cls: ModelClass, args: PyValue[], kwargs: Kwargs): PyInstance {
  const opts = metaOf(cls);
  if (!opts) throw new PyException('TypeError', `${cls.name} cannot be instantiated`);
  if (opts.abstract) throw new PyException('TypeError', 'Abstract models cannot be instantiated.');
  const inst = new PyInstance(cls);
  inst.native = { adding: true, cache: new Map() } satisfies InstanceState;
  const fields = opts.concreteFields;
  if (args.length > fields.length) throw new PyException('IndexError', 'Number of args exceeds number of fields');
  const given = new Set<string>();
  args.forEach((a, i) => {
    inst.dict.set(fields[i].attname!, a);
    given.add(fields[i].name!);
  });
  const kw = new Map(kwargs);
  for (const f of fields) {
    if (given.has(f.name!)) {
      if (kw.has(f.name!)) throw new PyException('TypeError', `${cls.name}() got both positional and keyword arguments for field '${f.name}'.`);
      continue;
    }
    let value: PyValue | undefined;
    let isRelObj = false;
    if (f.isRelation && (f.manyToOne || f.oneToOne) && kw.has(f.name!)) {
      value = kw.get(f.name!)!;
      kw.delete(f.name!);
      isRelObj = true;
    } else if (kw.has(f.attname!)) {
      value = kw.get(f.attname!)!;
      kw.delete(f.attname!);
    } else if (f.primaryKey && kw.has('pk')) {
      value = kw.get('pk')!;
      kw.delete('pk');
    }
    if (value === undefined) {
      if (f.hasDefault()) value = f.getDefault();
      else if (f.isRelation) value = null;
      else value = f.getDefault();
      inst.dict.set(f.attname!, value);
      continue;
    }
    if (isRelObj) {
      instanceSetAttr(inst, f.name!, value);
    } else inst.dict.set(f.attname!, value);
  }
  for (const [k, v] of kw) {
    const f = opts.tryGetField(k);
    if (f && f.manyToMany) {
      throw new PyException('TypeError', `Direct assignment to the forward side of a many-to-many set is prohibited. Use ${k}.set() instead.`);
    }
    if (k === 'pk') {
      inst.dict.set(opts.pk!.attname!, v);
      continue;
    }
    if (cls.lookup(k) !== undefined) {
      inst.dict.set(k, v);
      continue;
    }
    throw new PyException('TypeError', `${cls.name}() got unexpected keyword arguments: '${k}'`);
  }
  return inst;
}

/** Model.from_db: an instance for a row (values by concrete field order). */
export function instanceFromDb(cls: ModelClass, values: Map<string, PyValue>): PyInstance {
  const inst = new PyInstance(cls);
  inst.native = { adding: false, cache: new Map() } satisfies InstanceState;
  for (const [k, v] of values) inst.dict.set(k, v);
  return inst;
}

function defaultStr(inst: PyInstance): string {
  return `${inst.cls.name} object (${pyStr(pkValue(inst))})`;
}

function modelStr(inst: PyInstance): string {
  const m = inst.cls.lookup('__str__');
  if (m !== undefined && !(m instanceof PyBuiltin)) return pyStr(inst);
  return defaultStr(inst);
}

let installed = false;

/** Wires instance behaviour into the model layer's `Model` class (once). */
export function installModelInstances(): void {
  if (installed) return;
  installed = true;
  const hooks = Model.hooks;
  const classAttr = hooks.getClassAttr;
  hooks.construct = (cls, args, kwargs) => constructInstance(cls, args, kwargs);
  hooks.getClassAttr = (cls, name) => {
    const r = classAttr?.(cls, name);
    if (r !== undefined) return r;
    const opts = metaOf(cls);
    if (!opts) return undefined;
    if (name === 'DoesNotExist') return modelExceptionClasses(cls).dne;
    if (name === 'MultipleObjectsReturned') return modelExceptionClasses(cls).mor;
    const rel = relationAccessors(opts).get(name);
    if (rel && rel.field.oneToOne) return new PyInstance(DescriptorClass, { owner: cls, name, target: rel.field.model! });
    return undefined;
  };
  hooks.getAttr = (self, name) => instanceGetAttr(self, name);
  hooks.setAttr = (self, name, value) => instanceSetAttr(self, name, value);
  hooks.str = (self) => defaultStr(self);
  hooks.repr = (self) => `<${self.cls.name}: ${modelStr(self)}>`;
  hooks.eq = (self, other) => {
    if (!(other instanceof PyInstance) || !metaOf(other.cls)) return false;
    if (metaOf(self.cls)!.concreteModel !== metaOf(other.cls)!.concreteModel) return false;
    const a = pkValue(self);
    if (a === null) return self === other;
    return pyEq(a, pkValue(other));
  };
  hooks.hash = (self) => {
    const pk = pkValue(self);
    if (pk === null) throw new PyException('TypeError', 'Model instances without primary key value are unhashable');
    return 'model:' + metaOf(self.cls)!.label + ':' + hashKey(pk);
  };
  const method = (name: string, impl: (self: PyInstance, args: PyValue[], kwargs: Kwargs) => PyValue) => {
    Model.dict.set(
      name,
      new PyBuiltin(
        name,
        'django.db.models.base',
        (args, kwargs) => {
          const self = args[0];
          if (!(self instanceof PyInstance) || !metaOf(self.cls)) throw new PyException('TypeError', `descriptor '${name}' requires a 'Model' object but received a '${typeName(self)}'`);
          return impl(self, args.slice(1), kwargs);
        },
        `Model.${name}`,
      ),
    );
  };
  method('save', (self, args, kwargs) => {
    if (args.length) throw new PyException('TypeError', 'Model.save() takes 1 positional argument but ' + (args.length + 1) + ' were given');
    ORM.save!(self, kwargs);
    return null;
  });
  method('delete', (self) => ORM.deleteInstance!(self));
  method('refresh_from_db', (self, args, kwargs) => {
    const fields = kwargs.get('fields') ?? args[1] ?? null;
    const list = fields === null || fields === undefined ? null : [...((fields as { items?: PyValue[] }).items ?? [])].map((x) => pyStr(x));
    ORM.refresh!(self, list);
    return null;
  });
  method('serializable_value', (self, args) => {
    const name = pyStr(args[0]);
    const f = metaOf(self.cls)!.tryGetField(name);
    return f ? self.dict.get(f.attname!) ?? null : instanceGetAttr(self, name) ?? null;
  });
  method('full_clean', () => null);
  method('clean', () => null);
  method('clean_fields', () => null);
  method('validate_unique', () => null);
  method('get_deferred_fields', () => new PyTuple([]));
}

export function isExpressionValue(v: PyValue): boolean {
  return v instanceof PyInstance && v.native instanceof Expression;
}
