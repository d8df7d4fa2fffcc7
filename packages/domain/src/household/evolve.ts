import { maxDate } from '../dates';
import { commandTraceOf, keptContent } from './command-trace';
import { withCorrection } from './corrected-state';
import { HouseholdEvent } from './events';
import { Content, contentOf } from './fingerprint';
import { LaborCapacity } from './vocabulary';
import { EventMeta, EveryMember, HouseholdState, initialState, MemberState, memberState } from './state';

const put = <K, V>(m: ReadonlyMap<K, V>, k: K, v: V): ReadonlyMap<K, V> => new Map(m).set(k, v);

const updateMember = (s: HouseholdState, memberId: string, f: (m: MemberState) => MemberState): HouseholdState => {
  const m = s.members.get(memberId);
  return m ? { ...s, members: put(s.members, memberId, f(m)) } : s;
};

const updateIn = <V>(m: ReadonlyMap<string, V>, k: string, f: (v: V) => V): ReadonlyMap<string, V> => {
  const v = m.get(k);
  return v === undefined ? m : put(m, k, f(v));
};

/** The member as a survey found it: written out member by member, the cheapest copy of the one shape (state.ts). */
const surveyedMember = (m: MemberState, laborCapacity: LaborCapacity, willing: boolean, eventId: string): EveryMember<MemberState> => ({
  memberId: m.memberId,
  birthYear: m.birthYear,
  sex: m.sex,
  removed: m.removed,
  fingerprint: m.fingerprint,
  addedBy: m.addedBy,
  laborCapacity,
  capacityFrom: eventId,
  willing,
  willingFrom: eventId,
});

/**
 * The business effect of one event; bookkeeping common to all events is in `evolve`.
 * Each case does constant work (or work bounded by one entity), never work that grows
 * with the stream: the fold of a stream is linear. `kept` is the event's content when
 * it is one the state keeps (`keptContent`), already built for the commandId's trace.
 */
const apply = (s: HouseholdState, e: HouseholdEvent, meta: EventMeta, kept: Content | undefined): HouseholdState => {
  const on = meta.occurredOn;
  switch (e.type) {
    case 'HouseholdRegistered':
      return {
        ...s,
        status: 'registered',
        householdId: e.data.householdId,
        divisionCode: e.data.divisionCode,
        divisionFrom: meta.eventId,
        registeredBy: meta.eventId,
        registrationFingerprint: kept ?? contentOf(e.data, on),
        members: new Map(e.data.members.map((m) => [m.memberId, memberState(m.memberId, m.birthYear, m.sex)])),
      };
    case 'MemberAdded':
      return {
        ...s,
        members: put(s.members, e.data.memberId, memberState(e.data.memberId, e.data.birthYear, e.data.sex, { fingerprint: kept ?? contentOf(e.data, on), addedBy: meta.eventId })),
      };
    case 'MemberRemoved':
      return updateMember(s, e.data.memberId, (m) => ({ ...m, removed: true }));
    case 'HouseholdSurveyed': {
      // One copy of the members for the whole survey, not one per surveyed member.
      const members = new Map(s.members);
      for (const sm of e.data.members) {
        const m = members.get(sm.memberId);
        if (m) members.set(sm.memberId, surveyedMember(m, sm.laborCapacity, sm.wantsWork, meta.eventId));
      }
      return {
        ...s,
        surveyed: true,
        lastSurveyOn: on,
        surveys: put(s.surveys, meta.eventId, kept ?? contentOf(e.data, on)),
        status: s.status === 'registered' ? 'surveyed' : s.status,
        members,
      };
    }
    case 'IdentificationApplied':
      return { ...s, status: 'applied' };
    case 'ApplicationWithdrawn':
    case 'ApplicationRejected':
      return { ...s, status: 'surveyed' };
    case 'HouseholdIdentified':
      return { ...s, status: 'identified', firstIdentifiedOn: s.firstIdentifiedOn ?? on, lastIdentifiedOn: on };
    case 'WillingnessDeclared':
      return updateMember(s, e.data.memberId, (m) => ({ ...m, willing: true, willingFrom: meta.eventId }));
    case 'WillingnessWithdrawn':
      return updateMember(s, e.data.memberId, (m) => ({ ...m, willing: false, willingFrom: meta.eventId }));
    case 'TrainingOffered':
      return {
        ...s,
        trainings: put(s.trainings, e.data.trainingId, {
          eventId: meta.eventId,
          fingerprint: kept ?? contentOf(e.data, on),
          memberId: e.data.memberId,
          kind: e.data.kind,
          status: 'offered',
        }),
      };
    case 'TrainingAccepted':
      return { ...s, trainings: updateIn(s.trainings, e.data.trainingId, (t) => ({ ...t, status: 'accepted' })) };
    case 'TrainingDeclined':
      return { ...s, trainings: updateIn(s.trainings, e.data.trainingId, (t) => ({ ...t, status: 'declined' })) };
    case 'MemberTrained':
      return { ...s, trainings: updateIn(s.trainings, e.data.trainingId, (t) => ({ ...t, status: 'completed' })) };
    case 'TrainingLeft':
      return { ...s, trainings: updateIn(s.trainings, e.data.trainingId, (t) => ({ ...t, status: 'left' })) };
    case 'MemberReferred':
      return {
        ...s,
        referrals: put(s.referrals, e.data.referralId, {
          eventId: meta.eventId,
          fingerprint: kept ?? contentOf(e.data, on),
          memberId: e.data.memberId,
          referredOn: on,
          status: 'open',
          employmentId: undefined,
        }),
      };
    case 'ReferralAccepted':
      return { ...s, referrals: updateIn(s.referrals, e.data.referralId, (r) => ({ ...r, status: 'accepted' })) };
    case 'ReferralDeclined':
      return { ...s, referrals: updateIn(s.referrals, e.data.referralId, (r) => ({ ...r, status: 'declined' })) };
    case 'MemberEmployed': {
      const { employmentId, referralId } = e.data;
      return {
        ...s,
        employments: put(s.employments, employmentId, {
          eventId: meta.eventId,
          fingerprint: kept ?? contentOf(e.data, on),
          incomes: new Map(),
          incomeEvents: new Map(),
          memberId: e.data.memberId,
          startedOn: on,
          endedOn: undefined,
          referralId: referralId || undefined,
        }),
        referrals: referralId ? updateIn(s.referrals, referralId, (r) => ({ ...r, employmentId })) : s.referrals,
      };
    }
    case 'IncomeRecorded':
      return {
        ...s,
        employments: updateIn(s.employments, e.data.employmentId, (x) => ({
          ...x,
          incomes: put(x.incomes, e.data.month, e.data.amount),
          incomeEvents: put(x.incomeEvents, meta.eventId, e.data.month),
        })),
      };
    case 'EmploymentEnded':
      return { ...s, employments: updateIn(s.employments, e.data.employmentId, (x) => ({ ...x, endedOn: on })) };
    case 'HouseholdCleared':
      return { ...s, status: 'cleared', lastClearedOn: on };
    case 'FollowUpVisited':
      return { ...s, visits: put(s.visits, e.data.visitId, { eventId: meta.eventId, fingerprint: kept ?? contentOf(e.data, on), visitedOn: on, concern: undefined }) };
    case 'LaborConcernRaised':
      return {
        ...s,
        visits: updateIn(s.visits, e.data.visitId, (v) => ({ ...v, concern: { indicators: e.data.indicators, open: true, raisedOn: on, raisedBy: meta.eventId } })),
      };
    case 'LaborConcernResolved':
      return {
        ...s,
        visits: updateIn(s.visits, e.data.visitId, (v) => (v.concern ? { ...v, concern: { ...v.concern, open: false } } : v)),
      };
    case 'HouseholdRelapsed':
      return { ...s, status: 'identified' };
    case 'HouseholdExempted':
      return { ...s, status: 'exempted' };
    case 'HouseholdWithdrew':
      return { ...s, status: 'withdrawn' };
    case 'HouseholdDeregistered':
      return { ...s, status: 'deregistered' };
    case 'HouseholdTransferred':
      return { ...s, divisionCode: e.data.to, divisionFrom: meta.eventId };
    case 'EventCorrected':
      // The state reflects the corrected facts while the original event stays in the log
      // untouched: the correction is applied to what the event it names made.
      return withCorrection(s, e.data);
    default: {
      const unreachable: never = e;
      return unreachable;
    }
  }
};

/** Folds one stored event into the state. Total over every event type. */
export const evolve = (s: HouseholdState, event: HouseholdEvent, meta: EventMeta): HouseholdState => {
  // One content object for the entity and the commandId's trace (command-trace.ts).
  const kept = keptContent(event, meta.occurredOn);
  const applied = apply(s, event, meta, kept);
  const commandId = meta.commandId;
  // The trace is built before the index says whether the id is new: it is, but for the
  // second event of one command (whose trace is cheap), so one lookup is saved per event.
  const commandIds = commandId ? s.commandIds.with(commandId, commandTraceOf(event, meta.occurredOn, kept)) : s.commandIds;
  // `apply` returns `s` itself or a state it has just built and shared with no one: the
  // bookkeeping is written into that one instead of copying every field a second time.
  const next: { -readonly [K in keyof HouseholdState]: HouseholdState[K] } = applied === s ? { ...s } : applied;
  next.latestOn = maxDate(s.latestOn, meta.occurredOn);
  next.commandIds = commandIds;
  return next;
};

export const fold = (facts: readonly { event: HouseholdEvent; meta: EventMeta }[], from: HouseholdState = initialState): HouseholdState =>
  facts.reduce((s, f) => evolve(s, f.event, f.meta), from);
