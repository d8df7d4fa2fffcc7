// A fast-check plugin: once a property first fails, shrink its input for at most `ms`, then
// report the smallest failing input found so far (with its seed and path, to replay it).
// Why: an agreement property's shrink can run for many minutes; jest's hang guard then stops
// the test first and reports a timeout with no counterexample at all (decisions 127, 128).
const fc = require('fast-check');

const isFailure = (out) => out !== null && typeof out === 'object' && !fc.PreconditionFailure.isFailure(out);

/** @param {number} ms @returns {import('fast-check').UniversalPlugin} */
const shrinkFor = (ms) => () => {
  let stopAt = Infinity;
  const note = (out) => {
    if (stopAt === Infinity && isFailure(out)) stopAt = performance.now() + ms;
    return out;
  };
  return {
    // A run must stay synchronous when the predicate is: only a promise is awaited.
    decorateRun: (run) => (value) => {
      if (performance.now() >= stopAt) return new fc.PreconditionFailure(true);
      const out = run(value);
      return out !== null && typeof out === 'object' && typeof out.then === 'function' ? out.then(note) : note(out);
    },
  };
};

module.exports = { shrinkFor };
