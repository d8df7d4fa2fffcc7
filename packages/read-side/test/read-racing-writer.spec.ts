import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HouseholdCommand, referencePolicy } from '@hearth/domain';
import type { FeedEvent, ReadAllOptions } from '@hearth/event-store';
import { testEvents } from '@hearth/event-store/testing';
import { Ledger } from '@hearth/ledger';
import { ReadSide } from '../src';
import { identifiedHousehold } from './support/identified-household';
import { recordCommands } from './support/record-commands';

const divisions = [
  { code: 'R', name: 'Region', parentCode: null, level: 'region' },
  { code: 'V1', name: 'Village', parentCode: 'R', level: 'village' },
];

/**
 * The pages the writer keeps full: a catch-up that chases it reads one more than this (the
 * short page after the writer stops), one that stops at the head it started from reads one.
 */
const WRITER_PAGES = 20;

/**
 * A writer faster than the read models (decision 163): every time the runner reads a page of
 * the log, another process appends a whole page of events first (on a stream no projection
 * reads, so each page costs the runner little), so every page the runner reads comes back
 * full, for WRITER_PAGES pages.
 */
describe('a read while a writer appends faster than the read models take events in', () => {
  let dir: string;
  let ledger: Ledger;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hearth-racing-writer-'));
    ledger = await Ledger.open({ storeUrl: `sqlite:${join(dir, 'h.db')}`, policy: referencePolicy });
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const record = (commands: HouseholdCommand[]) => recordCommands(ledger, commands);

  /** Counts the pages read; before each of the first WRITER_PAGES, appends `maxCount` events to a stream of their own. */
  const racingWriter = () => {
    const store = ledger.store;
    const readFeed = store.readFeed?.bind(store);
    if (!readFeed) throw new Error('the SQLite store reads a feed');
    let pages = 0;
    jest.spyOn(store, 'readFeed').mockImplementation(async (opts: ReadAllOptions = {}): Promise<FeedEvent[]> => {
      pages++;
      if (pages <= WRITER_PAGES) await store.appendToStream(`racing-writer-${pages}`, testEvents(opts.maxCount ?? 1), 'no_stream');
      return readFeed(opts);
    });
    return { pages: () => pages };
  };

  /**
   * A read side opened on one household, then a second recorded (which the read models have not
   * taken in) and the writer started: `f` gets the side, the head before the writer, and the writer.
   */
  const behindTheWriter = async (f: (side: ReadSide, head: number, writer: { pages(): number }) => Promise<void>) => {
    await ledger.recordDivisionTree(divisions, '2016-01-01');
    await record(identifiedHousehold('h1'));
    const side = await ReadSide.open(ledger);
    try {
      await record(identifiedHousehold('h2'));
      const head = await ledger.store.headPosition();
      await f(side, head, racingWriter());
    } finally {
      await side.close();
    }
  };

  it('answers at the head it read when it started, after one page, with what the caller appended just before', async () => {
    await behindTheWriter(async (side, head, writer) => {
      const { value, position } = await side.readStanding((reports) => reports.clearanceReport({ year: 2016 }));
      expect(value).toMatchObject({ division: 'R', baseline: 2 });
      expect(position).toBeGreaterThanOrEqual(head);
      // The chase read WRITER_PAGES + 1 pages: every one the writer filled, then the short one after it stopped.
      expect(writer.pages()).toBe(1);
    });
  });

  it('opens caught up to the head it read when opened, not to where the writer got to', async () => {
    await ledger.recordDivisionTree(divisions, '2016-01-01');
    await record(identifiedHousehold('h1'));
    const head = await ledger.store.headPosition();
    const writer = racingWriter();
    const side = await ReadSide.open(ledger);
    try {
      expect(side.position()).toBeGreaterThanOrEqual(head);
      expect(side.reports.clearanceReport({ year: 2016 })).toMatchObject({ baseline: 1 });
      expect(writer.pages()).toBe(1);
    } finally {
      await side.close();
    }
  });

  it('follows live after catching up to the head it read at start: a read asked meanwhile, queued behind that catch-up, waits for no more', async () => {
    await behindTheWriter(async (side, head, writer) => {
      // The follower's catch-up goes first in the runner's queue; the read's own (at most one page more) after it.
      const following = side.follow();
      const read = side.readStanding((reports) => reports.clearanceReport({ year: 2016 }));
      await following;
      const { value, position } = await read;
      expect(value).toMatchObject({ baseline: 2 });
      expect(position).toBeGreaterThanOrEqual(head);
      expect(writer.pages()).toBeLessThanOrEqual(2);
    });
  });

  it('checks the read models at the position its catch-up stopped at, without chasing the writer', async () => {
    await behindTheWriter(async (side, head, writer) => {
      const checked = await side.verifyReadModels();
      expect(checked.differences).toEqual([]);
      expect(checked.position).toBeGreaterThanOrEqual(head);
      expect(checked.position).toBe(side.position());
      // Below where the writer has got to: the check's own reads of the log (the fold, the scratch rebuild) let it write on.
      expect(writer.pages()).toBeGreaterThan(1);
      expect(checked.position).toBeLessThan(await ledger.store.headPosition());
    });
  });
});
