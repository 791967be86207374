// The lesson logic without the engine: format errors, directives, checks on hand-made
// projects, quiz grading, progress, diffs.
import { describe, expect, it } from 'vitest';
import type { ModelInfo, TableInfo } from '../../../src/engine/project';
import { runChecks, validateCheck } from '../../../src/lessons/checks';
import { diffLines } from '../../../src/lessons/diff';
import { loadCourse, splitCommandLine, stateBeforeTask } from '../../../src/lessons/load';
import type { ProjectProbe } from '../../../src/lessons/probe';
import { canRevealSolution, hintsAvailable, ProgressStore } from '../../../src/lessons/progress';
import { gradeChoice, gradeOrder, outputAsChoice, scoreOf, shuffled } from '../../../src/lessons/quiz';
import { splitSegments } from '../../../src/lessons/segments';
import type { OrderQuestion, OutputQuestion } from '../../../src/lessons/types';

const POST: ModelInfo = {
  app: 'blog', name: 'Post', table: 'blog_post', abstract: false, proxy: false, managed: true,
  fields: [
    { name: 'id', type: 'BigAutoField', column: 'id', dbType: 'integer', primaryKey: true, unique: true, null: false },
    { name: 'title', type: 'CharField', column: 'title', dbType: 'varchar(200)', primaryKey: false, unique: false, null: false },
  ],
};
const COMMENT: ModelInfo = {
  app: 'blog', name: 'Comment', table: 'blog_comment', abstract: false, proxy: false, managed: true,
  fields: [{ name: 'post', type: 'ForeignKey', column: 'post_id', dbType: 'bigint', primaryKey: false, unique: false, null: false, relatedModel: 'blog.Post', relation: 'many-to-one', relatedName: null }],
};
const TABLES: TableInfo[] = [
  { name: 'blog_post', rowCount: 2, indexes: [{ name: 'post_title_idx', columns: ['title'], unique: false }],
    columns: [{ name: 'id', type: 'integer', notNull: true, primaryKey: true, unique: false, default: null }, { name: 'title', type: 'varchar(200)', notNull: true, primaryKey: false, unique: false, default: null }] },
];

function probe(models: ModelInfo[], extra: Partial<ProjectProbe> = {}): ProjectProbe {
  return {
    files: () => ({ 'blog/models.py': 'class Post(models.Model): ...\n' }),
    models: () => models,
    tables: () => TABLES,
    migrationGraph: () => [{ app: 'blog', name: '0001_initial', applied: true, dependencies: [], replaces: [], operations: ['Create model Post'] }],
    preview: () => ({ status: 'no-changes', migrations: [], questions: [], diagnostics: [] }),
    query: () => [{ columns: ['n'], values: [[2]] }],
    transcript: () => [],
    ...extra,
  };
}

describe('checks', () => {
  it('say in plain words what is missing', async () => {
    const r = await runChecks([{ field: 'blog.Comment.post', fieldType: 'ForeignKey', to: 'blog.Post', relatedName: 'comments' }, { model: 'blog.Tag' }], probe([POST, COMMENT]));
    expect(r.passed).toBe(false);
    expect(r.feedback.map((f) => f.text)).toEqual(['Comment.post should have related_name="comments".', 'There is no model blog.Tag yet.']);
    const missingFk = await runChecks([{ field: 'blog.Comment.post', fieldType: 'ForeignKey', to: 'blog.Post' }], probe([POST, { ...COMMENT, fields: [] }]));
    expect(missingFk.feedback[0].text).toBe('Comment has no ForeignKey to Post yet.');
  });
  it('pass on a matching project, with informative checks never blocking', async () => {
    const r = await runChecks(
      [
        { field: 'blog.Post.title', dbType: 'varchar(200)' },
        { migration: 'blog.0001_*', operations: 'Create model Post', applied: true },
        { column: 'blog_post.title', columnType: 'varchar(200)', notNull: true },
        { index: 'blog_post', name: 'post_title_idx', columns: ['title'] },
        { sql: 'SELECT count(*) FROM blog_post', expect: [[2]] },
        { noPendingChanges: true },
        { model: 'blog.Tag', type: 'informative', message: 'A Tag model would be nice.' },
      ],
      probe([POST]),
    );
    expect(r.passed).toBe(true);
    expect(r.feedback).toEqual([{ type: 'informative', text: 'A Tag model would be nice.' }]);
  });
  it('turn engine failures into feedback instead of throwing', async () => {
    const r = await runChecks([{ model: 'blog.Post' }], probe([], { models: () => { throw new Error('boom'); } }));
    expect(r.passed).toBe(false);
    expect(r.feedback[0].text).toContain('boom');
  });
  it('put a broken models.py first', async () => {
    const r = await runChecks([{ model: 'blog.Post' }], probe([], {
      preview: () => ({ status: 'error', migrations: [], questions: [], diagnostics: [{ file: 'blog/models.py', line: 3, severity: 'error', message: 'SyntaxError: invalid syntax' }] }),
    }));
    expect(r.feedback[0]).toEqual({ type: 'actionable', text: 'Fix this first — the project does not load (blog/models.py, line 3): SyntaxError: invalid syntax' });
  });
  it('are validated', () => {
    expect(validateCheck({ model: 'blog.Post' })).toEqual([]);
    expect(validateCheck({ model: 'a.B', table: 'x' })[0]).toContain('exactly one');
    expect(validateCheck({ field: 'a.B.c', colour: 1 })).toEqual(['check "field" does not take option "colour"']);
    expect(validateCheck({ file: 'x', matches: '(' })).toEqual(['"matches" is not a valid regular expression']);
  });
});

describe('quiz', () => {
  it('grades choices and orders, explaining each', () => {
    const q = { options: [{ text: 'a', correct: true }, { text: 'b', correct: false, why: 'b is wrong' }], explanation: 'because' };
    expect(gradeChoice(q, [0])).toEqual({ correct: true, explanation: ['because'] });
    expect(gradeChoice(q, [1])).toEqual({ correct: false, explanation: ['b is wrong', 'because'] });
    const o: OrderQuestion = { id: 'o', type: 'order', prompt: '', explanation: 'x', steps: ['1', '2', '3'] };
    expect(gradeOrder(o, ['1', '2', '3']).correct).toBe(true);
    expect(gradeOrder(o, ['2', '1', '3']).correct).toBe(false);
    expect(scoreOf([o], { o: true })).toEqual({ answered: 1, correct: 1, total: 1 });
  });
  it('makes the engine output the right option of an output question', () => {
    const q: OutputQuestion = { id: 'x', type: 'output', prompt: '', explanation: '', files: {}, fresh: false, setup: [], command: { argv: ['migrate'] }, distractors: [{ text: 'No changes detected\n' }, { text: 'real\n' }] };
    const c = outputAsChoice(q, 'real\n');
    expect(c.options.filter((o) => o.correct).map((o) => o.text)).toEqual(['real\n']);
    expect(c.options).toHaveLength(2);
  });
  it('shuffles deterministically', () => {
    expect(shuffled([1, 2, 3, 4, 5], 7)).toEqual(shuffled([1, 2, 3, 4, 5], 7));
  });
});

describe('format', () => {
  const settings = "INSTALLED_APPS = ['blog']\n";
  it('inherits the previous lesson and reports problems instead of throwing', () => {
    const course = loadCourse({
      'a/lesson.md': '---\nid: a\ntitle: A\nsummary: s\norder: 1\nsetup: [migrate]\n---\nBody',
      'a/starter/settings.py': settings,
      'a/starter/blog/models.py': 'v1',
      'a/tasks.yaml': 'tasks:\n  - id: t\n    title: T\n    prompt: P\n    checks: [{model: blog.Post}]\n    hints: [h]\n    solution: {run: [shell]}\n',
      'a/solutions/t/blog/models.py': 'v2',
      'a/quiz.yaml': 'questions:\n  - id: q\n    type: single\n    prompt: P\n    explanation: E\n    options: [{text: x, correct: true}, {text: y}]\n',
      'b/lesson.md': '---\nid: b\ntitle: B\nsummary: s\norder: 2\n---\nBody',
      'b/quiz.yaml': 'questions: [{id: q, type: order, prompt: P, explanation: E, steps: [a, b]}]',
      'c/lesson.md': '---\nid: c\ntitle: C\nsummary: s\norder: 3\nbogus: 1\n---\n',
      'c/starter/settings.py': settings,
      'c/quiz.yaml': 'questions: [{id: q, type: single, prompt: P, explanation: E, options: [{text: x}, {text: y}]}]',
    });
    const [a, b] = course.lessons;
    expect(a.end.files['blog/models.py']).toBe('v2');
    expect(b.starter).toBe('inherit');
    expect(b.start.files['blog/models.py']).toBe('v2');
    expect(b.start.setup).toEqual([{ argv: ['migrate'] }]);
    expect(stateBeforeTask(a, 1).setup).toEqual([{ argv: ['migrate'] }, { argv: ['shell'] }]);
    expect(course.problems).toEqual([
      'c/lesson.md: unknown front matter key "bogus"',
      'c/quiz.yaml question q: a single-choice question needs exactly one correct option (has 0)',
    ]);
  });
  it('splits command lines', () => {
    expect(splitCommandLine('python manage.py sqlmigrate blog 0002')).toEqual(['sqlmigrate', 'blog', '0002']);
    expect(splitCommandLine('makemigrations blog --name "fill slugs"')).toEqual(['makemigrations', 'blog', '--name', 'fill slugs']);
  });
  it('finds directives and call-outs in lesson text', () => {
    const segs = splitSegments('Intro\n\n```manage stdin="1\\n0"\nmakemigrations\n```\n\n> [!TIP]\n> Do it.\n\n```python file=blog/models.py\nx = 1\n```\n```python\nplain\n```\n```sql run\nSELECT 1\n```\n```manage shell\nprint(1)\n```');
    expect(segs.map((s) => s.kind)).toEqual(['markdown', 'manage', 'callout', 'file', 'markdown', 'query', 'manage']);
    expect(segs[1]).toEqual({ kind: 'manage', commands: [{ argv: ['makemigrations'], stdin: '1\n0' }], expectExit: 0 });
    expect(segs[2]).toMatchObject({ callout: 'TIP', title: 'Tip', text: 'Do it.' });
    expect(segs[6]).toEqual({ kind: 'manage', commands: [{ argv: ['shell'], stdin: 'print(1)\n' }], expectExit: 0 });
  });
});

describe('progress', () => {
  it('is kept per lesson and survives a reload', () => {
    const map = new Map<string, string>();
    const kv = { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k) };
    const s = new ProgressStore(kv);
    s.updateTask('l1', 't1', (p) => ({ ...p, attempts: 2, hintsShown: 1 }));
    const again = new ProgressStore(kv);
    expect(again.task('l1', 't1')).toMatchObject({ attempts: 2, hintsShown: 1, passed: false });
    expect(hintsAvailable(again.task('l1', 't1'), 3)).toBe(2);
    expect(canRevealSolution(again.task('l1', 'other'))).toBe(false);
    again.resetLesson('l1');
    expect(new ProgressStore(kv).task('l1', 't1').attempts).toBe(0);
    map.set('migration-playground.lessons.v1', '{not json');
    expect(new ProgressStore(kv).lesson('l1').visited).toBe(false);
  });
});

describe('diff', () => {
  it('shows removed and added lines', () => {
    expect(diffLines('a\nb\nc\n', 'a\nx\nc\n')).toEqual([{ op: ' ', text: 'a' }, { op: '-', text: 'b' }, { op: '+', text: 'x' }, { op: ' ', text: 'c' }]);
  });
});
