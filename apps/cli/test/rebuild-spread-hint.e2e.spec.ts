import { join } from 'node:path';
import { SPREAD_LOG_HINT } from '../src/spread-log-hint';
import { exampleStore, hearth, tempDir } from './support/cli';

/** A SQLite store in `dir` holding a generated region's log as a ledger kept day by day writes it: households interleaved. */
const dateOrderedStore = (dir: string): string => {
  const store = `sqlite:${join(dir, 'dated.db')}`;
  const [log, divisions] = [join(dir, 'dated.jsonl'), join(dir, 'divisions.json')];
  expect(hearth(['generate', '--households', '40', '--seed', '1', '--order', 'date', '--out', log, '--divisions-out', divisions]).code).toBe(0);
  expect(hearth(['--store', store, 'divisions', 'load', '--on', '2015-12-31', divisions]).code).toBe(0);
  expect(hearth(['--store', store, 'import', '--quiet', log]).code).not.toBe(1);
  return store;
};

const hints = (stderr: string): number => stderr.split('\n').filter((line) => line === SPREAD_LOG_HINT).length;

/**
 * A rebuild of the store's own read models in position order says once, on stderr, that
 * `--exclusive` would read a log written day by day household by household, when it finds
 * the log spread (decision 123): the operator learns it while the rebuild can be stopped.
 */
describe('hearth rebuild: the hint towards --exclusive', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('is given once by a rebuild in position order of a log in date order, and by no other rebuild of it', () => {
    const store = dateOrderedStore(dir);
    const inPositionOrder = hearth(['--store', store, 'rebuild']);
    expect(inPositionOrder.code).toBe(0);
    expect(hints(inPositionOrder.stderr)).toBe(1);
    const exclusive = hearth(['--store', store, 'rebuild', '--exclusive']);
    expect(exclusive.code).toBe(0);
    expect(hints(exclusive.stderr)).toBe(0);
    const ofTheirOwn = hearth(['--store', store, 'rebuild', '--read-models', `sqlite:${join(dir, 'read-models.db')}`]);
    expect(ofTheirOwn.code).toBe(0);
    expect(hints(ofTheirOwn.stderr)).toBe(0);
    // The JSON on stdout is unchanged by it.
    const json = hearth(['--store', store, '--json', 'rebuild']);
    expect(hints(json.stderr)).toBe(1);
    expect(Object.keys(JSON.parse(json.stdout) as object).sort()).toEqual(['position', 'rebuilt', 'seconds']);
  });

  it('is not given for a log imported household by household', () => {
    const store = exampleStore(dir);
    const rebuilt = hearth(['--store', store, 'rebuild']);
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stderr).toMatch(/rebuild: [\d,]+ events · position/);
    expect(hints(rebuilt.stderr)).toBe(0);
  });
});
