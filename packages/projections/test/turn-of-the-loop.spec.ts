import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@hearth/event-store';
import { openProjections } from '../src';
import { feed } from './support/feed';
import { generatedRegion } from './support/generated-region';
import { context, policy, region } from './support/region';

/**
 * Reading the SQLite store resolves without I/O, so a catch-up that never lets the event
 * loop turn starves signals, timers and requests until it ends: a projector's SIGTERM, its
 * status lines, a service's requests. Between two pages the loop turns.
 */
describe('a long catch-up lets the event loop turn between pages', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hearth-loop-turns-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Whether a macrotask queued before the catch-up ran before each of its progress reports. */
  const turnsDuring = async (readModels?: string): Promise<boolean[]> => {
    const store = SqliteEventStore.open(join(dir, 'store.db'), { pollIntervalMs: 60_000 });
    try {
      await feed(store, generatedRegion(6), context);
      const projections = openProjections(store, { policy, divisions: region, ...(readModels ? { readModels } : {}), runner: { batchSize: 5, bulkBatchSize: 5 } });
      let turned = false;
      setImmediate(() => (turned = true));
      const seen: boolean[] = [];
      await projections.runner.catchUp(() => seen.push(turned));
      await projections.close();
      return seen;
    } finally {
      await store.close();
    }
  };

  it('in position order (the store’s own read models)', async () => {
    const seen = await turnsDuring();
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.slice(1)).toContain(true);
  });

  it('stream by stream (a first build of a file of their own)', async () => {
    const seen = await turnsDuring(`sqlite:${join(dir, 'read-models.db')}`);
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.slice(1)).toContain(true);
  });
});
