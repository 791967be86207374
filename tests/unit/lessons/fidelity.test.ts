// What the lessons show must be what Django 5.2 prints: every command in each lesson's text and
// every "what will this print?" answer, run on the engine, compared with the recording of real
// Django (tests/unit/lessons/recorded/, written by authoring/record.py).
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../../src/lessons/load';
import type { CommandRecord } from '../../../src/lessons/probe';
import { outputQuestionState } from '../../../src/lessons/quiz';
import { materialize } from '../../../src/lessons/runner';
import { runStory, splitSegments } from '../../../src/lessons/segments';
import { probeEngine } from './caps';
import { engineFactory, readLessonSources, readRecorded } from './helpers';

const course = loadCourse(readLessonSources());
const caps = await probeEngine();
const ready = !caps.broken && caps.makemigrations && caps.migrate;

/** The project folder (Django's temporary one, the engine's /project) and tracebacks (only their last line counts) normalised away. */
function shown(stdout: string, stderr: string): string {
  const err = /Traceback \(most recent call last\)/.test(stderr) ? `${stderr.trim().split('\n').pop() ?? ''}\n` : stderr;
  return (stdout + err).replace(/\/tmp\/lk-[^/\s]+\//g, '').replace(/(^|\s)\/project\//gm, '$1');
}

interface Recorded {
  story?: (CommandRecord & { argv: string[] })[];
  quiz?: Record<string, { stdout: string; stderr: string; exitCode: number }>;
}

for (const lesson of course.lessons) {
  const rec = readRecorded(lesson.folder) as Recorded | null;
  describe(`lesson ${lesson.folder} prints what Django prints`, () => {
    const segs = splitSegments(lesson.body);
    const needsShell = segs.some((s) => s.kind === 'manage' && s.commands.some((c) => c.argv[0] === 'shell'));
    const needsRunPython = segs.some((s) => s.kind === 'file' && /RunPython\(/.test(s.code));
    const gap = !ready ? 'the engine cannot run makemigrations/migrate yet' : needsShell && !caps.shell ? 'the engine has no shell yet' : needsRunPython && !caps.runPython ? 'the engine cannot run RunPython yet' : !rec?.story ? 'no Django recording of the text yet' : null;
    it.skipIf(gap !== null)(`the commands in the text${gap ? ` (skipped: ${gap})` : ''}`, async () => {
      const story = await runStory(segs, lesson.start, engineFactory);
      const engine = Object.keys(story.outputs).sort((a, b) => Number(a) - Number(b)).flatMap((k) => story.outputs[Number(k)]);
      const django = rec?.story ?? [];
      expect(engine.map((r) => r.argv.join(' '))).toEqual(django.map((r) => r.argv.join(' ')));
      for (const [i, r] of engine.entries()) {
        const d = django[i];
        expect(`$ ${r.argv.join(' ')}\n${shown(r.stdout, r.stderr)}[exit ${r.exitCode}]`).toBe(`$ ${d.argv.join(' ')}\n${shown(d.stdout, d.stderr)}[exit ${d.exitCode}]`);
      }
    }, 120_000);
    for (const q of lesson.quiz.questions) {
      if (q.type !== 'output') continue;
      const d = rec?.quiz?.[q.id];
      const qgap = !ready ? 'the engine cannot run makemigrations/migrate yet' : !d ? 'no Django recording of this question yet' : null;
      it.skipIf(qgap !== null)(`question ${q.id}${qgap ? ` (skipped: ${qgap})` : ''}`, async () => {
        const { project } = await materialize(outputQuestionState(q, lesson.start), engineFactory);
        const r = await project.runCommand(q.command);
        expect(`${shown(r.stdout, r.stderr)}[exit ${r.exitCode}]`).toBe(`${shown(d!.stdout, d!.stderr)}[exit ${d!.exitCode}]`);
      }, 120_000);
    }
  });
}
