import type { DivisionTree } from '@hearth/domain';
import { divisionNamed } from '@hearth/projections';
import { inScope } from '../auth/division-scope';
import type { Principal } from '../auth/principal';
import { ApiError } from '../errors/api-error';

/**
 * The division a report is asked for: a caseworker's default is their own division (the
 * root would be outside it) and any other must lie in its subtree; for everyone else the
 * default stays the root (undefined). A code no recorded tree holds is 404 UNKNOWN_DIVISION
 * here, the report's own answer, before the report is read: an analyst's answer is cut from
 * the whole tree's tables suppressed together, seconds at the full region, which a mistyped
 * code would otherwise pay first. The read side answers for the ledger's trees, so this
 * refuses exactly the codes the report would.
 */
export const reportDivision = (principal: Principal, tree: DivisionTree | undefined, asked: string | undefined): string | undefined => {
  if (asked !== undefined && tree !== undefined) divisionNamed(tree, asked);
  if (principal.role !== 'caseworker') return asked;
  if (asked === undefined) return principal.division;
  if (tree !== undefined && !inScope(principal, tree, asked))
    throw ApiError.forbidden(`division ${asked} is outside division ${principal.division ?? '?'} and its subdivisions`, 'division');
  return asked;
};
