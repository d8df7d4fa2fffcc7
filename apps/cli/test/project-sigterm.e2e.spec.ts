import { join } from 'node:path';
import { checkpointPositions } from '@hearth/projections/testing';
import { exampleStore, signalledWhen, tempDir } from './support/cli';

const number = (s: string | undefined): number => Number((s ?? '').replace(/,/g, ''));

/** Where `hearth project` said it stopped (`stopped · position P`), and the head its first progress line named. */
const stoppedAt = (stderr: string): { position: number; head: number } => {
  const stopped = /stopped · position ([\d,]+)/.exec(stderr);
  const head = /catching up: .*(?:of|up to position) ([\d,]+)/.exec(stderr);
  if (!stopped || !head) throw new Error(`no "stopped" or progress line in:\n${stderr}`);
  return { position: number(stopped[1]), head: number(head[1]) };
};

/**
 * `hearth project` stops on SIGTERM after the page being written (docs/cli.md). Reading the
 * SQLite store resolves without I/O, so a catch-up that never let the event loop turn heard
 * the signal only once the whole log was read: at the full region, an hour later.
 */
describe('hearth project stopped by SIGTERM during its catch-up', () => {
  let dir: string;
  let cleanup: () => void;
  let store: string;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    store = exampleStore(dir);
  });
  afterEach(() => cleanup());

  it("in position order (the store's own read models): stops after the page being written, its checkpoints short of the head", async () => {
    const ended = await signalledWhen(['--store', store, 'project', '--status-every', '60'], /catching up: [\d,]+ events · position/, 'SIGTERM');
    expect(ended.code).toBe(0);
    const { position, head } = stoppedAt(ended.stderr);
    expect(position).toBeGreaterThan(0);
    expect(position).toBeLessThan(head);
    expect(new Set(checkpointPositions(join(dir, 'store.db')))).toEqual(new Set([position]));
  });

  it('stream by stream (a new file of its own): stops after the page being read, leaving the file at zero', async () => {
    const file = join(dir, 'read-models.db');
    const ended = await signalledWhen(['--store', store, 'project', '--read-models', `sqlite:${file}`, '--status-every', '60'], /read stream by stream/, 'SIGTERM');
    expect(ended.code).toBe(0);
    const { position, head } = stoppedAt(ended.stderr);
    expect(position).toBe(0);
    expect(head).toBeGreaterThan(20_000);
    expect(checkpointPositions(file)).toEqual([0, 0, 0, 0]);
  });
});
