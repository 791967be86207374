// The course as data: lessons, their starting projects, practice tasks and quizzes.
// Everything here is plain data parsed from `lessons/` (see lessons/README.md).

/** A project's files: path relative to the project root -> text. */
export type FileMap = Record<string, string>;

/** A command line as after `python manage.py`, with optional answers for its questions. */
export interface CommandSpec {
  argv: string[];
  /** Lines typed at the command's prompts (the questioner, the shell), '\n'-separated. */
  stdin?: string;
}

/** A step that prepares a database: a command, or SQL run directly (to insert rows). */
export type SetupStep = CommandSpec | { sql: string };

/** Files written, then steps run: one stage in the making of a project. */
export interface Phase {
  files: FileMap;
  delete: string[];
  steps: SetupStep[];
}

/**
 * A project: its files, and the steps that bring a fresh database to the right point.
 * `phases` replays how it came about (files written and steps run in turn), so a data
 * migration added by a later task runs on the rows an earlier step inserted; `setup` is every
 * step in order, to run on the final files when replaying phases is not possible.
 */
export interface ProjectState {
  files: FileMap;
  setup: SetupStep[];
  phases: Phase[];
}

export type FeedbackType = 'essential' | 'actionable' | 'informative' | 'celebratory';

/** One declarative check; exactly one of the kind keys is set (see checks.ts). */
export interface CheckSpec {
  /** What is still missing, in plain words ("Comment has no ForeignKey to Post yet"). */
  message?: string;
  /** 'essential' (default) must pass; 'informative' is advice and never blocks the task. */
  type?: Exclude<FeedbackType, 'celebratory'>;
  [kind: string]: unknown;
}

export interface TaskSolution {
  /** Folder inside the lesson holding the files the task ends with (overlaid on the state before it). */
  folder: string;
  files: FileMap;
  /** Files the solution removes. */
  delete: string[];
  /** Steps the solution runs after writing its files (e.g. migrate). */
  run: SetupStep[];
}

export interface Task {
  id: string;
  title: string;
  /** Markdown. */
  prompt: string;
  checks: CheckSpec[];
  /** Markdown, unfolded one at a time after attempts. */
  hints: string[];
  /** Shown when every check passes. */
  success?: string;
  solution: TaskSolution;
}

export interface QuizOption {
  text: string;
  correct: boolean;
  /** Why this option is right or wrong. */
  why?: string;
}

interface QuestionBase {
  id: string;
  /** Markdown. */
  prompt: string;
  /** Markdown shown after answering, whatever the answer. */
  explanation: string;
}

export interface ChoiceQuestion extends QuestionBase {
  type: 'single' | 'multiple';
  options: QuizOption[];
}

export interface OrderQuestion extends QuestionBase {
  type: 'order';
  /** The steps in their correct order (shown shuffled). */
  steps: string[];
}

/** "What will this command print?" The right answer is the engine's output. */
export interface OutputQuestion extends QuestionBase {
  type: 'output';
  /** The question's project: the lesson's starting state with these files overlaid. */
  files: FileMap;
  /** Start from an empty project instead (settings.py and the apps' empty packages only). */
  fresh: boolean;
  setup: SetupStep[];
  command: CommandSpec;
  /** Wrong answers; the engine's real output is added among them. */
  distractors: { text: string; why?: string }[];
}

export type Question = ChoiceQuestion | OrderQuestion | OutputQuestion;

export interface Quiz {
  questions: Question[];
}

export interface LessonMeta {
  id: string;
  title: string;
  order: number;
  summary: string;
  /** 'inherit' when the lesson starts from the previous lesson's end state. */
  starter: 'own' | 'inherit';
  objectives: string[];
  /** Markdown bullets shown at the end. */
  takeaways: string[];
}

export interface Lesson extends LessonMeta {
  /** Folder name under lessons/ ('05-first-model'). */
  folder: string;
  /** Markdown body, without front matter. */
  body: string;
  /** Where the lesson starts (inheritance already resolved). */
  start: ProjectState;
  tasks: Task[];
  quiz: Quiz;
  /** Where the lesson ends: start plus every task's solution. */
  end: ProjectState;
}

export interface Course {
  lessons: Lesson[];
  /** Problems found while loading; an empty list means the content is well-formed. */
  problems: string[];
}
