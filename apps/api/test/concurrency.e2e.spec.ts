import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hearth } from './support/cli';
import { identified } from './support/journey';
import { writerInAnotherProcess } from './support/other-writer';
import { Server, startServer } from './support/server';
import { TOKENS, WILLOW } from './support/tokens';

const WRITERS = 40;
const OTHER = 300;

const referral = (referralId: string) => ({
  type: 'ReferToJob', householdId: 'hh-busy', on: '2016-05-02', referralId, memberId: 'hh-busy-a',
  employer: 'Cooperative', position: 'Seamstress', place: 'local', form: 'enterprise', offeredMonthlyWage: 2600,
});

describe('dozens of concurrent HTTP writers to one household', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer();
    for (const command of identified('hh-busy', WILLOW)) expect((await server.request('POST', '/api/commands', { token: TOKENS.willow, json: command })).status).toBe(201);
  });
  afterAll(() => server.close());

  it('loses no update, answers only 201, 409 or 422, and leaves a log that verifies', async () => {
    // Every writer refers the same member; HTTP writers 2k and 2k+1 send the same referral (an idempotent pair),
    // while a writer in another process appends to the same stream, one command at a time.
    const file = join(server.storePath, '..', 'referrals.jsonl');
    writeFileSync(file, Array.from({ length: OTHER }, (_, i) => JSON.stringify(referral(`other-${i}`))).join('\n'));
    const other = writerInAnotherProcess(server.store, file);
    await other.started;
    const httpReferral = (i: number) => referral(`r-${Math.floor(i / 2)}`);
    const answers = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) => server.request('POST', '/api/commands', { token: TOKENS.willow, json: httpReferral(i) })),
    );
    const { code, summary } = await other.done;
    expect(code).toBe(0);
    expect(summary['accepted']).toBe(OTHER);
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s !== 201 && s !== 409 && s !== 422)).toEqual([]);

    const appended = answers.filter((a) => a.status === 201 && !a.body.unchanged);
    const history = await server.request('GET', '/api/households/hh-busy', { token: TOKENS.auditor });
    const all = history.body.events.filter((e: { type: string }) => e.type === 'MemberReferred');
    expect(all.filter((e: { data: { referralId: string } }) => e.data.referralId.startsWith('other-'))).toHaveLength(OTHER);
    const referred = all.filter((e: { data: { referralId: string } }) => !e.data.referralId.startsWith('other-'));
    // No lost update: every answer that says it appended is in the log, at the position it named, and nothing else is.
    expect(referred.length).toBe(appended.length);
    expect(new Set(referred.map((e: { position: number }) => e.position))).toEqual(new Set(appended.map((a) => a.body.appended[0].position)));
    // Each referral id is in the log at most once, and every id some writer was told was accepted (new or repeat) is there.
    const ids = referred.map((e: { data: { referralId: string } }) => e.data.referralId);
    expect(new Set(ids).size).toBe(ids.length);
    const acknowledged = new Set(answers.flatMap((a, i) => (a.status === 201 ? [httpReferral(i).referralId] : [])));
    expect(new Set(ids)).toEqual(acknowledged);
    expect(appended.length).toBeGreaterThan(0);

    await server.stop();
    const verify = hearth(server.store, ['--json', 'verify']);
    expect(verify.stderr).toBe('');
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout).anomalies).toEqual([]);
  });
});
