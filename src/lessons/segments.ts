// Lesson Markdown with directives, split into segments the panel renders one by one:
//   ```manage            commands (one a line); their output is computed by the engine
//   ```manage shell      Python typed into `manage.py shell`; its output is computed too
//   ```python file=blog/models.py   code shown AND written into the lesson's story project
//   ```sql run           a query run on the story project's database; its rows are shown
//   ```mermaid           a static diagram
//   ```diagram er|graph  a live diagram of the story project at that point
//   > [!TIP] / [!NOTE] / [!WARNING] / [!MISTAKE] / [!TAKEAWAYS]   call-outs
import type { MigrationNode, ModelInfo, QueryResult } from '../engine/project';
import type { CommandRecord } from './probe';
import { materialize, type ProjectFactory } from './runner';
import { splitCommandLine } from './load';
import type { CommandSpec, ProjectState } from './types';

export const CALLOUT_KINDS = ['TIP', 'NOTE', 'WARNING', 'MISTAKE', 'TAKEAWAYS'] as const;
export type CalloutKind = (typeof CALLOUT_KINDS)[number];

export type Segment =
  | { kind: 'markdown'; text: string }
  | { kind: 'callout'; callout: CalloutKind; title: string; text: string }
  | { kind: 'manage'; commands: CommandSpec[]; expectExit: number }
  | { kind: 'file'; path: string; lang: string; code: string }
  | { kind: 'query'; sql: string }
  | { kind: 'mermaid'; code: string }
  | { kind: 'diagram'; view: 'er' | 'graph' }
  | { kind: 'code'; lang: string; code: string };

/** Parses `key=value key="quoted value"` attributes of a fence's info string. */
export function parseInfo(info: string): { lang: string; attrs: Record<string, string> } {
  const m = /^(\S*)\s*(.*)$/.exec(info.trim()) ?? ['', '', ''];
  const attrs: Record<string, string> = {};
  const re = /([\w-]+)=(?:"((?:[^"\\]|\\.)*)"|(\S+))|([\w-]+)/g;
  let a: RegExpExecArray | null;
  while ((a = re.exec(m[2]))) {
    if (a[4]) attrs[a[4]] = '';
    else attrs[a[1]] = a[2] !== undefined ? a[2].replace(/\\n/g, '\n').replace(/\\(.)/g, '$1') : a[3];
  }
  return { lang: m[1], attrs };
}

const CALLOUT_TITLES: Record<CalloutKind, string> = {
  TIP: 'Tip',
  NOTE: 'Note',
  WARNING: 'Careful',
  MISTAKE: 'Common mistake',
  TAKEAWAYS: 'Key takeaways',
};

export function splitSegments(body: string): Segment[] {
  const lines = body.split(/\r?\n/);
  const segs: Segment[] = [];
  let md: string[] = [];
  const flush = (): void => {
    const text = md.join('\n');
    if (text.trim()) segs.push({ kind: 'markdown', text });
    md = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = /^(`{3,}|~{3,})(.*)$/.exec(line);
    if (fence) {
      const close = fence[1];
      const code: string[] = [];
      let j = i + 1;
      while (j < lines.length && !(lines[j].startsWith(close) && lines[j].slice(close.length).trim() === '')) code.push(lines[j++]);
      const { lang, attrs } = parseInfo(fence[2]);
      const text = code.join('\n');
      const special = toSegment(lang, attrs, text);
      if (special) {
        flush();
        segs.push(special);
      } else {
        md.push(...lines.slice(i, j + 1));
      }
      i = j;
      continue;
    }
    const callout = /^>\s*\[!(\w+)\]\s*(.*)$/.exec(line);
    if (callout && (CALLOUT_KINDS as readonly string[]).includes(callout[1].toUpperCase())) {
      flush();
      const kind = callout[1].toUpperCase() as CalloutKind;
      const inner: string[] = [];
      let j = i + 1;
      while (j < lines.length && /^>/.test(lines[j])) inner.push(lines[j++].replace(/^> ?/, ''));
      segs.push({ kind: 'callout', callout: kind, title: callout[2].trim() || CALLOUT_TITLES[kind], text: inner.join('\n') });
      i = j - 1;
      continue;
    }
    md.push(line);
  }
  flush();
  return segs;
}

function toSegment(lang: string, attrs: Record<string, string>, text: string): Segment | null {
  if (lang === 'manage' && attrs.shell !== undefined) {
    // The body is typed into `manage.py shell`.
    return { kind: 'manage', commands: [{ argv: ['shell'], stdin: text.endsWith('\n') ? text : `${text}\n` }], expectExit: 0 };
  }
  if (lang === 'manage') {
    const commands = text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => ({ argv: splitCommandLine(l), ...(attrs.stdin !== undefined ? { stdin: attrs.stdin } : {}) }));
    return { kind: 'manage', commands, expectExit: attrs.exit !== undefined ? Number(attrs.exit) : 0 };
  }
  if (lang === 'sql' && attrs.run !== undefined) return { kind: 'query', sql: text };
  if (lang === 'mermaid') return { kind: 'mermaid', code: text };
  if (lang === 'diagram') return { kind: 'diagram', view: text.trim() === 'graph' || attrs.graph !== undefined ? 'graph' : 'er' };
  if (attrs.file) return { kind: 'file', path: attrs.file, lang, code: text.endsWith('\n') ? text : `${text}\n` };
  return null;
}

/** What the engine produced for the directives, by segment index. */
export interface StoryResult {
  outputs: Record<number, CommandRecord[]>;
  diagrams: Record<number, { models: ModelInfo[]; graph: MigrationNode[] }>;
  queries: Record<number, QueryResult[] | { error: string }>;
  /** Setup or commands that did not end as the lesson expects. */
  problems: string[];
}

/**
 * Replays a lesson's text on its starting project: file blocks write their file, manage blocks
 * run their commands, diagrams capture the project at that point.
 */
export async function runStory(segments: Segment[], start: ProjectState, factory: ProjectFactory): Promise<StoryResult> {
  const result: StoryResult = { outputs: {}, diagrams: {}, queries: {}, problems: [] };
  const { project, failures } = await materialize(start, factory);
  for (const f of failures) result.problems.push(`setup step failed: ${'sql' in f.step ? f.step.sql : f.step.argv.join(' ')}: ${f.record.stderr.trim()}`);
  for (const [i, seg] of segments.entries()) {
    if (seg.kind === 'file') project.writeFiles({ [seg.path]: seg.code });
    else if (seg.kind === 'manage') {
      const records: CommandRecord[] = [];
      for (const c of seg.commands) {
        const r = await project.runCommand(c);
        records.push(r);
        if (r.exitCode !== seg.expectExit) {
          result.problems.push(`\`${c.argv.join(' ')}\` exited with ${r.exitCode}, expected ${seg.expectExit}: ${r.stderr.trim().split('\n').pop() ?? ''}`);
        }
      }
      result.outputs[i] = records;
    } else if (seg.kind === 'query') {
      try {
        result.queries[i] = project.query(seg.sql);
      } catch (e) {
        const error = e instanceof Error ? e.message : String(e);
        result.queries[i] = { error };
        result.problems.push(`query failed: ${seg.sql.trim()}: ${error}`);
      }
    } else if (seg.kind === 'diagram') {
      try {
        result.diagrams[i] = { models: project.models(), graph: project.migrationGraph() };
      } catch (e) {
        result.problems.push(`diagram: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }
  return result;
}
