import type { EventType } from '@hearth/domain';
import type { FactSource } from './event-facts-projection';

/**
 * What decides a member's eligibility over time (domain.md §4 "Eligible member"):
 * birth year, labour capacity from the latest survey, willingness from the latest of
 * survey, declaration and withdrawal, and removal. One entry per member touched by an
 * event, kept in the household's progress record (household-progress.ts), which the
 * progress counters, the backlog and the progress report read (docs/decisions/0110); a
 * null field means "this event says nothing about it".
 *
 * [position, occurredOn, memberId, birthYear, capacity, willing, removed]
 */
export type MemberEntry = [number, string, string, number | null, string | null, number | null, number];

/** The event types that yield member facts. */
export const MEMBER_FACT_EVENTS: readonly EventType[] = [
  'HouseholdRegistered', 'MemberAdded', 'MemberRemoved', 'HouseholdSurveyed', 'WillingnessDeclared', 'WillingnessWithdrawn',
];

const NONE: readonly MemberEntry[] = [];

/** The member facts of one event (none for an event of another type). */
export const memberEntriesOf = (s: FactSource): readonly MemberEntry[] => {
  const e = s.event;
  const at = s.position;
  const on = s.occurredOn;
  switch (e.type) {
    case 'HouseholdRegistered': {
      const out: MemberEntry[] = [];
      // A registration or an addition says nothing of capacity or willingness (null): a member is unwilling until a
      // survey or declaration says otherwise, whatever it is dated (decision 132), as in the domain's fold.
      for (const m of e.data.members) out.push([at, on, m.memberId, m.birthYear, null, null, 0]);
      return out;
    }
    case 'MemberAdded':
      return [[at, on, e.data.memberId, e.data.birthYear, null, null, 0]];
    case 'MemberRemoved':
      return [[at, on, e.data.memberId, null, null, null, 1]];
    case 'HouseholdSurveyed': {
      const out: MemberEntry[] = [];
      for (const m of e.data.members) out.push([at, on, m.memberId, null, m.laborCapacity, m.wantsWork ? 1 : 0, 0]);
      return out;
    }
    case 'WillingnessDeclared':
      return [[at, on, e.data.memberId, null, null, 1, 0]];
    case 'WillingnessWithdrawn':
      return [[at, on, e.data.memberId, null, null, 0, 0]];
    default:
      return NONE;
  }
};
