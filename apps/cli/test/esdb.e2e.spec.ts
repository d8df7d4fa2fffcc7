import { join } from 'node:path';
import * as testing from '@hearth/event-store-esdb/testing';
import { EXAMPLES, hearthFinished, tempDir } from './support/cli';

describe('hearth on KurrentDB (kurrentdb:// through the wire stand-in)', () => {
  let server: Awaited<ReturnType<typeof testing.startEsdbStandIn>>;
  beforeAll(async () => {
    server = await testing.startEsdbStandIn();
  });
  afterAll(() => server.close());

  it('loads divisions, imports, replays a household and verifies, with nothing else changed', async () => {
    const store = ['--store', server.url];
    expect((await hearthFinished([...store, 'divisions', 'load', join(EXAMPLES, 'divisions.json')])).code).toBe(0);
    const imported = await hearthFinished([...store, '--json', 'import', '--quiet', join(EXAMPLES, 'commands.jsonl')]);
    expect(imported.code).toBe(3);
    expect(JSON.parse(imported.stdout)).toMatchObject({ accepted: 25, unchanged: 0 });
    // Another application's events in $all, one of them not JSON: not Hearth's, passed over by every reader.
    server.appendForeign('orders-1', { type: 'OrderShipped', contentType: 'application/octet-stream', data: Uint8Array.from([0xff, 0x00]) });
    server.appendForeign('orders-1', { type: 'OrderPaid', contentType: 'application/json', data: Buffer.from('{"n":1}') });
    const history = await hearthFinished([...store, '--json', 'history', 'hh-002', '--as-of', '2016-08-31']);
    expect(JSON.parse(history.stdout)).toMatchObject({ status: 'cleared', openLaborConcerns: ['v-1'] });
    const verified = await hearthFinished([...store, '--json', 'verify']);
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.stdout).anomalies).toEqual([]);
    const report = await hearthFinished([...store, '--json', 'report', 'clearance', '--year', '2016']);
    expect(JSON.parse(report.stdout)).toMatchObject({ baseline: 2, clearedInYear: 2 });
    // The older scheme names the same store.
    const again = await hearthFinished(['--store', server.url.replace('kurrentdb://', 'esdb://'), '--json', 'verify']);
    expect(again.code).toBe(0);
  }, 60_000);

  it('refuses rebuild --exclusive as a usage error: the store cannot read the log stream by stream (decision 120)', async () => {
    const refused = await hearthFinished(['--store', server.url, 'rebuild', '--exclusive']);
    expect(refused).toMatchObject({ code: 2, stdout: '' });
    expect(refused.stderr).toContain('--exclusive: this store cannot read the log household by household');
  }, 60_000);

  it('anchors the log and proves the log still extends the anchor (positions are commit positions there)', async () => {
    const store = ['--store', server.url];
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'anchor.json');
      const made = await hearthFinished([...store, '--json', 'anchor', '--out', file]);
      expect(made.code).toBe(0);
      expect(JSON.parse(made.stdout)).toMatchObject({ file, streams: 4, signed: false });
      const verified = await hearthFinished([...store, '--json', 'verify', '--anchor', file]);
      expect(verified.code).toBe(0);
      expect(JSON.parse(verified.stdout)).toMatchObject({ anomalies: [], anchors: [{ file, anomalies: 0 }] });
    } finally {
      cleanup();
    }
  }, 60_000);

  it('never prints the password of a store URL it cannot open', async () => {
    const gone = await testing.startEsdbStandIn();
    await gone.close();
    const url = `kurrentdb://admin:changeit@127.0.0.1:${gone.port}?tls=false&defaultDeadline=1000`;
    const result = await hearthFinished(['--store', url, 'verify']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/kurrentdb:\/\/\*\*\*@127\.0\.0\.1/);
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/changeit/);
  }, 30_000);

  it("reports a server it cannot reach as the machine's failure, to be run again, not as a bug", async () => {
    const port = testing.NO_LISTENER_PORT;
    const result = await hearthFinished(['--store', `kurrentdb://127.0.0.1:${port}?tls=false&defaultDeadline=1000`, 'verify']);
    expect(result.code).toBe(6);
    expect(result.stderr).toContain(`the store's server cannot be reached: nothing listens on 127.0.0.1:${port} (connection refused): check that it is running and that this machine can reach it, then run the same command again`);
    expect(result.stderr).not.toMatch(/a bug in Hearth/);
  }, 30_000);

  it('says when the URL asks for TLS of a server that runs without it, and what to change', async () => {
    const server = await testing.startEsdbStandIn();
    try {
      const result = await hearthFinished(['--store', `kurrentdb://127.0.0.1:${server.port}?defaultDeadline=1000`, 'verify']);
      expect(result.code).toBe(6);
      expect(result.stderr).toMatch(new RegExp(`the store's server cannot be reached: 127\\.0\\.0\\.1:${server.port} accepts connections but completes no TLS handshake \\(.+\\): if the server runs without TLS, add tls=false to the URL, then run the same command again`));
    } finally {
      await server.close();
    }
  }, 30_000);
});
