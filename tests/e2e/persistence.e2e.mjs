// Keeping the student's work: reload, share links (also hostile ones), zip export.
import { createRequire } from 'node:module';
import { appendLine, assert, engineQuery, openApp, openTab, settleWorkspace, typeInTerminal, waitForTerminal, waitReady } from './helpers.mjs';

const require = createRequire(import.meta.url);
const { compressToEncodedURIComponent } = require('lz-string');

const shareHash = (files, w) => '#project/' + compressToEncodedURIComponent(JSON.stringify({ v: 1, files, ...(w ? { w } : {}) }));
const SETTINGS = "INSTALLED_APPS = [\n    'blog',\n]\nDEFAULT_AUTO_FIELD = 'django.db.models.BigAutoField'\n";

async function waitSaved(page) {
  await page.waitForSelector('[data-testid="save-state"]:has-text("Saved in this browser")');
}

export const tests = [
  {
    name: 'reload keeps files, database and terminal history',
    async run(t) {
      const { page } = t;
      await openApp(t);
      await typeInTerminal(page, 'python manage.py makemigrations');
      await waitForTerminal(page, /\+ Create model Post/);
      await typeInTerminal(page, 'python manage.py migrate');
      await waitForTerminal(page, /Applying blog\.0001_initial\.\.\. OK/);
      await page.click('[data-path="blog/models.py"]');
      await appendLine(page, '    views_count = models.IntegerField(default=0)');
      await page.waitForSelector('text=+ Add field views_count to post');
      await page.waitForTimeout(700);
      await waitSaved(page);
      await page.reload();
      await waitReady(page);
      await settleWorkspace(page);
      await page.waitForSelector('[data-path="blog/migrations/0001_initial.py"]');
      await page.waitForSelector('.monaco-editor >> text=views_count');
      await page.waitForSelector('[data-testid="migration-preview"] >> text=+ Add field views_count to post');
      await openTab(page, 'Database');
      await page.waitForSelector('[data-testid="database-pane"] >> text=blog_post');
      await openTab(page, 'History');
      await page.waitForSelector('[data-testid="history-pane"] >> text=all applied');
      await page.click('.terminal-host .xterm');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('Enter');
      await waitForTerminal(page, /No migrations to apply/);
      await t.screenshot('after-reload');
    },
  },
  {
    name: 'a share link round-trips and never overwrites local work without asking',
    async run(t) {
      const { page } = t;
      await openApp(t);
      await page.click('[data-path="blog/models.py"]');
      await appendLine(page, '    views_count = models.IntegerField(default=0)');
      await page.waitForSelector('[data-testid="migration-preview"] >> text=views_count');
      await page.click('button:has-text("Share")');
      const url = await page.inputValue('[data-testid="share-url"]');
      assert(url.includes('#project/'), url);
      await t.screenshot('share-dialog');
      await page.click('dialog.modal >> text=Done');

      // A fresh browser opens the link: the project appears.
      const other = await t.browser.newContext({ viewport: { width: 1280, height: 720 } });
      const p2 = await other.newPage();
      await p2.goto(url);
      await waitReady(p2);
      await settleWorkspace(p2);
      await p2.waitForSelector('.monaco-editor >> text=views_count');
      assert(!(await p2.evaluate(() => location.hash)), 'the hash is cleared after opening');
      await other.close();

      // Here, with different work saved, the link asks first; keeping it keeps the work.
      await page.waitForTimeout(700);
      await waitSaved(page);
      const key = await page.evaluate(() => window.__playground.workspaceKey());
      const lesson = key.startsWith('lesson:') ? `lesson=${key.slice(7)}` : '';
      const foreign =
        '?' + [lesson, engineQuery.slice(1)].filter(Boolean).join('&') +
        shareHash({ 'settings.py': SETTINGS, 'blog/models.py': 'from django.db import models\n\n\nclass Shared(models.Model):\n    name = models.TextField()\n' }, key);
      await page.goto('about:blank');
      await page.goto(t.baseUrl + foreign);
      await page.waitForSelector('dialog.modal >> text=Open the shared project?');
      await t.screenshot('share-ask');
      await page.click('dialog.modal >> text=Keep my work');
      await waitReady(page);
      await settleWorkspace(page);
      await page.waitForSelector('.monaco-editor >> text=views_count');
      // And replacing takes the shared project.
      await page.goto('about:blank');
      await page.goto(t.baseUrl + foreign);
      await page.click('dialog.modal >> text=Replace with shared project');
      await waitReady(page);
      await settleWorkspace(page);
      await page.waitForSelector('.monaco-editor >> text=class Shared');
    },
  },
  {
    name: 'hostile names and strings from a link run no script',
    async run(t) {
      const { page } = t;
      const dialogs = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
      const files = {
        'settings.py': SETTINGS,
        'blog/__init__.py': '',
        'blog/migrations/__init__.py': '',
        'blog/models.py': `from django.db import models\n\n\nclass Post(models.Model):\n    title = models.CharField(max_length=10, help_text='${evil.replace(/'/g, '')}')\n`,
        "blog/x' onmouseover='window.__pwned=3'.py": evil,
        '<svg onload=window.__pwned=4>.py': evil,
        '../../etc/passwd': 'nope',
      };
      const q = ['lesson=first-model', engineQuery.slice(1)].filter(Boolean).join('&');
      await page.goto(`${t.baseUrl}?${q}${shareHash(files, 'lesson:first-model')}`);
      await waitReady(page);
      await settleWorkspace(page);
      await page.waitForSelector('[data-testid="migration-preview"] >> text=0001_initial.py');
      await typeInTerminal(page, 'cat blog/models.py');
      await waitForTerminal(page, /onerror/);
      await typeInTerminal(page, 'python manage.py makemigrations');
      await typeInTerminal(page, 'python manage.py migrate');
      await waitForTerminal(page, /Applying blog\.0001_initial/);
      for (const tab of ['SQL', 'Database', 'History', 'Migration']) {
        await openTab(page, tab);
        await page.waitForTimeout(150);
      }
      await page.hover(`[data-path="blog/x' onmouseover='window.__pwned=3'.py"]`);
      const pwned = await page.evaluate(() => window.__pwned);
      assert(pwned === undefined, `script ran: __pwned = ${pwned}`);
      assert(!dialogs.length, `dialogs opened: ${dialogs.join(', ')}`);
      const paths = await page.evaluate(() => Object.keys(window.__playground.files()));
      assert(!paths.some((p) => p.includes('..') || p.includes('<')), `unsafe paths kept: ${paths.join(', ')}`);
      await t.screenshot('hostile');
    },
  },
  {
    name: 'export downloads a zip of a real Django project, and import reads it back',
    async run(t) {
      const { page } = t;
      await openApp(t);
      await typeInTerminal(page, 'python manage.py makemigrations');
      await waitForTerminal(page, /\+ Create model Post/);
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("Export zip")')]);
      const path = await download.path();
      await download.saveAs('test-results/exported-project.zip');
      const { readFileSync } = await import('node:fs');
      const { unzipSync, strFromU8 } = require('fflate');
      const entries = unzipSync(new Uint8Array(readFileSync(path)));
      const names = Object.keys(entries);
      for (const n of ['manage.py', 'settings.py', 'README.md', 'blog/__init__.py', 'blog/models.py', 'blog/migrations/__init__.py', 'blog/migrations/0001_initial.py']) {
        assert(names.includes(`playground_project/${n}`), `zip lacks ${n}: ${names.join(', ')}`);
      }
      assert(strFromU8(entries['playground_project/manage.py']).includes('execute_from_command_line'), 'manage.py');
      // Import it back after a reset.
      const topReset = await page.$('.topbar >> text=Reset lesson');
      if (topReset) await topReset.click();
      else await page.click('[data-testid="lesson-panel"] button:has-text("Reset lesson")');
      await page.click('dialog.modal >> button:has-text("Reset")');
      await page.waitForSelector('[data-path="blog/migrations/0001_initial.py"]', { state: 'detached' });
      await page.setInputFiles('input[type="file"]', path);
      await page.click('dialog.modal >> text=Replace my work');
      await page.waitForSelector('[data-path="blog/migrations/0001_initial.py"]');
    },
  },
];
