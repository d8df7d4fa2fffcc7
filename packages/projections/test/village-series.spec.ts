import fc from 'fast-check';
import { addDeltas, addFrom, fromBlob, isZero, Series, toBlob, valueAt } from '../src/projections/village-series';

const deltas = fc.array(fc.tuple(fc.integer({ min: 24_000, max: 24_100 }), fc.integer({ min: -3, max: 3 })), { maxLength: 40 });
const build = (ds: readonly (readonly [number, number])[]): Series | undefined =>
  ds.reduce<Series | undefined>((s, [i, d]) => addFrom(s, i, d), undefined);

describe('cumulative monthly series', () => {
  it('holds at each month the sum of the deltas added at or before it', () => {
    fc.assert(
      fc.property(deltas, fc.integer({ min: 23_990, max: 24_110 }), (ds, i) => {
        const s = build(ds);
        const expected = ds.filter(([m]) => m <= i).reduce((a, [, d]) => a + d, 0);
        expect(s === undefined ? 0 : valueAt(s, i)).toBe(expected);
      }),
    );
  });

  it('is stored the same whatever order the deltas came in, and survives its blob', () => {
    fc.assert(
      fc.property(deltas, fc.array(fc.nat()), (ds, picks) => {
        const rest = [...ds];
        const shuffled: [number, number][] = [];
        for (let k = 0; rest.length > 0; k++) shuffled.push(rest.splice((picks[k] ?? 0) % rest.length, 1)[0] as [number, number]);
        const one = build(ds);
        const other = build(shuffled);
        const canon = (s: Series | undefined): unknown => (s === undefined || isZero(s) ? 'zero' : { base: s.base, values: [...s.values] });
        expect(canon(other)).toEqual(canon(one));
        if (one && !isZero(one)) expect(canon(fromBlob(one.base, toBlob(one)))).toEqual(canon(one));
      }),
    );
  });

  it('is empty again when every delta is taken back', () => {
    const s = addFrom(addFrom(addFrom(undefined, 24_200, 1), 24_203, 2), 24_201, -1);
    expect([...s.values]).toEqual([1, 0, 0, 2]);
    expect(valueAt(s, 24_199)).toBe(0);
    expect(valueAt(s, 24_500)).toBe(2);
    const back = addFrom(addFrom(addFrom(s, 24_203, -2), 24_201, 1), 24_200, -1);
    expect(isZero(back)).toBe(true);
  });

  it('adds many deltas in one pass to the very series adding them one at a time leaves', () => {
    fc.assert(
      fc.property(deltas, deltas, (first, more) => {
        const canon = (s: Series | undefined): unknown => (s === undefined || isZero(s) ? 'zero' : { base: s.base, values: [...s.values] });
        const start = build(first);
        expect(canon(addDeltas(start, more))).toEqual(canon(more.reduce<Series | undefined>((s, [i, d]) => addFrom(s, i, d), start)));
      }),
    );
  });
});
