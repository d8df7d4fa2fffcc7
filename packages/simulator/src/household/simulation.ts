import { EMPLOYMENT_END_REASONS, EmploymentEndReason } from '@hearth/domain';
import { RegionLayout, villageOf } from '../divisions';
import { EmployerPools } from '../jobs';
import { ResolvedOptions } from '../options';
import { Rng, streamKey } from '../prng';
import { reemploy, relapse } from './after-clearance';
import { Agenda, Task } from './agenda';
import { addMember, declareWillingness, removeMember, withdrawWillingness } from './circumstances';
import { clear, finalPath, search } from './clearance';
import { employ, endEmployment, income } from './employment';
import { apply, identify, register, rejectApplication, survey, withdrawApplication } from './enrolment';
import { deregister, exempt, withdraw } from './exits';
import { followUp, resolve } from './follow-ups';
import { mistake } from './mistakes';
import { END, START } from './programme-calendar';
import { answerReferral } from './referrals';
import { CommandSink, SimulatedHousehold } from './simulated-household';
import {
  ADD_MEMBER, APPLY, CLEAR, DEREGISTER, EMPLOY, END_EMPLOYMENT, EXEMPT, FINAL, FOLLOW_UP, IDENTIFY, INCOME, MISTAKE, REEMPLOY, REF_ANSWER,
  REJECT_APP, RELAPSE, REMOVE_MEMBER, RESOLVE, SEARCH, SURVEY, TRAIN_ANSWER, TRAIN_FINISH, WILL_DECLARE, WILL_WITHDRAW, WITHDRAW, WITHDRAW_APP,
} from './tasks';
import { answerTraining, finishTraining } from './training';

/**
 * One household's life from registration in early 2016 to the end of 2020, as the
 * commands a caseworker would record. A small discrete-event simulation: every future
 * action is a task on the household's agenda, tasks run in date order, and each one
 * looks at the household as it is on that day before it emits anything. The simulator
 * keeps its own light mirror of what the domain knows (status, members' capacity and
 * willingness, offers, employments, concerns) and only emits commands the domain will
 * accept — except for the deliberate mistakes (about 1% of commands), which are chosen
 * so that the domain must reject them.
 *
 * The phases of that life are functions over the household's state, one file per
 * phase (enrolment, clearance, training, referrals, employment, follow-ups, after
 * clearance, circumstances, exits, mistakes); this class only builds the state and
 * runs the agenda. Every random draw comes from the household's own stream, in the
 * order the tasks run: reordering draws changes the generated log.
 */

const SALT_HOUSEHOLD = 0x40115e01;

export const householdId = (index: number): string => `H${String(index + 1).padStart(7, '0')}`;

export class HouseholdSimulation {
  private readonly h: SimulatedHousehold;

  constructor(o: ResolvedOptions, layout: RegionLayout, pools: EmployerPools, index: number, sink: CommandSink) {
    const rng = new Rng(streamKey(o.seed32, SALT_HOUSEHOLD, index));
    const village = villageOf(layout, index);
    const county = village.slice(0, village.indexOf('T'));
    const worker = rng.int(1, 5);
    this.h = {
      rng,
      pools,
      sink,
      hid: householdId(index),
      idPrefix: `sim:${o.seedTag}:${index + 1}:`,
      county,
      actor: `caseworker:${county}-${worker}`,
      otherActor: `caseworker:${county}-${(worker % 5) + 1}`,
      agenda: new Agenda(END),
      n: 0,
      now: START,
      status: 'registered',
      members: [],
      trainings: [],
      referrals: [],
      employments: [],
      visits: 0,
      openConcerns: new Set<number>(),
      epoch: 0,
      finalDay: END,
      identifiedOnce: false,
      lastEmployedMember: -1,
      causes: [],
    };
    register(this.h, village);
  }

  /** Runs the agenda to the end of the simulated period. */
  run(): void {
    const h = this.h;
    for (let t = h.agenda.pop(); t !== undefined; t = h.agenda.pop()) {
      h.now = t.day;
      if (h.status === 'deregistered' && t.kind !== MISTAKE) continue;
      (STEPS[t.kind] as Step)(h, t);
    }
  }
}

type Step = (h: SimulatedHousehold, t: Task) => void;

/**
 * What each kind of task does, by `Task.kind`: a table rather than a switch, so a task
 * costs one lookup (the codes are imported bindings, not constants the engine can fold).
 */
const STEPS: Readonly<Record<number, Step>> = {
  [SURVEY]: (h, t) => survey(h, t.a),
  [APPLY]: (h) => apply(h),
  [IDENTIFY]: (h) => identify(h),
  [WITHDRAW_APP]: (h) => withdrawApplication(h),
  [REJECT_APP]: (h, t) => rejectApplication(h, t.a),
  [SEARCH]: (h) => search(h),
  [FINAL]: (h) => finalPath(h),
  [TRAIN_ANSWER]: (h, t) => answerTraining(h, t.a),
  [TRAIN_FINISH]: (h, t) => finishTraining(h, t.a),
  [REF_ANSWER]: (h, t) => answerReferral(h, t.a, t.b),
  [EMPLOY]: (h, t) => employ(h, t.a, t.b, t.c),
  [CLEAR]: (h) => clear(h),
  [FOLLOW_UP]: (h, t) => followUp(h, t.a),
  [RESOLVE]: (h, t) => resolve(h, t.a),
  [END_EMPLOYMENT]: (h, t) => endEmployment(h, t.a, EMPLOYMENT_END_REASONS[t.b] as EmploymentEndReason),
  [INCOME]: (h, t) => income(h, t.a, t.b, t.c),
  [RELAPSE]: (h) => relapse(h),
  [WILL_WITHDRAW]: (h) => withdrawWillingness(h),
  [WILL_DECLARE]: (h, t) => declareWillingness(h, t.a),
  [ADD_MEMBER]: (h) => addMember(h),
  [REMOVE_MEMBER]: (h) => removeMember(h),
  [WITHDRAW]: (h) => withdraw(h),
  [EXEMPT]: (h) => exempt(h),
  [DEREGISTER]: (h) => deregister(h),
  [MISTAKE]: (h) => mistake(h),
  [REEMPLOY]: (h) => reemploy(h),
};
