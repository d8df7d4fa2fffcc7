/** What a property's run reads from the environment (README, "Tests"); passed in, so the domain reads none itself. */
export interface PropertyRunsEnv {
  readonly HEARTH_PROPERTY_RUNS?: string | undefined;
  readonly HEARTH_PROPERTY_SEED?: string | undefined;
  readonly HEARTH_PROPERTY_PATH?: string | undefined;
}

export interface PropertyRuns {
  readonly numRuns: number;
  readonly seed?: number;
  readonly path?: string;
}

const integerOf = (name: string, text: string): number => {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new Error(`${name} must be an integer, not ${JSON.stringify(text)}`);
  return n;
};

/**
 * A property's fast-check parameters: `runs` cases, or HEARTH_PROPERTY_RUNS when that is more
 * (a sweep runs every property at least that often, and never a cheap one less than its own
 * count), and a reported failure replayed from HEARTH_PROPERTY_SEED and HEARTH_PROPERTY_PATH
 * as fast-check printed them.
 */
export const propertyRuns = (runs: number, env: PropertyRunsEnv): PropertyRuns => {
  const atLeast = env.HEARTH_PROPERTY_RUNS ? integerOf('HEARTH_PROPERTY_RUNS', env.HEARTH_PROPERTY_RUNS) : 0;
  return {
    numRuns: Math.max(runs, atLeast),
    ...(env.HEARTH_PROPERTY_SEED ? { seed: integerOf('HEARTH_PROPERTY_SEED', env.HEARTH_PROPERTY_SEED) } : {}),
    ...(env.HEARTH_PROPERTY_PATH ? { path: env.HEARTH_PROPERTY_PATH } : {}),
  };
};
