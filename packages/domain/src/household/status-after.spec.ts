import fc from 'fast-check';
import { EVENT_TYPES } from './events';
import { STATUSES } from './state';
import { STATUS_EVENTS, STATUS_READING_EVENTS, statusAfter } from './status-after';

/** domain.md §4 "Status", edge by edge: the event, and the status it leads to from each status it can follow. */
describe('the status rule (domain.md §4 "Status")', () => {
  it.each([
    ['registered', 'HouseholdSurveyed', 'surveyed'],
    ['surveyed', 'IdentificationApplied', 'applied'],
    ['applied', 'HouseholdIdentified', 'identified'],
    ['identified', 'HouseholdCleared', 'cleared'],
    ['cleared', 'HouseholdRelapsed', 'identified'],
    ['applied', 'ApplicationWithdrawn', 'surveyed'],
    ['applied', 'ApplicationRejected', 'surveyed'],
    ['identified', 'HouseholdWithdrew', 'withdrawn'],
    ['surveyed', 'HouseholdExempted', 'exempted'],
    ['withdrawn', 'HouseholdDeregistered', 'deregistered'],
    ['unregistered', 'HouseholdRegistered', 'registered'],
  ] as const)('from %s, %s leads to %s', (from, type, to) => {
    expect(statusAfter(from, type)).toBe(to);
  });

  it('a survey makes only a registered household surveyed: a re-survey leaves every other status as it was', () => {
    for (const s of STATUSES.filter((x) => x !== 'registered')) expect(statusAfter(s, 'HouseholdSurveyed')).toBe(s);
  });

  it('an event that is not a status event leaves every status as it was, a correction among them', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STATUSES), fc.constantFrom(...EVENT_TYPES.filter((t) => !STATUS_EVENTS.includes(t))), (s, type) => statusAfter(s, type) === s),
    );
    expect(STATUS_EVENTS).not.toContain('EventCorrected');
  });

  it('names the status events, and the survey as the one whose result depends on the status before it', () => {
    expect([...STATUS_EVENTS].sort()).toEqual([
      'ApplicationRejected', 'ApplicationWithdrawn', 'HouseholdCleared', 'HouseholdDeregistered', 'HouseholdExempted', 'HouseholdIdentified',
      'HouseholdRegistered', 'HouseholdRelapsed', 'HouseholdSurveyed', 'HouseholdWithdrew', 'IdentificationApplied',
    ]);
    expect(STATUS_READING_EVENTS).toEqual(['HouseholdSurveyed']);
  });
});
