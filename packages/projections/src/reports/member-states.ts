import type { LaborCapacity, MemberState } from '@hearth/domain';
import type { MemberFact } from './read-model-facts';

/** Folds member facts (ordered by household, member, log order) into each member's state: household → member → state. */
export const memberStates = (facts: readonly MemberFact[]): Map<string, Map<string, MemberState>> => {
  const out = new Map<string, Map<string, MemberState>>();
  for (const f of facts) {
    let members = out.get(f.householdId);
    if (!members) out.set(f.householdId, (members = new Map()));
    const m: MemberState = members.get(f.memberId) ?? { memberId: f.memberId, birthYear: 0, removed: false, willing: false };
    members.set(f.memberId, {
      ...m,
      ...(f.birthYear !== null ? { birthYear: f.birthYear } : {}),
      ...(f.capacity !== null ? { laborCapacity: f.capacity as LaborCapacity } : {}),
      ...(f.willing !== null ? { willing: f.willing === 1 } : {}),
      removed: m.removed || f.removed === 1,
    });
  }
  return out;
};
