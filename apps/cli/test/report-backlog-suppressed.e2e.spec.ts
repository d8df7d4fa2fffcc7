import { referencePolicy } from '@hearth/domain';
import { generatedStore, hearth, tempDir } from './support/cli';

type Backlog = Record<string, unknown> & { division: string };
type Counts = Record<string, number | null> & { suppressed: string[] };

/**
 * `report backlog --suppress`: what the service answers an analyst (docs/decisions/0028),
 * each list's length under disclosure control, so that an analyst's figures can be checked
 * from the command line. Counts equal the lists' lengths where shown; none is small.
 */
describe('hearth report backlog --suppress', () => {
  let cleanup: () => void;
  let store: string;
  beforeAll(() => {
    let dir: string;
    ({ dir, cleanup } = tempDir());
    store = generatedStore(dir);
  });
  afterAll(() => cleanup());

  const json = <T>(args: readonly string[]): T => {
    const r = hearth(['--store', store, '--json', 'report', 'backlog', '--as-of', '2018-06-30', ...args]);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    return JSON.parse(r.stdout) as T;
  };

  it.each([[[]], [['--division', 'P01']], [['--division', 'P02C01']]])('%j: the lists\' lengths where shown, no count between 1 and suppressBelow − 1, every hidden one named', (args) => {
    const lists = json<Backlog>(args);
    const counts = json<Counts>([...args, '--suppress']);
    const names = Object.keys(lists).filter((k) => Array.isArray(lists[k]));
    expect(counts.division).toBe(lists.division);
    for (const name of names) {
      const count = counts[name];
      expect(count).not.toBeUndefined();
      if (count === null || count === undefined) expect(counts.suppressed).toContain(name);
      else {
        expect(count).toBe((lists[name] as unknown[]).length);
        expect(count === 0 || count >= referencePolicy.suppressBelow).toBe(true);
      }
    }
  });

  // Not every list of a 300-household region is small or empty, nor all shown: both branches above are exercised.
  it('shows some counts and hides some, across the region and its prefectures', () => {
    const answers = [[], ['--division', 'P01'], ['--division', 'P02']].map((args) => json<Counts>([...args, '--suppress']));
    expect(answers.some((a) => a.suppressed.length > 0)).toBe(true);
    expect(answers.some((a) => Object.values(a).some((v) => typeof v === 'number' && v >= referencePolicy.suppressBelow))).toBe(true);
  });
});
