// Accessibility: axe-core finds no serious or critical violation; the workspace in dark mode.
import { createRequire } from 'node:module';
import { assert, openApp, openTab, typeInTerminal, waitForTerminal } from './helpers.mjs';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');

// The lesson pane's own content is checked by the lessons' tests; here it is only reported.
const LESSON_CONTENT = '[data-testid="lesson-panel"] .lp-article';

async function axe(page, label) {
  await page.addScriptTag({ path: axePath }).catch(() => {});
  const run = (context) =>
    page.evaluate(async (ctx) => {
      const r = await window.axe.run(ctx, { resultTypes: ['violations'] });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 12).map((n) => n.target.join(' ')) }));
    }, context);
  const result = await run({ exclude: [[LESSON_CONTENT]] });
  const inLesson = (await page.$(LESSON_CONTENT)) ? await run({ include: [[LESSON_CONTENT]] }) : [];
  const lessonBad = inLesson.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (lessonBad.length) console.log(`    ${label}: lesson content (reported, not failed): ${lessonBad.map((v) => `${v.id} at ${v.nodes.join(', ')}`).join('; ')}`);
  const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const minor = result.filter((v) => !bad.includes(v));
  if (minor.length) console.log(`    ${label}: minor: ${minor.map((v) => `${v.id} (${v.impact})`).join(', ')}`);
  assert(!bad.length, `${label}: ${JSON.stringify(bad, null, 1)}`);
}

export const tests = [
  {
    name: 'axe-core finds no serious or critical violation',
    async run(t) {
      const { page } = t;
      await openApp(t);
      await axe(page, 'Migration tab');
      await typeInTerminal(page, 'python manage.py makemigrations');
      await waitForTerminal(page, /\+ Create model Post/);
      await typeInTerminal(page, 'python manage.py migrate');
      await waitForTerminal(page, /OK/);
      for (const tab of ['SQL', 'Database', 'History']) {
        await openTab(page, tab);
        await page.waitForTimeout(200);
        await axe(page, `${tab} tab`);
      }
      await page.click('button:has-text("Share")');
      await page.waitForSelector('dialog.modal');
      await axe(page, 'share dialog');
    },
  },
  {
    name: 'keyboard: tabs switch with arrows, the tree and the terminal are reachable',
    async run(t) {
      const { page } = t;
      await openApp(t);
      await page.focus('#tab-migration');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      const selected = await page.getAttribute('[role="tab"][aria-selected="true"]', 'id');
      assert(selected === 'tab-database', `selected ${selected}`);
      await page.focus('[data-path="settings.py"]');
      await page.keyboard.press('Enter');
      await page.waitForSelector('.editor-tab >> text=settings.py');
    },
  },
  {
    name: 'dark mode follows the system',
    colorScheme: 'dark',
    async run(t) {
      const { page } = t;
      await openApp(t);
      await typeInTerminal(page, 'python manage.py makemigrations');
      await waitForTerminal(page, /\+ Create model Post/);
      await typeInTerminal(page, 'python manage.py migrate');
      await waitForTerminal(page, /OK/);
      await openTab(page, 'Database');
      await page.waitForSelector('[data-testid="database-pane"] >> text=blog_post');
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert(bg === 'rgb(30, 30, 30)', `dark background, got ${bg}`);
      await t.screenshot('dark');
      await axe(page, 'dark mode');
    },
  },
];
