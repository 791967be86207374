// `uuid`: UUID (hex/str/repr/int), uuid4() and uuid1()-style values from a random source.

import { activity } from '../activity';
import { PyInstance, PyBytes, type PyValue } from '../values';
import { err, pyRepr, toIndex } from '../protocol';
import { bind, makeModule, nativeClass, nativeFunction, registerNativeModule, sig } from '../native';

export interface UuidValue {
  /** 32 lowercase hex digits. */
  hex: string;
}

function randomHex(n: number): string {
  activity.volatileReads++;
  const bytes = new Uint8Array(n);
  const c = (globalThis as { crypto?: { getRandomValues?(a: Uint8Array): Uint8Array } }).crypto;
  if (c?.getRandomValues) c.getRandomValues(bytes);
  else for (let i = 0; i < n; i++) bytes[i] = Math.floor(Math.random() * 256);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function uuidString(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const uuidSig = sig('UUID', 'hex=None, bytes=None, bytes_le=None, fields=None, int=None, version=None, *, is_safe=?');

export const UuidClass = nativeClass({
  name: 'UUID',
  module: 'uuid',
  hooks: {
    construct: (cls, args, kwargs) => {
      const a = bind(uuidSig, args, kwargs);
      let hex: string;
      if (typeof a.hex === 'string') {
        hex = a.hex.replace(/^urn:/, '').replace(/^uuid:/, '').replace(/[{}-]/g, '').toLowerCase();
        if (!/^[0-9a-f]{32}$/.test(hex)) throw err('ValueError', 'badly formed hexadecimal UUID string');
      } else if (a.int !== null) {
        hex = toIndex(a.int!).toString(16).padStart(32, '0');
      } else if (a.bytes instanceof PyBytes) {
        hex = Array.from(a.bytes.bytes, (b) => b.toString(16).padStart(2, '0')).join('');
      } else {
        throw err('TypeError', 'one of the hex, bytes, bytes_le, fields, or int arguments must be given');
      }
      return new PyInstance(cls, { hex } satisfies UuidValue);
    },
    repr: (self) => `UUID(${pyRepr(uuidString((self.native as UuidValue).hex))})`,
    str: (self) => uuidString((self.native as UuidValue).hex),
    getAttr: (self, name) => {
      const hex = (self.native as UuidValue).hex;
      if (name === 'hex') return hex;
      if (name === 'int') return BigInt('0x' + hex);
      if (name === 'urn') return 'urn:uuid:' + uuidString(hex);
      if (name === 'version') return BigInt(parseInt(hex[12], 16));
      if (name === 'bytes') return new PyBytes(Uint8Array.from(hex.match(/../g)!.map((x) => parseInt(x, 16))));
      return undefined;
    },
    eq: (self, other) => other instanceof PyInstance && other.cls === self.cls && (other.native as UuidValue).hex === (self.native as UuidValue).hex,
    hash: (self) => 'uuid:' + (self.native as UuidValue).hex,
    compare: (op, self, other) => {
      if (!(other instanceof PyInstance) || other.cls !== self.cls) return undefined;
      const a = (self.native as UuidValue).hex;
      const b = (other.native as UuidValue).hex;
      return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
    },
  },
});

export function makeUuid(hex: string): PyInstance {
  return new PyInstance(UuidClass, { hex } satisfies UuidValue);
}

export function uuid4Hex(): string {
  const h = randomHex(16).split('');
  h[12] = '4';
  h[16] = '89ab'[parseInt(h[16], 16) & 3];
  return h.join('');
}

export const uuid4 = nativeFunction('uuid', 'uuid4', '', () => makeUuid(uuid4Hex()));

registerNativeModule('uuid', () =>
  makeModule('uuid', {
    UUID: UuidClass,
    uuid4,
    uuid1: nativeFunction('uuid', 'uuid1', 'node=None, clock_seq=None', () => {
      const h = randomHex(16).split('');
      h[12] = '1';
      h[16] = '89ab'[parseInt(h[16], 16) & 3];
      return makeUuid(h.join(''));
    }),
    NAMESPACE_DNS: makeUuid('6ba7b8109dad11d180b400c04fd430c8'),
    NAMESPACE_URL: makeUuid('6ba7b8119dad11d180b400c04fd430c8'),
  } as Record<string, PyValue>),
);
