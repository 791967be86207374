// The engine works in a worker: typing on a 100-model project never blocks the page.
import { appendLine, assert, BLOG_FILES, openApp, useProject } from './helpers.mjs';

function bigModels(n) {
  let text = 'from django.db import models\n\n';
  for (let i = 0; i < n; i++) {
    text += `\nclass Model${i}(models.Model):\n    name = models.CharField(max_length=100)\n    count = models.IntegerField(default=0)\n`;
    if (i > 0) text += `    parent = models.ForeignKey('Model${i - 1}', on_delete=models.CASCADE)\n`;
    text += '\n';
  }
  return text + '\nclass Post(models.Model):\n    title = models.CharField(max_length=200)\n';
}

export const tests = [
  {
    name: 'typing on a 100-model project keeps the page responsive',
    timeout: 150_000,
    async run(t) {
      const { page } = t;
      await openApp(t, undefined, { blog: false });
      await useProject(page, { ...BLOG_FILES, 'blog/models.py': bigModels(100) });
      await page.waitForSelector('[data-testid="migration-preview"] >> text=+ Create model Model99', { timeout: 60_000 });
      await page.evaluate(() => {
        window.__longTasks = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) window.__longTasks.push(e.duration);
        }).observe({ type: 'longtask', buffered: false });
      });
      const started = Date.now();
      await appendLine(page, '    views_count = models.IntegerField(default=0)');
      const typed = Date.now() - started;
      await page.waitForSelector('[data-testid="migration-preview"] >> text=views_count', { timeout: 60_000 });
      const total = Date.now() - started;
      const long = await page.evaluate(() => window.__longTasks);
      const worst = Math.max(0, ...long);
      console.log(`    typed 44 keys in ${typed} ms; preview after ${total} ms; longest main-thread task ${Math.round(worst)} ms`);
      await t.screenshot('big-project');
      assert(worst < 250, `the main thread was blocked for ${Math.round(worst)} ms`);
    },
  },
];
