import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { EXAMPLES, hearth, tempDir, writeLines } from './support/cli';

/**
 * A store written before hash format 2: every event sealed as the code then did, with
 * domain.md §4's formula over type, data, occurredOn and actor, and no `hashFormat`.
 * The formula is written out here, not imported, so that this test pins the old format.
 */
const GENESIS = '0'.repeat(64);

const canonical = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null)
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(value);
};

const formatOneHash = (prevHash: string, type: string, data: unknown, occurredOn: string, actor: string): string =>
  createHash('sha256').update(prevHash + canonical({ type, data, occurredOn, actor })).digest('hex');

/** Re-seals every stream of the file in format 1, as a store of the old code would hold it. */
const resealInFormatOne = (path: string): number => {
  const db = new Database(path);
  try {
    const rows = db.prepare('SELECT position, stream_id, type, data, metadata FROM events ORDER BY stream_id, version').all() as {
      position: number; stream_id: string; type: string; data: string; metadata: string;
    }[];
    const update = db.prepare('UPDATE events SET metadata = ? WHERE position = ?');
    const previous = new Map<string, string>();
    db.transaction(() => {
      for (const row of rows) {
        const { hashFormat: _format, ...metadata } = JSON.parse(row.metadata) as Record<string, unknown> & { occurredOn: string; actor: string };
        const prevHash = previous.get(row.stream_id) ?? GENESIS;
        const hash = formatOneHash(prevHash, row.type, JSON.parse(row.data), metadata.occurredOn, metadata.actor);
        update.run(JSON.stringify({ ...metadata, prevHash, hash }), row.position);
        previous.set(row.stream_id, hash);
      }
    })();
    return rows.length;
  } finally {
    db.close();
  }
};

describe('a store sealed before hash format 2', () => {
  let dir: string;
  let cleanup: () => void;
  let path: string;
  const run = (...args: string[]) => hearth(['--store', `sqlite:${path}`, ...args]);
  const anomalies = () => {
    const r = run('--json', 'verify');
    return { code: r.code, anomalies: (JSON.parse(r.stdout) as { anomalies: { position: number; kind: string }[] }).anomalies };
  };

  beforeAll(() => {
    ({ dir, cleanup } = tempDir());
    path = join(dir, 'old.db');
    run('divisions', 'load', join(EXAMPLES, 'divisions.json'));
    run('import', '--quiet', join(EXAMPLES, 'commands.jsonl'));
    expect(resealInFormatOne(path)).toBeGreaterThan(20);
  });
  afterAll(() => cleanup());

  it('verifies, and format 1 still shows an edit of what it covers', () => {
    expect(anomalies()).toEqual({ code: 0, anomalies: [] });
    const db = new Database(join(dir, 'old.db'));
    const copy = join(dir, 'edited.db');
    db.prepare('VACUUM INTO ?').run(copy);
    db.close();
    const edited = new Database(copy);
    const row = edited.prepare("SELECT position, data FROM events WHERE type = 'MemberEmployed' AND stream_id = 'household-hh-001'").get() as { position: number; data: string };
    edited.prepare('UPDATE events SET data = ? WHERE position = ?').run(row.data.replace('2600', '9600'), row.position);
    edited.close();
    const r = hearth(['--store', `sqlite:${copy}`, '--json', 'verify']);
    expect(r.code).toBe(5);
    expect(JSON.parse(r.stdout).anomalies).toEqual([expect.objectContaining({ position: row.position, kind: 'hash-break' })]);
  });

  it('takes new events in format 2 onto its format 1 chains, and the mixed streams verify', () => {
    const more = writeLines(join(dir, 'more.jsonl'), [
      '{"type": "RecordFollowUp", "householdId": "hh-001", "on": "2017-03-20", "visitId": "v-9", "findings": "still at the cooperative", "stillEmployed": true, "laborConcerns": [], "actor": "caseworker-7"}',
    ]);
    const imported = run('--json', 'import', '--quiet', more);
    expect(JSON.parse(imported.stdout)).toMatchObject({ accepted: 1, rejected: [] });
    const db = new Database(path, { readonly: true });
    const formats = (db.prepare("SELECT metadata FROM events WHERE stream_id = 'household-hh-001' ORDER BY version").pluck().all() as string[]).map(
      (m) => (JSON.parse(m) as { hashFormat?: number }).hashFormat ?? 1,
    );
    db.close();
    expect(formats.at(-1)).toBe(2);
    expect(new Set(formats.slice(0, -1))).toEqual(new Set([1]));
    expect(anomalies()).toEqual({ code: 0, anomalies: [] });
    expect(run('report', 'backlog', '--as-of', '2018-03-01').code).toBe(0);
  });
});
