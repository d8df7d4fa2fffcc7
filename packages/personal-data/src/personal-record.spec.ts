import { validatePersonalRecord } from './personal-record';
import { isPersonalDataError } from './errors';

const fieldOf = (u: unknown): string | undefined => {
  try {
    validatePersonalRecord(u);
  } catch (e) {
    if (isPersonalDataError(e, 'INVALID_RECORD')) return e.field;
    throw e;
  }
  return undefined;
};

describe('validatePersonalRecord', () => {
  it('accepts the full closed shape and returns a fresh copy without undefined fields', () => {
    const input = {
      fullName: 'Li Wei',
      identityDocument: { kind: 'resident-identity-card', number: '110101199001011234' },
      phone: '+86 138 0000 0000',
      address: 'Village 3, Township 2',
      note: 'prefers calls after 18:00',
      // Absent in effect: must not be kept as a key.
    };
    const out = validatePersonalRecord({ ...input, phone: undefined });
    expect(out).toEqual({ ...input, phone: undefined });
    expect(Object.keys(out)).not.toContain('phone');
    expect(out.identityDocument).not.toBe(input.identityDocument);
    expect(validatePersonalRecord({})).toEqual({});
  });

  it.each([
    [{ ethnicity: 'x' }, 'ethnicity'],
    [{ religion: 'x' }, 'religion'],
    [{ fullName: 'a', politicalAffiliation: 'x' }, 'politicalAffiliation'],
    [{ identityDocument: { kind: 'card', number: '1', issuedBy: 'x' } }, 'identityDocument.issuedBy'],
  ])('rejects the unknown field of %j naming it', (input, field) => {
    expect(fieldOf(input)).toBe(field);
  });

  it.each([
    [{ fullName: 42 }, 'fullName'],
    [{ phone: '' }, 'phone'],
    [{ address: 'x'.repeat(501) }, 'address'],
    [{ note: null }, 'note'],
    [{ identityDocument: 'card 123' }, 'identityDocument'],
    [{ identityDocument: { kind: 'card' } }, 'identityDocument.number'],
    [{ identityDocument: { kind: 'x'.repeat(501), number: '1' } }, 'identityDocument.kind'],
    [null, 'record'],
    [['fullName'], 'record'],
    ['Li Wei', 'record'],
  ])('rejects %j naming %s', (input, field) => {
    expect(fieldOf(input)).toBe(field);
  });

  it('accepts strings of exactly 500 characters', () => {
    expect(validatePersonalRecord({ note: 'x'.repeat(500) }).note).toHaveLength(500);
  });

  it('counts characters as the ledger does, not UTF-16 units: 500 characters outside the Basic Multilingual Plane pass, 501 do not', () => {
    // A name or address in rare CJK characters (U+20BB7 is two UTF-16 units) is as long as it reads.
    expect(validatePersonalRecord({ address: '\u{20BB7}'.repeat(500) }).address).toBe('\u{20BB7}'.repeat(500));
    expect(fieldOf({ address: '\u{20BB7}'.repeat(501) })).toBe('address');
  });
});
