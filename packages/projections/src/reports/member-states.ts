import type { LaborCapacity, MemberState } from '@hearth/domain';
import type { MemberFact } from './read-model-facts';

/** A member's state while its facts are folded: built here and changed in place, handed out as a `MemberState`. */
interface Folding {
  memberId: string;
  birthYear: number;
  removed: boolean;
  willing: boolean;
  laborCapacity?: LaborCapacity;
}

/**
 * Folds member facts (ordered by household, member, log order) into each member's state:
 * household → member → state. Each member's state is one object, created at its first
 * fact and updated in place by the next; nothing outside holds it until the fold returns.
 * The progress counters' eligible members sweep the same rule month by month
 * (household-progress.ts `eligibleOf`, decision 85): a field is the latest fact's in log
 * order, a removal stays.
 */
export const memberStates = (facts: readonly MemberFact[]): Map<string, Map<string, MemberState>> => {
  const out = new Map<string, Map<string, Folding>>();
  for (const f of facts) {
    let members = out.get(f.householdId);
    if (!members) out.set(f.householdId, (members = new Map()));
    let m = members.get(f.memberId);
    if (m === undefined) members.set(f.memberId, (m = { memberId: f.memberId, birthYear: 0, removed: false, willing: false }));
    if (f.birthYear !== null) m.birthYear = f.birthYear;
    if (f.capacity !== null) m.laborCapacity = f.capacity as LaborCapacity;
    if (f.willing !== null) m.willing = f.willing === 1;
    if (f.removed === 1) m.removed = true;
  }
  return out;
};
