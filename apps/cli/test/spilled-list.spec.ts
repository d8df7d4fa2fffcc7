import fc from 'fast-check';
import { SpilledList } from '../src/output/spilled-list';
import { propertyRuns } from '@hearth/domain/testing';

/** What the list printed, as text (it writes strings and bytes to stdout). */
const printed = async (run: () => Promise<void>): Promise<string> => {
  const parts: Buffer[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    parts.push(Buffer.from(chunk));
    return true;
  });
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return Buffer.concat(parts).toString('utf8');
};

/**
 * `verify --json` writes its notices to a file as they come and copies them into the
 * document at the end: the document must be the very text `emitJson` prints with the
 * whole list in memory, whatever the items (nested, non-ASCII, across the file's chunks).
 */
describe('a list spilled to a file', () => {
  it('prints the same document as the list held in memory', async () => {
    const finding = fc.record({ householdId: fc.string(), position: fc.nat(), kind: fc.constantFrom('late-recording', 'hash-break'), detail: fc.string({ unit: 'grapheme' }) });
    await fc.assert(
      fc.asyncProperty(fc.array(finding, { maxLength: 40 }), fc.array(finding, { maxLength: 3 }), async (notices, anomalies) => {
        const list = new SpilledList();
        try {
          for (const n of notices) list.add(n);
          const document = { streams: 3, events: notices.length, anomalies, notices: [] };
          expect(await printed(() => list.emitIn(document, 'notices'))).toBe(`${JSON.stringify({ ...document, notices }, null, 2)}\n`);
        } finally {
          list.dispose();
        }
      }),
      // Line and paragraph separators stay raw inside JSON strings: they are not line starts of the document.
      { ...propertyRuns(60, process.env), examples: [[[{ householdId: 'H1', position: 1, kind: 'late-recording', detail: 'a\u2028b\u2029c\nd' }], []]] },
    );
  });

  it('copies a list longer than one chunk of the file', async () => {
    const list = new SpilledList();
    try {
      const notices = Array.from({ length: 30_000 }, (_, i) => ({ householdId: `H${i}`, position: i + 1, kind: 'late-recording', detail: `事件 ${i} recorded late` }));
      for (const n of notices) list.add(n);
      expect(list.length).toBe(30_000);
      expect(await printed(() => list.emitIn({ streams: 1, events: 30_000, anomalies: [], notices: [] }, 'notices'))).toBe(
        `${JSON.stringify({ streams: 1, events: 30_000, anomalies: [], notices }, null, 2)}\n`,
      );
    } finally {
      list.dispose();
    }
  });

  it('waits for a slow reader to take each chunk before writing the next', async () => {
    const list = new SpilledList();
    const parts: Buffer[] = [];
    let waiting = false;
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      // A full pipe: nothing more is written until it drains.
      if (waiting) throw new Error('written to a full pipe before it drained');
      parts.push(Buffer.from(chunk));
      waiting = true;
      setImmediate(() => {
        waiting = false;
        process.stdout.emit('drain');
      });
      return false;
    });
    try {
      const notices = Array.from({ length: 20_000 }, (_, i) => ({ householdId: `H${i}`, position: i + 1, kind: 'late-recording', detail: 'recorded late' }));
      for (const n of notices) list.add(n);
      await list.emitIn({ streams: 1, events: 20_000, anomalies: [], notices: [] }, 'notices');
      expect(parts.length).toBeGreaterThan(2);
      expect(Buffer.concat(parts).toString('utf8')).toBe(`${JSON.stringify({ streams: 1, events: 20_000, anomalies: [], notices }, null, 2)}\n`);
    } finally {
      spy.mockRestore();
      list.dispose();
    }
  });
});
