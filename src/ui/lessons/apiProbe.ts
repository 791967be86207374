// Adapts the workspace's PlaygroundApi to what task checks need (a ProjectProbe).
import type { QueryResult } from '../../engine/project';
import type { CommandRecord, ProjectProbe } from '../../lessons/probe';
import type { PlaygroundApi } from '../panelApi';

/** The optional extras the panel uses when the workspace offers them. */
export type LessonApi = PlaygroundApi & {
  /** Runs SQL on the workspace database (needed for `sql` checks and `sql` setup steps). */
  query?: (sql: string) => Promise<QueryResult[]>;
};

export function probeFromApi(api: LessonApi, transcript: CommandRecord[]): ProjectProbe {
  return {
    files: () => api.files,
    models: () => api.models,
    tables: () => api.tables,
    migrationGraph: () => api.graph,
    preview: async () => {
      if (api.preview) return api.preview;
      // Not computed yet: ask makemigrations directly.
      const r = await api.runCaptured(['makemigrations', '--check', '--dry-run']);
      return { status: r.exitCode === 0 ? 'no-changes' : 'changes', migrations: [], questions: [], diagnostics: [] };
    },
    query: async (sql) => {
      if (!api.query) throw new Error('this workspace cannot run SQL for checks yet');
      return api.query(sql);
    },
    transcript: () => transcript,
  };
}
