// Nest's dependency injection reads constructor parameter types from decorator metadata.
const preset = require('../../jest.preset.js');
module.exports = {
  ...preset,
  rootDir: __dirname,
  // End-to-end tests start servers and spawn the CLI on a shared, busy machine: generous, never a timed assertion.
  testTimeout: 120_000,
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { target: 'es2022', parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true } }, module: { type: 'commonjs' } },
    ],
  },
};
