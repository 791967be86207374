// `node bench/makemigrations.mjs`: makemigrations after one edit, medians over repeated runs.
// Prints one JSON object per line.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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

// Real Django on the same projects, where it is importable (DJANGO_PYTHONPATH, else the local copy).
const defaultDjangoPath = '/tmp/dj52/usr/lib/python3/dist-packages';
const djangoPath = process.env.DJANGO_PYTHONPATH ?? (existsSync(defaultDjangoPath) ? defaultDjangoPath : undefined);
const djangoScript = fileURLToPath(new URL('./django_makemigrations.py', import.meta.url));
let djangoSkipped = false;

/** Times real Django's makemigrations work on the project (migrations before the edit, models.py after it). */
function runDjango(label, files, edited, runs) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-django-'));
  try {
    for (const [p, t] of Object.entries({ ...files, 'blog/models.py': edited })) {
      mkdirSync(dirname(join(dir, p)), { recursive: true });
      writeFileSync(join(dir, p), t);
    }
    const env = { ...process.env, PYTHONDONTWRITEBYTECODE: '1' };
    if (djangoPath) env.PYTHONPATH = [djangoPath, process.env.PYTHONPATH].filter(Boolean).join(':');
    const r = spawnSync('python3', [djangoScript, dir, '--runs', String(runs), '--warmup', runs > 3 ? '2' : '1', '--models', String(label)], {
      env,
      encoding: 'utf8',
      timeout: 600_000,
    });
    const line = (r.stdout ?? '').trim().split('\n').pop() ?? '';
    let result;
    try {
      result = JSON.parse(line);
    } catch {
      result = undefined;
    }
    if (r.error || !result) {
      if (r.error?.code === 'ENOENT') return { bench: 'makemigrations-django', skipped: 'Django not importable' };
      return { bench: 'makemigrations-django', models: label, error: (r.stderr || String(r.error ?? 'no output')).trim().split('\n').pop() };
    }
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

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
  const label = size === 'seed' ? 'seed' : n;
  console.log(JSON.stringify({ bench: 'makemigrations-one-edit', models: label, median_ms: round(m), limit_ms: limit, ok: m <= limit }));
  if (djangoSkipped) continue;
  // Django's autodetector is slow on 500 models: keep that run to a few repetitions.
  const dj = runDjango(label, files, edited, n >= 500 ? 5 : 21);
  console.log(JSON.stringify(dj));
  if (dj.skipped) djangoSkipped = true;
  else if (typeof dj.median_ms === 'number' && dj.median_ms > 0) {
    console.log(JSON.stringify({ bench: 'makemigrations-vs-django', models: label, ratio: round(m / dj.median_ms) }));
  }
}
