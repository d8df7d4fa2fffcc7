// The `hearth` the CLI's tests start: the same sources as apps/cli/bin/hearth.js, bundled
// once per test run by esbuild (the compiler tsx runs them through), so that a start costs
// one file's load rather than tsx resolving and compiling ~370 (docs/decisions/0192).
// The bundle sits two folders below apps/cli, as src/commands does, so the paths the sources
// take from __dirname (the real executable, which `import --workers` starts for its parts;
// the examples) name the same files. No command of the CLI starts a report worker
// (@hearth/projections' report-aside.ts), so none is bundled beside it.
const { mkdirSync, renameSync, writeFileSync } = require('node:fs');
const { join, resolve } = require('node:path');
const { buildSync } = require('esbuild');

const CLI = resolve(__dirname, '../..');
const OUT = join(CLI, 'dist', 'e2e');

/** Builds the bundle; the path of its executable. */
const buildCliBundle = () => {
  const [file] = buildSync({
    stdin: { contents: `require(${JSON.stringify(join(CLI, 'src', 'main.ts'))}).runFromProcess();`, resolveDir: CLI, loader: 'js' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // Native, or reading files of their own package at run time: loaded from node_modules as the executable loads them.
    external: ['better-sqlite3', '@kurrent/kurrentdb-client', '@grpc/grpc-js', '@grpc/proto-loader'],
    write: false,
    logLevel: 'error',
  }).outputFiles;
  mkdirSync(OUT, { recursive: true });
  // Written aside and renamed: a test run building at the same moment as another never starts a half-written file.
  const temporary = join(OUT, `.hearth.js.${process.pid}`);
  writeFileSync(temporary, file.contents);
  renameSync(temporary, join(OUT, 'hearth.js'));
  return join(OUT, 'hearth.js');
};

/** jest's globalSetup: builds the bundle once for the run and names it to every test file (test/support/cli.ts). */
module.exports = () => {
  process.env.HEARTH_CLI_UNDER_TEST = buildCliBundle();
};
