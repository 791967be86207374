// Name helpers shared by the backends (django.db.backends.utils).

import { namesDigest } from '../../utils/md5';

export { namesDigest };

/** `'"schema"."table"'` -> ['schema', 'table']; `'table'` -> ['', 'table']. */
export function splitIdentifier(identifier: string): [string, string] {
  const i = identifier.indexOf('"."');
  if (i >= 0) return [stripQuotes(identifier.slice(0, i + 1)), stripQuotes(identifier.slice(i + 2))];
  return ['', stripQuotes(identifier)];
}

export function stripQuotes(name: string): string {
  return name.length >= 2 && name.startsWith('"') && name.endsWith('"') ? name.slice(1, -1) : name;
}

/** Shortens an identifier to `length` characters with a 4-character digest, as Django does. */
export function truncateName(identifier: string, length: number | null = null, hashLen = 4): string {
  const [namespace, name] = splitIdentifier(identifier);
  if (length === null || [...name].length <= length) return identifier;
  const digest = namesDigest([name], hashLen);
  return `${namespace ? `${namespace}"."` : ''}${[...name].slice(0, length - hashLen).join('')}${digest}`;
}
