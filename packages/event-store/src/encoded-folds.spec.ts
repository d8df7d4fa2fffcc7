import { EncodedFolds } from './encoded-folds';
import type { StateCodec } from './state-codec';
import type { StreamFold } from './stream-fold';

/** A codec of numbers as many bytes as the number says (at least one), counting its calls. */
const sized = () => {
  const calls = { encode: 0, decode: 0 };
  const codec: StateCodec<number> = {
    encode: (n) => {
      calls.encode += 1;
      const bytes = new Uint8Array(Math.max(1, n));
      bytes[0] = n % 256;
      return bytes;
    },
    decode: (bytes) => {
      calls.decode += 1;
      return bytes.byteLength === 1 ? (bytes[0] as number) : bytes.byteLength;
    },
  };
  return { codec, calls };
};

const fold = (state: number, version = 0): StreamFold<number> => ({ state, version, lastHash: `h${version}` });

describe('EncodedFolds', () => {
  it('gives back the fold it kept: the state decoded, the version and chain tip as they were', () => {
    const { codec } = sized();
    const folds = new EncodedFolds(codec, 1 << 20);
    folds.keep('a', fold(200, 7));
    expect(folds.get('a')).toEqual({ state: 200, version: 7, lastHash: 'h7' });
    expect(folds.versionOf('a')).toBe(7);
    expect(folds.versionOf('b')).toBe(-1);
    expect(folds.get('b')).toBeUndefined();
  });

  it('keeps a fold after it is read, until a later one replaces it or it is deleted', () => {
    const { codec } = sized();
    const folds = new EncodedFolds(codec, 1 << 20);
    folds.keep('a', fold(3, 1));
    folds.get('a');
    expect(folds.get('a')?.version).toBe(1);
    folds.keep('a', fold(4, 2));
    expect(folds.size).toBe(1);
    expect(folds.get('a')).toEqual({ state: 4, version: 2, lastHash: 'h2' });
    folds.delete('a');
    expect(folds.get('a')).toBeUndefined();
    expect(folds.usedBytes).toBe(0);
  });

  it('never holds more than its budget, dropping the least recently used first', () => {
    const { codec } = sized();
    const one = (() => {
      const probe = new EncodedFolds(codec, 1 << 20);
      probe.keep('a', fold(1000));
      return probe.usedBytes;
    })();
    const folds = new EncodedFolds(codec, 3 * one);
    folds.keep('a', fold(1000));
    folds.keep('b', fold(1000));
    folds.keep('c', fold(1000));
    folds.get('a');
    folds.keep('d', fold(1000));
    expect(folds.usedBytes).toBeLessThanOrEqual(3 * one);
    expect(['a', 'b', 'c', 'd'].filter((s) => folds.versionOf(s) === 0)).toEqual(['a', 'c', 'd']);
  });

  it('keeps nothing of a fold larger than the whole budget', () => {
    const { codec } = sized();
    const folds = new EncodedFolds(codec, 2000);
    folds.keep('a', fold(10));
    folds.keep('b', fold(5000));
    expect(folds.get('b')).toBeUndefined();
    expect(folds.get('a')?.state).toBe(10);
  });

  it('refuses a budget that is not a positive whole number of bytes', () => {
    const { codec } = sized();
    expect(() => new EncodedFolds(codec, 0)).toThrow(RangeError);
    expect(() => new EncodedFolds(codec, 1.5)).toThrow(RangeError);
  });
});
