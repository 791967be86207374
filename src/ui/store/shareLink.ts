// Share links: the project's files LZ-compressed into the URL hash (`#project/<data>`).
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import type { FileMap } from '../engine/protocol';
import { sanitizeFiles } from './untrusted';

const PREFIX = '#project/';

export function encodeShareHash(files: FileMap): string {
  return PREFIX + compressToEncodedURIComponent(JSON.stringify({ v: 1, files }));
}

/** The files in a share hash, or null when the hash is not a (valid) share link. */
export function decodeShareHash(hash: string): FileMap | null {
  if (!hash.startsWith(PREFIX)) return null;
  try {
    const json = decompressFromEncodedURIComponent(hash.slice(PREFIX.length));
    if (!json) return null;
    const data: unknown = JSON.parse(json);
    if (!data || typeof data !== 'object') return null;
    return sanitizeFiles((data as { files?: unknown }).files);
  } catch {
    return null;
  }
}
