// @deconstructible: objects that remember the arguments they were built with, so migrations can
// write them back (`django.core.validators.MinValueValidator(0)`) and compare them.
//
// Contract for the migration serializer: a PyInstance whose `native` has
// `deconstruct(): [path, args, kwargs]` is written as `path(*args, **kwargs)`.

import { PyClass, PyInstance, type Kwargs, type PyValue } from '../python/values';
import { nativeClass, pyEq, pyRepr } from './py';

export class Deconstructed {
  constructor(
    readonly path: string,
    readonly args: PyValue[],
    readonly kwargs: Kwargs,
  ) {}
  deconstruct(): [string, PyValue[], Kwargs] {
    return [this.path, this.args, this.kwargs];
  }
}

export function deconstructedEq(a: Deconstructed, b: Deconstructed): boolean {
  if (a.path !== b.path || a.args.length !== b.args.length || a.kwargs.size !== b.kwargs.size) return false;
  if (!a.args.every((v, i) => pyEq(v, b.args[i]))) return false;
  for (const [k, v] of a.kwargs) if (!b.kwargs.has(k) || !pyEq(v, b.kwargs.get(k)!)) return false;
  return true;
}

/** A native class whose instances record their construction; subclasses keep their own path. */
export function deconstructibleClass(
  name: string,
  module: string,
  opts: { path?: string; bases?: PyClass[]; callable?: boolean; check?: (args: PyValue[], kwargs: Kwargs) => void } = {},
): PyClass {
  const cls: PyClass = nativeClass(name, module, opts.bases ?? [], {
    construct(c, args, kwargs) {
      opts.check?.(args, kwargs);
      const path = c === cls ? (opts.path ?? `${module}.${name}`) : `${c.module}.${c.qualname}`;
      return new PyInstance(c, new Deconstructed(path, [...args], new Map(kwargs)));
    },
    eq: (self, other) =>
      other instanceof PyInstance && other.native instanceof Deconstructed && deconstructedEq(self.native as Deconstructed, other.native),
    hash: (self) => 'd:' + (self.native as Deconstructed).path,
    repr: (self) => `<${self.cls.module}.${self.cls.qualname} object>`,
    ...(opts.callable ? { call: () => null } : {}),
  });
  return cls;
}

export function isDeconstructed(v: PyValue): v is PyInstance {
  return v instanceof PyInstance && v.native instanceof Deconstructed;
}

void pyRepr;
