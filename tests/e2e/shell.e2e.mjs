// The shell in the terminal, with "Show SQL": building a QuerySet runs nothing, evaluating it runs the SELECT.
import { assert, openApp, replaceAll, terminalText, typeInTerminal, waitForTerminal } from './helpers.mjs';

const MODELS = `from django.db import models


class Post(models.Model):
    title = models.CharField(max_length=200)
    content = models.TextField()

    def __str__(self):
        return self.title


class Comment(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name='comments')
    text = models.CharField(max_length=200)

    def __str__(self):
        return self.text
`;

/** The terminal's text after the last line that starts with `marker`. */
async function textAfter(page, marker) {
  const text = await terminalText(page);
  const at = text.lastIndexOf(marker);
  return at < 0 ? '' : text.slice(at + marker.length);
}

/** Types a line at the shell's `>>> ` prompt and waits for the next prompt. */
async function repl(page, line) {
  const before = (await terminalText(page)).split('>>> ').length;
  await typeInTerminal(page, line);
  await page.waitForFunction((n) => window.__playground.terminalText().split('>>> ').length > n && /(^|\n)>>>$/.test(window.__playground.terminalText()), before, { timeout: 20_000 });
}

export const tests = [
  {
    name: 'Show SQL: a QuerySet runs its SELECT only when evaluated',
    async run(t) {
      const { page } = t;
      await openApp(t);
      await replaceAll(page, MODELS);
      await page.waitForSelector('[data-testid="migration-preview"] >> text=+ Create model Comment');
      await typeInTerminal(page, 'python manage.py makemigrations');
      await waitForTerminal(page, /\+ Create model Comment/);
      await typeInTerminal(page, 'python manage.py migrate');
      await waitForTerminal(page, /Applying blog\.0001_initial\.\.\. OK/);
      assert(!(await terminalText(page)).includes('-- SQL: '), 'SQL showed while the toggle was off');

      // The toggle is reachable from the keyboard and remembered.
      const toggle = page.locator('[data-testid="show-sql"]');
      await toggle.focus();
      await page.keyboard.press('Space');
      assert(await toggle.isChecked(), 'Space did not turn Show SQL on');
      assert((await page.evaluate(() => localStorage.getItem('mp-show-sql'))) === 'true', 'Show SQL was not saved');

      await typeInTerminal(page, 'python manage.py shell');
      await page.waitForFunction(() => /(^|\n)>>>$/.test(window.__playground.terminalText()), null, { timeout: 20_000 });
      await repl(page, 'from blog.models import Post, Comment');
      await repl(page, "post = Post.objects.create(title='Hello', content='First post')");
      assert((await textAfter(page, "content='First post')")).includes('-- SQL: INSERT INTO "blog_post"'), await terminalText(page));
      await repl(page, "Comment.objects.create(post=post, text='Nice')");
      await repl(page, "Comment.objects.create(post=post, text='Thanks')");
      assert((await textAfter(page, "text='Thanks')")).includes('<Comment: Thanks>'), await terminalText(page));

      await repl(page, 'qs = post.comments.all()');
      const afterBuild = await textAfter(page, 'qs = post.comments.all()');
      assert(afterBuild.trim() === '>>>', `building the QuerySet printed something:\n${afterBuild}`);

      await repl(page, 'qs');
      // Long statements wrap across terminal rows: read them unwrapped.
      const afterEval = (await textAfter(page, '>>> qs\n')).replace(/\n(?!<QuerySet|>>>)/g, '');
      const select = afterEval.indexOf('-- SQL: SELECT');
      const result = afterEval.indexOf('<QuerySet [<Comment: Nice>, <Comment: Thanks>]>');
      assert(select >= 0, `no SELECT after evaluating qs:\n${afterEval}`);
      assert(afterEval.includes('FROM "blog_comment"') && afterEval.includes('WHERE "blog_comment"."post_id" = 1'), afterEval);
      assert(result > select, `the QuerySet should print after its SELECT:\n${afterEval}`);
      await t.screenshot('show-sql');

      await typeInTerminal(page, 'exit()');
      await page.waitForFunction(() => /student@playground:~\/project\$$/.test(window.__playground.terminalText()), null, { timeout: 20_000 });

      // Off again: the same evaluation prints exactly what Django prints.
      await toggle.focus();
      await page.keyboard.press('Space');
      assert(!(await toggle.isChecked()), 'Space did not turn Show SQL off');
      await typeInTerminal(page, 'python manage.py shell');
      await page.waitForFunction(() => /(^|\n)>>>$/.test(window.__playground.terminalText()), null, { timeout: 20_000 });
      await repl(page, 'Post.objects.get().comments.all()');
      const plain = await textAfter(page, '>>> Post.objects.get().comments.all()\n');
      assert(plain === '<QuerySet [<Comment: Nice>, <Comment: Thanks>]>\n>>>', `toggle off changed the output:\n${JSON.stringify(plain)}`);
      await typeInTerminal(page, 'exit()');
    },
  },
];
