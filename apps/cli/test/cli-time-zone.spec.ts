import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLES, hearth, tempDir, writeLines } from './support/cli';

/**
 * The real `hearth` executable with TZ set for its process, and its clock stopped at a chosen
 * instant (@hearth/ledger's testing/stopped-clock.js, preloaded). Business dates have no zone and recording times are
 * written in UTC, so what a command records, verifies and reports must not depend on TZ; only
 * the two defaults of "today" are the machine's local date (docs/decisions/0138).
 */
const CLOCK = join(__dirname, '../../../packages/ledger/src/testing/stopped-clock.js');
const ZONES = ['UTC', 'Asia/Shanghai', 'America/New_York'] as const;
/** 20:00 UTC on 31 December 2020: 04:00 on 1 January 2021 in Shanghai, 15:00 on the 31st in New York. */
const NEW_YEAR_IN_SHANGHAI = '2020-12-31T20:00:00.000Z';

const inZone = (timeZone: string, at: string | undefined, args: readonly string[]) =>
  hearth(args, { env: { TZ: timeZone, ...(at !== undefined ? { STOPPED_CLOCK_AT: at, NODE_OPTIONS: `--require ${CLOCK}` } : {}) } });

const stdoutOf = (timeZone: string, at: string | undefined, args: readonly string[], exit = 0): string => {
  const r = inZone(timeZone, at, args);
  if (r.code !== exit) throw new Error(`TZ=${timeZone} hearth ${args.join(' ')} exited ${r.code}, not ${exit}: ${r.stderr}`);
  return r.stdout;
};

describe('hearth in another time zone (TZ of its process)', () => {
  let dir: string;
  let cleanup: () => void;
  const log = () => join(dir, 'log.jsonl');
  const divisions = () => join(dir, 'divisions.json');
  const storeOf = (timeZone: string) => `sqlite:${join(dir, `${timeZone.replace('/', '_')}.db`)}`;
  const imported: Record<string, string> = {};
  const verified: Record<string, string> = {};

  beforeAll(() => {
    ({ dir, cleanup } = tempDir());
    stdoutOf('UTC', undefined, ['generate', '--households', '40', '--seed', '5', '--out', log(), '--divisions-out', divisions()]);
    // Each zone writes its own store from the same files at the same instant.
    for (const zone of ZONES) {
      stdoutOf(zone, NEW_YEAR_IN_SHANGHAI, ['--store', storeOf(zone), 'divisions', 'load', '--effective', '2016-01-01', divisions()]);
      imported[zone] = stdoutOf(zone, NEW_YEAR_IN_SHANGHAI, ['--store', storeOf(zone), '--json', 'import', '--quiet', log()], 3); // the simulator's deliberate mistakes
      verified[zone] = stdoutOf(zone, NEW_YEAR_IN_SHANGHAI, ['--store', storeOf(zone), '--json', 'verify']);
    }
  }, 300_000);
  afterAll(() => cleanup());

  it('generate writes the same bytes in Asia/Shanghai and America/New_York as in UTC', () => {
    for (const zone of ZONES.slice(1)) {
      const out = join(dir, `gen-${zone.replace('/', '_')}.jsonl`);
      const outDivisions = join(dir, `gen-${zone.replace('/', '_')}.json`);
      stdoutOf(zone, undefined, ['generate', '--households', '40', '--seed', '5', '--out', out, '--divisions-out', outDivisions]);
      expect(readFileSync(out).equals(readFileSync(log()))).toBe(true);
      expect(readFileSync(outDivisions).equals(readFileSync(divisions()))).toBe(true);
    }
  });

  it('import accepts and refuses the same lines, and verify finds the same, in every zone at the same instant', () => {
    expect(JSON.parse(imported['UTC']!).accepted).toBeGreaterThan(1000);
    expect(imported['Asia/Shanghai']).toBe(imported['UTC']);
    expect(imported['America/New_York']).toBe(imported['UTC']);
    expect(verified['Asia/Shanghai']).toBe(verified['UTC']);
    expect(verified['America/New_York']).toBe(verified['UTC']);
    const { anomalies, notices } = JSON.parse(verified['UTC']!);
    expect(anomalies).toEqual([]);
    // The recording time is UTC's whatever the zone: the late-recording notices say so.
    expect(notices.length).toBeGreaterThan(0);
    for (const n of notices) expect(n.detail).toMatch(/, at 2020-12-31T20:00:00\.000Z$/);
  });

  it("a line dated Shanghai's today is accepted in every zone at 04:00 there, and one dated the day after is refused naming `on`", () => {
    const lines = writeLines(join(dir, 'new-year.jsonl'), [
      JSON.stringify({ type: 'RegisterHousehold', householdId: 'NY-1', on: '2021-01-01', divisionCode: 'P01C01T05V01', members: [{ memberId: 'm1', birthYear: 1990 }] }),
      JSON.stringify({ type: 'RegisterHousehold', householdId: 'NY-2', on: '2021-01-02', divisionCode: 'P01C01T05V01', members: [{ memberId: 'm1', birthYear: 1990 }] }),
    ]);
    const answers = ZONES.map((zone) => stdoutOf(zone, NEW_YEAR_IN_SHANGHAI, ['--store', storeOf(zone), '--json', 'import', '--quiet', lines], 3));
    const answer = JSON.parse(answers[0]!);
    expect(answer.accepted).toBe(1);
    expect(answer.rejected).toEqual([expect.objectContaining({ line: 2, householdId: 'NY-2', code: 'INVALID_COMMAND', fields: [{ path: 'on', message: expect.stringMatching(/^2021-01-02 is after 2021-01-01, the latest date anywhere on earth when the command is recorded \(2020-12-31T/) }] })]);
    expect(answers[1]).toBe(answers[0]);
    expect(answers[2]).toBe(answers[0]);
  });

  it('reports and a history known at a date read the same in every zone: a date is the end of that day in UTC', () => {
    const utc = storeOf('UTC');
    const reads = [
      ['report', 'monthly', '--month', '2017-01'],
      ['report', 'clearance', '--year', '2016'],
      ['report', 'backlog', '--as-of', '2017-03-01'],
      ['history', 'H0000001', '--known-at', '2020-12-31'],
    ];
    for (const read of reads) {
      const [first, ...others] = ZONES.map((zone) => stdoutOf(zone, undefined, ['--store', utc, '--json', ...read]));
      for (const other of others) expect(other).toBe(first);
    }
    expect(JSON.parse(stdoutOf('Asia/Shanghai', undefined, ['--store', utc, '--json', 'history', 'H0000001', '--known-at', '2020-12-31'])).knownAt).toBe('2020-12-31T23:59:59.999Z');
  });

  it("report backlog without --as-of is as of the machine's local date, east and west of UTC (decision 0138)", () => {
    const utc = storeOf('UTC');
    const backlogAt = (zone: string, at: string) => JSON.parse(stdoutOf(zone, at, ['--store', utc, '--json', 'report', 'backlog']));
    const asOf = (date: string) => JSON.parse(stdoutOf('UTC', undefined, ['--store', utc, '--json', 'report', 'backlog', '--as-of', date]));
    // 18:00 UTC on 28 February 2017 is 02:00 on 1 March in Shanghai; 02:00 UTC on 1 March is 21:00 on 28 February in New York.
    const shanghai = backlogAt('Asia/Shanghai', '2017-02-28T18:00:00.000Z');
    const utcThen = backlogAt('UTC', '2017-02-28T18:00:00.000Z');
    const newYork = backlogAt('America/New_York', '2017-03-01T02:00:00.000Z');
    expect([shanghai.asOf, utcThen.asOf, newYork.asOf]).toEqual(['2017-03-01', '2017-02-28', '2017-02-28']);
    expect(shanghai).toEqual(asOf('2017-03-01'));
    expect(newYork).toEqual(asOf('2017-02-28'));
    // The survey deadline (28 February) is past in Shanghai and not yet in New York: the lists differ, as the days do.
    expect(shanghai.surveyUpdatesMissing).not.toEqual(newYork.surveyUpdatesMissing);
  });

  it('divisions load without --effective dates the tree on the local day, and verify finds nothing wrong with it', () => {
    const cases = [
      // Kiritimati (UTC+14) at 11:33 UTC is already the next day: decision 135 allows the day after the UTC date.
      { zone: 'Pacific/Kiritimati', at: '2016-01-01T11:33:00.000Z', from: '2016-01-02' },
      { zone: 'Asia/Shanghai', at: '2015-12-31T20:00:00.000Z', from: '2016-01-01' },
      { zone: 'America/New_York', at: '2016-01-01T03:00:00.000Z', from: '2015-12-31' },
    ];
    for (const { zone, at, from } of cases) {
      const store = `sqlite:${join(dir, `load-${zone.replace('/', '_')}.db`)}`;
      const loaded = JSON.parse(stdoutOf(zone, at, ['--store', store, '--json', 'divisions', 'load', join(EXAMPLES, 'divisions.json')]));
      expect(loaded.effectiveFrom).toBe(from);
      const verify = JSON.parse(stdoutOf(zone, at, ['--store', store, '--json', 'verify']));
      expect(verify.anomalies).toEqual([]);
    }
  });
});
