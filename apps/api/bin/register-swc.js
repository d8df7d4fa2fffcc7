// Compiles required .ts files with SWC, emitting decorator metadata: NestJS reads
// constructor parameter types from it to inject dependencies, and esbuild (under tsx)
// does not emit it (docs/decisions/0030-service-runs-through-swc.md). The options are
// those of apps/api/jest.config.js, so the service runs the code its tests ran.
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

const OPTIONS = {
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

process.setSourceMapsEnabled(true);
Module._extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), { ...OPTIONS, filename });
  module._compile(code, filename);
};
