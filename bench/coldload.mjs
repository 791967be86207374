// Cold load of the playground in headless Chromium: navigation start to "editor ready"
// (Monaco mounted with the project), and the JS/WASM loaded before it (gzipped size).
// Budgets: under 2 s and under 1.5 MB gzipped; Monaco's workers and mermaid must load later.
// Prints one JSON object per line.
//
//   node bench/coldload.mjs [--no-build] [--runs N]
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { serveStatic } from '../tests/e2e/static-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const noBuild = args.includes('--no-build');
const runs = Number(args[args.indexOf('--runs') + 1]) || 5;
const BUDGET_MS = 2000;
const BUDGET_BYTES = 1.5 * 1024 * 1024;

const outDir = noBuild ? path.join(root, 'dist') : path.join(root, '.cache', `bench-dist-${process.pid}`);
if (!noBuild) {
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error', '--outDir', outDir, '--emptyOutDir'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(1);
}
const server = await serveStatic(outDir);
const url = `http://127.0.0.1:${server.port}/`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

const times = [];
let bytes = null;
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const loaded = [];
  page.on('response', async (res) => {
    const u = res.url();
    if (!/\.(js|mjs|wasm)(\?|$)/.test(u)) return;
    const at = Date.now();
    const body = await res.body().catch(() => null);
    if (body) loaded.push({ url: u, at, raw: body.length, gzip: gzipSync(body).length });
  });
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.dataset.editorReady === 'true', null, { timeout: 30_000 });
  const readyAt = Date.now();
  const ms = await page.evaluate(() => performance.getEntriesByName('editor-ready')[0]?.startTime ?? -1);
  times.push(ms);
  if (i === 0) {
    await page.waitForTimeout(300);
    const before = loaded.filter((l) => l.at <= readyAt);
    const names = before.map((l) => path.basename(new URL(l.url).pathname));
    bytes = {
      bench: 'cold-load-bytes',
      js_wasm_gzip_bytes: before.reduce((n, l) => n + l.gzip, 0),
      js_wasm_raw_bytes: before.reduce((n, l) => n + l.raw, 0),
      files: names,
      budget_bytes: BUDGET_BYTES,
      monaco_workers_lazy: !names.some((n) => /editor\.worker/.test(n)),
      mermaid_lazy: !names.some((n) => /mermaid/i.test(n)),
    };
  }
  await context.close();
}
await browser.close();
server.close();
if (!noBuild) rmSync(outDir, { recursive: true, force: true });

const sorted = [...times].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)];
console.log(JSON.stringify({ bench: 'cold-load', ms: Math.round(median), runs: times.map(Math.round), budget_ms: BUDGET_MS, within_budget: median < BUDGET_MS }));
console.log(JSON.stringify({ ...bytes, within_budget: bytes.js_wasm_gzip_bytes < BUDGET_BYTES }));
