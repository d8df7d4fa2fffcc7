import type { LaborCapacity, MemberState } from '@hearth/domain';
import type { MemberEntry } from '../projections/member-facts';

/**
 * A member's state while its facts are folded, changed in place and handed out as a
 * `MemberState`, with the business date and log position each field came from (so facts
 * may be taken in any order, as the progress counters' month-by-month sweep takes them:
 * by date).
 */
export interface MemberFolding {
  readonly memberId: string;
  birthYear: number;
  removed: boolean;
  willing: boolean;
  laborCapacity?: LaborCapacity;
  birthYearAt: number;
  capacityOn: string;
  capacityAt: number;
  willingOn: string;
  willingAt: number;
}

export const memberFolding = (memberId: string): MemberFolding =>
  ({ memberId, birthYear: 0, removed: false, willing: false, birthYearAt: -1, capacityOn: '', capacityAt: -1, willingOn: '', willingAt: -1 });

/** Whether a fact dated `on` at `position` is newer than one dated `than` at `thanAt`: the later date, else the later in the log (decision 130). */
const newer = (on: string, position: number, than: string, thanAt: number): boolean => on > than || (on === than && position >= thanAt);

/**
 * The one home of a member's state's rule (domain.md §4 "Eligible member"): labour
 * capacity and willingness are the latest dated fact's that says something of them (not
 * null), of two on one date the later in the log, whatever order a back-dating allowance
 * let them be recorded in (decision 130); the birth year is the latest in log order (a
 * registration's or an addition's, or its correction's); a removal stays. `position` is the
 * fact's place in the log; of facts at one position, the one taken last wins. Used by
 * `memberStatesAt` (the reports' fold) and by the progress counters' sweep
 * (eligible-members.ts `eligibleOf`, decision 85).
 */
export const takeMemberFact = (
  m: MemberFolding, position: number, on: string, birthYear: number | null, capacity: string | null, willing: number | null, removed: number,
): void => {
  if (birthYear !== null && position >= m.birthYearAt) {
    m.birthYear = birthYear;
    m.birthYearAt = position;
  }
  if (capacity !== null && newer(on, position, m.capacityOn, m.capacityAt)) {
    m.laborCapacity = capacity as LaborCapacity;
    m.capacityOn = on;
    m.capacityAt = position;
  }
  if (willing !== null && newer(on, position, m.willingOn, m.willingAt)) {
    m.willing = willing === 1;
    m.willingOn = on;
    m.willingAt = position;
  }
  if (removed === 1) m.removed = true;
};

/**
 * One household's members as of the end of `date`: its member facts (household-progress
 * record's `members`, in any order) dated on or before it, folded by `takeMemberFact`
 * with their dates and log positions, member by member in the order the members first appear.
 * Each member's state is one object, made at its first fact and updated in place by the
 * next; nothing outside holds it until the fold returns.
 */
export const memberStatesAt = (entries: readonly MemberEntry[], date: string): Map<string, MemberState> => {
  const out = new Map<string, MemberFolding>();
  for (const [position, on, memberId, birthYear, capacity, willing, removed] of entries) {
    if (on > date) continue;
    let m = out.get(memberId);
    if (m === undefined) out.set(memberId, (m = memberFolding(memberId)));
    takeMemberFact(m, position, on, birthYear, capacity, willing, removed);
  }
  return out;
};
