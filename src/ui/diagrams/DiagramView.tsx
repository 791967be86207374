// One drawn diagram: mermaid text in, an SVG you can zoom, pan, click, focus and export out.
// Drawing is debounced, the last good picture stays while a new one is drawn, and a diagram
// that cannot be drawn says why (never an endless "Loading").

import DOMPurify from 'dompurify';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { DiagramTheme } from '../../diagrams/palette';
import { download, pngBlob, svgDocument } from './exportDiagram';
import { renderMermaid } from './mermaidRenderer';

export interface DiagramViewProps {
  /** Mermaid text. */
  text: string;
  theme: DiagramTheme;
  /** 'sandbox' draws inside a sandboxed iframe (no zoom, pan or clicks): for untrusted text. */
  securityLevel?: 'strict' | 'sandbox';
  /** Mermaid node id -> key handed to `onNodeActivate` (from the generators' `ids`). */
  ids?: ReadonlyMap<string, string>;
  /** Accessible name of a clickable node. */
  nodeLabel?: (key: string) => string;
  /** A node was clicked (or Enter pressed on it); `at` is relative to the view's top-left. */
  onNodeActivate?: (key: string, at: { x: number; y: number }) => void;
  /** Accessible name of the diagram. */
  label: string;
  /** Base file name for export; no export buttons without it. */
  exportName?: string;
  /** When this changes, the view fits the diagram again (e.g. another kind of diagram). */
  fitKey?: string;
  /** Controls shown at the left of the view's toolbar. */
  toolbar?: ReactNode;
  /** CSS height of the view; it fills its parent by default. */
  height?: number | string;
  timeoutMs?: number;
  debounceMs?: number;
}

type State =
  | { status: 'drawing' }
  | { status: 'ready'; svg: string; sandboxed: boolean; fitKey: string }
  | { status: 'error'; error: string; detail?: string };

const MIN_SCALE = 0.05;
const MAX_SCALE = 4;
/** A first view smaller than this is unreadable: big diagrams start at READABLE_SCALE instead. */
const TOO_SMALL_TO_READ = 0.3;
const READABLE_SCALE = 0.6;

function sanitizeSvg(svg: string): string {
  // Mermaid's strict level already sanitizes labels; this second pass guarantees that no
  // script, event handler or javascript: link reaches the page whatever the text was.
  return DOMPurify.sanitize(svg, {
    USE_PROFILES: { svg: true, svgFilters: true },
    ADD_TAGS: ['style'],
    ADD_ATTR: ['aria-roledescription', 'dominant-baseline', 'marker-end', 'marker-start'],
    FORBID_TAGS: ['foreignObject', 'script', 'a'],
    FORBID_ATTR: ['href', 'xlink:href'],
  });
}

export function DiagramView(props: DiagramViewProps) {
  const { text, theme, securityLevel = 'strict', ids, nodeLabel, onNodeActivate, label, exportName, fitKey, toolbar, height, timeoutMs, debounceMs = 120 } = props;
  const [state, setState] = useState<State>({ status: 'drawing' });
  const [busy, setBusy] = useState(true);
  const [zoomText, setZoomText] = useState('100%');
  const [exportError, setExportError] = useState<string | null>(null);
  const viewportRef = useRef<HTMLDivElement>(null);
  const stageRef = useRef<HTMLDivElement>(null);
  const view = useRef({ scale: 1, x: 0, y: 0 });
  const fitted = useRef<string | null>(null);
  const activateRef = useRef(onNodeActivate);
  activateRef.current = onNodeActivate;
  const fitKeyRef = useRef(fitKey ?? '');
  fitKeyRef.current = fitKey ?? '';

  useEffect(() => {
    let cancelled = false;
    setBusy(true);
    const timer = setTimeout(() => {
      void renderMermaid(text, { theme, securityLevel, timeoutMs }).then((r) => {
        if (cancelled) return;
        setBusy(false);
        if (r.ok) setState({ status: 'ready', svg: securityLevel === 'sandbox' ? r.svg : sanitizeSvg(r.svg), sandboxed: securityLevel === 'sandbox', fitKey: fitKeyRef.current });
        else setState({ status: 'error', error: r.error, detail: r.detail });
      });
    }, debounceMs);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [text, theme, securityLevel, timeoutMs, debounceMs]);

  const apply = useCallback(() => {
    const stage = stageRef.current;
    if (!stage) return;
    const { scale, x, y } = view.current;
    stage.style.transform = `translate(${x}px, ${y}px) scale(${scale})`;
    setZoomText(`${Math.round(scale * 100)}%`);
  }, []);

  const svgEl = () => stageRef.current?.querySelector('svg') ?? null;

  const naturalSize = () => {
    const svg = svgEl();
    if (!svg) return null;
    const vb = svg.viewBox?.baseVal;
    return vb && vb.width > 0 ? { w: vb.width, h: vb.height } : { w: svg.clientWidth || 1, h: svg.clientHeight || 1 };
  };

  const fit = useCallback(
    (readable: boolean) => {
      const vp = viewportRef.current;
      const size = naturalSize();
      if (!vp || !size) return;
      const cw = vp.clientWidth || 800;
      const ch = vp.clientHeight || 500;
      let scale = Math.min((cw - 24) / size.w, (ch - 24) / size.h, 1);
      scale = Math.max(scale, MIN_SCALE);
      if (readable && scale < TOO_SMALL_TO_READ) {
        // Too big to fit legibly: start readable, at the top-most node nearest the middle.
        scale = READABLE_SCALE;
        const anchor = topNode(size.w);
        const ax = anchor ? anchor.x : size.w / 2;
        const ay = anchor ? anchor.y : 0;
        view.current = { scale, x: cw / 2 - ax * scale, y: 16 - ay * scale };
      } else {
        view.current = { scale, x: (cw - size.w * scale) / 2, y: Math.max(12, (ch - size.h * scale) / 2) };
      }
      apply();
    },
    [apply],
  );

  /** Natural coordinates (centre x, top y) of the top-most node, preferring the middle. */
  const topNode = (width: number): { x: number; y: number } | null => {
    const svg = svgEl();
    const stage = stageRef.current;
    if (!svg || !stage) return null;
    const prev = stage.style.transform;
    stage.style.transform = 'none';
    const origin = svg.getBoundingClientRect();
    const vbScale = origin.width > 0 ? width / origin.width : 1;
    let best: { x: number; y: number; score: number } | null = null;
    for (const g of svg.querySelectorAll('g.node')) {
      const r = g.getBoundingClientRect();
      if (r.width === 0) continue;
      const x = (r.left + r.width / 2 - origin.left) * vbScale;
      const y = (r.top - origin.top) * vbScale;
      const score = y + Math.abs(x - width / 2) * 0.25;
      if (!best || score < best.score) best = { x, y, score };
    }
    stage.style.transform = prev;
    return best;
  };

  const zoomAt = useCallback(
    (factor: number, cx?: number, cy?: number) => {
      const vp = viewportRef.current;
      if (!vp) return;
      const { scale, x, y } = view.current;
      const next = Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale * factor));
      const px = cx ?? vp.clientWidth / 2;
      const py = cy ?? vp.clientHeight / 2;
      view.current = { scale: next, x: px - ((px - x) * next) / scale, y: py - ((py - y) * next) / scale };
      apply();
    },
    [apply],
  );

  // Put the SVG in place, make nodes focusable buttons, and fit when the diagram is new.
  useLayoutEffect(() => {
    const stage = stageRef.current;
    if (!stage || state.status !== 'ready') return;
    stage.innerHTML = state.svg;
    if (state.sandboxed) {
      stage.style.transform = '';
      return;
    }
    const svg = svgEl();
    if (!svg) return;
    const vb = svg.viewBox?.baseVal;
    if (vb && vb.width > 0) {
      svg.setAttribute('width', String(vb.width));
      svg.setAttribute('height', String(vb.height));
    }
    svg.style.maxWidth = 'none';
    svg.setAttribute('aria-label', label);
    const svgId = svg.id;
    if (ids && ids.size > 0) {
      for (const g of svg.querySelectorAll<SVGGElement>('g.node[id]')) {
        const m = new RegExp(`^${svgId.replace(/[^\w-]/g, '')}-(?:flowchart|entity)-(.+)-\\d+$`).exec(g.id);
        const key = m ? ids.get(m[1]!) : undefined;
        if (!key || !activateRef.current) continue;
        g.dataset.key = key;
        g.classList.add('dg-clickable');
        g.setAttribute('tabindex', '0');
        g.setAttribute('role', 'button');
        g.setAttribute('aria-label', nodeLabel ? nodeLabel(key) : key);
      }
    }
    // Fit when a different diagram arrives (the key it was drawn for, not the current prop:
    // the prop changes before the new picture is drawn).
    if (fitted.current !== state.fitKey) {
      fitted.current = state.fitKey;
      fit(true);
    } else apply();
  }, [state, ids, nodeLabel, label, fit, apply]);

  // Wheel zoom needs a non-passive listener to keep the page from scrolling.
  useEffect(() => {
    const vp = viewportRef.current;
    if (!vp) return;
    const onWheel = (e: WheelEvent) => {
      if (state.status !== 'ready' || state.sandboxed) return;
      e.preventDefault();
      const r = vp.getBoundingClientRect();
      const delta = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
      zoomAt(Math.exp(-delta * 0.0015), e.clientX - r.left, e.clientY - r.top);
    };
    vp.addEventListener('wheel', onWheel, { passive: false });
    return () => vp.removeEventListener('wheel', onWheel);
  }, [state, zoomAt]);

  const drag = useRef<{ id: number; sx: number; sy: number; x: number; y: number; moved: boolean; target: EventTarget | null } | null>(null);

  const activateNode = (g: Element) => {
    const vp = viewportRef.current;
    const key = (g as SVGGElement).dataset.key;
    if (!vp || !key) return;
    const r = g.getBoundingClientRect();
    const v = vp.getBoundingClientRect();
    activateRef.current?.(key, { x: r.left - v.left + r.width / 2, y: r.bottom - v.top + 4 });
  };

  const onPointerDown = (e: React.PointerEvent) => {
    if (e.button !== 0 || state.status !== 'ready' || state.sandboxed) return;
    drag.current = { id: e.pointerId, sx: e.clientX, sy: e.clientY, x: view.current.x, y: view.current.y, moved: false, target: e.target };
  };
  const onPointerMove = (e: React.PointerEvent) => {
    const d = drag.current;
    if (!d || d.id !== e.pointerId) return;
    const dx = e.clientX - d.sx;
    const dy = e.clientY - d.sy;
    if (!d.moved && Math.hypot(dx, dy) < 4) return;
    if (!d.moved) {
      d.moved = true;
      viewportRef.current?.setPointerCapture(e.pointerId);
    }
    view.current = { ...view.current, x: d.x + dx, y: d.y + dy };
    apply();
  };
  const onPointerUp = (e: React.PointerEvent) => {
    const d = drag.current;
    drag.current = null;
    if (!d || d.id !== e.pointerId) return;
    if (d.moved) {
      viewportRef.current?.releasePointerCapture(e.pointerId);
      return;
    }
    const node = d.target instanceof Element ? d.target.closest('g.dg-clickable') : null;
    if (node) activateNode(node);
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (state.status !== 'ready' || state.sandboxed) return;
    const node = e.target instanceof Element ? e.target.closest('g.dg-clickable') : null;
    if (node && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      activateNode(node);
      return;
    }
    const step = 60;
    const moves: Record<string, [number, number]> = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    if (e.key === '+' || e.key === '=') zoomAt(1.25);
    else if (e.key === '-' || e.key === '_') zoomAt(0.8);
    else if (e.key === '0') fit(false);
    else if (moves[e.key] && !node) {
      const [dx, dy] = moves[e.key]!;
      view.current = { ...view.current, x: view.current.x + dx, y: view.current.y + dy };
      apply();
    } else return;
    e.preventDefault();
  };

  const background = theme === 'dark' ? '#1e1e1e' : '#ffffff';
  const doExport = async (kind: 'svg' | 'png') => {
    const svg = svgEl();
    if (!svg || !exportName) return;
    setExportError(null);
    try {
      if (kind === 'svg') download(new Blob([svgDocument(svg, background)], { type: 'image/svg+xml' }), `${exportName}.svg`);
      else download(await pngBlob(svg, background), `${exportName}.png`);
    } catch (err) {
      setExportError(`Export failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  const ready = state.status === 'ready';
  const interactive = ready && !state.sandboxed;
  return (
    <div className="dg-view" data-theme={theme} style={height !== undefined ? { height } : undefined} data-status={state.status} data-busy={busy ? '1' : undefined}>
      {(toolbar || exportName) && (
        <div className="dg-toolbar">
          {toolbar}
          <span className="dg-spacer" />
          {exportName && (
            <>
              <button type="button" className="dg-btn" disabled={!interactive} onClick={() => void doExport('svg')} title="Save the diagram as an SVG file">
                SVG
              </button>
              <button type="button" className="dg-btn" disabled={!interactive} onClick={() => void doExport('png')} title="Save the diagram as a PNG image">
                PNG
              </button>
            </>
          )}
        </div>
      )}
      {exportError && <div className="dg-error" role="alert">{exportError}</div>}
      <div
        ref={viewportRef}
        className="dg-viewport"
        role="group"
        aria-label={`${label}. Drag to pan, wheel or + and − to zoom, 0 to fit.`}
        tabIndex={0}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => (drag.current = null)}
        onKeyDown={onKeyDown}
      >
        <div ref={stageRef} className={`dg-stage${state.status === 'ready' && state.sandboxed ? ' dg-sandboxed' : ''}`} hidden={state.status !== 'ready'} />
        {state.status === 'drawing' && (
          <div className="dg-message" role="status">
            Drawing the diagram…
          </div>
        )}
        {state.status === 'error' && (
          <div className="dg-message dg-error" role="alert">
            <strong>{state.error}</strong>
            {state.detail && state.detail !== state.error && (
              <details>
                <summary>What mermaid said</summary>
                <pre>{state.detail}</pre>
              </details>
            )}
          </div>
        )}
        {ready && busy && <div className="dg-badge" role="status">Updating…</div>}
        {interactive && (
          <div className="dg-zoom" onPointerDown={(e) => e.stopPropagation()}>
            <button type="button" className="dg-btn" onClick={() => zoomAt(1.25)} aria-label="Zoom in" title="Zoom in (+)">
              +
            </button>
            <button type="button" className="dg-btn dg-zoom-level" onClick={() => fit(false)} title="Fit the whole diagram (0)" aria-label={`Zoom ${zoomText}; fit the whole diagram`}>
              {zoomText}
            </button>
            <button type="button" className="dg-btn" onClick={() => zoomAt(0.8)} aria-label="Zoom out" title="Zoom out (−)">
              −
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
