/** The ledger took in new events through every read of a document's tables. */
export class ReadsKeptMovingError extends Error {
  constructor(readonly attempts: number) {
    super(`the read models took in new events during each of ${attempts} reads of the export's tables; try again`);
    this.name = 'ReadsKeptMovingError';
  }
}

/**
 * `read` (several reads of the read models) repeated until the read models stood at one
 * position from before it to after it, and that position: an export's total row and its
 * children's rows are two reads, and an event applied between them would file a total its
 * children do not add up to, under a ledger position neither was read at. Positions only
 * grow, so the same position before and after means every read inside saw the same log.
 */
export const atOnePosition = async <T>(position: () => Promise<number>, read: () => Promise<T>, attempts = 5): Promise<{ value: T; position: number }> => {
  let before = await position();
  for (let i = 0; i < attempts; i++) {
    const value = await read();
    const after = await position();
    if (after === before) return { value, position: after };
    before = after;
  }
  throw new ReadsKeptMovingError(attempts);
};
