// Shared steps for the end-to-end tests.
export async function openApp(t, query = '') {
  // The stand-in engine unless a test asks for ?engine=real.
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

/** Replaces the open file's whole text in Monaco. */
export async function replaceAll(page, text) {
  await page.click('.monaco-editor .view-lines');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.evaluate(async (t) => navigator.clipboard?.writeText?.(t).catch(() => {}), text).catch(() => {});
  // Typing keeps Monaco's auto-indent out: insert line by line from column 1.
  for (const [i, line] of text.split('\n').entries()) {
    if (i > 0) {
      await page.keyboard.press('Enter');
      await page.keyboard.press('Home');
      await page.keyboard.press('Shift+Home');
      await page.keyboard.press('Delete');
    }
    if (line) await page.keyboard.insertText(line);
  }
  await page.keyboard.press('Escape');
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
