import * as E from 'fp-ts/Either';
import { MoneyC } from './primitives';

describe('MoneyC', () => {
  it.each([0, 1, 12.5, 100.99, 0.3, 1234567.89, 1e12])('accepts %p (at most two decimals)', (v) => {
    expect(E.isRight(MoneyC.decode(v))).toBe(true);
  });
  it.each([100.999999999, 100.001, 0.1 + 0.2, 1e-7, 0.005, -1, 1e12 + 0.01, Infinity, NaN, '12'])('refuses %p', (v) => {
    expect(E.isLeft(MoneyC.decode(v))).toBe(true);
  });
});
