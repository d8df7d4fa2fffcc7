// Nest's dependency injection reads constructor parameter types from decorator metadata.
const preset = require('../../jest.preset.js');
module.exports = {
  ...preset,
  rootDir: __dirname,
  // End-to-end tests start servers and spawn the CLI on a shared, busy machine: generous, never a timed assertion.
  // Grown as the preset's is for a long property run (HEARTH_PROPERTY_RUNS: bad-input.e2e's property reads it).
  testTimeout: 120_000 * (preset.testTimeout / 180_000),
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { target: 'es2022', parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true } }, module: { type: 'commonjs' } },
    ],
  },
};
