// The lesson pane, for the workspace to mount:  <LessonPanel api={api} />
//
// Props (LessonPanelProps):
//   api        the workspace's PlaygroundApi (src/ui/panelApi.ts). Used: files, models, tables,
//              graph, preview (task checks); switchWorkspace(`lesson:<id>`, startingFiles) when a
//              lesson opens, resetWorkspace(startingFiles) for "Reset lesson"; runCaptured(argv)
//              for the lesson's setup steps (e.g. migrate) and the task shell box
//              (`shell -c <code>`); setFiles + runInTerminal for "Use this solution".
//              Optional: api.query(sql) => Promise<QueryResult[]> — needed for `sql` checks and
//              for setup steps that insert rows; without it those checks say they cannot run.
//   course?    defaults to the lessons bundled from lessons/ (src/lessons/bundle.ts).
//   storage?   progress store (localStorage by default; null = memory only).
//   factory?   engine for the lesson text's commands and the quiz's "what will this print?"
//              answers, on separate scratch projects; defaults to the engine on the page.
//
// `?lesson=<id>` in the URL opens that lesson. Everything is DOM-light React; the logic
// (format, checks, quiz grading, progress) lives in src/lessons/ and is tested in Node.
export { LessonPanel, workspaceKeyFor, type LessonPanelProps } from './LessonPanel';
