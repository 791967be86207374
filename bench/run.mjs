// `npm run bench`: migrate from an empty database on generated 10/100/500-model projects versus
// bare sql.js running the same statements (in the playground, and as a fresh process), and
// sqlmigrate of their initial migration.
// Prints one JSON object per line.
import { build } from 'esbuild';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

// Bundled next to the CLI so the external sql.js resolves from node_modules.
const out = join(process.cwd(), 'dist', 'bench-harness.mjs');
await build({
  entryPoints: [new URL('./harness.ts', import.meta.url).pathname],
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

const sizes = (process.env.BENCH_SIZES ?? '10,100,500').split(',').map(Number);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const round = (x) => Math.round(x * 100) / 100;

let failed = false;
for (const n of sizes) {
  // Untimed warm-up runs first (the engine's code is compiled by the JIT, as after a student's
  // first command), then enough timed runs for a steady median at each size.
  const runs = n >= 500 ? 5 : n >= 100 ? 15 : 41;
  const warmup = n >= 500 ? 1 : 3;
  let files;
  try {
    files = await h.withMigrations(h.generateProject(n));
  } catch (e) {
    console.log(JSON.stringify({ bench: 'setup', models: n, error: String(e?.message ?? e) }));
    failed = true;
    continue;
  }
  // The target: migrate in the playground (project loaded by the live preview) within 1.5x of
  // sql.js running the same statements. A fresh process (settings and models run first) is shown too.
  const migrate = [];
  const fresh = [];
  const replay = [];
  let statements = 0;
  for (let i = 0; i < warmup; i++) {
    const r = await h.timeMigrate(files, true);
    h.timeReplay(r.log);
    await h.timeMigrate(files, false);
  }
  for (let i = 0; i < runs; i++) {
    const r = await h.timeMigrate(files, true);
    if (r.code !== 0) failed = true;
    migrate.push(r.ms);
    statements = r.log.length;
    replay.push(h.timeReplay(r.log));
    fresh.push((await h.timeMigrate(files, false)).ms);
  }
  const m = median(migrate);
  const s = median(replay);
  console.log(JSON.stringify({ bench: 'migrate', models: n, median_ms: round(m), statements }));
  console.log(JSON.stringify({ bench: 'sqljs-same-statements', models: n, median_ms: round(s) }));
  console.log(JSON.stringify({ bench: 'migrate-vs-sqljs', models: n, ratio: round(m / s), limit: 1.5, ok: m / s <= 1.5 }));
  console.log(JSON.stringify({ bench: 'migrate-fresh-process', models: n, median_ms: round(median(fresh)), ratio_vs_sqljs: round(median(fresh) / s) }));
  const sq = [];
  for (let i = 0; i < runs; i++) sq.push((await h.timeSqlmigrate(files)).ms);
  console.log(JSON.stringify({ bench: 'sqlmigrate', models: n, median_ms: round(median(sq)) }));
}
process.exitCode = failed ? 1 : 0;
