import type { Status } from '@hearth/domain';
import type { MonthlyCounts } from './read-models';

const INTO: Readonly<Record<string, keyof MonthlyCounts>> = { HouseholdIdentified: 'identified', HouseholdRelapsed: 'relapsed' };
const OUT_OF: Readonly<Record<string, keyof MonthlyCounts>> = {
  HouseholdCleared: 'cleared',
  HouseholdWithdrew: 'withdrawn',
  HouseholdExempted: 'exempted',
  HouseholdDeregistered: 'deregistered',
};

/**
 * Pure: which column of the monthly table a status change counts in, if it moves the
 * household into or out of the stock (status `identified`); undefined otherwise.
 */
export const stockMove = (eventType: string, from: Status, to: Status): keyof MonthlyCounts | undefined => {
  if (to === 'identified' && from !== 'identified') return INTO[eventType];
  if (from === 'identified' && to !== 'identified') return OUT_OF[eventType];
  return undefined;
};
