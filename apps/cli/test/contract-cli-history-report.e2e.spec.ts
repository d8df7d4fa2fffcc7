import { readFileSync } from 'node:fs';
import { hearth, tempDir } from './support/cli';
import { SmallRegion, smallRegion, sortedKeys } from './support/contract-cli';

/*
 * /work/shared/cli.md on `history` and `report`, statement by statement, and the spec that
 * pins each:
 *
 * | statement                                                                   | pinned by |
 * |-----------------------------------------------------------------------------|-----------|
 * | history HOUSEHOLD_ID: the audit timeline                                    | history.e2e "shows who recorded each event, when, and its note" |
 * | history --json: householdId, divisionCode, asOf, status, openLaborConcerns, members, events | here, "--json" (keys; finding F2 below) |
 * | history events: position, type, occurredOn, recordedAt, actor, note, data, hashOk | here, "--json" (exact, and F3's addition) |
 * | history --as-of: status, members and concerns as of the end of that date    | history.e2e "replays a household to the end of any date", "members as of a date" |
 * | history --as-of: `events` stops there                                       | history.e2e (hh-002 at 2016-08-31); here, five households at two dates, that date's events included |
 * | unknown household: exit 4                                                   | history.e2e "exits 4 for an unknown household" |
 * | report clearance --year Y / monthly --month / progress --month [--division] [--by-child] | reports.e2e; here |
 * | report backlog [--division CODE] [--as-of DATE]                             | reports.e2e (--as-of); here (--division) |
 * | --division defaults to the root                                             | here, "--division" |
 * | --json: division, the period and the figures of domain.md §5 under exactly those names | here, "exactly those names" |
 * | --by-child: {division, <period>, rows: [one such object per child division]} | here, "--by-child" (the root's, a county's, a village's none); reports.e2e (clearance rows add up to the root) |
 *
 * F2: the contract lists history's keys without `knownAt`, `laterCorrections` and
 * `anomalies`, which the executable adds (docs/cli.md, decisions 154 and 9); pinned here as
 * the contract's keys and exactly those documented additions.
 *
 * F3: the contract lists each event's keys without `eventId`, which a CorrectEvent must
 * name (domain.md §4) and a later correction's `correctedEventId` points at; the executable
 * adds it (docs/cli.md, decision 197), pinned here as the only addition.
 */

const CLEARANCE = ['baseline', 'cumulativeShare', 'target', 'baselineCleared', 'underReview', 'achievement', 'identifiedInYear', 'clearedInYear', 'relapsedInYear', 'stockAtEnd', 'withdrawnInYear', 'exemptedInYear', 'deregisteredInYear'];
const MONTHLY = ['stockAtStart', 'identified', 'cleared', 'relapsed', 'withdrawn', 'exempted', 'deregistered', 'stockAtEnd'];
// domain.md §5 names the progress figures in prose; docs/domain.md §5.3 gives their exact names.
const PROGRESS = [
  'membersSurveyed', 'eligibleMembers', 'trainingsOffered', 'trainingsAccepted', 'trainingsDeclined', 'trainingsCompleted', 'referralsMade', 'referralsAccepted',
  'referralsDeclined', 'membersReferred', 'employmentsStartedByForm', 'employmentsStartedByPlace', 'employmentsEndedByReason', 'incomeRecords', 'medianMonthlyIncome', 'meanMonthlyIncome',
];

interface TimelineEvent { position: number; occurredOn: string }

describe('the hearth contract: history and report', () => {
  let dir: string;
  let cleanup: () => void;
  let region: SmallRegion;
  let children: string[];
  let tree: { code: string; parentCode: string | null; level: string }[];
  const json = (...args: string[]) => {
    const r = hearth(['--store', region.store, '--json', ...args]);
    expect({ args, code: r.code, stderr: r.code === 0 ? '' : r.stderr }).toEqual({ args, code: 0, stderr: '' });
    return JSON.parse(r.stdout);
  };

  beforeAll(() => {
    ({ dir, cleanup } = tempDir());
    region = smallRegion(dir);
    tree = JSON.parse(readFileSync(region.divisions, 'utf8'));
    children = tree.filter((d) => d.parentCode === 'R').map((d) => d.code).sort();
  }, 60_000);
  afterAll(() => cleanup());

  describe('history', () => {
    it('--json has the contract\'s keys, and each event exactly position, type, occurredOn, recordedAt, actor, note, data and hashOk, and its eventId', () => {
      const body = json('history', 'H0000001');
      expect(sortedKeys(body)).toEqual(expect.arrayContaining(['asOf', 'divisionCode', 'events', 'householdId', 'members', 'openLaborConcerns', 'status']));
      expect(sortedKeys(body)).toEqual(['anomalies', 'asOf', 'divisionCode', 'events', 'householdId', 'knownAt', 'laterCorrections', 'members', 'openLaborConcerns', 'status']);
      expect(body).toMatchObject({ householdId: 'H0000001', asOf: null, divisionCode: expect.any(String), status: expect.any(String), openLaborConcerns: expect.any(Array), members: expect.any(Array) });
      expect(body.events.length).toBeGreaterThan(0);
      for (const e of body.events) {
        expect(sortedKeys(e)).toEqual(['actor', 'data', 'eventId', 'hashOk', 'note', 'occurredOn', 'position', 'recordedAt', 'type']);
        expect(e).toMatchObject({ position: expect.any(Number), eventId: expect.stringMatching(/^[0-9a-f-]{36}$/), type: expect.any(String), occurredOn: expect.stringMatching(/^\d{4}-\d\d-\d\d$/), hashOk: true });
      }
    });

    it.each(['H0000001', 'H0000002', 'H0000003', 'H0000004', 'H0000005'])('--as-of stops the events of %s at the end of that date, the date\'s own included', (householdId) => {
      const all = json('history', householdId).events as TimelineEvent[];
      // A date the household has an event on, and the last day of 2017: the end of a day, and a day between events.
      for (const asOf of [all[Math.floor(all.length / 2)]!.occurredOn, '2017-12-31']) {
        const body = json('history', householdId, '--as-of', asOf);
        expect(body.asOf).toBe(asOf);
        expect((body.events as TimelineEvent[]).map((e) => e.position)).toEqual(all.filter((e) => e.occurredOn <= asOf).map((e) => e.position));
      }
    });
  });

  describe('report', () => {
    it.each([
      ['clearance', ['--year', '2017'], { year: 2017 }, CLEARANCE],
      ['monthly', ['--month', '2017-03'], { month: '2017-03' }, MONTHLY],
      ['progress', ['--month', '2017-03'], { month: '2017-03' }, PROGRESS],
    ])('%s --json is one object with division, the period and the figures under exactly those names', (report, period, asked, figures) => {
      const body = json('report', report, ...period);
      expect(sortedKeys(body)).toEqual(['division', ...Object.keys(asked), ...figures].sort());
      expect(body).toMatchObject({ division: 'R', ...asked });
    });

    it.each([
      ['clearance', ['--year', '2017'], { year: 2017 }, CLEARANCE],
      ['monthly', ['--month', '2017-03'], { month: '2017-03' }, MONTHLY],
      ['progress', ['--month', '2017-03'], { month: '2017-03' }, PROGRESS],
    ])('%s --by-child is {division, <period>, rows}, one row for each child division, each row such an object', (report, period, asked, figures) => {
      const body = json('report', report, ...period, '--by-child');
      expect(sortedKeys(body)).toEqual(['division', ...Object.keys(asked), 'rows'].sort());
      expect(body).toMatchObject({ division: 'R', ...asked });
      expect(body.rows.map((r: { division: string }) => r.division).sort()).toEqual(children);
      for (const row of body.rows) {
        expect(sortedKeys(row)).toEqual(['division', ...Object.keys(asked), ...figures].sort());
        expect(row).toMatchObject(asked);
      }
    });

    it('--by-child under --division lists that division\'s own children: a county its townships, a village none', () => {
      const county = tree.find((d) => d.level === 'county')!.code;
      const village = tree.find((d) => d.level === 'village')!.code;
      const ofCounty = json('report', 'clearance', '--year', '2017', '--division', county, '--by-child');
      expect(ofCounty.division).toBe(county);
      expect(ofCounty.rows.map((r: { division: string }) => r.division).sort()).toEqual(tree.filter((d) => d.parentCode === county).map((d) => d.code).sort());
      expect(json('report', 'clearance', '--year', '2017', '--division', village, '--by-child')).toEqual({ division: village, year: 2017, rows: [] });
    });

    it.each([
      [['clearance', '--year', '2018']],
      [['monthly', '--month', '2016-07']],
      [['progress', '--month', '2016-07']],
      [['backlog', '--as-of', '2018-01-01']],
    ])('report %j without --division answers for the root, as --division R does', (args) => {
      expect(json('report', ...args)).toEqual(json('report', ...args, '--division', 'R'));
    });
  });
});
