// Shared by every project: transpile with SWC (no type-checking here; `tsc -b` does that once).

// Cases asked of every property (HEARTH_PROPERTY_RUNS, @hearth/domain/testing's propertyRuns): a deliberate long run.
const askedRuns = Number(process.env.HEARTH_PROPERTY_RUNS) || 0;

module.exports = {
  testEnvironment: 'node',
  // A hang guard, not a speed limit: cases that start `hearth` processes (tsx loads the
  // sources in each) outlived jest's 5 s default when the shared machine's load reached
  // 7-17 (errors.e2e's EPIPE case, nest's anchor-query), and the projections' agreement
  // properties took 8-17 s a test (25 cases) here beside another project's tests, ~4x that under CI's
  // load at worst (a CI run failed in @hearth/projections with no other sign). Speed is
  // measured in apps/bench. It grows with the cases a long run asks for (180 s a 25 cases, the heaviest properties'
  // default): read-models-agree takes ~2.5 s a case, so at HEARTH_PROPERTY_RUNS=100 it outlasted 180 s without failing.
  testTimeout: 180_000 * Math.max(1, Math.ceil(askedRuns / 25)),
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  // A failing property's shrinking stops 30 s after its first failure (HEARTH_SHRINK_MS), so the
  // counterexample is reported within the guard instead of a bare timeout.
  setupFilesAfterEnv: [require('node:path').join(__dirname, 'jest.setup.js')],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
};
