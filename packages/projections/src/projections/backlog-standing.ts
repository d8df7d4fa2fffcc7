import type { Status } from '@hearth/domain';
import type { HouseholdProgress } from './household-progress';

/** The parts of a progress record the backlog's standing is read from (all of it but the progress fields). */
export type StandingSource = Pick<HouseholdProgress, 't' | 'members' | 'backlog'>;

/**
 * What the service backlog reads of a household at the end of a date, but its members and
 * its referrals and employments (which only an identified household's entries need): its
 * status then (the last change in log order: a correction re-adds its event's change at
 * the end of the timeline), the dates of its first registration and latest identification
 * and clearance, its last follow-up visit and last survey in log order, and the dates of
 * every survey (the survey-update window is the asker's).
 */
export interface BacklogStanding {
  readonly status: Status | null;
  readonly registeredOn: string | null;
  readonly identifiedOn: string | null;
  readonly clearedOn: string | null;
  readonly lastVisitOn: string | null;
  readonly lastSurveyOn: string | null;
  /** Ascending, each date once. */
  readonly surveyedOn: readonly string[];
}

const byPosition = (a: readonly [number, ...unknown[]], b: readonly [number, ...unknown[]]): number => a[0] - b[0];

/**
 * The household's standing at the end of `date` (every entry when `date` is absent: the
 * standing at the head of its record, which is its standing at any date on or after
 * `latestDateOf`). The backlog's one home for this rule: the households' stored heads
 * (backlog-head-codec.ts, docs/decisions/0113) and the backlog's read of a record at an
 * earlier date both call it.
 */
export const backlogStandingAt = (p: StandingSource, date?: string): BacklogStanding => {
  let status: Status | null = null;
  let registeredOn: string | null = null;
  let identifiedOn: string | null = null;
  let clearedOn: string | null = null;
  const statuses = (date === undefined ? [...p.t.statuses] : p.t.statuses.filter((c) => c[1] <= date)).sort(byPosition);
  for (const [, on, eventType, , to] of statuses) {
    status = to;
    if (eventType === 'HouseholdIdentified' && (identifiedOn === null || on > identifiedOn)) identifiedOn = on;
    else if (eventType === 'HouseholdCleared' && (clearedOn === null || on > clearedOn)) clearedOn = on;
    else if (eventType === 'HouseholdRegistered' && (registeredOn === null || on < registeredOn)) registeredOn = on;
  }
  let lastVisitOn: string | null = null;
  let lastSurveyOn: string | null = null;
  const surveys = new Set<string>();
  const entries = (date === undefined ? [...p.backlog] : p.backlog.filter((b) => b[1] <= date)).sort(byPosition);
  for (const [, on, kind] of entries) {
    if (kind === 'follow-up') lastVisitOn = on;
    else if (kind === 'household-surveyed') {
      lastSurveyOn = on;
      surveys.add(on);
    }
  }
  return { status, registeredOn, identifiedOn, clearedOn, lastVisitOn, lastSurveyOn, surveyedOn: [...surveys].sort() };
};

/**
 * The latest business date of any entry the backlog reads from the record (villages,
 * statuses, member facts, backlog activity), or null for a record with none: at the end
 * of this date or any later one, every one of them counts.
 */
export const latestDateOf = (p: StandingSource): string | null => {
  let latest: string | null = null;
  const see = (on: string): void => {
    if (latest === null || on > latest) latest = on;
  };
  for (const v of p.t.villages) see(v[1]);
  for (const s of p.t.statuses) see(s[1]);
  for (const m of p.members) see(m[1]);
  for (const b of p.backlog) see(b[1]);
  return latest;
};
