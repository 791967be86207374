// The Database tab: tables, columns, keys, indexes, row counts, paged rows and a read-only query box.
import { useEffect, useState } from 'react';
import type { QueryResult, SqlValue, TableInfo } from '../../engine/project';
import type { RowsPage } from '../engine/protocol';

export interface DbChanges {
  tables: Set<string>;
  columns: Set<string>;
}

const PAGE = 50;

export function formatValue(v: SqlValue) {
  if (v === null) return <span className="null">NULL</span>;
  if (v instanceof Uint8Array) return <span className="null">{`<${v.length} bytes>`}</span>;
  return String(v);
}

export function DatabasePane({
  tables,
  changes,
  loadRows,
  query,
}: {
  tables: TableInfo[];
  changes: DbChanges;
  loadRows(table: string, offset: number, limit: number): Promise<RowsPage>;
  query(sql: string): Promise<QueryResult[]>;
}) {
  const [selected, setSelected] = useState<string | null>(null);
  const [offset, setOffset] = useState(0);
  const [rows, setRows] = useState<RowsPage | null>(null);
  const [sql, setSql] = useState('SELECT * FROM django_migrations;');
  const [result, setResult] = useState<{ ok: true; sets: QueryResult[] } | { ok: false; error: string } | null>(null);
  const table = tables.find((t) => t.name === selected) ?? tables.find((t) => !t.name.startsWith('django_')) ?? tables[0];

  useEffect(() => setOffset(0), [table?.name]);
  useEffect(() => {
    if (!table) return setRows(null);
    let live = true;
    loadRows(table.name, offset, PAGE).then(
      (r) => live && setRows(r),
      () => live && setRows(null),
    );
    return () => {
      live = false;
    };
  }, [table, offset, loadRows]);

  const runQuery = () => {
    query(sql).then(
      (sets) => setResult({ ok: true, sets }),
      (e: unknown) => setResult({ ok: false, error: e instanceof Error ? e.message : String(e) }),
    );
  };

  if (!tables.length) {
    return (
      <div className="empty" data-testid="database-pane">
        The database is empty. Run <code>python manage.py migrate</code> to create the tables.
      </div>
    );
  }
  return (
    <div className="db-layout" data-testid="database-pane">
      <nav className="db-tables" aria-label="Tables">
        {tables.map((t) => (
          <button
            type="button"
            key={t.name}
            className={`db-table-btn ${changes.tables.has(t.name) ? 'changed' : ''}`}
            aria-current={t.name === table?.name}
            onClick={() => setSelected(t.name)}
            title={changes.tables.has(t.name) ? 'Changed by the last migrate' : undefined}
          >
            <span className="tname">{t.name}</span>
            <span className="count">{t.rowCount}</span>
          </button>
        ))}
      </nav>
      <div className="db-detail">
        {table && (
          <>
            <div style={{ display: 'flex', alignItems: 'baseline', gap: 8 }}>
              <strong className="mono" style={{ fontSize: 14 }}>{table.name}</strong>
              <span className="muted">{table.rowCount} row{table.rowCount === 1 ? '' : 's'}</span>
              {changes.tables.has(table.name) && <span className="pill">changed by the last migrate</span>}
            </div>
            <h3 className="sub">Columns</h3>
            <table className="grid" aria-label={`Columns of ${table.name}`}>
              <thead>
                <tr><th>name</th><th>type</th><th>null</th><th>default</th><th>keys</th></tr>
              </thead>
              <tbody>
                {table.columns.map((c) => (
                  <tr key={c.name} className={changes.columns.has(`${table.name}.${c.name}`) ? 'changed' : ''}>
                    <td>{c.name}</td>
                    <td>{c.type}</td>
                    <td>{c.notNull ? 'NOT NULL' : 'NULL'}</td>
                    <td>{c.default ?? ''}</td>
                    <td>
                      {c.primaryKey && <span className="key pk">PK</span>}
                      {c.unique && !c.primaryKey && <span className="key">UNIQUE</span>}
                      {c.references && <span className="key fk">FK → {c.references.table}.{c.references.column}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {table.indexes.length > 0 && (
              <>
                <h3 className="sub">Indexes</h3>
                <table className="grid" aria-label={`Indexes of ${table.name}`}>
                  <thead><tr><th>name</th><th>columns</th><th>unique</th></tr></thead>
                  <tbody>
                    {table.indexes.map((i) => (
                      <tr key={i.name}><td>{i.name}</td><td>{i.columns.join(', ')}</td><td>{i.unique ? 'yes' : ''}</td></tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
            <h3 className="sub">Rows</h3>
            {rows && rows.total > 0 ? (
              <>
                <ResultGrid columns={rows.columns} values={rows.values} label={`Rows of ${table.name}`} />
                <div className="pager">
                  <button type="button" className="btn small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>Previous</button>
                  <span className="muted">{offset + 1}–{Math.min(offset + PAGE, rows.total)} of {rows.total}</span>
                  <button type="button" className="btn small" disabled={offset + PAGE >= rows.total} onClick={() => setOffset(offset + PAGE)}>Next</button>
                </div>
              </>
            ) : (
              <div className="muted">No rows.</div>
            )}
          </>
        )}
        <h3 className="sub">Query (read-only)</h3>
        <div className="query-box">
          <textarea
            aria-label="SQL query (read-only)"
            value={sql}
            spellCheck={false}
            onChange={(e) => setSql(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                runQuery();
              }
            }}
          />
          <button type="button" className="btn primary" onClick={runQuery}>Run</button>
        </div>
        {result && !result.ok && <div className="notice error" role="status">{result.error}</div>}
        {result?.ok && result.sets.length === 0 && <div className="muted">The query returned no rows.</div>}
        {result?.ok && result.sets.map((s, i) => <ResultGrid key={i} columns={s.columns} values={s.values.slice(0, 500)} label="Query result" />)}
      </div>
    </div>
  );
}

function ResultGrid({ columns, values, label }: { columns: string[]; values: SqlValue[][]; label: string }) {
  return (
    <div style={{ overflow: 'auto', maxHeight: 320 }}>
      <table className="grid" aria-label={label}>
        <thead><tr>{columns.map((c, i) => <th key={i}>{c}</th>)}</tr></thead>
        <tbody>
          {values.map((row, r) => (
            <tr key={r}>{row.map((v, c) => <td key={c}>{formatValue(v)}</td>)}</tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
