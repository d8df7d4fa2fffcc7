import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { referencePolicy } from '@hearth/domain';
import { Ledger } from '@hearth/ledger';
import { SqliteEventStore } from '@hearth/event-store';
import { UnknownDivisionError } from '@hearth/projections';
import { ReadSide } from '../src';
import { identifiedHousehold } from './support/identified-household';
import { recordCommands } from './support/record-commands';

const divisions = [
  { code: 'R', name: 'Region', parentCode: null, level: 'region' },
  { code: 'V1', name: 'Village one', parentCode: 'R', level: 'village' },
  { code: 'V2', name: 'Village two', parentCode: 'R', level: 'village' },
  { code: 'V3', name: 'Village three', parentCode: 'R', level: 'village' },
];
/** V1 merged into V2 on 1 June: its household moves there. */
const merged = { divisions: divisions.filter((d) => d.code !== 'V1'), successors: { V1: 'V2' }, effectiveFrom: '2016-06-01' };

/**
 * `verify --read-models --division D` (docs/decisions/0125): every table row is compared as
 * before, but only the reports of D and the divisions below it, folded from the households
 * ever placed there (a household that moved in counts, one that never did is not folded).
 */
describe('checking the read models of one division', () => {
  let dir: string;
  let ledger: Ledger;
  let side: ReadSide;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hearth-verify-division-'));
    ledger = await Ledger.open({ storeUrl: `sqlite:${join(dir, 'h.db')}`, policy: referencePolicy });
    await ledger.recordDivisionTree(divisions, '2016-01-01');
    await recordCommands(ledger, [...identifiedHousehold('h1', 'V3'), ...identifiedHousehold('h2', 'V2'), ...identifiedHousehold('h3', 'V1')]);
    expect(await ledger.recordDivisionTree(merged, '2016-06-01')).toMatchObject({ right: { moved: 1 } });
    side = await ReadSide.open(ledger);
  });
  afterEach(async () => {
    await side?.close();
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const editCounter = (village: string): void => {
    (ledger.store as SqliteEventStore).db.exec(`UPDATE agg_village_series SET initial = initial + 1 WHERE key = 'stock.identified' AND village = '${village}'`);
  };

  it('compares the reports of that division only, over the whole log’s periods', async () => {
    const whole = await side.verifyReadModels();
    const v2 = await side.verifyReadModels({ division: 'V2' });
    // R and every village ever: V1 held h3 until the merge.
    expect(whole).toMatchObject({ divisions: 4, differenceCount: 0 });
    expect(v2).toMatchObject({ division: 'V2', divisions: 1, periods: whole.periods, rows: whole.rows, differenceCount: 0 });
    expect(v2.reportsCompared).toBe(whole.reportsCompared / 4);
    expect(await side.verifyReadModels({ division: 'R' })).toMatchObject({ division: 'R', divisions: 4, reportsCompared: whole.reportsCompared, differenceCount: 0 });
  });

  it('still finds every edited row, and the figures it changes inside the division', async () => {
    editCounter('V3');
    const outside = await side.verifyReadModels({ division: 'V2' });
    expect(outside.differences.map((d) => d.kind)).toContain('row');
    expect(outside.differences.filter((d) => d.kind === 'report')).toEqual([]);
    expect((await side.verifyReadModels()).differences).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'report', where: 'monthly V3 2016-06' })]));

    editCounter('V2');
    const inside = await side.verifyReadModels({ division: 'V2' });
    expect(inside.differences).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'report', where: 'monthly V2 2016-05', detail: expect.stringContaining('stockAtStart: read model 2, log 1') })]));
    expect(inside.differences.filter((d) => d.kind === 'report' && !d.where.includes(' V2 '))).toEqual([]);
  });

  it('says where it is: reading the log (who was ever in the division, then the fold’s facts), rebuilding, then comparing', async () => {
    const phases = async (division?: string): Promise<string[]> => {
      const seen: string[] = [];
      await side.verifyReadModels({ ...(division ? { division } : {}), onProgress: (p) => (seen.at(-1) === p.phase ? undefined : seen.push(p.phase)) });
      return seen;
    };
    expect(await phases('V2')).toEqual(['households', 'facts', 'rebuild', 'snapshot', 'fold']);
    expect(await phases()).toEqual(['facts', 'rebuild', 'snapshot', 'fold']);
  });

  it('refuses a division the tree does not hold', async () => {
    await expect(side.verifyReadModels({ division: 'V9' })).rejects.toBeInstanceOf(UnknownDivisionError);
  });
});
