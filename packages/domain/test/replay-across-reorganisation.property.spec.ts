import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { commandBehind } from '../src/household/command-behind';
import { decide } from '../src/household/decide';
import { replayAnomalies } from '../src/household/replay';
import { Fact } from '../src/household/state';
import { propertyRuns, reorganisedHouseholdCommands, runReorganised } from '../src/testing';

/**
 * Decision 15 over generated histories: a second tree is recorded part-way through a
 * household's history and a transfer follows it. Replays (the verifier's, a correction's)
 * decide every stored event again from the command behind it, so that command must be
 * rebuildable for a transfer as for any other event.
 */
const transfersIn = (facts: readonly Fact[]): Fact[] => facts.filter((f) => f.event.type === 'HouseholdTransferred');

describe('replaying a household history across a division reorganisation (decision 15)', () => {
  it('finds no anomaly when each event is decided again against the tree in force when it was recorded', () => {
    let transfers = 0;
    fc.assert(
      fc.property(reorganisedHouseholdCommands(), (generated) => {
        const { run, ctx } = runReorganised(generated);
        transfers += transfersIn(run.facts).length;
        expect(replayAnomalies(run.facts, 'h1', ctx, decide)).toEqual([]);
      }),
      propertyRuns(600, process.env),
    );
    // Most histories move the household: the replay must have had transfers to decide.
    expect(transfers).toBeGreaterThan(200);
  });

  it('rebuilds the command behind every stored transfer, and that command decided again records the same transfer', () => {
    fc.assert(
      fc.property(reorganisedHouseholdCommands(), (generated) => {
        const { run, ctx } = runReorganised(generated);
        for (const step of run.steps.filter((s) => s.facts.some((f) => f.event.type === 'HouseholdTransferred'))) {
          const [fact] = step.facts as [Fact];
          const command = commandBehind(fact.event, 'h1', fact.meta.occurredOn);
          const { commandId: _sentWith, ...sent } = step.command;
          expect(command).toEqual(sent);
          const decided = command && decide(command, step.before, ctx);
          expect(decided && E.isRight(decided) ? decided.right : decided).toEqual([fact.event]);
        }
      }),
      propertyRuns(600, process.env),
    );
  });

  it('finds the registration before the tree an anomaly when every event is replayed against the new tree alone: the histories do cross a reorganisation', () => {
    let crossing = 0;
    fc.assert(
      fc.property(reorganisedHouseholdCommands(), (generated) => {
        const { run, ctx } = runReorganised(generated);
        const [registration] = run.facts;
        if (transfersIn(run.facts).length === 0 || registration === undefined) return;
        crossing += 1;
        const { divisionsAt: _byPosition, ...newTreeOnly } = ctx;
        expect(replayAnomalies(run.facts, 'h1', newTreeOnly, decide)[0]).toMatchObject({ eventId: registration.meta.eventId, kind: 'rejected' });
      }),
      propertyRuns(300, process.env),
    );
    expect(crossing).toBeGreaterThan(100);
  });
});
