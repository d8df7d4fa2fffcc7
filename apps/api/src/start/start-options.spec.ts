import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { referencePolicy } from '@hearth/domain';
import { DEFAULT_HOUSEHOLDS, parseStartOptions, simulatorSeed, UsageError } from './start-options';
import { publicUrl } from './start';

describe('npm start options', () => {
  it('defaults: the embedded store, loopback, port 3000, demo tokens, the default demo region', () => {
    expect(parseStartOptions([], {})).toEqual({ store: 'sqlite:./data/hearth.db', host: '127.0.0.1', port: 3000, households: DEFAULT_HOUSEHOLDS, seed: 'hearth-demo', demo: true });
  });

  it('reads PORT, HOST, HEARTH_STORE, HEARTH_TOKENS and the demo region flags', () => {
    const env = { PORT: '0', HOST: '::1', HEARTH_STORE: 'sqlite:/tmp/x.db', HEARTH_TOKENS: '/etc/hearth/tokens.json' };
    expect(parseStartOptions(['--households', '250', '--seed=42'], env)).toEqual({
      store: 'sqlite:/tmp/x.db', host: '::1', port: 0, households: 250, seed: '42', tokensPath: '/etc/hearth/tokens.json', demo: false,
    });
    // A real deployment's tokens: no demo data unless asked for; without them, a demo unless refused.
    expect(parseStartOptions(['--demo'], env)).toMatchObject({ demo: true });
    expect(parseStartOptions(['--no-demo'], {})).toMatchObject({ demo: false });
    expect(parseStartOptions([], { HEARTH_READ_MODELS: 'sqlite:/var/lib/hearth/read-models.db' })).toMatchObject({ readModels: 'sqlite:/var/lib/hearth/read-models.db' });
    expect(parseStartOptions([], { HEARTH_READ_MODELS: '' })).not.toHaveProperty('readModels');
    expect(parseStartOptions(['--help'], {})).toBe('help');
    expect(simulatorSeed('42')).toBe(42);
    expect(simulatorSeed('demo')).toBe('demo');
  });

  it('refuses what it cannot use, saying which setting and why', () => {
    expect(() => parseStartOptions(['--households', '0'], {})).toThrow(new UsageError('--households must be a whole number from 1 to 10000000, got "0"'));
    expect(() => parseStartOptions(['--households'], {})).toThrow(/got nothing/);
    expect(() => parseStartOptions(['--port', '80'], {})).toThrow(/unknown argument "--port"/);
    expect(() => parseStartOptions([], { PORT: '70000' })).toThrow(/PORT must be a port number/);
    expect(() => parseStartOptions([], { PORT: 'http' })).toThrow(/PORT must be a port number/);
    // A malformed rate is a usage error (exit 2) before the store is opened, not an unexpected error after it (exit 1).
    expect(() => parseStartOptions([], { HEARTH_RATE_LIMIT: 'abc' })).toThrow(new UsageError('HEARTH_RATE_LIMIT="abc" is not a rate: write RATE or RATE/BURST (requests per second, burst), or off'));
    expect(() => parseStartOptions([], { HEARTH_RATE_LIMIT_ANONYMOUS: '0' })).toThrow(UsageError);
    expect(parseStartOptions([], { HEARTH_RATE_LIMIT: '20/100', HEARTH_RATE_LIMIT_ANONYMOUS: 'off' })).toMatchObject({ port: 3000 });
  });

  describe('the programme policy (--policy FILE, else HEARTH_POLICY)', () => {
    let dir: string;
    const file = (name: string, text: string): string => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    };
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'hearth-start-policy-'))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('reads the file, keys left out taking the reference values; the flag wins over the variable', () => {
      const half = file('half.json', JSON.stringify({ baselineCutoff: '2016-06-30', targetShares: { 2016: 0.5, 2017: 0.5 }, suppressBelow: 3 }));
      const other = file('other.json', JSON.stringify({ baselineCutoff: '2015-12-31', targetShares: { 2016: 1 } }));
      const read = parseStartOptions(['--policy', half], { HEARTH_POLICY: other });
      expect(read).toMatchObject({ policy: { path: half, policy: { baselineCutoff: '2016-06-30', targetSharesBp: { 2016: 5000, 2017: 5000 }, suppressBelow: 3, minReferrals: referencePolicy.minReferrals } } });
      expect(parseStartOptions([], { HEARTH_POLICY: other })).toMatchObject({ policy: { path: other, policy: { baselineCutoff: '2015-12-31' } } });
      expect(parseStartOptions([`--policy=${other}`], {})).toMatchObject({ policy: { path: other } });
      // Without either: no policy of its own, the reference policy downstream.
      expect(parseStartOptions([], { HEARTH_POLICY: '' })).not.toHaveProperty('policy');
    });

    it('refuses a file it cannot use as a usage error, naming the file and the field, before anything starts', () => {
      const missing = join(dir, 'nowhere.json');
      expect(() => parseStartOptions(['--policy', missing], {})).toThrow(new RegExp(`^cannot read policy file ${missing}: `));
      expect(() => parseStartOptions([], { HEARTH_POLICY: file('text.json', 'shares: half') })).toThrow(/policy file .*text\.json is not JSON/);
      expect(() => parseStartOptions(['--policy', file('no-targets.json', '{"suppressBelow": 5}')], {}))
        .toThrow(/is invalid: baselineCutoff: required field is missing.*baselineCutoff and targetShares are required in a policy file \(decision 143/);
      expect(() => parseStartOptions(['--policy', file('too-much.json', JSON.stringify({ baselineCutoff: '2016-06-30', targetShares: { 2016: 0.7, 2017: 0.6 } }))], {}))
        .toThrow(new UsageError(`policy file ${join(dir, 'too-much.json')} is invalid: targetShares: shares add up to more than 1. Fix the file (baselineCutoff and targetShares cannot be left out, decision 143; any other key left out takes the reference value).`));
      expect(() => parseStartOptions(['--policy'], {})).toThrow(new UsageError('--policy needs a file'));
    });
  });

  it('prints loopback and wildcard binds as localhost, other hosts as they are', () => {
    expect(publicUrl('127.0.0.1', 3000)).toBe('http://localhost:3000');
    expect(publicUrl('0.0.0.0', 8080)).toBe('http://localhost:8080');
    expect(publicUrl('10.1.2.3', 80)).toBe('http://10.1.2.3:80');
    expect(publicUrl('fd00::1', 80)).toBe('http://[fd00::1]:80');
  });
});
