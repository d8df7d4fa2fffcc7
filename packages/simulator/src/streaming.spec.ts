import { writeRegion } from './index';
import { Collector, Counter } from './testing/collect';

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

  it('can write the log in business-date order for small regions', async () => {
    const byHousehold = new Collector();
    const byDate = new Collector();
    await writeRegion({ households: 200, seed: 9, commandsOut: byHousehold });
    await writeRegion({ households: 200, seed: 9, commandsOut: byDate, order: 'date' });
    const h = byHousehold.text().trimEnd().split('\n');
    const d = byDate.text().trimEnd().split('\n');
    expect([...d].sort()).toEqual([...h].sort());
    const dates = d.map((l) => JSON.parse(l).on as string);
    expect(dates).toEqual([...dates].sort());
    // Stable: within a household the order is the household's own.
    const first = JSON.parse(h[0] as string).householdId as string;
    expect(d.filter((l) => l.includes(`"householdId":"${first}"`))).toEqual(h.filter((l) => l.includes(`"householdId":"${first}"`)));
  });

  it('leaves the streams open when asked to', async () => {
    const commandsOut = new Collector();
    await writeRegion({ households: 5, seed: 1, commandsOut, end: false });
    expect(commandsOut.writableEnded).toBe(false);
    await writeRegion({ households: 5, seed: 1, commandsOut });
    expect(commandsOut.writableFinished).toBe(true);
  });
});
