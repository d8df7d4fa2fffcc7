/**
 * Projections that no longer exist, because another now keeps what they kept (decision
 * 110): a store written before keeps their tables and checkpoints until it is next opened
 * for writing (storage/projection-schema.ts drops them), and a rebuild asked of one by
 * its old name rebuilds the projection that keeps it now, so that scripts naming it go on
 * working.
 */
export interface RetiredProjection {
  readonly name: string;
  readonly tables: readonly string[];
  /** The projection that keeps what it kept. */
  readonly keptBy: string;
}

export const RETIRED_PROJECTIONS: readonly RetiredProjection[] = [
  { name: 'member-eligibility', tables: ['proj_member_facts'], keptBy: 'progress-counters' },
  { name: 'case-activity', tables: ['proj_case_activity'], keptBy: 'progress-counters' },
];

/** The projection a name stands for today: a retired projection's keeper, else the name itself. */
export const projectionNameToday = (name: string): string => RETIRED_PROJECTIONS.find((r) => r.name === name)?.keptBy ?? name;
