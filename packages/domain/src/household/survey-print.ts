import { contentHashOfMembers, memberHash } from './content-hash';

/**
 * What a stream keeps of each survey: the business date and, per member of its content
 * (fingerprint.ts: every field but `type`, `householdId`, `actor`, `note`, `commandId`),
 * a 64-bit fingerprint of that member — not the survey's data. A survey lists every
 * member of the household with a dozen details each, and the state of every household
 * the importer or the bench keeps alive used to hold all its surveys' data (~9 KB of
 * ~22 KB a household at 20,000 households), which each collection of the heap copied and
 * traced (docs/decisions/0081-surveys-kept-as-fingerprints.md).
 *
 * Members are fingerprinted apart, not summed into one figure, so that a correction
 * (corrected-state.ts) replaces the fingerprints of the fields it amends and the print is
 * exactly the one the corrected survey would have had. Different prints prove different
 * content; equal prints are a near-certain match, which `surveyRecorded` (guards.ts)
 * confirms against the stream's events when the caller gives them (needsHistory).
 */
export interface SurveyPrint {
  readonly on: string;
  /** Content member → its fingerprint (`memberHash`); undefined members are left out. */
  readonly members: Readonly<Record<string, string>>;
  /**
   * The fingerprint of the whole content as a SurveyHousehold command's (`contentHash`,
   * from the members' fingerprints): the survey's commandId trace (command-trace.ts) is
   * this very string, so a survey is walked once, for both.
   */
  readonly fingerprint: string;
}

const printOf = (on: string, members: Readonly<Record<string, string>>): SurveyPrint => ({ on, members, fingerprint: contentHashOfMembers(members, 'SurveyHousehold', on) });

/** Keys of a command or event that are not content; `on` is the print's own date. */
const notContent = (key: string): boolean =>
  key === 'type' || key === 'householdId' || key === 'actor' || key === 'note' || key === 'commandId' || key === 'on';

const hasOwn = Object.prototype.hasOwnProperty;

/** The print of a survey's fields (a HouseholdSurveyed's data or a SurveyHousehold command) on `on`. */
export const surveyPrintOf = (fields: object, on: string): SurveyPrint => {
  const o = fields as Readonly<Record<string, unknown>>;
  const members: Record<string, string> = {};
  for (const k in o) {
    const x = o[k];
    if (x === undefined || !hasOwn.call(o, k) || notContent(k)) continue;
    put(members, k, memberHash(k, x));
  }
  return printOf(on, members);
};

/** Whether two prints are of the same content on the same date: the same members with the same fingerprints. */
export const samePrint = (p: SurveyPrint, q: SurveyPrint): boolean => {
  if (p.on !== q.on || p.fingerprint !== q.fingerprint) return false;
  let count = 0;
  for (const k in p.members) {
    if (!hasOwn.call(p.members, k)) continue;
    if (!hasOwn.call(q.members, k) || p.members[k] !== q.members[k]) return false;
    count++;
  }
  for (const k in q.members) if (hasOwn.call(q.members, k)) count--;
  return count === 0;
};

/**
 * The print as it reads with a correction's fields merged over the survey's (the date
 * stays): what `surveyPrintOf` gives for `{ ...data, ...correction }`, computed from the
 * print and the correction alone.
 */
export const correctedPrint = (p: SurveyPrint, correction: Readonly<Record<string, unknown>>): SurveyPrint => {
  const members: Record<string, string> = {};
  for (const k in p.members) if (hasOwn.call(p.members, k)) put(members, k, p.members[k] as string);
  for (const k in correction) {
    if (!hasOwn.call(correction, k) || notContent(k)) continue;
    const x = correction[k];
    if (x === undefined) delete members[k];
    else put(members, k, memberHash(k, x));
  }
  return printOf(p.on, members);
};

/** An own member named __proto__ stays a member, as a spread of the data would keep it. */
const put = (members: Record<string, string>, k: string, v: string): void => {
  if (k === '__proto__') Object.defineProperty(members, k, { value: v, enumerable: true, writable: true, configurable: true });
  else members[k] = v;
};
