// The Migration tab: what `makemigrations` would write now, live while the student types.
import type { Diagnostic, MigrationPreview } from '../../engine/project';
import { Highlight } from './Highlight';

function summaryClass(line: string): string {
  if (/^[+-] (Remove|Delete)/.test(line)) return 'summary-line remove';
  if (/^[+-] (Alter|Rename|Change)/.test(line)) return 'summary-line alter';
  return 'summary-line';
}

export function DiagnosticList({ diagnostics, onOpen }: { diagnostics: Diagnostic[]; onOpen(file: string, line: number): void }) {
  return (
    <ul className="diag-list">
      {diagnostics.map((d, i) => (
        <li key={i}>
          {d.file ? (
            <button type="button" onClick={() => onOpen(d.file, d.line)}>
              {d.file}
              {d.line ? `:${d.line}` : ''}
            </button>
          ) : null}{' '}
          {d.message}
        </li>
      ))}
    </ul>
  );
}

export function MigrationPane({
  preview,
  pending,
  onMakemigrations,
  onOpen,
}: {
  preview: MigrationPreview | null;
  pending: boolean;
  onMakemigrations(): void;
  onOpen(file: string, line: number): void;
}) {
  if (!preview) return <div className="empty">Starting the engine…</div>;
  return (
    <div className="section" data-testid="migration-preview" aria-busy={pending}>
      <div className="preview-head">
        <strong title="What makemigrations would write now">Next migration</strong>
        <span className="grow" />
        <button type="button" className="btn primary small" onClick={onMakemigrations} disabled={preview.status !== 'changes'}>
          Run makemigrations
        </button>
      </div>
      {preview.status === 'error' && (
        <div className="notice error" role="status">
          <div>
            <strong>The project has errors; makemigrations would stop here.</strong>
            <DiagnosticList diagnostics={preview.diagnostics} onOpen={onOpen} />
          </div>
        </div>
      )}
      {preview.status === 'no-changes' && (
        <div className="notice ok" role="status">
          <span>
            <strong>No changes detected</strong>: the models match the migrations. Edit a <code>models.py</code> to see the next migration here.
          </span>
        </div>
      )}
      {preview.questions.length > 0 && (
        <div className="notice warn" role="status">
          <div>
            <strong>makemigrations will ask:</strong>
            <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
              {preview.questions.map((q, i) => (
                <li key={i}>{q}</li>
              ))}
            </ul>
            <span className="muted">Run it from the terminal or the button to answer.</span>
          </div>
        </div>
      )}
      {preview.status === 'changes' &&
        preview.migrations.map((m) => (
          <div className="file-card" key={m.path}>
            <div className="file-card-head">
              <span>{m.path}</span>
              <span className="spacer" />
              <span className="pill">new</span>
            </div>
            <div style={{ padding: '6px 10px' }}>
              <div className="muted" style={{ fontFamily: 'var(--font-code)', fontSize: 12 }}>Migrations for &apos;{m.app}&apos;:</div>
              {m.summary.map((s, i) => (
                <div key={i} className={summaryClass(s)} style={{ paddingLeft: 16 }}>
                  {s}
                </div>
              ))}
            </div>
            <Highlight code={m.text} language="python" />
            <div className="file-card-head" style={{ borderTop: '1px solid var(--border)' }}>
              <span>SQL (sqlmigrate {m.app} {m.name.slice(0, 4)})</span>
            </div>
            <Highlight code={m.sql} language="sql" />
          </div>
        ))}
    </div>
  );
}
