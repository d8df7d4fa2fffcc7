import { checkLinks } from '../hash-chain';
import { storedText } from '../sealed-text';
import type { ContractScope } from './contract-scope';
import { lastHash, testEvents } from './event-factory';

/**
 * `storedText` (docs/decisions/0105): where the adapter offers it, a stream read as
 * `readStream` reads it with the text the seal wrote for each event, on which `checkLinks`
 * finds every link; where it does not, the kit checks that it does not claim to (a
 * verifier would otherwise hash an untested text).
 */
export const storedTextContract = (k: ContractScope): void => {
  describe('storedText', () => {
    it(k.options.storesText ? 'reads a stream with the text the seal wrote for each event (storedText)' : 'does not claim to keep the sealed text (no storedText)', async () => {
      const reads = k.store.storedText;
      if (!k.options.storesText || reads === undefined) {
        expect({ offered: reads !== undefined }).toEqual({ offered: k.options.storesText === true });
        return;
      }
      expect(await reads.readStream('a')).toEqual({ events: [], texts: { dataJson: [], metadataJson: [] } });
      const first = testEvents([{ data: { text: 'é, "quoted", a \\ and {braces}', list: [1, { deep: null }] } }, { type: 'B', data: { z: 1, a: [] } }]);
      await k.store.appendToStream('a', first, 'no_stream');
      await k.store.appendToStream('b', testEvents(1), 'no_stream');
      const then = testEvents([{ type: 'C', data: { n: 'last' } }], lastHash(first));
      await k.store.appendToStream('a', then, 1);
      const stream = await reads.readStream('a');
      expect(stream.events).toEqual(await k.store.readStream('a'));
      const sealed = [...first, ...then].map(storedText);
      expect(stream.texts).toEqual({ dataJson: sealed.map((t) => t.dataJson), metadataJson: sealed.map((t) => t.metadataJson) });
      expect(checkLinks(stream.events, undefined, stream.texts)).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    });
  });
};
