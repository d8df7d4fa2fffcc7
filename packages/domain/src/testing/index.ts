/**
 * `@hearth/domain/testing`: fixture builders, given/when/then, and fast-check arbitraries
 * of household command sequences — for tests of the domain and of code that embeds it.
 * Kept out of the main entry point so that production code never loads fast-check or jest.
 */
export * from './fixtures';
export * from './given-when-then';
export {
  ARB_VILLAGE, ARB_OTHER_VILLAGE, ARB_TOWNSHIP, ARB_UNKNOWN_DIVISION, arbDivisions, arbContext,
  MEMBER_POOL, TRAINING_POOL, REFERRAL_POOL, EMPLOYMENT_POOL, VISIT_POOL, birthYear, commandDraft,
  type CommandDraft,
} from './command-drafts';
export * from './episodes';
export * from './household-commands';
export * from './run-household';
export * from './property-runs';
export * from './reorganisations';
