// An engine for the lesson's own scratch projects (outputs in the lesson text, quiz answers),
// separate from the student's workspace. Loaded lazily, on the page's thread.
import type { Database } from '../../engine/project';
import type { EngineProject, ProjectFactory } from '../../lessons/runner';

type ProjectCtor = new (files: import('../../engine/project').ProjectFiles, db: Database) => EngineProject;

let loading: Promise<{ Project: ProjectCtor; makeDb: () => Database }> | null = null;

/**
 * Resolves once the student's editor is up (App sets data-editor-ready), or after a few seconds
 * at most: the lesson's engine is a second copy of the engine and must not delay the editor.
 */
function editorReady(): Promise<void> {
  if (typeof document === 'undefined') return Promise.resolve();
  const root = document.documentElement;
  if (root.dataset.editorReady === 'true') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    };
    const observer = new MutationObserver(() => {
      if (root.dataset.editorReady === 'true') done();
    });
    observer.observe(root, { attributes: true, attributeFilter: ['data-editor-ready'] });
    const timer = setTimeout(done, 5000);
  });
}

async function load(): Promise<{ Project: ProjectCtor; makeDb: () => Database }> {
  await editorReady();
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
