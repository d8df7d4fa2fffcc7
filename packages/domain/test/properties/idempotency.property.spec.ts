import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { CommandType, HouseholdCommand } from '../../src/household/commands';
import { decide } from '../../src/household/decide';
import { arbContext, householdCommands, propertyRuns, runHousehold } from '../../src/testing';
import { isAccepted } from './support';

/** domain.md §4, check 3: the commands that create something named by a caller-chosen id. */
const CREATING: ReadonlySet<CommandType> = new Set<CommandType>([
  'RegisterHousehold', 'AddMember', 'OfferTraining', 'ReferToJob', 'RecordEmployment', 'RecordFollowUp',
]);

/** The same content under a different envelope: actor, note and commandId are not content. */
const resent = (c: HouseholdCommand, n: number): HouseholdCommand => ({ ...c, commandId: `resent-${n}`, actor: 'another-clerk', note: 'sent again' });

describe('property (g): idempotency of creating commands and of commandIds', () => {
  let checked = 0;

  it('re-deciding an accepted creating command, same content, on any later open state yields []', () => {
    fc.assert(
      fc.property(householdCommands(), (commands) => {
        const run = runHousehold(commands);
        run.steps.forEach((step, i) => {
          if (!CREATING.has(step.command.type) || !isAccepted(step.decision)) return;
          for (const later of run.steps.slice(i)) {
            if (later.after.status === 'deregistered') break; // the closed stream answers first (check 2)
            checked += 1;
            expect(decide(resent(step.command, i), later.after, arbContext)).toEqual(E.right([]));
          }
        });
      }),
      propertyRuns(200, process.env),
    );
    expect(checked).toBeGreaterThan(1000);
  });

  it('the same id with different content (another business date) is DUPLICATE_ID, ALREADY_REGISTERED for a registration', () => {
    fc.assert(
      fc.property(householdCommands(), (commands) => {
        const run = runHousehold(commands);
        const final = run.state;
        if (final.status === 'deregistered' || final.latestOn === undefined) return;
        run.steps.forEach((step, i) => {
          if (!CREATING.has(step.command.type) || !isAccepted(step.decision) || step.command.on === final.latestOn) return;
          const d = decide({ ...resent(step.command, i), on: final.latestOn as string }, final, arbContext);
          expect(E.isLeft(d) ? d.left.code : 'accepted').toBe(step.command.type === 'RegisterHousehold' ? 'ALREADY_REGISTERED' : 'DUPLICATE_ID');
        });
      }),
      propertyRuns(200, process.env),
    );
  });

  it('a command whose commandId was applied, re-sent on any later state (even closed), yields []', () => {
    fc.assert(
      fc.property(householdCommands(), (commands) => {
        const run = runHousehold(commands);
        run.steps.forEach((step, i) => {
          if (step.command.commandId === undefined || !isAccepted(step.decision)) return;
          for (const later of run.steps.slice(i)) expect(decide(step.command, later.after, arbContext)).toEqual(E.right([]));
        });
      }),
      propertyRuns(200, process.env),
    );
  });

  it('the commandId of an applied command, sent with another business date, is COMMAND_ID_REUSED on any later state', () => {
    fc.assert(
      fc.property(householdCommands(), (commands) => {
        const run = runHousehold(commands);
        run.steps.forEach((step, i) => {
          if (step.command.commandId === undefined || !isAccepted(step.decision)) return;
          const other = { ...step.command, on: step.command.on === '2016-01-01' ? '2016-01-02' : '2016-01-01' } as HouseholdCommand;
          for (const later of run.steps.slice(i)) {
            const d = decide(other, later.after, arbContext);
            expect(E.isLeft(d) && d.left.code).toBe('COMMAND_ID_REUSED');
          }
        });
      }),
      propertyRuns(100, process.env),
    );
  });
});
