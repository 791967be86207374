// Builds the course from the raw files of lessons/ (paths relative to lessons/ -> text).
// The app gets those files from Vite at build time (bundle.ts); the tests read the folder.
// Never throws: every problem found becomes a line in `course.problems`.
import { parse as parseYaml } from 'yaml';
import { validateCheck } from './checks';
import type {
  CheckSpec, CommandSpec, Course, FileMap, Lesson, LessonMeta, ProjectState, Question, Quiz, SetupStep, Task,
} from './types';

export type LessonSources = Record<string, string>;

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

/** Splits `---\nyaml\n---\nbody`; no front matter gives an empty mapping. */
export function splitFrontMatter(text: string): { data: unknown; body: string } {
  const m = FRONT_MATTER.exec(text);
  if (!m) return { data: {}, body: text };
  return { data: parseYaml(m[1]) ?? {}, body: text.slice(m[0].length) };
}

/** 'sqlmigrate blog 0002' -> ['sqlmigrate', 'blog', '0002'] (single or double quotes group words). */
export function splitCommandLine(line: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  let m: RegExpExecArray | null;
  const text = line.trim().replace(/^(python3? )?manage\.py\s+/, '');
  while ((m = re.exec(text))) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

function asRecord(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function asStringList(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).map((x) => String(x));
}

class Problems {
  readonly list: string[] = [];
  add(where: string, what: string): void {
    this.list.push(`${where}: ${what}`);
  }
}

function parseCommand(v: unknown, where: string, problems: Problems): CommandSpec | null {
  if (typeof v === 'string') {
    const argv = splitCommandLine(v);
    if (argv.length) return { argv };
  } else {
    const r = asRecord(v);
    const argv = typeof r.argv === 'string' ? splitCommandLine(r.argv) : Array.isArray(r.argv) ? r.argv.map(String) : [];
    if (argv.length) return r.stdin === undefined ? { argv } : { argv, stdin: String(r.stdin) };
  }
  problems.add(where, `not a command: ${JSON.stringify(v)}`);
  return null;
}

function parseSteps(v: unknown, where: string, problems: Problems): SetupStep[] {
  if (v === undefined || v === null) return [];
  const items = Array.isArray(v) ? v : [v];
  const out: SetupStep[] = [];
  for (const item of items) {
    const r = asRecord(item);
    if (typeof r.sql === 'string') out.push({ sql: r.sql });
    else {
      const c = parseCommand(item, where, problems);
      if (c) out.push(c);
    }
  }
  return out;
}

/** Files under `<lesson>/<folder>/`, keyed by their path inside that folder. */
function folderFiles(sources: LessonSources, lesson: string, folder: string): FileMap {
  const prefix = `${lesson}/${folder.replace(/\/+$/, '')}/`;
  const out: FileMap = {};
  for (const [path, text] of Object.entries(sources)) {
    if (path.startsWith(prefix)) out[path.slice(prefix.length)] = text;
  }
  return out;
}

function parseMeta(data: unknown, folder: string, problems: Problems): LessonMeta {
  const r = asRecord(data);
  const where = `${folder}/lesson.md`;
  for (const key of ['id', 'title', 'summary']) {
    if (typeof r[key] !== 'string' || !(r[key] as string).trim()) problems.add(where, `front matter needs "${key}"`);
  }
  const orderFromFolder = Number(/^(\d+)/.exec(folder)?.[1] ?? NaN);
  const order = typeof r.order === 'number' ? r.order : orderFromFolder;
  if (!Number.isFinite(order)) problems.add(where, 'front matter needs a numeric "order" (or a folder name starting with a number)');
  if (r.starter !== undefined && r.starter !== 'inherit' && r.starter !== 'own') problems.add(where, '"starter" must be "inherit" or "own"');
  const known = ['id', 'title', 'order', 'summary', 'starter', 'setup', 'objectives', 'takeaways'];
  for (const key of Object.keys(r)) if (!known.includes(key)) problems.add(where, `unknown front matter key "${key}"`);
  return {
    id: String(r.id ?? folder),
    title: String(r.title ?? folder),
    order: Number.isFinite(order) ? order : 0,
    summary: String(r.summary ?? ''),
    starter: r.starter === 'inherit' ? 'inherit' : 'own',
    objectives: asStringList(r.objectives),
    takeaways: asStringList(r.takeaways),
  };
}

function parseTasks(sources: LessonSources, folder: string, problems: Problems): Task[] {
  const where = `${folder}/tasks.yaml`;
  const text = sources[where];
  if (text === undefined) return [];
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (e) {
    problems.add(where, `not valid YAML: ${e instanceof Error ? e.message : String(e)}`);
    return [];
  }
  const list = asRecord(data).tasks;
  if (!Array.isArray(list)) {
    problems.add(where, 'needs a "tasks" list');
    return [];
  }
  const tasks: Task[] = [];
  const ids = new Set<string>();
  for (const [i, raw] of list.entries()) {
    const r = asRecord(raw);
    const id = String(r.id ?? `task-${i + 1}`);
    const w = `${where} task ${id}`;
    if (typeof r.id !== 'string') problems.add(w, 'needs an "id"');
    if (ids.has(id)) problems.add(w, 'duplicate id');
    ids.add(id);
    if (typeof r.title !== 'string') problems.add(w, 'needs a "title"');
    if (typeof r.prompt !== 'string') problems.add(w, 'needs a "prompt"');
    const checks = Array.isArray(r.checks) ? (r.checks as CheckSpec[]) : [];
    if (checks.length === 0) problems.add(w, 'needs at least one check');
    for (const [j, c] of checks.entries()) for (const p of validateCheck(c)) problems.add(`${w} check ${j + 1}`, p);
    const hints = asStringList(r.hints);
    if (hints.length === 0) problems.add(w, 'needs at least one hint');
    const sol = asRecord(r.solution);
    const solFolder = typeof sol.folder === 'string' ? sol.folder : `solutions/${id}`;
    const files = folderFiles(sources, folder, solFolder);
    if (Object.keys(files).length === 0 && sol.run === undefined) problems.add(w, `no solution: add files under ${folder}/${solFolder}/ or "solution.run"`);
    tasks.push({
      id,
      title: String(r.title ?? id),
      prompt: String(r.prompt ?? ''),
      checks,
      hints,
      success: typeof r.success === 'string' ? r.success : undefined,
      solution: { folder: solFolder, files, delete: asStringList(sol.delete), run: parseSteps(sol.run, `${w} solution.run`, problems) },
    });
  }
  return tasks;
}

function parseQuiz(sources: LessonSources, folder: string, problems: Problems): Quiz {
  const where = `${folder}/quiz.yaml`;
  const text = sources[where];
  if (text === undefined) {
    problems.add(folder, 'has no quiz.yaml');
    return { questions: [] };
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (e) {
    problems.add(where, `not valid YAML: ${e instanceof Error ? e.message : String(e)}`);
    return { questions: [] };
  }
  const list = asRecord(data).questions;
  if (!Array.isArray(list) || list.length === 0) {
    problems.add(where, 'needs a non-empty "questions" list');
    return { questions: [] };
  }
  const questions: Question[] = [];
  const ids = new Set<string>();
  for (const [i, raw] of list.entries()) {
    const r = asRecord(raw);
    const id = String(r.id ?? `q${i + 1}`);
    const w = `${where} question ${id}`;
    if (ids.has(id)) problems.add(w, 'duplicate id');
    ids.add(id);
    const prompt = typeof r.prompt === 'string' ? r.prompt : '';
    if (!prompt) problems.add(w, 'needs a "prompt"');
    const explanation = typeof r.explanation === 'string' ? r.explanation : '';
    if (!explanation) problems.add(w, 'needs an "explanation" (why the answer is right)');
    const type = r.type;
    if (type === 'single' || type === 'multiple') {
      const options = (Array.isArray(r.options) ? r.options : []).map((o) => {
        const or = asRecord(o);
        return { text: String(or.text ?? ''), correct: or.correct === true, why: typeof or.why === 'string' ? or.why : undefined };
      });
      const correct = options.filter((o) => o.correct).length;
      if (options.length < 2) problems.add(w, 'needs at least two options');
      if (options.some((o) => !o.text)) problems.add(w, 'every option needs "text"');
      if (type === 'single' && correct !== 1) problems.add(w, `a single-choice question needs exactly one correct option (has ${correct})`);
      if (type === 'multiple' && correct < 1) problems.add(w, 'a multiple-choice question needs at least one correct option');
      if (new Set(options.map((o) => o.text)).size !== options.length) problems.add(w, 'two options have the same text');
      questions.push({ id, type, prompt, explanation, options });
    } else if (type === 'order') {
      const steps = asStringList(r.steps);
      if (steps.length < 2) problems.add(w, 'an ordering question needs at least two steps');
      if (new Set(steps).size !== steps.length) problems.add(w, 'two steps have the same text');
      questions.push({ id, type, prompt, explanation, steps });
    } else if (type === 'output') {
      const command = parseCommand(r.command, `${w} command`, problems) ?? { argv: [] };
      const files: FileMap = {};
      for (const [p, t] of Object.entries(asRecord(r.files))) files[p] = String(t);
      const distractors = (Array.isArray(r.distractors) ? r.distractors : []).map((d) => {
        const dr = asRecord(d);
        return { text: String(dr.text ?? d ?? ''), why: typeof dr.why === 'string' ? dr.why : undefined };
      });
      if (distractors.length < 1) problems.add(w, 'an output question needs at least one distractor');
      const fresh = r.fresh === true;
      questions.push({ id, type, prompt, explanation, files, fresh, setup: parseSteps(r.setup, `${w} setup`, problems), command, distractors });
    } else {
      problems.add(w, `"type" must be single, multiple, order or output (got ${JSON.stringify(type)})`);
    }
  }
  return { questions };
}

/** Applies files (and deletions) on top of a state and appends steps. */
export function overlay(state: ProjectState, files: FileMap, del: string[] = [], steps: SetupStep[] = []): ProjectState {
  const next: FileMap = { ...state.files };
  for (const p of del) delete next[p];
  Object.assign(next, files);
  return { files: next, setup: [...state.setup, ...steps], phases: [...state.phases, { files, delete: del, steps }] };
}

/** A project made in one go: these files, then these steps. */
export function singlePhase(files: FileMap, setup: SetupStep[]): ProjectState {
  return { files, setup, phases: [{ files, delete: [], steps: setup }] };
}

/** The state before task `index` (0 = the lesson's start). */
export function stateBeforeTask(lesson: Lesson, index: number): ProjectState {
  let state = lesson.start;
  for (const t of lesson.tasks.slice(0, index)) state = overlay(state, t.solution.files, t.solution.delete, t.solution.run);
  return state;
}

/** Inherited setup keeps only what builds the database: migrate and SQL (not shells or read-only commands). */
export function buildsDatabase(step: SetupStep): boolean {
  return 'sql' in step || step.argv[0] === 'migrate';
}

export function loadCourse(sources: LessonSources): Course {
  const problems = new Problems();
  const folders = [...new Set(Object.keys(sources).filter((p) => p.endsWith('/lesson.md') && p.split('/').length === 2).map((p) => p.split('/')[0]))];
  const drafts: { folder: string; meta: LessonMeta; body: string; starter: FileMap; setup: SetupStep[] }[] = [];
  for (const folder of folders) {
    let fm: { data: unknown; body: string };
    try {
      fm = splitFrontMatter(sources[`${folder}/lesson.md`]);
    } catch (e) {
      problems.add(`${folder}/lesson.md`, `front matter is not valid YAML: ${e instanceof Error ? e.message : String(e)}`);
      fm = { data: {}, body: sources[`${folder}/lesson.md`] };
    }
    const meta = parseMeta(fm.data, folder, problems);
    const starter = folderFiles(sources, folder, 'starter');
    const hasStarter = Object.keys(starter).length > 0;
    if (meta.starter === 'inherit' && hasStarter) problems.add(folder, 'says "starter: inherit" but has a starter/ folder');
    if (!hasStarter) meta.starter = 'inherit';
    const setup = parseSteps(asRecord(fm.data).setup, `${folder}/lesson.md setup`, problems);
    drafts.push({ folder, meta, body: fm.body, starter, setup });
  }
  drafts.sort((a, b) => a.meta.order - b.meta.order || a.folder.localeCompare(b.folder));
  const lessons: Lesson[] = [];
  const ids = new Set<string>();
  for (const d of drafts) {
    if (ids.has(d.meta.id)) problems.add(d.folder, `duplicate lesson id "${d.meta.id}"`);
    ids.add(d.meta.id);
    let start: ProjectState;
    if (d.meta.starter === 'inherit') {
      const prev = lessons[lessons.length - 1];
      if (!prev) problems.add(d.folder, 'the first lesson cannot inherit: add a starter/ folder');
      const inherited = prev ? prev.end : singlePhase({}, []);
      start = {
        files: { ...inherited.files },
        setup: [...inherited.setup.filter(buildsDatabase), ...d.setup],
        phases: [...inherited.phases.map((p) => ({ ...p, steps: p.steps.filter(buildsDatabase) })), { files: {}, delete: [], steps: d.setup }],
      };
    } else {
      start = singlePhase(d.starter, d.setup);
    }
    if (!start.files['settings.py']) problems.add(d.folder, 'the starting project has no settings.py');
    const tasks = parseTasks(sources, d.folder, problems);
    const quiz = parseQuiz(sources, d.folder, problems);
    const lesson: Lesson = { ...d.meta, folder: d.folder, body: d.body, start, tasks, quiz, end: start };
    lesson.end = stateBeforeTask(lesson, tasks.length);
    lessons.push(lesson);
  }
  if (lessons.length === 0) problems.add('lessons', 'no lesson found (each lesson is a folder with lesson.md)');
  return { lessons, problems: problems.list };
}
