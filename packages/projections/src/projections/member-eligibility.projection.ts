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

const derive = (s: FactSource): MemberFactRow[] => {
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

const NONE: MemberFactRow[] = [];

/**
 * The rows of one event, derived once for each source: the member-facts table writes them
 * and the progress counters take the same rows into their household records
 * (household-progress.ts), one derivation an event for both. Held weakly by the source
 * (the runner's decoded event, or a correction's target), so they go with it; the rows
 * handed out are shared and never changed.
 */
const derived = new WeakMap<FactSource, MemberFactRow[]>();

export const memberFactsOf = (s: FactSource): readonly MemberFactRow[] => {
  let rows = derived.get(s);
  if (rows === undefined) derived.set(s, (rows = derive(s)));
  return rows;
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
