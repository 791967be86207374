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
  // The target is a steady-state ratio: untimed warm-up iterations run until V8 has compiled the
  // engine's code and sql.js's WebAssembly with its optimizing tiers (about a second and a half
  // of work), then the timed runs. The first iterations are timed too and shown apart, unjudged.
  const runs = n >= 500 ? 7 : n >= 100 ? 31 : 101;
  const warmupMs = 1500;
  const firstRuns = n >= 500 ? 1 : 10;
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
  const iteration = async () => {
    const r = await h.timeMigrate(files, true);
    if (r.code !== 0) failed = true;
    const replay = h.timeReplay(r.log);
    const fresh = (await h.timeMigrate(files, false)).ms;
    return { migrate: r.ms, replay, fresh, statements: r.log.length };
  };
  const first = [];
  const warmStart = performance.now();
  while (first.length < firstRuns || performance.now() - warmStart < warmupMs) {
    const it = await iteration();
    if (first.length < firstRuns) first.push(it);
  }
  const migrate = [];
  const fresh = [];
  const replay = [];
  let statements = 0;
  for (let i = 0; i < runs; i++) {
    const it = await iteration();
    migrate.push(it.migrate);
    replay.push(it.replay);
    fresh.push(it.fresh);
    statements = it.statements;
  }
  const m = median(migrate);
  const s = median(replay);
  console.log(JSON.stringify({ bench: 'migrate', models: n, median_ms: round(m), statements }));
  console.log(JSON.stringify({ bench: 'sqljs-same-statements', models: n, median_ms: round(s) }));
  console.log(JSON.stringify({ bench: 'migrate-vs-sqljs', models: n, ratio: round(m / s), limit: 1.5, ok: m / s <= 1.5 }));
  console.log(JSON.stringify({ bench: 'migrate-fresh-process', models: n, median_ms: round(median(fresh)), ratio_vs_sqljs: round(median(fresh) / s) }));
  const firstRatio = median(first.map((it) => it.migrate)) / median(first.map((it) => it.replay));
  console.log(JSON.stringify({ bench: 'migrate-first-runs', models: n, runs: first.length, ratio_vs_sqljs: round(firstRatio) }));
  const sq = [];
  for (let i = 0; i < runs; i++) sq.push((await h.timeSqlmigrate(files)).ms);
  console.log(JSON.stringify({ bench: 'sqlmigrate', models: n, median_ms: round(median(sq)) }));
}
process.exitCode = failed ? 1 : 0;
