import { useEffect, useState } from 'react';
import type { DiagramTheme } from '../../diagrams/palette';

const QUERY = '(prefers-color-scheme: dark)';

/** `<html data-theme="dark|light">` when the page sets it, else the system's preference. */
function pageTheme(): DiagramTheme {
  const forced = typeof document !== 'undefined' ? document.documentElement.dataset.theme : undefined;
  if (forced === 'dark' || forced === 'light') return forced;
  return typeof matchMedia === 'function' && matchMedia(QUERY).matches ? 'dark' : 'light';
}

/** The given theme, or the page's (following changes), like the workspace's stylesheet. */
export function useDiagramTheme(theme?: DiagramTheme): DiagramTheme {
  const [current, setCurrent] = useState<DiagramTheme>(pageTheme);
  useEffect(() => {
    const update = () => setCurrent(pageTheme());
    const mq = typeof matchMedia === 'function' ? matchMedia(QUERY) : null;
    mq?.addEventListener('change', update);
    const observer = typeof MutationObserver === 'function' ? new MutationObserver(update) : null;
    observer?.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => {
      mq?.removeEventListener('change', update);
      observer?.disconnect();
    };
  }, []);
  return theme ?? current;
}
