/**
 * @hearth/simulator — a seeded, deterministic synthetic region: a division tree and the
 * 2016–2020 command log of its households, as `hearth generate`, the demo, benchmarks
 * and load tests use it. The same (seed, households) gives the same bytes.
 */
export { generateDivisions } from './divisions';
export { householdId } from './household/simulation';
export { SIMULATED_YEARS } from './household/programme-calendar';
export type { RegionOptions } from './options';
export { MAX_HOUSEHOLDS } from './options';
export { generateHouseholdCommands, SyntheticRegion, writeRegion } from './region';
export type { GenerationProgress, RegionSummary, WriteRegionOptions } from './region';
