// Accessibility: axe-core finds no serious or critical violation (the lesson pane included, in
// every lesson once its commands' outputs are shown); the workspace in dark mode.
import { createRequire } from 'node:module';
import { assert, openApp, openTab, typeInTerminal, waitForTerminal } from './helpers.mjs';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');

/** Fails on any serious or critical violation in `include` (the whole page by default), the lesson pane included. */
async function axe(page, label, include = null) {
  await page.addScriptTag({ path: axePath }).catch(() => {});
  const result = await page.evaluate(async (inc) => {
    const r = await window.axe.run(inc ? { include: [[inc]] } : document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 12).map((n) => n.target.join(' ')) }));
  }, include);
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
    name: 'every lesson, with its commands’ outputs, has no serious or critical violation',
    async run(t) {
      const { page } = t;
      await openApp(t);
      const picker = 'select[aria-label="Choose a lesson"]';
      await page.waitForSelector(picker);
      const ids = await page.$$eval(`${picker} option`, (os) => os.map((o) => o.value));
      assert(ids.length > 0, 'lessons listed');
      let scrolling = 0;
      for (const id of ids) {
        await page.selectOption(picker, id);
        await page.waitForFunction(() => !document.querySelector('[data-testid="lesson-panel"] .lp-out[role="status"]'), null, { timeout: 60_000 });
        await page.waitForTimeout(100);
        // Boxes that scroll now: each must be focusable and named (axe checks the first).
        scrolling += await page.$$eval('[data-testid="lesson-panel"] pre, [data-testid="lesson-panel"] .lp-out', (els) => {
          const scrollable = (e) => {
            const st = getComputedStyle(e);
            return (/auto|scroll/.test(st.overflowX) && e.scrollWidth > e.clientWidth + 1) || (/auto|scroll/.test(st.overflowY) && e.scrollHeight > e.clientHeight + 1);
          };
          const scrolls = els.filter(scrollable);
          for (const e of scrolls) if (!(e.tabIndex >= 0 && e.getAttribute('aria-label'))) throw new Error(`unnamed or unfocusable scroll box: ${e.outerHTML.slice(0, 160)}`);
          return scrolls.length;
        });
        await axe(page, `lesson ${id}`, '[data-testid="lesson-panel"]');
      }
      console.log(`    ${ids.length} lessons, ${scrolling} scrolling boxes`);
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
