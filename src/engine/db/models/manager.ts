// Managers (django.db.models.manager): only what migrations see — name, order, use_in_migrations
// and how the manager was constructed (deconstruct).

import { PyClass, PyInstance, type Kwargs, type PyValue } from '../../python/values';
import { nativeClass, pyEq, truthy } from '../../utils/py';
import { metaOf, type ModelClass } from './fields/index';

let managerCounter = 0;

/** A manager is its own Python object (a PyInstance of its manager class). */
export class Manager extends PyInstance {
  name = '';
  model: ModelClass | null = null;
  creationCounter: number;
  autoCreated = false;
  args: PyValue[] = [];
  kwargs: Kwargs = new Map();
  constructor(public pyClass: PyClass) {
    super(pyClass);
    this.native = this;
    this.creationCounter = managerCounter++;
  }

  get useInMigrations(): boolean {
    return truthy(this.pyClass.lookup('use_in_migrations') ?? false);
  }

  setCreationCounter(): void {
    this.creationCounter = managerCounter++;
  }

  copy(): Manager {
    const m = new Manager(this.pyClass);
    m.name = this.name;
    m.model = this.model;
    m.creationCounter = this.creationCounter;
    m.autoCreated = this.autoCreated;
    m.args = this.args;
    m.kwargs = this.kwargs;
    return m;
  }

  /** (as_manager, manager_class, qs_class, args, kwargs) like BaseManager.deconstruct(). */
  deconstruct(): [boolean, string, null, PyValue[], Kwargs] {
    return [false, `${this.pyClass.module}.${this.pyClass.name}`, null, this.args, this.kwargs];
  }

  contributeToClass(cls: ModelClass, name: string): void {
    this.name = this.name || name;
    this.model = cls;
    metaOf(cls)!.localManagers.push(this);
    metaOf(cls)!.expireCache();
  }

  toPy(): PyInstance {
    return this;
  }

  /** Manager.__eq__: same manager class (by import path) built with the same arguments. */
  equals(other: unknown): boolean {
    if (!(other instanceof Manager)) return false;
    const [, p1, , a1, k1] = this.deconstruct();
    const [, p2, , a2, k2] = other.deconstruct();
    if (p1 !== p2 || a1.length !== a2.length || k1.size !== k2.size) return false;
    if (!a1.every((v, i) => pyEq(v, a2[i]))) return false;
    for (const [k, v] of k1) if (!k2.has(k) || !pyEq(v, k2.get(k)!)) return false;
    return true;
  }

  repr(): string {
    const m = metaOf(this.model);
    return m ? `<${this.pyClass.name}: ${m.label}.${this.name}>` : `<${this.pyClass.module}.${this.pyClass.name} object>`;
  }
}

export const ManagerClass: PyClass = nativeClass('Manager', 'django.db.models.manager', [], {
  construct(cls, args, kwargs) {
    const m = new Manager(cls);
    m.args = [...args];
    m.kwargs = new Map(kwargs);
    return m;
  },
  eq: (self, other) => (self as Manager).equals(other),
  hash: (self) => 'mgr:' + (self as Manager).deconstruct()[1],
  repr: (self) => (self.native as Manager).repr(),
  str: (self) => {
    const m = self.native as Manager;
    return `${metaOf(m.model)?.label}.${m.name}`;
  },
  getAttr(self, name) {
    const m = self.native as Manager;
    if (name === 'name') return m.name;
    if (name === 'model') return m.model;
    if (name === 'auto_created') return m.autoCreated;
    if (name === 'use_in_migrations') return m.useInMigrations;
    return undefined;
  },
});
ManagerClass.dict.set('use_in_migrations', false);
ManagerClass.dict.set('auto_created', false);
export const BaseManagerClass = ManagerClass;

/** A plain `Manager()` created by the model layer (auto-created objects, migration shims). */
export function newManager(name: string, model: ModelClass | null, autoCreated = false): Manager {
  const m = new Manager(ManagerClass);
  m.name = name;
  m.model = model;
  m.autoCreated = autoCreated;
  return m;
}
