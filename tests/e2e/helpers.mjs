// Shared steps for the end-to-end tests.
/** `E2E_ENGINE=real|fake` picks the engine for the whole run; otherwise the app's default. */
export const engineQuery = process.env.E2E_ENGINE ? `?engine=${process.env.E2E_ENGINE}` : '';

export const BLOG_FILES = {
  'settings.py':
    "SECRET_KEY = 'playground'\nINSTALLED_APPS = [\n    'blog',\n]\n" +
    "DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': 'db.sqlite3'}}\n" +
    "DEFAULT_AUTO_FIELD = 'django.db.models.BigAutoField'\nUSE_TZ = True\n",
  'blog/__init__.py': '',
  'blog/migrations/__init__.py': '',
  'blog/models.py': 'from django.db import models\n\n\nclass Post(models.Model):\n    title = models.CharField(max_length=200)\n    content = models.TextField()\n',
};

/**
 * Opens the app and, unless `blog: false`, puts the seed project (Post with title and content,
 * no migrations) in the workspace the lesson pane settled on, so tests do not depend on lessons.
 */
export async function openApp(t, query = engineQuery, { blog = true } = {}) {
  await t.page.goto(t.baseUrl + query);
  await waitReady(t.page);
  await settleWorkspace(t.page);
  if (blog) await useProject(t.page, BLOG_FILES);
}

/** Waits until the lesson pane (when there is one) has switched the workspace to its lesson. */
export async function settleWorkspace(page) {
  await page.waitForFunction(() => window.__playground?.workspaceKey?.().startsWith('lesson:'), null, { timeout: 5000 }).catch(() => {});
  await page.waitForFunction(() => /ready/i.test(document.querySelector('.statusbar')?.textContent ?? ''), null, { timeout: 30_000 });
}

/** Replaces every file of the workspace with `files`. */
export async function useProject(page, files) {
  await page.evaluate((wanted) => {
    const changes = {};
    for (const p of Object.keys(window.__playground.files())) if (!(p in wanted)) changes[p] = null;
    Object.assign(changes, wanted);
    window.__playground.setFiles(changes);
  }, files);
  await page.waitForFunction((wanted) => JSON.stringify(window.__playground.files()) === JSON.stringify(Object.fromEntries(Object.entries(wanted).sort())), files);
  await page.click(`[data-path="${Object.keys(files).find((p) => p.endsWith('models.py'))}"]`);
}

export async function waitReady(page) {
  await page.waitForFunction(() => document.documentElement.dataset.editorReady === 'true', null, { timeout: 30_000 });
  await page.waitForFunction(() => /ready/i.test(document.querySelector('.statusbar')?.textContent ?? ''), null, { timeout: 30_000 });
  await page.waitForSelector('.terminal-host .xterm', { timeout: 30_000 });
}

export async function openFile(page, path) {
  await page.click(`[data-path="${path}"]`);
}

/** Appends a line at the end of the open file in Monaco. */
export async function appendLine(page, text) {
  await page.click('.monaco-editor .view-lines');
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text, { delay: 5 });
  await page.keyboard.press('Escape');
}

/** Replaces a file's whole text, as a paste would (Monaco would re-indent typed lines). */
export async function replaceAll(page, text, path = 'blog/models.py') {
  await page.evaluate(([p, t]) => window.__playground.setFiles({ [p]: t }), [path, text]);
  await page.waitForFunction(([p, t]) => window.__playground.files()[p] === t, [path, text]);
}

export async function terminalText(page) {
  return page.evaluate(() => window.__playground.terminalText());
}

export async function typeInTerminal(page, line, { enter = true } = {}) {
  await page.click('.terminal-host .xterm');
  await page.keyboard.type(line, { delay: 2 });
  if (enter) await page.keyboard.press('Enter');
}

export async function waitForTerminal(page, pattern, timeout = 20_000) {
  const source = pattern instanceof RegExp ? pattern.source : pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const flags = pattern instanceof RegExp ? pattern.flags : '';
  try {
    await page.waitForFunction(([s, f]) => new RegExp(s, f).test(window.__playground.terminalText()), [source, flags], { timeout });
  } catch (e) {
    throw new Error(`terminal never showed ${pattern}; it shows:\n${await terminalText(page)}`);
  }
}

export async function openTab(page, name) {
  await page.click(`[role="tab"]:has-text("${name}")`);
}

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}
