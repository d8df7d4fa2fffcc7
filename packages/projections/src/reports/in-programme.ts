import type { Status } from '@hearth/domain';

/** Statuses of a household taking part in the programme (the domain's `isActive`). */
export const inProgramme = (s: Status | undefined): boolean =>
  s === 'registered' || s === 'surveyed' || s === 'applied' || s === 'identified' || s === 'cleared';
