/** Injection tokens of the module's providers, for embedders that need more than the buses. */
export const HEARTH_OPTIONS = Symbol('HEARTH_OPTIONS');
/** The module's `Ledger` (@hearth/ledger). */
export const HEARTH_LEDGER = Symbol('HEARTH_LEDGER');
/** The module's `HearthReadSide`: the read side, opened once a division tree exists (decision 0025). */
export const HEARTH_READ_SIDE = Symbol('HEARTH_READ_SIDE');
