import { EntityTable } from './entity-table';
import { EmploymentState, EveryMember, HouseholdState, MemberState, ReferralState, TrainingState, VisitState } from './state';
import { SurveyPrint } from './survey-print';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A copy of the state written out field by field, in `initialState`'s order: every copy
 * has the one shape (state.ts). A spread allocated more (~600 bytes a copy in the draft's
 * constructor, ~700 in a function of its own, against ~200) and made decide+fold slower end
 * to end (docs/performance/fold.md, "A stream folded in one draft").
 */
const copyOf = (s: HouseholdState): Writable<EveryMember<HouseholdState>> => ({
  status: s.status,
  householdId: s.householdId,
  divisionCode: s.divisionCode,
  divisionFrom: s.divisionFrom,
  registeredBy: s.registeredBy,
  registrationFingerprint: s.registrationFingerprint,
  latestOn: s.latestOn,
  surveyed: s.surveyed,
  lastSurveyOn: s.lastSurveyOn,
  firstIdentifiedOn: s.firstIdentifiedOn,
  lastIdentifiedOn: s.lastIdentifiedOn,
  lastClearedOn: s.lastClearedOn,
  members: s.members,
  trainings: s.trainings,
  referrals: s.referrals,
  employments: s.employments,
  visits: s.visits,
  commandIds: s.commandIds,
  surveys: s.surveys,
});

/** The state's entity maps, each with the bit that says a draft has its own copy. */
const MEMBERS = 1;
const TRAININGS = 2;
const REFERRALS = 4;
const EMPLOYMENTS = 8;
const VISITS = 16;
const SURVEYS = 32;

/**
 * A household state under construction, written in place (evolve.ts). It starts as a
 * copy of the state it folds from, and each entity map is copied the first time the draft
 * writes to it, never again: `evolve` (one event) copies what that event changes, `fold`
 * (a whole stream) copies each map at most once however many events change it. Nothing a
 * caller holds is written: the state it started from, its maps and its entities (an
 * entity is replaced by a new object, never changed) stay as they were, and once `state`
 * is handed out the draft is dropped.
 */
export class StateDraft {
  /** The state being built; no one else holds it, nor the maps `owned` names. */
  state: Writable<HouseholdState>;
  private owned = 0;

  constructor(from: HouseholdState) {
    this.state = copyOf(from);
  }

  /**
   * Continues from `next`: the state itself or one just built from it and held by no one
   * else (`withCorrection` builds one). Its maps are this draft's own, the ones it never
   * wrote, or new ones (which the draft copies once more if it writes them: harmless).
   */
  replace(next: HouseholdState): void {
    this.state = next as Writable<HouseholdState>;
  }

  /** Sets a map the draft has just built (nobody else holds it). */
  freshMembers(m: EntityTable<MemberState>): void {
    this.state.members = m;
    this.owned |= MEMBERS;
  }

  members(): EntityTable<MemberState> {
    if ((this.owned & MEMBERS) === 0) {
      this.state.members = EntityTable.draft(this.state.members);
      this.owned |= MEMBERS;
    }
    return this.state.members;
  }

  trainings(): EntityTable<TrainingState> {
    if ((this.owned & TRAININGS) === 0) {
      this.state.trainings = EntityTable.draft(this.state.trainings);
      this.owned |= TRAININGS;
    }
    return this.state.trainings;
  }

  referrals(): EntityTable<ReferralState> {
    if ((this.owned & REFERRALS) === 0) {
      this.state.referrals = EntityTable.draft(this.state.referrals);
      this.owned |= REFERRALS;
    }
    return this.state.referrals;
  }

  employments(): EntityTable<EmploymentState> {
    if ((this.owned & EMPLOYMENTS) === 0) {
      this.state.employments = EntityTable.draft(this.state.employments);
      this.owned |= EMPLOYMENTS;
    }
    return this.state.employments;
  }

  visits(): EntityTable<VisitState> {
    if ((this.owned & VISITS) === 0) {
      this.state.visits = EntityTable.draft(this.state.visits);
      this.owned |= VISITS;
    }
    return this.state.visits;
  }

  surveys(): EntityTable<SurveyPrint> {
    if ((this.owned & SURVEYS) === 0) {
      this.state.surveys = EntityTable.draft(this.state.surveys);
      this.owned |= SURVEYS;
    }
    return this.state.surveys;
  }
}
