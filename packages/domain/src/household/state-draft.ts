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
  registeredOn: s.registeredOn,
  registrationFingerprint: s.registrationFingerprint,
  latestOn: s.latestOn,
  statusSince: s.statusSince,
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
 * A copy of a Map: entry by entry through `forEach`, which allocates about half what
 * `new Map(m)` does for the maps a household holds (that one walks the iterator protocol,
 * an entry array per entry), and takes no longer (docs/performance/fold.md, "A stream folded in one draft").
 */
export const copyOfMap = <K, V>(m: ReadonlyMap<K, V>): Map<K, V> => {
  const out = new Map<K, V>();
  m.forEach((v, k) => out.set(k, v));
  return out;
};

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
  freshMembers(m: Map<string, MemberState>): void {
    this.state.members = m;
    this.owned |= MEMBERS;
  }

  members(): Map<string, MemberState> {
    if ((this.owned & MEMBERS) === 0) {
      this.state.members = copyOfMap(this.state.members);
      this.owned |= MEMBERS;
    }
    return this.state.members as Map<string, MemberState>;
  }

  trainings(): Map<string, TrainingState> {
    if ((this.owned & TRAININGS) === 0) {
      this.state.trainings = copyOfMap(this.state.trainings);
      this.owned |= TRAININGS;
    }
    return this.state.trainings as Map<string, TrainingState>;
  }

  referrals(): Map<string, ReferralState> {
    if ((this.owned & REFERRALS) === 0) {
      this.state.referrals = copyOfMap(this.state.referrals);
      this.owned |= REFERRALS;
    }
    return this.state.referrals as Map<string, ReferralState>;
  }

  employments(): Map<string, EmploymentState> {
    if ((this.owned & EMPLOYMENTS) === 0) {
      this.state.employments = copyOfMap(this.state.employments);
      this.owned |= EMPLOYMENTS;
    }
    return this.state.employments as Map<string, EmploymentState>;
  }

  visits(): Map<string, VisitState> {
    if ((this.owned & VISITS) === 0) {
      this.state.visits = copyOfMap(this.state.visits);
      this.owned |= VISITS;
    }
    return this.state.visits as Map<string, VisitState>;
  }

  surveys(): Map<string, SurveyPrint> {
    if ((this.owned & SURVEYS) === 0) {
      this.state.surveys = copyOfMap(this.state.surveys);
      this.owned |= SURVEYS;
    }
    return this.state.surveys as Map<string, SurveyPrint>;
  }
}
