import { HouseholdCommand } from './commands';
import { DecisionContext } from './context';
import { Decision, reject } from './decision';
import { HouseholdState } from './state';

/**
 * A command from an actor who works within one division's subtree (`ctx.actingWithin`) on a
 * household the tree in force places outside it, or that would place it outside (a
 * registration's division, the division a correction moves it to): refused before any other
 * rule, on the very state the decision is made from (decision 216). A division the tree does
 * not hold is no division outside the area: the rules answer it (UNKNOWN_DIVISION), or verify
 * names a household a reorganisation stranded.
 */
export const outsideArea = (c: HouseholdCommand, s: HouseholdState, ctx: DecisionContext): Decision | undefined => {
  const area = ctx.actingWithin;
  if (area === undefined) return undefined;
  const outside = (code: string): boolean => ctx.divisions.get(code) !== undefined && !ctx.divisions.contains(area, code);
  const elsewhere = `outside division ${area} and its subdivisions`;
  if (s.divisionCode !== undefined && outside(s.divisionCode))
    // Not where it is: the actor may not read that (the service's own check and its reads say as little).
    return reject('OUTSIDE_AREA', `household ${c.householdId} is ${elsewhere}`, { path: 'householdId', message: elsewhere });
  if (c.type === 'RegisterHousehold' && outside(c.divisionCode)) return reject('OUTSIDE_AREA', `division ${c.divisionCode} is ${elsewhere}`, { path: 'divisionCode', message: elsewhere });
  const moved = c.type === 'CorrectEvent' ? c.correction['divisionCode'] : undefined;
  if (typeof moved === 'string' && outside(moved)) return reject('OUTSIDE_AREA', `division ${moved} is ${elsewhere}`, { path: 'correction.divisionCode', message: elsewhere });
  return undefined;
};
