// End-to-end tests in headless Chromium: build the app, serve dist/, run tests/e2e/*.e2e.mjs.
//
//   node tests/e2e/run.mjs [--no-build] [name-substring ...]
//
// Each test file exports `tests`: [{ name, skip?: 'reason', run: async (t) => {} }], where
// t = { page, context, browser, baseUrl, screenshot(name), newPage() }. Every test gets a fresh
// browser context (empty IndexedDB) at 1280×720.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { serveStatic } from './static-server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const args = process.argv.slice(2);
const noBuild = args.includes('--no-build');
const filters = args.filter((a) => !a.startsWith('--'));
const resultsDir = path.join(root, 'test-results');
mkdirSync(resultsDir, { recursive: true });

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

// Each run builds into its own folder, so runs started side by side never serve each other's
// half-written files; --no-build serves dist/ as it is.
const outDir = noBuild ? path.join(root, 'dist') : path.join(root, '.cache', `e2e-dist-${process.pid}`);
if (!noBuild) {
  console.log('building the app (vite build)…');
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

const server = await serveStatic(outDir);
const baseUrl = `http://127.0.0.1:${server.port}/`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });

const files = readdirSync(here).filter((f) => f.endsWith('.e2e.mjs')).sort();
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of files) {
  const mod = await import(pathToFileURL(path.join(here, file)).href);
  for (const test of mod.tests ?? []) {
    const title = `${file.replace('.e2e.mjs', '')} › ${test.name}`;
    if (filters.length && !filters.some((f) => title.includes(f))) continue;
    if (test.skip) {
      skipped++;
      console.log(`- skip ${title} (${test.skip})`);
      continue;
    }
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, colorScheme: test.colorScheme ?? 'light' });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const slug = title.replace(/[^\w]+/g, '-').replace(/^-|-$/g, '').toLowerCase();
    const t = {
      page,
      context,
      browser,
      baseUrl,
      screenshot: (name, p = page) => p.screenshot({ path: path.join(resultsDir, `${slug}-${name}.png`) }),
      newPage: () => context.newPage(),
    };
    const started = Date.now();
    try {
      await Promise.race([
        test.run(t),
        new Promise((_, reject) => setTimeout(() => reject(new Error('test timed out after 90 s')), test.timeout ?? 90_000)),
      ]);
      if (errors.length) throw new Error(`uncaught errors in the page:\n${errors.join('\n')}`);
      passed++;
      console.log(`✓ ${title} (${Date.now() - started} ms)`);
    } catch (e) {
      failed++;
      console.log(`✗ ${title}\n  ${String(e?.stack ?? e).split('\n').slice(0, 8).join('\n  ')}`);
      await page.screenshot({ path: path.join(resultsDir, `${slug}-FAILED.png`) }).catch(() => {});
    } finally {
      await context.close().catch(() => {});
    }
  }
}

await browser.close();
server.close();
if (!noBuild) rmSync(outDir, { recursive: true, force: true });
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
