import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { referencePolicy } from '@hearth/domain';
import { importCommands, Ledger } from '@hearth/ledger';
import { EXAMPLES, hearth, tempDir } from './support/cli';

jest.setTimeout(120_000);

/**
 * A bulk import of past records makes a late-recording notice of every event; `verify`'s
 * table lists the first `--notices` and counts the rest without holding them all
 * (docs/performance/full-region.md, "The full region"), and `--json` still lists every one.
 */
describe('hearth verify after an import of past records', () => {
  const { dir, cleanup } = tempDir();
  const store = join(dir, 'h.db');
  afterAll(() => cleanup());

  beforeAll(async () => {
    // The examples are of 2016; recorded in 2026, every event is years late.
    const ledger = await Ledger.open({ storeUrl: `sqlite:${store}`, policy: referencePolicy, now: () => '2026-01-05T09:00:00.000Z' });
    try {
      await ledger.recordDivisionTree(JSON.parse(readFileSync(join(EXAMPLES, 'divisions.json'), 'utf8')), '2016-01-01');
      await importCommands(ledger, { source: join(EXAMPLES, 'commands.jsonl'), now: () => '2026-01-05T09:00:00.000Z' });
    } finally {
      await ledger.close();
    }
  });

  it('counts every notice, lists the earliest --notices, and --json lists all', () => {
    const json = hearth(['--store', `sqlite:${store}`, '--json', 'verify']);
    expect(json.code).toBe(0);
    const document = JSON.parse(json.stdout) as { notices: { position: number; kind: string }[]; noticesFound: number };
    const all = document.notices;
    expect(all.length).toBeGreaterThan(3);
    expect(document.noticesFound).toBe(all.length);
    expect(all.every((n) => n.kind === 'late-recording')).toBe(true);

    const table = hearth(['--store', `sqlite:${store}`, 'verify', '--notices', '2']);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(`0 anomalies, ${all.length} notices.`);
    expect(table.stdout).toContain(`… and ${all.length - 2} more notices (--json lists all).`);
    const listed = table.stdout.split('\n').filter((l) => l.includes('late-recording'));
    expect(listed.map((l) => Number(l.trim().split(/\s+/)[1]))).toEqual(all.slice(0, 2).map((n) => n.position));
  });

  it('refuses a --notices that is not a whole number', () => {
    const r = hearth(['--store', `sqlite:${store}`, 'verify', '--notices', 'many']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--notices must be a whole number');
  });
});
