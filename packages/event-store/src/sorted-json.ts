/**
 * `JSON.stringify(value)` when it is provably `canonicalJson(value)` (@hearth/domain canonical-json.ts),
 * else `undefined`. A stored event read back is parsed JSON whose keys the sealer wrote in
 * sorted order, so its canonical text is what the engine's own `JSON.stringify` writes,
 * several times faster than canonicalJson's walk (checking a stored chain re-hashes every
 * event). The check: only null, booleans, text, finite numbers, arrays and plain objects
 * (prototype `Object.prototype`), none with a `toJSON`, every object's own enumerable
 * keys enumerated in strictly ascending code-unit order (the order `sort()` gives), no
 * inherited enumerable keys, no `undefined` member. For such a value both writers write
 * the same members in the same order with the same `JSON.stringify` of each key and leaf.
 * Anything else (a key out of order, an integer-like key enumerated first, `undefined`, a
 * `Date`) is `undefined`, and the caller writes canonicalJson as before.
 */
const hasOwn = Object.prototype.hasOwnProperty;

/** Text, a finite number, a boolean or null: a leaf `JSON.stringify` writes as canonicalJson does. */
const isPlainLeaf = (v: unknown): boolean => {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(v);
    case 'object':
      return v === null;
    default:
      return false;
  }
};

const sortedPlain = (v: unknown): boolean => {
  switch (typeof v) {
    case 'object': {
      if (v === null) return true;
      if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return false;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) if (!sortedPlain(v[i])) return false;
        return true;
      }
      if (Object.getPrototypeOf(v) !== Object.prototype) return false;
      const o = v as Readonly<Record<string, unknown>>;
      let previous: string | undefined;
      for (const k in o) {
        if (!hasOwn.call(o, k) || (previous !== undefined && !(previous < k)) || !sortedPlain(o[k])) return false;
        previous = k;
      }
      return true;
    }
    default:
      return isPlainLeaf(v);
  }
};

export const sortedJsonText = (value: unknown): string | undefined => (sortedPlain(value) ? JSON.stringify(value) : undefined);
