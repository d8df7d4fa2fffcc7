import { hearth } from './support/cli';
import { exampleCommands } from './support/example-commands';
import { Server, startServer } from './support/server';
import { TOKENS } from './support/tokens';

interface Notice {
  readonly householdId: string;
  readonly position: number;
  readonly kind: string;
  readonly detail: string;
}

/**
 * The audit's notices over HTTP a page at a time (docs/decisions/0073): the example log is
 * sent today with business dates in 2016, so every event is a late-recording notice, as
 * after a bulk import of past records.
 */
describe('GET /api/verify and /api/verify/notices: every notice, never all in one answer', () => {
  let server: Server;
  let cliNotices: Notice[];
  beforeAll(async () => {
    server = await startServer();
    const commands = exampleCommands();
    expect((await server.request('POST', '/api/commands/batch', { token: TOKENS.township, json: commands })).status).toBe(200);
    const cli = hearth(server.store, ['--json', 'verify']);
    expect(cli.code).toBe(0);
    cliNotices = (JSON.parse(cli.stdout) as { notices: Notice[] }).notices;
    expect(cliNotices.length).toBeGreaterThan(10);
  });
  afterAll(() => server.close());

  it('verify lists the earliest `notices` of them and counts them all; nothing else changes', async () => {
    const all = await server.request('GET', '/api/verify', { token: TOKENS.auditor });
    const three = await server.request('GET', '/api/verify?notices=3', { token: TOKENS.auditor });
    const none = await server.request('GET', '/api/verify?notices=0', { token: TOKENS.auditor });
    expect([all.status, three.status, none.status]).toEqual([200, 200, 200]);
    expect(all.body.notices).toEqual(cliNotices);
    expect(three.body.notices).toEqual(cliNotices.slice(0, 3));
    expect(none.body.notices).toEqual([]);
    for (const answer of [all, three, none]) expect(answer.body.noticesFound).toBe(cliNotices.length);
    expect({ ...three.body, notices: [] }).toEqual({ ...all.body, notices: [] });
  });

  it('the pages, followed by `next` from the start, are the CLI’s notices in its order', async () => {
    const walked: Notice[] = [];
    const sizes: number[] = [];
    let after: number | null = 0;
    while (after !== null) {
      const page = await server.request('GET', `/api/verify/notices?after=${after}&limit=4`, { token: TOKENS.auditor });
      expect(page.status).toBe(200);
      walked.push(...page.body.notices);
      sizes.push(page.body.notices.length);
      after = page.body.next;
    }
    expect(walked).toEqual(cliNotices);
    expect(sizes.slice(0, -1).every((n) => n === 4)).toBe(true);
  });

  it('a page starts after the position it is given, and the defaults read from the start', async () => {
    const from = cliNotices[4] as Notice;
    const page = await server.request('GET', `/api/verify/notices?after=${from.position}&limit=2`, { token: TOKENS.auditor });
    expect(page.body).toEqual({ notices: cliNotices.slice(5, 7), next: (cliNotices[6] as Notice).position });
    const first = await server.request('GET', '/api/verify/notices', { token: TOKENS.auditor });
    expect(first.body).toEqual({ notices: cliNotices, next: null });
  });

  it('is the auditor’s alone, like verify', async () => {
    for (const token of [TOKENS.analyst, TOKENS.township]) {
      const r = await server.request('GET', '/api/verify/notices', { token });
      expect({ status: r.status, code: r.body.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
    }
  });
});
