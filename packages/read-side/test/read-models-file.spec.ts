import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { HouseholdCommand, referencePolicy } from '@hearth/domain';
import { Ledger } from '@hearth/ledger';
import { ReadModelsAheadOfLogError, ReadModelsOfAnotherLogError, ReadModelsUrlError } from '@hearth/projections';
import { Projector, ReadSide } from '../src';

const divisions = [
  { code: 'R', name: 'Region', parentCode: null, level: 'region' },
  { code: 'V1', name: 'Village', parentCode: 'R', level: 'village' },
];

const register = (id: string): HouseholdCommand =>
  ({ type: 'RegisterHousehold', householdId: id, on: '2016-01-10', divisionCode: 'V1', members: [{ memberId: 'm1', birthYear: 1980 }] }) as HouseholdCommand;

const tables = (path: string): string[] => {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[]);
  } finally {
    db.close();
  }
};

describe('read models in a file of their own (docs/decisions/0058)', () => {
  let dir: string;
  let ledger: Ledger;
  const record = async (l: Ledger, ids: string[]) => {
    for (const id of ids) expect((await l.commandHandler().handle(register(id), l.context())).status).toBe('accepted');
  };
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hearth-read-models-file-'));
    ledger = await Ledger.open({ storeUrl: `sqlite:${join(dir, 'store.db')}`, policy: referencePolicy });
    await ledger.recordDivisionTree(divisions, '2016-01-01');
    await record(ledger, ['h1', 'h2']);
  });
  afterEach(async () => {
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps them in that file, not in the SQLite store's, and says where they live", async () => {
    const embedded = await ReadSide.open(ledger, { catchUp: false });
    expect(embedded.where).toBe("the store's database");
    await embedded.close();
    const file = join(dir, 'sub', 'read-models.db');
    const side = await ReadSide.open(ledger, { readModels: `sqlite:${file}` });
    try {
      expect(side.where).toBe(file);
      expect(side.reports.clearanceReport({ year: 2016 })).toMatchObject({ baseline: 0, stockAtEnd: 0 });
      expect(await side.read((r) => r.monthlyReport({ month: '2016-01' }))).toMatchObject({ division: 'R' });
    } finally {
      await side.close();
    }
    expect(tables(file)).toEqual(expect.arrayContaining(['projection_checkpoints', 'read_model_source']));
    expect(tables(join(dir, 'store.db'))).not.toContain('read_model_source');
  });

  it('refuses a file built from another log, and a location that is not sqlite:PATH, writing nothing', async () => {
    const file = `sqlite:${join(dir, 'read-models.db')}`;
    await (await ReadSide.open(ledger, { readModels: file })).close();
    const other = await Ledger.open({ storeUrl: 'memory:', policy: referencePolicy });
    try {
      await other.recordDivisionTree(divisions, '2016-01-01');
      await expect(ReadSide.open(other, { readModels: file })).rejects.toBeInstanceOf(ReadModelsOfAnotherLogError);
      await expect(ReadSide.open(other, { readModels: 'postgres://db/x' })).rejects.toBeInstanceOf(ReadModelsUrlError);
      const memory = await ReadSide.open(other, { catchUp: false });
      expect(memory.where).toBe('memory');
      await memory.close();
    } finally {
      await other.close();
    }
  });

  it("refuses another store's file as read models, with or without events, leaving its own read models as they were; takes the store's own file and a copy of it", async () => {
    const otherFile = join(dir, 'other.db');
    const other = await Ledger.open({ storeUrl: `sqlite:${otherFile}`, policy: referencePolicy });
    const empty = await Ledger.open({ storeUrl: `sqlite:${join(dir, 'empty.db')}`, policy: referencePolicy });
    try {
      await other.recordDivisionTree(divisions, '2016-01-01');
      await record(other, ['o1', 'o2', 'o3']);
      const own = await ReadSide.open(other);
      const before = own.reports.clearanceReport({ year: 2016 });
      await own.close();
      const rowsOf = () => new Database(otherFile, { readonly: true }).prepare('SELECT * FROM projection_checkpoints ORDER BY name').all();
      const checkpoints = rowsOf();

      const opening = ReadSide.open(ledger, { readModels: `sqlite:${otherFile}` });
      await expect(opening).rejects.toBeInstanceOf(ReadModelsOfAnotherLogError);
      await expect(opening).rejects.toThrow(`${otherFile} is another store's file`);
      await expect(ReadSide.open(ledger, { readModels: `sqlite:${join(dir, 'empty.db')}` })).rejects.toThrow('(the first event of its log is none yet');
      expect(rowsOf()).toEqual(checkpoints);
      expect(tables(otherFile)).not.toContain('read_model_source');
      const again = await ReadSide.open(other);
      expect(again.reports.clearanceReport({ year: 2016 })).toEqual(before);
      await again.close();
    } finally {
      await other.close();
      await empty.close();
    }

    const copy = join(dir, 'copy.db');
    const db = new Database(join(dir, 'store.db'));
    db.exec(`VACUUM INTO '${copy}'`);
    db.close();
    await record(ledger, ['h3']);
    for (const file of [join(dir, 'store.db'), copy]) {
      const side = await ReadSide.open(ledger, { readModels: `sqlite:${file}` });
      expect(side.reports.clearanceReport({ year: 2016 })).toMatchObject({ division: 'R' });
      await side.close();
    }
  });

  it('refuses a file that has taken in more of the log than the store holds (the store restored from a backup), writing nothing', async () => {
    const backup = join(dir, 'backup.db');
    const copy = new Database(join(dir, 'store.db'));
    copy.exec(`VACUUM INTO '${backup}'`);
    copy.close();
    await record(ledger, ['h3']);
    const file = `sqlite:${join(dir, 'read-models.db')}`;
    const side = await ReadSide.open(ledger, { readModels: file });
    expect(side.reports.clearanceReport({ year: 2016 })).toMatchObject({ division: 'R' });
    await side.close();
    const restored = await Ledger.open({ storeUrl: `sqlite:${backup}`, policy: referencePolicy });
    try {
      const head = await restored.store.headPosition();
      const opening = ReadSide.open(restored, { readModels: file });
      await expect(opening).rejects.toBeInstanceOf(ReadModelsAheadOfLogError);
      await expect(opening).rejects.toThrow(`but the log now ends at position ${head}`);
    } finally {
      await restored.close();
    }
  });

  it('a projector catches up, follows live, and stops with its checkpoint at what it applied', async () => {
    const readModels = `sqlite:${join(dir, 'read-models.db')}`;
    const states: string[] = [];
    const projector = await Projector.start(ledger, { readModels, onStatus: (s) => states.push(s.state) });
    await projector.waitFor(await ledger.store.headPosition());
    await record(ledger, ['h3']);
    const head = await ledger.store.headPosition();
    await projector.waitFor(head);
    expect(projector.status()).toMatchObject({ position: head, restarts: 0, lastError: null });
    await projector.stop();
    expect(projector.status()).toMatchObject({ state: 'stopped', position: head });
    expect(states[0]).toBe('catching-up');
    expect(states).toContain('live');
    await expect(projector.waitFor(head + 1)).rejects.toThrow(/stopped/);
    const side = await ReadSide.open(ledger, { readModels, catchUp: false });
    try {
      expect(side.position()).toBe(head);
    } finally {
      await side.close();
    }
  });
});
