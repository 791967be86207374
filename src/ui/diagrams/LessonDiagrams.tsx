// Diagrams inside lesson text: a live picture of the student's project, or a fixed mermaid
// diagram the lesson's author wrote.

import { useMemo } from 'react';
import type { MigrationNode, ModelInfo, TableInfo } from '../../engine/project';
import { beforeAfterText, diffSnapshots, erDiagramText, migrationGraphText, schemaFromModels, schemaFromTables, tableApps, type ColumnDetail } from '../../diagrams';
import type { DiagramTheme } from '../../diagrams/palette';
import type { PlaygroundApi } from '../panelApi';
import { DiagramView } from './DiagramView';
import { useDiagramTheme } from './useDiagramTheme';
import './diagrams.css';

const NONE: never[] = [];

export interface LiveDiagramProps {
  /** 'models': ER of models.py; 'database': ER of the migrated tables; 'graph': migrations; 'pending': database → models.py. */
  kind: 'models' | 'database' | 'graph' | 'pending';
  /** The workspace's API (its models, tables and graph); the props below override it. */
  api?: Partial<Pick<PlaygroundApi, 'models' | 'tables' | 'graph'>>;
  models?: readonly ModelInfo[];
  tables?: readonly TableInfo[];
  graph?: readonly MigrationNode[];
  /** Only these apps (others appear as stubs when related). */
  apps?: readonly string[];
  columns?: ColumnDetail;
  /** CSS height; 320px by default. */
  height?: number | string;
  theme?: DiagramTheme;
  /** Accessible name; a sensible default per kind. */
  label?: string;
}

export function LiveDiagram(props: LiveDiagramProps) {
  const theme = useDiagramTheme(props.theme);
  const { kind, apps, columns } = props;
  const models = props.models ?? props.api?.models ?? NONE;
  const tables = props.tables ?? props.api?.tables ?? NONE;
  const graph = props.graph ?? props.api?.graph ?? NONE;
  const d = useMemo(() => {
    if (kind === 'models') return erDiagramText(schemaFromModels(models), { apps, columns, theme });
    if (kind === 'database') {
      const map = tableApps(models);
      return erDiagramText(schemaFromTables(tables, (t) => map.get(t)), { apps, columns, theme });
    }
    if (kind === 'graph') return migrationGraphText(graph, { apps, theme });
    return beforeAfterText(diffSnapshots(tables, models), { theme, columns });
  }, [kind, models, tables, graph, apps, columns, theme]);
  const label = props.label ?? { models: 'ER diagram of the models', database: 'ER diagram of the database', graph: 'Migration graph', pending: 'What the next migration changes' }[kind];
  const empty = d.size === 0 || (kind === 'pending' && d.text.trim() === 'erDiagram');
  return (
    <div className="dg-inline" style={{ height: props.height ?? 320 }} data-testid="live-diagram">
      {empty ? (
        <div className="dg-view" data-theme={theme}>
          <div className="dg-viewport">
            <div className="dg-message" role="status">
              {kind === 'pending' ? 'Nothing to migrate: the database matches models.py.' : 'Nothing to draw yet.'}
            </div>
          </div>
        </div>
      ) : (
        <DiagramView text={d.text} theme={theme} label={label} fitKey={kind} />
      )}
    </div>
  );
}

export interface StaticDiagramProps {
  /** Mermaid text written by a lesson's author. */
  source: string;
  /** Text from a share link or any other untrusted place: drawn in a sandboxed iframe. */
  untrusted?: boolean;
  height?: number | string;
  theme?: DiagramTheme;
  label?: string;
  /** Time limit for drawing (30 s by default). */
  timeoutMs?: number;
}

export function StaticDiagram(props: StaticDiagramProps) {
  const theme = useDiagramTheme(props.theme);
  return (
    <div className="dg-inline" style={{ height: props.height ?? 320 }} data-testid="static-diagram">
      <DiagramView text={props.source} theme={theme} securityLevel={props.untrusted ? 'sandbox' : 'strict'} label={props.label ?? 'Diagram'} fitKey="static" timeoutMs={props.timeoutMs} />
    </div>
  );
}
