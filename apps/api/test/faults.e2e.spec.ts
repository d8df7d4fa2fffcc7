import Database from 'better-sqlite3';
import { HEARTH_LEDGER } from '@hearth/nest';
import type { Ledger } from '@hearth/ledger';
import { hearth } from './support/cli';
import { identified, journey } from './support/journey';
import { Answer, Server, startServer } from './support/server';
import { TOKENS, WILLOW } from './support/tokens';

/** Asks until `done` holds (each answer is a state, not a timing; the test's timeout bounds the wait). */
const until = async (ask: () => Promise<Answer>, done: (a: Answer) => boolean): Promise<Answer> => {
  for (;;) {
    const a = await ask();
    if (done(a)) return a;
    await new Promise((r) => setTimeout(r, 50));
  }
};

const eventCount = (path: string): number => {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM events').pluck().get() as number;
  } finally {
    db.close();
  }
};

describe('store faults', () => {
  let server: Server;
  beforeEach(async () => {
    server = await startServer();
    for (const c of identified('hh-f', WILLOW)) expect((await server.request('POST', '/api/commands', { token: TOKENS.willow, json: c })).status).toBe(201);
  });
  afterEach(() => server.close());

  it('a store locked by another process: after SQLite\'s bounded wait, 503 STORE_BUSY with Retry-After, nothing written; then 201', async () => {
    const [, , , , refer] = journey('hh-f', WILLOW);
    const before = eventCount(server.storePath);
    const other = new Database(server.storePath);
    other.pragma('busy_timeout = 10000');
    other.prepare('BEGIN IMMEDIATE').run();
    let answer: Answer;
    let batch: Answer;
    try {
      answer = await server.request('POST', '/api/commands', { token: TOKENS.willow, json: refer });
      batch = await server.request('POST', '/api/commands/batch', { token: TOKENS.willow, json: [refer] });
    } finally {
      other.prepare('ROLLBACK').run();
      other.close();
    }
    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({ code: 'STORE_BUSY' });
    expect(Number(answer.retryAfter)).toBeGreaterThanOrEqual(1);
    // In a batch, the command's own answer says so.
    expect(batch.status).toBe(200);
    expect(batch.body).toEqual([{ status: 503, body: expect.objectContaining({ code: 'STORE_BUSY' }), retryAfterSeconds: Number(answer.retryAfter) }]);
    expect(batch.retryAfter).toBe(answer.retryAfter);
    expect(eventCount(server.storePath)).toBe(before);
    expect((await server.request('POST', '/api/commands', { token: TOKENS.willow, json: refer })).status).toBe(201);
    expect(eventCount(server.storePath)).toBe(before + 1);
  });

  it('a full disk: 507 STORAGE_FULL with nothing half-written; once there is room the same command is accepted, and verify passes', async () => {
    // SQLite's own limit on the file's size stands in for a full disk: the same SQLITE_FULL, the same rollback.
    const db = (server.app.get<Ledger>(HEARTH_LEDGER).store as unknown as { db: Database.Database }).db;
    const referral = (i: number) => ({ ...journey('hh-f', WILLOW)[4], referralId: `r-${i}`, note: `${i} `.padEnd(500, 'x') });
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    let full: { i: number; answer: Answer; head: number; history: unknown } | undefined;
    try {
      // Commands until the file has no free page left (each answer is 201 until then).
      for (let i = 0; full === undefined && i < 500; i++) {
        const head = eventCount(server.storePath);
        const history = (await server.request('GET', '/api/households/hh-f', { token: TOKENS.auditor })).body;
        const answer = await server.request('POST', '/api/commands', { token: TOKENS.willow, json: referral(i) });
        if (answer.status !== 201) full = { i, answer, head, history };
      }
    } finally {
      db.pragma('max_page_count = 1073741823');
    }
    if (!full) throw new Error('the file never filled up');
    expect(full.answer.status).toBe(507);
    expect(full.answer.body).toMatchObject({ code: 'STORAGE_FULL' });
    // Nothing of it was written: the log and the household's history are as before the command.
    expect(eventCount(server.storePath)).toBe(full.head);
    expect((await server.request('GET', '/api/households/hh-f', { token: TOKENS.auditor })).body).toEqual(full.history);
    const accepted = await server.request('POST', '/api/commands', { token: TOKENS.willow, json: referral(full.i) });
    expect(accepted.status).toBe(201);
    expect(accepted.body.appended).toHaveLength(1);
    // The read models (which may have hit the limit too) follow the log again.
    await until(() => server.request('GET', '/health'), (a) => a.status === 200 && a.body.behind === 0);
    await server.stop();
    expect(hearth(server.store, ['--json', 'verify']).code).toBe(0);
  });

  it('the live projection runner fails: /health is 503 with the error while it restarts from its checkpoint, then 200 with the restart counted', async () => {
    const health = () => server.request('GET', '/health');
    expect((await health()).body.readModels).toEqual({ live: true, restarts: 0, lastError: null });
    // Another process writes an event the read models cannot decode: the live runner stops on it.
    const other = new Database(server.storePath);
    try {
      other
        .prepare('INSERT INTO events (stream_id, version, event_id, type, data, metadata) VALUES (?, 0, ?, ?, ?, ?)')
        .run('household-hh-bad', 'bad-event', 'HouseholdRegistered', '{}', '{}');
      const degraded = await until(health, (a) => a.status === 503);
      expect(degraded.body).toMatchObject({ store: 'ok', live: false, readModels: { live: false, restarts: 0 } });
      expect(degraded.body.readModels.lastError.message).toMatch(/position \d+ \(stream household-hh-bad\) is damaged/);
      // The event goes (as a repair would remove it): the next restart succeeds.
      other.prepare("DELETE FROM events WHERE event_id = 'bad-event'").run();
    } finally {
      other.close();
    }
    const healthy = await until(health, (a) => a.status === 200);
    expect(healthy.body.readModels).toMatchObject({ live: true, lastError: { message: expect.stringMatching(/position \d+ \(stream household-hh-bad\) is damaged/) } });
    expect(healthy.body.readModels.restarts).toBeGreaterThanOrEqual(1);
    // It follows the log again: a new command is counted without any query catching up.
    const [, , , , refer] = journey('hh-f', WILLOW);
    const appended = await server.request('POST', '/api/commands', { token: TOKENS.willow, json: refer });
    const position = appended.body.appended[0].position as number;
    const caught = await until(health, (a) => a.body.position >= position);
    expect(caught.body).toMatchObject({ behind: 0, live: true });
  });
});
