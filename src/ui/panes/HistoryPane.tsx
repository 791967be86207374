// The History tab: showmigrations as a timeline per app; click a migration to migrate to it.
import type { MigrationNode } from '../../engine/project';

export function HistoryPane({
  graph,
  onMigrateTo,
  onMigrateAll,
}: {
  graph: MigrationNode[];
  onMigrateTo(app: string, target: string): void;
  onMigrateAll(): void;
}) {
  const apps = [...new Set(graph.map((m) => m.app))];
  const unapplied = graph.filter((m) => !m.applied).length;
  if (!graph.length) {
    return (
      <div className="empty" data-testid="history-pane">
        No migrations yet. Run <code>python manage.py makemigrations</code> to write the first one.
      </div>
    );
  }
  return (
    <div className="section" data-testid="history-pane">
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 6 }}>
        <strong>showmigrations</strong>
        <span className="muted">{unapplied ? `${unapplied} unapplied` : 'all applied'}</span>
        <span style={{ flex: 1 }} />
        <button type="button" className="btn primary small" disabled={!unapplied} onClick={onMigrateAll}>Apply all (migrate)</button>
      </div>
      {apps.map((app) => {
        const ms = graph.filter((m) => m.app === app);
        const anyApplied = ms.some((m) => m.applied);
        return (
          <section key={app} aria-label={`Migrations of ${app}`}>
            <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
              <div className="app-title">{app}</div>
              <span style={{ flex: 1 }} />
              <button type="button" className="btn small" disabled={!anyApplied} onClick={() => onMigrateTo(app, 'zero')}>
                Unapply all ({app} zero)
              </button>
            </div>
            <ol className="timeline">
              {ms.map((m) => (
                <li key={m.name}>
                  <span className={`mig-dot ${m.applied ? 'applied' : ''}`} aria-hidden="true" />
                  <button
                    type="button"
                    className="mig-btn"
                    onClick={() => onMigrateTo(app, m.name)}
                    title={`Migrate ${app} to ${m.name}`}
                  >
                    <span className="mono" aria-hidden="true">[{m.applied ? 'X' : ' '}]</span>
                    <span className="sr-only">{m.applied ? 'applied' : 'not applied'}</span>
                    <span className="mig-name">{m.name}</span>
                    <span className="mig-ops">{m.operations.slice(0, 3).join(' · ')}{m.operations.length > 3 ? ` · +${m.operations.length - 3}` : ''}</span>
                  </button>
                </li>
              ))}
            </ol>
          </section>
        );
      })}
    </div>
  );
}
