// The lessons on the engine itself: every starting project loads, the commands in the text run
// as the lesson says, each task's solution passes its checks and the state before it does not,
// and each "what will this print?" answer is one the student can tell from the distractors.
// Parts the engine cannot do yet are skipped with the reason (probed in caps.ts).
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../../src/lessons/checks';
import { loadCourse, stateBeforeTask } from '../../../src/lessons/load';
import { computeOutput } from '../../../src/lessons/quiz';
import { materialize } from '../../../src/lessons/runner';
import { runStory, splitSegments } from '../../../src/lessons/segments';
import type { Lesson, SetupStep, Task } from '../../../src/lessons/types';
import { probeEngine } from './caps';
import { engineFactory, readLessonSources } from './helpers';

const course = loadCourse(readLessonSources());
const caps = await probeEngine();
const TIMEOUT = 120_000;

/**
 * Tasks the engine gets wrong today, with what Django does. They run as `it.fails`, so the suite
 * says so the day the engine is fixed, and the entry can go.
 */
const KNOWN_ENGINE_GAPS: Record<string, string> = {};

const usesShell = (steps: SetupStep[]): boolean => steps.some((s) => !('sql' in s) && s.argv[0] === 'shell');
const taskNeedsShell = (t: Task): boolean => usesShell(t.solution.run) || t.checks.some((c) => c.transcript === 'shell');
const storyNeedsShell = (l: Lesson): boolean => splitSegments(l.body).some((s) => s.kind === 'manage' && s.commands.some((c) => c.argv[0] === 'shell'));

const RUN_PYTHON = /migrations\.RunPython\(/;
const stateNeedsRunPython = (files: Record<string, string>): boolean => Object.entries(files).some(([p, t]) => p.includes('/migrations/') && RUN_PYTHON.test(t));
const storyNeedsRunPython = (l: Lesson): boolean => splitSegments(l.body).some((s) => s.kind === 'file' && RUN_PYTHON.test(s.code));

function missing(needsShell: boolean, needsRunPython = false): string | null {
  if (caps.broken) return `the engine does not start: ${caps.broken}`;
  const lacks: string[] = (['models', 'makemigrations', 'migrate', 'graph', 'tables'] as const).filter((k) => !caps[k]);
  if (needsShell && !caps.shell) lacks.push('shell');
  if (needsRunPython && !caps.runPython) lacks.push('RunPython with apps.get_model');
  return lacks.length ? `the engine cannot do ${lacks.join(', ')} yet` : null;
}

for (const lesson of course.lessons) {
  describe(`lesson ${lesson.folder} on the engine`, () => {
    const base = missing(false, stateNeedsRunPython(lesson.start.files));
    it.skipIf(base !== null)(`starting project loads and its setup runs${base ? ` (skipped: ${base})` : ''}`, async () => {
      const { project, failures } = await materialize(lesson.start, engineFactory);
      expect(failures.map((f) => f.record.stderr)).toEqual([]);
      // A project-wide CommandError (the conflicts lesson starts with one on purpose) is not a load error.
      expect(project.preview().diagnostics.filter((d) => d.severity === 'error' && d.code !== 'CommandError')).toEqual([]);
    }, TIMEOUT);

    const storyGap = missing(storyNeedsShell(lesson), storyNeedsRunPython(lesson) || stateNeedsRunPython(lesson.start.files));
    it.skipIf(storyGap !== null)(`every command in the text ends as the lesson expects${storyGap ? ` (skipped: ${storyGap})` : ''}`, async () => {
      const result = await runStory(splitSegments(lesson.body), lesson.start, engineFactory);
      expect(result.problems).toEqual([]);
    }, TIMEOUT);

    for (const [i, task] of lesson.tasks.entries()) {
      const gap = missing(taskNeedsShell(task), stateNeedsRunPython(stateBeforeTask(lesson, i + 1).files));
      const known = KNOWN_ENGINE_GAPS[`${lesson.id}/${task.id}`];
      const test = gap !== null ? it.skip : known ? it.fails : it;
      test(`task ${task.id}: the solution passes its checks, the state before it does not${gap ? ` (skipped: ${gap})` : known ? ` (known engine gap: ${known})` : ''}`, async () => {
        const before = await materialize(stateBeforeTask(lesson, i), engineFactory);
        expect(before.failures.map((f) => f.record.stderr)).toEqual([]);
        const b = await runChecks(task.checks, before.project);
        expect(b.passed).toBe(false);
        const after = await materialize(stateBeforeTask(lesson, i + 1), engineFactory);
        expect(after.failures.map((f) => `${'sql' in f.step ? f.step.sql : f.step.argv.join(' ')}: ${f.record.stderr}`)).toEqual([]);
        const a = await runChecks(task.checks, after.project);
        expect(a.feedback.map((f) => f.text)).toEqual([]);
        expect(a.passed).toBe(true);
      }, TIMEOUT);
    }

    for (const q of lesson.quiz.questions) {
      if (q.type !== 'output') continue;
      const gap = missing(usesShell([...q.setup, q.command]), stateNeedsRunPython({ ...lesson.start.files, ...q.files }));
      it.skipIf(gap !== null)(`question ${q.id}: the engine's answer differs from every distractor${gap ? ` (skipped: ${gap})` : ''}`, async () => {
        const out = await computeOutput(q, lesson.start, engineFactory);
        expect(out.setupProblems).toEqual([]);
        expect(out.text.trim()).not.toBe('');
        for (const d of q.distractors) expect(out.text.trim()).not.toBe(d.text.trim());
      }, TIMEOUT);
    }
  });
}
