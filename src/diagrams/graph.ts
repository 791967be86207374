// The migration graph as a mermaid flowchart: one node per migration, grouped and coloured
// by app, arrows from a dependency to the migration that needs it (across apps too),
// applied migrations filled, unapplied ones dashed, squashed migrations with what they
// replace, merge migrations as hexagons.

import type { MigrationNode } from '../engine/project';
import type { DiagramText } from './er';
import { IdAllocator, mermaidText, quoted } from './escape';
import { appSwatch, changeSwatch, classDefStyle, type DiagramTheme } from './palette';

export interface GraphOptions {
  /** Only these apps; dependencies on other apps appear as small stubs. Empty: all apps. */
  apps?: readonly string[];
  theme?: DiagramTheme;
  direction?: 'TB' | 'LR';
}

export interface MigrationRef {
  app: string;
  name: string;
}

export const migrationKey = (m: MigrationRef) => `${m.app}.${m.name}`;

export type MigrationRole = 'normal' | 'initial' | 'merge' | 'squashed' | 'replaced';

/** What a node is, as the diagram shows it. */
export function migrationRole(node: MigrationNode, replacedBy: ReadonlyMap<string, string>): MigrationRole {
  if (node.replaces.length > 0) return 'squashed';
  if (replacedBy.has(migrationKey(node))) return 'replaced';
  if (node.dependencies.filter((d) => d.app === node.app).length >= 2) return 'merge';
  return 'normal';
}

/** 'app.name' of a replaced migration -> 'app.name' of the squashed migration replacing it. */
export function replacementMap(nodes: readonly MigrationNode[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const n of nodes) for (const r of n.replaces) map.set(migrationKey(r), migrationKey(n));
  return map;
}

/** The apps of a graph in first-seen order. */
export function graphApps(nodes: readonly MigrationNode[]): string[] {
  return [...new Set(nodes.map((n) => n.app))];
}

function shortRange(names: readonly string[]): string {
  if (names.length === 0) return '';
  const nums = names.map((n) => /^\d+/.exec(n)?.[0] ?? n);
  return names.length === 1 ? names[0]! : `${nums[0]}\u2026${nums[nums.length - 1]}`;
}

function nodeLabel(n: MigrationNode, role: MigrationRole): string {
  const lines = [mermaidText(n.name, 48)];
  const status = n.applied ? '\u2713 applied' : '\u25CB not applied';
  if (role === 'squashed') {
    lines.push(`squashes ${n.replaces.length}: ${mermaidText(shortRange(n.replaces.map((r) => r.name)), 40)}`);
  } else if (role === 'merge') {
    lines.push('merge');
  } else if (role === 'replaced') {
    lines.push('replaced');
  }
  lines.push(status);
  return `"${lines.join('<br/>')}"`;
}

function shape(id: string, label: string, role: MigrationRole): string {
  switch (role) {
    case 'squashed':
      return `${id}[[${label}]]`;
    case 'merge':
      return `${id}{{${label}}}`;
    default:
      return `${id}(${label})`;
  }
}

export function migrationGraphText(nodes: readonly MigrationNode[], options: GraphOptions = {}): DiagramText {
  const theme = options.theme ?? 'light';
  const filter = options.apps && options.apps.length > 0 ? new Set(options.apps) : undefined;
  const apps = graphApps(nodes);
  const known = new Map(nodes.map((n) => [migrationKey(n), n]));
  const replacedBy = replacementMap(nodes);
  const shown = nodes.filter((n) => !filter || filter.has(n.app));
  const shownKeys = new Set(shown.map(migrationKey));

  const ids = new IdAllocator('m_');
  const idMap = new Map<string, string>();
  const lines: string[] = [`flowchart ${options.direction ?? 'TB'}`];
  const classes = new Map<string, string[]>();
  const addClass = (cls: string, id: string) => classes.set(cls, [...(classes.get(cls) ?? []), id]);

  if (shown.length === 0) {
    const id = ids.id('empty');
    lines.push(`  ${id}(${quoted(nodes.length === 0 ? 'No migrations yet' : 'No migrations in the chosen apps')})`);
    addClass('stub', id);
  }

  const shownApps = apps.filter((a) => shown.some((n) => n.app === a));
  const emitNode = (n: MigrationNode, indent: string) => {
    const id = ids.id(migrationKey(n));
    idMap.set(id, migrationKey(n));
    const role = migrationRole(n, replacedBy);
    lines.push(`${indent}${shape(id, nodeLabel(n, role), role)}`);
    addClass(`app${apps.indexOf(n.app)}${n.applied ? '' : 'p'}`, id);
    if (role === 'replaced') addClass('replaced', id);
  };
  for (const app of shownApps) {
    const gid = ids.id(`app ${app}`);
    const inApp = shown.filter((m) => m.app === app);
    lines.push(`  subgraph ${gid}[${quoted(app, 40)}]`);
    lines.push('    direction TB');
    // Migrations a squash replaces sit in a box named after it.
    const groups = new Map<string, MigrationNode[]>();
    for (const n of inApp) {
      const by = replacedBy.get(migrationKey(n));
      if (by && shownKeys.has(by)) groups.set(by, [...(groups.get(by) ?? []), n]);
      else emitNode(n, '    ');
    }
    for (const [by, members] of groups) {
      const name = by.slice(by.indexOf('.') + 1);
      lines.push(`    subgraph ${ids.id(`replaced ${by}`)}[${quoted(`replaced by ${name}`, 56)}]`);
      lines.push('      direction TB');
      for (const n of members) emitNode(n, '      ');
      lines.push('    end');
    }
    lines.push('  end');
  }

  // Dependencies outside the shown apps, or missing from the graph: small stub nodes.
  const edges: string[] = [];
  const stubbed = new Set<string>();
  let edgeIndex = 0;
  const dashedEdges: number[] = [];
  for (const n of shown) {
    const to = ids.id(migrationKey(n));
    for (const d of n.dependencies) {
      const key = migrationKey(d);
      const from = ids.id(key);
      if (!shownKeys.has(key) && !stubbed.has(key)) {
        stubbed.add(key);
        const missing = !known.has(key) && !d.name.startsWith('__');
        lines.push(`  ${from}(${quoted(`${d.app}.${d.name}${missing ? ' (missing)' : ''}`, 56)})`);
        addClass(missing ? 'missing' : 'stub', from);
        idMap.set(from, key);
      }
      edges.push(`  ${from} --> ${to}`);
      if (d.app !== n.app) dashedEdges.push(edgeIndex);
      edgeIndex++;
    }
  }
  lines.push(...edges);

  apps.forEach((_, i) => {
    const s = appSwatch(i, theme);
    lines.push(`  classDef app${i} ${classDefStyle(s, 'stroke-width:2px')}`);
    lines.push(`  classDef app${i}p fill:${theme === 'dark' ? '#1e1e1e' : '#ffffff'},stroke:${s.stroke},color:${theme === 'dark' ? '#e2e8f0' : '#0f172a'},stroke-width:2px,stroke-dasharray:5 4`);
  });
  lines.push(`  classDef stub ${classDefStyle(changeSwatch('stub', theme), 'stroke-dasharray:3 3')}`);
  lines.push(`  classDef missing ${classDefStyle(changeSwatch('removed', theme), 'stroke-dasharray:3 3')}`);
  lines.push('  classDef replaced opacity:0.6');
  for (const [cls, members] of classes) lines.push(`  class ${members.join(',')} ${cls}`);
  if (dashedEdges.length > 0) lines.push(`  linkStyle ${dashedEdges.join(',')} stroke-dasharray:6 4`);
  return { text: lines.join('\n') + '\n', size: shown.length + stubbed.size, ids: idMap };
}
