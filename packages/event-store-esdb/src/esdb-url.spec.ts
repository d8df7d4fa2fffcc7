import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EsdbEventStore } from './esdb-event-store';
import { openEsdbEventStore } from './open-esdb-event-store';
import { isEsdbUrl, parseEsdbUrl } from './esdb-url';
import { maskStoreUrl } from '@hearth/event-store';
import { storeCredentialsFromEnv } from './store-credentials';
import { startEsdbStandIn } from './testing/esdb-stand-in';

describe('store URLs', () => {
  it('accepts kurrentdb, kurrentdb+discover, esdb and esdb+discover, and hands the client the kurrentdb scheme', () => {
    for (const scheme of ['kurrentdb', 'esdb']) {
      expect(isEsdbUrl(`${scheme}://h:1`)).toBe(true);
      expect(parseEsdbUrl(`${scheme}://a:2113,b:2114?tls=false`)).toMatchObject({
        connectionString: 'kurrentdb://a:2113,b:2114?tls=false',
        discover: false,
        tls: false,
        hosts: [{ host: 'a', port: 2113 }, { host: 'b', port: 2114 }],
      });
      expect(parseEsdbUrl(`${scheme}+discover://cluster.example:2113`)).toMatchObject({ connectionString: 'kurrentdb+discover://cluster.example:2113', discover: true, tls: true });
    }
    expect(isEsdbUrl('sqlite:./x.db')).toBe(false);
  });

  it('takes maxAppendSize out of what the client sees', () => {
    expect(parseEsdbUrl('kurrentdb://h:1?tls=false&maxAppendSize=2048&keepAliveInterval=20000')).toMatchObject({
      connectionString: 'kurrentdb://h:1?tls=false&keepAliveInterval=20000',
      maxAppendSize: 2048,
    });
    expect(() => parseEsdbUrl('kurrentdb://h:1?maxAppendSize=lots')).toThrow(/maxAppendSize must be a positive number/);
  });

  it('reads defaultDeadline, which the adapter shares with the client, and leaves it in what the client sees', () => {
    expect(parseEsdbUrl('kurrentdb://h:1?tls=false&DefaultDeadline=3000')).toMatchObject({
      connectionString: 'kurrentdb://h:1?tls=false&DefaultDeadline=3000',
      defaultDeadline: 3000,
    });
    expect(parseEsdbUrl('kurrentdb://h:1?tls=false').defaultDeadline).toBeUndefined();
    for (const bad of ['0', '-5', 'soon', '1.5']) {
      expect(() => parseEsdbUrl(`kurrentdb://h:1?defaultDeadline=${bad}`)).toThrow(/defaultDeadline must be a positive number of milliseconds/);
    }
  });

  it('puts credentials from the environment into the connection string, encoded, and refuses them twice', () => {
    expect(parseEsdbUrl('kurrentdb://h:1?tls=true', { username: 'ops', password: 'p@ss:w/rd' }).connectionString).toBe(
      'kurrentdb://ops:p%40ss%3Aw%2Frd@h:1?tls=true',
    );
    expect(() => parseEsdbUrl('kurrentdb://u:secret@h:1', { username: 'ops', password: 'x' })).toThrow(/credentials given twice/);
  });

  it('masks user and password in every message, and leaves other URLs alone', () => {
    expect(maskStoreUrl('kurrentdb://admin:changeit@h:2113?tls=false')).toBe('kurrentdb://***@h:2113?tls=false');
    expect(maskStoreUrl('esdb+discover://u:p@a,b?x=1&password=hunter2')).toBe('esdb+discover://***@a,b?x=1&password=***');
    expect(maskStoreUrl('sqlite:./data/hearth.db')).toBe('sqlite:./data/hearth.db');
    for (const bad of ['kurrentdb://admin:changeit@', 'kurrentdb://admin:changeit@h:99999', 'kurrentdb://admin:changeit@h:1?maxAppendSize=-1']) {
      expect(() => parseEsdbUrl(bad)).toThrow(/\*\*\*@/);
      expect(() => parseEsdbUrl(bad)).not.toThrow(/changeit/);
    }
    expect(() => EsdbEventStore.connect('kurrentdb://admin:changeit@h:1?nodePreference=nowhere')).not.toThrow(/changeit/);
  });

  it('does not print the password when the server cannot be reached', async () => {
    const server = await startEsdbStandIn();
    const url = server.url.replace('kurrentdb://', 'kurrentdb://admin:changeit@');
    await server.close();
    const error: unknown = await openEsdbEventStore(`${url}&defaultDeadline=2000`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(`${String(error)} ${JSON.stringify(error)}`).not.toMatch(/changeit/);
  });
});

describe('store credentials from the environment', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-credentials-'));

  it('reads user and password, or the password from a file (one trailing newline dropped)', () => {
    expect(storeCredentialsFromEnv({})).toBeUndefined();
    expect(storeCredentialsFromEnv({ HEARTH_STORE_USERNAME: 'ops', HEARTH_STORE_PASSWORD: 's3cret' })).toEqual({ username: 'ops', password: 's3cret' });
    const file = join(dir, 'password');
    writeFileSync(file, 'from-file\n');
    expect(storeCredentialsFromEnv({ HEARTH_STORE_USERNAME: 'ops', HEARTH_STORE_PASSWORD_FILE: file })).toEqual({ username: 'ops', password: 'from-file' });
  });

  it('names the variables, never the values, when they do not fit together', () => {
    const cases: NodeJS.ProcessEnv[] = [
      { HEARTH_STORE_PASSWORD: 'pw-value' },
      { HEARTH_STORE_USERNAME: 'ops' },
      { HEARTH_STORE_USERNAME: 'ops', HEARTH_STORE_PASSWORD: 'pw-value', HEARTH_STORE_PASSWORD_FILE: join(dir, 'password') },
      { HEARTH_STORE_USERNAME: 'ops', HEARTH_STORE_PASSWORD_FILE: join(dir, 'missing') },
    ];
    for (const env of cases) {
      expect(() => storeCredentialsFromEnv(env)).toThrow(/HEARTH_STORE_/);
      expect(() => storeCredentialsFromEnv(env)).not.toThrow(/pw-value/);
    }
  });
});
