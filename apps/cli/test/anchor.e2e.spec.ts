import Database from 'better-sqlite3';
import { generateKeyPairSync } from 'node:crypto';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { referencePolicy } from '@hearth/domain';
import { eventHash, type EventMetadata } from '@hearth/event-store';
import { importCommands, Ledger } from '@hearth/ledger';
import { anchorDigest, type LogAnchor } from '@hearth/projections';
import { EXAMPLES, hearth, tempDir, writeLines, type CliRun } from './support/cli';

jest.setTimeout(120_000);

/**
 * A log anchored outside itself (docs/decisions/0041-log-anchors.md), through the real
 * `hearth` executable on real SQLite files: what plain `verify` cannot see — a stream
 * rewritten with its whole chain recomputed, the log's last events deleted with the
 * position counter lowered — `verify --anchor` names; a log that only grew passes.
 */
interface Finding {
  householdId: string;
  position: number;
  kind: string;
  detail: string;
}
interface Verified {
  anomalies: Finding[];
  anchors?: { file: string; signed: boolean; publicKeySha256?: string; anomalies: number }[];
}

const AT = '2026-01-05T09:00:00.000Z';
const lines = readFileSync(join(EXAMPLES, 'commands.jsonl'), 'utf8').trim().split('\n');

let dir: string;
let cleanup: () => void;
let base: string;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  base = join(dir, 'base.db');
  const ledger = await Ledger.open({ storeUrl: `sqlite:${base}`, policy: referencePolicy, now: () => AT });
  try {
    await ledger.recordDivisionTree(JSON.parse(readFileSync(join(EXAMPLES, 'divisions.json'), 'utf8')), '2016-01-01');
    await importCommands(ledger, { source: writeLines(join(dir, 'commands.jsonl'), lines), now: () => AT });
  } finally {
    await ledger.close();
  }
});
afterAll(() => cleanup());

let cases = 0;
/** A fresh copy of the fixture and an anchor of it made by `hearth anchor --out`. */
const anchored = (env: NodeJS.ProcessEnv = {}): { path: string; anchor: string } => {
  cases += 1;
  const path = join(dir, `case-${cases}.db`);
  copyFileSync(base, path);
  const anchor = join(dir, `anchor-${cases}.json`);
  const made = hearth(['--store', `sqlite:${path}`, 'anchor', '--out', anchor], { env });
  expect(made.stderr).toBe('');
  expect(made.code).toBe(0);
  return { path, anchor };
};

const edit = (path: string, change: (db: Database.Database) => void): void => {
  const db = new Database(path);
  try {
    db.transaction(() => change(db))();
  } finally {
    db.close();
  }
};

const verify = (path: string, ...args: string[]): { run: CliRun; result: Verified } => {
  const run = hearth(['--store', `sqlite:${path}`, '--json', 'verify', ...args]);
  expect(run.stderr).not.toMatch(/\n\s+at |unexpected error/);
  return { run, result: run.code === 0 || run.code === 5 ? (JSON.parse(run.stdout) as Verified) : { anomalies: [] } };
};

describe('hearth anchor and verify --anchor, on real SQLite files', () => {
  it('a log that has only grown since the anchor passes', () => {
    const { path, anchor } = anchored();
    const more = writeLines(join(dir, 'more.jsonl'), [
      '{"type": "RegisterHousehold", "householdId": "hh-003", "on": "2016-03-01", "divisionCode": "P01C01T01V01", "members": [{"memberId": "hh-003-a", "birthYear": 1985}], "actor": "caseworker-3"}',
      '{"type": "RecordFollowUp", "householdId": "hh-001", "on": "2017-03-01", "visitId": "v-9", "findings": "at work", "stillEmployed": true, "laborConcerns": [], "actor": "caseworker-3"}',
    ]);
    expect(hearth(['--store', `sqlite:${path}`, 'import', '--quiet', more]).code).toBe(0);
    const { run, result } = verify(path, '--anchor', anchor);
    expect(result.anomalies).toEqual([]);
    expect(run.code).toBe(0);
    expect(result.anchors).toEqual([expect.objectContaining({ file: anchor, signed: false, anomalies: 0 })]);
    const text = hearth(['--store', `sqlite:${path}`, 'verify', '--anchor', anchor]);
    expect(text.stdout).toContain(`Anchor ${anchor}`);
    expect(text.stdout).toContain('the log extends it');
  });

  it('one stream rewritten with its whole chain recomputed: plain verify passes, verify --anchor names the stream', () => {
    const { path, anchor } = anchored();
    edit(path, (db) => {
      const rows = db.prepare("SELECT position, event_id, type, data, metadata FROM events WHERE stream_id = 'household-hh-001' ORDER BY version").all() as {
        position: number; event_id: string; type: string; data: string; metadata: string;
      }[];
      let prevHash = (JSON.parse((rows[0] as { metadata: string }).metadata) as EventMetadata).prevHash;
      for (const [i, row] of rows.entries()) {
        const { hash: _old, prevHash: _prev, ...rest } = JSON.parse(row.metadata) as EventMetadata;
        const metadata = i === 0 ? { ...rest, note: 'registered by someone else' } : rest;
        const hash = eventHash(prevHash, { eventId: row.event_id, type: row.type, data: JSON.parse(row.data), metadata });
        db.prepare('UPDATE events SET metadata = ? WHERE position = ?').run(JSON.stringify({ ...metadata, prevHash, hash }), row.position);
        prevHash = hash;
      }
    });
    const plain = verify(path);
    expect(plain.run.code).toBe(0);
    expect(plain.result.anomalies).toEqual([]);
    const { run, result } = verify(path, '--anchor', anchor);
    expect(run.code).toBe(5);
    expect(result.anomalies).toEqual([
      expect.objectContaining({ householdId: 'hh-001', kind: 'anchor-stream-rewritten', detail: expect.stringContaining(`anchor ${anchor}`) }),
      expect.objectContaining({ householdId: '(log)', kind: 'anchor-root-mismatch' }),
    ]);
    expect(result.anchors).toEqual([expect.objectContaining({ anomalies: 2 })]);
  });

  it("the log's last events deleted with sqlite_sequence lowered: plain verify passes, verify --anchor names the cut", () => {
    const { path, anchor } = anchored();
    const head = (JSON.parse(readFileSync(anchor, 'utf8')) as LogAnchor).headPosition;
    edit(path, (db) => {
      db.prepare('DELETE FROM events WHERE position > ?').run(head - 3);
      db.prepare("UPDATE sqlite_sequence SET seq = ? WHERE name = 'events'").run(head - 3);
    });
    const plain = verify(path);
    expect(plain.run.code).toBe(0);
    expect(plain.result.anomalies).toEqual([]);
    const { run, result } = verify(path, '--anchor', anchor);
    expect(run.code).toBe(5);
    expect(result.anomalies).toEqual(expect.arrayContaining([
      expect.objectContaining({ householdId: '(log)', kind: 'anchor-log-cut', detail: expect.stringContaining(`the log now ends at position ${head - 3}, before the anchored head position ${head}`) }),
      expect.objectContaining({ householdId: 'hh-002', kind: 'anchor-stream-cut' }),
      expect.objectContaining({ kind: 'anchor-root-mismatch' }),
    ]));
  });

  it('a signed anchor verifies; changed and re-digested after signing it fails the signature; a key other than the trusted one is named', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const keyFile = join(dir, 'anchor-key.pem');
    writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    const trusted = join(dir, 'anchor-key.pub.pem');
    writeFileSync(trusted, publicKey.export({ type: 'spki', format: 'pem' }));
    const { path, anchor } = anchored({ HEARTH_ANCHOR_KEY_FILE: keyFile });

    const good = verify(path, '--anchor', anchor, '--anchor-public-key', trusted);
    expect(good.run.code).toBe(0);
    expect(good.result.anchors).toEqual([expect.objectContaining({ signed: true, publicKeySha256: expect.stringMatching(/^[0-9a-f]{64}$/), anomalies: 0 })]);

    const statement = JSON.parse(readFileSync(anchor, 'utf8')) as LogAnchor;
    // Backdated: the log still extends it, only the signature can tell.
    const forged = { ...statement, madeAt: '2026-01-01T00:00:00.000Z' };
    const forgedFile = join(dir, 'forged.json');
    writeFileSync(forgedFile, JSON.stringify({ ...forged, digest: anchorDigest(forged) }));
    const bad = verify(path, '--anchor', forgedFile);
    expect(bad.run.code).toBe(5);
    expect(bad.result.anomalies).toEqual([expect.objectContaining({ householdId: '(anchor)', kind: 'anchor-signature', detail: expect.stringContaining('the signature does not match the statement') })]);

    const other = generateKeyPairSync('ed25519').publicKey;
    const otherFile = join(dir, 'other.pub.pem');
    writeFileSync(otherFile, other.export({ type: 'spki', format: 'pem' }));
    const untrusted = verify(path, '--anchor', anchor, '--anchor-public-key', otherFile);
    expect(untrusted.run.code).toBe(5);
    expect(untrusted.result.anomalies).toEqual([expect.objectContaining({ kind: 'anchor-signature', detail: expect.stringContaining('not the trusted key') })]);
  });

  it('a file that is not an anchor is exit 2 with one line; an existing --out file is never overwritten', () => {
    const { path, anchor } = anchored();
    const notJson = join(dir, 'not-json.json');
    writeFileSync(notJson, '{"anchor": ');
    const notAnchor = join(dir, 'not-anchor.json');
    writeFileSync(notAnchor, JSON.stringify({ ...(JSON.parse(readFileSync(anchor, 'utf8')) as object), heads: 'none' }));
    for (const [file, message] of [[notJson, 'is not JSON'], [notAnchor, '"heads" is not an array'], [join(dir, 'absent.json'), 'cannot read']] as const) {
      const r = hearth(['--store', `sqlite:${path}`, 'verify', '--anchor', anchor, file]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toEqual([expect.stringContaining(message)]);
    }
    const before = readFileSync(anchor, 'utf8');
    const again = hearth(['--store', `sqlite:${path}`, 'anchor', '--out', anchor]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/exists already/);
    expect(readFileSync(anchor, 'utf8')).toBe(before);
  });

  it('prints the anchor on stdout without --out, the same statement a file would hold', () => {
    const { path, anchor } = anchored();
    const printed = hearth(['--store', `sqlite:${path}`, 'anchor']);
    expect(printed.code).toBe(0);
    const now = JSON.parse(printed.stdout) as LogAnchor;
    const kept = JSON.parse(readFileSync(anchor, 'utf8')) as LogAnchor;
    expect({ ...now, madeAt: '', digest: '' }).toEqual({ ...kept, madeAt: '', digest: '' });
    expect(now.digest).toBe(anchorDigest(now));
    expect(printed.stderr).toContain(`digest         ${now.digest}`);
  });
});
