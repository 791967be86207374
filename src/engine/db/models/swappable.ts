// apps.get_swappable_settings_name(): which setting (AUTH_USER_MODEL) a model reference stands
// for. Django asks the global app registry; the playground's current project registry plays it.

export interface SwappableSource {
  /** Changes whenever models are registered or removed (the list below is cached per version). */
  readonly version?: number;
  /** Models with Meta.swappable, as [label_lower, setting name, swapped-to label or null]. */
  swappableModels(): { labelLower: string; setting: string; swappedTo: string | null }[];
}

let current: SwappableSource | null = null;
const cache = new Map<string, string | null>();
let cachedVersion: number | undefined = -1;
let models: { labelLower: string; setting: string; swappedTo: string | null }[] = [];

export function setSwappableSource(src: SwappableSource | null): void {
  current = src;
  cache.clear();
  cachedVersion = -1;
}

export function swappableSettingsName(toString: string): string | null {
  if (!current) return null;
  if (current.version !== cachedVersion || cachedVersion === undefined) {
    cache.clear();
    cachedVersion = current.version;
    models = current.swappableModels();
  }
  const key = toString.toLowerCase();
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let out: string | null = null;
  for (const m of models) {
    if (m.swappedTo && m.swappedTo.toLowerCase() === key) {
      out = m.setting;
      break;
    }
    if (m.labelLower === key) {
      out = m.setting;
      break;
    }
  }
  cache.set(key, out);
  return out;
}
