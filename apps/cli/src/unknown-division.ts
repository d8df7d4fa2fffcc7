import { UnknownDivisionError } from '@hearth/projections';
import { CliError, EXIT } from './exit-codes';

/** Rethrows an error: a division the tree does not hold as exit 4 (a report's `--division`, `verify --division`), anything else as it is. */
export const rethrowUnknownDivision = (e: unknown): never => {
  if (e instanceof UnknownDivisionError) throw new CliError(e.message, EXIT.unknownTarget);
  throw e;
};
