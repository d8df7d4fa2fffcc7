import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const WORKER = join(__dirname, 'race-worker.ts');

/** A long-lived `race-worker.ts` process: send it a request, get its exit code back. */
export class RaceWorker {
  private readonly child: ChildProcess;
  private readonly pending = new Map<string, (code: number) => void>();
  private buffered = '';
  private next = 0;
  /** Everything the worker wrote to stderr (progress lines, and any failure). */
  stderr = '';

  constructor(readonly name: string, storeUrl: string) {
    this.child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), WORKER, storeUrl], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout?.on('data', (chunk: Buffer) => {
      this.buffered += chunk.toString();
      const lines = this.buffered.split('\n');
      this.buffered = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^@@ (\S+) (\d+)$/.exec(line);
        if (!m) continue;
        this.pending.get(m[1] as string)?.(Number(m[2]));
        this.pending.delete(m[1] as string);
      }
    });
    this.child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
  }

  /** Sends `request` (e.g. `cli report clearance --year 2018`) and resolves with its exit code. */
  request(request: string): Promise<number> {
    const id = `${this.name}-${++this.next}`;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.child.stdin?.write(`${id} ${request}\n`);
    });
  }

  /** Closes its stdin (it then closes its store and exits); resolves once it has exited. */
  stop(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      this.child.once('exit', () => resolve());
      this.child.stdin?.end();
    });
  }
}

/** mulberry32: a small seeded generator, so that a failing round can be replayed with the same offsets. */
export const seededRandom = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};
