import type { DivisionTree, HouseholdCommand } from '@hearth/domain';
import { inScope } from '../auth/division-scope';
import type { Principal } from '../auth/principal';
import { ApiError } from '../errors/api-error';

/**
 * Whether this principal may submit this command. Events record who recorded them, so a
 * command may not name another actor; a caseworker works only on households of their
 * division's subtree — the household as it stands, the division a registration names,
 * and the division a correction would move it to.
 */
export const commandRefusal = (
  principal: Principal,
  command: HouseholdCommand,
  tree: DivisionTree | undefined,
  currentDivision: string | undefined,
): ApiError | undefined => {
  if (command.actor !== undefined && command.actor !== principal.actor)
    return ApiError.forbidden(`events record who recorded them: this token records as "${principal.actor}", not "${command.actor}"`, 'actor');
  if (principal.role !== 'caseworker') return undefined;
  // A code the tree does not hold is no division outside the subtree but a typo: the ledger
  // answers it 422 UNKNOWN_DIVISION (domain.md §4), as a report answers it 404 (report-scope.ts).
  const outside = (code: string) => tree?.get(code) !== undefined && !inScope(principal, tree, code);
  const where = `division ${principal.division ?? '?'} and its subdivisions`;
  if (currentDivision !== undefined && outside(currentDivision))
    return ApiError.forbidden(`household ${command.householdId} is outside ${where}`, 'householdId');
  if (command.type === 'RegisterHousehold' && outside(command.divisionCode))
    return ApiError.forbidden(`division ${command.divisionCode} is outside ${where}`, 'divisionCode');
  if (command.type === 'CorrectEvent') {
    const moved = command.correction['divisionCode'];
    if (typeof moved === 'string' && outside(moved)) return ApiError.forbidden(`division ${moved} is outside ${where}`, 'correction.divisionCode');
  }
  return undefined;
};
