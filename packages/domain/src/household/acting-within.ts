import * as E from 'fp-ts/Either';
import { DivisionTree } from '../divisions';
import { HouseholdCommand } from './commands';
import { DecisionContext } from './context';
import { Decision } from './decision';
import { DomainError, domainError } from './errors';
import { HouseholdState } from './state';

/**
 * Whether an actor who works within `area`'s subtree may send `command` for a household the
 * tree places in `householdDivision` (undefined: none yet): not for a household outside the
 * area, a registration into a division outside it, or a correction moving the household outside
 * it. The one home of the area rule: the service asks it before it sends a command on (with the
 * household as it read it), and the Decider again on the state it decides from (decision 216).
 * A division the tree does not hold is no division outside the area: the rules answer a typo
 * (UNKNOWN_DIVISION), or verify names a household a reorganisation stranded. The words never
 * say where the household is: the actor may not read that.
 */
export const areaRefusal = (command: HouseholdCommand, householdDivision: string | undefined, tree: DivisionTree, area: string): DomainError | undefined => {
  const outside = (code: string): boolean => tree.get(code) !== undefined && !tree.contains(area, code);
  const elsewhere = `outside division ${area} and its subdivisions`;
  const refused = (message: string, path: string): DomainError => domainError('OUTSIDE_AREA', message, [{ path, message: elsewhere }]);
  if (householdDivision !== undefined && outside(householdDivision)) return refused(`household ${command.householdId} is ${elsewhere}`, 'householdId');
  if (command.type === 'RegisterHousehold' && outside(command.divisionCode)) return refused(`division ${command.divisionCode} is ${elsewhere}`, 'divisionCode');
  const moved = command.type === 'CorrectEvent' ? command.correction['divisionCode'] : undefined;
  if (typeof moved === 'string' && outside(moved)) return refused(`division ${moved} is ${elsewhere}`, 'correction.divisionCode');
  return undefined;
};

/** The area rule as the command handlers' Decider asks it first (`ctx.actingWithin`; absent: any household). */
export const outsideArea = (c: HouseholdCommand, s: HouseholdState, ctx: DecisionContext): Decision | undefined => {
  if (ctx.actingWithin === undefined) return undefined;
  const refusal = areaRefusal(c, s.divisionCode, ctx.divisions, ctx.actingWithin);
  return refusal === undefined ? undefined : E.left(refusal);
};
