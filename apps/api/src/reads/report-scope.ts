import type { DivisionTree } from '@hearth/domain';
import { inScope } from '../auth/division-scope';
import type { Principal } from '../auth/principal';
import { ApiError } from '../errors/api-error';

/**
 * The division a report is asked for: a caseworker's default is their own division (the
 * root would be outside it) and any other must lie in its subtree; for everyone else the
 * default stays the root (undefined). A code the tree does not know is left for the
 * report to answer 404 UNKNOWN_DIVISION.
 */
export const reportDivision = (principal: Principal, tree: DivisionTree | undefined, asked: string | undefined): string | undefined => {
  if (principal.role !== 'caseworker') return asked;
  if (asked === undefined) return principal.division;
  if (tree?.get(asked) !== undefined && !inScope(principal, tree, asked))
    throw ApiError.forbidden(`division ${asked} is outside division ${principal.division ?? '?'} and its subdivisions`, 'division');
  return asked;
};
