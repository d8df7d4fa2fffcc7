import { eventHash, type EventMetadata } from '@hearth/event-store';
import { hearth } from './support/cli';
import { appendForged, expectNoCrash, readSide, rowOf, run, setMetadata, tamperedStores, verify, type Finding, type Row } from './support/tampered-stores';

jest.setTimeout(120_000);

/**
 * A hostile tester's forgeries in a real SQLite file: events written behind the ledger's back
 * with the documented hash recomputed, each checked against the real `hearth` executable:
 * `verify` replays them through the Decider and names them (exit 5), or the case is one that
 * its `--help` lists as undetectable without an anchor.
 */
const stores = tamperedStores();

describe('events forged with a chain that checks out: seen by the real executable', () => {
  it('a stored division tree edited into one that is no tree: verify lists it, every other command names it in one line, exit 5 (decisions 13 and 180)', () => {
    let row!: Row;
    const path = stores.tampered((db) => {
      row = rowOf(db, "stream_id = 'divisions' AND version = 0");
      const tree = JSON.parse(row.data) as { divisions: { code: string; parentCode: string | null }[] };
      // A village under a township no tree holds: still a DivisionTreeRecorded by its shape.
      const village = tree.divisions.find((d) => d.code === 'P01C01T01V01');
      if (!village) throw new Error('no P01C01T01V01 in the example tree');
      village.parentCode = 'P01C01T99';
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(JSON.stringify(tree), row.position);
    });
    // verify is what names it: it reads on past the tree, lists it first (the earliest position) and says why.
    const found = verify(path);
    expect(found.code).toBe(5);
    // The edit breaks the hash (not recomputed here) and leaves no tree; households placed in its villages then follow.
    expect(found.anomalies.slice(0, 2)).toEqual([
      { householdId: 'divisions', position: row.position, kind: 'hash-break', detail: expect.any(String) },
      { householdId: 'divisions', position: row.position, kind: 'rejected', detail: expect.stringMatching(/^DivisionTreeRecorded: not a valid division tree \(.*P01C01T99/) },
    ]);
    const table = run(path, 'verify');
    expect(table.code).toBe(5);
    expect(table.stdout).toMatch(new RegExp(`divisions\\s+│?\\s*${row.position}\\b.*rejected.*not a valid division tree`));
    for (const args of [['history', 'hh-001'], ['report', 'backlog', '--as-of', '2018-03-01']]) {
      const r = run(path, ...args);
      expectNoCrash(r);
      // Not exit 2, "cannot open store": the store opens; what it holds was edited.
      expect(r.code).toBe(5);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`position ${row.position}\\b.*divisions.*not a valid division tree.*P01C01T99.*hearth verify`))]);
    }
  });

  it('a stored division tree whose data no longer decodes: verify lists it as invalid-event, where it once told to run verify (decision 180)', () => {
    let row!: Row;
    const path = stores.tampered((db) => {
      row = rowOf(db, "stream_id = 'divisions' AND version = 0");
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(JSON.stringify({ ...(JSON.parse(row.data) as object), edited: true }), row.position);
    });
    const found = verify(path);
    expect(found.code).toBe(5);
    expect(found.anomalies).toContainEqual({ householdId: 'divisions', position: row.position, kind: 'invalid-event', detail: expect.stringMatching(/^DivisionTreeRecorded: not a valid division tree \(.*edited/) });
    expect(found.anomalies.every((a) => a.position >= row.position)).toBe(true);
  });

  it('a division tree appended behind the Decider\'s back that drops a village where an open household still is: an anomaly', () => {
    // The ledger refuses such a tree, or moves the household with it (decision 15); forged here with a correct chain.
    const path = stores.tampered((db) => {
      const tree = rowOf(db, "stream_id = 'divisions' AND version = (SELECT max(version) FROM events WHERE stream_id = 'divisions')");
      const { divisions } = JSON.parse(tree.data) as { divisions: { code: string }[] };
      appendForged(db, tree, { eventId: '01a24556-f6ae-7000-908e-b13ac6510bff', type: 'DivisionTreeRecorded', data: { divisions: divisions.filter((d) => d.code !== 'P01C01T01V01') }, occurredOn: '2026-01-06', recordedAt: '2026-01-06T10:00:00.000Z' });
    });
    const { code, anomalies } = verify(path);
    expect(code).toBe(5);
    // hh-001 (registered in P01C01T01V01) has no event after the tree: no replay of its own meets it.
    expect(anomalies).toEqual([expect.objectContaining({ householdId: 'hh-001', kind: 'stranded-household', detail: expect.stringContaining('P01C01T01V01') })]);
    readSide(path);
  });

  it('a division tree appended behind the ledger\'s back that moves a township under another county: an anomaly, not figures of the past re-rolled in silence', () => {
    // divisions load refuses it: a code keeps its place for ever (decision 15), so that reports of earlier periods stand.
    let position!: number;
    const path = stores.tampered((db) => {
      const tree = rowOf(db, "stream_id = 'divisions' AND version = (SELECT max(version) FROM events WHERE stream_id = 'divisions')");
      const { divisions } = JSON.parse(tree.data) as { divisions: { code: string; name: string; parentCode: string | null; level: string }[] };
      const moved = [...divisions.map((d) => (d.code === 'P01C01T01' ? { ...d, parentCode: 'P01C02' } : d)), { code: 'P01C02', name: 'Forged County', parentCode: 'P01', level: 'county' }];
      position = appendForged(db, tree, { eventId: '01a24556-f6ae-7000-908e-b13ac6510c01', type: 'DivisionTreeRecorded', data: { divisions: moved }, occurredOn: '2026-01-06', recordedAt: '2026-01-06T10:00:00.000Z' });
    });
    expect(verify(path)).toEqual({ code: 5, anomalies: [expect.objectContaining({ householdId: 'divisions', position, kind: 'rejected', detail: expect.stringContaining('P01C01T01') })] });
    readSide(path);
  });

  it('a clearance appended behind the Decider\'s back, chain recomputed: verify and the household\'s own history name it', () => {
    const path = stores.tampered((db) => {
      const last = rowOf(db, "stream_id = 'household-hh-001' AND version = (SELECT max(version) FROM events WHERE stream_id = 'household-hh-001')");
      appendForged(db, last, { eventId: '01a24556-f6ae-7000-908e-b13ac6510c00', type: 'HouseholdCleared', data: { activeEmploymentIds: ['no-such-job'] }, occurredOn: '2025-12-31', recordedAt: '2026-01-07T10:00:00.000Z' });
    });
    const found = verify(path);
    expect(found).toEqual({ code: 5, anomalies: [expect.objectContaining({ householdId: 'hh-001', kind: 'rejected' })] });
    // Every hash of the timeline matches; the history said nothing else before it replayed the stream.
    const json = run(path, '--json', 'history', 'hh-001');
    expect(json.code).toBe(0);
    const timeline = JSON.parse(json.stdout) as { events: { hashOk: boolean }[]; anomalies: Finding[] };
    expect(timeline.events.every((e) => e.hashOk)).toBe(true);
    expect(timeline.anomalies).toEqual(found.anomalies);
    const text = run(path, 'history', 'hh-001');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`1 anomaly in the stream[^\\n]*\\n[\\s\\S]*${found.anomalies[0]?.position}\\s+rejected`));
    expect(run(stores.base, 'history', 'hh-001').stdout).toMatch(/Every event of the stream replays through the rules/);
  });

  it('a consistent rewrite of a stream\'s last event passes, and --help says that only an anchor shows it', () => {
    const path = stores.tampered((db) => {
      const row = rowOf(db, "stream_id = 'household-hh-001' AND version = (SELECT max(version) FROM events WHERE stream_id = 'household-hh-001')");
      const m = JSON.parse(row.metadata) as EventMetadata;
      const forged = { ...m, note: 'rewritten with the hashes recomputed' };
      const hash = eventHash(m.prevHash, { eventId: (db.prepare('SELECT event_id FROM events WHERE position = ?').pluck().get(row.position) as string), type: row.type, data: JSON.parse(row.data), metadata: forged });
      setMetadata(db, row, () => ({ ...forged, hash }));
    });
    expect(verify(path)).toEqual({ code: 0, anomalies: [] });
    const help = hearth(['verify', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/recomputes? (the|every) hash/);
    expect(help.stdout).toMatch(/hearth anchor/);
    readSide(path);
  });
});
