// The project's files as a tree: open, add, delete.
import { useState } from 'react';
import type { Diagnostic } from '../engine/project';
import { isSafePath } from './store/untrusted';

interface Row {
  kind: 'folder' | 'file';
  path: string;
  name: string;
  depth: number;
}

function rows(paths: string[]): Row[] {
  const out: Row[] = [];
  const seen = new Set<string>();
  const sorted = [...paths].sort((a, b) => {
    const da = a.split('/');
    const db = b.split('/');
    for (let i = 0; i < Math.min(da.length, db.length); i++) {
      if (da[i] === db[i]) continue;
      const aIsDir = i < da.length - 1;
      const bIsDir = i < db.length - 1;
      if (aIsDir !== bIsDir) return aIsDir ? 1 : -1; // files of a folder before its subfolders
      return da[i] < db[i] ? -1 : 1;
    }
    return da.length - db.length;
  });
  for (const p of sorted) {
    const parts = p.split('/');
    for (let i = 0; i < parts.length - 1; i++) {
      const folder = parts.slice(0, i + 1).join('/');
      if (!seen.has(folder)) {
        seen.add(folder);
        out.push({ kind: 'folder', path: folder, name: parts[i], depth: i });
      }
    }
    out.push({ kind: 'file', path: p, name: parts[parts.length - 1], depth: parts.length - 1 });
  }
  return out;
}

export function FileTree({
  paths,
  openPath,
  fresh,
  diagnostics,
  onOpen,
  onAdd,
  onDelete,
}: {
  paths: string[];
  openPath: string | null;
  fresh: Set<string>;
  diagnostics: Diagnostic[];
  onOpen(path: string): void;
  onAdd(path: string): void;
  onDelete(path: string): void;
}) {
  const [newName, setNewName] = useState('');
  const [error, setError] = useState('');
  const withErrors = new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => d.file));
  const add = () => {
    const p = newName.trim().replace(/^\.\//, '');
    if (!isSafePath(p)) return setError('Use a relative path like blog/admin.py');
    if (paths.includes(p)) return setError('That file exists already');
    setError('');
    setNewName('');
    onAdd(p);
  };
  return (
    <nav className="file-tree" aria-label="Project files">
      <div className="pane-head">Explorer</div>
      <ul className="tree-list" data-testid="file-tree">
        {rows(paths).map((r) =>
          r.kind === 'folder' ? (
            <li key={'d:' + r.path}>
              <div className="tree-row" style={{ paddingLeft: 6 + r.depth * 10, cursor: 'default' }}>
                <span className="file-icon" aria-hidden="true">▾</span>
                <span className="name folder-name">{r.name}</span>
              </div>
            </li>
          ) : (
            <li key={r.path} className={`tree-row ${fresh.has(r.path) ? 'fresh' : ''}`} aria-current={r.path === openPath} style={{ paddingLeft: 6 + r.depth * 10 }}>
              <button type="button" className="tree-open" onClick={() => onOpen(r.path)} title={r.path} data-path={r.path}>
                <span className={`file-icon ${r.name.endsWith('.py') ? 'py' : ''}`} aria-hidden="true">{r.name.endsWith('.py') ? 'py' : '•'}</span>
                <span className="name">{r.name}</span>
                {withErrors.has(r.path) && <span className="diag" title="This file has errors" aria-label="has errors" role="img" />}
              </button>
              <button type="button" className="icon-btn del" aria-label={`Delete ${r.path}`} onClick={() => onDelete(r.path)}>
                ×
              </button>
            </li>
          ),
        )}
      </ul>
      <form
        className="tree-new"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <input
          value={newName}
          onChange={(e) => setNewName(e.target.value)}
          placeholder="new file, e.g. shop/models.py"
          aria-label="New file path"
          aria-invalid={!!error}
          title={error || undefined}
        />
        <button type="submit" className="btn small" aria-label="Add file">+</button>
      </form>
      {error && <div role="alert" style={{ color: 'var(--red)', fontSize: 11.5, padding: '0 8px 6px' }}>{error}</div>}
    </nav>
  );
}
