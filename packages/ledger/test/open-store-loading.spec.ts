import { spawnSync } from 'node:child_process';

/**
 * Which modules opening a store loads, seen from a fresh Node process (jest's module
 * registry would hide it): the embedded store must not pull in the KurrentDB client and its
 * gRPC stack, a third of every CLI command's start-up; a KurrentDB URL loads the adapter.
 */
const loadedBy = (url: string): { client: boolean; adapter: boolean; error: string } => {
  const script = `
    const { openStore } = require('@hearth/ledger');
    const loaded = () => Object.keys(require.cache);
    openStore(${JSON.stringify(url)}).then(
      async (s) => { await s.close(); report(); },
      (e) => report(String(e && e.message)),
    );
    function report(error = '') {
      const keys = loaded();
      process.stdout.write(JSON.stringify({
        client: keys.some((k) => k.includes('@kurrent/kurrentdb-client')),
        adapter: keys.some((k) => k.includes('event-store-esdb/src/esdb-event-store')),
        error,
      }));
    }`;
  const run = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) throw new Error(`node exited ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout) as { client: boolean; adapter: boolean; error: string };
};

describe('openStore loads a store adapter only for its own URLs', () => {
  it('an embedded SQLite store does not load the KurrentDB client', () => {
    expect(loadedBy('sqlite::memory:')).toEqual({ client: false, adapter: false, error: '' });
  });

  it('a KurrentDB URL loads the adapter and its client (here to find no server)', () => {
    const r = loadedBy('kurrentdb://127.0.0.1:1?tls=false&defaultDeadline=2000');
    expect({ client: r.client, adapter: r.adapter }).toEqual({ client: true, adapter: true });
  });
});
