// The diagrams in Chromium: every view drawn in light and dark, hostile names that cannot run
// script, clicks on migrations, export, zoom and pan on a big project, errors in plain words,
// and the Diagram tab of the real workspace.
//
// Most tests use a page of their own (tests/e2e/fixtures/diagrams.html, built here with Vite)
// that mounts the diagram components with hand-built project data.
import { readFile } from 'node:fs/promises';
import { buildFixture, serve } from './diagrams-fixture-server.mjs';
import { assert, openApp, openTab, replaceAll, typeInTerminal, waitForTerminal } from './helpers.mjs';

let fixture = null;
function fixtureUrl() {
  fixture ??= buildFixture().then(serve);
  return fixture.then((f) => f.url);
}
process.on('exit', () => fixture?.then((f) => f.server.close()));

async function openFixture(t, query, timeout = 60_000) {
  const url = await fixtureUrl();
  await t.page.goto(`${url}diagrams.html?${query}`);
  await t.page.waitForSelector('body[data-ready]');
  await waitDrawn(t.page, timeout);
}

/** Waits until every diagram view on the page has finished drawing (or failed). */
async function waitDrawn(page, timeout = 60_000) {
  await page.waitForFunction(
    () => {
      const views = [...document.querySelectorAll('.dg-view')];
      return views.length > 0 && views.every((v) => v.dataset.status !== 'drawing' && !v.dataset.busy);
    },
    null,
    { timeout },
  );
  await page.waitForTimeout(150);
}

async function status(page) {
  return page.evaluate(() => [...document.querySelectorAll('.dg-view')].map((v) => v.dataset.status));
}

async function nodeCount(page) {
  return page.evaluate(() => document.querySelectorAll('.dg-stage svg g.node').length);
}

/** Nothing in the drawn diagrams can run script. */
async function assertNoScript(page) {
  const found = await page.evaluate(() => {
    const bad = [];
    if (window.__pwned !== undefined) bad.push(`window.__pwned = ${window.__pwned}`);
    for (const el of document.querySelectorAll('.dg-stage *')) {
      const tag = el.tagName.toLowerCase();
      if (['script', 'foreignobject', 'iframe', 'img', 'a', 'object', 'embed'].includes(tag) && !el.closest('.dg-sandboxed')) bad.push(`<${tag}>`);
      for (const a of el.attributes) {
        if (/^on/i.test(a.name)) bad.push(`${tag}[${a.name}]`);
        if (/href|src|action|style/i.test(a.name) && /javascript:/i.test(a.value)) bad.push(`${tag}[${a.name}=${a.value}]`);
      }
    }
    return bad;
  });
  assert(found.length === 0, `script could run: ${found.join(', ')}`);
}

const views = [
  { name: 'ER diagram of the models (club: O2O, through, inheritance)', query: 'project=club&view=er', nodes: 7 },
  { name: 'ER diagram of the database (blog)', query: 'project=shop&view=er', clickDatabase: true, nodes: 5 },
  { name: 'migration graph (squash, merge, cross-app; Django’s apps as stubs)', query: 'project=blog&view=graph', nodes: 11 },
  { name: 'before/after (database → models.py)', query: 'project=blog&view=changes', nodes: 4 },
];

export const tests = [
  ...['light', 'dark'].flatMap((theme) =>
    views.map((v) => ({
      name: `${v.name}, ${theme}`,
      colorScheme: theme,
      async run(t) {
        await openFixture(t, `${v.query}&theme=${theme}`);
        if (v.clickDatabase) {
          await t.page.click('.dg-segmented button:has-text("Database")');
          await waitDrawn(t.page);
        }
        const s = await status(t.page);
        assert(s.every((x) => x === 'ready'), `not drawn: ${s}`);
        const n = await nodeCount(t.page);
        assert(n === v.nodes, `expected ${v.nodes} nodes, saw ${n}`);
        await t.screenshot(theme);
      },
    })),
  ),
  {
    name: 'hostile names cannot run script or break any view',
    async run(t) {
      const { page } = t;
      await openFixture(t, 'project=hostile&view=er');
      const shots = [];
      for (const [tab, source] of [['ER diagram', 'models.py'], ['ER diagram', 'Database'], ['Migration graph'], ['Before / after']]) {
        await page.click(`.dg-tabs button:has-text("${tab}")`);
        if (source) await page.click(`.dg-segmented button:has-text("${source}")`);
        await waitDrawn(page);
        const s = await status(page);
        assert(s.every((x) => x === 'ready'), `${tab} ${source ?? ''}: not drawn: ${s} ${await page.textContent('.dg-view')}`);
        assert((await nodeCount(page)) >= 7, `${tab} ${source ?? ''}: too few nodes drawn`);
        await assertNoScript(page);
        shots.push(`${tab}-${source ?? ''}`);
        await t.screenshot(shots.at(-1).replace(/\W+/g, '-').toLowerCase());
      }
      // Clicking every node of the graph (a hostile one too) only opens our own popover.
      await page.click('.dg-tabs button:has-text("Migration graph")');
      await waitDrawn(page);
      await page.click('.dg-zoom-level'); // fit the whole graph in view
      await page.click('.dg-stage g.dg-clickable >> nth=0');
      await page.waitForSelector('.dg-popover');
      await assertNoScript(page);
    },
  },
  {
    name: 'lesson diagrams: live, static, sandboxed untrusted text, errors in plain words, time limit',
    async run(t) {
      const { page } = t;
      await openFixture(t, 'mode=lesson');
      const s = await status(page);
      assert(JSON.stringify(s) === JSON.stringify(['ready', 'ready', 'ready', 'ready', 'ready', 'error', 'error']), `statuses: ${s}`);
      const sandbox = await page.getAttribute('.dg-sandboxed iframe', 'sandbox');
      assert(sandbox !== null && !/allow-scripts/.test(sandbox), `untrusted diagram not sandboxed: ${sandbox}`);
      const errors = await page.$$eval('.dg-message.dg-error strong', (els) => els.map((e) => e.textContent));
      assert(/mistake on line 2/.test(errors[0] ?? ''), `parse error in words: ${errors[0]}`);
      assert(/took longer than/.test(errors[1] ?? ''), `timeout in words: ${errors[1]}`);
      await page.waitForTimeout(500);
      assert((await page.evaluate(() => window.__pwned)) === undefined, 'sandboxed diagram ran script');
      await t.screenshot('lesson');
    },
  },
  {
    name: 'clicking a migration opens its file, migrates to it, or shows its before/after',
    async run(t) {
      const { page } = t;
      await openFixture(t, 'project=blog&view=graph');
      const node = '.dg-stage g.dg-clickable[data-key="blog.0005_post_views"]';
      await page.click(node);
      await page.waitForSelector('.dg-popover');
      await t.screenshot('popover');
      await page.click('.dg-popover button:has-text("Open file")');
      await page.click(node);
      await page.click('.dg-popover button:has-text("Migrate blog to here")');
      // A migration with no file in the project (auth's) cannot be opened.
      await page.click('.dg-stage g.dg-clickable[data-key="auth.0001_initial"]');
      assert(await page.isDisabled('.dg-popover button:has-text("Open file")'), 'auth.0001_initial has no file');
      await page.keyboard.press('Escape');
      // Keyboard: focus a node and press Enter.
      await page.focus(node);
      await page.keyboard.press('Enter');
      await page.click('.dg-popover button:has-text("Before / after")');
      await waitDrawn(page);
      const events = await page.evaluate(() => window.__events);
      assert(
        JSON.stringify(events) ===
          JSON.stringify([
            { type: 'openFile', path: 'blog/migrations/0005_post_views.py' },
            { type: 'migrateTo', app: 'blog', name: '0005_post_views' },
          ]),
        `events: ${JSON.stringify(events)}`,
      );
      assert((await page.textContent('.dg-difflist')).includes('+ table blog_tag'), 'before/after of the migration');
      await t.screenshot('migration-changes');
    },
  },
  {
    name: 'clicking a model in the ER diagram opens its models.py',
    async run(t) {
      const { page } = t;
      await openFixture(t, 'project=blog&view=er');
      await page.click('.dg-stage g.dg-clickable[data-key="blog.Post"]');
      await page.click('.dg-popover button:has-text("Open blog/models.py")');
      const events = await page.evaluate(() => window.__events);
      assert(JSON.stringify(events) === JSON.stringify([{ type: 'openFile', path: 'blog/models.py' }]), JSON.stringify(events));
    },
  },
  {
    name: 'the diagram follows the models as they change, and keeps the last good one while models.py is broken',
    async run(t) {
      const { page } = t;
      await openFixture(t, 'project=blog&view=er');
      assert((await nodeCount(page)) === 3, 'three models');
      // A half-typed line: the engine reports no models and an error.
      await page.evaluate(() => window.__setData({ models: [], preview: { status: 'error', migrations: [], questions: [], diagnostics: [] } }));
      await page.waitForSelector('.dg-stale');
      await waitDrawn(page);
      assert((await nodeCount(page)) === 3, 'the last good diagram stays');
      await t.screenshot('stale');
      // Fixed, with one more model.
      await page.evaluate(() => {
        const { blogModels } = window.__dg.projects;
        const extra = { ...blogModels[2], name: 'Comment', table: 'blog_comment', fields: [...blogModels[2].fields, { name: 'post', type: 'ForeignKey', column: 'post_id', dbType: 'bigint', primaryKey: false, unique: false, null: false, relatedModel: 'blog.Post', relation: 'many-to-one' }] };
        window.__setData({ models: [...blogModels, extra], preview: { status: 'changes', migrations: [], questions: [], diagnostics: [] } });
      });
      await page.waitForFunction(() => document.querySelectorAll('.dg-stage svg g.node').length === 4, null, { timeout: 20_000 });
      assert(!(await page.$('.dg-stale')), 'no stale notice once models.py reads again');
      await t.screenshot('updated');
      // A migrate changes the database: "Last change" shows what it did.
      await page.evaluate(() => window.__setData({ tables: window.__dg.projects.blogTablesAfter }));
      await page.click('.dg-tabs button:has-text("Before / after")');
      await page.selectOption('select[aria-label="Which change"]', 'last');
      await page.waitForSelector('.dg-difflist >> text=+ table blog_tag');
      await waitDrawn(page);
      assert((await status(page)).every((x) => x === 'ready'), 'last change drawn');
      await t.screenshot('last-change');
    },
  },
  {
    name: 'export as SVG and PNG',
    async run(t) {
      const { page } = t;
      await openFixture(t, 'project=club&view=er');
      const [svgDl] = await Promise.all([page.waitForEvent('download'), page.click('.dg-toolbar button:has-text("SVG")')]);
      assert(svgDl.suggestedFilename() === 'er-models.svg', svgDl.suggestedFilename());
      const svg = await readFile(await svgDl.path(), 'utf8');
      assert(svg.startsWith('<?xml') && svg.includes('<svg') && svg.includes('club.Membership'), 'SVG content');
      const [pngDl] = await Promise.all([page.waitForEvent('download'), page.click('.dg-toolbar button:has-text("PNG")')]);
      assert(pngDl.suggestedFilename() === 'er-models.png', pngDl.suggestedFilename());
      const png = await readFile(await pngDl.path());
      assert(png.subarray(1, 4).toString() === 'PNG' && png.length > 10_000, `PNG of ${png.length} bytes`);
    },
  },
  {
    name: 'a big project (120 models) draws, filters by app, zooms and pans',
    // Generous limits: on a busy 2-core machine mermaid's layout of 120 tables can take 30 s.
    timeout: 240_000,
    async run(t) {
      const { page } = t;
      const started = Date.now();
      await openFixture(t, 'project=big&n=120&view=er', 120_000);
      const ms = Date.now() - started;
      assert((await nodeCount(page)) === 120, 'all 120 models drawn');
      console.log(`    120 models drawn in ${ms} ms`);
      const transform = () => page.$eval('.dg-stage', (el) => el.style.transform);
      const before = await transform();
      await page.click('.dg-zoom button[aria-label="Zoom in"]');
      const zoomed = await transform();
      assert(zoomed !== before, 'zoom in changes the view');
      const box = await page.$eval('.dg-viewport', (el) => { const r = el.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height }; });
      await page.mouse.move(box.x + box.w / 2, box.y + box.h / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.w / 2 - 200, box.y + box.h / 2 - 150, { steps: 5 });
      await page.mouse.up();
      const panned = await transform();
      assert(panned !== zoomed, 'dragging pans');
      await page.mouse.wheel(0, 400);
      assert((await transform()) !== panned, 'the wheel zooms');
      await t.screenshot('big-zoomed');
      await page.click('.dg-filter summary');
      await page.click('.dg-filter-menu label:has-text("orders")');
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => document.querySelectorAll('.dg-stage svg g.node').length < 120, null, { timeout: 90_000 });
      await waitDrawn(page, 90_000);
      const n = await nodeCount(page);
      assert(n > 24 && n < 120, `filtered to one app plus stubs: ${n}`);
      await t.screenshot('big-one-app');
      // Find a model: only it and its neighbours remain.
      await page.fill('.dg-find input', 'catalog.Thing30');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.querySelectorAll('.dg-stage svg g.node').length < 10, null, { timeout: 90_000 });
      await waitDrawn(page, 90_000);
      const focused = await page.$$eval('.dg-stage g.dg-clickable', (gs) => gs.map((g) => g.dataset.key).sort());
      assert(JSON.stringify(focused) === JSON.stringify(['catalog.Thing30', 'shipping.Thing29', 'catalog.Thing10', 'orders.Thing31', 'catalog.Thing90', 'orders.Thing91', 'people.Thing92'].sort()), `focus: ${focused}`);
      await t.screenshot('big-focus');
      await page.click('.dg-chip');
      await page.waitForFunction(() => document.querySelectorAll('.dg-stage svg g.node').length > 24, null, { timeout: 90_000 });
    },
  },
  {
    name: 'in the workspace, a migration’s before/after marks the column it adds',
    async run(t) {
      const { page } = t;
      await openApp(t);
      await typeInTerminal(page, 'python manage.py makemigrations');
      await waitForTerminal(page, /\+ Create model Post/);
      const models = await page.evaluate(() => window.__playground.files()['blog/models.py']);
      await replaceAll(page, `${models}    views_count = models.IntegerField(default=0)\n`);
      await page.waitForSelector('[data-testid="migration-preview"] >> text=+ Add field views_count to post', { timeout: 30_000 });
      await typeInTerminal(page, 'python manage.py makemigrations');
      await waitForTerminal(page, /\+ Add field views_count to post/);
      await page.click('[role="tab"]:text-is("Diagram")').catch(() => openTab(page, 'Diagram'));
      await page.waitForSelector('[data-testid="diagram-panel"]', { timeout: 30_000 });
      await page.click('.dg-tabs button:has-text("Migration graph")');
      const node = '.dg-stage g.dg-clickable[data-key="blog.0002_post_views_count"]';
      await page.waitForSelector(node, { timeout: 60_000 });
      await waitDrawn(page);
      await page.click(node);
      await page.click('.dg-popover button:has-text("Before / after")');
      await page.waitForSelector('.dg-difflist >> text=views_count', { timeout: 30_000 });
      await waitDrawn(page);
      const lines = await page.$$eval('.dg-difflist li', (lis) => lis.map((li) => li.textContent.trim()));
      assert(lines.some((l) => /^~ table blog_post/.test(l)), `blog_post changed: ${JSON.stringify(lines)}`);
      assert(lines.some((l) => /^\+ views_count\b/.test(l)), `views_count marked added: ${JSON.stringify(lines)}`);
      assert(!lines.some((l) => /title|content/.test(l)), `only the added column is a change: ${JSON.stringify(lines)}`);
      const drawn = await page.$eval('.dg-stage', (el) => el.textContent ?? '');
      assert(drawn.includes('views_count'), 'the drawing shows the added column');
      await t.screenshot('workspace-migration-before-after');
    },
  },
  ...['light', 'dark'].map((theme) => ({
    name: `the workspace’s Diagram tab draws the project, ${theme}`,
    colorScheme: theme,
    async run(t) {
      const { page } = t;
      await openApp(t);
      await page.click('[role="tab"]:text-is("Diagram")').catch(() => openTab(page, 'Diagram'));
      await page.waitForSelector('[data-testid="diagram-panel"]', { timeout: 30_000 });
      await waitDrawn(page);
      const s = await status(page);
      assert(s.length > 0 && s.every((x) => x === 'ready' || x === 'empty'), `statuses ${s}`);
      await t.screenshot('er');
      await page.click('.dg-tabs button:has-text("Migration graph")');
      await waitDrawn(page);
      await t.screenshot('graph');
      await page.click('.dg-tabs button:has-text("Before / after")');
      await waitDrawn(page);
      await t.screenshot('changes');
    },
  })),
];
