import {
  CommandOf, CommandType, EMPLOYMENT_END_REASONS, EmploymentEndReason, HouseholdCommand, LABOR_CONCERN_INDICATORS,
  LaborConcernIndicator, CONCERN_OUTCOMES, DEREGISTRATION_REASONS,
} from '@hearth/domain';
import { Day, day, firstOfMonth, firstOfNextMonth, isoDate, isoMonth, yearOfDay } from './calendar';
import {
  EXEMPT_PROGRAMMES, FINDINGS_CONCERN, FINDINGS_IDLE, FINDINGS_OK, REFERRAL_DECLINE_REASONS, REJECT_REASONS, RELAPSE_REASONS,
  REMOVE_REASONS_ELDER, REMOVE_REASONS_YOUNG, RESOLUTION_REASONS, TRAINING_DECLINE_REASONS, TRAINING_LEAVE_REASONS,
  WITHDRAW_REASONS,
} from './catalog';
import { RegionLayout, villageOf } from './divisions';
import { EmployerPools, Job, jobOf, makeJob, makeTraining, pickForm, pickPlace } from './jobs';
import { ageProfile, makeMembers, Member, newborn, povertyCauses, surveyed } from './members';
import { ResolvedOptions } from './options';
import { Rng, streamKey } from './prng';

/**
 * One household's life from registration in early 2016 to the end of 2020, as the
 * commands a caseworker would record. A small discrete-event simulation: every future
 * action is a task on the household's agenda, tasks run in date order, and each one
 * looks at the household as it is on that day before it emits anything. The simulator
 * keeps its own light mirror of what the domain knows (status, members' capacity and
 * willingness, offers, employments, concerns) and only emits commands the domain will
 * accept — except for the deliberate mistakes (about 1% of commands), which are chosen
 * so that the domain must reject them.
 */

const SALT_HOUSEHOLD = 0x40115e01;

const START = day('2016-01-04');
const REGISTRATION_END = day('2016-03-25');
const SURVEY_END = day('2016-04-20');
const CUTOFF = day('2016-07-31');
const END = day('2020-12-31');
const LATE_APPLY_FROM = day('2016-08-01');
const LATE_APPLY_TO = day('2017-09-30');
const YEAR_START: Readonly<Record<number, Day>> = Object.fromEntries([2016, 2017, 2018, 2019, 2020, 2021].map((y) => [y, day(`${y}-01-01`)]));

/** Share of the baseline the programme plans to clear in each year (the reference policy's targets). */
const CLEARANCE_YEARS = [2016, 2017, 2018, 2019, 2020] as const;
const CLEARANCE_SHARES = [0.25, 0.3, 0.2, 0.15, 0.1] as const;
const LATE_CLEARANCE_SHARES = [0, 0.35, 0.3, 0.2, 0.15] as const;

type Status = 'registered' | 'surveyed' | 'applied' | 'identified' | 'cleared' | 'withdrawn' | 'exempted' | 'deregistered';

// Agenda task kinds.
const SURVEY = 1, APPLY = 2, IDENTIFY = 3, WITHDRAW_APP = 4, REJECT_APP = 5, SEARCH = 6, FINAL = 7, TRAIN_ANSWER = 8,
  TRAIN_FINISH = 9, REF_ANSWER = 10, EMPLOY = 11, CLEAR = 12, FOLLOW_UP = 13, RESOLVE = 14, END_EMPLOYMENT = 15,
  INCOME = 16, RELAPSE = 17, WILL_WITHDRAW = 18, WILL_DECLARE = 19, ADD_MEMBER = 20, REMOVE_MEMBER = 21, WITHDRAW = 22,
  EXEMPT = 23, DEREGISTER = 24, MISTAKE = 25, REEMPLOY = 26;

// Referral answer modes.
const MODE_SEARCH = 0, MODE_FINAL = 1, MODE_REEMPLOY = 2;
const CLEARING = 1;
/** Temporary work found during the search: it ends after a few weeks or months and does not by itself clear the household. */
const TEMPORARY = 2;

interface Task {
  readonly day: Day;
  readonly seq: number;
  readonly kind: number;
  readonly a: number;
  readonly b: number;
  readonly c: number;
}

interface Training { readonly id: string; status: 'offered' | 'accepted' | 'declined' | 'completed' | 'left' }
interface Referral { readonly id: string; readonly member: number; readonly job: Job; status: 'open' | 'accepted' | 'declined'; used: boolean }
interface Employment { readonly id: string; readonly member: number; readonly wage: number; ended: boolean; endedOn: Day }

type Fields<K extends CommandType> = Omit<CommandOf<K>, 'type' | 'householdId' | 'on' | 'actor' | 'commandId' | 'note'>;

/** Receives each generated command; `mistake` is true for the deliberate ones (tests only: the output marks nothing). */
export type CommandSink = (command: HouseholdCommand, day: Day, mistake: boolean) => void;

export const householdId = (index: number): string => `H${String(index + 1).padStart(7, '0')}`;

export class HouseholdSimulation {
  private readonly rng: Rng;
  private readonly hid: string;
  private readonly idPrefix: string;
  private readonly county: string;
  private readonly actor: string;
  private readonly otherActor: string;
  private readonly agenda: Task[] = [];
  private seq = 0;
  private n = 0;
  private now: Day = START;
  private status: Status = 'registered';
  private members: Member[] = [];
  private readonly trainings: Training[] = [];
  private readonly referrals: Referral[] = [];
  private readonly employments: Employment[] = [];
  private visits = 0;
  private readonly openConcerns = new Set<number>();
  private epoch = 0;
  private finalDay: Day = END;
  private identifiedOnce = false;
  private lastEmployedMember = -1;
  private causes: ReturnType<typeof povertyCauses> = [];

  constructor(
    o: ResolvedOptions,
    layout: RegionLayout,
    private readonly pools: EmployerPools,
    index: number,
    private readonly sink: CommandSink,
  ) {
    this.rng = new Rng(streamKey(o.seed32, SALT_HOUSEHOLD, index));
    this.hid = householdId(index);
    this.idPrefix = `sim:${o.seedTag}:${index + 1}:`;
    const village = villageOf(layout, index);
    this.county = village.slice(0, village.indexOf('T'));
    const worker = this.rng.int(1, 5);
    this.actor = `caseworker:${this.county}-${worker}`;
    this.otherActor = `caseworker:${this.county}-${(worker % 5) + 1}`;
    this.register(village);
  }

  // ---------------------------------------------------------------- agenda

  private schedule(at: Day, kind: number, a = 0, b = 0, c = 0): void {
    const d = at < this.now ? this.now : at;
    if (d > END) return;
    const task: Task = { day: d, seq: this.seq++, kind, a, b, c };
    const h = this.agenda;
    h.push(task);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = h[p] as Task;
      if (parent.day < d || (parent.day === d && parent.seq < task.seq)) break;
      h[i] = parent;
      i = p;
    }
    h[i] = task;
  }

  private pop(): Task | undefined {
    const h = this.agenda;
    const top = h[0];
    const last = h.pop();
    if (h.length === 0 || last === undefined) return top;
    let i = 0;
    const n = h.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let m = l;
      const lt = h[l] as Task;
      if (r < n) {
        const rt = h[r] as Task;
        if (rt.day < lt.day || (rt.day === lt.day && rt.seq < lt.seq)) m = r;
      }
      const mt = h[m] as Task;
      if (last.day < mt.day || (last.day === mt.day && last.seq < mt.seq)) break;
      h[i] = mt;
      i = m;
    }
    h[i] = last;
    return top;
  }

  /** Runs the agenda to the end of the simulated period. */
  run(): void {
    for (let t = this.pop(); t !== undefined; t = this.pop()) {
      this.now = t.day;
      if (this.status === 'deregistered' && t.kind !== MISTAKE) continue;
      this.step(t);
    }
  }

  // ---------------------------------------------------------------- emission

  private emit<K extends CommandType>(type: K, fields: Fields<K>, actor = this.actor, mistake = false): void {
    const command = { type, householdId: this.hid, on: isoDate(this.now), ...fields, actor, commandId: this.idPrefix + ++this.n };
    this.sink(command as unknown as HouseholdCommand, this.now, mistake);
  }

  private get active(): boolean {
    return this.status !== 'withdrawn' && this.status !== 'exempted' && this.status !== 'deregistered';
  }

  private age(m: Member): number {
    return yearOfDay(this.now) - m.birthYear;
  }

  private workingAge(m: Member): boolean {
    const a = this.age(m);
    return !m.removed && a >= 16 && a <= 59;
  }

  private eligible(m: Member): boolean {
    return this.workingAge(m) && (m.knownCapacity === 'full' || m.knownCapacity === 'partial') && m.willing;
  }

  private eligibleUnemployed(): number[] {
    const out: number[] = [];
    this.members.forEach((m, i) => {
      if (m.employment < 0 && this.eligible(m)) out.push(i);
    });
    return out;
  }

  private anyEmployed(): boolean {
    return this.members.some((m) => !m.removed && m.employment >= 0);
  }

  private liveCount(): number {
    return this.members.reduce((n, m) => (m.removed ? n : n + 1), 0);
  }

  /** Prefers members able to work fully; otherwise any of the candidates. */
  private pickMember(candidates: readonly number[]): number {
    const full = candidates.filter((i) => this.members[i]?.knownCapacity === 'full');
    return this.rng.pick(full.length > 0 && this.rng.chance(0.8) ? full : candidates);
  }

  // ---------------------------------------------------------------- the life of a household

  private register(village: string): void {
    const rng = this.rng;
    this.now = rng.int(START, REGISTRATION_END);
    this.members = makeMembers(rng);
    this.emit('RegisterHousehold', {
      divisionCode: village,
      members: this.members.map((m) => ({ memberId: m.id, birthYear: m.birthYear, sex: m.sex })),
    });
    this.schedule(Math.min(this.now + rng.int(2, 30), SURVEY_END), SURVEY, 0);
    for (const y of [2017, 2018, 2019, 2020]) {
      const start = YEAR_START[y] as Day;
      // Most updates land before the end-of-February deadline; a few are late.
      const at = rng.chance(0.94) ? start + rng.int(2, 57) : start + rng.int(59, 120);
      this.schedule(at, SURVEY, y);
    }
    if (rng.chance(0.03)) this.schedule(rng.int(day('2016-04-01'), END), WITHDRAW);
    if (rng.chance(0.012)) this.schedule(rng.int(day('2016-03-01'), END), DEREGISTER);
    if (rng.chance(0.02)) this.schedule(rng.int(day('2016-05-01'), END), EXEMPT);
    if (rng.chance(0.08)) this.schedule(rng.int(day('2016-05-01'), day('2020-10-31')), WILL_WITHDRAW);
    const youngCouple = this.members.filter((m) => m.adult && 2016 - m.birthYear <= 38).length >= 2;
    if (youngCouple && rng.chance(0.12)) this.schedule(rng.int(day('2016-06-01'), day('2020-11-30')), ADD_MEMBER);
    if (rng.chance(0.04)) this.schedule(rng.int(day('2016-06-01'), day('2020-11-30')), REMOVE_MEMBER);
    const mistakes = rng.weighted([0.7, 0.25, 0.05]);
    for (let i = 0; i < mistakes; i++) this.schedule(rng.int(this.now + 20, END), MISTAKE);
  }

  private step(t: Task): void {
    switch (t.kind) {
      case SURVEY: return this.survey(t.a);
      case APPLY: return this.apply();
      case IDENTIFY: return this.identify();
      case WITHDRAW_APP: return this.withdrawApplication();
      case REJECT_APP: return this.rejectApplication(t.a);
      case SEARCH: return this.search();
      case FINAL: return this.finalPath();
      case TRAIN_ANSWER: return this.answerTraining(t.a);
      case TRAIN_FINISH: return this.finishTraining(t.a);
      case REF_ANSWER: return this.answerReferral(t.a, t.b);
      case EMPLOY: return this.employ(t.a, t.b, t.c);
      case CLEAR: return this.clear();
      case FOLLOW_UP: return this.followUp(t.a);
      case RESOLVE: return this.resolve(t.a);
      case END_EMPLOYMENT: return this.endEmployment(t.a, EMPLOYMENT_END_REASONS[t.b] as EmploymentEndReason);
      case INCOME: return this.income(t.a, t.b, t.c);
      case RELAPSE: return this.relapse();
      case WILL_WITHDRAW: return this.withdrawWillingness();
      case WILL_DECLARE: return this.declareWillingness(t.a);
      case ADD_MEMBER: return this.addMember();
      case REMOVE_MEMBER: return this.removeMember();
      case WITHDRAW: return this.withdraw();
      case EXEMPT: return this.exempt();
      case DEREGISTER: return this.deregister();
      case MISTAKE: return this.mistake();
      case REEMPLOY: return this.reemploy();
    }
  }

  private survey(year: number): void {
    if (!this.active) return;
    const rng = this.rng;
    if (year > 0) for (const m of this.members) if (!m.removed) ageProfile(rng, m, year);
    const live = this.members.filter((m) => !m.removed);
    if (this.causes.length === 0 || rng.chance(0.1)) this.causes = povertyCauses(rng, live);
    this.emit('SurveyHousehold', { householdSize: live.length, povertyCauses: this.causes, members: live.map(surveyed) });
    for (const m of live) {
      m.knownCapacity = m.capacity;
      m.willing = m.wantsWork;
    }
    if (this.status === 'registered') this.status = 'surveyed';
    if (year > 0) return;
    // After the first survey: does the household apply to the programme?
    if (this.eligibleUnemployed().length === 0) {
      if (rng.chance(0.25)) this.schedule(this.now + rng.int(3, 45), APPLY);
      if (rng.chance(0.45)) this.schedule(rng.int(day('2016-06-01'), day('2018-12-31')), EXEMPT);
      return;
    }
    const r = rng.float();
    if (r < 0.03) return; // never applies: participation is voluntary
    this.schedule(r < 0.12 ? rng.int(LATE_APPLY_FROM, LATE_APPLY_TO) : this.now + rng.int(3, 45), APPLY);
  }

  private apply(): void {
    if (this.status !== 'surveyed') return;
    this.emit('ApplyForIdentification', {});
    this.status = 'applied';
    const rng = this.rng;
    if (rng.chance(0.03)) this.schedule(this.now + rng.int(5, 30), WITHDRAW_APP);
    else if (rng.chance(0.01)) this.schedule(this.now + rng.int(7, 40), REJECT_APP, 1);
    else this.schedule(this.now + rng.int(7, 40), IDENTIFY);
  }

  private withdrawApplication(): void {
    if (this.status !== 'applied') return;
    this.emit('WithdrawApplication', {});
    this.status = 'surveyed';
    if (this.rng.chance(0.5)) this.schedule(this.now + this.rng.int(60, 400), APPLY);
  }

  private rejectApplication(reason: number): void {
    if (this.status !== 'applied') return;
    this.emit('RejectApplication', { reason: REJECT_REASONS[reason] as string });
    this.status = 'surveyed';
  }

  private identify(): void {
    if (this.status !== 'applied') return;
    const eligible = this.members.filter((m) => this.eligible(m));
    if (eligible.length === 0 || eligible.some((m) => m.employment >= 0)) return this.rejectApplication(0);
    this.emit('IdentifyHousehold', {});
    this.status = 'identified';
    const baseline = !this.identifiedOnce && this.now <= CUTOFF;
    this.identifiedOnce = true;
    this.planClearance(baseline ? CLEARANCE_SHARES : LATE_CLEARANCE_SHARES);
  }

  /**
   * Picks the day the household is to be cleared (following the policy's yearly
   * shares for the baseline), starts the job search, and schedules the final push
   * that finds the job that clears it.
   */
  private planClearance(shares: readonly number[] | undefined): void {
    const rng = this.rng;
    let target: Day;
    if (shares === undefined) {
      target = this.now + rng.int(60, 360);
    } else {
      const year = CLEARANCE_YEARS[rng.weighted(shares)] as number;
      const y0 = YEAR_START[year] as Day;
      const y1 = (YEAR_START[year + 1] as Day) - 1;
      const lo = year === 2016 ? Math.max(this.now + 45, day('2016-05-01')) : y0 + 14;
      target = rng.chance(0.3) ? rng.int(Math.max(lo, y1 - 77), y1 - 11) : rng.int(lo, y1 - 11);
      target = Math.max(target, this.now + 45);
    }
    this.finalDay = target - rng.int(10, 25);
    if (this.finalDay - 30 > this.now) this.schedule(this.now + rng.int(5, 30), SEARCH);
    this.schedule(this.finalDay, FINAL);
  }

  /** Between identification and the final push: training offers and job referrals. */
  private search(): void {
    if (this.status !== 'identified') return;
    const rng = this.rng;
    const r = rng.float();
    if (r < 0.3) this.offerTraining();
    else if (r < 0.8) {
      const candidates = this.eligibleUnemployed();
      if (candidates.length > 0) this.refer(this.pickMember(candidates), MODE_SEARCH);
    }
    const next = this.now + rng.int(40, 120);
    if (next < this.finalDay - 10) this.schedule(next, SEARCH);
  }

  private offerTraining(): void {
    const candidates: number[] = [];
    this.members.forEach((m, i) => {
      if (this.workingAge(m) && m.knownCapacity !== undefined && m.knownCapacity !== 'none') candidates.push(i);
    });
    if (candidates.length === 0) return;
    const i = this.pickMember(candidates);
    const m = this.members[i] as Member;
    const { kind, title, provider } = makeTraining(this.rng, m.trainingNeeds);
    const id = `t${this.trainings.length + 1}`;
    this.trainings.push({ id, status: 'offered' });
    this.emit('OfferTraining', { trainingId: id, memberId: m.id, kind, title, provider });
    this.schedule(this.now + this.rng.int(2, 14), TRAIN_ANSWER, this.trainings.length - 1);
  }

  private answerTraining(k: number): void {
    const t = this.trainings[k] as Training;
    if (t.status !== 'offered' || !this.active) return;
    const rng = this.rng;
    if (rng.chance(0.72)) {
      this.emit('AcceptTraining', { trainingId: t.id });
      t.status = 'accepted';
      this.schedule(this.now + rng.int(14, 60), TRAIN_FINISH, k);
    } else {
      this.emit('DeclineTraining', rng.chance(0.7) ? { trainingId: t.id, reason: rng.pick(TRAINING_DECLINE_REASONS) } : { trainingId: t.id });
      t.status = 'declined';
    }
  }

  private finishTraining(k: number): void {
    const t = this.trainings[k] as Training;
    if (t.status !== 'accepted' || !this.active) return;
    const rng = this.rng;
    if (rng.chance(0.86)) {
      const c = rng.float();
      this.emit('CompleteTraining', c < 0.75 ? { trainingId: t.id, certified: true } : c < 0.87 ? { trainingId: t.id, certified: false } : { trainingId: t.id });
      t.status = 'completed';
    } else {
      this.emit('LeaveTraining', { trainingId: t.id, reason: rng.pick(TRAINING_LEAVE_REASONS) });
      t.status = 'left';
    }
  }

  private refer(member: number, mode: number): void {
    const m = this.members[member] as Member;
    const job = makeJob(this.rng, this.pools, this.county, m.preferredForms, m.preferredPlaces);
    const id = `r${this.referrals.length + 1}`;
    this.referrals.push({ id, member, job, status: 'open', used: false });
    this.emit('ReferToJob', {
      referralId: id, memberId: m.id, employer: job.employer, position: job.position, place: job.place, form: job.form,
      offeredMonthlyWage: job.wage,
    });
    this.schedule(this.now + this.rng.int(1, mode === MODE_SEARCH ? 10 : 6), REF_ANSWER, this.referrals.length - 1, mode);
  }

  private answerReferral(k: number, mode: number): void {
    const r = this.referrals[k] as Referral;
    if (r.status !== 'open' || !this.active) return;
    const rng = this.rng;
    const declines = mode === MODE_SEARCH ? 0.36 : mode === MODE_FINAL ? 0.15 : 0.25;
    if (rng.chance(declines)) {
      this.emit('DeclineReferral', rng.chance(0.75) ? { referralId: r.id, reason: rng.pick(REFERRAL_DECLINE_REASONS) } : { referralId: r.id });
      r.status = 'declined';
      if (mode === MODE_FINAL) this.schedule(this.now + rng.int(10, 40), FINAL);
      if (mode === MODE_REEMPLOY) this.schedule(this.now + rng.int(10, 60), REEMPLOY);
      return;
    }
    this.emit('AcceptReferral', { referralId: r.id });
    r.status = 'accepted';
    if (mode === MODE_FINAL) this.schedule(this.now + rng.int(2, 14), EMPLOY, r.member, k, CLEARING);
    else if (mode === MODE_REEMPLOY) this.schedule(this.now + rng.int(2, 10), EMPLOY, r.member, k, 0);
    else if (rng.chance(0.12)) this.schedule(this.now + rng.int(3, 14), EMPLOY, r.member, k, TEMPORARY);
    // Otherwise the interview did not lead to a job: an accepted offer, and nothing more.
  }

  /** Records an employment (from an accepted referral when `ref` ≥ 0, else arranged by the member). */
  private employ(member: number, ref: number, flags: number): void {
    const m = this.members[member] as Member;
    const r = ref >= 0 ? (this.referrals[ref] as Referral) : undefined;
    const valid = this.active && this.workingAge(m) && m.employment < 0 && (r === undefined || (r.status === 'accepted' && !r.used));
    if (!valid) {
      if (flags & CLEARING) this.schedule(this.now + this.rng.int(7, 30), FINAL);
      return;
    }
    const rng = this.rng;
    let job: Job;
    if (r) job = r.job;
    else {
      const form = m.wantsSelfEmployment && rng.chance(0.5) ? 'self-employed' : pickForm(rng, m.preferredForms);
      const place = form === 'assisted' || form === 'self-employed' ? 'local' : pickPlace(rng, m.preferredPlaces);
      job = jobOf(rng, this.pools, this.county, form, place);
    }
    const id = `e${this.employments.length + 1}`;
    const contract = job.form === 'enterprise' ? 0.85 : job.form === 'assisted' ? 0.95 : job.form === 'flexible' ? 0.35 : 0;
    const income = r ? job.wage : Math.round(job.wage * (0.85 + 0.3 * rng.float()));
    const fields: Fields<'RecordEmployment'> = {
      employmentId: id, memberId: m.id, form: job.form, place: job.place, monthlyIncome: income, contractSigned: rng.chance(contract),
    };
    if (job.form !== 'self-employed' && (r !== undefined || rng.chance(0.6))) fields.employer = job.employer;
    if (r) {
      fields.referralId = r.id;
      r.used = true;
    }
    this.emit('RecordEmployment', fields);
    this.employments.push({ id, member, wage: income, ended: false, endedOn: 0 });
    const e = this.employments.length - 1;
    m.employment = e;
    this.lastEmployedMember = member;
    // How it ends: seasonal work at the season's end, other work perhaps never (within 2016–2020).
    const seasonal = job.form === 'flexible' ? rng.chance(0.8) : rng.chance(0.08);
    if (flags & TEMPORARY)
      this.schedule(this.now + rng.int(30, 120), END_EMPLOYMENT, e, EMPLOYMENT_END_REASONS.indexOf(seasonal ? 'seasonal-end' : 'contract-ended'));
    else if (seasonal) this.schedule(this.now + rng.int(90, 240), END_EMPLOYMENT, e, EMPLOYMENT_END_REASONS.indexOf('seasonal-end'));
    else if (rng.chance(0.55)) {
      const reason = (['contract-ended', 'quit', 'dismissed', 'returned-home', 'other'] as const)[rng.weighted([0.45, 0.2, 0.1, 0.17, 0.08])] as EmploymentEndReason;
      this.schedule(this.now + rng.int(150, 1100), END_EMPLOYMENT, e, EMPLOYMENT_END_REASONS.indexOf(reason));
    }
    if (rng.chance(0.22)) {
      this.schedule(firstOfNextMonth(this.now) + rng.int(0, 6), INCOME, e, firstOfMonth(this.now), rng.int(3, 12));
    }
    if (flags & CLEARING && this.status === 'identified') this.schedule(this.now + rng.int(0, 21), CLEAR);
  }

  private income(e: number, monthStart: Day, left: number): void {
    const emp = this.employments[e] as Employment;
    if (!this.active || (emp.ended && emp.endedOn < monthStart)) return;
    const rng = this.rng;
    this.emit('RecordIncome', { employmentId: emp.id, month: isoMonth(monthStart), amount: Math.round(emp.wage * (0.85 + 0.25 * rng.float())) });
    if (left > 1 && !emp.ended) {
      const next = firstOfNextMonth(monthStart);
      this.schedule(firstOfNextMonth(next) + rng.int(0, 6), INCOME, e, next, left - 1);
    }
  }

  /** The last step before clearance: a referral the member is likely to take, or work the member found. */
  private finalPath(): void {
    if (this.status !== 'identified') return;
    const rng = this.rng;
    if (this.anyEmployed()) return this.schedule(this.now + rng.int(0, 14), CLEAR);
    const eligible = this.eligibleUnemployed();
    if (eligible.length > 0 && rng.chance(0.62)) return this.refer(this.pickMember(eligible), MODE_FINAL);
    const member = this.workerFor(eligible);
    if (member >= 0) this.employ(member, -1, CLEARING);
  }

  /** Someone who can take a job: an eligible member if any, else any able member of working age. */
  private workerFor(eligible: readonly number[]): number {
    if (eligible.length > 0) return this.pickMember(eligible);
    const able: number[] = [];
    this.members.forEach((m, i) => {
      if (this.workingAge(m) && m.employment < 0 && m.knownCapacity !== 'none') able.push(i);
    });
    return able.length > 0 ? this.pickMember(able) : -1;
  }

  private clear(): void {
    if (this.status !== 'identified') return;
    if (!this.anyEmployed()) return this.schedule(this.now + this.rng.int(7, 30), FINAL);
    this.emit('ClearHousehold', {});
    this.status = 'cleared';
    this.epoch++;
    this.schedule(this.now + this.followUpGap(), FOLLOW_UP, this.epoch);
  }

  private followUpGap(): number {
    const r = this.rng.float();
    return r < 0.88 ? this.rng.int(80, 95) : r < 0.97 ? this.rng.int(96, 140) : this.rng.int(141, 220);
  }

  private followUp(epoch: number): void {
    if (this.status !== 'cleared' || epoch !== this.epoch) return;
    const rng = this.rng;
    const visit = ++this.visits;
    const stillEmployed = this.anyEmployed();
    const concerns: LaborConcernIndicator[] = [];
    if (stillEmployed && rng.chance(0.012)) {
      const n = rng.chance(0.8) ? 1 : 2;
      while (concerns.length < n) {
        const c = LABOR_CONCERN_INDICATORS[rng.weighted([0.12, 0.3, 0.3, 0.04, 0.1, 0.1, 0.02, 0.02])] as LaborConcernIndicator;
        if (!concerns.includes(c)) concerns.push(c);
      }
    }
    const findings = concerns.length > 0 ? rng.pick(FINDINGS_CONCERN) : stillEmployed ? rng.pick(FINDINGS_OK) : rng.pick(FINDINGS_IDLE);
    this.emit('RecordFollowUp', { visitId: `v${visit}`, findings, stillEmployed, laborConcerns: concerns }, rng.chance(0.15) ? this.otherActor : this.actor);
    if (concerns.length > 0) {
      this.openConcerns.add(visit);
      if (rng.chance(0.9)) this.schedule(this.now + rng.int(7, 75), RESOLVE, visit);
    }
    this.schedule(this.now + this.followUpGap(), FOLLOW_UP, epoch);
  }

  private resolve(visit: number): void {
    if (!this.openConcerns.has(visit)) return;
    const outcome = CONCERN_OUTCOMES[this.rng.weighted([0.5, 0.35, 0.15])] as (typeof CONCERN_OUTCOMES)[number];
    this.emit('ResolveLaborConcern', { visitId: `v${visit}`, outcome, reason: RESOLUTION_REASONS[outcome] });
    this.openConcerns.delete(visit);
    if (outcome === 'employment-ended') {
      const e = this.employments.findIndex((x) => !x.ended && !(this.members[x.member] as Member).removed);
      if (e >= 0) this.endEmployment(e, 'quit');
    }
  }

  private endEmployment(e: number, reason: EmploymentEndReason): void {
    const emp = this.employments[e] as Employment;
    if (emp.ended) return;
    this.emit('EndEmployment', { employmentId: emp.id, reason });
    emp.ended = true;
    emp.endedOn = this.now;
    (this.members[emp.member] as Member).employment = -1;
    if (this.anyEmployed() || this.status !== 'cleared') return;
    // The household is cleared and nobody works any more: back to work soon, a relapse, or a gap.
    const rng = this.rng;
    const r = rng.float();
    if (r < 0.7) this.schedule(this.now + rng.int(0, 30), REEMPLOY);
    else if (r < 0.85) this.schedule(this.now + rng.int(10, 60), RELAPSE);
    else this.schedule(this.now + rng.int(31, 150), REEMPLOY);
  }

  private reemploy(): void {
    if (this.status !== 'cleared' || this.anyEmployed()) return;
    const rng = this.rng;
    const eligible = this.eligibleUnemployed();
    const last = this.lastEmployedMember;
    const member = last >= 0 && eligible.includes(last) && rng.chance(0.7) ? last : this.workerFor(eligible);
    if (member < 0) return;
    if (eligible.includes(member) && rng.chance(0.35)) this.refer(member, MODE_REEMPLOY);
    else this.employ(member, -1, 0);
  }

  private relapse(): void {
    if (this.status !== 'cleared' || this.anyEmployed()) return;
    this.emit('RecordRelapse', { reason: this.rng.pick(RELAPSE_REASONS) });
    this.status = 'identified';
    this.planClearance(undefined);
  }

  private withdrawWillingness(): void {
    if (!this.active) return;
    const candidates: number[] = [];
    this.members.forEach((m, i) => {
      if (!m.removed && m.willing && m.employment < 0) candidates.push(i);
    });
    if (candidates.length === 0) return;
    const i = this.rng.pick(candidates);
    const m = this.members[i] as Member;
    this.emit('WithdrawWillingness', { memberId: m.id });
    m.willing = false;
    m.wantsWork = false;
    if (this.rng.chance(0.7)) this.schedule(this.now + this.rng.int(45, 300), WILL_DECLARE, i);
  }

  private declareWillingness(i: number): void {
    const m = this.members[i] as Member;
    if (!this.active || m.removed || m.willing) return;
    this.emit('DeclareWillingness', { memberId: m.id });
    m.willing = true;
    m.wantsWork = true;
    if (m.preferredPlaces.length === 0) m.preferredPlaces = ['local'];
  }

  private addMember(): void {
    const m = newborn(this.rng, `m${this.members.length + 1}`, yearOfDay(this.now));
    this.members.push(m);
    this.emit('AddMember', { memberId: m.id, birthYear: m.birthYear, sex: m.sex });
  }

  private removeMember(): void {
    if (this.liveCount() < 2) return;
    const candidates: number[] = [];
    this.members.forEach((m, i) => {
      const a = this.age(m);
      if (!m.removed && m.employment < 0 && (a >= 70 || (a >= 18 && a <= 30))) candidates.push(i);
    });
    if (candidates.length === 0) return;
    const m = this.members[this.rng.pick(candidates)] as Member;
    const reason = this.age(m) >= 70 ? this.rng.pick(REMOVE_REASONS_ELDER) : this.rng.pick(REMOVE_REASONS_YOUNG);
    this.emit('RemoveMember', { memberId: m.id, reason });
    m.removed = true;
  }

  private withdraw(): void {
    if (this.status === 'withdrawn') return;
    this.emit('WithdrawFromProgramme', this.rng.chance(0.6) ? { reason: this.rng.pick(WITHDRAW_REASONS) } : {});
    this.status = 'withdrawn';
    if (this.rng.chance(0.1)) this.schedule(this.now + this.rng.int(30, 400), DEREGISTER);
  }

  private exempt(): void {
    if (this.status === 'cleared' || this.status === 'withdrawn' || this.status === 'exempted') return;
    this.emit('ExemptHousehold', { programme: this.rng.pick(EXEMPT_PROGRAMMES) });
    this.status = 'exempted';
  }

  private deregister(): void {
    const alone = this.liveCount() === 1 && this.members.some((m) => !m.removed && this.age(m) >= 70);
    const reason = alone && this.rng.chance(0.8) ? 'deceased' : (DEREGISTRATION_REASONS[this.rng.weighted([0.4, 0.1, 0.35, 0.15])] as (typeof DEREGISTRATION_REASONS)[number]);
    this.emit('DeregisterHousehold', { reason });
    this.status = 'deregistered';
  }

  // ---------------------------------------------------------------- deliberate mistakes

  /**
   * A plausible mistake the domain must reject: a referral for someone who is not
   * eligible, a clearance without work or a second one, answering an offer already
   * answered, ending an employment twice, a willingness already recorded, a follow-up
   * of a household that is not cleared, or any command after deregistration.
   */
  private mistake(): void {
    const rng = this.rng;
    const options: (() => void)[] = [];
    if (this.status === 'deregistered') {
      options.push(() => this.emit('WithdrawFromProgramme', {}, this.actor, true));
    } else {
      const ineligible = this.members.filter((m) => !m.removed && !this.eligible(m));
      if (ineligible.length > 0) {
        const m = rng.pick(ineligible);
        options.push(() => {
          const job = makeJob(rng, this.pools, this.county, m.preferredForms, m.preferredPlaces);
          const id = `r${this.referrals.length + 1}`;
          this.referrals.push({ id, member: this.members.indexOf(m), job, status: 'declined', used: true }); // rejected: keeps ids unique
          this.emit('ReferToJob', {
            referralId: id, memberId: m.id, employer: job.employer, position: job.position, place: job.place, form: job.form,
            offeredMonthlyWage: job.wage,
          }, this.actor, true);
        });
      }
      if (this.status === 'identified' && !this.anyEmployed()) options.push(() => this.emit('ClearHousehold', {}, this.actor, true));
      if (this.status === 'cleared') options.push(() => this.emit('ClearHousehold', {}, this.actor, true));
      const answered = this.referrals.filter((r) => r.status !== 'open' && !r.used);
      if (answered.length > 0) options.push(() => this.emit('DeclineReferral', { referralId: rng.pick(answered).id }, this.actor, true));
      const usedReferrals = this.referrals.filter((r) => r.status === 'accepted');
      if (usedReferrals.length > 0) options.push(() => this.emit('DeclineReferral', { referralId: rng.pick(usedReferrals).id, reason: rng.pick(REFERRAL_DECLINE_REASONS) }, this.actor, true));
      const doneTrainings = this.trainings.filter((t) => t.status !== 'offered');
      if (doneTrainings.length > 0) options.push(() => this.emit('AcceptTraining', { trainingId: rng.pick(doneTrainings).id }, this.actor, true));
      const ended = this.employments.filter((e) => e.ended);
      if (ended.length > 0) options.push(() => this.emit('EndEmployment', { employmentId: rng.pick(ended).id, reason: 'quit' }, this.actor, true));
      const willing = this.members.filter((m) => !m.removed && m.willing);
      if (willing.length > 0) options.push(() => this.emit('DeclareWillingness', { memberId: rng.pick(willing).id }, this.actor, true));
      if (this.status !== 'cleared') {
        options.push(() => {
          const visit = ++this.visits;
          this.emit('RecordFollowUp', { visitId: `v${visit}`, findings: rng.pick(FINDINGS_OK), stillEmployed: true, laborConcerns: [] }, this.actor, true);
        });
      }
    }
    if (options.length > 0) rng.pick(options)();
  }
}
