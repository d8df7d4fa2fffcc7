import { eventFactsProjection, FactSource } from './event-facts-projection';

/**
 * Labour concerns (domain.md §1.5): raised by a follow-up visit, resolved later. A
 * concern is open at date d when raised on or before d and not resolved on or before d.
 */
export interface ConcernRow extends Record<string, string | number | null> {
  visit_id: string;
  occurred_on: string;
  kind: 'raised' | 'resolved';
  /** Raised: the indicators, comma-separated; resolved: the outcome. */
  detail: string;
}

export const concernFactsOf = (s: FactSource): ConcernRow[] => {
  const e = s.event;
  switch (e.type) {
    case 'LaborConcernRaised':
      return [{ visit_id: e.data.visitId, occurred_on: s.occurredOn, kind: 'raised', detail: e.data.indicators.join(',') }];
    case 'LaborConcernResolved':
      return [{ visit_id: e.data.visitId, occurred_on: s.occurredOn, kind: 'resolved', detail: e.data.outcome }];
    default:
      return [];
  }
};

export const LaborConcernProjection = eventFactsProjection<ConcernRow>({
  name: 'labor-concerns',
  version: 1,
  handles: ['LaborConcernRaised', 'LaborConcernResolved'],
  table: 'proj_labor_concerns',
  columns: { visit_id: 'TEXT NOT NULL', occurred_on: 'TEXT NOT NULL', kind: 'TEXT NOT NULL', detail: 'TEXT NOT NULL' },
  indexes: [{ on: 'household_id, visit_id' }],
  rowsOf: concernFactsOf,
});
