import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { anchorDigest } from '@hearth/projections';
import { hearth } from './support/cli';
import { identified, journey } from './support/journey';
import { Server, startServer } from './support/server';
import { TOKENS, WILLOW } from './support/tokens';

describe('GET /api/anchor: the log’s anchor, for auditors to keep outside the store', () => {
  let server: Server;
  const get = (token: string | undefined, path = '/api/anchor') => server.request('GET', path, token === undefined ? {} : { token });
  beforeAll(async () => {
    server = await startServer();
    for (const command of identified('hh-a', WILLOW)) expect((await server.request('POST', '/api/commands', { token: TOKENS.willow, json: command })).status).toBe(201);
  });
  afterAll(() => server.close());

  it('answers an auditor with the anchor of the log now, which `hearth verify --anchor` accepts once the log has grown', async () => {
    const answer = await get(TOKENS.auditor);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ anchor: 'hearth-log-anchor', format: 1, headPosition: 5, streams: 2, events: 5 });
    expect(answer.body.heads.map((h: { streamId: string }) => h.streamId)).toEqual(['divisions', 'household-hh-a']);
    expect(answer.body.digest).toBe(anchorDigest(answer.body));
    const file = join(dirname(server.storePath), 'anchor.json');
    writeFileSync(file, answer.text);
    expect((await server.request('POST', '/api/commands', { token: TOKENS.willow, json: journey('hh-a', WILLOW)[4] })).status).toBe(201);
    const verified = hearth(server.store, ['--json', 'verify', '--anchor', file]);
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ anomalies: [], anchors: [{ file, anomalies: 0 }] });
  });

  it('refuses caseworkers, analysts and callers without a token, and unknown parameters', async () => {
    expect((await get(TOKENS.willow)).body).toMatchObject({ code: 'FORBIDDEN' });
    expect((await get(TOKENS.willow)).status).toBe(403);
    expect((await get(TOKENS.analyst)).status).toBe(403);
    expect((await get(undefined)).status).toBe(401);
    const unknown = await get(TOKENS.auditor, '/api/anchor?signed=true');
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ code: 'INVALID_QUERY' });
  });
});
