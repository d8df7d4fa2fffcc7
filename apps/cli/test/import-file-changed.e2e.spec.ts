import { spawnSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, EXAMPLES, exampleLog, hearth, hearthAsync, tempDir, writeLines } from './support/cli';
import { storeDump } from './support/store-dump';

/** Decision 150: `hearth import FILE` of a file still being written. */
describe('hearth import of a file that changes while it is imported', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());
  const storeIn = (name: string) => {
    const store = `sqlite:${join(dir, name)}`;
    expect(hearth(['--store', store, 'divisions', 'load', '--on', '2016-01-01', join(EXAMPLES, 'divisions.json')]).code).toBe(0);
    return store;
  };

  it('stops before its next batch with exit 3 and "stopped": "file-changed"; the finished file run again ends with the events of an uninterrupted import', async () => {
    const lines = exampleLog(400); // 10,400 lines
    const [finished, growing] = [join(dir, 'finished.jsonl'), join(dir, 'growing.jsonl')];
    writeLines(finished, [...lines, ...exampleLog(401).slice(-26)]);
    writeLines(growing, lines);
    const reference = storeIn('reference.db');
    expect(hearth(['--store', reference, 'import', '--quiet', finished]).code).toBe(3); // the example's deliberate mistakes
    const store = storeIn('hearth.db');

    // The writer adds the last household once the import has committed its first batch.
    const child = hearthAsync(['--store', store, '--json', 'import', '--batch-size', '50', growing]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    await new Promise<void>((resolve) =>
      child.stderr.on('data', (d) => {
        stderr += d;
        if (/import: line/.test(stderr)) resolve();
      }),
    );
    appendFileSync(growing, `${exampleLog(401).slice(-26).join('\n')}\n`);
    expect(await exited).toBe(3);
    const stopped = JSON.parse(stdout).stopped;
    expect(stopped).toMatchObject({ reason: 'file-changed', message: expect.stringContaining('changed while it was imported') });
    expect(stopped.committedThroughLine).toBeGreaterThan(0);
    expect(stopped.committedThroughLine).toBeLessThan(lines.length);
    expect(stderr).toMatch(/Import the file again once it is complete/);

    const rerun = hearth(['--store', store, '--json', 'import', '--quiet', growing]);
    expect(rerun.code).toBe(3);
    expect(JSON.parse(rerun.stdout)).toMatchObject({ resumedAfterLine: 0, unchanged: expect.any(Number) });
    const households = (db: string) => storeDump(db.slice('sqlite:'.length)).filter((e) => e.streamId.startsWith('household-'));
    // Each command once: the lines applied before the stop answered unchanged.
    expect(households(store)).toEqual(households(reference));
  });

  it('refuses a pipe with exit 2, where the second read found it drained and applied nothing with exit 0', () => {
    const file = writeLines(join(dir, 'log.jsonl'), exampleLog(1));
    // `hearth import <(zcat log.gz)`: bash hands over a /dev/fd path to a pipe.
    const r = spawnSync('bash', ['-c', 'exec "$0" "$1" --store "$2" import <(cat "$3")', process.execPath, BIN, storeIn('hearth.db'), file], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("not a regular file (a pipe or a device)");
    expect(r.stderr).toContain("standard input with '-'");
  });
});
