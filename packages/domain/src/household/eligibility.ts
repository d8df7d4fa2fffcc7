import { BusinessDate, yearOf } from '../dates';
import { Policy } from '../policy';
import { EmploymentState, HouseholdState, MemberState } from './state';

/** Age in the sense of domain.md §3: the calendar year of the date minus the birth year. */
export const ageAt = (m: Pick<MemberState, 'birthYear'>, d: BusinessDate): number => yearOf(d) - m.birthYear;

export const isWorkingAge = (m: Pick<MemberState, 'birthYear'>, d: BusinessDate, p: Policy): boolean => {
  const age = ageAt(m, d);
  return age >= p.workingAge.min && age <= p.workingAge.max;
};

/** Eligible at d: working age, able to work (latest survey) and willing (domain.md §4). */
export const isEligible = (m: MemberState, d: BusinessDate, p: Policy): boolean =>
  !m.removed && isWorkingAge(m, d, p) && (m.laborCapacity === 'full' || m.laborCapacity === 'partial') && m.willing;

/** Started on or before d and not ended on or before d. */
export const isActiveOn = (e: EmploymentState, d: BusinessDate): boolean =>
  e.startedOn <= d && (e.endedOn === undefined || e.endedOn > d);

/** In the employments' order; one loop, no arrays of entries. */
export const activeEmploymentIds = (s: HouseholdState, d: BusinessDate): string[] => {
  const ids: string[] = [];
  s.employments.forEach((e, id) => {
    if (isActiveOn(e, d) && s.members.get(e.memberId)?.removed === false) ids.push(id);
  });
  return ids;
};

export const isEmployed = (s: HouseholdState, memberId: string, d: BusinessDate): boolean => {
  for (const e of s.employments.values()) if (e.memberId === memberId && isActiveOn(e, d)) return true;
  return false;
};

export const eligibleMembers = (s: HouseholdState, d: BusinessDate, p: Policy): MemberState[] =>
  [...s.members.values()].filter((m) => isEligible(m, d, p));

/** A member the commands may address: known and not removed. */
export const liveMember = (s: HouseholdState, memberId: string): MemberState | undefined => {
  const m = s.members.get(memberId);
  return m && !m.removed ? m : undefined;
};
