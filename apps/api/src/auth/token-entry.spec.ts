import * as E from 'fp-ts/Either';
import { parseTokenFile, parseTokenFileText } from './token-entry';

const token = (c: string) => c.repeat(20);

describe('the token file', () => {
  it('reads a list of tokens with roles, a caseworker bound to a division', () => {
    const parsed = parseTokenFile([
      { token: token('a'), role: 'caseworker', division: 'V01', name: 'cw-anna' },
      { token: token('b'), role: 'auditor' },
      { token: token('c'), role: 'analyst', name: 'stats' },
    ]);
    expect(E.isRight(parsed) && parsed.right.map((e) => e.role)).toEqual(['caseworker', 'auditor', 'analyst']);
  });

  it.each([
    ['an unknown role', [{ token: token('a'), role: 'admin' }], '0.role'],
    ['a caseworker without a division', [{ token: token('a'), role: 'caseworker' }], '0.division'],
    ['an auditor bound to a division', [{ token: token('a'), role: 'auditor', division: 'V01' }], '0.division'],
    ['a short token', [{ token: 'short', role: 'auditor' }], '0.token'],
    ['a token with whitespace', [{ token: `${token('a')} x`, role: 'auditor' }], '0.token'],
    ['a token listed twice', [{ token: token('a'), role: 'auditor' }, { token: token('a'), role: 'analyst' }], '1.token'],
    ['an unknown field', [{ token: token('a'), role: 'auditor', password: 'x' }], '0.password'],
    ['a name that is not an id', [{ token: token('a'), role: 'auditor', name: 'two words' }], '0.name'],
    ['an empty list', [], ''],
  ])('refuses %s, naming the field', (_what, input, path) => {
    const parsed = parseTokenFile(input);
    expect(E.isLeft(parsed) && parsed.left.map((f) => f.path)).toContain(path);
  });

  it('says so when the file is not JSON', () => {
    const parsed = parseTokenFileText('[{"token": ');
    expect(E.isLeft(parsed) && parsed.left[0]?.message).toMatch(/^not JSON/);
  });
});
