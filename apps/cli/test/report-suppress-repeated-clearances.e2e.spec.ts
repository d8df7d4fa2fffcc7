import { join } from 'node:path';
import { repeatedClearances } from '@hearth/projections/testing';
import { EXAMPLES, hearth, onStore, tempDir, writeLines } from './support/cli';

/**
 * `hearth report clearance|monthly --suppress` and decision 186 on the clearance tables: one
 * household, g1 in the example's Willow Village, identified in 2015, then through June 2016
 * five times employed and cleared the next day, the first four times losing the job and
 * relapsing. June's `cleared` and 2016's `clearedInYear` are 5, from one household: printed
 * whole without `--suppress`, hidden with it, and the JSON keys are the same either way but
 * for `suppressed`.
 */
const VILLAGE = 'P01C01T01V01';
const COMMANDS = repeatedClearances('g1', VILLAGE);

describe('hearth report --suppress: five clearances of one household', () => {
  let store: string;
  let cleanup: () => void;
  const { json } = onStore(() => store);

  beforeAll(() => {
    let dir: string;
    ({ dir, cleanup } = tempDir());
    store = `sqlite:${join(dir, 'store.db')}`;
    expect(hearth(['--store', store, 'divisions', 'load', '--effective', '2015-01-01', join(EXAMPLES, 'divisions.json')]).code).toBe(0);
    expect(hearth(['--store', store, 'import', '--quiet', writeLines(join(dir, 'log.jsonl'), COMMANDS.map((c) => JSON.stringify(c)))]).code).toBe(0);
  });
  afterAll(() => cleanup?.());

  it('prints the five clearances of June and of 2016 without --suppress', () => {
    expect(json('report', 'monthly', '--month', '2016-06', '--division', VILLAGE)).toMatchObject({ cleared: 5, relapsed: 4 });
    expect(json('report', 'clearance', '--year', '2016', '--division', VILLAGE)).toMatchObject({ clearedInYear: 5, relapsedInYear: 4 });
  });

  it('hides them with --suppress, in the village and every division above it, and in the year of months', () => {
    for (const division of [VILLAGE, 'P01C01T01', 'P01C01', 'P01', 'R']) {
      const june = json('report', 'monthly', '--month', '2016-06', '--division', division, '--suppress');
      expect({ division, cleared: june.cleared, hidden: june.suppressed.includes('cleared') }).toEqual({ division, cleared: null, hidden: true });
      const year = json('report', 'clearance', '--year', '2016', '--division', division, '--suppress');
      expect({ division, clearedInYear: year.clearedInYear, hidden: year.suppressed.includes('clearedInYear') }).toEqual({ division, clearedInYear: null, hidden: true });
    }
    const months = json('report', 'monthly', '--year', '2016', '--division', VILLAGE, '--suppress');
    expect(months.months[5]).toMatchObject({ month: '2016-06', cleared: null });
  });

  it('prints the same keys with --suppress but for `suppressed`: nothing of the households behind the counts', () => {
    for (const args of [['monthly', '--month', '2016-06'], ['clearance', '--year', '2016']]) {
      const whole = json('report', ...args, '--division', VILLAGE);
      const shut = json('report', ...args, '--division', VILLAGE, '--suppress');
      expect({ args, keys: Object.keys(shut).sort() }).toEqual({ args, keys: [...Object.keys(whole), 'suppressed'].sort() });
    }
  });
});
