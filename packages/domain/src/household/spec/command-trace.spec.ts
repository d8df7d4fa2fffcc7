import * as E from 'fp-ts/Either';
import { command as c, registered, testContext } from '../../testing/fixtures';
import { stateAfter, storedFacts } from '../../testing/given-when-then';
import { CommandIndex } from '../command-index';
import { commandTraceOf, matchesTrace } from '../command-trace';
import { decide } from '../decide';
import { ev } from '../events';
import { householdDecider } from '../household.decider';

/**
 * The state keeps, per commandId, the command's content (a creating event's own data) or
 * a 64-bit fingerprint of it (ADR 50, ADR 63). A different one proves another command; an
 * equal one is confirmed against the stored event when the stream is given. A state whose
 * trace disagrees with its stream cannot be folded, so it is forged here: a trace for
 * `cmd-1` that holds another command than the one stored.
 */
describe('a commandId trace match is confirmed against the stream', () => {
  const stored = [{ ...registered([{ memberId: 'm1', birthYear: 1980 }]), commandId: 'cmd-1' }];
  const other = c('RegisterHousehold', { on: '2016-01-10', divisionCode: 'V1', members: [{ memberId: 'm1', birthYear: 1981 }], commandId: 'cmd-1' });
  const forged = {
    ...stateAfter(stored),
    commandIds: CommandIndex.empty.with('cmd-1', commandTraceOf(ev('HouseholdRegistered', { householdId: 'h1', divisionCode: 'V1', members: [{ memberId: 'm1', birthYear: 1981 }] }), '2016-01-10')),
  };

  it('the forged trace matches the other command, and the handlers are told to read the stream for it', () => {
    const trace = forged.commandIds.get('cmd-1');
    expect(trace !== undefined && matchesTrace(other, trace)).toBe(true);
    expect(householdDecider.needsHistory(other, forged)).toBe(true);
  });

  it('with the stream at hand, the stored event decides: another command is COMMAND_ID_REUSED', () => {
    const d = decide(other, forged, householdDecider.withHistory(testContext, storedFacts(stored)));
    expect(E.isLeft(d) && d.left.code).toBe('COMMAND_ID_REUSED');
  });

  it('the retry itself is confirmed and appends nothing', () => {
    const retry = c('RegisterHousehold', { on: '2016-01-10', divisionCode: 'V1', members: [{ memberId: 'm1', birthYear: 1980 }], commandId: 'cmd-1', actor: 'someone-else' });
    expect(householdDecider.needsHistory(retry, stateAfter(stored))).toBe(true);
    expect(decide(retry, stateAfter(stored), householdDecider.withHistory(testContext, storedFacts(stored)))).toEqual(E.right([]));
  });

  it('a different fingerprint is refused from the state alone', () => {
    expect(householdDecider.needsHistory(other, stateAfter(stored))).toBe(false);
    const d = decide(other, stateAfter(stored), testContext);
    expect(E.isLeft(d) && d.left.code).toBe('COMMAND_ID_REUSED');
  });
});
