// The order in which CPython iterates a set built by adding values one at a time. Django keeps
// related-manager ids in sets (`post.tags.add(9, 1)` inserts `(4, 9), (4, 1)` or `(4, 1), (4, 9)`
// as the set's hash table lays them out), so the SQL text depends on it. Integers hash to
// themselves, so their layout is reproducible; other values (str hashes are randomised per
// process) keep their first-seen order.

import type { PyValue } from '../../python/values';

const MOD = (1n << 61n) - 1n;
const LINEAR_PROBES = 9;
const PERTURB_SHIFT = 5n;
const MIN_SIZE = 8;

function intHash(v: bigint): bigint {
  const neg = v < 0n;
  let h = (neg ? -v : v) % MOD;
  if (neg) h = -h;
  return h === -1n ? -2n : h;
}

/** The slot CPython would use for `hash` in a table of `table.length` slots (all free slots null). */
function probe(table: (bigint | null)[], hash: bigint): number {
  const mask = BigInt(table.length - 1);
  // perturb is a size_t: negative hashes wrap around.
  let perturb = hash < 0n ? hash + (1n << 64n) : hash;
  let i = perturb & mask;
  for (;;) {
    let j = Number(i);
    if (table[j] === null) return j;
    if (i + BigInt(LINEAR_PROBES) <= mask) {
      for (let k = 0; k < LINEAR_PROBES; k++) {
        j++;
        if (table[j] === null) return j;
      }
    }
    perturb >>= PERTURB_SHIFT;
    i = (i * 5n + 1n + perturb) & mask;
  }
}

/** Distinct values in CPython set iteration order (integers only; anything else: insertion order). */
export function pySetOrder<T extends PyValue>(values: T[]): T[] {
  const seen = new Map<string, T>();
  for (const v of values) {
    const k = typeof v === 'bigint' ? `i:${v}` : typeof v === 'boolean' ? `i:${v ? 1 : 0}` : `${typeof v}:${String(v)}`;
    if (!seen.has(k)) seen.set(k, v);
  }
  const distinct = [...seen.values()];
  if (!distinct.every((v) => typeof v === 'bigint')) return distinct;
  let table: (bigint | null)[] = new Array(MIN_SIZE).fill(null);
  let fill = 0;
  for (const v of distinct as bigint[]) {
    table[probe(table, intHash(v))] = v;
    fill++;
    const mask = table.length - 1;
    if (fill * 5 >= mask * 3) {
      let size = MIN_SIZE;
      const minUsed = fill > 50000 ? fill * 2 : fill * 4;
      while (size <= minUsed) size <<= 1;
      const next: (bigint | null)[] = new Array(size).fill(null);
      for (const x of table) if (x !== null) next[probe(next, intHash(x))] = x;
      table = next;
    }
  }
  return table.filter((x): x is bigint => x !== null) as T[];
}
