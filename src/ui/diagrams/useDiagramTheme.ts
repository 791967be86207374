import { useEffect, useState } from 'react';
import type { DiagramTheme } from '../../diagrams/palette';

const QUERY = '(prefers-color-scheme: dark)';

/** The given theme, or the system's (following changes), like the workspace's stylesheet. */
export function useDiagramTheme(theme?: DiagramTheme): DiagramTheme {
  const [system, setSystem] = useState<DiagramTheme>(() =>
    typeof matchMedia === 'function' && matchMedia(QUERY).matches ? 'dark' : 'light',
  );
  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    const mq = matchMedia(QUERY);
    const on = () => setSystem(mq.matches ? 'dark' : 'light');
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);
  return theme ?? system;
}
