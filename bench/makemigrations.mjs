// `node bench/makemigrations.mjs`: makemigrations after one edit, medians over repeated runs.
// Prints one JSON object per line.
import { build } from 'esbuild';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const out = join(process.cwd(), 'dist', 'bench-makemigrations.mjs');
await build({
  entryPoints: [new URL('./makemigrations.ts', import.meta.url).pathname],
  outfile: out,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['sql.js'],
  banner: { js: "import { createRequire as __cr } from 'module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
});
const h = await import(pathToFileURL(out).href);
await h.init();

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x) => Math.round(x * 100) / 100;
const targets = { seed: 2, 10: 15, 100: 15, 500: 100 };
const sizes = (process.env.BENCH_SIZES ?? 'seed,10,100,500').split(',');
for (const size of sizes) {
  const n = size === 'seed' ? 1 : Number(size);
  const { files, edited } = await h.prepare(size === 'seed' ? h.seedProject() : h.generateProject(n));
  const { project, mem } = h.makeProject(files);
  const runs = n >= 500 ? 7 : 21;
  const times = [];
  for (let i = 0; i < runs + 2; i++) {
    const ms = await h.timeOneEdit(project, mem, files, edited);
    if (i >= 2) times.push(ms);
  }
  const m = median(times);
  const limit = size === 'seed' ? targets.seed : n >= 500 ? 100 : 15;
  console.log(JSON.stringify({ bench: 'makemigrations-one-edit', models: size === 'seed' ? 'seed' : n, median_ms: round(m), limit_ms: limit, ok: m <= limit }));
}
