// Progress per lesson: tasks (attempts, hints unfolded, passed, solution revealed) and quiz
// results. Kept in a small key-value store (localStorage in the browser, a Map in tests).

export interface TaskProgress {
  attempts: number;
  hintsShown: number;
  passed: boolean;
  solutionRevealed: boolean;
}

export interface QuizProgress {
  /** Question id -> whether the last answer was right. */
  results: Record<string, boolean>;
  attempts: number;
  bestScore: number;
}

export interface LessonProgress {
  tasks: Record<string, TaskProgress>;
  quiz: QuizProgress;
  visited: boolean;
  /** Whether the lesson's setup steps ran on its workspace database. */
  setupDone: boolean;
}

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const KEY = 'migration-playground.lessons.v1';

export const emptyTask = (): TaskProgress => ({ attempts: 0, hintsShown: 0, passed: false, solutionRevealed: false });
export const emptyLesson = (): LessonProgress => ({ tasks: {}, quiz: { results: {}, attempts: 0, bestScore: 0 }, visited: false, setupDone: false });

export class ProgressStore {
  private data: { current?: string; lessons: Record<string, LessonProgress> };
  constructor(private readonly store: KeyValueStore | null) {
    this.data = { lessons: {} };
    try {
      const raw = store?.getItem(KEY);
      const parsed = raw ? (JSON.parse(raw) as unknown) : null;
      if (parsed && typeof parsed === 'object' && 'lessons' in parsed) this.data = parsed as typeof this.data;
    } catch {
      // A broken entry starts over rather than breaking the page.
    }
  }

  lesson(id: string): LessonProgress {
    const l = this.data.lessons[id];
    return l ? { ...emptyLesson(), ...l, quiz: { ...emptyLesson().quiz, ...l.quiz } } : emptyLesson();
  }

  task(lessonId: string, taskId: string): TaskProgress {
    return { ...emptyTask(), ...this.lesson(lessonId).tasks[taskId] };
  }

  get current(): string | undefined {
    return this.data.current;
  }

  setCurrent(id: string): void {
    this.data.current = id;
    this.updateLesson(id, (l) => ({ ...l, visited: true }));
  }

  updateLesson(id: string, change: (l: LessonProgress) => LessonProgress): LessonProgress {
    const next = change(this.lesson(id));
    this.data.lessons[id] = next;
    this.save();
    return next;
  }

  updateTask(lessonId: string, taskId: string, change: (t: TaskProgress) => TaskProgress): TaskProgress {
    const next = change(this.task(lessonId, taskId));
    this.updateLesson(lessonId, (l) => ({ ...l, tasks: { ...l.tasks, [taskId]: next } }));
    return next;
  }

  resetLesson(id: string): void {
    delete this.data.lessons[id];
    this.save();
  }

  private save(): void {
    try {
      this.store?.setItem(KEY, JSON.stringify(this.data));
    } catch {
      // Storage full or disabled: progress lives for this page only.
    }
  }
}

/** Hints unfold one at a time, each after one more failed attempt. */
export function hintsAvailable(p: TaskProgress, total: number): number {
  return Math.min(total, p.attempts);
}

/** The solution may be revealed after the first attempt. */
export function canRevealSolution(p: TaskProgress): boolean {
  return p.attempts > 0 || p.passed;
}
