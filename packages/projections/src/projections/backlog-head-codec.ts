import type { Status } from '@hearth/domain';
import { BacklogStanding, backlogStandingAt, latestDateOf, StandingSource } from './backlog-standing';
import { villageAt } from './household-timeline';
import { Packer, seededStrings, Unpacker } from './packed-bytes';

/**
 * What the service backlog reads first of a household (`agg_household_heads`,
 * docs/decisions/0113): the latest date of its record's entries, and its village and
 * standing at the head of its record. On that date and any later one they are its
 * village and standing then, so that the backlog reads a household not identified then
 * from these few bytes alone, not from its whole record.
 */
export interface BacklogHead {
  readonly latestOn: string | null;
  readonly village: string | null;
  readonly standing: BacklogStanding;
}

/** The head of a household's progress record (the parts of it the backlog reads). */
export const backlogHeadOf = (p: StandingSource): BacklogHead => {
  const latestOn = latestDateOf(p);
  return { latestOn, village: latestOn === null ? null : (villageAt(p.t, latestOn) ?? null), standing: backlogStandingAt(p) };
};

const SEEDED = seededStrings(['unregistered', 'registered', 'surveyed', 'applied', 'identified', 'cleared', 'withdrawn', 'exempted', 'deregistered']);

/** The first byte of every packed head: another layout must use another. */
const FORMAT = 1;

/** A head packed as the progress records are (packed-bytes.ts): dates as differences, strings numbered. */
export const encodeBacklogHead = (head: BacklogHead): Buffer => {
  const w = new Packer(SEEDED);
  w.uint(FORMAT);
  const date = { n: 0 };
  const s = head.standing;
  w.date(head.latestOn, date);
  w.string(head.village);
  w.string(s.status);
  for (const on of [s.registeredOn, s.identifiedOn, s.clearedOn, s.lastVisitOn, s.lastSurveyOn]) w.date(on, date);
  w.uint(s.surveyedOn.length);
  for (const on of s.surveyedOn) w.date(on, date);
  return w.done();
};

/** The head `encodeBacklogHead` packed; throws on bytes it did not write. */
export const decodeBacklogHead = (bytes: Uint8Array): BacklogHead => {
  const r = new Unpacker(bytes, SEEDED);
  if (r.uint() !== FORMAT) throw new Error('backlog head: unknown format');
  const date = { n: 0 };
  const latestOn = r.date(date);
  const village = r.string();
  const status = r.string() as Status | null;
  const registeredOn = r.date(date);
  const identifiedOn = r.date(date);
  const clearedOn = r.date(date);
  const lastVisitOn = r.date(date);
  const lastSurveyOn = r.date(date);
  const surveyedOn: string[] = [];
  for (let n = r.uint(); n > 0; n--) surveyedOn.push(r.requiredDate(date));
  r.end();
  return { latestOn, village, standing: { status, registeredOn, identifiedOn, clearedOn, lastVisitOn, lastSurveyOn, surveyedOn } };
};
