// Quiz logic: grading each kind of question, the engine-computed answer of "what will this
// command print?" questions, scores.
import { overlay, singlePhase } from './load';
import { materialize, shownOutput, type ProjectFactory } from './runner';
import type { ChoiceQuestion, FileMap, OrderQuestion, OutputQuestion, ProjectState, Question, QuizOption } from './types';

export interface Grade {
  correct: boolean;
  /** Markdown lines explaining the answer (the chosen options' "why", then the explanation). */
  explanation: string[];
}

/** A deterministic shuffle (mulberry32), so a question keeps its order across re-renders. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0;
  const rand = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export function hashString(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** `selected` holds option indexes. */
export function gradeChoice(q: { options: QuizOption[]; explanation: string }, selected: number[]): Grade {
  const chosen = new Set(selected);
  const correct = q.options.every((o, i) => o.correct === chosen.has(i));
  const explanation = [...chosen].sort((a, b) => a - b).map((i) => q.options[i]).filter((o) => o?.why).map((o) => o.why as string);
  return { correct, explanation: [...explanation, q.explanation] };
}

/** `order` holds the steps as the student arranged them. */
export function gradeOrder(q: OrderQuestion, order: string[]): Grade {
  const correct = order.length === q.steps.length && order.every((s, i) => s === q.steps[i]);
  const explanation = correct ? [] : [`The right order: ${q.steps.map((s, i) => `${i + 1}. ${s}`).join(' ')}`];
  return { correct, explanation: [...explanation, q.explanation] };
}

/** The project an output question runs on: the lesson's start with the question's files and setup. */
export function outputQuestionState(q: OutputQuestion, lessonStart: ProjectState): ProjectState {
  if (q.fresh) {
    const skeleton: FileMap = {};
    for (const [path, text] of Object.entries(lessonStart.files)) {
      if (path === 'settings.py' || path.endsWith('__init__.py')) skeleton[path] = text;
    }
    return overlay(singlePhase(skeleton, []), q.files, [], q.setup);
  }
  return overlay(lessonStart, q.files, [], q.setup);
}

/** Runs the question's command on the engine; the text is what a terminal shows. */
export async function computeOutput(
  q: OutputQuestion,
  lessonStart: ProjectState,
  factory: ProjectFactory,
): Promise<{ text: string; exitCode: number; setupProblems: string[] }> {
  const { project, failures } = await materialize(outputQuestionState(q, lessonStart), factory);
  const record = await project.runCommand(q.command);
  return {
    text: shownOutput(record),
    exitCode: record.exitCode,
    setupProblems: failures.map((f) => `${'sql' in f.step ? f.step.sql : f.step.argv.join(' ')}: ${f.record.stderr.trim()}`),
  };
}

/** Turns an output question into a single-choice question once the engine's answer is known. */
export function outputAsChoice(q: OutputQuestion, actual: string): ChoiceQuestion {
  const options: QuizOption[] = [
    { text: actual, correct: true, why: 'This is exactly what the engine printed for this project.' },
    ...q.distractors.filter((d) => d.text.trim() !== actual.trim()).map((d) => ({ text: d.text, correct: false, why: d.why })),
  ];
  return { id: q.id, type: 'single', prompt: q.prompt, explanation: q.explanation, options: shuffled(options, hashString(q.id)) };
}

export interface QuizScore {
  answered: number;
  correct: number;
  total: number;
}

export function scoreOf(questions: Question[], results: Record<string, boolean | undefined>): QuizScore {
  let answered = 0;
  let correct = 0;
  for (const q of questions) {
    const r = results[q.id];
    if (r === undefined) continue;
    answered++;
    if (r) correct++;
  }
  return { answered, correct, total: questions.length };
}
