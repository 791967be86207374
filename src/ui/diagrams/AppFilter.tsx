// Which apps a diagram shows: a drop-down of checkboxes ("All apps" when none is chosen).
import { useEffect, useRef } from 'react';

export function AppFilter({
  apps,
  selected,
  onChange,
  builtIn = [],
  showBuiltIn = true,
  onShowBuiltIn,
}: {
  apps: readonly string[];
  selected: readonly string[];
  onChange(next: string[]): void;
  /** Django's own apps among `apps` (auth, contenttypes...): hidden from "All apps" unless shown. */
  builtIn?: readonly string[];
  showBuiltIn?: boolean;
  onShowBuiltIn?(show: boolean): void;
}) {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const close = (e: Event) => {
      const d = ref.current;
      if (d?.open && e.target instanceof Node && !d.contains(e.target)) d.open = false;
    };
    const esc = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && ref.current?.open) {
        ref.current.open = false;
        ref.current.querySelector('summary')?.focus();
      }
    };
    document.addEventListener('pointerdown', close);
    document.addEventListener('keydown', esc);
    return () => {
      document.removeEventListener('pointerdown', close);
      document.removeEventListener('keydown', esc);
    };
  }, []);
  const active = selected.filter((a) => apps.includes(a));
  const hiding = active.length === 0 && !showBuiltIn && builtIn.length > 0 && builtIn.length < apps.length;
  const summary = active.length === 0 ? (hiding ? 'Your apps' : 'All apps') : active.length === 1 ? active[0] : `${active.length} apps`;
  const toggle = (app: string) => onChange(active.includes(app) ? active.filter((a) => a !== app) : [...active, app]);
  return (
    <details className="dg-filter" ref={ref}>
      <summary className="dg-btn" aria-label={`Apps shown: ${summary}`}>
        {summary} ▾
      </summary>
      <div className="dg-filter-menu" role="group" aria-label="Apps to show">
        <label>
          <input type="checkbox" checked={active.length === 0} onChange={() => onChange([])} /> {hiding ? 'All your apps' : 'All apps'}
        </label>
        {builtIn.length > 0 && onShowBuiltIn && (
          <label title={`Django's own apps: ${builtIn.join(', ')}`}>
            <input type="checkbox" checked={showBuiltIn} onChange={(e) => onShowBuiltIn(e.target.checked)} /> Include Django's apps ({builtIn.join(', ')})
          </label>
        )}
        <hr />
        {apps.map((app) => (
          <label key={app}>
            <input type="checkbox" checked={active.includes(app)} onChange={() => toggle(app)} /> {app}
          </label>
        ))}
      </div>
    </details>
  );
}
