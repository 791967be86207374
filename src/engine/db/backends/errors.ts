// Database errors as Django raises them (django.db.utils.*), carried as Python exceptions so a
// failing migration ends in a traceback whose last line names the class.

import { PyException } from '../../python/values';

export type DbErrorClass = 'IntegrityError' | 'OperationalError' | 'ProgrammingError' | 'DataError' | 'NotSupportedError';

export function databaseError(cls: DbErrorClass, message: string): PyException {
  return new PyException(`django.db.utils.${cls}`, message);
}

/** Classifies an error thrown by sql.js the way Python's sqlite3 module does. */
export function wrapSqliteError(e: unknown): PyException {
  if (e instanceof PyException) return e;
  const msg = e instanceof Error ? e.message : String(e);
  if (/constraint failed/i.test(msg)) return databaseError('IntegrityError', msg);
  if (/datatype mismatch/i.test(msg)) return databaseError('IntegrityError', msg);
  return databaseError('OperationalError', msg);
}
