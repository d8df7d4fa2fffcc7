import type { DivisionTree } from '@hearth/domain';
import type { Principal } from './principal';

/**
 * Whether the principal may act on or read what belongs to `divisionCode`: a caseworker
 * only inside their division's subtree; auditors and analysts are not bound to a division
 * (what each role may do at all is the guard's business, not this function's).
 */
export const inScope = (principal: Principal, tree: DivisionTree | undefined, divisionCode: string): boolean => {
  if (principal.role !== 'caseworker') return true;
  if (principal.division === undefined || tree === undefined) return false;
  return tree.contains(principal.division, divisionCode);
};
