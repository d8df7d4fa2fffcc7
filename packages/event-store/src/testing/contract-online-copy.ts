import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedEvent } from '../envelope';
import type { EventStore } from '../event-store';
import type { ContractScope } from './contract-scope';
import { lastHash, testEvents } from './event-factory';

/** What a copy must keep of each event: everything the log says of it. */
const asStored = (e: RecordedEvent) => ({ position: e.position, streamId: e.streamId, streamVersion: e.streamVersion, eventId: e.eventId, type: e.type, data: e.data, metadata: e.metadata });

const whole = async (store: EventStore) => (await store.readAll({ maxCount: 100_000 })).map(asStored);

/** Lets the event loop turn: an append of the SQLite adapter resolves without one. */
const turn = (): Promise<void> => new Promise((done) => setImmediate(done));

/**
 * `onlineCopy` (docs/decisions/0195): a copy of the whole store, taken while it is written,
 * that holds the log as one snapshot saw it — every event up to a position as stored, none
 * after — and is a store of its own. Adapters that do not offer it must not claim it.
 */
export const onlineCopyContract = (k: ContractScope): void => {
  describe('onlineCopy', () => {
    let dir = '';
    const opened: EventStore[] = [];
    const openCopy = async (path: string): Promise<EventStore> => {
      const open = k.fixture.openCopy;
      if (open === undefined) throw new Error('copiesOnline needs the fixture to offer openCopy');
      const store = await open(path);
      opened.push(store);
      return store;
    };
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'hearth-online-copy-'));
    });
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
      rmSync(dir, { recursive: true, force: true });
    });

    if (!k.options.copiesOnline) {
      it('does not claim to copy itself while written (no onlineCopy)', () => {
        expect({ offered: k.store.onlineCopy !== undefined }).toEqual({ offered: false });
      });
      return;
    }

    const copier = () => {
      const copy = k.store.onlineCopy;
      if (copy === undefined) throw new Error(`${k.name} was declared to copy itself online but offers no onlineCopy`);
      return copy;
    };

    it('copies every event as stored, and the copy takes the next append at the next position', async () => {
      const a = testEvents(3);
      const b = testEvents([{ type: 'Other', data: { ü: 'é\u2028' } }, {}]);
      await k.store.appendToStream('copy-a', a, 'no_stream');
      await k.store.appendToStream('copy-b', b, 'no_stream');
      const before = await whole(k.store);

      const path = join(dir, 'copy.db');
      const { bytes } = await copier().copyTo(path);
      expect(bytes).toBeGreaterThan(0);
      expect(existsSync(`${path}.partial`)).toBe(false);

      const copy = await openCopy(path);
      expect(await whole(copy)).toEqual(before);
      expect(await copy.headPosition()).toBe(await k.store.headPosition());
      expect(await copy.streamVersion('copy-a')).toBe(2);
      const next = await copy.appendToStream('copy-b', testEvents(1, lastHash(b)), 1);
      expect(next).toEqual({ nextExpectedVersion: 2, lastPosition: (before.at(-1)?.position ?? 0) + 1 });
      // The source never sees what the copy was given.
      expect(await whole(k.store)).toEqual(before);
    });

    it('refuses a path that exists, leaving that file as it was', async () => {
      await k.store.appendToStream('copy-a', testEvents(1), 'no_stream');
      const path = join(dir, 'kept.db');
      writeFileSync(path, 'not to be replaced');
      await expect(copier().copyTo(path)).rejects.toMatchObject({ code: 'EEXIST' });
      expect(readFileSync(path, 'utf8')).toBe('not to be replaced');
      expect(existsSync(`${path}.partial`)).toBe(false);
    });

    it('hands the whole copy to beforeNaming before it takes its name; one that throws leaves nothing', async () => {
      await k.store.appendToStream('copy-a', testEvents(2), 'no_stream');
      const path = join(dir, 'checked.db');
      let seen: { copy: string; named: boolean; events: number } | undefined;
      await copier().copyTo(path, {
        beforeNaming: async (copy) => {
          const store = await openCopy(copy);
          seen = { copy, named: existsSync(path), events: (await store.readAll()).length };
          await store.close();
        },
      });
      expect(seen).toEqual({ copy: expect.not.stringMatching(/^$/), named: false, events: 2 });
      expect(seen?.copy).not.toBe(path);
      expect(await whole(await openCopy(path))).toEqual(await whole(k.store));
      expect(existsSync(seen?.copy as string)).toBe(false);

      // A second copy to the same path while the first is checked: refused, the first named as checked.
      const shared = join(dir, 'shared.db');
      let second: unknown;
      await copier().copyTo(shared, {
        beforeNaming: async () => {
          second = await copier().copyTo(shared).catch((e: unknown) => e);
        },
      });
      expect(second).toMatchObject({ name: 'CopyInProgressError', pid: process.pid });
      expect(await whole(await openCopy(shared))).toEqual(await whole(k.store));

      const refused = join(dir, 'refused.db');
      await expect(copier().copyTo(refused, { beforeNaming: () => Promise.reject(new Error('the check failed')) })).rejects.toThrow('the check failed');
      expect(existsSync(refused)).toBe(false);
      expect(existsSync(`${refused}.partial`)).toBe(false);
    });

    it('stops no writer: appends during the copy are stored, and the copy holds the log up to one position, exactly', async () => {
      for (let s = 0; s < 40; s++) await k.store.appendToStream(`seed-${s}`, testEvents(50), 'no_stream');
      const seeded = await k.store.headPosition();
      let chain = testEvents(1);
      await k.store.appendToStream('during', chain, 'no_stream');

      let done = false;
      const copying = copier()
        .copyTo(join(dir, 'live.db'))
        .finally(() => (done = true));
      let appended = 0;
      while (!done) {
        const next = testEvents(1, lastHash(chain));
        await k.store.appendToStream('during', next, appended);
        chain = next;
        appended += 1;
        await turn();
      }
      await copying;
      expect(appended).toBeGreaterThan(0);

      const copy = await openCopy(join(dir, 'live.db'));
      const head = await copy.headPosition();
      expect(head).toBeGreaterThan(seeded);
      const source = await whole(k.store);
      expect(await whole(copy)).toEqual(source.filter((e) => e.position <= head));
    });
  });
};
