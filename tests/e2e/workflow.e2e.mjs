// The seed lesson's workflow through the UI: preview, makemigrations, migrate, questions, history.
import { appendLine, assert, BLOG_FILES, openApp, openTab, replaceAll, terminalText, typeInTerminal, waitForTerminal } from './helpers.mjs';

async function makeInitial(page) {
  await typeInTerminal(page, 'python manage.py makemigrations');
  await waitForTerminal(page, /\+ Create model Post/);
}

export const tests = [
  {
    name: 'the first migration shows in the preview before makemigrations',
    async run(t) {
      await openApp(t);
      await t.page.waitForSelector('[data-testid="migration-preview"] >> text=blog/migrations/0001_initial.py');
      await t.page.waitForSelector('text=+ Create model Post');
      await t.screenshot('initial');
    },
  },
  {
    name: 'makemigrations in the terminal writes the file and shows it in the tree',
    async run(t) {
      const { page } = t;
      await openApp(t);
      await makeInitial(page);
      const text = await terminalText(page);
      assert(text.includes("Migrations for 'blog':"), text);
      assert(text.includes('blog/migrations/0001_initial.py'), text);
      await page.waitForSelector('[data-path="blog/migrations/0001_initial.py"]');
      await page.click('[data-path="blog/migrations/0001_initial.py"]');
      await page.waitForSelector('.monaco-editor >> text=CreateModel');
      await page.waitForSelector('[data-testid="migration-preview"] >> text=No changes detected');
      await t.screenshot('after-makemigrations');
    },
  },
  {
    name: 'typing a field makes the preview show AddField',
    async run(t) {
      const { page } = t;
      await openApp(t);
      await makeInitial(page);
      await page.click('[data-path="blog/models.py"]');
      const started = Date.now();
      await appendLine(page, '    views_count = models.IntegerField(default=0)');
      await page.waitForSelector('[data-testid="migration-preview"] >> text=+ Add field views_count to post');
      const ms = Date.now() - started;
      await page.waitForSelector('[data-testid="migration-preview"] >> text=blog/migrations/0002_post_views_count.py');
      await page.waitForSelector('[data-testid="migration-preview"] >> text=migrations.AddField(');
      console.log(`    preview updated ${ms} ms after typing started`);
      await t.screenshot('addfield-preview');
    },
  },
  {
    name: 'migrate fills the Database tab',
    async run(t) {
      const { page } = t;
      await openApp(t);
      await makeInitial(page);
      await typeInTerminal(page, 'python manage.py migrate');
      await waitForTerminal(page, /Applying blog\.0001_initial\.\.\. OK/);
      await openTab(page, 'Database');
      await page.waitForSelector('[data-testid="database-pane"] >> text=blog_post');
      await page.waitForSelector('[data-testid="database-pane"] >> text=django_migrations');
      await page.waitForSelector('[data-testid="database-pane"] >> text=changed by the last migrate');
      await page.fill('textarea[aria-label="SQL query (read-only)"]', "SELECT app, name FROM django_migrations");
      await page.click('.query-box >> text=Run');
      await page.waitForSelector('[aria-label="Query result"] >> text=0001_initial');
      await page.fill('textarea[aria-label="SQL query (read-only)"]', 'DELETE FROM django_migrations');
      await page.click('.query-box >> text=Run');
      await page.waitForSelector('text=read-only');
      await t.screenshot('database');
    },
  },
  {
    name: 'the rename question appears and is answered in the terminal',
    async run(t) {
      const { page } = t;
      await openApp(t);
      await makeInitial(page);
      await page.click('[data-path="blog/models.py"]');
      await replaceAll(
        page,
        'from django.db import models\n\n\nclass Post(models.Model):\n    headline = models.CharField(max_length=200)\n    content = models.TextField()\n',
      );
      await page.waitForSelector('[data-testid="migration-preview"] >> text=makemigrations will ask');
      await page.waitForSelector('[data-testid="migration-preview"] >> text=Was post.title renamed to post.headline (a CharField)?');
      await t.screenshot('rename-preview');
      await typeInTerminal(page, 'python manage.py makemigrations');
      await waitForTerminal(page, /renamed to post\.headline \(a CharField\)\? \[y\/N\]/);
      await t.screenshot('rename-question');
      await page.keyboard.type('y');
      await page.keyboard.press('Enter');
      await waitForTerminal(page, /Rename field title on post to headline/);
      await page.waitForSelector('[data-path="blog/migrations/0002_rename_title_post_headline.py"]');
    },
  },
  {
    name: 'the rename question is answered in a dialog when run from the button',
    async run(t) {
      const { page } = t;
      await openApp(t);
      await makeInitial(page);
      await page.click('[data-path="blog/models.py"]');
      await replaceAll(
        page,
        'from django.db import models\n\n\nclass Post(models.Model):\n    headline = models.CharField(max_length=200)\n    content = models.TextField()\n',
      );
      await page.waitForSelector('[data-testid="migration-preview"] >> text=makemigrations will ask');
      await page.click('[data-testid="migration-preview"] >> text=Run makemigrations');
      await page.waitForSelector('dialog.modal >> text=renamed to post.headline');
      await t.screenshot('rename-dialog');
      await page.click('dialog.modal >> button:has-text("Yes")');
      await waitForTerminal(page, /Rename field title on post to headline/);
    },
  },
  {
    name: 'the History tab migrates back with a warning naming the data lost',
    async run(t) {
      const { page } = t;
      await openApp(t);
      await makeInitial(page);
      await typeInTerminal(page, 'python manage.py migrate');
      await waitForTerminal(page, /Applying blog\.0001_initial\.\.\. OK/);
      await page.click('[data-path="blog/models.py"]');
      await appendLine(page, '    views_count = models.IntegerField(default=0)');
      await page.waitForSelector('[data-testid="migration-preview"] >> text=+ Add field views_count to post');
      await typeInTerminal(page, 'python manage.py makemigrations');
      await waitForTerminal(page, /0002_post_views_count\.py/);
      await typeInTerminal(page, 'python manage.py migrate');
      await waitForTerminal(page, /Applying blog\.0002_post_views_count\.\.\. OK/);
      await typeInTerminal(page, 'python manage.py showmigrations blog');
      await waitForTerminal(page, /\[X\] 0002_post_views_count/);
      await openTab(page, 'History');
      await page.waitForSelector('[data-testid="history-pane"] >> text=0002_post_views_count');
      await t.screenshot('history');
      await page.click('button:has-text("Unapply all (blog zero)")');
      await page.waitForSelector('dialog.modal >> text=Migrate blog to zero?');
      await page.waitForSelector('dialog.modal >> text=Data that would be lost');
      await page.waitForSelector('dialog.modal >> text=table blog_post is dropped');
      await t.screenshot('migrate-zero-confirm');
      await page.click('dialog.modal >> button:has-text("Migrate backwards")');
      await waitForTerminal(page, /Unapplying blog\.0001_initial\.\.\. OK/);
      await openTab(page, 'History');
      await page.waitForSelector('[data-testid="history-pane"] >> text=2 unapplied');
    },
  },
  {
    name: 'terminal: history, Tab completion, ls, cat, help, Ctrl+C',
    async run(t) {
      const { page } = t;
      await openApp(t);
      await typeInTerminal(page, 'python manage.py makem', { enter: false });
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await waitForTerminal(page, /\+ Create model Post/);
      await typeInTerminal(page, 'python manage.py sqlmigrate b', { enter: false });
      await page.keyboard.press('Tab');
      await page.keyboard.type('0001');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await waitForTerminal(page, /CREATE TABLE "blog_post"/);
      await typeInTerminal(page, 'ls blog/migrations');
      await waitForTerminal(page, /0001_initial\.py/);
      await typeInTerminal(page, 'cat settings.py');
      await waitForTerminal(page, /INSTALLED_APPS/);
      await typeInTerminal(page, 'python manage.py nosuchcommand');
      await waitForTerminal(page, /Unknown command: 'nosuchcommand'/);
      await typeInTerminal(page, 'half typed', { enter: false });
      await page.keyboard.press('Control+C');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('Enter');
      await waitForTerminal(page, /Unknown command: 'nosuchcommand'[\s\S]*Unknown command: 'nosuchcommand'/);
      await t.screenshot('terminal');
    },
  },

  {
    name: "system-check errors show at their line with Django's message",
    async run(t) {
      const { page } = t;
      await openApp(t);
      await replaceAll(page, BLOG_FILES['blog/models.py'] + '    price = models.DecimalField()\n');
      await page.waitForSelector('[data-testid="migration-preview"] >> text=The project has errors');
      await page.waitForSelector("text=blog.Post.price: (fields.E130) DecimalFields must define a 'decimal_places' attribute.");
      await page.waitForSelector('[data-testid="migration-preview"] >> text=blog/models.py:7');
      await page.waitForSelector('.monaco-editor .squiggly-error');
      await t.screenshot('check-error');
      await replaceAll(page, BLOG_FILES['blog/models.py'].replace('    content', '  content'));
      await page.waitForSelector('[data-testid="migration-preview"] >> text=/IndentationError|SyntaxError/');
      await page.waitForSelector('.monaco-editor .squiggly-error');
    },
  },
  {
    name: 'the one-off default question is answered in a dialog',
    async run(t) {
      const { page } = t;
      await openApp(t);
      await makeInitial(page);
      await replaceAll(page, BLOG_FILES['blog/models.py'] + '    rating = models.IntegerField()\n');
      await page.waitForSelector('[data-testid="migration-preview"] >> text=makemigrations will ask');
      await page.click('[data-testid="migration-preview"] >> text=Run makemigrations');
      await page.waitForSelector('dialog.modal >> text=Select an option');
      await t.screenshot('default-menu-dialog');
      await page.click('dialog.modal >> button:has-text("1)")');
      await page.waitForSelector('dialog.modal input[aria-label="Your answer"]');
      await page.fill('dialog.modal input[aria-label="Your answer"]', '5');
      await t.screenshot('default-value-dialog');
      await page.click('dialog.modal >> button:has-text("Answer")');
      await waitForTerminal(page, /\+ Add field rating to post/);
      await page.click('[data-path="blog/migrations/0002_post_rating.py"]');
      await page.waitForSelector('.monaco-editor >> text=default=5');
    },
  },

  {
    name: 'the seed workflow from buttons: makemigrations, sqlmigrate in the SQL tab, migrate, showmigrations',
    async run(t) {
      const { page } = t;
      await openApp(t);
      await page.click('.pane-head >> button:has-text("makemigrations")');
      await waitForTerminal(page, /\+ Create model Post/);
      await openTab(page, 'SQL');
      await page.selectOption('select[aria-label="Migration to show as SQL"]', { label: 'blog.0001_initial' });
      await page.waitForSelector('[data-testid="sql-pane"] >> text=CREATE TABLE "blog_post"');
      await page.check('[data-testid="sql-pane"] input[type="checkbox"]');
      await page.waitForSelector('[data-testid="sql-pane"] >> text=DROP TABLE "blog_post"');
      await t.screenshot('sql-tab');
      await page.click('.pane-head >> button:has-text("migrate")');
      await waitForTerminal(page, /Applying blog\.0001_initial\.\.\. OK/);
      await page.click('.pane-head >> button:has-text("showmigrations")');
      await waitForTerminal(page, /blog\n \[X\] 0001_initial/);
    },
  },
];
