import fc from 'fast-check';
import { propertyRuns } from '@hearth/domain/testing';
import type { ProjectedEvent } from '../src/projected-event';
import { BULK_HOUSEHOLDS, isSpread, nextPageSize, SPREAD_RUN, spreadOf } from '../src/runner/page-size';
import { pageEvent } from './support/page-event';

const eventOf = (householdId: string, type = 'HouseholdSurveyed'): ProjectedEvent => pageEvent(householdId, type);

/**
 * The runner reads large pages only while far behind on a log whose households are spread
 * over it (decision 106): never near the head, never on the first page of a catch-up, never
 * after a page whose households came in long runs (a log imported household by household).
 */
describe('the size of a catch-up page', () => {
  it('counts the runs of one household in a page', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('h1', 'h2', 'h3'), { maxLength: 60 }), (ids) => {
        const runs = ids.filter((id, k) => k === 0 || ids[k - 1] !== id).length;
        expect(spreadOf(ids.map((id) => eventOf(id)))).toEqual({ events: ids.length, runs, households: new Set(ids).size, opening: 0 });
      }),
      propertyRuns(100, process.env),
    );
  });

  it('calls a page spread when its households come in short runs (a log written day by day), not in runs of SPREAD_RUN or more', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 40 }), (lengths) => {
        // Runs of the given lengths, each of a household other than the one before.
        const ids = lengths.flatMap((n, k) => Array.from({ length: n }, () => `h${k}`));
        const spread = isSpread(spreadOf(ids.map((id) => eventOf(id))));
        if (lengths.every((n) => n >= SPREAD_RUN)) expect(spread).toBe(false);
        if (lengths.every((n) => n < SPREAD_RUN)) expect(spread).toBe(true);
      }),
      propertyRuns(100, process.env),
    );
    expect(isSpread(spreadOf([]))).toBe(false);
  });

  it('does not call a log of tiny households imported one by one spread: each run opens its household', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: SPREAD_RUN - 1 }), { minLength: 1, maxLength: 40 }), fc.boolean(), (lengths, cutFirst) => {
        // Each household whole, registration first; the page may begin inside the one before.
        const events = lengths.flatMap((n, k) => Array.from({ length: n }, (_, i) => eventOf(`h${k}`, i === 0 && !(cutFirst && k === 0) ? 'HouseholdRegistered' : 'HouseholdSurveyed')));
        const page = spreadOf(events);
        expect(page.opening).toBe(lengths.length - (cutFirst ? 1 : 0));
        if (lengths.length >= 3) expect(isSpread(page)).toBe(false);
      }),
      propertyRuns(100, process.env),
    );
  });

  it('is larger only far behind and after a page of short runs, and never beyond the bulk size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 1000 }), fc.nat(2000), fc.nat(200), fc.nat(200), fc.nat(200), (size, more, ahead, events, runs, households) => {
        const bulk = size + more;
        const next = nextPageSize(size, bulk, ahead, { events, runs, households, opening: 0 });
        expect(next).toBeGreaterThanOrEqual(size);
        expect(next).toBeLessThanOrEqual(bulk);
        // Near the head, or after a page of long runs: the usual size.
        if (ahead < next || events >= SPREAD_RUN * runs) expect(next).toBe(size);
        // The first page of a catch-up has nothing to go by.
        expect(nextPageSize(size, bulk, ahead, undefined)).toBe(size);
      }),
      propertyRuns(100, process.env),
    );
    expect(nextPageSize(5000, 50_000, 700_000, { events: 5000, runs: 4900, households: 1500, opening: 30 })).toBe(50_000);
    expect(nextPageSize(5000, 50_000, 700_000, { events: 5000, runs: 140, households: 140, opening: 140 })).toBe(5000);
    expect(nextPageSize(5000, 50_000, 49_999, { events: 5000, runs: 4900, households: 1500, opening: 30 })).toBe(5000);
    // Tiny households imported one by one: short runs, each opening its household.
    expect(nextPageSize(5000, 50_000, 700_000, { events: 5000, runs: 2500, households: 2500, opening: 2500 })).toBe(5000);
  });

  it('touches no more households than the bound, at the density of the page before (decision 115)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 100_000 }), fc.integer({ min: 1, max: 60_000 }), fc.double({ min: 0.05, max: 1, noNaN: true }), (events, size, share) => {
        const bulk = 50_000;
        const households = Math.max(1, Math.round(events * share));
        const next = nextPageSize(size, bulk, 10_000_000, { events, runs: events, households, opening: 0 });
        // The households it would touch at the same density, unless the usual size alone already reaches the bound.
        if (next > size) expect((next * households) / events).toBeLessThanOrEqual(BULK_HOUSEHOLDS);
        // As large as the bound allows: one event a household more would pass it, or it is the bulk size.
        if (next > size && next < bulk) expect(((next + 1) * households) / events).toBeGreaterThan(BULK_HOUSEHOLDS);
      }),
      propertyRuns(100, process.env),
    );
    // A log written day by day at 100,000 households: a page of 50,000 events touched ~40,000 of them.
    expect(nextPageSize(5000, 50_000, 3_000_000, { events: 50_000, runs: 49_000, households: 40_000, opening: 900 })).toBe(20_480);
  });
});
