import { areaRefusal, type DivisionTree, type HouseholdCommand } from '@hearth/domain';
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
  // No tree yet: the ledger answers that (NO_DIVISION_TREE). A caseworker token always names its division (token-entry.ts).
  if (principal.role !== 'caseworker' || tree === undefined || principal.division === undefined) return undefined;
  // The domain's area rule, asked here of the household as read; the Decider asks it again on the state it decides from (decision 216).
  const refusal = areaRefusal(command, currentDivision, tree, principal.division);
  return refusal === undefined ? undefined : ApiError.forbidden(refusal.message, refusal.fields?.[0]?.path ?? 'householdId');
};
