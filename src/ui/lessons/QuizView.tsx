// The lesson's quiz: single/multiple choice, ordering, and "what will this print?" questions
// whose right answer the engine computes. Every answer explains why; retrying is allowed.
import { useEffect, useMemo, useState } from 'react';
import type { QuizProgress } from '../../lessons/progress';
import { computeOutput, gradeChoice, gradeOrder, hashString, outputAsChoice, scoreOf, shuffled, type Grade } from '../../lessons/quiz';
import type { ProjectFactory } from '../../lessons/runner';
import type { ChoiceQuestion, Lesson, OrderQuestion, OutputQuestion, Question } from '../../lessons/types';
import { Markdown } from './Markdown';
import { scrollRegion } from './scrollRegion';

export interface QuizViewProps {
  lesson: Lesson;
  factory: ProjectFactory;
  progress: QuizProgress;
  onProgress(change: (q: QuizProgress) => QuizProgress): void;
}

export function QuizView({ lesson, factory, progress, onProgress }: QuizViewProps) {
  const [round, setRound] = useState(0);
  const questions = lesson.quiz.questions;
  const score = scoreOf(questions, progress.results);
  const record = (id: string, correct: boolean) =>
    onProgress((q) => {
      const results = { ...q.results, [id]: correct };
      const s = scoreOf(questions, results);
      return { ...q, results, bestScore: Math.max(q.bestScore, s.answered === s.total ? s.correct : 0) };
    });
  const retry = () => {
    onProgress((q) => ({ ...q, results: {}, attempts: q.attempts + 1 }));
    setRound((r) => r + 1);
  };
  return (
    <section className="lp-quiz" aria-labelledby="lp-quiz-title" data-testid="quiz">
      <h2 id="lp-quiz-title">Quick quiz</h2>
      {questions.map((q, i) => (
        <QuestionView key={`${round}-${q.id}`} q={q} n={i + 1} lesson={lesson} factory={factory} onAnswered={(c) => record(q.id, c)} />
      ))}
      <p className="lp-score" role="status" data-testid="quiz-score">
        Score: {score.correct} / {score.total}
        {score.answered < score.total ? ` (${score.total - score.answered} to answer)` : ''}
        {progress.bestScore ? ` · best ${progress.bestScore} / ${score.total}` : ''}
      </p>
      <button type="button" onClick={retry}>Retry the quiz</button>
    </section>
  );
}

function QuestionView({ q, n, lesson, factory, onAnswered }: { q: Question; n: number; lesson: Lesson; factory: ProjectFactory; onAnswered(correct: boolean): void }) {
  return (
    <fieldset className="lp-question" data-testid={`question-${q.id}`}>
      <legend>
        <span className="lp-qnum">{n}.</span> <Markdown text={q.prompt} inline />
      </legend>
      {q.type === 'order' ? <OrderView q={q} onAnswered={onAnswered} /> : q.type === 'output' ? <OutputView q={q} lesson={lesson} factory={factory} onAnswered={onAnswered} /> : <ChoiceView q={q} onAnswered={onAnswered} />}
    </fieldset>
  );
}

function GradeView({ grade, onRetry }: { grade: Grade; onRetry(): void }) {
  return (
    <div className={`lp-grade ${grade.correct ? 'lp-grade-ok' : 'lp-grade-no'}`} role="status">
      <strong>{grade.correct ? 'Correct.' : 'Not quite.'}</strong>
      {grade.explanation.map((e, i) => (
        <Markdown key={i} text={e} />
      ))}
      {!grade.correct ? <button type="button" onClick={onRetry}>Try again</button> : null}
    </div>
  );
}

function ChoiceView({ q, onAnswered, preformatted }: { q: ChoiceQuestion; onAnswered(c: boolean): void; preformatted?: boolean }) {
  const [selected, setSelected] = useState<number[]>([]);
  const [grade, setGrade] = useState<Grade | null>(null);
  const multiple = q.type === 'multiple';
  const toggle = (i: number) => setSelected((s) => (multiple ? (s.includes(i) ? s.filter((x) => x !== i) : [...s, i]) : [i]));
  const submit = () => {
    const g = gradeChoice(q, selected);
    setGrade(g);
    onAnswered(g.correct);
  };
  return (
    <div>
      {multiple ? <p className="lp-muted">Choose all that apply.</p> : null}
      <ul className="lp-options">
        {q.options.map((o, i) => (
          <li key={i} className={grade && selected.includes(i) ? (o.correct ? 'lp-opt-ok' : 'lp-opt-no') : undefined}>
            <label>
              <input type={multiple ? 'checkbox' : 'radio'} name={`q-${q.id}`} checked={selected.includes(i)} disabled={grade !== null} onChange={() => toggle(i)} />{' '}
              {preformatted ? <pre className="lp-out mono">{o.text.trimEnd()}</pre> : <Markdown text={o.text} inline />}
            </label>
          </li>
        ))}
      </ul>
      {grade ? (
        <GradeView grade={grade} onRetry={() => { setGrade(null); setSelected([]); }} />
      ) : (
        <button type="button" className="primary" onClick={submit} disabled={selected.length === 0}>Check answer</button>
      )}
    </div>
  );
}

function OrderView({ q, onAnswered }: { q: OrderQuestion; onAnswered(c: boolean): void }) {
  const initial = useMemo(() => {
    let s = shuffled(q.steps, hashString(q.id));
    if (s.every((x, i) => x === q.steps[i])) s = [...s.slice(1), s[0]];
    return s;
  }, [q]);
  const [order, setOrder] = useState(initial);
  const [grade, setGrade] = useState<Grade | null>(null);
  const move = (i: number, d: -1 | 1) =>
    setOrder((o) => {
      const j = i + d;
      if (j < 0 || j >= o.length) return o;
      const next = [...o];
      [next[i], next[j]] = [next[j], next[i]];
      return next;
    });
  return (
    <div>
      <ol className="lp-order">
        {order.map((s, i) => (
          <li key={s}>
            <span className="lp-order-text"><Markdown text={s} inline /></span>
            <button type="button" aria-label={`Move "${s}" up`} disabled={grade !== null || i === 0} onClick={() => move(i, -1)}>↑</button>
            <button type="button" aria-label={`Move "${s}" down`} disabled={grade !== null || i === order.length - 1} onClick={() => move(i, 1)}>↓</button>
          </li>
        ))}
      </ol>
      {grade ? (
        <GradeView grade={grade} onRetry={() => setGrade(null)} />
      ) : (
        <button type="button" className="primary" onClick={() => { const g = gradeOrder(q, order); setGrade(g); onAnswered(g.correct); }}>Check order</button>
      )}
    </div>
  );
}

function OutputView({ q, lesson, factory, onAnswered }: { q: OutputQuestion; lesson: Lesson; factory: ProjectFactory; onAnswered(c: boolean): void }) {
  const [choice, setChoice] = useState<ChoiceQuestion | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    computeOutput(q, lesson.start, factory).then(
      (r) => live && setChoice(outputAsChoice(q, r.text)),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [q, lesson, factory]);
  const files = Object.entries(q.files);
  return (
    <div>
      {files.map(([path, text]) => (
        <figure key={path} className="lp-file">
          <figcaption className="mono">{path}</figcaption>
          <pre className="lp-code" {...scrollRegion(`File ${path}`)}><code>{text}</code></pre>
        </figure>
      ))}
      <div className="lp-prompt mono">$ python manage.py {q.command.argv.join(' ')}</div>
      {error ? (
        <p className="lp-muted">The engine could not compute this answer yet ({error}).</p>
      ) : choice ? (
        <ChoiceView q={choice} onAnswered={onAnswered} preformatted />
      ) : (
        <p className="lp-muted" role="status">Asking the engine…</p>
      )}
    </div>
  );
}
