// One practice task: prompt, "Check my work" with typed feedback, hints that unfold after
// attempts, and the solution (expected files with a diff) once the student has tried.
import { useState } from 'react';
import { runChecks, type Feedback, type TaskResult } from '../../lessons/checks';
import { diffLines } from '../../lessons/diff';
import type { CommandRecord } from '../../lessons/probe';
import { canRevealSolution, hintsAvailable, type TaskProgress } from '../../lessons/progress';
import type { FileMap, Task } from '../../lessons/types';
import { probeFromApi, type LessonApi } from './apiProbe';
import { Markdown } from './Markdown';
import { scrollRegion } from './scrollRegion';

const FEEDBACK_LABEL: Record<Feedback['type'], string> = {
  essential: 'Missing',
  actionable: 'To change',
  informative: 'Note',
  celebratory: 'Done',
};

export interface TaskCardProps {
  task: Task;
  number: number;
  api: LessonApi;
  progress: TaskProgress;
  onProgress(change: (p: TaskProgress) => TaskProgress): void;
  transcript: CommandRecord[];
  onTranscript(record: CommandRecord): void;
}

export function TaskCard({ task, number, api, progress, onProgress, transcript, onTranscript }: TaskCardProps) {
  const [result, setResult] = useState<TaskResult | null>(null);
  const [checking, setChecking] = useState(false);
  const [showSolution, setShowSolution] = useState(false);
  const usesShell = task.checks.some((c) => c.transcript === 'shell');

  const check = async () => {
    setChecking(true);
    try {
      const r = await runChecks(task.checks, probeFromApi(api, transcript));
      setResult(r);
      onProgress((p) => ({ ...p, attempts: p.attempts + (r.passed ? 0 : 1), passed: p.passed || r.passed }));
    } finally {
      setChecking(false);
    }
  };

  const hintsOpen = Math.min(progress.hintsShown, task.hints.length);
  const canUnfold = hintsOpen < hintsAvailable(progress, task.hints.length);
  const status = progress.passed ? 'passed' : progress.attempts > 0 ? 'tried' : 'new';

  return (
    <section className={`lp-task lp-task-${status}`} aria-labelledby={`task-${task.id}`} data-testid={`task-${task.id}`}>
      <h3 id={`task-${task.id}`}>
        <span className="lp-task-badge" aria-hidden="true">{progress.passed ? '✓' : number}</span> {task.title}
        {progress.passed ? <span className="visually-hidden"> (done)</span> : null}
      </h3>
      <Markdown text={task.prompt} />
      {usesShell ? <ShellBox api={api} onTranscript={onTranscript} /> : null}
      <div className="lp-actions">
        <button type="button" className="primary" onClick={check} disabled={checking}>
          {checking ? 'Checking…' : 'Check my work'}
        </button>
        <button type="button" onClick={() => onProgress((p) => ({ ...p, hintsShown: p.hintsShown + 1 }))} disabled={!canUnfold}
          title={canUnfold ? undefined : hintsOpen >= task.hints.length ? 'No more hints' : 'Hints unlock after an attempt'}>
          {hintsOpen === 0 ? 'Show a hint' : 'Next hint'} ({hintsOpen}/{task.hints.length})
        </button>
        <button type="button" onClick={() => { setShowSolution((s) => !s); onProgress((p) => ({ ...p, solutionRevealed: true })); }}
          disabled={!canRevealSolution(progress)} title={canRevealSolution(progress) ? undefined : 'Try once first'}>
          {showSolution ? 'Hide solution' : 'Show solution'}
        </button>
      </div>
      {result ? <FeedbackList result={result} success={task.success} /> : null}
      {hintsOpen > 0 ? (
        <ol className="lp-hints" aria-label="Hints">
          {task.hints.slice(0, hintsOpen).map((h, i) => (
            <li key={i}><Markdown text={h} inline /></li>
          ))}
        </ol>
      ) : null}
      {showSolution ? <SolutionView task={task} api={api} /> : null}
    </section>
  );
}

function FeedbackList({ result, success }: { result: TaskResult; success?: string }) {
  const items: Feedback[] = result.passed ? [{ type: 'celebratory', text: success ?? 'Every check passes. Well done!' }, ...result.feedback] : result.feedback;
  return (
    <div role="status" aria-live="polite" data-testid="task-feedback">
      <ul className="lp-feedback">
        {items.map((f, i) => (
          <li key={i} className={`lp-fb lp-fb-${f.type}`}>
            <span className="lp-fb-type">{FEEDBACK_LABEL[f.type]}</span> <Markdown text={f.text} inline />
          </li>
        ))}
      </ul>
    </div>
  );
}

function ShellBox({ api, onTranscript }: { api: LessonApi; onTranscript(r: CommandRecord): void }) {
  const [code, setCode] = useState('');
  const [out, setOut] = useState<CommandRecord | null>(null);
  const [running, setRunning] = useState(false);
  const run = async () => {
    setRunning(true);
    try {
      const r = await api.runCaptured(['shell', '-c', code]);
      const record = { argv: ['shell'], stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
      setOut(record);
      onTranscript(record);
    } finally {
      setRunning(false);
    }
  };
  return (
    <div className="lp-shell">
      <label className="lp-muted" htmlFor="lp-shell-input">Python for <span className="mono">manage.py shell</span> (your models are imported)</label>
      <textarea id="lp-shell-input" className="mono" rows={5} value={code} spellCheck={false} onChange={(e) => setCode(e.target.value)}
        onKeyDown={(e) => { if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') void run(); }} />
      <button type="button" onClick={run} disabled={running || !code.trim()}>{running ? 'Running…' : 'Run in the shell'}</button>
      {out ? <pre {...scrollRegion('Output of manage.py shell')} className={`lp-out mono${out.exitCode ? ' lp-out-error' : ''}`}>{(out.stdout + out.stderr).trimEnd() || '(no output)'}</pre> : null}
    </div>
  );
}

function SolutionView({ task, api }: { task: Task; api: LessonApi }) {
  const paths = Object.keys(task.solution.files).filter((p) => !p.endsWith('__init__.py')).sort();
  const [open, setOpen] = useState<string | null>(paths.find((p) => p.endsWith('models.py')) ?? paths[0] ?? null);
  const [mode, setMode] = useState<'diff' | 'file'>('diff');
  const apply = async () => {
    const changes: Record<string, string | null> = { ...(task.solution.files as FileMap) };
    for (const p of task.solution.delete) changes[p] = null;
    api.setFiles(changes);
    // The workspace hands file changes to the engine after a short debounce (200 ms); let them
    // land before running commands on them.
    if (task.solution.run.length) await new Promise((r) => setTimeout(r, 450));
    for (const step of task.solution.run) {
      if ('sql' in step) await api.query?.(step.sql);
      else await api.runInTerminal(`python manage.py ${step.argv.map((a) => (/\s/.test(a) ? `"${a}"` : a)).join(' ')}`);
    }
  };
  return (
    <div className="lp-solution" data-testid="task-solution">
      {paths.length ? (
        <>
          <div className="lp-tabs" role="tablist" aria-label="Solution files">
            {paths.map((p) => (
              <button key={p} type="button" role="tab" aria-selected={open === p} className={open === p ? 'active' : ''} onClick={() => setOpen(p)}>
                {p}
              </button>
            ))}
          </div>
          {open ? (
            <>
              <div className="lp-actions">
                <button type="button" aria-pressed={mode === 'diff'} onClick={() => setMode('diff')}>Diff with my file</button>
                <button type="button" aria-pressed={mode === 'file'} onClick={() => setMode('file')}>Show me the expected file</button>
              </div>
              {mode === 'file' ? (
                <pre className="lp-code" {...scrollRegion(`Expected ${open}`)}><code>{task.solution.files[open]}</code></pre>
              ) : (
                <Diff before={api.files[open] ?? ''} after={task.solution.files[open]} />
              )}
            </>
          ) : null}
        </>
      ) : null}
      {task.solution.delete.length ? <p>Delete: {task.solution.delete.map((p) => <span key={p} className="mono">{p} </span>)}</p> : null}
      {task.solution.run.length ? (
        <p>
          Then run:{' '}
          {task.solution.run.map((s, i) => (
            <code key={i}>{'sql' in s ? s.sql : `python manage.py ${s.argv.join(' ')}`}</code>
          ))}
        </p>
      ) : null}
      <button type="button" onClick={apply}>Use this solution</button>
    </div>
  );
}

function Diff({ before, after }: { before: string; after: string }) {
  const lines = diffLines(before, after);
  if (lines.every((l) => l.op === ' ')) return <p className="lp-muted">Your file already matches.</p>;
  return (
    <pre className="lp-diff mono" {...scrollRegion('Differences: lines starting with minus are yours, plus are expected')}>
      {lines.map((l, i) => (
        <div key={i} className={l.op === '+' ? 'lp-add' : l.op === '-' ? 'lp-del' : undefined}>
          {l.op} {l.text}
        </div>
      ))}
    </pre>
  );
}
