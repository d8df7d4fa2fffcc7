// Every project's tests: a failing property reports its counterexample within the hang guard.
const fc = require('fast-check');
const { shrinkFor } = require('./jest.shrink-for');

fc.installGlobalPlugin(shrinkFor(Number(process.env.HEARTH_SHRINK_MS ?? 30_000)));
