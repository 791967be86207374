// Content from a share link or a zip is untrusted: keep only plain text files at sane paths.
import type { FileMap } from '../engine/protocol';

const MAX_FILES = 500;
const MAX_FILE_CHARS = 400_000;

export function isSafePath(path: string): boolean {
  if (!path || path.length > 200) return false;
  if (path.startsWith('/') || path.includes('\\') || path.includes('\0')) return false;
  const parts = path.split('/');
  return parts.every((p) => p !== '' && p !== '.' && p !== '..' && !/[\u0000-\u001f<>:"|?*]/.test(p));
}

export function sanitizeFiles(value: unknown): FileMap | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const out: FileMap = {};
  let n = 0;
  for (const [path, text] of Object.entries(value as Record<string, unknown>)) {
    if (typeof text !== 'string' || !isSafePath(path) || text.length > MAX_FILE_CHARS) continue;
    if (++n > MAX_FILES) break;
    out[path] = text;
  }
  return Object.keys(out).length ? out : null;
}
