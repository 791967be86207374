// Colours per app and per change, for light and dark themes. Chosen for contrast with the
// text colour of mermaid's 'default' (dark text) and 'dark' (light text) themes.

export type DiagramTheme = 'light' | 'dark';

export interface Swatch {
  fill: string;
  stroke: string;
  text: string;
}

const APP_LIGHT: Swatch[] = [
  { fill: '#dbeafe', stroke: '#2563eb', text: '#0f172a' },
  { fill: '#dcfce7', stroke: '#16a34a', text: '#0f172a' },
  { fill: '#fef3c7', stroke: '#d97706', text: '#0f172a' },
  { fill: '#f3e8ff', stroke: '#9333ea', text: '#0f172a' },
  { fill: '#ffe4e6', stroke: '#e11d48', text: '#0f172a' },
  { fill: '#cffafe', stroke: '#0891b2', text: '#0f172a' },
  { fill: '#ecfccb', stroke: '#65a30d', text: '#0f172a' },
  { fill: '#fae8ff', stroke: '#c026d3', text: '#0f172a' },
];

const APP_DARK: Swatch[] = [
  { fill: '#1e3a8a', stroke: '#60a5fa', text: '#f1f5f9' },
  { fill: '#14532d', stroke: '#4ade80', text: '#f1f5f9' },
  { fill: '#78350f', stroke: '#fbbf24', text: '#f1f5f9' },
  { fill: '#581c87', stroke: '#c084fc', text: '#f1f5f9' },
  { fill: '#881337', stroke: '#fb7185', text: '#f1f5f9' },
  { fill: '#164e63', stroke: '#22d3ee', text: '#f1f5f9' },
  { fill: '#365314', stroke: '#a3e635', text: '#f1f5f9' },
  { fill: '#701a75', stroke: '#e879f9', text: '#f1f5f9' },
];

export function appSwatch(index: number, theme: DiagramTheme): Swatch {
  const list = theme === 'dark' ? APP_DARK : APP_LIGHT;
  return list[((index % list.length) + list.length) % list.length]!;
}

export type ChangeKind = 'added' | 'removed' | 'changed' | 'stub';

export function changeSwatch(kind: ChangeKind, theme: DiagramTheme): Swatch {
  const light: Record<ChangeKind, Swatch> = {
    added: { fill: '#dcfce7', stroke: '#16a34a', text: '#052e16' },
    removed: { fill: '#fee2e2', stroke: '#dc2626', text: '#450a0a' },
    changed: { fill: '#fef3c7', stroke: '#d97706', text: '#451a03' },
    stub: { fill: '#f1f5f9', stroke: '#94a3b8', text: '#475569' },
  };
  const dark: Record<ChangeKind, Swatch> = {
    added: { fill: '#14532d', stroke: '#4ade80', text: '#f0fdf4' },
    removed: { fill: '#7f1d1d', stroke: '#f87171', text: '#fef2f2' },
    changed: { fill: '#713f12', stroke: '#fbbf24', text: '#fffbeb' },
    stub: { fill: '#1e293b', stroke: '#64748b', text: '#cbd5e1' },
  };
  return (theme === 'dark' ? dark : light)[kind];
}

/** A mermaid `classDef` body for a swatch. */
export function classDefStyle(s: Swatch, extra = ''): string {
  return `fill:${s.fill},stroke:${s.stroke},color:${s.text}${extra ? ',' + extra : ''}`;
}
