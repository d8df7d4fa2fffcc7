module.exports = {
  ...require('../../jest.preset.js'),
  rootDir: __dirname,
  // The executable the tests start, bundled once per run (test/support/cli-bundle.js, docs/decisions/0192).
  globalSetup: '<rootDir>/test/support/cli-bundle.js',
};
