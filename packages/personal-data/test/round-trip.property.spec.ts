import fc from 'fast-check';
import { isPersonalDataError, type PersonalRecord } from '../src';
import { AS, openStore, tempDir } from './support/temp-store';

const dir = tempDir();
afterAll(() => dir.cleanup());

// Any UTF-16 code unit, lone surrogates included: names and addresses come in every script.
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));
const text = fc.oneof(
  fc.string({ unit: codeUnit, minLength: 1, maxLength: 500 }),
  // size 'max': the lengths up to the 500 allowed, which fast-check's default size (about ten) never draws.
  fc.string({ unit: codeUnit, minLength: 1, maxLength: 500, size: 'max' }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).filter((s) => s.length <= 500),
);
const record: fc.Arbitrary<PersonalRecord> = fc.record(
  {
    fullName: text,
    identityDocument: fc.record({ kind: text, number: text }),
    phone: text,
    address: text,
    note: text,
  },
  { requiredKeys: [] },
);
const id = fc.stringMatching(/^[A-Za-z0-9._:-]{1,64}$/);

describe('round trip (property)', () => {
  it('any valid record put for any ids is read back equal, also after a reopen', () => {
    const path = dir.file();
    const store = openStore(path);
    const written = new Map<string, [string, string, PersonalRecord]>();
    fc.assert(
      fc.property(id, id, record, (h, m, r) => {
        store.put(h, m, r, AS);
        written.set(JSON.stringify([h, m]), [h, m, r]);
        expect(store.get(h, m, AS)).toEqual(r);
        expect(store.listMembers(h)).toContain(m);
      }),
      { numRuns: 150, seed: 20240301 },
    );
    store.close();
    const reopened = openStore(path);
    for (const [h, m, r] of written.values()) expect(reopened.get(h, m, AS)).toEqual(r);
    reopened.close();
  });

  it('any unknown field is rejected by name, and nothing is stored', () => {
    const known = ['fullName', 'identityDocument', 'phone', 'address', 'note'];
    const store = openStore(dir.file());
    fc.assert(
      fc.property(
        record,
        fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !known.includes(k) && k !== '__proto__'),
        (r, extra) => {
          try {
            store.put('hh-1', 'm-1', { ...r, [extra]: 'x' } as PersonalRecord, AS);
            return false;
          } catch (e) {
            return isPersonalDataError(e, 'INVALID_RECORD') && e.field === extra && store.get('hh-1', 'm-1', AS) === undefined;
          }
        },
      ),
      { numRuns: 100, seed: 20240301 },
    );
    store.close();
  });
});
