import { isPersonalDataError } from './errors';
import { masterKeyFromEnv, masterKeyFromHex } from './master-key';

const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return isPersonalDataError(e) ? e.code : e;
  }
  return 'no error';
};

describe('master key input', () => {
  it('reads 64 hex digits from HEARTH_PERSONAL_DATA_KEY', () => {
    const hex = 'ab'.repeat(32);
    expect(masterKeyFromEnv({ HEARTH_PERSONAL_DATA_KEY: `${hex}\n` })).toEqual(Buffer.alloc(32, 0xab));
  });

  it('refuses a missing, short or non-hex key without echoing it', () => {
    expect(code(() => masterKeyFromEnv({}))).toBe('INVALID_MASTER_KEY');
    expect(code(() => masterKeyFromHex('ab'.repeat(31)))).toBe('INVALID_MASTER_KEY');
    expect(() => masterKeyFromHex('zz'.repeat(32))).toThrow(/^INVALID_MASTER_KEY: the master key must be 64 hex digits$/);
  });
});
