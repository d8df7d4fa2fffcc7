import { beginsIdentifiedSpell, type Status } from '@hearth/domain';
import type { BacklogEntry } from './backlog-activity';
import { statusAt, type HouseholdTimeline } from './household-timeline';

/** The parts of a progress record (or of a backlog timeline) a household's standing is read from. */
export interface StandingSource {
  readonly t: Pick<HouseholdTimeline, 'statuses'>;
  readonly backlog: readonly BacklogEntry[];
}

/**
 * What the service backlog reads of a household at the end of a date, but its members and
 * its referrals and employments (which only the entries of a household owed referrals need): its
 * status then (the timeline's `statusAt`: its status events then, folded in log order), the
 * dates of its first registration, its latest identification or relapse (the spell referrals
 * are owed for: docs/decisions/0116) and latest clearance,
 * the dates of its last follow-up visit and last survey (the latest dated, whatever order a
 * back-dating allowance let them be recorded in: docs/decisions/0128), and the dates of every
 * survey (the survey-update window is the asker's).
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

/**
 * The household's standing at the end of `date`: the backlog's one home for this rule,
 * read from a household's backlog timeline (backlog-timeline.ts, docs/decisions/0113).
 * One pass over each list for the dates, and `statusAt`'s for the status.
 */
export const backlogStandingAt = (p: StandingSource, date: string): BacklogStanding => {
  const status: Status | null = statusAt(p.t, date) ?? null;
  let registeredOn: string | null = null;
  let identifiedOn: string | null = null;
  let clearedOn: string | null = null;
  for (const [, on, eventType] of p.t.statuses) {
    if (on > date) continue;
    if (beginsIdentifiedSpell(eventType)) {
      if (identifiedOn === null || on > identifiedOn) identifiedOn = on;
    } else if (eventType === 'HouseholdCleared' && (clearedOn === null || on > clearedOn)) clearedOn = on;
    else if (eventType === 'HouseholdRegistered' && (registeredOn === null || on < registeredOn)) registeredOn = on;
  }
  let lastVisitOn: string | null = null;
  const surveyedOn: string[] = [];
  for (const [, on, kind] of p.backlog) {
    if (on > date) continue;
    if (kind === 'follow-up') {
      if (lastVisitOn === null || on > lastVisitOn) lastVisitOn = on;
    } else if (kind === 'household-surveyed' && !surveyedOn.includes(on)) surveyedOn.push(on);
  }
  surveyedOn.sort();
  const lastSurveyOn = surveyedOn.length > 0 ? (surveyedOn[surveyedOn.length - 1] as string) : null;
  return { status, registeredOn, identifiedOn, clearedOn, lastVisitOn, lastSurveyOn, surveyedOn };
};
