import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { Division, DivisionHistory, DIVISIONS_STREAM, referencePolicy } from '@hearth/domain';
import { AppendSizeLimitError, DEFAULT_MAX_APPEND_SIZE, eventSizeOnDisk } from '@hearth/event-store-esdb';
import * as testing from '@hearth/event-store-esdb/testing';
import { importCommands, Ledger } from '@hearth/ledger';
import { generateDivisions, generateHouseholdCommands } from '@hearth/simulator';
import { hearthAsync, tempDir } from './support/cli';

/**
 * Issue 8: a region whose division tree is over a server's 1 MiB append limit as one event
 * is recorded in parts (docs/decisions/0056), on SQLite and on KurrentDB (the stand-in,
 * with its default limit), reads back as the same trees, moves households on a
 * reorganisation and verifies cleanly; a store holding today's one-event form of the same
 * tree reads back the same; the same tree again appends nothing.
 */
const REGION = { households: 700_000, seed: 8 };
const HOUSEHOLDS = 40; // imported: enough to live in the first villages, and to be moved
const divisions: Division[] = generateDivisions(REGION);
const first = divisions.find((d) => d.level === 'village') as Division;
const successor: Division = { ...first, code: `${first.code}N`, name: `${first.name} (merged)` };
const reorganised = { divisions: [...divisions.filter((d) => d.code !== first.code), successor], successors: { [first.code]: successor.code }, effectiveFrom: '2021-01-01' };

/** What an auditor compares of two histories: each tree's date, divisions (in order) and successors. */
const trees = (h: DivisionHistory) => h.trees.map((t) => ({ effectiveFrom: t.effectiveFrom, divisions: t.tree.all, successors: t.successors }));

const EXPECTED_TREES = [
  { effectiveFrom: '2016-01-01', divisions, successors: {} },
  { effectiveFrom: '2021-01-01', divisions: reorganised.divisions, successors: reorganised.successors },
];

const writeLog = (dir: string): string => {
  const file = join(dir, 'log.jsonl');
  writeFileSync(file, Array.from({ length: HOUSEHOLDS }, (_, i) => generateHouseholdCommands(REGION, i).map((c) => JSON.stringify(c)).join('\n')).join('\n'));
  return file;
};

/**
 * Records the tree, imports, reorganises; then a fresh ledger (default settings) reads the
 * trees back and records the tree in force again, which appends nothing. Returns what it read.
 */
const recordRegion = async (storeUrl: string, log: string, partBytes?: number): Promise<DivisionHistory> => {
  const ledger = await Ledger.open({ storeUrl, policy: referencePolicy, ...(partBytes !== undefined ? { divisionTreePartBytes: partBytes } : {}) });
  try {
    const recorded = await ledger.recordDivisionTree(divisions, '2016-01-01');
    expect(E.isRight(recorded) && recorded.right).toMatchObject({ changed: true, divisions: divisions.length });
    const once = await ledger.store.streamVersion(DIVISIONS_STREAM);
    const again = await ledger.recordDivisionTree([...divisions].reverse(), '2016-01-01');
    expect(E.isRight(again) && again.right).toMatchObject({ changed: false, moved: 0 });
    expect(await ledger.store.streamVersion(DIVISIONS_STREAM)).toBe(once);
    expect((await importCommands(ledger, { source: log })).accepted).toBeGreaterThan(HOUSEHOLDS);
    const moved = await ledger.recordDivisionTree(reorganised, '2021-01-01');
    if (E.isLeft(moved)) throw new Error(JSON.stringify(moved.left));
    expect(moved.right.moved).toBeGreaterThan(0);
  } finally {
    await ledger.close();
  }
  const reopened = await Ledger.open({ storeUrl, policy: referencePolicy });
  try {
    expect(reopened.divisionsInForce?.all).toEqual(reorganised.divisions);
    const history = reopened.divisionHistory;
    const version = await reopened.store.streamVersion(DIVISIONS_STREAM);
    const again = await reopened.recordDivisionTree(reorganised, '2021-01-01');
    expect(E.isRight(again) && again.right).toMatchObject({ changed: false, moved: 0 });
    expect(await reopened.store.streamVersion(DIVISIONS_STREAM)).toBe(version);
    return history;
  } finally {
    await reopened.close();
  }
};

const divisionEvents = async (storeUrl: string) => {
  const ledger = await Ledger.open({ storeUrl, policy: referencePolicy });
  try {
    return await ledger.store.readStream(DIVISIONS_STREAM);
  } finally {
    await ledger.close();
  }
};

/** The real executable, run without blocking this process (the stand-in answers from it). */
const hearthRun = (args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    const child = hearthAsync(args);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => (stdout += d));
    child.stderr?.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });

const verifiesCleanly = async (storeUrl: string): Promise<void> => {
  const verified = await hearthRun(['--store', storeUrl, '--json', 'verify']);
  expect({ code: verified.code, out: verified.code === 0 ? '' : `${verified.stdout.slice(0, 3000)}${verified.stderr.slice(0, 3000)}` }).toEqual({ code: 0, out: '' });
  expect(JSON.parse(verified.stdout)).toMatchObject({ anomalies: [] });
};

describe('a division tree over 1 MiB as one event (issue 8)', () => {
  let dir: string;
  let cleanup: () => void;
  let log: string;
  let server: Awaited<ReturnType<typeof testing.startEsdbStandIn>>;
  beforeAll(async () => {
    ({ dir, cleanup } = tempDir());
    log = writeLog(dir);
    server = await testing.startEsdbStandIn();
  });
  afterAll(async () => {
    await server.close();
    cleanup();
  });

  it('is generated over the limit as one event', () => {
    expect(Buffer.byteLength(JSON.stringify({ divisions }))).toBeGreaterThan(DEFAULT_MAX_APPEND_SIZE);
  });

  it('records in parts on SQLite, every event well under the limit, and verifies', async () => {
    const url = `sqlite:${join(dir, 'parts.db')}`;
    expect(trees(await recordRegion(url, log))).toEqual(EXPECTED_TREES);
    const events = await divisionEvents(url);
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(['DivisionTreePartRecorded']));
    expect(events.length).toBeGreaterThanOrEqual(10);
    expect(Math.max(...events.map((e) => eventSizeOnDisk(e)))).toBeLessThan(DEFAULT_MAX_APPEND_SIZE / 3);
    await verifiesCleanly(url);
  }, 300_000);

  it('moves from SQLite onto KurrentDB with hearth migrate, each part its own append', async () => {
    const target = await testing.startEsdbStandIn();
    try {
      const migrated = await hearthRun(['--json', 'migrate', '--quiet', '--from', `sqlite:${join(dir, 'parts.db')}`, '--to', target.url]);
      expect({ code: migrated.code, out: migrated.code === 0 ? '' : `${migrated.stdout.slice(0, 3000)}${migrated.stderr.slice(0, 3000)}` }).toEqual({ code: 0, out: '' });
      const reopened = await Ledger.open({ storeUrl: target.url, policy: referencePolicy });
      try {
        expect(trees(reopened.divisionHistory)).toEqual(EXPECTED_TREES);
      } finally {
        await reopened.close();
      }
    } finally {
      await target.close();
    }
  }, 300_000);

  it('records the same through KurrentDB (the stand-in, 1 MiB append limit), reads back the same trees, and verifies', async () => {
    const history = await recordRegion(server.url, log);
    expect(trees(history)).toEqual(EXPECTED_TREES);
    const events = await divisionEvents(server.url);
    expect(events.length).toBeGreaterThanOrEqual(10);
    expect(Math.max(...events.map((e) => eventSizeOnDisk(e)))).toBeLessThan(DEFAULT_MAX_APPEND_SIZE / 3);
    await verifiesCleanly(server.url);
  }, 300_000);

  it('as one event, would be refused by the server before anything is sent', async () => {
    const other = await testing.startEsdbStandIn();
    try {
      const ledger = await Ledger.open({ storeUrl: other.url, policy: referencePolicy, divisionTreePartBytes: 64 * 1024 * 1024 });
      try {
        await expect(ledger.recordDivisionTree(divisions, '2016-01-01')).rejects.toBeInstanceOf(AppendSizeLimitError);
        expect(await ledger.store.streamVersion(DIVISIONS_STREAM)).toBe(-1);
      } finally {
        await ledger.close();
      }
    } finally {
      await other.close();
    }
  }, 120_000);

  it('reads a store holding today\'s one-event trees back as the same trees, adds nothing to it, and verifies', async () => {
    const url = `sqlite:${join(dir, 'single.db')}`;
    // What every earlier version wrote: one DivisionTreeRecorded per tree, whatever its size.
    const history = await recordRegion(url, log, 64 * 1024 * 1024);
    expect((await divisionEvents(url)).map((e) => e.type)).toEqual(['DivisionTreeRecorded', 'DivisionTreeRecorded']);
    expect(trees(history)).toEqual(EXPECTED_TREES);
    await verifiesCleanly(url);
  }, 300_000);
});
