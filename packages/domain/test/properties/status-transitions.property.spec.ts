import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { evolve } from '../../src/household/evolve';
import { Status } from '../../src/household/state';
import { householdCommands, propertyRuns, runHousehold } from '../../src/testing';

/**
 * domain.md §4 "Status": registered → surveyed → applied → identified → cleared;
 * identified ⇄ cleared (clearance, relapse); applied → surveyed (application withdrawn or
 * rejected); any status except deregistered → withdrawn or exempted; any → deregistered.
 * A status may also stay as it is. `unregistered` is the empty stream.
 */
const ALLOWED: Readonly<Record<Status, readonly Status[]>> = {
  unregistered: ['registered'],
  registered: ['surveyed', 'withdrawn', 'exempted', 'deregistered'],
  surveyed: ['applied', 'withdrawn', 'exempted', 'deregistered'],
  applied: ['identified', 'surveyed', 'withdrawn', 'exempted', 'deregistered'],
  identified: ['cleared', 'withdrawn', 'exempted', 'deregistered'],
  cleared: ['identified', 'withdrawn', 'exempted', 'deregistered'],
  withdrawn: ['exempted', 'deregistered'],
  exempted: ['withdrawn', 'deregistered'],
  deregistered: [],
};

describe('property (a): the status only moves along the transitions of domain.md §4', () => {
  const seen = new Set<string>();

  it('every event moves the status along an allowed transition, or leaves it', () => {
    fc.assert(
      fc.property(householdCommands(), (commands) => {
        const run = runHousehold(commands);
        for (const step of run.steps) {
          let s = step.before;
          for (const f of step.facts) {
            const next = evolve(s, f.event, f.meta);
            if (next.status !== s.status) {
              expect({ event: f.event.type, from: s.status, to: next.status, allowed: ALLOWED[s.status].includes(next.status) }).toEqual(
                expect.objectContaining({ allowed: true }),
              );
              seen.add(`${s.status}→${next.status}`);
            }
            s = next;
          }
        }
      }),
      propertyRuns(400, process.env),
    );
    // The generator must actually walk the life cycle, or the property says little.
    for (const t of ['registered→surveyed', 'surveyed→applied', 'applied→identified', 'applied→surveyed', 'identified→cleared', 'cleared→identified'])
      expect([...seen]).toContain(t);
  });

  it('a deregistered stream accepts nothing more: every later command is DEREGISTERED, a reused commandId, or a commandId retry that appends nothing', () => {
    fc.assert(
      fc.property(householdCommands(), (commands) => {
        const run = runHousehold(commands);
        for (const step of run.steps.filter((st) => st.before.status === 'deregistered')) {
          expect(step.facts).toEqual([]);
          // The commandId check comes first (ADR 4): an id of another command is COMMAND_ID_REUSED (ADR 19).
          if (E.isLeft(step.decision))
            expect(step.decision.left.code).toBe(step.command.commandId !== undefined && step.before.commandIds.has(step.command.commandId) ? 'COMMAND_ID_REUSED' : 'DEREGISTERED');
          else expect(step.command.commandId !== undefined && step.before.commandIds.has(step.command.commandId)).toBe(true);
        }
      }),
      propertyRuns(300, process.env),
    );
  });
});
