// The lesson pane: pick a lesson, read it (with engine-computed outputs), do its checked
// tasks in the workspace, take its quiz. Progress is kept per lesson in localStorage.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { bundledCourse } from '../../lessons/bundle';
import type { CommandRecord } from '../../lessons/probe';
import { ProgressStore, type KeyValueStore, type LessonProgress } from '../../lessons/progress';
import type { ProjectFactory } from '../../lessons/runner';
import type { Course, Lesson } from '../../lessons/types';
import type { LessonApi } from './apiProbe';
import { pageEngineFactory } from './engineFactory';
import { LessonText } from './LessonText';
import { Markdown } from './Markdown';
import { QuizView } from './QuizView';
import { TaskCard } from './TaskCard';
import './lessons.css';

export interface LessonPanelProps {
  api: LessonApi;
  /** The course; defaults to the lessons bundled from lessons/. */
  course?: Course;
  /** Where progress is kept; defaults to localStorage (null keeps it in memory). */
  storage?: KeyValueStore | null;
  /** Engine for the lesson's own scratch projects; defaults to one on the page. */
  factory?: ProjectFactory;
}

function defaultStorage(): KeyValueStore | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export const workspaceKeyFor = (lesson: Lesson): string => `lesson:${lesson.id}`;

export function LessonPanel({ api, course: givenCourse, storage, factory = pageEngineFactory }: LessonPanelProps) {
  const course = useMemo(() => givenCourse ?? bundledCourse(), [givenCourse]);
  const store = useMemo(() => new ProgressStore(storage === undefined ? defaultStorage() : storage), [storage]);
  const lessons = course.lessons;
  const [currentId, setCurrentId] = useState(() => {
    const fromUrl = typeof location !== 'undefined' ? new URLSearchParams(location.search).get('lesson') : null;
    return lessons.find((l) => l.id === fromUrl)?.id ?? lessons.find((l) => l.id === store.current)?.id ?? lessons[0]?.id;
  });
  const lesson = lessons.find((l) => l.id === currentId) ?? lessons[0];
  const [progress, setProgress] = useState<LessonProgress | null>(lesson ? store.lesson(lesson.id) : null);
  const [transcript, setTranscript] = useState<CommandRecord[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const apiRef = useRef(api);
  apiRef.current = api;

  const runSetup = useCallback(async (l: Lesson) => {
    const a = apiRef.current;
    const failed: string[] = [];
    for (const step of l.start.setup) {
      if ('sql' in step) {
        if (a.query) await a.query(step.sql).catch(() => failed.push('SQL'));
        else failed.push('SQL (this workspace cannot run SQL)');
      } else {
        const r = await a.runCaptured(step.argv);
        if (r.exitCode !== 0) failed.push(step.argv.join(' '));
      }
    }
    setNotice(failed.length ? `Some of the lesson's setup did not run: ${failed.join(', ')}.` : null);
  }, []);

  // Entering a lesson: its own workspace (saved work, or its starting files), then its setup once.
  useEffect(() => {
    if (!lesson) return;
    let live = true;
    store.setCurrent(lesson.id);
    setProgress(store.lesson(lesson.id));
    setTranscript([]);
    (async () => {
      await apiRef.current.switchWorkspace(workspaceKeyFor(lesson), lesson.start.files);
      if (!live) return;
      if (!store.lesson(lesson.id).setupDone && lesson.start.setup.length) {
        await runSetup(lesson);
      }
      setProgress(store.updateLesson(lesson.id, (p) => ({ ...p, setupDone: true })));
    })().catch((e: unknown) => setNotice(`Could not open the lesson's project: ${e instanceof Error ? e.message : String(e)}`));
    return () => {
      live = false;
    };
  }, [lesson, store, runSetup]);

  if (!lesson || !progress) return <p>No lessons found.</p>;
  const index = lessons.indexOf(lesson);
  const go = (i: number) => lessons[i] && setCurrentId(lessons[i].id);

  const reset = async () => {
    const ok = await api.resetWorkspace(lesson.start.files);
    if (!ok) return;
    store.resetLesson(lesson.id);
    setTranscript([]);
    await runSetup(lesson);
    setProgress(store.updateLesson(lesson.id, (p) => ({ ...p, setupDone: true, visited: true })));
  };

  const done = (l: Lesson) => {
    const p = store.lesson(l.id);
    return l.tasks.length > 0 && l.tasks.every((t) => p.tasks[t.id]?.passed);
  };

  return (
    <div className="lp" data-testid="lesson-panel">
      <nav className="lp-nav" aria-label="Lessons">
        <button type="button" onClick={() => go(index - 1)} disabled={index === 0} aria-label="Previous lesson">←</button>
        <select aria-label="Choose a lesson" value={lesson.id} onChange={(e) => setCurrentId(e.target.value)}>
          {lessons.map((l, i) => (
            <option key={l.id} value={l.id}>
              {i + 1}. {l.title}{done(l) ? ' ✓' : ''}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => go(index + 1)} disabled={index === lessons.length - 1} aria-label="Next lesson">→</button>
        <button type="button" onClick={reset} title="Back to the lesson's starting project">Reset lesson</button>
      </nav>
      {notice ? <p className="lp-notice" role="alert">{notice}</p> : null}
      <article className="lp-article">
        <p className="lp-summary">{lesson.summary}</p>
        {lesson.objectives.length ? (
          <div className="lp-objectives">
            <strong>You will:</strong>
            <ul>{lesson.objectives.map((o, i) => <li key={i}><Markdown text={o} inline /></li>)}</ul>
          </div>
        ) : null}
        <LessonText lesson={lesson} factory={factory} />
        {lesson.tasks.length ? (
          <section className="lp-tasks" aria-labelledby="lp-tasks-title">
            <h2 id="lp-tasks-title">Practice</h2>
            {lesson.tasks.map((t, i) => (
              <TaskCard
                key={`${lesson.id}/${t.id}`}
                task={t}
                number={i + 1}
                api={api}
                progress={{ ...{ attempts: 0, hintsShown: 0, passed: false, solutionRevealed: false }, ...progress.tasks[t.id] }}
                onProgress={(change) => setProgress((store.updateTask(lesson.id, t.id, change), store.lesson(lesson.id)))}
                transcript={transcript}
                onTranscript={(r) => setTranscript((ts) => [...ts, r])}
              />
            ))}
          </section>
        ) : null}
        <QuizView key={lesson.id} lesson={lesson} factory={factory} progress={progress.quiz}
          onProgress={(change) => setProgress(store.updateLesson(lesson.id, (p) => ({ ...p, quiz: change(p.quiz) })))} />
        {lesson.takeaways.length ? (
          <aside className="lp-callout lp-callout-takeaways" aria-label="Key takeaways">
            <div className="lp-callout-title">Key takeaways</div>
            <ul>{lesson.takeaways.map((t, i) => <li key={i}><Markdown text={t} inline /></li>)}</ul>
          </aside>
        ) : null}
        <div className="lp-actions">
          {index < lessons.length - 1 ? <button type="button" className="primary" onClick={() => go(index + 1)}>Next: {lessons[index + 1].title} →</button> : <p>That was the last lesson. Well done!</p>}
        </div>
      </article>
    </div>
  );
}
