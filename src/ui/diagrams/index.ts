// Diagrams for the workspace and for lessons. Mermaid is loaded lazily on the first drawing.
//
// <DiagramPanel api={api} />  — the workspace's Diagram tab (mount it; nothing else needed).
//   api?:      PlaygroundApi (src/ui/panelApi.ts); uses models, tables, graph, files,
//              openFile, migrateTo, preview (to tell a broken models.py from an empty one).
//   models?, tables?, graph?: override the api's data (ModelInfo[], TableInfo[], MigrationNode[]).
//   theme?:    'light' | 'dark'; follows prefers-color-scheme when left out.
//   onOpenMigration?({app, name}): clicking "Open file" on a migration; default opens
//              '<app>/migrations/<name>.py' through api.openFile (disabled when no such file).
//   onMigrateTo?({app, name}): "Migrate <app> to here"; default api.migrateTo(app, name).
//   onOpenModel?({app, name}): clicking a model in the ER diagram; default opens
//              '<app>/models.py' through api.openFile.
//   loadMigrationSnapshots?({app, name}) => Promise<{before, after} | null>: the tables (or
//              models) just before and after a migration; enables "Before / after" per migration.
//              Without it, before/after offers "database → models.py" and "last change".
//   initialView?: 'er' | 'graph' | 'changes'.
//
// <LiveDiagram kind="models" | "database" | "graph" | "pending" api? models? tables? graph?
//   apps? columns?="all"|"keys"|"none" height?=320 theme? label? />  — a live picture of the
//   student's project inside lesson text (pass the PlaygroundApi as `api`, or the data).
//
// <StaticDiagram source="erDiagram ..." untrusted? height?=320 theme? label? />  — a fixed
//   mermaid diagram written by the lesson's author; `untrusted` (share links, teachers' own
//   exercises) draws it in a sandboxed iframe. Errors are shown in plain words, never a
//   spinner forever (30 s time limit).
//
// <DiagramView text theme ... /> — the underlying zoom/pan/export view, for other uses.
export { DiagramPanel, type DiagramPanelProps, type DiagramKind } from './DiagramPanel';
export { LiveDiagram, StaticDiagram, type LiveDiagramProps, type StaticDiagramProps } from './LessonDiagrams';
export { DiagramView, type DiagramViewProps } from './DiagramView';
