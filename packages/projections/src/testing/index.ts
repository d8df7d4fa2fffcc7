/**
 * `@hearth/projections/testing`: helpers for tests of code that publishes reports — an
 * attacker that tries to recompute suppressed cells — and of code that checks the read
 * models (a household record edited behind the projections' back, the checkpoints an
 * interrupted catch-up left). Kept out of the main
 * entry point.
 */
export {
  attack, baselineEquations, cellId, learn, linearAttack, periodEquations, sameCell, yearEquations, type Equation, type Knowledge,
} from './disclosure-attacker';
export { checkpointPositions } from './checkpoint-positions';
export { editHouseholdRecord } from './household-record-edit';
export { employedFamily } from './employed-family';
export { repeatedClearances } from './repeated-clearances';
