// The SQL tab: the SQL of the pending migration, and `sqlmigrate` for any existing migration.
import { useEffect, useState } from 'react';
import type { MigrationNode, MigrationPreview } from '../../engine/project';
import { Highlight } from './Highlight';

export function SqlPane({
  preview,
  graph,
  sqlmigrate,
}: {
  preview: MigrationPreview | null;
  graph: MigrationNode[];
  sqlmigrate(app: string, name: string, backwards: boolean): Promise<string>;
}) {
  const [choice, setChoice] = useState('');
  const [backwards, setBackwards] = useState(false);
  const [sql, setSql] = useState<string | null>(null);
  useEffect(() => {
    if (!choice) return setSql(null);
    const [app, name] = choice.split('\u0000');
    let live = true;
    void sqlmigrate(app, name, backwards).then((s) => live && setSql(s));
    return () => {
      live = false;
    };
  }, [choice, backwards, graph, sqlmigrate]);
  const pending = preview?.status === 'changes' ? preview.migrations : [];
  return (
    <div className="section" data-testid="sql-pane">
      <h3 className="sub" style={{ marginTop: 0 }}>Pending migration</h3>
      {pending.length === 0 && <div className="muted">No pending changes: nothing new to run.</div>}
      {pending.map((m) => (
        <div className="file-card" key={m.path}>
          <div className="file-card-head">{m.path}</div>
          <Highlight code={m.sql} language="sql" />
        </div>
      ))}
      <h3 className="sub">sqlmigrate</h3>
      <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
        <label>
          <span className="sr-only">Migration</span>
          <select value={choice} onChange={(e) => setChoice(e.target.value)} aria-label="Migration to show as SQL" className="btn">
            <option value="">Choose a migration…</option>
            {graph.map((m) => (
              <option key={`${m.app}.${m.name}`} value={`${m.app}\u0000${m.name}`}>
                {m.app}.{m.name}
              </option>
            ))}
          </select>
        </label>
        <label style={{ display: 'flex', gap: 4, alignItems: 'center' }}>
          <input type="checkbox" checked={backwards} onChange={(e) => setBackwards(e.target.checked)} /> --backwards
        </label>
      </div>
      {sql !== null && <div className="file-card"><Highlight code={sql} language="sql" /></div>}
    </div>
  );
}
