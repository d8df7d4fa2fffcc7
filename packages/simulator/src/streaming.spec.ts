import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { writeRegion } from './index';
import { Collector, Counter, HeapWatcher } from './testing/collect';

describe('writeRegion', () => {
  it('streams a large region without holding it in memory', async () => {
    const commandsOut = new Counter();
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    const progress: number[] = [];
    const summary = await writeRegion({
      households: 20_000,
      seed: 42,
      commandsOut,
      progressEvery: 1000,
      onProgress: (p) => {
        progress.push(p.households);
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      },
    });
    expect(summary.commands).toBe(commandsOut.lines);
    expect(summary.bytes).toBe(commandsOut.bytes);
    // The log is hundreds of megabytes; the generator's heap must not grow with it.
    expect(commandsOut.bytes).toBeGreaterThan(150_000_000);
    expect(peak - before).toBeLessThan(100_000_000);
    expect(progress).toHaveLength(20);
    expect(progress[progress.length - 1]).toBe(20_000);
  }, 120_000);

  it('waits for a slow consumer (backpressure)', async () => {
    const commandsOut = new Collector(true, 1 << 14);
    await writeRegion({ households: 300, seed: 1, commandsOut });
    // A writer that ignored 'drain' would pile the whole log into the stream's buffer.
    expect(commandsOut.maxBuffered).toBeLessThan(1 << 20);
    expect(commandsOut.text().length).toBeGreaterThan(1 << 20);
  });

  it('can write the log in business-date order: the household-order log sorted by date, ties in household order', async () => {
    const byHousehold = new Collector();
    const byDate = new Collector();
    const scratchDir = mkdtempSync(join(tmpdir(), 'hearth-date-order-'));
    try {
      await writeRegion({ households: 300, seed: 9, commandsOut: byHousehold });
      await writeRegion({ households: 300, seed: 9, commandsOut: byDate, order: 'date', scratchDir });
      const h = byHousehold.text().trimEnd().split('\n');
      const d = byDate.text().trimEnd().split('\n');
      const dateOf = (line: string): string => JSON.parse(line).on as string;
      // Array.prototype.sort is stable: equal dates keep the household order's order.
      expect(d).toEqual([...h].sort((a, b) => (dateOf(a) < dateOf(b) ? -1 : dateOf(a) > dateOf(b) ? 1 : 0)));
      // The log spans years, so it went through several span files, all removed once written.
      expect(new Set(d.map((l) => dateOf(l).slice(0, 7))).size).toBeGreaterThan(12);
      expect(readdirSync(scratchDir)).toEqual([]);
    } finally {
      rmSync(scratchDir, { recursive: true, force: true });
    }
  });

  it('writes a large region in date order without holding its log in memory', async () => {
    const commandsOut = new HeapWatcher();
    const before = commandsOut.heapNow();
    const summary = await writeRegion({ households: 10_000, seed: 42, commandsOut, order: 'date' });
    expect(summary.commands).toBe(commandsOut.lines);
    expect(commandsOut.bytes).toBeGreaterThan(100_000_000);
    // Sorting the whole log in memory held every line at once: hundreds of megabytes here.
    expect(commandsOut.peakHeap - before).toBeLessThan(60_000_000);
  }, 180_000);

  it('removes its scratch files when the log cannot be written', async () => {
    const scratchDir = mkdtempSync(join(tmpdir(), 'hearth-date-order-'));
    try {
      const broken = new Writable({ write: (_chunk, _enc, cb) => cb(new Error('disk full')) });
      broken.on('error', () => undefined);
      await expect(writeRegion({ households: 300, seed: 9, commandsOut: broken, order: 'date', scratchDir })).rejects.toThrow();
      expect(readdirSync(scratchDir)).toEqual([]);
    } finally {
      rmSync(scratchDir, { recursive: true, force: true });
    }
  });

  it('leaves the streams open when asked to', async () => {
    const commandsOut = new Collector();
    await writeRegion({ households: 5, seed: 1, commandsOut, end: false });
    expect(commandsOut.writableEnded).toBe(false);
    await writeRegion({ households: 5, seed: 1, commandsOut });
    expect(commandsOut.writableFinished).toBe(true);
  });
});
