import { CommandOf } from '../commands';
import { DecisionContext } from '../context';
import { append, Decision, reject } from '../decision';
import { ev } from '../events';
import { HouseholdState } from '../state';

/**
 * A household moves only because its division was reorganised: the tree in force no longer
 * has the household's division and names `to` as its successor (docs/decisions/0015). A
 * caseworker cannot move a household by hand; one that moves house is deregistered
 * (`moved`) and registered where it lives now.
 */
export const transferHousehold = (c: CommandOf<'TransferHousehold'>, s: HouseholdState, ctx: DecisionContext): Decision => {
  const from = s.divisionCode ?? '';
  if (ctx.divisions.get(from))
    return reject('NOT_A_SUCCESSOR', `division "${from}" is still in the tree in force; a household moves only when a new tree replaces its division`, { path: 'to', message: `the household's division "${from}" is still in force` });
  const successor = ctx.divisions.successorOf(from);
  if (successor === undefined) return reject('NOT_A_SUCCESSOR', `the tree in force drops division "${from}" without naming its successor`, { path: 'to', message: `the tree in force names no successor of "${from}"` });
  if (successor !== c.to) return reject('NOT_A_SUCCESSOR', `the tree in force names "${successor}" as the successor of "${from}", not "${c.to}"`, { path: 'to', message: `not the successor the tree in force names ("${successor}")` });
  const division = ctx.divisions.get(c.to);
  if (!division) return reject('UNKNOWN_DIVISION', `division "${c.to}" is not in the division tree`, { path: 'to', message: 'not in the division tree' });
  if (division.level !== 'village') return reject('NOT_A_VILLAGE', `division "${c.to}" is a ${division.level}; households belong to a village`, { path: 'to', message: `a ${division.level}, not a village` });
  return append(ev('HouseholdTransferred', { from, to: c.to }));
};
