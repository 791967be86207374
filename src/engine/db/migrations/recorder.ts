// The django_migrations table (django.db.migrations.recorder.MigrationRecorder): which
// migrations are applied, created and written exactly as Django does.

import type { Database } from '../../project';
import { connectionFor } from '../backends/connection';
import type { DatabaseWrapper } from '../backends/sqlite3/base';
import { PyException } from '../../python/values';

export const MIGRATIONS_TABLE = 'django_migrations';
const CREATE_SQL =
  'CREATE TABLE "django_migrations" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "app" varchar(255) NOT NULL, "name" varchar(255) NOT NULL, "applied" datetime NOT NULL)';

export interface AppliedMigration {
  id: number;
  app: string;
  name: string;
  applied: string;
}

export class MigrationRecorder {
  private hasTableCache = false;

  constructor(readonly connection: DatabaseWrapper) {}

  hasTable(): boolean {
    if (this.hasTableCache) return true;
    const rows = this.connection.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [MIGRATIONS_TABLE]);
    this.hasTableCache = rows.length > 0;
    return this.hasTableCache;
  }

  /** Creates the table when missing (in its own schema-editor transaction, as Django does). */
  ensureSchema(): void {
    if (this.hasTable()) return;
    try {
      this.connection.schemaEditor().run((editor) => editor.execute(CREATE_SQL, null));
    } catch (e) {
      const msg = e instanceof PyException ? e.pyMessage : e instanceof Error ? e.message : String(e);
      throw new PyException(
        'django.db.migrations.exceptions.MigrationSchemaMissing',
        `Unable to create the django_migrations table (${msg})`,
      );
    }
    this.hasTableCache = true;
  }

  /** Applied migrations in the order they were recorded. */
  appliedMigrations(): AppliedMigration[] {
    if (!this.hasTable()) return [];
    return this.connection
      .query(`SELECT "id", "app", "name", "applied" FROM "${MIGRATIONS_TABLE}" ORDER BY "id"`)
      .map((r) => ({ id: Number(r[0]), app: String(r[1]), name: String(r[2]), applied: String(r[3]) }));
  }

  /** Keys 'app\0name' of the applied migrations. */
  appliedKeys(): Set<string> {
    return new Set(this.appliedMigrations().map((m) => `${m.app}\u0000${m.name}`));
  }

  recordApplied(app: string, name: string): void {
    this.ensureSchema();
    this.connection.execute(`INSERT INTO "${MIGRATIONS_TABLE}" ("app", "name", "applied") VALUES (%s, %s, %s)`, [app, name, nowUtc()]);
  }

  recordUnapplied(app: string, name: string): void {
    this.ensureSchema();
    this.connection.execute(`DELETE FROM "${MIGRATIONS_TABLE}" WHERE ("${MIGRATIONS_TABLE}"."app" = %s AND "${MIGRATIONS_TABLE}"."name" = %s)`, [app, name]);
  }

  flush(): void {
    if (this.hasTable()) this.connection.execute(`DELETE FROM "${MIGRATIONS_TABLE}"`);
  }
}

/** timezone.now() as Django stores it in SQLite: UTC, 'YYYY-MM-DD HH:MM:SS.ffffff'. */
export function nowUtc(): string {
  const iso = new Date().toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}000`;
}

/** The loader's view of the database: applied (app, name) keys in recorded order. */
export function appliedMigrationKeys(db: Database): [string, string][] {
  return new MigrationRecorder(connectionFor(db)).appliedMigrations().map((m) => [m.app, m.name]);
}
