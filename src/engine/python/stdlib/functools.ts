// `functools`: partial (with Python's repr), reduce, wraps, cache/lru_cache, total_ordering.

import { PyDict, PyInstance, PyTuple, type Kwargs, type PyValue } from '../values';
import { callValue, err, getAttrOrUndefined, iterate, pyRepr, setAttr } from '../protocol';
import { builtin, makeModule, nativeClass, registerNativeModule } from '../native';
import { propertyClass } from '../types';

export interface PartialValue {
  func: PyValue;
  args: PyValue[];
  keywords: Kwargs;
}

export const PartialClass = nativeClass({
  name: 'partial',
  module: 'functools',
  hooks: {
    construct: (cls, args, kwargs) => {
      if (args.length === 0) throw err('TypeError', 'type \'partial\' takes at least one argument');
      let [func, ...rest] = args;
      let kw = new Map(kwargs);
      if (func instanceof PyInstance && func.cls === PartialClass) {
        const p = func.native as PartialValue;
        rest = [...p.args, ...rest];
        kw = new Map([...p.keywords, ...kw]);
        func = p.func;
      }
      return new PyInstance(cls, { func, args: rest, keywords: kw } satisfies PartialValue);
    },
    call: (self, args, kwargs) => {
      const p = self.native as PartialValue;
      return callValue(p.func, [...p.args, ...args], new Map([...p.keywords, ...kwargs]));
    },
    repr: (self) => {
      const p = self.native as PartialValue;
      const parts = [pyRepr(p.func), ...p.args.map(pyRepr), ...[...p.keywords].map(([k, v]) => `${k}=${pyRepr(v)}`)];
      return `functools.partial(${parts.join(', ')})`;
    },
    getAttr: (self, name) => {
      const p = self.native as PartialValue;
      if (name === 'func') return p.func;
      if (name === 'args') return new PyTuple(p.args);
      if (name === 'keywords') return new PyDict([...p.keywords]);
      return undefined;
    },
    eq: (self, other) => self === other,
  },
});

const identityDecorator = (name: string): PyValue =>
  builtin(
    name,
    (args) => {
      if (args.length === 1 && typeof args[0] !== 'bigint' && args[0] !== null) return args[0];
      return builtin('decorator', (inner) => inner[0], 'functools');
    },
    'functools',
  );

registerNativeModule('functools', () =>
  makeModule('functools', {
    partial: PartialClass,
    reduce: builtin(
      'reduce',
      (args) => {
        const [fn, seq] = args;
        const items = [...iterate(seq)];
        let acc: PyValue;
        if (args.length > 2) acc = args[2];
        else {
          if (!items.length) throw err('TypeError', 'reduce() of empty iterable with no initial value');
          acc = items.shift()!;
        }
        for (const v of items) acc = callValue(fn, [acc, v]);
        return acc;
      },
      'functools',
    ),
    wraps: builtin(
      'wraps',
      (args) => {
        const wrapped = args[0];
        return builtin(
          'decorator',
          (inner) => {
            const f = inner[0];
            for (const attr of ['__name__', '__doc__', '__qualname__', '__module__']) {
              const v = getAttrOrUndefined(wrapped, attr);
              if (v !== undefined) {
                try {
                  setAttr(f, attr, v);
                } catch {
                  /* read-only on builtins */
                }
              }
            }
            return f;
          },
          'functools',
        );
      },
      'functools',
    ),
    cache: identityDecorator('cache'),
    lru_cache: identityDecorator('lru_cache'),
    cached_property: propertyClass,
    total_ordering: identityDecorator('total_ordering'),
  }),
);
