import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { addDays } from '../../src/dates';
import { HouseholdCommand } from '../../src/household/commands';
import { HouseholdEventC } from '../../src/household/events';
import { decide } from '../../src/household/decide';
import { evolve } from '../../src/household/evolve';
import { replayAnomalies } from '../../src/household/replay';
import { EventMeta, Fact, HouseholdState, initialState } from '../../src/household/state';
import { arbContext, householdCommands, propertyRuns, runHousehold } from '../../src/testing';
import { keyOrders, plain, structurallyEqual } from './support';

/** What a store gives back: the fact as JSON, and its event decoded again by the storage codec. */
const stored = (f: Fact): { event: unknown; meta: EventMeta } => JSON.parse(JSON.stringify(f)) as { event: unknown; meta: EventMeta };

describe('property (e): replaying the stored events reproduces the state decide saw', () => {
  it('folding the stored (JSON round-tripped, io-ts decoded) events gives, before every command, the state decide was given', () => {
    fc.assert(
      fc.property(householdCommands(), (commands) => {
        const run = runHousehold(commands);
        let replayed: HouseholdState = initialState;
        for (const step of run.steps) {
          const [a, b] = [replayed, step.before];
          if (!structurallyEqual(a, b)) expect(plain(a)).toEqual(plain(b));
          for (const f of step.facts) {
            const { event, meta } = stored(f);
            const decoded = HouseholdEventC.decode(event);
            if (E.isLeft(decoded)) throw new Error(`the storage codec rejects an event the Decider produced: ${JSON.stringify(event)}`);
            expect(decoded.right).toEqual(f.event);
            replayed = evolve(replayed, decoded.right, meta);
          }
        }
        if (!structurallyEqual(replayed, run.state)) expect(plain(replayed)).toEqual(plain(run.state));
        expect(keyOrders(replayed)).toEqual(keyOrders(run.state));
      }),
      propertyRuns(300, process.env),
    );
  });

  it('replayAnomalies finds no anomaly in any generated accepted history', () => {
    let events = 0;
    fc.assert(
      fc.property(householdCommands({ householdId: 'hx-1' }), (commands) => {
        const run = runHousehold(commands);
        events += run.facts.length;
        expect(replayAnomalies(run.facts, 'hx-1', arbContext, decide)).toEqual([]);
      }),
      propertyRuns(300, process.env),
    );
    expect(events).toBeGreaterThan(1000);
  });

  it("and none under a back-dating allowance, where the generator's backward steps are accepted (decisions 117, 129, 132)", () => {
    const allowing = { ...arbContext, policy: { ...arbContext.policy, backdatingAllowanceDays: 30 } };
    let backdated = 0;
    fc.assert(
      fc.property(householdCommands({ householdId: 'hx-1' }), fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 20 }), (drawn, back) => {
        // Many a command keyed up to thirty days before the one before it.
        const commands = drawn.map((c, j) => (j === 0 || back[j % back.length] === 0 ? c : { ...c, on: addDays((drawn[j - 1] as HouseholdCommand).on, -(back[j % back.length] as number)) }));
        const run = runHousehold(commands, allowing);
        backdated += run.steps.filter((s) => s.facts.length > 0 && s.before.latestOn !== undefined && s.command.on < s.before.latestOn).length;
        expect(replayAnomalies(run.facts, 'hx-1', allowing, decide)).toEqual([]);
      }),
      propertyRuns(3000, process.env),
    );
    expect(backdated).toBeGreaterThan(50);
  });
});
