import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, verifyStream } from '../src';
import * as testing from '../src/testing';
import { finished, runScript } from './support/run-script';

jest.setTimeout(30_000);

describe('SqliteEventStore with writers in separate processes', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hearth-race-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('three processes incrementing one counter at once lose no update', async () => {
    const file = join(dir, 'events.db');
    const perWriter = 100;
    // Create the schema first so that the race is about appends, not about migrating.
    await SqliteEventStore.open(file).close();
    const children = ['p1', 'p2', 'p3'].map((writer) =>
      runScript(join(__dirname, 'fixtures/increment-counter.ts'), [file, writer, String(perWriter)]),
    );
    const runs = Promise.all(children.map(finished));
    await Promise.all(children.map((child) => once(child.stdout, 'data')));
    for (const child of children) child.stdin.end('go\n');
    const results = await runs;
    const summaries = results.map(({ code, stdout, stderr }) => {
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
      return JSON.parse(stdout.slice(stdout.indexOf('\n') + 1)) as { accepted: string[]; conflicts: number; other: number };
    });
    const accepted = summaries.flatMap((s) => s.accepted);
    expect(accepted.length + summaries.reduce((n, s) => n + s.conflicts, 0)).toBe(3 * perWriter);
    expect(summaries.every((s) => s.other === 0)).toBe(true);

    const store = SqliteEventStore.open(file);
    try {
      const stream = await store.readStream(testing.counterStream('c'));
      expect(stream.map((e) => (e.data as { total: number }).total)).toEqual(accepted.map((_, i) => i + 1));
      expect(new Set(stream.map((e) => e.metadata.commandId))).toEqual(new Set(accepted));
      expect(verifyStream(stream)).toEqual({ ok: true });
    } finally {
      await store.close();
    }
  });
});
