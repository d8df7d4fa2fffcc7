import { InMemoryEventStore } from '@hearth/event-store';
import { HouseholdLedger } from '../src/direct/household-ledger';
import { householdsUnder } from '../src/direct/direct-scope';
import { feed } from './support/feed';
import { handWorkedHouseholds } from './support/hand-worked-region';
import { context, region } from './support/region';

/** The definition householdsUnder answers by its placement: every household, in the ledger's order, whose village the division contains. */
const byDefinition = (ledger: HouseholdLedger, code: string, date: string): string[] =>
  [...ledger.households.values()]
    .filter((h) => {
      const village = ledger.villageAt(h.householdId, date);
      return village !== undefined && region.contains(code, village);
    })
    .map((h) => h.householdId);

describe('the direct fold’s households under a division', () => {
  it('are, for every division and date, the households whose village it contains, in the ledger’s order', async () => {
    const store = new InMemoryEventStore();
    await feed(store, handWorkedHouseholds.flat(), context, { strict: true });
    const ledger = await HouseholdLedger.load(store);
    const dates = ['2015-12-31', '2016-03-31', '2016-06-30', '2016-12-31', '2017-12-31', '2016-03-31'];
    let compared = 0;
    for (const date of dates)
      for (const d of region.all) {
        const expected = byDefinition(ledger, d.code, date);
        expect({ code: d.code, date, ids: householdsUnder(ledger, region, d, date).map((h) => h.householdId) }).toEqual({ code: d.code, date, ids: expected });
        compared += expected.length;
      }
    // The comparison compares something: households are placed, and the root holds them all at the end.
    expect(compared).toBeGreaterThan(0);
    expect(byDefinition(ledger, region.root.code, '2017-12-31').length).toBe(ledger.households.size);
  });
});

describe('the direct fold up to a log position', () => {
  it('holds what a store of only the events up to it holds, and not what the whole log does', async () => {
    const whole = new InMemoryEventStore();
    await feed(whole, handWorkedHouseholds.flat(), context, { strict: true });
    const all = await whole.readAll();
    const cut = all[Math.floor(all.length / 2)]?.position ?? 0;
    const prefix = new InMemoryEventStore();
    for (const e of all.filter((x) => x.position <= cut)) await prefix.appendToStream(e.streamId, [e], 'any');
    const histories = (l: HouseholdLedger) => [...l.households.values()].map((h) => [h.householdId, h.village, h.facts.map((f) => f.meta.eventId)]);
    const upTo = await HouseholdLedger.load(whole, { upTo: cut, pageSize: 7 });
    expect(histories(upTo)).toEqual(histories(await HouseholdLedger.load(prefix)));
    expect(histories(upTo)).not.toEqual(histories(await HouseholdLedger.load(whole)));
  });
});
