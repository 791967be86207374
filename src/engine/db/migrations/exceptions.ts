// The exceptions of django.db.migrations.exceptions, raised as Python exceptions.

import { PyException } from '../../python/values';

const MODULE = 'django.db.migrations.exceptions';

export type MigrationKey = [string, string];

function raise(name: string, message: string): PyException {
  return new PyException(`${MODULE}.${name}`, message);
}

/** Python's repr of a migration key: ('blog', '0001_initial'). */
export function keyRepr(key: MigrationKey): string {
  const q = (s: string) => (s.includes("'") && !s.includes('"') ? `"${s}"` : `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`);
  return `(${q(key[0])}, ${q(key[1])})`;
}

export class NodeNotFoundError extends PyException {
  constructor(
    message: string,
    readonly node: MigrationKey,
    readonly origin?: string,
  ) {
    super(`${MODULE}.NodeNotFoundError`, message);
  }
}

export const AmbiguityError = (m: string) => raise('AmbiguityError', m);
export const BadMigrationError = (m: string) => raise('BadMigrationError', m);
export const CircularDependencyError = (m: string) => raise('CircularDependencyError', m);
export const InconsistentMigrationHistory = (m: string) => raise('InconsistentMigrationHistory', m);
export const InvalidBasesError = (m: string) => raise('InvalidBasesError', m);
export const IrreversibleError = (m: string) => raise('IrreversibleError', m);
export const InvalidMigrationPlan = (m: string) => raise('InvalidMigrationPlan', m);
export const MigrationSchemaMissing = (m: string) => raise('MigrationSchemaMissing', m);
