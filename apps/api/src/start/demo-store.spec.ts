import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { referencePolicy } from '@hearth/domain';
import { Ledger } from '@hearth/ledger';
import { DemoStopped } from './demo-region';
import { demoTokensPathFor, prepareStore } from './demo-store';
import { UsageError } from './start-options';

jest.setTimeout(60_000);

const quiet = { write: () => true };

describe('the store npm start serves', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'hearth-demo-store-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('an empty store gets the demo region, complete, under its own name; a second call reuses it', async () => {
    const store = `sqlite:${join(dir, 'hearth.db')}`;
    const first = await prepareStore({ store, households: 12, seed: 3, generate: true, out: quiet, stopRequested: () => false });
    expect(first.kind).toBe('seeded');
    if (first.kind !== 'seeded') return;
    expect(first.summary.households).toBe(12);
    expect(first.summary.accepted + first.summary.rejected).toBe(first.summary.commands);
    expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);

    const ledger = await Ledger.open({ storeUrl: store, policy: referencePolicy });
    const events = await ledger.store.readAll();
    expect(ledger.divisions?.root.code).toBe('R');
    await ledger.close();
    // The division tree and every accepted command's events.
    expect(events.length).toBeGreaterThan(first.summary.accepted);

    expect(await prepareStore({ store, households: 12, seed: 3, generate: true, out: quiet, stopRequested: () => false })).toEqual({ kind: 'reused' });
  });

  it('a stop during generation keeps nothing, so the next start begins again', async () => {
    const store = `sqlite:${join(dir, 'hearth.db')}`;
    await expect(prepareStore({ store, households: 200, seed: 3, generate: true, out: quiet, stopRequested: () => true })).rejects.toBeInstanceOf(DemoStopped);
    expect(readdirSync(dir)).toEqual([]);
    const again = await prepareStore({ store, households: 5, seed: 3, generate: true, out: quiet, stopRequested: () => false });
    expect(again.kind).toBe('seeded');
  });

  it('without generation an empty store stays empty (nothing is created), and a used one is still reused', async () => {
    const store = `sqlite:${join(dir, 'hearth.db')}`;
    expect(await prepareStore({ store, households: 5, seed: 1, generate: false, out: quiet, stopRequested: () => false })).toEqual({ kind: 'empty' });
    expect(readdirSync(dir)).toEqual([]);
    await prepareStore({ store, households: 5, seed: 1, generate: true, out: quiet, stopRequested: () => false });
    expect(await prepareStore({ store, households: 5, seed: 1, generate: false, out: quiet, stopRequested: () => false })).toEqual({ kind: 'reused' });
  });

  it('refuses an in-process store, which the service could never share', async () => {
    await expect(prepareStore({ store: 'memory:', households: 5, seed: 1, generate: true, out: quiet, stopRequested: () => false })).rejects.toBeInstanceOf(UsageError);
    expect(existsSync(join(dir, 'hearth.db'))).toBe(false);
  });

  it('demo tokens live beside the store file', () => {
    expect(demoTokensPathFor('sqlite:./data/hearth.db')).toBe(join('data', 'demo-tokens.json'));
    expect(demoTokensPathFor('sqlite:/srv/h/hearth.db')).toBe('/srv/h/demo-tokens.json');
  });
});
