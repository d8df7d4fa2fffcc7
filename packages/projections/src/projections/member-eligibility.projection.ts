import { eventFactsProjection, FactSource } from './event-facts-projection';

/**
 * What decides a member's eligibility over time (domain.md §4 "Eligible member"):
 * birth year, labour capacity from the latest survey, willingness from the latest of
 * survey, declaration and withdrawal, and removal. One row per member touched by an
 * event; a NULL column means "this event says nothing about it".
 */
export interface MemberFactRow extends Record<string, string | number | null> {
  member_id: string;
  occurred_on: string;
  birth_year: number | null;
  capacity: string | null;
  willing: number | null;
  removed: number;
}

/** One row; every row has the same fields in the same order (one object shape: no spread of a partial row, ~170,000 events a catch-up). */
const row = (s: FactSource, memberId: string, birthYear: number | null, capacity: string | null, willing: number | null, removed: number): MemberFactRow => ({
  member_id: memberId,
  occurred_on: s.occurredOn,
  birth_year: birthYear,
  capacity,
  willing,
  removed,
});

const NONE: readonly MemberFactRow[] = [];

const derive = (s: FactSource): readonly MemberFactRow[] => {
  const e = s.event;
  switch (e.type) {
    case 'HouseholdRegistered': {
      const out: MemberFactRow[] = [];
      for (const m of e.data.members) out.push(row(s, m.memberId, m.birthYear, null, 0, 0));
      return out;
    }
    case 'MemberAdded':
      return [row(s, e.data.memberId, e.data.birthYear, null, 0, 0)];
    case 'MemberRemoved':
      return [row(s, e.data.memberId, null, null, null, 1)];
    case 'HouseholdSurveyed': {
      const out: MemberFactRow[] = [];
      for (const m of e.data.members) out.push(row(s, m.memberId, null, m.laborCapacity, m.wantsWork ? 1 : 0, 0));
      return out;
    }
    case 'WillingnessDeclared':
      return [row(s, e.data.memberId, null, null, 1, 0)];
    case 'WillingnessWithdrawn':
      return [row(s, e.data.memberId, null, null, 0, 0)];
    default:
      return NONE;
  }
};

/**
 * The member facts of one event: the rows the member-facts table holds, and what the
 * progress counters take into their household records (household-progress.ts). Derived
 * once an event: kept with it (`FactSource.memberFacts`) for whichever projection asks
 * next in the page (docs/decisions/0088). The rows handed out are shared: never changed.
 */
export const memberFactsOf = (s: FactSource): readonly MemberFactRow[] => s.memberFacts ?? (s.memberFacts = derive(s));

export const MemberEligibilityProjection = eventFactsProjection<MemberFactRow>({
  name: 'member-eligibility',
  // 2: no index on occurred_on: no query read it (its readers seek by household or scan in key order; docs/decisions/0064).
  version: 2,
  handles: ['HouseholdRegistered', 'MemberAdded', 'MemberRemoved', 'HouseholdSurveyed', 'WillingnessDeclared', 'WillingnessWithdrawn'],
  table: 'proj_member_facts',
  columns: {
    member_id: 'TEXT NOT NULL',
    occurred_on: 'TEXT NOT NULL',
    birth_year: 'INTEGER',
    capacity: 'TEXT',
    willing: 'INTEGER',
    removed: 'INTEGER NOT NULL',
  },
  rowsOf: memberFactsOf,
});
