// The generators on what real Django 5.2 reported for the course's projects (models, tables
// and migration graphs recorded by the lessons' authoring replay): every state draws, and a
// fully migrated state shows nothing pending between the database and models.py.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeDiff, diffSnapshots, erDiagramText, migrationGraphText, schemaFromModels, schemaFromTables, tableApps } from '../../../src/diagrams';
import type { MigrationNode, ModelInfo, TableInfo } from '../../../src/engine/project';

interface State {
  models: ModelInfo[];
  tables: TableInfo[];
  graph: MigrationNode[];
  previewStatus: string;
}

const dir = join(__dirname, '../lessons/recorded');
const states: [string, State][] = [];
if (existsSync(dir)) {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const data = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { tasks: Record<string, { before: State; after: State }> };
    for (const [task, t] of Object.entries(data.tasks)) {
      states.push([`${file} ${task} before`, t.before], [`${file} ${task} after`, t.after]);
    }
  }
}

describe.runIf(states.length > 0)('diagrams of projects recorded from real Django', () => {
  it.each(states)('%s draws', (_name, s) => {
    const er = erDiagramText(schemaFromModels(s.models));
    expect(er.size).toBe(s.models.filter((m) => !m.abstract).length);
    const apps = tableApps(s.models);
    const db = erDiagramText(schemaFromTables(s.tables, (t) => apps.get(t)));
    expect(db.size).toBe(s.tables.length);
    // Every relation drawn points at an entity that exists (no dangling stubs).
    expect(er.text).not.toMatch(/\bclass [\w,]+ stub$/m);
    expect(db.text).not.toMatch(/\bclass [\w,]+ stub$/m);
    expect(migrationGraphText(s.graph).size).toBe(s.graph.length);
  });

  const migrated = states.filter(([, s]) => s.previewStatus === 'no-changes' && s.graph.length > 0 && s.graph.every((n) => n.applied));
  it.runIf(migrated.length > 0).each(migrated)('%s: fully migrated, so nothing is pending', (_name, s) => {
    expect(describeDiff(diffSnapshots(s.tables, s.models))).toEqual([]);
  });
});
