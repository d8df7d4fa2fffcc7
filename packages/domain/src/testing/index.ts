/**
 * `@hearth/domain/testing`: fixture builders, given/when/then, and fast-check arbitraries
 * of household command sequences — for tests of the domain and of code that embeds it.
 * Kept out of the main entry point so that production code never loads fast-check or jest.
 */
export * from './fixtures';
export * from './given-when-then';
export * from './arbitraries';
