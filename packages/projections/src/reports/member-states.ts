import type { LaborCapacity, MemberState } from '@hearth/domain';
import type { MemberFact } from './read-model-facts';

/**
 * A member's state while its facts are folded, changed in place and handed out as a
 * `MemberState`, with the log position each field came from (so facts may be taken in
 * any order, as the progress counters' month-by-month sweep takes them: by date).
 */
export interface MemberFolding {
  readonly memberId: string;
  birthYear: number;
  removed: boolean;
  willing: boolean;
  laborCapacity?: LaborCapacity;
  birthYearAt: number;
  capacityAt: number;
  willingAt: number;
}

export const memberFolding = (memberId: string): MemberFolding => ({ memberId, birthYear: 0, removed: false, willing: false, birthYearAt: -1, capacityAt: -1, willingAt: -1 });

/**
 * The one home of a member's state's rule (domain.md §4 "Eligible member"): each field is
 * the one of the latest fact in log order that says something of it (not null); a removal
 * stays. `position` is the fact's place in the log; of facts at one position, the one
 * taken last wins. Used by `memberStates` (the reports' fold) and by the progress
 * counters' sweep (eligible-members.ts `eligibleOf`, decision 85).
 */
export const takeMemberFact = (
  m: MemberFolding, position: number, birthYear: number | null, capacity: string | null, willing: number | null, removed: number,
): void => {
  if (birthYear !== null && position >= m.birthYearAt) {
    m.birthYear = birthYear;
    m.birthYearAt = position;
  }
  if (capacity !== null && position >= m.capacityAt) {
    m.laborCapacity = capacity as LaborCapacity;
    m.capacityAt = position;
  }
  if (willing !== null && position >= m.willingAt) {
    m.willing = willing === 1;
    m.willingAt = position;
  }
  if (removed === 1) m.removed = true;
};

/**
 * Folds member facts (ordered by household, member, log order) into each member's state:
 * household → member → state. Each member's state is one object, created at its first
 * fact and updated in place by the next (`takeMemberFact`, their order standing for their
 * positions); nothing outside holds it until the fold returns.
 */
export const memberStates = (facts: readonly MemberFact[]): Map<string, Map<string, MemberState>> => {
  const out = new Map<string, Map<string, MemberFolding>>();
  let k = 0;
  for (const f of facts) {
    let members = out.get(f.householdId);
    if (!members) out.set(f.householdId, (members = new Map()));
    let m = members.get(f.memberId);
    if (m === undefined) members.set(f.memberId, (m = memberFolding(f.memberId)));
    takeMemberFact(m, k++, f.birthYear, f.capacity, f.willing, f.removed);
  }
  return out;
};
