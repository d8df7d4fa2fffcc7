import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { FileChangedError, regroupCommands } from '../src';
import { registerLine } from './support/one-village';


/** Decision 150, as the import reads: regroup's second read is of the bytes its first read ranked the households of, or nothing is written. */
describe('regrouping a file that changes between its two reads', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'hearth-regroup-changed-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Regroups `source`, running `change` once the first read (the households' ids) has ended; what reached the output. */
  const regroupChangedBetween = async (source: string, change: () => void): Promise<{ error: unknown; written: number }> => {
    let written = 0;
    const out = new Writable({ write: (chunk: Buffer, _e, done) => ((written += chunk.length), done()) });
    let changed = false;
    const error = await regroupCommands({
      source, out, scratchDir: dir,
      onProgress: (p) => {
        if (p.phase === 'scan' && !changed) change();
        changed = true;
      },
    }).then(() => undefined, (e: unknown) => e);
    return { error, written };
  };

  it('refuses a line edited in place (same size, its mtime put back), which only the digest shows, and writes nothing', async () => {
    const source = join(dir, 'log.jsonl');
    writeFileSync(source, [registerLine('b', '2016-01-01'), registerLine('a', '2016-01-02')].join('\n') + '\n');
    // A whole second, so that the time put back is the same to the nanosecond.
    utimesSync(source, 1_000_000_000, 1_000_000_000);
    const { error, written } = await regroupChangedBetween(source, () => {
      writeFileSync(source, [registerLine('b', '2016-01-01'), registerLine('a', '2016-01-03')].join('\n') + '\n');
      utimesSync(source, 1_000_000_000, 1_000_000_000);
    });
    expect(error).toBeInstanceOf(FileChangedError);
    expect((error as Error).message).toMatch(/log\.jsonl changed while it was regrouped: its bytes before offset \d+ are not those hashed; nothing was written to the output/);
    expect(written).toBe(0);
  });

  it('refuses a file appended to between the reads, and writes nothing', async () => {
    const source = join(dir, 'log.jsonl');
    writeFileSync(source, `${registerLine('a', '2016-01-01')}\n`);
    const { error, written } = await regroupChangedBetween(source, () => writeFileSync(source, `${registerLine('b', '2016-01-02')}\n`, { flag: 'a' }));
    expect(error).toBeInstanceOf(FileChangedError);
    expect((error as Error).message).toContain('changed while it was regrouped');
    expect(written).toBe(0);
  });
});
