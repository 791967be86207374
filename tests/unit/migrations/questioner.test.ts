import { describe, expect, it } from 'vitest';
import { InteractiveMigrationQuestioner, NeedAnswer, NonInteractiveMigrationQuestioner } from '../../../src/engine/db/migrations/questioner';
import { OutputWrapper } from '../../../src/engine/core/management/base';
import { SystemExit } from '../../../src/engine/core/management/argparse';
import { PyException, type PyValue } from '../../../src/engine/python/values';
import type { Console } from '../../../src/engine/project';
import { NOT_PROVIDED } from '../../../src/engine/db/models/constants';

function session(lines: string[], evaluate: (code: string) => PyValue = (c) => {
  if (/^\d+$/.test(c)) return BigInt(c);
  if (/^'.*'$/.test(c)) return c.slice(1, -1);
  throw new PyException('NameError', `name '${c}' is not defined`);
}) {
  let out = '';
  const console: Console = {
    isatty: false,
    stdout: (t) => (out += t),
    stderr: (t) => (out += t),
    readLine: async (p) => {
      out += p;
      return lines.length ? lines.shift()! : null;
    },
  };
  const q = new InteractiveMigrationQuestioner({}, new OutputWrapper((t) => (out += t), false), console, evaluate);
  return { q, out: () => out };
}

async function ask(q: InteractiveMigrationQuestioner, call: () => unknown): Promise<unknown> {
  for (;;) {
    q.rewind();
    try {
      return call();
    } catch (e) {
      if (e instanceof NeedAnswer) await q.resolve(e.question);
      else throw e;
    }
  }
}

describe('interactive questioner transcripts (Django 5.2 wording)', () => {
  it('one-off default with invalid options and a NameError first', async () => {
    const { q, out } = session(['9', 'x', '1', 'draft', '', "'draft'"]);
    const v = await ask(q, () => q.askNotNullAddition('status', 'post'));
    expect(v).toBe('draft');
    expect(out()).toBe(
      "It is impossible to add a non-nullable field 'status' to post without specifying a default. This is because the database needs something to populate existing rows.\n" +
        'Please select a fix:\n' +
        ' 1) Provide a one-off default now (will be set on all existing rows with a null value for this column)\n' +
        ' 2) Quit and manually define a default value in models.py.\n' +
        'Select an option: Please select a valid option: Please select a valid option: Please enter the default value as valid Python.\n' +
        'The datetime and django.utils.timezone modules are available, so it is possible to provide e.g. timezone.now as a value.\n' +
        "Type 'exit' to exit this prompt\n" +
        ">>> NameError: name 'draft' is not defined\n" +
        ">>> Please enter some code, or 'exit' (without quotes) to exit.\n" +
        '>>> ',
    );
  });

  it('quitting exits with status 3; typing exit at the prompt exits with 1', async () => {
    const a = session(['2']);
    await expect(ask(a.q, () => a.q.askNotNullAddition('x', 'post'))).rejects.toEqual(new SystemExit(3));
    const b = session(['1', 'exit']);
    await expect(ask(b.q, () => b.q.askNotNullAddition('x', 'post'))).rejects.toEqual(new SystemExit(1));
  });

  it('end of input raises EOFError', async () => {
    const { q } = session([]);
    await expect(ask(q, () => q.askRename('post', 'title', 'headline', 'CharField'))).rejects.toMatchObject({ type: 'EOFError' });
  });

  it('rename questions default to no and re-ask on other answers', async () => {
    const { q, out } = session(['maybe', 'y']);
    expect(await ask(q, () => q.askRename('post', 'title', 'headline', 'CharField'))).toBe(true);
    expect(out()).toBe('Was post.title renamed to post.headline (a CharField)? [y/N] Please answer yes or no: ');
    const s2 = session(['']);
    expect(await ask(s2.q, () => s2.q.askRenameModel('blog', 'Post', 'Article'))).toBe(false);
    expect(s2.out()).toBe('Was the model blog.Post renamed to Article? [y/N] ');
  });

  it('null -> not null: ignore returns NOT_PROVIDED', async () => {
    const { q } = session(['2']);
    expect(await ask(q, () => q.askNotNullAlteration('x', 'post'))).toBe(NOT_PROVIDED);
  });

  it('auto_now_add offers timezone.now as the default', async () => {
    let seen = '';
    const { q, out } = session(['1', ''], (c) => ((seen = c), null));
    await ask(q, () => q.askAutoNowAddAddition('created', 'post'));
    expect(seen).toBe('timezone.now');
    expect(out()).toContain("Accept the default 'timezone.now' by pressing 'Enter' or provide another value.\n");
    expect(out()).toContain('[default: timezone.now] >>> ');
  });

  it('answers replay in order across passes', async () => {
    const { q } = session(['y', 'n']);
    const run = () => [q.askRename('a', 'b', 'c', 'F'), q.askRename('a', 'd', 'e', 'F')];
    expect(await ask(q, run)).toEqual([true, false]);
  });
});

describe('non-interactive questioner', () => {
  it('logs and exits 3 on a non-nullable addition', () => {
    const log: string[] = [];
    const q = new NonInteractiveMigrationQuestioner({}, 1, (m) => log.push(m));
    expect(() => q.askNotNullAddition('rating', 'post')).toThrow(SystemExit);
    expect(log).toEqual(["Field 'rating' on model 'post' not migrated: it is impossible to add a non-nullable field without specifying a default."]);
    expect(q.askNotNullAlteration('rating', 'post')).toBe(NOT_PROVIDED);
    expect(log[1]).toBe("Field 'rating' on model 'post' given a default of NOT PROVIDED and must be corrected.");
  });
});
