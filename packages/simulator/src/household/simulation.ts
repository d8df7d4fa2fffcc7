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
import * as T from './tasks';
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
      if (h.status === 'deregistered' && t.kind !== T.MISTAKE) continue;
      step(h, t);
    }
  }
}

const step = (h: SimulatedHousehold, t: Task): void => {
  switch (t.kind) {
    case T.SURVEY: return survey(h, t.a);
    case T.APPLY: return apply(h);
    case T.IDENTIFY: return identify(h);
    case T.WITHDRAW_APP: return withdrawApplication(h);
    case T.REJECT_APP: return rejectApplication(h, t.a);
    case T.SEARCH: return search(h);
    case T.FINAL: return finalPath(h);
    case T.TRAIN_ANSWER: return answerTraining(h, t.a);
    case T.TRAIN_FINISH: return finishTraining(h, t.a);
    case T.REF_ANSWER: return answerReferral(h, t.a, t.b);
    case T.EMPLOY: return employ(h, t.a, t.b, t.c);
    case T.CLEAR: return clear(h);
    case T.FOLLOW_UP: return followUp(h, t.a);
    case T.RESOLVE: return resolve(h, t.a);
    case T.END_EMPLOYMENT: return endEmployment(h, t.a, EMPLOYMENT_END_REASONS[t.b] as EmploymentEndReason);
    case T.INCOME: return income(h, t.a, t.b, t.c);
    case T.RELAPSE: return relapse(h);
    case T.WILL_WITHDRAW: return withdrawWillingness(h);
    case T.WILL_DECLARE: return declareWillingness(h, t.a);
    case T.ADD_MEMBER: return addMember(h);
    case T.REMOVE_MEMBER: return removeMember(h);
    case T.WITHDRAW: return withdraw(h);
    case T.EXEMPT: return exempt(h);
    case T.DEREGISTER: return deregister(h);
    case T.MISTAKE: return mistake(h);
    case T.REEMPLOY: return reemploy(h);
  }
};
