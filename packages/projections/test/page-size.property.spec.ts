import fc from 'fast-check';
import type { ProjectedEvent } from '../src/projected-event';
import { nextPageSize, SPREAD_RUN, spreadOf } from '../src/runner/page-size';

const eventOf = (householdId: string): ProjectedEvent =>
  ({ householdId, eventId: 'e', position: 1, occurredOn: '2016-01-01', event: { type: 'HouseholdSurveyed' } }) as unknown as ProjectedEvent;

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
        expect(spreadOf(ids.map(eventOf))).toEqual({ events: ids.length, runs });
      }),
    );
  });

  it('is the bulk size only far behind and after a page of short runs', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 1000 }), fc.nat(2000), fc.nat(200), fc.nat(200), (size, more, ahead, events, runs) => {
        const bulk = size + more;
        const next = nextPageSize(size, bulk, ahead, { events, runs });
        expect([size, bulk]).toContain(next);
        // Near the head, or after a page of long runs: the usual size.
        if (ahead < bulk || events >= SPREAD_RUN * runs) expect(next).toBe(size);
        // The first page of a catch-up has nothing to go by.
        expect(nextPageSize(size, bulk, ahead, undefined)).toBe(size);
      }),
    );
    expect(nextPageSize(5000, 50_000, 700_000, { events: 5000, runs: 4900 })).toBe(50_000);
    expect(nextPageSize(5000, 50_000, 700_000, { events: 5000, runs: 140 })).toBe(5000);
    expect(nextPageSize(5000, 50_000, 49_999, { events: 5000, runs: 4900 })).toBe(5000);
  });
});
