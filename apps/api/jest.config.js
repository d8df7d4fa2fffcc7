// Nest's dependency injection reads constructor parameter types from decorator metadata.
const preset = require('../../jest.preset.js');
module.exports = {
  ...preset,
  rootDir: __dirname,
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { target: 'es2022', parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true } }, module: { type: 'commonjs' } },
    ],
  },
};
