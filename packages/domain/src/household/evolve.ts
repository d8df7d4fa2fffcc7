import { BusinessDate, maxDate } from '../dates';
import { commandTraceOf, KeptContent, keptContent } from './command-trace';
import { withCorrection } from './corrected-state';
import { HouseholdEvent } from './events';
import { beginsIdentifiedSpell } from './identified-spell';
import { statusAfter } from './status-after';
import { contentOf } from './fingerprint';
import { surveyPrintOf } from './survey-print';
import { LaborCapacity } from './vocabulary';
import { EventMeta, EveryMember, HouseholdState, initialState, MemberState, memberState, ReferralState, TrainingState } from './state';
import { copyOfMap, StateDraft } from './state-draft';

/**
 * The income maps of an employment with no income recorded, one pair for all: a Map costs
 * ~180 bytes empty, and every household the importer or the bench keeps alive held two a
 * job, most of them never written (docs/decisions/0099-one-pass-checks-and-written-out-data.md).
 * The state's maps are read-only to their readers, and the draft writes only its own copies
 * (`copyOfMap`), so the shared pair is never written.
 */
const NO_INCOMES: ReadonlyMap<string, number> = new Map();
const NO_INCOME_EVENTS: ReadonlyMap<string, string> = new Map();

const updateMember = (d: StateDraft, memberId: string, change: Partial<MemberState>): void => {
  const m = d.state.members.get(memberId);
  if (m !== undefined) d.members().set(memberId, { ...m, ...change });
};

/*
 * An offer or a referral with its new status, written out in the one order of the entity's
 * fields (the literal in `apply`) rather than spread: a third of the commands answer or
 * finish one, and a written-out copy keeps every entity of one shape.
 */
const trainingStatus = (d: StateDraft, trainingId: string, status: TrainingState['status'], on: BusinessDate): void => {
  const t = d.state.trainings.get(trainingId);
  const acceptedOn = status === 'accepted' ? on : t?.acceptedOn;
  if (t !== undefined) d.trainings().set(trainingId, { eventId: t.eventId, fingerprint: t.fingerprint, memberId: t.memberId, kind: t.kind, offeredOn: t.offeredOn, acceptedOn, status });
};

const referralStatus = (d: StateDraft, referralId: string, status: ReferralState['status'], on: BusinessDate): void => {
  const r = d.state.referrals.get(referralId);
  const acceptedOn = status === 'accepted' ? on : r?.acceptedOn;
  if (r !== undefined)
    d.referrals().set(referralId, { eventId: r.eventId, fingerprint: r.fingerprint, memberId: r.memberId, referredOn: r.referredOn, acceptedOn, status, employmentId: r.employmentId });
};

/** Whether a fact dated `on` is newer than one dated `than` (undefined: none yet): of two on one date, the one recorded later (decision 130). */
const newer = (on: BusinessDate, than: BusinessDate | undefined): boolean => than === undefined || on >= than;

/**
 * The member as a survey dated `on` found it, unless a later dated survey or declaration said
 * otherwise: written out member by member, the cheapest copy of the one shape (state.ts).
 */
const surveyedMember = (m: MemberState, laborCapacity: LaborCapacity, willing: boolean, eventId: string, on: BusinessDate): EveryMember<MemberState> => {
  const capacity = newer(on, m.capacityOn);
  const will = newer(on, m.willingOn);
  return {
    memberId: m.memberId,
    birthYear: m.birthYear,
    sex: m.sex,
    removed: m.removed,
    removedOn: m.removedOn,
    fingerprint: m.fingerprint,
    addedBy: m.addedBy,
    laborCapacity: capacity ? laborCapacity : m.laborCapacity,
    capacityFrom: capacity ? eventId : m.capacityFrom,
    capacityOn: capacity ? on : m.capacityOn,
    willing: will ? willing : m.willing,
    willingFrom: will ? eventId : m.willingFrom,
    willingOn: will ? on : m.willingOn,
  };
};

/** A declaration or withdrawal of willingness dated `on`, unless a later dated one or survey said otherwise. */
const willingness = (d: StateDraft, memberId: string, willing: boolean, eventId: string, on: BusinessDate): void => {
  const m = d.state.members.get(memberId);
  if (m !== undefined && newer(on, m.willingOn)) d.members().set(memberId, { ...m, willing, willingFrom: eventId, willingOn: on });
};

/**
 * The business effect of one event, written into the draft; bookkeeping common to all
 * events is in `step`. Each case does constant work (or work bounded by one entity), never
 * work that grows with the stream: the fold of a stream is linear. `kept` is the event's
 * content when it is one the state keeps (`keptContent`), already built for the
 * commandId's trace. Entities are replaced, never changed: only the draft's own maps are
 * written (state-draft.ts).
 */
const apply = (d: StateDraft, e: HouseholdEvent, meta: EventMeta, kept: KeptContent | undefined): void => {
  const s = d.state;
  const on = meta.occurredOn;
  switch (e.type) {
    case 'HouseholdRegistered':
      s.householdId = e.data.householdId;
      s.divisionCode = e.data.divisionCode;
      s.divisionFrom = meta.eventId;
      s.registeredBy = meta.eventId;
      s.registeredOn = on;
      s.registrationFingerprint = kept ?? contentOf(e.data, on);
      d.freshMembers(new Map(e.data.members.map((m) => [m.memberId, memberState(m.memberId, m.birthYear, m.sex)])));
      return;
    case 'MemberAdded':
      d.members().set(e.data.memberId, memberState(e.data.memberId, e.data.birthYear, e.data.sex, { fingerprint: kept ?? contentOf(e.data, on), addedBy: meta.eventId }));
      return;
    case 'MemberRemoved':
      return updateMember(d, e.data.memberId, { removed: true, removedOn: on });
    case 'HouseholdSurveyed': {
      const members = d.members();
      for (const sm of e.data.members) {
        const m = members.get(sm.memberId);
        if (m) members.set(sm.memberId, surveyedMember(m, sm.laborCapacity, sm.wantsWork, meta.eventId, on));
      }
      s.surveyed = true;
      // The latest dated, not the latest recorded: a back-dated survey can come after a later one (decision 128).
      if (s.lastSurveyOn === undefined || on > s.lastSurveyOn) s.lastSurveyOn = on;
      d.surveys().set(meta.eventId, surveyPrintOf(e.data, on));
      return;
    }
    case 'IdentificationApplied':
    case 'ApplicationWithdrawn':
    case 'ApplicationRejected':
      return;
    case 'HouseholdIdentified':
      s.firstIdentifiedOn = s.firstIdentifiedOn ?? on;
      return;
    case 'WillingnessDeclared':
      return willingness(d, e.data.memberId, true, meta.eventId, on);
    case 'WillingnessWithdrawn':
      return willingness(d, e.data.memberId, false, meta.eventId, on);
    case 'TrainingOffered':
      d.trainings().set(e.data.trainingId, {
        eventId: meta.eventId,
        fingerprint: kept ?? contentOf(e.data, on),
        memberId: e.data.memberId,
        kind: e.data.kind,
        offeredOn: on,
        acceptedOn: undefined,
        status: 'offered',
      });
      return;
    case 'TrainingAccepted':
      return trainingStatus(d, e.data.trainingId, 'accepted', on);
    case 'TrainingDeclined':
      return trainingStatus(d, e.data.trainingId, 'declined', on);
    case 'MemberTrained':
      return trainingStatus(d, e.data.trainingId, 'completed', on);
    case 'TrainingLeft':
      return trainingStatus(d, e.data.trainingId, 'left', on);
    case 'MemberReferred':
      d.referrals().set(e.data.referralId, {
        eventId: meta.eventId,
        fingerprint: kept ?? contentOf(e.data, on),
        memberId: e.data.memberId,
        referredOn: on,
        acceptedOn: undefined,
        status: 'open',
        employmentId: undefined,
      });
      return;
    case 'ReferralAccepted':
      return referralStatus(d, e.data.referralId, 'accepted', on);
    case 'ReferralDeclined':
      return referralStatus(d, e.data.referralId, 'declined', on);
    case 'MemberEmployed': {
      const { employmentId, referralId } = e.data;
      d.employments().set(employmentId, {
        eventId: meta.eventId,
        fingerprint: kept ?? contentOf(e.data, on),
        incomes: NO_INCOMES,
        incomeEvents: NO_INCOME_EVENTS,
        memberId: e.data.memberId,
        startedOn: on,
        endedOn: undefined,
        referralId: referralId || undefined,
      });
      if (referralId) {
        const r = s.referrals.get(referralId);
        if (r !== undefined) d.referrals().set(referralId, { ...r, employmentId });
      }
      return;
    }
    case 'IncomeRecorded': {
      const x = s.employments.get(e.data.employmentId);
      if (x !== undefined)
        d.employments().set(e.data.employmentId, {
          ...x,
          // The incomes of one employment are few (one a month); its maps are copied per income, like an entity.
          incomes: copyOfMap(x.incomes).set(e.data.month, e.data.amount),
          incomeEvents: copyOfMap(x.incomeEvents).set(meta.eventId, e.data.month),
        });
      return;
    }
    case 'EmploymentEnded': {
      const x = s.employments.get(e.data.employmentId);
      if (x !== undefined) d.employments().set(e.data.employmentId, { ...x, endedOn: on });
      return;
    }
    case 'HouseholdCleared':
      s.lastClearedOn = on;
      return;
    case 'FollowUpVisited':
      d.visits().set(e.data.visitId, { eventId: meta.eventId, fingerprint: kept ?? contentOf(e.data, on), visitedOn: on, concern: undefined });
      return;
    case 'LaborConcernRaised': {
      const v = s.visits.get(e.data.visitId);
      if (v !== undefined) d.visits().set(e.data.visitId, { ...v, concern: { indicators: e.data.indicators, open: true, raisedOn: on, raisedBy: meta.eventId } });
      return;
    }
    case 'LaborConcernResolved': {
      const v = s.visits.get(e.data.visitId);
      if (v?.concern !== undefined) d.visits().set(e.data.visitId, { ...v, concern: { ...v.concern, open: false } });
      return;
    }
    case 'HouseholdRelapsed':
    case 'HouseholdExempted':
    case 'HouseholdWithdrew':
    case 'HouseholdDeregistered':
      return;
    case 'HouseholdTransferred':
      s.divisionCode = e.data.to;
      s.divisionFrom = meta.eventId;
      return;
    case 'EventCorrected':
      // The state reflects the corrected facts while the original event stays in the log
      // untouched: the correction is applied to what the event it names made.
      return d.replace(withCorrection(s, e.data));
    default: {
      const unreachable: never = e;
      return unreachable;
    }
  }
};

/** One event folded into the draft: its business effect and the bookkeeping common to all events. */
const step = (d: StateDraft, event: HouseholdEvent, meta: EventMeta): void => {
  // One content object for the entity and the commandId's trace (command-trace.ts).
  const kept = keptContent(event, meta.occurredOn);
  const before = d.state.status;
  apply(d, event, meta, kept);
  const s = d.state;
  const after = statusAfter(before, event.type);
  if (after !== before) s.status = after;
  s.latestOn = maxDate(s.latestOn, meta.occurredOn);
  if (s.status !== before) s.statusSince = maxDate(s.statusSince, meta.occurredOn);
  // An identification or a relapse: the referrals owed are counted from here (docs/decisions/0116).
  if (beginsIdentifiedSpell(event.type)) s.lastIdentifiedOn = meta.occurredOn;
  const commandId = meta.commandId;
  // The trace is built before the index says whether the id is new: it is, but for the
  // second event of one command (whose trace is cheap), so one lookup is saved per event.
  if (commandId) s.commandIds = s.commandIds.with(commandId, commandTraceOf(event, meta.occurredOn, kept, event.type === 'HouseholdSurveyed' ? s.surveys.get(meta.eventId) : undefined));
};

/** Folds one stored event into the state. Total over every event type. */
export const evolve = (s: HouseholdState, event: HouseholdEvent, meta: EventMeta): HouseholdState => {
  const d = new StateDraft(s);
  step(d, event, meta);
  return d.state;
};

/**
 * Folds a stream's events in order: the same state as `facts.reduce` with `evolve` (a
 * property test holds it to that), built in one draft, so each entity map is copied at
 * most once for the whole stream instead of once per event that changes it.
 */
export const fold = (facts: readonly { event: HouseholdEvent; meta: EventMeta }[], from: HouseholdState = initialState): HouseholdState => {
  if (facts.length === 0) return from;
  const d = new StateDraft(from);
  for (let i = 0; i < facts.length; i++) {
    const f = facts[i] as { event: HouseholdEvent; meta: EventMeta };
    step(d, f.event, f.meta);
  }
  return d.state;
};
