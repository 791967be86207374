// Share links: the project's files LZ-compressed into the URL hash (`#project/<data>`).
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import type { FileMap } from '../engine/protocol';
import { sanitizeFiles } from './untrusted';

const PREFIX = '#project/';

export interface SharedProject {
  files: FileMap;
  /** The workspace (lesson) the project belongs to, e.g. 'lesson:01-first-model'. */
  workspace: string | null;
}

const WORKSPACE = /^(default|lesson:[\w.-]{1,80})$/;

export function encodeShareHash(files: FileMap, workspace?: string): string {
  return PREFIX + compressToEncodedURIComponent(JSON.stringify({ v: 1, files, ...(workspace ? { w: workspace } : {}) }));
}

/** The project in a share hash, or null when the hash is not a (valid) share link. */
export function decodeShareHash(hash: string): SharedProject | null {
  if (!hash.startsWith(PREFIX)) return null;
  try {
    const json = decompressFromEncodedURIComponent(hash.slice(PREFIX.length));
    if (!json) return null;
    const data: unknown = JSON.parse(json);
    if (!data || typeof data !== 'object') return null;
    const files = sanitizeFiles((data as { files?: unknown }).files);
    const w = (data as { w?: unknown }).w;
    return files ? { files, workspace: typeof w === 'string' && WORKSPACE.test(w) ? w : null } : null;
  } catch {
    return null;
  }
}
