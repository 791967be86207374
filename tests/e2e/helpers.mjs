// Shared steps for the end-to-end tests.
/** `E2E_ENGINE=real|fake` picks the engine for the whole run; otherwise the app's default. */
export const engineQuery = process.env.E2E_ENGINE ? `?engine=${process.env.E2E_ENGINE}` : '';

export async function openApp(t, query = engineQuery) {
  await t.page.goto(t.baseUrl + query);
  await waitReady(t.page);
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
