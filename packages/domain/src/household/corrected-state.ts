import { EventData } from './events';
import { Content, correctedContent } from './fingerprint';
import { HouseholdState, MemberState } from './state';
import { correctedPrint, SurveyPrint } from './survey-print';

type Correction = Readonly<Record<string, unknown>>;

/**
 * The state with an EventCorrected applied: the state the stream would have folded to
 * had the named event been recorded with the amended data in the first place (what a
 * refold of the corrected history gives), computed from the state alone.
 *
 * It can be, because a correction changes no identifier (correction.ts; the member lists
 * of a registration or a survey keep their members: docs/decisions/0051-corrections-keep-identifiers.md),
 * so it changes which entities exist nowhere, only values; each value the state holds
 * remembers the event it came from (`eventId`, `addedBy`, `capacityFrom`, `willingFrom`,
 * `divisionFrom`, …), so a correction changes a value only where the corrected event is
 * still the one it came from. An event whose fields the state does not hold (an answer,
 * a removal, an exit …) leaves the state as it is. Total: a correction naming nothing
 * the state knows, or with fields of an unexpected shape, changes nothing.
 */
export const withCorrection = (s: HouseholdState, c: EventData<'EventCorrected'>): HouseholdState => {
  const { eventId, correction } = c;
  if (s.registeredBy === eventId) return correctRegistration(s, eventId, correction);
  const fp = s.surveys.get(eventId);
  if (fp !== undefined) return correctSurvey(s, eventId, fp, correction);
  for (const [id, m] of s.members)
    if (m.addedBy === eventId) {
      // The correction's fields are merged into MemberAdded's: a sex it leaves out stays.
      const sex = 'sex' in correction ? correction['sex'] : m.sex;
      const patched = withPerson(m, correction['birthYear'], sex);
      return { ...s, members: put(s.members, id, m.fingerprint !== undefined ? { ...patched, fingerprint: refingerprint(m.fingerprint, correction) } : patched) };
    }
  for (const [id, t] of s.trainings)
    if (t.eventId === eventId) {
      const kind = typeof correction['kind'] === 'string' ? (correction['kind'] as typeof t.kind) : t.kind;
      return { ...s, trainings: put(s.trainings, id, { ...t, kind, fingerprint: refingerprint(t.fingerprint, correction) }) };
    }
  for (const [id, r] of s.referrals)
    if (r.eventId === eventId) return { ...s, referrals: put(s.referrals, id, { ...r, fingerprint: refingerprint(r.fingerprint, correction) }) };
  for (const [id, x] of s.employments) {
    if (x.eventId === eventId) return { ...s, employments: put(s.employments, id, { ...x, fingerprint: refingerprint(x.fingerprint, correction) }) };
    const month = x.incomeEvents.get(eventId);
    if (month !== undefined) {
      const to = typeof correction['month'] === 'string' ? correction['month'] : month;
      const amount = typeof correction['amount'] === 'number' ? correction['amount'] : x.incomes.get(month);
      if (amount === undefined) return s;
      const incomes = new Map([...x.incomes].map(([k, v]): [string, number] => (k === month ? [to, amount] : [k, v])));
      return { ...s, employments: put(s.employments, id, { ...x, incomes, incomeEvents: put(x.incomeEvents, eventId, to) }) };
    }
  }
  for (const [id, v] of s.visits) {
    if (v.eventId === eventId) return { ...s, visits: put(s.visits, id, { ...v, fingerprint: refingerprint(v.fingerprint, correction) }) };
    const concern = v.concern;
    if (concern?.raisedBy === eventId && Array.isArray(correction['indicators']))
      return { ...s, visits: put(s.visits, id, { ...v, concern: { ...concern, indicators: correction['indicators'] as typeof concern.indicators } }) };
  }
  return s;
};

const put = <K, V>(m: ReadonlyMap<K, V>, k: K, v: V): ReadonlyMap<K, V> => new Map(m).set(k, v);

/** A fingerprint (the content and date, fingerprint.ts) as it reads with the correction merged. */
const refingerprint = (fingerprint: Content, correction: Correction): Content => correctedContent(fingerprint, correction);

/** The listed members of a corrected registration or survey, keyed by memberId (malformed entries skipped). */
const listed = (correction: Correction): ReadonlyMap<string, Readonly<Record<string, unknown>>> => {
  const members = correction['members'];
  const out = new Map<string, Readonly<Record<string, unknown>>>();
  if (Array.isArray(members))
    for (const m of members as unknown[])
      if (typeof m === 'object' && m !== null && typeof (m as Record<string, unknown>)['memberId'] === 'string')
        out.set((m as Record<string, string>)['memberId'] as string, m as Record<string, unknown>);
  return out;
};

/**
 * The members in the order a refold of the corrected history holds them: the registration's
 * in the order its correction lists them (it lists the same ids, correction.ts, in any order,
 * docs/decisions/0051), then those added after it, as they were. Decisions copy members in
 * the state's order (an identification's eligible members), so a live state in the old order
 * would decide what the corrected history, replayed, does not (docs/decisions/0175).
 */
const inListedOrder = (members: ReadonlyMap<string, MemberState>, registration: ReadonlyMap<string, unknown>): ReadonlyMap<string, MemberState> => {
  const ordered = new Map<string, MemberState>();
  for (const memberId of registration.keys()) {
    const m = members.get(memberId);
    if (m !== undefined) ordered.set(memberId, m);
  }
  for (const [memberId, m] of members) if (!ordered.has(memberId)) ordered.set(memberId, m);
  return ordered;
};

/** The member with the birth year (when a number) and the sex (none unless a string) a corrected event says. */
const withPerson = (m: MemberState, birthYear: unknown, sex: unknown): MemberState => ({
  ...m,
  birthYear: typeof birthYear === 'number' ? birthYear : m.birthYear,
  sex: typeof sex === 'string' ? (sex as NonNullable<MemberState['sex']>) : undefined,
});

const correctRegistration = (s: HouseholdState, eventId: string, correction: Correction): HouseholdState => {
  const corrected = listed(correction);
  let members = corrected.size > 0 ? inListedOrder(s.members, corrected) : s.members;
  for (const [memberId, fields] of corrected) {
    const m = members.get(memberId);
    // A registration's member list is replaced as a whole: a member entry without a sex has none.
    if (m !== undefined && m.addedBy === undefined) members = put(members, memberId, withPerson(m, fields['birthYear'], fields['sex']));
  }
  const division = correction['divisionCode'];
  return {
    ...s,
    members,
    ...(s.registrationFingerprint !== undefined ? { registrationFingerprint: refingerprint(s.registrationFingerprint, correction) } : {}),
    ...(typeof division === 'string' && s.divisionFrom === eventId ? { divisionCode: division } : {}),
  };
};

const correctSurvey = (s: HouseholdState, eventId: string, print: SurveyPrint, correction: Correction): HouseholdState => {
  let members = s.members;
  for (const [memberId, fields] of listed(correction)) {
    const m = members.get(memberId);
    if (m === undefined) continue;
    const next: MemberState = {
      ...m,
      ...(m.capacityFrom === eventId && typeof fields['laborCapacity'] === 'string' ? { laborCapacity: fields['laborCapacity'] as MemberState['laborCapacity'] } : {}),
      ...(m.willingFrom === eventId && typeof fields['wantsWork'] === 'boolean' ? { willing: fields['wantsWork'] } : {}),
    };
    members = put(members, memberId, next);
  }
  return { ...s, members, surveys: put(s.surveys, eventId, correctedPrint(print, correction)) };
};
