// The workspace: lesson | editor with its file tree over the terminal | result tabs.
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type ComponentType, type ReactNode } from 'react';
import { Group, Panel, Separator, useDefaultLayout } from 'react-resizable-panels';
import type { Diagnostic, MigrationNode, MigrationPreview, ModelInfo, TableInfo } from '../engine/project';
import { EngineClient } from './engine/client';
import type { FileMap, Snapshot } from './engine/protocol';
import { useDialog } from './Dialog';
import { FileTree } from './FileTree';
import { DatabasePane, type DbChanges } from './panes/DatabasePane';
import { HistoryPane } from './panes/HistoryPane';
import { MigrationPane } from './panes/MigrationPane';
import { SqlPane } from './panes/SqlPane';
import type { CapturedRun, PanelProps, PlaygroundApi } from './panelApi';
import { STARTER_FILES } from './starterProject';
import { clearWork, loadTerminalHistory, loadWork, saveTerminalHistory, saveWork } from './store/persistence';
import { decodeShareHash, encodeShareHash } from './store/shareLink';
import { unzipProject, zipProject } from './store/zipProject';
import type { TerminalHandle, TerminalHost } from './terminal/Terminal';
import { dataLossFromPlan, dbChangesBetween, describeLoss } from './workspaceLogic';

const CodeEditor = lazy(() => import('./editor/CodeEditor'));
const Terminal = lazy(() => import('./terminal/Terminal').then((m) => ({ default: m.Terminal })));

// Panes other engineers build; mounted when their folders exist.
const lessonModules = import.meta.glob<{ LessonPanel?: ComponentType<PanelProps> }>('./lessons/index.{ts,tsx}');
const diagramModules = import.meta.glob<{ DiagramPanel?: ComponentType<PanelProps> }>('./diagrams/index.{ts,tsx}');
function lazyPanel<T>(mods: Record<string, () => Promise<T>>, name: keyof T) {
  const loader = Object.values(mods)[0];
  if (!loader) return null;
  return lazy(async (): Promise<{ default: ComponentType<PanelProps> }> => {
    const m = await loader();
    const C = m[name] as ComponentType<PanelProps> | undefined;
    return { default: C ?? (() => null) };
  });
}
const LessonPanel = lazyPanel(lessonModules, 'LessonPanel');
const DiagramPanel = lazyPanel(diagramModules, 'DiagramPanel');

type Tab = 'migration' | 'sql' | 'database' | 'diagram' | 'history';
const TABS: { id: Tab; label: string }[] = [
  { id: 'migration', label: 'Migration' },
  { id: 'sql', label: 'SQL' },
  { id: 'database', label: 'Database' },
  { id: 'diagram', label: 'Diagram' },
  { id: 'history', label: 'History' },
];

const DEFAULT_KEY = 'default';
// The full engine answers; ?engine=fake switches to the small stand-in (src/ui/fake/), which
// keeps the UI usable and testable when the engine is broken.
const DEFAULT_ENGINE: 'real' | 'fake' = 'real';
const engineChoice = (): 'real' | 'fake' => {
  const asked = new URLSearchParams(location.search).get('engine');
  return asked === 'real' || asked === 'fake' ? asked : DEFAULT_ENGINE;
};
const sameFiles = (a: FileMap, b: FileMap) => {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
};

function ErrorBoundaryFallback({ children }: { children: ReactNode }) {
  return <Suspense fallback={<div className="editor-loading">Loading…</div>}>{children}</Suspense>;
}

const SHOW_SQL_KEY = 'mp-show-sql';

function readPref(key: string): string | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writePref(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // storage unavailable (private mode): the toggle still works for this visit
  }
}

export function App() {
  const client = useMemo(() => new EngineClient(), []);
  // Pane sizes the student chose survive a reload.
  const layoutStorage = typeof localStorage === 'undefined' ? undefined : localStorage;
  const workspaceLayout = useDefaultLayout({ id: 'mp-workspace', storage: layoutStorage, onlySaveAfterUserInteractions: true });
  const centerLayout = useDefaultLayout({ id: 'mp-center', storage: layoutStorage, onlySaveAfterUserInteractions: true });
  const editorLayout = useDefaultLayout({ id: 'mp-editor', storage: layoutStorage, onlySaveAfterUserInteractions: true });
  const [ask, dialog] = useDialog();
  const [workspaceKey, setWorkspaceKey] = useState(DEFAULT_KEY);
  const [files, setFilesState] = useState<FileMap | null>(null);
  const filesRef = useRef<FileMap>({});
  const [openPath, setOpenPath] = useState<string | null>('blog/models.py');
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  const [pendingPreview, setPendingPreview] = useState(false);
  const [tables, setTables] = useState<TableInfo[]>([]);
  const [graph, setGraph] = useState<MigrationNode[]>([]);
  const [models, setModels] = useState<ModelInfo[]>([]);
  const [history, setHistory] = useState<string[] | null>(null);
  const historyRef = useRef<string[]>([]);
  const [engineKind, setEngineKind] = useState<'real' | 'fake' | null>(null);
  const [tab, setTab] = useState<Tab>('migration');
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const [dbChanges, setDbChanges] = useState<DbChanges>({ tables: new Set(), columns: new Set() });
  const [toast, setToast] = useState<string | null>(null);
  const [saved, setSaved] = useState<'saved' | 'saving' | 'unsaved' | 'error'>('saved');
  const [reveal, setReveal] = useState<{ path: string; line: number; nonce: number } | null>(null);
  const [editorReady, setEditorReady] = useState(false);
  const [syncVersion, setSyncVersion] = useState(0);
  // The engine starts once the editor is up (or after a moment without it), to keep the first load light.
  const editorUp = useRef<{ promise: Promise<void>; resolve(): void } | null>(null);
  if (!editorUp.current) {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    editorUp.current = { promise, resolve };
    window.setTimeout(resolve, 2500);
  }
  const bumpSync = useCallback(() => setSyncVersion((v) => v + 1), []);
  const terminalRef = useRef<TerminalHandle>(null);
  // "Show SQL": the terminal also prints each statement the ORM runs (a UI preference, kept across reloads).
  const [showSql, setShowSql] = useState(() => readPref(SHOW_SQL_KEY) === 'true');
  const showSqlRef = useRef(showSql);
  showSqlRef.current = showSql;
  const toggleShowSql = useCallback((on: boolean) => {
    setShowSql(on);
    writePref(SHOW_SQL_KEY, String(on));
  }, []);
  const tablesRef = useRef<TableInfo[]>([]);
  const workspaceKeyRef = useRef(DEFAULT_KEY);
  const recentOutput = useRef('');
  const fileInput = useRef<HTMLInputElement>(null);
  /** Loading, switching, resetting and importing workspaces happen one after another. */
  const workspaceQueue = useRef<Promise<unknown>>(Promise.resolve());
  const inOrder = useCallback(<T,>(job: () => Promise<T>): Promise<T> => {
    const next = workspaceQueue.current.then(job, job);
    workspaceQueue.current = next.catch(() => undefined);
    return next;
  }, []);

  const showToast = useCallback((text: string) => {
    setToast(text);
    window.setTimeout(() => setToast((t) => (t === text ? null : t)), 2600);
  }, []);

  // ---- engine state ----------------------------------------------------------------------

  const refreshDerived = useCallback(
    async (dbChanged: boolean) => {
      const [g, t] = await Promise.all([client.request({ type: 'graph' }).catch(() => []), client.request({ type: 'tables' }).catch(() => [])]);
      setGraph(g);
      if (dbChanged) setDbChanges(dbChangesBetween(tablesRef.current, t));
      tablesRef.current = t;
      setTables(t);
    },
    [client],
  );
  const loadMigrationSnapshots = useCallback(
    (m: { app: string; name: string }) => client.request({ type: 'migrationSnapshots', app: m.app, name: m.name }),
    [client],
  );
  const refreshModels = useCallback(() => {
    client.request({ type: 'models' }).then(setModels, () => setModels([]));
  }, [client]);

  /** The database bytes last read from the engine (saved along with every edit). */
  const dbBytes = useRef<Uint8Array | null>(null);
  const persist = useCallback(
    async (withDb: boolean) => {
      setSaved('saving');
      const key = workspaceKeyRef.current;
      if (withDb) dbBytes.current = await client.request({ type: 'exportDb' }).catch(() => dbBytes.current);
      const ok = await saveWork(key, { files: filesRef.current, db: dbBytes.current, history: historyRef.current, savedAt: Date.now() });
      setSaved(ok ? 'saved' : 'error');
    },
    [client],
  );
  const persistTimer = useRef<number | undefined>(undefined);
  const schedulePersist = useCallback(() => {
    setSaved('unsaved');
    window.clearTimeout(persistTimer.current);
    persistTimer.current = window.setTimeout(() => void persist(false), 500);
  }, [persist]);

  const boot = useCallback(
    async (key: string, startFiles: FileMap, db: Uint8Array | null, termHistory: string[]) => {
      workspaceKeyRef.current = key;
      setWorkspaceKey(key);
      dbBytes.current = db;
      filesRef.current = startFiles;
      setFilesState(startFiles);
      bumpSync();
      historyRef.current = termHistory;
      setHistory((h) => h ?? termHistory);
      setFresh(new Set());
      setDbChanges({ tables: new Set(), columns: new Set() });
      const paths = Object.keys(startFiles);
      setOpenPath((p) => (p && paths.includes(p) ? p : (paths.find((x) => x.endsWith('/models.py')) ?? paths[0] ?? null)));
      await editorUp.current?.promise;
      try {
        const res = await client.request({ type: 'init', files: startFiles, db, engine: engineChoice() });
        setEngineKind(res.engine);
        setSnapshot({ preview: res.preview, diagnostics: res.diagnostics });
      } catch (e) {
        setSnapshot({
          preview: { status: 'error', migrations: [], questions: [], diagnostics: [] },
          diagnostics: [{ file: '', line: 0, severity: 'error', message: `The engine could not start: ${e instanceof Error ? e.message : String(e)}` }],
        });
      }
      tablesRef.current = [];
      await refreshDerived(false);
      refreshModels();
    },
    [client, refreshDerived, refreshModels, bumpSync],
  );

  // First load: saved work, or a share link (asking before it replaces saved work).
  useEffect(() => {
    void inOrder(async () => {
      const shared = decodeShareHash(location.hash);
      const key = shared?.workspace ?? DEFAULT_KEY;
      const saved = await loadWork(key);
      let startFiles = saved?.files ?? STARTER_FILES;
      let db = saved?.db ?? null;
      let tookShared = false;
      if (shared) {
        let take = true;
        if (saved && !sameFiles(saved.files, shared.files)) {
          const answer = await ask({
            title: 'Open the shared project?',
            body: (
              <p>
                This link holds a project ({Object.keys(shared.files).length} files). Opening it replaces the work saved in this browser
                {shared.workspace?.startsWith('lesson:') ? ' for this lesson' : ''} (your files and database). Keep your work to ignore the link.
              </p>
            ),
            buttons: [
              { label: 'Keep my work', value: 'keep' },
              { label: 'Replace with shared project', value: 'open', kind: 'danger' },
            ],
          });
          take = answer === 'open';
        }
        if (take) {
          startFiles = shared.files;
          db = null;
          tookShared = true;
        }
        window.history.replaceState(null, '', location.pathname + location.search);
      }
      await boot(key, startFiles, db, await loadTerminalHistory());
      if (tookShared) void persist(true);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // ---- editing ---------------------------------------------------------------------------

  const pendingChanges = useRef<Record<string, string | null>>({});
  const previewTimer = useRef<number | undefined>(undefined);
  const flushChanges = useCallback(async () => {
    const changes = pendingChanges.current;
    pendingChanges.current = {};
    if (!Object.keys(changes).length) return;
    try {
      const snap = await client.request({ type: 'setFiles', changes });
      if (snap) setSnapshot(snap);
    } finally {
      setPendingPreview(Object.keys(pendingChanges.current).length > 0);
    }
    refreshModels();
  }, [client, refreshModels]);

  /** Sends edits still waiting for the debounce, so a command sees exactly what is on screen. */
  const flushNow = useCallback(() => {
    window.clearTimeout(previewTimer.current);
    void flushChanges();
  }, [flushChanges]);

  const applyChanges = useCallback(
    (changes: Record<string, string | null>, immediate = false, fromEditor = false) => {
      const next = { ...filesRef.current };
      for (const [p, t] of Object.entries(changes)) {
        if (t === null) delete next[p];
        else next[p] = t;
      }
      filesRef.current = next;
      setFilesState(next);
      if (!fromEditor) bumpSync();
      Object.assign(pendingChanges.current, changes);
      setPendingPreview(true);
      window.clearTimeout(previewTimer.current);
      previewTimer.current = window.setTimeout(() => void flushChanges(), immediate ? 0 : 200);
      schedulePersist();
    },
    [flushChanges, schedulePersist, bumpSync],
  );

  const onEdit = useCallback((path: string, text: string) => applyChanges({ [path]: text }, false, true), [applyChanges]);

  const openFile = useCallback((path: string, line?: number) => {
    setOpenPath(path);
    if (line) setReveal({ path, line, nonce: Date.now() });
  }, []);

  // ---- commands ----------------------------------------------------------------------------

  const afterRun = useCallback(
    async (outcome: { files: FileMap; dbChanged: boolean }) => {
      const before = filesRef.current;
      const added = Object.keys(outcome.files).filter((p) => !(p in before));
      if (!sameFiles(before, outcome.files)) {
        filesRef.current = outcome.files;
        setFilesState(outcome.files);
        bumpSync();
      }
      if (added.length) setFresh((f) => new Set([...f, ...added]));
      const snap = await client.request({ type: 'preview' }).catch(() => null);
      if (snap) setSnapshot(snap);
      await refreshDerived(outcome.dbChanged);
      refreshModels();
      await persist(true);
    },
    [client, refreshDerived, refreshModels, persist, bumpSync],
  );

  const terminalHost: TerminalHost = useMemo(
    () => ({
      runManage(argv, io) {
        recentOutput.current = '';
        flushNow();
        const handlers = {
          output(stream: 'stdout' | 'stderr', text: string) {
            recentOutput.current += text;
            io.output(stream, text);
          },
          sql: (sql: string) => io.sql(sql),
          async ask(prompt: string) {
            const answer = await io.ask(prompt);
            recentOutput.current = '';
            return answer;
          },
        };
        const run = client.run(argv, true, handlers, showSqlRef.current);
        return {
          runId: run.runId,
          done: run.done.then(async (outcome) => {
            await afterRun(outcome);
            return outcome.exitCode;
          }),
        };
      },
      interrupt: (runId) => client.interrupt(runId),
      readFile: (p) => filesRef.current[p],
      listFiles: () => Object.keys(filesRef.current).sort(),
      completion: () => ({
        apps: [...new Set(Object.keys(filesRef.current).filter((p) => /^\w+\/models\.py$/.test(p)).map((p) => p.split('/')[0]))].sort(),
        migrations: Object.keys(filesRef.current)
          .map((p) => /^(\w+)\/migrations\/(\d{4}\w*)\.py$/.exec(p))
          .filter((m): m is RegExpExecArray => !!m)
          .map((m) => ({ app: m[1], name: m[2] })),
        files: Object.keys(filesRef.current).sort(),
      }),
      saveHistory(h) {
        historyRef.current = h;
        void saveTerminalHistory(h);
      },
    }),
    [client, afterRun, schedulePersist, flushNow],
  );

  /** Answers a command's question in a dialog (when it was started from a button). */
  const askInDialog = useCallback(
    async (prompt: string): Promise<string | null> => {
      const context = recentOutput.current.replace(/\x1b\[[0-9;]*m/g, '').trimEnd();
      const plainPrompt = prompt.replace(/\x1b\[[0-9;]*m/g, '');
      const full = context.endsWith(plainPrompt.trimEnd()) ? context : `${context}\n${plainPrompt}`.trim();
      const yesNo = /\[y\/N\]\s*$/i.test(plainPrompt);
      const options = [...full.matchAll(/^\s*(\d+)\) (.+)$/gm)].map((m) => ({ label: `${m[1]}) ${m[2]}`, value: m[1] }));
      const isMenu = /Select an option:\s*$/.test(plainPrompt) && options.length > 0;
      const answer = await ask({
        title: 'makemigrations asks',
        body: <pre className="mono" style={{ margin: '0 0 8px' }}>{full}</pre>,
        buttons: yesNo
          ? [
              { label: 'No', value: 'n' },
              { label: 'Yes', value: 'y', kind: 'primary' },
            ]
          : isMenu
            ? options.map((o, i) => ({ ...o, kind: i === 0 ? ('primary' as const) : undefined }))
            : [
                { label: 'Cancel', value: '__cancel' },
                { label: 'Answer', value: '__input', kind: 'primary' },
              ],
        input: yesNo || isMenu ? undefined : { label: 'Your answer' },
        stacked: isMenu,
      });
      if (answer === null || answer === '__cancel') return null;
      return answer;
    },
    [ask],
  );

  const runCaptured = useCallback(
    async (argv: string[]): Promise<CapturedRun> => {
      let stdout = '';
      let stderr = '';
      flushNow();
      const run = client.run(argv, false, {
        output: (s, t) => (s === 'stdout' ? (stdout += t) : (stderr += t)),
        ask: async () => null,
      });
      const outcome = await run.done;
      if (outcome.dbChanged || !sameFiles(filesRef.current, outcome.files)) await afterRun(outcome);
      return { exitCode: outcome.exitCode, stdout, stderr };
    },
    [client, afterRun, flushNow],
  );

  const runInTerminal = useCallback(
    (line: string) => terminalRef.current?.runLine(line, askInDialog) ?? Promise.resolve(1),
    [askInDialog],
  );

  const migrateTo = useCallback(
    async (app: string, target: string) => {
      const plan = await runCaptured(['migrate', app, target, '--plan']);
      const loss = dataLossFromPlan(plan.stdout, app, tablesRef.current, models);
      const steps = plan.stdout.split('\n').filter((l) => /^\S/.test(l) && !/^Planned operations/.test(l));
      if (plan.exitCode !== 0) {
        showToast((plan.stderr || plan.stdout).trim().split('\n').pop() ?? 'migrate failed');
        return;
      }
      if (!steps.length || /No planned migration operations/.test(plan.stdout)) {
        showToast(`${app} is already at ${target}`);
        return;
      }
      const backwards = /\bUndo\b/.test(plan.stdout);
      const answer = await ask({
        title: `Migrate ${app} to ${target}?`,
        body: (
          <div>
            <p>
              {backwards ? 'Unapplies' : 'Applies'} {steps.length} migration{steps.length > 1 ? 's' : ''}: <span className="mono">{steps.join(', ')}</span>
            </p>
            {loss.length > 0 ? (
              <div className="notice error">
                <div>
                  <strong>Data that would be lost:</strong>
                  <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
                    {loss.map((l, i) => (
                      <li key={i}>{describeLoss(l)}</li>
                    ))}
                  </ul>
                </div>
              </div>
            ) : backwards ? (
              <p className="muted">No rows would be lost.</p>
            ) : null}
            <pre className="code" style={{ maxHeight: 180 }} tabIndex={0}>{plan.stdout.trim()}</pre>
          </div>
        ),
        buttons: [
          { label: 'Cancel', value: 'cancel' },
          { label: backwards ? 'Migrate backwards' : 'Migrate', value: 'go', kind: loss.length ? 'danger' : 'primary' },
        ],
      });
      if (answer !== 'go') return;
      await runInTerminal(`python manage.py migrate ${app} ${target}`);
      setTab('database');
    },
    [runCaptured, models, ask, runInTerminal, showToast],
  );

  const sqlmigrate = useCallback(
    async (app: string, name: string, backwards: boolean) => {
      const r = await runCaptured(['sqlmigrate', app, name, ...(backwards ? ['--backwards'] : [])]);
      return (r.stdout + r.stderr).trimEnd();
    },
    [runCaptured],
  );
  const loadRows = useCallback((table: string, offset: number, limit: number) => client.request({ type: 'rows', table, offset, limit }), [client]);
  const query = useCallback((sql: string) => client.request({ type: 'query', sql }), [client]);
  const execSql = useCallback(
    async (sql: string) => {
      try {
        return await client.request({ type: 'exec', sql });
      } finally {
        await refreshDerived(true);
        void persist(true);
      }
    },
    [client, refreshDerived, persist],
  );
  /** The files the current workspace (lesson) starts from: what "Reset lesson" goes back to. */
  const starterRef = useRef<FileMap>(STARTER_FILES);

  // ---- project actions -----------------------------------------------------------------------

  const resetWorkspace = useCallback(
    (starter?: FileMap) => inOrder(async () => {
      if (starter) starterRef.current = starter;
      const answer = await ask({
        title: 'Reset this lesson?',
        body: <p>Your files and the database go back to the lesson&apos;s start. This cannot be undone.</p>,
        buttons: [
          { label: 'Cancel', value: 'cancel' },
          { label: 'Reset', value: 'reset', kind: 'danger' },
        ],
      });
      if (answer !== 'reset') return false;
      await clearWork(workspaceKeyRef.current);
      await boot(workspaceKeyRef.current, starterRef.current, null, historyRef.current);
      await persist(true);
      showToast('Lesson reset');
      return true;
    }),
    [ask, boot, persist, showToast, inOrder],
  );

  const switchWorkspace = useCallback(
    (key: string, starter: FileMap) => inOrder(async () => {
      starterRef.current = starter;
      if (key === workspaceKeyRef.current) return;
      await persist(true);
      const saved = await loadWork(key);
      await boot(key, saved?.files ?? starter, saved?.db ?? null, historyRef.current);
      if (!saved) await persist(true);
    }),
    [boot, persist, inOrder],
  );

  const share = useCallback(async () => {
    const key = workspaceKeyRef.current;
    const lesson = key.startsWith('lesson:') ? `?lesson=${encodeURIComponent(key.slice('lesson:'.length))}` : '';
    const url = `${location.origin}${location.pathname}${lesson}${encodeShareHash(filesRef.current, key)}`;
    let copied = false;
    try {
      await navigator.clipboard.writeText(url);
      copied = true;
    } catch {
      /* shown in the dialog instead */
    }
    await ask({
      title: 'Share link',
      body: (
        <div>
          <p>{copied ? 'Copied to the clipboard. ' : ''}The link holds your files (not the database); whoever opens it is asked before it replaces their work.</p>
          <input readOnly value={url} aria-label="Share link" data-testid="share-url" onFocus={(e) => e.currentTarget.select()} />
        </div>
      ),
      buttons: [{ label: 'Done', value: 'ok', kind: 'primary' }],
    });
  }, [ask]);

  const exportZip = useCallback(async () => {
    const db = await client.request({ type: 'exportDb' }).catch(() => null);
    const bytes = zipProject(filesRef.current, db);
    const blob = new Blob([bytes as BlobPart], { type: 'application/zip' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'playground_project.zip';
    document.body.appendChild(a);
    a.click();
    a.remove();
    window.setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  }, [client]);

  const importZip = useCallback(
    async (file: File) => {
      let imported;
      try {
        imported = unzipProject(new Uint8Array(await file.arrayBuffer()));
      } catch (e) {
        showToast(e instanceof Error ? e.message : 'Could not read the zip');
        return;
      }
      const answer = await ask({
        title: 'Import this project?',
        body: (
          <p>
            {file.name}: {Object.keys(imported.files).length} files{imported.db ? ' and a database' : ''}. Importing replaces your current files and database.
          </p>
        ),
        buttons: [
          { label: 'Cancel', value: 'cancel' },
          { label: 'Replace my work', value: 'go', kind: 'danger' },
        ],
      });
      if (answer !== 'go') return;
      await inOrder(async () => {
        await boot(workspaceKeyRef.current, imported.files, imported.db, historyRef.current);
        await persist(true);
      });
      showToast('Project imported');
    },
    [ask, boot, persist, showToast, inOrder],
  );

  const addFile = useCallback(
    (path: string) => {
      applyChanges({ [path]: path.endsWith('.py') ? '' : '' }, true);
      setOpenPath(path);
    },
    [applyChanges],
  );
  const deleteFile = useCallback(
    async (path: string) => {
      const answer = await ask({
        title: `Delete ${path}?`,
        body: <p>The file is removed from the project{/\/migrations\/\d{4}/.test(path) ? '; a migration that is applied stays recorded in django_migrations' : ''}.</p>,
        buttons: [
          { label: 'Cancel', value: 'cancel' },
          { label: 'Delete', value: 'delete', kind: 'danger' },
        ],
      });
      if (answer !== 'delete') return;
      applyChanges({ [path]: null }, true);
      setOpenPath((p) => (p === path ? (Object.keys(filesRef.current).find((x) => x.endsWith('models.py')) ?? null) : p));
    },
    [ask, applyChanges],
  );

  const makemigrationsFromButton = useCallback(() => void runInTerminal('python manage.py makemigrations'), [runInTerminal]);

  // Keyboard: Ctrl/Cmd+S shares, Ctrl/Cmd+Enter runs makemigrations.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey)) return;
      if (e.key === 's') {
        e.preventDefault();
        void share();
      } else if (e.key === 'Enter' && !(e.target instanceof HTMLTextAreaElement && !e.target.closest('.editor-host'))) {
        e.preventDefault();
        makemigrationsFromButton();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [share, makemigrationsFromButton]);

  // ---- the API for lesson and diagram panes ------------------------------------------------

  const api: PlaygroundApi = useMemo(
    () => ({
      files: files ?? {},
      models,
      tables,
      graph,
      preview: snapshot?.preview ?? null,
      workspaceKey,
      openFile,
      setFiles: (changes) => applyChanges(changes),
      runInTerminal,
      runCaptured,
      query: execSql,
      migrateTo,
      switchWorkspace,
      resetWorkspace,
    }),
    [files, models, tables, graph, snapshot, workspaceKey, openFile, applyChanges, runInTerminal, runCaptured, execSql, migrateTo, switchWorkspace, resetWorkspace],
  );

  // Test and benchmark hooks (read-only views of the state).
  useEffect(() => {
    (window as unknown as Record<string, unknown>).__playground = {
      terminalText: () => terminalRef.current?.text() ?? '',
      files: () => filesRef.current,
      setFiles: (changes: Record<string, string | null>) => applyChanges(changes),
      workspaceKey: () => workspaceKeyRef.current,
      engine: engineKind,
    };
  }, [engineKind, applyChanges]);

  const diagnostics: Diagnostic[] = snapshot?.diagnostics ?? [];
  const preview: MigrationPreview | null = snapshot?.preview ?? null;
  const errorCount = diagnostics.filter((d) => d.severity === 'error').length;
  const changeCount = preview?.status === 'changes' ? preview.migrations.length : 0;
  const unapplied = graph.filter((m) => !m.applied).length;

  const tabBadge = (id: Tab) => {
    if (id === 'migration' && errorCount) return <span className="badge error" aria-label={`${errorCount} errors`}>{errorCount}</span>;
    if (id === 'migration' && changeCount) return <span className="badge changes" aria-label="pending changes">{changeCount}</span>;
    if (id === 'database' && tables.length) return <span className="badge">{tables.length}</span>;
    if (id === 'history' && unapplied) return <span className="badge changes" aria-label={`${unapplied} unapplied`}>{unapplied}</span>;
    return null;
  };

  return (
    <div className="app">
      <header className="topbar">
        <h1 className="brand">
          <span className="brand-mark" aria-hidden="true">dj</span>
          <span>Migration Playground</span>
        </h1>
        <span className="pill">Django 5.2 · SQLite</span>
        {engineKind === 'fake' && (
          <span className="pill warn" title="The full migration engine is not loaded; a simplified stand-in answers.">preview engine</span>
        )}
        <span className="spacer" />
        <button type="button" className="btn" onClick={() => void share()} title="Share link (Ctrl+S)">Share</button>
        <button type="button" className="btn" onClick={() => void exportZip()} title="Download a zip of a real Django project">Export zip</button>
        <button type="button" className="btn" onClick={() => fileInput.current?.click()}>Import zip</button>
        <input
          ref={fileInput}
          type="file"
          accept=".zip,application/zip"
          hidden
          aria-label="Import a zip"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void importZip(f);
          }}
        />
        {!LessonPanel && (
          <button type="button" className="btn danger" onClick={() => void resetWorkspace()}>
            Reset lesson
          </button>
        )}
      </header>
      <main className="main">
        <Group orientation="horizontal" id="workspace" defaultLayout={workspaceLayout.defaultLayout} onLayoutChanged={workspaceLayout.onLayoutChanged}>
          <Panel id="lesson" defaultSize="19%" minSize="12%" collapsible>
            <section className="pane" aria-label="Lesson">
              <div className="pane-head">Lesson</div>
              <div className="pane-body" tabIndex={0}>
                {LessonPanel ? (
                  <ErrorBoundaryFallback>
                    <LessonPanel api={api} />
                  </ErrorBoundaryFallback>
                ) : (
                  <LessonPlaceholder />
                )}
              </div>
            </section>
          </Panel>
          <Separator className="resize-handle" aria-label="Resize lesson and editor" />
          <Panel id="center" defaultSize="48%" minSize="25%">
            <Group orientation="vertical" id="center-split" defaultLayout={centerLayout.defaultLayout} onLayoutChanged={centerLayout.onLayoutChanged}>
              <Panel id="editor" defaultSize="62%" minSize="20%">
                <Group orientation="horizontal" id="editor-split" className="editor-area" defaultLayout={editorLayout.defaultLayout} onLayoutChanged={editorLayout.onLayoutChanged}>
                  <Panel id="explorer" defaultSize={165} minSize={110} maxSize="60%" collapsible>
                    <FileTree
                      paths={Object.keys(files ?? {})}
                      openPath={openPath}
                      fresh={fresh}
                      diagnostics={diagnostics}
                      onOpen={(p) => openFile(p)}
                      onAdd={addFile}
                      onDelete={(p) => void deleteFile(p)}
                    />
                  </Panel>
                  <Separator className="resize-handle" aria-label="Resize file tree and editor" />
                  <Panel id="code" minSize="30%">
                    <section className="editor-col" aria-label="Editor">
                      <div className="editor-tabs">
                        {openPath && (
                          <div className="editor-tab">
                            <span>{openPath.split('/').pop()}</span>
                            <span className="path">{openPath.split('/').slice(0, -1).join('/')}</span>
                          </div>
                        )}
                      </div>
                      {files && (
                        <Suspense fallback={<div className="editor-loading">Loading the editor…</div>}>
                          <CodeEditor
                            files={files}
                            path={openPath}
                            diagnostics={diagnostics}
                            onChange={onEdit}
                            reveal={reveal}
                            syncVersion={syncVersion}
                            onReady={() => {
                              setEditorReady(true);
                              editorUp.current?.resolve();
                              performance.mark('editor-ready');
                              document.documentElement.dataset.editorReady = 'true';
                            }}
                          />
                        </Suspense>
                      )}
                    </section>
                  </Panel>
                </Group>
              </Panel>
              <Separator className="resize-handle" aria-label="Resize editor and terminal" />
              <Panel id="terminal" defaultSize="38%" minSize="12%">
                <section className="pane" aria-label="Terminal pane">
                  <div className="pane-head">
                    Terminal
                    <span className="spacer" />
                    <label className="toggle" title="Print each SQL statement the ORM runs, as it runs">
                      <input type="checkbox" checked={showSql} onChange={(e) => toggleShowSql(e.currentTarget.checked)} data-testid="show-sql" />
                      Show SQL
                    </label>
                    <button type="button" className="btn small" onClick={makemigrationsFromButton} title="Ctrl+Enter">makemigrations</button>
                    <button type="button" className="btn small" onClick={() => void runInTerminal('python manage.py migrate')}>migrate</button>
                    <button type="button" className="btn small" onClick={() => void runInTerminal('python manage.py showmigrations')}>showmigrations</button>
                  </div>
                  <div className="pane-body" style={{ overflow: 'hidden' }}>
                    {history && (
                      <Suspense fallback={<div className="editor-loading">Loading the terminal…</div>}>
                        <Terminal ref={terminalRef} host={terminalHost} history={history} />
                      </Suspense>
                    )}
                  </div>
                </section>
              </Panel>
            </Group>
          </Panel>
          <Separator className="resize-handle" aria-label="Resize editor and results" />
          <Panel id="results" defaultSize="33%" minSize="20%">
            <section className="pane" aria-label="Results">
              <div className="tablist" role="tablist" aria-label="Results">
                {TABS.map((t) => (
                  <button
                    key={t.id}
                    type="button"
                    role="tab"
                    id={`tab-${t.id}`}
                    className="tab"
                    aria-selected={tab === t.id}
                    aria-controls={`panel-${t.id}`}
                    tabIndex={tab === t.id ? 0 : -1}
                    onClick={() => setTab(t.id)}
                    onKeyDown={(e) => {
                      const i = TABS.findIndex((x) => x.id === tab);
                      const next = e.key === 'ArrowRight' ? TABS[(i + 1) % TABS.length] : e.key === 'ArrowLeft' ? TABS[(i + TABS.length - 1) % TABS.length] : null;
                      if (next) {
                        e.preventDefault();
                        setTab(next.id);
                        document.getElementById(`tab-${next.id}`)?.focus();
                      }
                    }}
                  >
                    {t.label}
                    {tabBadge(t.id)}
                  </button>
                ))}
              </div>
              <div className="tabpanel" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} tabIndex={0}>
                {tab === 'migration' && <MigrationPane preview={preview} pending={pendingPreview} onMakemigrations={makemigrationsFromButton} onOpen={openFile} />}
                {tab === 'sql' && <SqlPane preview={preview} graph={graph} sqlmigrate={sqlmigrate} />}
                {tab === 'database' && <DatabasePane tables={tables} changes={dbChanges} loadRows={loadRows} query={query} />}
                {tab === 'diagram' &&
                  (DiagramPanel ? (
                    <ErrorBoundaryFallback>
                      <DiagramPanel api={api} loadMigrationSnapshots={loadMigrationSnapshots} />
                    </ErrorBoundaryFallback>
                  ) : (
                    <div className="empty">The diagrams arrive soon: an ER diagram of the models and the migration graph.</div>
                  ))}
                {tab === 'history' && <HistoryPane graph={graph} onMigrateTo={(a, t) => void migrateTo(a, t)} onMigrateAll={() => void runInTerminal('python manage.py migrate')} />}
              </div>
            </section>
          </Panel>
        </Group>
      </main>
      <footer className="statusbar">
        <span>{engineKind ? (engineKind === 'real' ? 'Engine ready' : 'Preview engine ready') : 'Starting the engine…'}</span>
        <span>{errorCount ? `${errorCount} error${errorCount > 1 ? 's' : ''}` : 'No problems'}</span>
        <span>{graph.length} migration{graph.length === 1 ? '' : 's'} · {unapplied} unapplied</span>
        <span className="grow" />
        <span data-testid="save-state">{saved === 'saved' ? 'Saved in this browser' : saved === 'saving' ? 'Saving…' : saved === 'error' ? 'Could not save' : 'Unsaved changes'}</span>
        <span>{editorReady ? '' : 'Loading editor…'}</span>
      </footer>
      {dialog}
      {toast && (
        <div className="toast" role="status">
          {toast}
        </div>
      )}
    </div>
  );
}

function LessonPlaceholder() {
  return (
    <div className="lesson-placeholder">
      <h2>Migrations: makemigrations &amp; migrate</h2>
      <p>Change a model, and Django writes a migration that changes the database to match.</p>
      <ol>
        <li>
          Add <code>views_count = models.IntegerField(default=0)</code> to <code>Post</code> in <code>blog/models.py</code> and watch the Migration tab.
        </li>
        <li>
          Run <code>python manage.py makemigrations</code> in the terminal.
        </li>
        <li>
          Look at the SQL: <code>python manage.py sqlmigrate blog 0002</code>.
        </li>
        <li>
          Apply it: <code>python manage.py migrate</code>, then <code>showmigrations blog</code>.
        </li>
        <li>
          Go back in time from the History tab, or with <code>migrate blog zero</code>.
        </li>
      </ol>
    </div>
  );
}
