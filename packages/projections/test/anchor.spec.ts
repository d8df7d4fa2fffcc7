import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventHash, GENESIS_HASH, InMemoryEventStore, sealEvents, SqliteEventStore, type EventMetadata, type EventStore } from '@hearth/event-store';
import { anchorDigest, anchorLog, checkSeal, leafData, merkleRoot, parseAnchor, verifyAnchor, type LogAnchor } from '../src';

const MADE_AT = '2026-11-30T12:00:00.000Z';

/** Appends one event (a stream that is not a household's) to `streamId`. */
const append = async (store: EventStore, streamId: string): Promise<number> => {
  const version = await store.streamVersion(streamId);
  const last = version < 0 ? undefined : (await store.readStream(streamId, { fromVersion: version }))[0];
  const events = sealEvents(last?.metadata.hash ?? GENESIS_HASH, [
    { eventId: `${streamId}-${version + 1}`, type: 'Noted', data: { n: version + 1 }, metadata: { occurredOn: '2026-01-05', recordedAt: '2026-01-05T09:00:00.000Z', actor: 'a', schemaVersion: 1 } },
  ]);
  return (await store.appendToStream(streamId, events, version)).lastPosition;
};

const sha = (...parts: Buffer[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

describe('the Merkle root over stream heads (RFC 6962 with SHA-256)', () => {
  const a = { streamId: 'a', version: 2, hash: 'a'.repeat(64) };
  const b = { streamId: 'b', version: 0, hash: 'b'.repeat(64) };
  const c = { streamId: 'c', version: 7, hash: 'c'.repeat(64) };
  const leaf = (h: typeof a): Buffer => sha(Buffer.from([0]), leafData(h));
  const node = (l: Buffer, r: Buffer): Buffer => sha(Buffer.from([1]), l, r);

  it('encodes a leaf as the JSON array [streamId, version, hash]', () => {
    expect(leafData(a).toString('utf8')).toBe(`["a",2,"${'a'.repeat(64)}"]`);
  });

  it('is SHA-256 of nothing for no stream, the leaf hash for one, and splits at the largest power of two below the count', () => {
    expect(merkleRoot([])).toBe(sha().toString('hex'));
    expect(merkleRoot([a])).toBe(leaf(a).toString('hex'));
    expect(merkleRoot([a, b, c])).toBe(node(node(leaf(a), leaf(b)), leaf(c)).toString('hex'));
  });

  it('sorts the heads by stream id, whatever order they come in, and changes with any version or hash', () => {
    expect(merkleRoot([c, a, b])).toBe(merkleRoot([a, b, c]));
    expect(merkleRoot([a, b, { ...c, version: 8 }])).not.toBe(merkleRoot([a, b, c]));
    expect(merkleRoot([a, b, { ...c, hash: 'd'.repeat(64) }])).not.toBe(merkleRoot([a, b, c]));
  });
});

describe('anchorLog and verifyAnchor', () => {
  let store: InMemoryEventStore;
  let anchor: LogAnchor;
  beforeEach(async () => {
    store = new InMemoryEventStore();
    for (const s of ['b', 'a', 'b', 'c', 'b']) await append(store, s);
    anchor = await anchorLog(store, { madeAt: MADE_AT, pageSize: 2 });
  });

  it("records the head position, the counts, every stream's last version and hash, and a digest", async () => {
    const b = await store.readStream('b', { fromVersion: 2 });
    expect(anchor).toMatchObject({ anchor: 'hearth-log-anchor', format: 1, madeAt: MADE_AT, headPosition: 5, streams: 3, events: 5 });
    expect(anchor.heads.map((h) => [h.streamId, h.version])).toEqual([['a', 0], ['b', 2], ['c', 0]]);
    expect(anchor.heads[1]?.hash).toBe(b[0]?.metadata.hash);
    expect(anchor.merkleRoot).toBe(merkleRoot(anchor.heads));
    expect(anchor.signature).toBeUndefined();
    expect(checkSeal(anchor)).toEqual([]);
    expect(parseAnchor(JSON.parse(JSON.stringify(anchor)))).toEqual({ ok: true, anchor });
  });

  it('passes on the same log, and on a log that has grown since', async () => {
    expect(await verifyAnchor(store, anchor, { pageSize: 2 })).toEqual([]);
    for (const s of ['a', 'd', 'b']) await append(store, s);
    expect(await verifyAnchor(store, anchor, { pageSize: 2 })).toEqual([]);
  });

  it('names an edited statement by its digest, and an inconsistent one by its root', () => {
    const edited = { ...anchor, events: 4 };
    expect(checkSeal(edited)).toEqual([expect.objectContaining({ kind: 'anchor-digest' })]);
    const { digest: _d, ...body } = { ...anchor, heads: anchor.heads.slice(1) };
    expect(checkSeal({ ...body, digest: anchorDigest(body) }).map((p) => p.kind)).toEqual(['anchor-inconsistent', 'anchor-inconsistent']);
  });

  it('signs with an Ed25519 key; a statement changed and re-digested after signing fails the signature', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const signed = await anchorLog(store, { madeAt: MADE_AT, signingKey: privateKey });
    expect(signed.signature).toMatchObject({ algorithm: 'ed25519', publicKey: expect.stringContaining('BEGIN PUBLIC KEY') });
    expect(checkSeal(signed)).toEqual([]);
    const forged = { ...signed, headPosition: 4 };
    expect(checkSeal({ ...forged, digest: anchorDigest(forged) })).toEqual([expect.objectContaining({ kind: 'anchor-signature' })]);
    const { privateKey: rsa } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    await expect(anchorLog(store, { madeAt: MADE_AT, signingKey: rsa })).rejects.toThrow(/Ed25519/);
  });

  it('refuses a statement that is not an anchor, field by field', () => {
    const json = JSON.parse(JSON.stringify(anchor)) as Record<string, unknown>;
    expect(parseAnchor([])).toEqual({ ok: false, problem: 'it is not a JSON object' });
    expect(parseAnchor({ ...json, anchor: 'x' })).toEqual({ ok: false, problem: '"anchor" is not "hearth-log-anchor"' });
    expect(parseAnchor({ ...json, extra: 1 })).toEqual({ ok: false, problem: 'unknown fields: extra' });
    expect(parseAnchor({ ...json, headPosition: -1 })).toEqual({ ok: false, problem: '"headPosition" is not a whole number ≥ 0' });
    expect(parseAnchor({ ...json, heads: [{ streamId: 'a', version: 0, hash: 'xyz' }] })).toEqual({ ok: false, problem: 'heads[0].hash is not 64 lower-case hex digits' });
  });
});

describe('verifyAnchor on a SQLite file edited by hand', () => {
  let dir: string;
  let store: SqliteEventStore;
  let anchor: LogAnchor;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hearth-anchor-'));
    store = SqliteEventStore.open(join(dir, 'events.db'));
    for (const s of ['a', 'b', 'a', 'b', 'a']) await append(store, s);
    anchor = await anchorLog(store, { madeAt: MADE_AT });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("names a stream whose whole chain was recomputed after an edit", async () => {
    const rows = store.db.prepare("SELECT position, event_id, type, data, metadata FROM events WHERE stream_id = 'b' ORDER BY version").all() as { position: number; event_id: string; type: string; data: string; metadata: string }[];
    let prev = GENESIS_HASH;
    for (const row of rows) {
      const data = { ...(JSON.parse(row.data) as object), forged: true };
      const { hash: _h, prevHash: _p, ...rest } = JSON.parse(row.metadata) as EventMetadata;
      const hash = eventHash(prev, { eventId: row.event_id, type: row.type, data, metadata: rest });
      store.db.prepare('UPDATE events SET data = ?, metadata = ? WHERE position = ?').run(JSON.stringify(data), JSON.stringify({ ...rest, prevHash: prev, hash }), row.position);
      prev = hash;
    }
    const findings = await verifyAnchor(store, anchor);
    expect(findings.map((f) => [f.householdId, f.kind])).toEqual([['b', 'anchor-stream-rewritten'], ['(log)', 'anchor-root-mismatch']]);
    expect(findings[0]?.position).toBe(4);
  });

  // An anchor kept outside the store vouches for what it records: it was made over an event edited in place (decision 213).
  it('makes no anchor over an event edited without its hash, nor over a stream with an event removed, naming the event', async () => {
    const edited = store.db.prepare('SELECT data FROM events WHERE position = 2').pluck().get() as string;
    store.db.prepare('UPDATE events SET data = ? WHERE position = 2').run(JSON.stringify({ ...(JSON.parse(edited) as object), forged: true }));
    await expect(anchorLog(store, { madeAt: MADE_AT })).rejects.toMatchObject({ name: 'DamagedEventError', position: 2, streamId: 'b', reason: expect.stringMatching(/hash-mismatch/) });
    store.db.prepare('UPDATE events SET data = ? WHERE position = 2').run(edited);
    await expect(anchorLog(store, { madeAt: MADE_AT })).resolves.toMatchObject({ headPosition: 5, merkleRoot: anchor.merkleRoot });
    store.db.prepare('DELETE FROM events WHERE position = 3').run();
    await expect(anchorLog(store, { madeAt: MADE_AT })).rejects.toMatchObject({ name: 'DamagedEventError', position: 5, streamId: 'a', reason: expect.stringMatching(/version 2 of a stands where version 1 should/) });
  });

  it('makes no anchor over an event re-sealed in an older hash format, which verify names as a format-downgrade', async () => {
    const row = store.db.prepare('SELECT event_id, type, data, metadata FROM events WHERE position = 5').get() as { event_id: string; type: string; data: string; metadata: string };
    const { hash: _hash, prevHash, hashFormat, ...rest } = JSON.parse(row.metadata) as EventMetadata & { hashFormat?: number };
    expect(hashFormat).toBe(2);
    const hash = eventHash(prevHash, { eventId: row.event_id, type: row.type, data: JSON.parse(row.data) as unknown, metadata: rest });
    store.db.prepare('UPDATE events SET metadata = ? WHERE position = 5').run(JSON.stringify({ ...rest, prevHash, hash }));
    await expect(anchorLog(store, { madeAt: MADE_AT })).rejects.toMatchObject({ name: 'DamagedEventError', position: 5, streamId: 'a', reason: expect.stringMatching(/format-downgrade/) });
  });

  it('names the last events removed with the position counter lowered, even once the log grew again', async () => {
    store.db.prepare('DELETE FROM events WHERE position >= 4').run();
    store.db.prepare("UPDATE sqlite_sequence SET seq = 3 WHERE name = 'events'").run();
    expect((await verifyAnchor(store, anchor)).map((f) => [f.householdId, f.kind])).toEqual([
      ['(log)', 'anchor-log-cut'],
      ['a', 'anchor-stream-cut'],
      ['b', 'anchor-stream-cut'],
      ['(log)', 'anchor-log-cut'],
      ['(log)', 'anchor-root-mismatch'],
    ]);
    for (const s of ['c', 'c', 'c']) await append(store, s);
    const kinds = (await verifyAnchor(store, anchor)).map((f) => [f.householdId, f.kind]);
    expect(kinds).toEqual(expect.arrayContaining([['a', 'anchor-stream-cut'], ['b', 'anchor-stream-cut'], ['c', 'anchor-stream-added'], ['(log)', 'anchor-root-mismatch']]));
  });

  it('names a stream moved to an unused id', async () => {
    store.db.prepare("UPDATE events SET stream_id = 'z' WHERE stream_id = 'b'").run();
    expect((await verifyAnchor(store, anchor)).map((f) => [f.householdId, f.kind])).toEqual([
      ['b', 'anchor-stream-cut'],
      ['z', 'anchor-stream-added'],
      ['(log)', 'anchor-root-mismatch'],
    ]);
  });
});
