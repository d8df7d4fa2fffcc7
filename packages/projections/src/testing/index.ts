/**
 * `@hearth/projections/testing`: helpers for tests of code that publishes reports — an
 * attacker that tries to recompute suppressed cells — and of code that checks the read
 * models (a household record edited behind the projections' back). Kept out of the main
 * entry point.
 */
export { attack, cellId, learn, linearAttack, periodEquations, sameCell, type Equation, type Knowledge } from './disclosure-attacker';
export { editHouseholdRecord } from './household-record-edit';
