// Mermaid, loaded on first use (its own chunk), drawing one diagram at a time (mermaid's
// render keeps global state), with a strict security level and a time limit, and errors
// turned into plain words.

import type { DiagramTheme } from '../../diagrams/palette';

type Mermaid = (typeof import('mermaid'))['default'];

let loading: Promise<Mermaid> | null = null;

/** Loads mermaid once; a failed load can be retried. */
export function loadMermaid(): Promise<Mermaid> {
  if (!loading) {
    loading = import('mermaid').then(
      (m) => m.default,
      (err: unknown) => {
        loading = null;
        throw err;
      },
    );
  }
  return loading;
}

export interface RenderOptions {
  theme: DiagramTheme;
  /**
   * 'strict' for diagrams we generate; 'sandbox' for mermaid text from elsewhere (a share
   * link, a lesson): then the picture is an iframe with scripts disabled.
   */
  securityLevel?: 'strict' | 'sandbox';
  timeoutMs?: number;
}

export type RenderResult = { ok: true; svg: string } | { ok: false; error: string; detail?: string };

let queue: Promise<unknown> = Promise.resolve();
let counter = 0;

export const DEFAULT_TIMEOUT_MS = 30000;

/** Draws mermaid text to an SVG string (or an iframe string under 'sandbox'). Never throws. */
export function renderMermaid(text: string, options: RenderOptions): Promise<RenderResult> {
  return new Promise((resolve) => {
    // The next drawing waits for this one to really finish, even after its time ran out,
    // because mermaid keeps global state while it draws.
    queue = queue.then(() => renderNow(text, options, resolve)).catch(() => undefined);
  });
}

async function renderNow(text: string, options: RenderOptions, report: (r: RenderResult) => void): Promise<void> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<RenderResult>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          ok: false,
          error: `Drawing the diagram took longer than ${Math.round(timeoutMs / 1000)} seconds, so it was stopped. Try showing fewer apps or fewer columns.`,
        }),
      timeoutMs,
    );
  });
  const work = (async (): Promise<RenderResult> => {
    let mermaid: Mermaid;
    try {
      mermaid = await loadMermaid();
    } catch (err) {
      return { ok: false, error: 'The diagram library could not be loaded. Check your connection and reload the page.', detail: String(err) };
    }
    const dark = options.theme === 'dark';
    mermaid.initialize({
      startOnLoad: false,
      securityLevel: options.securityLevel ?? 'strict',
      theme: dark ? 'dark' : 'default',
      // SVG text instead of HTML in foreignObject: nothing to inject into, and PNG export
      // can draw it on a canvas without tainting it.
      htmlLabels: false,
      flowchart: { htmlLabels: false, curve: 'basis', nodeSpacing: 30, rankSpacing: 40, wrappingWidth: 400, padding: 10 },
      er: { useMaxWidth: false, diagramPadding: 16 },
      suppressErrorRendering: true,
      maxTextSize: 2_000_000,
      maxEdges: 5000,
      fontFamily: 'ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
      themeVariables: dark
        ? { background: '#1e1e1e', clusterBkg: '#252526', clusterBorder: '#45454a', titleColor: '#cccccc', lineColor: '#9a9a9a', edgeLabelBackground: '#2d2d2e' }
        : { background: '#ffffff', clusterBkg: '#f8fafc', clusterBorder: '#cbd5e1', titleColor: '#334155', lineColor: '#64748b', edgeLabelBackground: '#f1f5f9' },
    });
    const id = `dgm-${Date.now().toString(36)}-${counter++}`;
    try {
      const { svg } = await mermaid.render(id, text);
      return { ok: true, svg };
    } catch (err) {
      return { ok: false, ...plainError(err) };
    } finally {
      // A failed render can leave its scratch element behind.
      document.getElementById(id)?.remove();
      document.getElementById(`d${id}`)?.remove();
      document.getElementById(`i${id}`)?.remove();
    }
  })();
  void Promise.race([work, timeout]).then(report);
  try {
    // A drawing that never ends must not block every later one.
    await Promise.race([work, new Promise((r) => setTimeout(r, timeoutMs * 2 + 1000))]);
  } finally {
    clearTimeout(timer);
  }
}

/** Mermaid's error in plain words, with its own text kept as detail. */
export function plainError(err: unknown): { error: string; detail?: string } {
  const raw = err instanceof Error ? err.message : typeof err === 'string' ? err : String((err as { str?: string })?.str ?? err);
  const lineMatch = /on line (\d+)/.exec(raw);
  const expecting = /Expecting (.+?), got '([^']*)'/.exec(raw);
  if (/Parse error|Lexical error|syntax/i.test(raw)) {
    let msg = `The diagram's text has a mistake${lineMatch ? ` on line ${lineMatch[1]}` : ''}`;
    if (expecting) msg += `: mermaid did not expect ${expecting[2] === 'EOF' ? 'the end of the text' : `'${expecting[2]}'`} there`;
    return { error: msg + '.', detail: raw };
  }
  if (/Maximum text size|maxTextSize/i.test(raw)) return { error: 'The diagram is too large to draw. Show fewer apps or fewer columns.', detail: raw };
  if (/No diagram type detected|UnknownDiagramError/i.test(raw)) {
    return { error: 'This is not a diagram mermaid knows: the text must start with a diagram type such as erDiagram or flowchart.', detail: raw };
  }
  return { error: `The diagram could not be drawn: ${raw.split('\n')[0] || 'unknown error'}.`, detail: raw };
}
