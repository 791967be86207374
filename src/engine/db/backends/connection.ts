// `connections['default']`: one DatabaseWrapper per engine Database, shared by every command
// and by the loader's view of django_migrations.

import type { Database } from '../../project';
import { DatabaseWrapper } from './sqlite3/base';

const connections = new WeakMap<Database, DatabaseWrapper>();

export function connectionFor(db: Database): DatabaseWrapper {
  let c = connections.get(db);
  if (!c) {
    c = new DatabaseWrapper(db);
    connections.set(db, c);
  }
  return c;
}
