// Every lesson is well-formed, and each task's checks agree with real Django 5.2 recordings:
// the reference solution passes them, the state before the task does not.
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../../src/lessons/checks';
import { loadCourse } from '../../../src/lessons/load';
import { splitSegments } from '../../../src/lessons/segments';
import { readLessonSources, readRecorded, recordedProbe } from './helpers';

const course = loadCourse(readLessonSources());

describe('the course', () => {
  it('loads without problems', () => {
    expect(course.problems).toEqual([]);
  });
  it('has at least 12 lessons with unique ids in order', () => {
    expect(course.lessons.length).toBeGreaterThanOrEqual(12);
    const orders = course.lessons.map((l) => l.order);
    expect(new Set(orders).size).toBe(orders.length);
  });
});

for (const lesson of course.lessons) {
  describe(`lesson ${lesson.folder}`, () => {
    it('has a starting project with settings and at least one models.py', () => {
      expect(lesson.start.files['settings.py']).toBeTruthy();
      expect(Object.keys(lesson.start.files).some((p) => p.endsWith('/models.py'))).toBe(true);
    });
    it('has text with no unclosed directive and at least one command computed by the engine', () => {
      const segs = splitSegments(lesson.body);
      expect(segs.some((s) => s.kind === 'manage')).toBe(true);
      for (const s of segs) if (s.kind === 'manage') expect(s.commands.length).toBeGreaterThan(0);
    });
    it('has tasks and a quiz', () => {
      expect(lesson.tasks.length).toBeGreaterThan(0);
      expect(lesson.quiz.questions.length).toBeGreaterThanOrEqual(3);
    });
    const recorded = readRecorded(lesson.folder);
    for (const task of lesson.tasks) {
      it(`task ${task.id}: Django's recording of the solution passes every check, the state before it fails`, async () => {
        expect(recorded, 'run the authoring replay to record this lesson').toBeTruthy();
        const rec = recorded!.tasks[task.id];
        expect(rec, `no recording for task ${task.id}`).toBeTruthy();
        const after = await runChecks(task.checks, recordedProbe(rec.after));
        expect(after.feedback.map((f) => f.text)).toEqual([]);
        expect(after.passed).toBe(true);
        const before = await runChecks(task.checks, recordedProbe(rec.before));
        expect(before.passed).toBe(false);
        expect(before.feedback.length).toBeGreaterThan(0);
      });
    }
  });
}
