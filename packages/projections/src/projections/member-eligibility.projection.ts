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

const row = (s: FactSource, memberId: string, fields: Partial<MemberFactRow>): MemberFactRow => ({
  member_id: memberId,
  occurred_on: s.occurredOn,
  birth_year: null,
  capacity: null,
  willing: null,
  removed: 0,
  ...fields,
});

export const memberFactsOf = (s: FactSource): MemberFactRow[] => {
  const e = s.event;
  switch (e.type) {
    case 'HouseholdRegistered':
      return e.data.members.map((m) => row(s, m.memberId, { birth_year: m.birthYear, willing: 0 }));
    case 'MemberAdded':
      return [row(s, e.data.memberId, { birth_year: e.data.birthYear, willing: 0 })];
    case 'MemberRemoved':
      return [row(s, e.data.memberId, { removed: 1 })];
    case 'HouseholdSurveyed':
      return e.data.members.map((m) => row(s, m.memberId, { capacity: m.laborCapacity, willing: m.wantsWork ? 1 : 0 }));
    case 'WillingnessDeclared':
      return [row(s, e.data.memberId, { willing: 1 })];
    case 'WillingnessWithdrawn':
      return [row(s, e.data.memberId, { willing: 0 })];
    default:
      return [];
  }
};

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
