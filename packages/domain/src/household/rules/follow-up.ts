import { CommandOf } from '../commands';
import { append, Decision, reject } from '../decision';
import { ev, HouseholdEvent } from '../events';
import { HouseholdState } from '../state';

export const recordFollowUp = (c: CommandOf<'RecordFollowUp'>, s: HouseholdState): Decision => {
  if (s.status !== 'cleared') return reject('NOT_CLEARED', `the household is ${s.status}, not cleared`);
  const { visitId, findings, stillEmployed, laborConcerns } = c;
  const events: HouseholdEvent[] = [ev('FollowUpVisited', { visitId, findings, stillEmployed, laborConcerns })];
  // Decent work is checked, not assumed: any indicator found opens a concern.
  if (laborConcerns.length > 0) events.push(ev('LaborConcernRaised', { visitId, indicators: [...new Set(laborConcerns)] }));
  return append(...events);
};

export const resolveLaborConcern = (c: CommandOf<'ResolveLaborConcern'>, s: HouseholdState): Decision => {
  const concern = s.visits.get(c.visitId)?.concern;
  if (!concern?.open) return reject('NO_OPEN_CONCERN', `visit "${c.visitId}" has no open labour concern`);
  return append(ev('LaborConcernResolved', { visitId: c.visitId, outcome: c.outcome, reason: c.reason }));
};
