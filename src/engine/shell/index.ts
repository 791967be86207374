// The shell's public face for the UI: subscribe to the SQL the ORM runs, as it runs.
//
//   import { onQuery } from '../engine/shell';
//   const stop = onQuery((q) => sqlPane.append(q.sql));   // q: { sql, template, params, time }
//   ... project.run(['shell'], terminalConsole) ...
//   stop();

export { onQuery, type QueryEvent, type QueryListener } from '../db/connection_queries';
export { installShell } from './install';
