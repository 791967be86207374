// The workspace's Diagram tab: the ER diagram (models as written, or the database as
// migrated), the migration graph, and the before/after of a change.

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { MigrationNode, ModelInfo, TableInfo } from '../../engine/project';
import {
  beforeAfterText,
  describeDiff,
  diffSnapshots,
  erDiagramText,
  graphApps,
  migrationGraphText,
  migrationKey,
  schemaApps,
  schemaFromModels,
  schemaFromTables,
  tableApps,
  type ColumnDetail,
  type DiagramText,
  type MigrationRef,
  type Snapshot,
} from '../../diagrams';
import type { DiagramTheme } from '../../diagrams/palette';
import type { PlaygroundApi } from '../panelApi';
import { AppFilter } from './AppFilter';
import { DiagramView } from './DiagramView';
import { useDiagramTheme } from './useDiagramTheme';
import './diagrams.css';

export type DiagramKind = 'er' | 'graph' | 'changes';

export interface DiagramPanelProps {
  /** The workspace's API; its models, tables, graph, files, openFile and migrateTo are used. */
  api?: Partial<Pick<PlaygroundApi, 'models' | 'tables' | 'graph' | 'files' | 'openFile' | 'migrateTo' | 'preview'>>;
  /** Override or replace `api.models` / `api.tables` / `api.graph`. */
  models?: readonly ModelInfo[];
  tables?: readonly TableInfo[];
  graph?: readonly MigrationNode[];
  /** 'light' or 'dark'; follows the system when left out. */
  theme?: DiagramTheme;
  /** Opens a migration's file; defaults to `api.openFile('<app>/migrations/<name>.py')`. */
  onOpenMigration?: (m: MigrationRef) => void;
  /** Clicking a model in the ER diagram; defaults to `api.openFile('<app>/models.py')`. */
  onOpenModel?: (m: { app: string; name: string }) => void;
  /** Migrates the migration's app to it; defaults to `api.migrateTo(app, name)`. */
  onMigrateTo?: (m: MigrationRef) => void;
  /** The database (or models) just before and just after a migration, for its before/after view. */
  loadMigrationSnapshots?: (m: MigrationRef) => Promise<{ before: Snapshot; after: Snapshot } | null>;
  initialView?: DiagramKind;
}

/** Above this many entities the ER diagram shows only key columns unless asked otherwise. */
const AUTO_KEYS_ABOVE = 30;
/** Above this many entities or nodes we ask for a filter instead of drawing. */
const MAX_DRAWN = 400;

type ChangeSource = { kind: 'pending' } | { kind: 'last' } | { kind: 'migration'; ref: MigrationRef };

const EMPTY: never[] = [];

/** What the panel remembers between mounts in this page. */
const remembered: {
  kind: DiagramKind;
  source: 'models' | 'tables';
  tables: { sig: string; tables: readonly TableInfo[] } | null;
  lastChange: { before: readonly TableInfo[]; after: readonly TableInfo[] } | null;
} = { kind: 'er', source: 'models', tables: null, lastChange: null };

/** Django's own apps: hidden unless asked for (related ones still appear as small stubs). */
const BUILT_IN_APPS = new Set(['admin', 'auth', 'contenttypes', 'sessions', 'messages', 'staticfiles', 'sites', 'flatpages', 'redirects']);
const builtInOf = (apps: readonly string[]) => apps.filter((a) => BUILT_IN_APPS.has(a));

/** The apps to draw: the chosen ones, else all (less Django's own unless shown, if any remain). */
function chosenApps(selected: readonly string[], apps: readonly string[], showBuiltIn: boolean): string[] {
  const chosen = selected.filter((a) => apps.includes(a));
  if (chosen.length || showBuiltIn) return chosen;
  const own = apps.filter((a) => !BUILT_IN_APPS.has(a));
  return own.length && own.length < apps.length ? own : [];
}

function signature(tables: readonly TableInfo[]): string {
  return JSON.stringify(tables.map((t) => [t.name, t.columns, t.indexes]));
}

export function DiagramPanel(props: DiagramPanelProps) {
  const { api } = props;
  const liveModels = props.models ?? api?.models ?? EMPTY;
  // While models.py does not parse (a half-typed line), keep drawing the last good models.
  const lastGoodModels = useRef<readonly ModelInfo[]>(EMPTY);
  const broken = api?.preview?.status === 'error' && liveModels.length === 0;
  if (!broken) lastGoodModels.current = liveModels;
  const models = broken ? lastGoodModels.current : liveModels;
  const stale = broken && models.length > 0;
  const tables = props.tables ?? api?.tables ?? EMPTY;
  const graph = props.graph ?? api?.graph ?? EMPTY;
  const theme = useDiagramTheme(props.theme);
  const [kind, setKindState] = useState<DiagramKind>(props.initialView ?? remembered.kind);
  const [source, setSourceState] = useState<'models' | 'tables'>(remembered.source);
  const setKind = (k: DiagramKind) => setKindState((remembered.kind = k));
  const setSource = (v: 'models' | 'tables') => setSourceState((remembered.source = v));
  const [erApps, setErApps] = useState<string[]>([]);
  const [graphAppFilter, setGraphAppFilter] = useState<string[]>([]);
  const [showBuiltIn, setShowBuiltIn] = useState(false);
  /** ER diagram: one entity and its neighbours only (its key), for big projects. */
  const [focus, setFocus] = useState<string | null>(null);
  useEffect(() => setFocus(null), [source]);
  const [detail, setDetail] = useState<ColumnDetail | 'auto'>('auto');
  const [changeSource, setChangeSource] = useState<ChangeSource>({ kind: 'pending' });
  const [popover, setPopover] = useState<{ key: string; x: number; y: number } | null>(null);

  // The database as it was before its last change, for "Last change".
  // Kept across mounts (the workspace unmounts hidden tabs): a migrate run while another tab
  // was open still shows here as the last change.
  const [lastChange, setLastChange] = useState(remembered.lastChange);
  useEffect(() => {
    const sig = signature(tables);
    const prev = remembered.tables;
    // The workspace's first answer replacing its empty placeholder is loading, not a change.
    const loading = prev !== null && prev.tables.length === 0 && performance.now() < 5000;
    if (prev && prev.sig !== sig && !loading) setLastChange((remembered.lastChange = { before: prev.tables, after: tables }));
    remembered.tables = { sig, tables };
  }, [tables]);

  const [migrationSnap, setMigrationSnap] = useState<{ key: string; before: Snapshot; after: Snapshot } | { key: string; error: string } | null>(null);
  useEffect(() => {
    if (changeSource.kind !== 'migration' || !props.loadMigrationSnapshots) return;
    const key = migrationKey(changeSource.ref);
    let cancelled = false;
    setMigrationSnap(null);
    props.loadMigrationSnapshots(changeSource.ref).then(
      (r) => !cancelled && setMigrationSnap(r ? { key, ...r } : { key, error: 'The states around this migration are not available.' }),
      (err: unknown) => !cancelled && setMigrationSnap({ key, error: `The states around this migration could not be computed: ${String(err)}` }),
    );
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [changeSource]);

  // ---- ER diagram
  const erSchema = useMemo(() => {
    if (source === 'models') return schemaFromModels(models);
    const apps = tableApps(models);
    return schemaFromTables(tables, (t) => apps.get(t) ?? (t.startsWith('django_') ? 'django' : undefined));
  }, [source, models, tables]);
  const erAppList = useMemo(() => schemaApps(erSchema), [erSchema]);
  const erShownCount = useMemo(() => {
    const f = chosenApps(erApps, erAppList, showBuiltIn);
    return f.length ? erSchema.entities.filter((e) => f.includes(e.app ?? '')).length : erSchema.entities.length;
  }, [erSchema, erApps, erAppList, showBuiltIn]);
  const effectiveDetail: ColumnDetail = detail === 'auto' ? (erShownCount > AUTO_KEYS_ABOVE ? 'keys' : 'all') : detail;

  // ---- migration graph
  const graphAppList = useMemo(() => graphApps(graph), [graph]);
  const graphByKey = useMemo(() => new Map(graph.map((n) => [migrationKey(n), n])), [graph]);

  // ---- changes
  const changes = useMemo(() => {
    if (changeSource.kind === 'pending') return { diffs: diffSnapshots(tables, models), title: 'Database now → models.py (what migrating next would change)' };
    if (changeSource.kind === 'last') {
      if (!lastChange) return { diffs: null, title: 'Last change to the database', empty: 'The database has not changed since this tab opened. Run migrate and come back.' };
      return { diffs: diffSnapshots(lastChange.before, lastChange.after), title: 'Last change to the database' };
    }
    const key = migrationKey(changeSource.ref);
    const title = `Migration ${key}: before → after`;
    if (!migrationSnap || migrationSnap.key !== key) return { diffs: null, title, empty: 'Computing the states around this migration…' };
    if ('error' in migrationSnap) return { diffs: null, title, empty: migrationSnap.error };
    return { diffs: diffSnapshots(migrationSnap.before, migrationSnap.after), title };
  }, [changeSource, tables, models, lastChange, migrationSnap]);

  const diagram: (DiagramText & { label: string; exportName: string; fitKey: string }) | { message: string } = useMemo(() => {
    if (kind === 'er') {
      if (erSchema.entities.length === 0) {
        if (source === 'models' && api?.preview?.status === 'error') {
          return { message: 'models.py cannot be read right now (the Migration tab says why). The diagram comes back as soon as it can.' };
        }
        return { message: source === 'models' ? 'No models yet. Write a model in models.py and it appears here.' : 'The database has no tables yet. Run python manage.py migrate.' };
      }
      if (erShownCount > MAX_DRAWN) return { message: `${erShownCount} tables are too many to draw at once. Choose a few apps above.` };
      const d = erDiagramText(erSchema, { apps: chosenApps(erApps, erAppList, showBuiltIn), columns: effectiveDetail, theme, rows: source === 'tables', focus: focus ?? undefined });
      return {
        ...d,
        label: source === 'models' ? 'ER diagram of the models as written' : 'ER diagram of the database as migrated',
        exportName: source === 'models' ? 'er-models' : 'er-database',
        fitKey: `er-${source}-${focus ?? ''}`,
      };
    }
    if (kind === 'graph') {
      const d = migrationGraphText(graph, { apps: chosenApps(graphAppFilter, graphAppList, showBuiltIn), theme });
      if (d.size > MAX_DRAWN) return { message: `${d.size} migrations are too many to draw at once. Choose a few apps above.` };
      return { ...d, label: 'Migration graph', exportName: 'migrations', fitKey: 'graph' };
    }
    if (!changes.diffs) return { message: changes.empty ?? '' };
    if (changes.diffs.length === 0) return { message: 'No tables change: before and after are the same.' };
    const d = beforeAfterText(changes.diffs, { theme, columns: 'all' });
    return { ...d, label: changes.title, exportName: 'changes', fitKey: `changes-${JSON.stringify(changeSource)}` };
  }, [kind, erSchema, erShownCount, source, erApps, erAppList, effectiveDetail, theme, graph, graphAppFilter, graphAppList, changes, changeSource, showBuiltIn, focus]);

  // ---- actions on a migration
  const migrationFile = useCallback(
    (m: MigrationRef) => Object.keys(api?.files ?? {}).find((p) => p.endsWith(`/migrations/${m.name}.py`) && p.split('/').slice(-3, -2)[0] === m.app),
    [api?.files],
  );
  const openMigration = props.onOpenMigration ?? (api?.openFile ? (m: MigrationRef) => { const f = migrationFile(m); if (f) api.openFile!(f); } : undefined);
  const migrateTo = props.onMigrateTo ?? (api?.migrateTo ? (m: MigrationRef) => void api.migrateTo!(m.app, m.name) : undefined);
  const canOpen = (m: MigrationRef) => Boolean(props.onOpenMigration || migrationFile(m));

  const onNodeActivate = useCallback((key: string, at: { x: number; y: number }) => setPopover({ key, x: at.x, y: at.y }), []);
  const nodeLabel = useCallback(
    (key: string) => {
      const n = graphByKey.get(key);
      return n ? `${n.app}.${n.name}, ${n.applied ? 'applied' : 'not applied'}: show actions` : key;
    },
    [graphByKey],
  );
  const modelFile = (app: string) => (api?.files && `${app}/models.py` in api.files ? `${app}/models.py` : undefined);
  const openModel =
    props.onOpenModel ??
    ((m: { app: string; name: string }) => {
      const f = modelFile(m.app);
      if (f) api?.openFile?.(f);
    });
  const modelKeyToRef = (key: string) => ({ app: key.slice(0, key.indexOf('.')), name: key.slice(key.indexOf('.') + 1) });
  const [entityPop, setEntityPop] = useState<{ key: string; x: number; y: number } | null>(null);
  const onEntityActivate = useCallback((key: string, at: { x: number; y: number }) => setEntityPop({ key, x: at.x, y: at.y }), []);
  const entityLabel = useCallback((key: string) => `${key}: show actions`, []);
  useEffect(() => setEntityPop(null), [kind, source, focus]);
  useEffect(() => setPopover(null), [kind, graph]);

  const toolbar = (
    <>
      {kind === 'er' && (
        <>
          <div className="dg-segmented" role="radiogroup" aria-label="What the ER diagram shows">
            <button type="button" role="radio" aria-checked={source === 'models'} className={source === 'models' ? 'on' : ''} onClick={() => setSource('models')} title="The models as written in models.py">
              models.py
            </button>
            <button type="button" role="radio" aria-checked={source === 'tables'} className={source === 'tables' ? 'on' : ''} onClick={() => setSource('tables')} title="The tables in the database, as migrated">
              Database
            </button>
          </div>
          {focus ? (
            <button type="button" className="dg-btn dg-chip" onClick={() => setFocus(null)} title="Show every model again">
              Only {focus} and its relations ✕
            </button>
          ) : (
            <AppFilter apps={erAppList} selected={erApps} onChange={setErApps} builtIn={builtInOf(erAppList)} showBuiltIn={showBuiltIn} onShowBuiltIn={setShowBuiltIn} />
          )}
          {erSchema.entities.length > 8 && (
            <FindEntity keys={erSchema.entities.map((e) => e.key)} placeholder={source === 'models' ? 'Find a model…' : 'Find a table…'} onFind={setFocus} />
          )}
          <label className="dg-select">
            <span className="sr-only">Columns</span>
            <select value={detail} onChange={(e) => setDetail(e.target.value as ColumnDetail | 'auto')} aria-label="Columns shown">
              <option value="auto">Columns: auto ({effectiveDetail === 'all' ? 'all' : 'keys'})</option>
              <option value="all">All columns</option>
              <option value="keys">Key columns only</option>
              <option value="none">Names only</option>
            </select>
          </label>
        </>
      )}
      {kind === 'graph' && (
        <AppFilter apps={graphAppList} selected={graphAppFilter} onChange={setGraphAppFilter} builtIn={builtInOf(graphAppList)} showBuiltIn={showBuiltIn} onShowBuiltIn={setShowBuiltIn} />
      )}
      {kind === 'changes' && (
        <label className="dg-select">
          <span className="sr-only">Which change</span>
          <select
            aria-label="Which change"
            value={changeSource.kind === 'migration' ? `m:${migrationKey(changeSource.ref)}` : changeSource.kind}
            onChange={(e) => {
              const v = e.target.value;
              if (v === 'pending' || v === 'last') setChangeSource({ kind: v });
              else {
                const n = graphByKey.get(v.slice(2));
                if (n) setChangeSource({ kind: 'migration', ref: { app: n.app, name: n.name } });
              }
            }}
          >
            <option value="pending">Database → models.py (next migration)</option>
            <option value="last">Last change to the database</option>
            {props.loadMigrationSnapshots && graph.map((n) => <option key={migrationKey(n)} value={`m:${migrationKey(n)}`}>Migration {n.app}.{n.name}</option>)}
          </select>
        </label>
      )}
    </>
  );

  const popNode = popover ? graphByKey.get(popover.key) : undefined;
  const diffLines = kind === 'changes' && changes.diffs ? describeDiff(changes.diffs) : [];

  return (
    <div className="dg-panel" data-theme={theme} data-testid="diagram-panel">
      <div className="dg-tabs" role="tablist" aria-label="Diagram">
        {(
          [
            ['er', 'ER diagram'],
            ['graph', 'Migration graph'],
            ['changes', 'Before / after'],
          ] as const
        ).map(([k, text]) => (
          <button key={k} type="button" role="tab" aria-selected={kind === k} className={kind === k ? 'on' : ''} onClick={() => setKind(k)}>
            {text}
          </button>
        ))}
      </div>
      <Legend kind={kind} />
      {stale && (kind === 'er' || kind === 'changes') && (
        <p className="dg-stale" role="status">
          models.py cannot be read right now (the Migration tab says why): this is the last diagram that could be drawn.
        </p>
      )}
      {kind === 'changes' && diffLines.length > 0 && (
        <ul className="dg-difflist" aria-label={changes.title}>
          {diffLines.map((l, i) => (
            <li key={i} className={l.trimStart().startsWith('+') ? 'add' : l.trimStart().startsWith('\u2212') ? 'del' : 'chg'}>
              {l}
            </li>
          ))}
        </ul>
      )}
      <div className="dg-body">
        {'message' in diagram ? (
          <div className="dg-view" data-theme={theme} data-status="empty">
            <div className="dg-toolbar">{toolbar}</div>
            <div className="dg-viewport">
              <div className="dg-message" role="status">
                {diagram.message}
              </div>
            </div>
          </div>
        ) : (
          <DiagramView
            text={diagram.text}
            theme={theme}
            ids={kind === 'graph' || kind === 'er' ? diagram.ids : undefined}
            nodeLabel={kind === 'graph' ? nodeLabel : entityLabel}
            onNodeActivate={kind === 'graph' ? onNodeActivate : kind === 'er' ? onEntityActivate : undefined}
            label={diagram.label}
            exportName={diagram.exportName}
            fitKey={diagram.fitKey}
            toolbar={toolbar}
          />
        )}
        {entityPop && kind === 'er' && (
          <EntityPopover
            entityKey={entityPop.key}
            x={entityPop.x}
            y={entityPop.y}
            file={source === 'models' ? (props.onOpenModel ? `${modelKeyToRef(entityPop.key).app}/models.py` : modelFile(modelKeyToRef(entityPop.key).app)) : undefined}
            onOpen={() => { openModel(modelKeyToRef(entityPop.key)); setEntityPop(null); }}
            focused={focus === entityPop.key}
            onFocus={() => { setFocus(focus === entityPop.key ? null : entityPop.key); setEntityPop(null); }}
            onClose={() => setEntityPop(null)}
          />
        )}
        {popover && popNode && (
          <MigrationPopover
            node={popNode}
            x={popover.x}
            y={popover.y}
            canOpen={Boolean(openMigration) && canOpen(popNode)}
            onOpen={() => { openMigration?.(popNode); setPopover(null); }}
            canMigrate={Boolean(migrateTo)}
            onMigrate={() => { migrateTo?.(popNode); setPopover(null); }}
            canShowChanges={Boolean(props.loadMigrationSnapshots)}
            onShowChanges={() => { setChangeSource({ kind: 'migration', ref: { app: popNode.app, name: popNode.name } }); setKind('changes'); setPopover(null); }}
            onClose={() => setPopover(null)}
          />
        )}
      </div>
    </div>
  );
}

function Legend({ kind }: { kind: DiagramKind }) {
  if (kind === 'er') {
    return (
      <p className="dg-legend">
        <b>PK</b> primary key · <b>FK</b> foreign key · <b>UK</b> unique · <code>{'}o--||'}</code> many-to-one · <code>{'|o--||'}</code> one-to-one ·{' '}
        <code>{'}o--o{'}</code> many-to-many · <code>o|</code> nullable · “inherits” parent link
      </p>
    );
  }
  if (kind === 'graph') {
    return (
      <p className="dg-legend">
        Filled: applied · dashed outline: not applied · double-edged box: squashed · hexagon: merge · dashed arrow: depends on another app · click a migration for actions
      </p>
    );
  }
  return (
    <p className="dg-legend">
      <span className="dg-key add">green: added</span> · <span className="dg-key del">red: removed</span> · <span className="dg-key chg">amber: changed</span>
    </p>
  );
}

/** A text box with suggestions: choosing an entity shows only it and its relations. */
function FindEntity({ keys, placeholder, onFind }: { keys: readonly string[]; placeholder: string; onFind(key: string): void }) {
  const [value, setValue] = useState('');
  const listId = useRef(`dg-find-${Math.random().toString(36).slice(2)}`).current;
  const pick = (v: string) => {
    const want = v.trim().toLowerCase();
    const hit = keys.find((k) => k.toLowerCase() === want) ?? keys.find((k) => k.toLowerCase().endsWith(`.${want}`));
    if (hit) {
      onFind(hit);
      setValue('');
    }
  };
  return (
    <label className="dg-find">
      <span className="sr-only">{placeholder}</span>
      <input
        type="search"
        list={listId}
        value={value}
        placeholder={placeholder}
        aria-label={placeholder}
        onChange={(e) => {
          setValue(e.target.value);
          if (keys.includes(e.target.value)) pick(e.target.value);
        }}
        onKeyDown={(e) => e.key === 'Enter' && pick(value)}
      />
      <datalist id={listId}>
        {keys.map((k) => (
          <option key={k} value={k} />
        ))}
      </datalist>
    </label>
  );
}

function usePopoverDismiss(ref: React.RefObject<HTMLDivElement | null>, onClose: () => void, dep: unknown) {
  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>('button:not([disabled])')?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    const onDown = (e: PointerEvent) => {
      if (ref.current && e.target instanceof Node && !ref.current.contains(e.target)) onClose();
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onDown, true);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onDown, true);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dep]);
}

function EntityPopover(props: { entityKey: string; x: number; y: number; file?: string; onOpen(): void; focused: boolean; onFocus(): void; onClose(): void }) {
  const ref = useRef<HTMLDivElement>(null);
  usePopoverDismiss(ref, props.onClose, props.entityKey);
  return (
    <div ref={ref} className="dg-popover" role="dialog" aria-label={props.entityKey} style={{ left: props.x, top: props.y }}>
      <div className="dg-popover-title">
        <span className="mono">{props.entityKey}</span>
      </div>
      <div className="dg-popover-actions">
        {props.file !== undefined && (
          <button type="button" className="dg-btn" onClick={props.onOpen}>
            Open {props.file}
          </button>
        )}
        <button type="button" className="dg-btn primary" onClick={props.onFocus}>
          {props.focused ? 'Show everything' : 'Only this and its relations'}
        </button>
      </div>
    </div>
  );
}

function MigrationPopover(props: {
  node: MigrationNode;
  x: number;
  y: number;
  canOpen: boolean;
  onOpen(): void;
  canMigrate: boolean;
  onMigrate(): void;
  canShowChanges: boolean;
  onShowChanges(): void;
  onClose(): void;
}) {
  const { node } = props;
  const ref = useRef<HTMLDivElement>(null);
  usePopoverDismiss(ref, props.onClose, node);
  return (
    <div ref={ref} className="dg-popover" role="dialog" aria-label={`${node.app}.${node.name}`} style={{ left: props.x, top: props.y }}>
      <div className="dg-popover-title">
        <span className="mono">{node.app}.{node.name}</span>
        <span className={node.applied ? 'dg-applied' : 'dg-pending'}>{node.applied ? 'applied' : 'not applied'}</span>
      </div>
      {node.replaces.length > 0 && <div className="dg-popover-note">Replaces {node.replaces.map((r) => r.name).join(', ')}</div>}
      {node.operations.length > 0 && (
        <ul className="dg-popover-ops">
          {node.operations.slice(0, 8).map((op, i) => (
            <li key={i}>{op}</li>
          ))}
          {node.operations.length > 8 && <li>… and {node.operations.length - 8} more</li>}
        </ul>
      )}
      <div className="dg-popover-actions">
        <button type="button" className="dg-btn" disabled={!props.canOpen} onClick={props.onOpen} title={props.canOpen ? 'Open the migration file' : 'This migration has no file in the project'}>
          Open file
        </button>
        <button type="button" className="dg-btn primary" disabled={!props.canMigrate} onClick={props.onMigrate}>
          Migrate {node.app} to here
        </button>
        {props.canShowChanges && (
          <button type="button" className="dg-btn" onClick={props.onShowChanges}>
            Before / after
          </button>
        )}
      </div>
    </div>
  );
}
