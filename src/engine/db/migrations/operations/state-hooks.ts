// How operations build a ModelState. The model layer's ModelState class is plugged in here
// (see `setModelStateFactory`), which keeps the operation modules free of an import cycle.

import type { FieldLike, ManagerLike } from './base';

export type ModelStateFactory = (
  appLabel: string,
  name: string,
  fields: [string, FieldLike][],
  options: Record<string, unknown>,
  bases: unknown[],
  managers: [string, ManagerLike][],
) => unknown;

let factory: ModelStateFactory | undefined;

export function setModelStateFactory(f: ModelStateFactory): void {
  factory = f;
}

export function makeModelState(...args: Parameters<ModelStateFactory>): unknown {
  if (!factory) throw new Error('ModelState factory not registered');
  return factory(...args);
}
