// The lesson's text: Markdown, call-outs, and directives whose output the engine computes.
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { QueryResult } from '../../engine/project';
import type { CommandRecord } from '../../lessons/probe';
import type { ProjectFactory } from '../../lessons/runner';
import { runStory, splitSegments, type Segment, type StoryResult } from '../../lessons/segments';
import type { Lesson } from '../../lessons/types';
import { LiveDiagram, StaticDiagram } from '../diagrams';
import { Markdown } from './Markdown';
import { scrollRegion } from './scrollRegion';

type StoryState = { status: 'running' } | { status: 'done'; result: StoryResult } | { status: 'failed'; error: string };

const stories = new Map<string, Promise<StoryResult>>();

function useStory(lesson: Lesson, segments: Segment[], factory: ProjectFactory): StoryState {
  const [state, setState] = useState<StoryState>({ status: 'running' });
  useEffect(() => {
    let live = true;
    setState({ status: 'running' });
    let p = stories.get(lesson.id);
    if (!p) {
      p = runStory(segments, lesson.start, factory);
      stories.set(lesson.id, p);
      p.catch(() => stories.delete(lesson.id));
    }
    p.then(
      (result) => live && setState({ status: 'done', result }),
      (e: unknown) => live && setState({ status: 'failed', error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [lesson, segments, factory]);
  return state;
}

export function LessonText({ lesson, factory }: { lesson: Lesson; factory: ProjectFactory }) {
  const segments = useMemo(() => splitSegments(lesson.body), [lesson]);
  const story = useStory(lesson, segments, factory);
  return (
    <div className="lp-text">
      {segments.map((seg, i) => (
        <SegmentView key={i} seg={seg} index={i} story={story} />
      ))}
    </div>
  );
}

function pending(story: StoryState, what: string) {
  if (story.status === 'running') return <div className="lp-out lp-muted" role="status">Running {what} on the engine…</div>;
  if (story.status === 'failed') return <div className="lp-out lp-muted">The engine could not run this lesson yet ({story.error}).</div>;
  return null;
}

function SegmentView({ seg, index, story }: { seg: Segment; index: number; story: StoryState }) {
  switch (seg.kind) {
    case 'markdown':
      return <Markdown text={seg.text} />;
    case 'callout':
      return (
        <aside className={`lp-callout lp-callout-${seg.callout.toLowerCase()}`} aria-label={seg.title}>
          <div className="lp-callout-title">{seg.title}</div>
          <Markdown text={seg.text} />
        </aside>
      );
    case 'file':
      return (
        <figure className="lp-file">
          <figcaption className="mono">{seg.path}</figcaption>
          <pre className="lp-code" {...scrollRegion(`File ${seg.path}`)}>
            <code>{seg.code}</code>
          </pre>
        </figure>
      );
    case 'code':
      return (
        <pre className="lp-code" {...scrollRegion('Code')}>
          <code>{seg.code}</code>
        </pre>
      );
    case 'manage': {
      const records: CommandRecord[] | undefined = story.status === 'done' ? story.result.outputs[index] : undefined;
      return (
        <div className="lp-terminal" data-testid="lesson-command">
          {seg.commands.map((c, j) => {
            const r = records?.[j];
            const shell = c.argv[0] === 'shell' && c.stdin !== undefined;
            return (
              <div key={j}>
                <div className="lp-prompt mono">$ python manage.py {c.argv.join(' ')}</div>
                {shell ? <pre {...scrollRegion(`Typed into python manage.py ${c.argv.join(' ')}`)} className="lp-stdin mono">{c.stdin?.replace(/^/gm, '>>> ').trimEnd()}</pre> : null}
                {!shell && c.stdin !== undefined ? (
                  <div className="lp-muted">
                    Answers typed at its questions:{' '}
                    {c.stdin.split('\n').filter((a) => a !== '').map((a, k) => (
                      <code key={k}>{a}</code>
                    )).reduce<ReactNode[]>((acc, el, k) => (k ? [...acc, ', ', el] : [el]), [])}
                  </div>
                ) : null}
                {r ? (
                  <pre {...scrollRegion(`Output of python manage.py ${c.argv.join(' ')}`)} className={`lp-out mono${r.exitCode !== 0 ? ' lp-out-error' : ''}`}>{(r.stdout + r.stderr).trimEnd() || ' '}</pre>
                ) : (
                  pending(story, 'this command')
                )}
              </div>
            );
          })}
        </div>
      );
    }
    case 'query': {
      const res = story.status === 'done' ? story.result.queries[index] : undefined;
      return (
        <div className="lp-terminal">
          <pre className="lp-prompt mono">{seg.sql.trim()}</pre>
          {res === undefined ? pending(story, 'this query') : 'error' in res ? <pre {...scrollRegion('Query error')} className="lp-out lp-out-error mono">{res.error}</pre> : <Rows results={res} />}
        </div>
      );
    }
    case 'mermaid':
      return <StaticDiagram source={seg.code} height={260} />;
    case 'diagram': {
      const d = story.status === 'done' ? story.result.diagrams[index] : undefined;
      if (!d) return pending(story, 'the diagram');
      return <LiveDiagram kind={seg.view === 'graph' ? 'graph' : 'models'} models={d.models} graph={d.graph} height={300} />;
    }
  }
}

function Rows({ results }: { results: QueryResult[] }) {
  const last = results[results.length - 1];
  if (!last) return <div className="lp-out lp-muted mono">OK</div>;
  return (
    <table className="lp-rows" tabIndex={0} aria-label="Query result">
      <thead>
        <tr>
          {last.columns.map((c, i) => (
            <th key={i}>{c}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {last.values.map((row, i) => (
          <tr key={i}>
            {row.map((v, j) => (
              <td key={j} className="mono">
                {v === null ? 'NULL' : v instanceof Uint8Array ? `<${v.length} bytes>` : String(v)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
