import type { INestApplication } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { referencePolicy } from '@hearth/domain';
import { Ledger } from '@hearth/ledger';
import { startEsdbStandIn, type EsdbStandIn } from '@hearth/event-store-esdb/testing';
import { join } from 'node:path';
import { createApp } from '../src/app';
import { EXAMPLES } from './support/server';
import { TOKEN_ENTRIES, TOKENS, WILLOW } from './support/tokens';

jest.setTimeout(30_000);

/**
 * A command the body limit lets through can record an event over a KurrentDB server's
 * append limit (1 MiB by default, counted over data and metadata: a body of 1,048,570 bytes
 * recorded a 1,048,867-byte HouseholdSurveyed), where SQLite stores it. The adapter refuses
 * such an append before sending it (AppendSizeLimitError); the service answered that 500
 * INTERNAL, "a bug", for a refusal that is the input's size and stores nothing.
 */
describe('a command whose event is over the store\'s append limit (KurrentDB)', () => {
  let server: EsdbStandIn;
  let app: INestApplication;
  let url: string;
  const post = async (path: string, json: unknown) => {
    const res = await fetch(`${url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${TOKENS.willow}`, 'content-type': 'application/json' }, body: JSON.stringify(json) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const register = (householdId: string, members: number) => ({
    type: 'RegisterHousehold',
    householdId,
    on: '2016-02-01',
    divisionCode: WILLOW,
    members: Array.from({ length: members }, (_, i) => ({ memberId: `${householdId}-member-${String(i).padStart(40, '0')}`, birthYear: 1980 })),
  });

  beforeAll(async () => {
    // A small limit stands for the 1 MiB one: the same rule, without megabyte bodies.
    server = await startEsdbStandIn({ maxAppendSize: 3000 });
    const store = `${server.url}&maxAppendSize=3000`;
    const ledger = await Ledger.open({ storeUrl: store, policy: referencePolicy });
    await ledger.recordDivisionTree(JSON.parse(readFileSync(join(EXAMPLES, 'divisions.json'), 'utf8')), '2016-01-01');
    await ledger.close();
    app = await createApp({ store, tokens: TOKEN_ENTRIES, logger: false });
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(async () => {
    await app.close();
    await server.close();
  });

  it('answers 413 PAYLOAD_TOO_LARGE naming the limit, and appends nothing', async () => {
    const before = server.size;
    const answer = await post('/api/commands', register('hh-large', 40));
    expect(answer).toMatchObject({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/over the store's append limit of 3000 bytes; nothing was appended/) } });
    expect(server.size).toBe(before);
    expect(await post('/api/commands', register('hh-small', 2))).toMatchObject({ status: 201 });
  });

  it('answers the same for that command inside a batch, the others decided as usual', async () => {
    const answer = await post('/api/commands/batch', [register('hh-b1', 1), register('hh-b2', 40), register('hh-b3', 1)]);
    expect(answer.status).toBe(200);
    expect((answer.body as unknown as { status: number; body: { code?: string } }[]).map((a) => [a.status, a.body.code])).toEqual([
      [201, undefined],
      [413, 'PAYLOAD_TOO_LARGE'],
      [201, undefined],
    ]);
  });
});
