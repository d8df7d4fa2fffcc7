import { uuidV7Generator } from './uuid-v7';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuidV7', () => {
  it('is a version-7, RFC 9562 variant UUID carrying the millisecond', () => {
    const id = uuidV7Generator(() => 0x0123456789ab)();
    expect(id).toMatch(UUID_V7);
    expect(id.replace(/-/g, '').slice(0, 12)).toBe('0123456789ab');
  });

  it('sorts in issue order, within one millisecond and across a clock that steps back', () => {
    const times = [1000, 1000, 1000, 999, 1001, 1001, 5000];
    const next = uuidV7Generator(() => times.shift() ?? 5000);
    const ids = Array.from({ length: 7 }, next);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(7);
  });

  it('keeps order past 4,096 ids in one millisecond, and stays unique across refills of its random pool', () => {
    const next = uuidV7Generator(() => 42);
    const ids = Array.from({ length: 10_000 }, next);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids.map((id) => id.slice(19))).size).toBe(ids.length); // the random tails differ too
    for (const id of ids.slice(0, 50)) expect(id).toMatch(UUID_V7);
  });
});
