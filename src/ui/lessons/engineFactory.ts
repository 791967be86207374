// An engine for the lesson's own scratch projects (outputs in the lesson text, quiz answers),
// separate from the student's workspace. Loaded lazily, on the page's thread.
import type { Database } from '../../engine/project';
import type { EngineProject, ProjectFactory } from '../../lessons/runner';

type ProjectCtor = new (files: import('../../engine/project').ProjectFiles, db: Database) => EngineProject;

let loading: Promise<{ Project: ProjectCtor; makeDb: () => Database }> | null = null;

async function load(): Promise<{ Project: ProjectCtor; makeDb: () => Database }> {
  const [engine, sqljs, platform, wasm] = await Promise.all([
    import('../../engine/project'),
    import('sql.js'),
    import('../../platform/sqljs'),
    import('sql.js/dist/sql-wasm-browser.wasm?url'),
  ]);
  const SQL = await sqljs.default({ locateFile: () => wasm.default });
  return {
    Project: engine.Project as unknown as ProjectCtor,
    makeDb: () => platform.SqlJsDatabase.create(SQL),
  };
}

export const pageEngineFactory: ProjectFactory = async (files) => {
  loading ??= load();
  const { Project, makeDb } = await loading;
  const db = makeDb();
  return { project: new Project(files, db), db };
};
