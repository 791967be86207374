// Managers (django.db.models.manager): only what migrations see — name, order, use_in_migrations
// and how the manager was constructed (deconstruct).

import { PyClass, PyInstance, type Kwargs, type PyValue } from '../../python/values';
import { nativeClass, truthy } from '../../utils/py';
import { metaOf, type ModelClass } from './fields/index';

let managerCounter = 0;

export class Manager {
  name = '';
  model: ModelClass | null = null;
  creationCounter: number;
  autoCreated = false;
  args: PyValue[] = [];
  kwargs: Kwargs = new Map();
  private _py?: PyInstance;
  constructor(public pyClass: PyClass) {
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
    m._py = undefined;
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
    if (!this._py) this._py = new PyInstance(this.pyClass, this);
    return this._py;
  }
  bindPy(p: PyInstance): void {
    this._py = p;
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
    const inst = new PyInstance(cls, m);
    m.bindPy(inst);
    return inst;
  },
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
