import { CommandOf } from '../commands';
import { append, Decision, reject } from '../decision';
import { ev } from '../events';
import { HouseholdState } from '../state';
import { LaborConcernIndicator } from '../vocabulary';

/**
 * The list a visit without concerns records, one for every such visit: the state keeps
 * each visit's data (the visit's content, command-trace.ts), and most visits find nothing,
 * so every household the importer or the bench keeps alive held an empty array a visit
 * (docs/decisions/0087-commandid-traces-packed.md). Frozen, so that a write into one
 * event's data throws instead of reaching every other (the data type's arrays are mutable).
 */
const NO_CONCERNS = Object.freeze([]) as unknown as LaborConcernIndicator[];

export const recordFollowUp = (c: CommandOf<'RecordFollowUp'>, s: HouseholdState): Decision => {
  if (s.status !== 'cleared') return reject('NOT_CLEARED', `the household is ${s.status}, not cleared`, { path: 'householdId', message: `the household is ${s.status}, not cleared` });
  const { visitId, findings, stillEmployed } = c;
  const laborConcerns = c.laborConcerns.length === 0 ? NO_CONCERNS : c.laborConcerns;
  const visited = ev('FollowUpVisited', { visitId, findings, stillEmployed, laborConcerns });
  // Decent work is checked, not assumed: any indicator found opens a concern.
  return laborConcerns.length > 0 ? append(visited, ev('LaborConcernRaised', { visitId, indicators: [...new Set(laborConcerns)] })) : append(visited);
};

export const resolveLaborConcern = (c: CommandOf<'ResolveLaborConcern'>, s: HouseholdState): Decision => {
  const concern = s.visits.get(c.visitId)?.concern;
  if (!concern?.open) return reject('NO_OPEN_CONCERN', `visit "${c.visitId}" has no open labour concern`, { path: 'visitId', message: 'no open labour concern raised by this visit' });
  return append(ev('LaborConcernResolved', { visitId: c.visitId, outcome: c.outcome, reason: c.reason }));
};
