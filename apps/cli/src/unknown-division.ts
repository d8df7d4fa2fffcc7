import type { Ledger } from '@hearth/ledger';
import { divisionNamed, UnknownDivisionError } from '@hearth/projections';
import { CliError, EXIT } from './exit-codes';

/** Rethrows an error: a division the tree does not hold as exit 4 (a report's `--division`, `verify --division`), anything else as it is. */
export const rethrowUnknownDivision = (e: unknown): never => {
  if (e instanceof UnknownDivisionError) throw new CliError(e.message, EXIT.unknownTarget);
  throw e;
};

/**
 * A division no tree ever recorded, refused as exit 4 before the read models are opened:
 * opening them catches them up first, minutes on a large region behind the log, only for
 * the command to say then that the code was mistyped. The read side answers for every
 * division ever recorded (`Ledger.divisions`), so this refuses exactly the codes it would.
 */
export const refuseUnknownDivision = (ledger: Ledger, division: string | undefined): void => {
  const tree = ledger.divisions;
  if (division === undefined || tree === undefined) return;
  try {
    divisionNamed(tree, division);
  } catch (e) {
    rethrowUnknownDivision(e);
  }
};
