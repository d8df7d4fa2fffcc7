/**
 * The seal alone, for two checkouts of this repository alternated in one process: the
 * household events a real import decides (the region's file imported into an in-memory
 * store by the first checkout's ledger; the first COUNT events captured as appended, their
 * data the domain's own objects, in the domain's key order), each sealed onto the prevHash
 * it was sealed onto, then its stored texts read and flattened (`Buffer.byteLength`, as
 * the SQLite bind does). Checks first that both checkouts give the same hash and the same
 * stored texts for every event; then CPU an event (`process.cpuUsage()`, medians of the
 * rounds, the two alternated) and, when run with `--expose-gc`, the young-generation bytes
 * a seal allocates (new space before and after 5,000 seals, no collection between).
 *
 *   node --expose-gc --max-semi-space-size=64 --import tsx apps/bench/src/writes/seal-cpu.ts REGION_DIR COUNT ROUNDS ROOT OTHER_ROOT
 *
 * REGION_DIR holds one `region-N-1.jsonl` and its `region-N-1-divisions.json`. A measuring
 * aid for docs/performance/writes.md, not part of `npm test`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getHeapSpaceStatistics } from 'node:v8';
import { cpuClock, median } from '../harness';
import { treeModule } from '../tree-module';

interface Event {
  eventId: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
}
interface Seal {
  readonly sealEvents: (prevHash: string, events: readonly Event[]) => Event[];
  readonly storedText: (event: Event) => { dataJson: string; metadataJson: string };
}

const sealOf = async (root: string): Promise<Seal> => {
  const chain = treeModule<Pick<Seal, 'sealEvents'>>(root, 'packages/event-store/src/hash-chain');
  const text = treeModule<Pick<Seal, 'storedText'>>(root, 'packages/event-store/src/sealed-text');
  return { sealEvents: chain.sealEvents, storedText: text.storedText };
};

/** The first `count` household events a real import of the region's file seals, as they were before sealing. */
const capture = async (root: string, regionDir: string, count: number): Promise<{ prevHash: string; event: Event }[]> => {
  const files = readdirSync(regionDir);
  const commands = files.find((f) => /^region-\d+-\d+\.jsonl$/.test(f));
  const divisions = files.find((f) => /^region-\d+-\d+-divisions\.json$/.test(f));
  if (commands === undefined || divisions === undefined) throw new Error(`no region files in ${regionDir}`);
  const { referencePolicy } = treeModule<{ referencePolicy: unknown }>(root, 'packages/domain/src/index');
  const { Ledger, importCommands } = treeModule<{
    Ledger: { open(o: { storeUrl: string; policy: unknown }): Promise<{ store: { appendBatch(a: readonly { streamId: string; events: readonly Event[] }[]): Promise<unknown> }; recordDivisionTree(t: unknown, on: string): Promise<unknown> }> };
    importCommands(ledger: unknown, opts: { source: string; batchSize: number }): Promise<unknown>;
  }>(root, 'packages/ledger/src/index');
  const ledger = await Ledger.open({ storeUrl: 'memory:', policy: referencePolicy });
  await ledger.recordDivisionTree(JSON.parse(readFileSync(join(regionDir, divisions), 'utf8')) as unknown, '2015-12-31');
  const captured: { prevHash: string; event: Event }[] = [];
  const store = ledger.store;
  const appendBatch = store.appendBatch.bind(store);
  store.appendBatch = (appends) => {
    for (const a of appends) {
      if (!a.streamId.startsWith('household-')) continue;
      for (const e of a.events) {
        if (captured.length === count) break;
        const { prevHash, hash: _hash, hashFormat: _format, ...metadata } = e.metadata;
        captured.push({ prevHash: prevHash as string, event: { eventId: e.eventId, type: e.type, data: e.data, metadata } });
      }
    }
    return appendBatch(appends);
  };
  await importCommands(ledger, { source: join(regionDir, commands), batchSize: 1000 });
  return captured;
};

const sealAll = (seal: Seal, events: readonly { prevHash: string; event: Event }[], upTo = events.length): number => {
  let bytes = 0;
  for (let i = 0; i < upTo; i++) {
    const { prevHash, event } = events[i] as { prevHash: string; event: Event };
    const text = seal.storedText(seal.sealEvents(prevHash, [event])[0] as Event);
    bytes += Buffer.byteLength(text.dataJson) + Buffer.byteLength(text.metadataJson);
  }
  return bytes;
};

const main = async (): Promise<void> => {
  const [regionDir, countArg, roundsArg, ...roots] = process.argv.slice(2);
  if (regionDir === undefined || roots.length !== 2) throw new Error('usage: seal-cpu.ts REGION_DIR COUNT ROUNDS ROOT OTHER_ROOT');
  const events = await capture(roots[0] as string, regionDir, Number(countArg ?? 30_000));
  const seals = await Promise.all(roots.map(sealOf));
  for (const { prevHash, event } of events) {
    const [a, b] = seals.map((s) => s.sealEvents(prevHash, [event])[0] as Event);
    const [ta, tb] = seals.map((s, i) => s.storedText((i === 0 ? a : b) as Event));
    if (a?.metadata['hash'] !== b?.metadata['hash'] || ta?.dataJson !== tb?.dataJson || ta?.metadataJson !== tb?.metadataJson)
      throw new Error(`the checkouts seal event ${event.eventId} differently`);
  }
  const gc = (globalThis as { gc?: () => void }).gc;
  const newSpace = (): number => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_used_size ?? 0;
  const allocated = seals.map((seal) => {
    if (gc === undefined) return null;
    sealAll(seal, events, 5000);
    gc();
    const before = newSpace();
    sealAll(seal, events, 5000);
    return Math.round((newSpace() - before) / Math.min(5000, events.length));
  });
  const us = seals.map(() => [] as number[]);
  for (let round = 0; round < Number(roundsArg ?? 15); round++) {
    for (const i of round % 2 === 0 ? [0, 1] : [1, 0]) {
      const before = cpuClock();
      sealAll(seals[i] as Seal, events);
      us[i]?.push((1000 * (cpuClock() - before)) / events.length);
    }
  }
  process.stdout.write(
    `${JSON.stringify({
      events: events.length,
      sides: roots.map((root, i) => ({ root, medianUs: median(us[i] as number[]), minUs: Math.min(...(us[i] as number[])), bytesPerSeal: allocated[i] })),
    })}\n`,
  );
};

void main();
