import fc from 'fast-check';
import { answeredBy } from '../../src/household/command-behind';
import { commandTraceOf, matchesTrace, traceDate, traceEventType } from '../../src/household/command-trace';
import { HouseholdCommand } from '../../src/household/commands';
import { contentHash } from '../../src/household/content-hash';
import { householdCommands, propertyRuns, runHousehold } from '../../src/testing';

/**
 * The oracle: the 64-bit fingerprint every trace kept before creating events' traces
 * referred to their content (docs/decisions/0063-a-leaner-fold-content-traces-and-compiled-event-checks.md) —
 * the hash of `{ ...first event's data without its copies, type: the command it answers,
 * on }` against the hash of the command. (content-hash.property.spec.ts holds the hash to
 * canonical JSON; no collision shows up in these runs, so the two definitions must agree
 * on every pair.)
 */
const notContent = (key: string): boolean => key === 'actor' || key === 'note' || key === 'commandId' || key === 'householdId';
const oracle = (first: Parameters<typeof commandTraceOf>[0], on: string, c: HouseholdCommand): boolean => {
  const answer = answeredBy(first.type);
  if (answer === undefined) return false;
  return contentHash(first.data, answer[0], on, notContent, answer[1]) === contentHash(c, c.type, c.on, notContent);
};

/** Creating commands, and one that creates nothing: the same content under another type must not match. */
const OTHER_TYPES = ['RegisterHousehold', 'AddMember', 'SurveyHousehold', 'OfferTraining', 'ReferToJob', 'RecordEmployment', 'RecordFollowUp', 'RemoveMember'] as const;

/** The same command again under another envelope, on another date, under another type, or with one field changed. */
const variants = (c: HouseholdCommand): HouseholdCommand[] => {
  const out: HouseholdCommand[] = [c, { ...c, commandId: 'other', actor: 'another-clerk', note: 'again' }, { ...c, on: c.on === '2016-01-01' ? '2016-01-02' : '2016-01-01' }];
  for (const type of OTHER_TYPES) if (type !== c.type) out.push({ ...c, type } as HouseholdCommand);
  for (const k of Object.keys(c))
    if (!['type', 'householdId', 'on', 'actor', 'note', 'commandId'].includes(k)) out.push({ ...c, [k]: k === 'members' ? [] : 'changed' } as HouseholdCommand);
  return out;
};

describe('a commandId trace matches exactly the commands its fingerprint matched', () => {
  it('every accepted command’s first event against every command of the run and variants of its own', () => {
    let matched = 0;
    let unmatched = 0;
    fc.assert(
      fc.property(householdCommands(), (commands) => {
        const run = runHousehold(commands);
        for (const step of run.steps) {
          const first = step.facts[0];
          if (first === undefined) continue;
          const trace = commandTraceOf(first.event, first.meta.occurredOn);
          for (const c of [...variants(step.command), ...commands]) {
            const expected = oracle(first.event, first.meta.occurredOn, c);
            if (expected) matched++;
            else unmatched++;
            expect(matchesTrace(c, trace)).toBe(expected);
          }
        }
      }),
      propertyRuns(150, process.env),
    );
    expect(matched).toBeGreaterThan(500);
    expect(unmatched).toBeGreaterThan(500);
  });

  it('the folded state’s trace of each commandId says the type and date of the first event its command appended (the COMMAND_ID_REUSED message names them)', () => {
    const kinds = new Set<string>();
    fc.assert(
      fc.property(householdCommands(), (commands) => {
        const run = runHousehold(commands);
        const firsts = new Map<string, { type: string; on: string }>();
        for (const f of run.facts) if (f.meta.commandId !== undefined && !firsts.has(f.meta.commandId)) firsts.set(f.meta.commandId, { type: f.event.type, on: f.meta.occurredOn });
        for (const [commandId, first] of firsts) {
          const trace = run.state.commandIds.get(commandId);
          expect(trace).toBeDefined();
          if (trace === undefined) continue;
          kinds.add(typeof trace === 'string' ? 'packed' : 'eventType' in trace ? 'kept' : 'print');
          expect({ type: traceEventType(trace), on: traceDate(trace) }).toEqual(first);
        }
      }),
      propertyRuns(100, process.env),
    );
    // Every kind of trace met: a packed string, a kept content, a survey's print.
    expect([...kinds].sort()).toEqual(['kept', 'packed', 'print']);
  });
});
