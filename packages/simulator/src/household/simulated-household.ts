import { CommandOf, CommandType, HouseholdCommand } from '@hearth/domain';
import { Day, isoDate } from '../calendar';
import { EmployerPools, Job } from '../jobs';
import { Member, povertyCauses } from '../members';
import { Rng } from '../prng';
import { Agenda } from './agenda';

/**
 * The explicit state every phase of a household's life works on: who records its
 * commands and where they go, its agenda and today's date, and the simulator's light
 * mirror of what the domain knows (status, members' capacity and willingness, offers,
 * employments, open concerns), so that it only emits commands the domain will accept.
 */

export type Status = 'registered' | 'surveyed' | 'applied' | 'identified' | 'cleared' | 'withdrawn' | 'exempted' | 'deregistered';

export interface Training { readonly id: string; status: 'offered' | 'accepted' | 'declined' | 'completed' | 'left' }
export interface Referral { readonly id: string; readonly member: number; readonly job: Job; status: 'open' | 'accepted' | 'declined'; used: boolean }
export interface Employment { readonly id: string; readonly member: number; readonly wage: number; ended: boolean; endedOn: Day }

/** A command's own fields: what `emit` does not fill in. */
export type Fields<K extends CommandType> = Omit<CommandOf<K>, 'type' | 'householdId' | 'on' | 'actor' | 'commandId' | 'note'>;

/** Receives each generated command; `mistake` is true for the deliberate ones (tests only: the output marks nothing). */
export type CommandSink = (command: HouseholdCommand, day: Day, mistake: boolean) => void;

export interface SimulatedHousehold {
  readonly rng: Rng;
  readonly pools: EmployerPools;
  readonly sink: CommandSink;
  readonly hid: string;
  readonly idPrefix: string;
  readonly county: string;
  readonly actor: string;
  readonly otherActor: string;
  readonly agenda: Agenda;
  /** Commands emitted so far (the last part of the next `commandId`). */
  n: number;
  /** Today: the day of the task being run. */
  now: Day;
  status: Status;
  members: Member[];
  readonly trainings: Training[];
  readonly referrals: Referral[];
  readonly employments: Employment[];
  /** Follow-up visits recorded so far (the last part of the next `visitId`). */
  visits: number;
  readonly openConcerns: Set<number>;
  /** Bumped at each clearance, so follow-ups scheduled under an earlier clearance stop. */
  epoch: number;
  /** The day of the final push towards clearance; the job search stops before it. */
  finalDay: Day;
  identifiedOnce: boolean;
  lastEmployedMember: number;
  causes: ReturnType<typeof povertyCauses>;
}

/** Schedules a task; a day already past means today. */
export const schedule = (h: SimulatedHousehold, at: Day, kind: number, a = 0, b = 0, c = 0): void => {
  h.agenda.add(at < h.now ? h.now : at, kind, a, b, c);
};

/** Sends one command, dated today, to the sink. */
export const emit = <K extends CommandType>(h: SimulatedHousehold, type: K, fields: Fields<K>, actor = h.actor, mistake = false): void => {
  const command = { type, householdId: h.hid, on: isoDate(h.now), ...fields, actor, commandId: h.idPrefix + ++h.n };
  h.sink(command as unknown as HouseholdCommand, h.now, mistake);
};

/** Still in the programme: not withdrawn, exempted or deregistered. */
export const active = (h: SimulatedHousehold): boolean =>
  h.status !== 'withdrawn' && h.status !== 'exempted' && h.status !== 'deregistered';
