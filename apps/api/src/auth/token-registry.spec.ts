import * as E from 'fp-ts/Either';
import { demoTokens } from './demo-tokens';
import { parseTokenFile } from './token-entry';
import { TokenRegistry } from './token-registry';

describe('TokenRegistry', () => {
  const registry = new TokenRegistry([
    { token: 'caseworker-token-0000000001', role: 'caseworker', division: 'V01', name: 'cw-anna' },
    { token: 'auditor-token-00000000000002', role: 'auditor' },
  ]);

  it('finds the principal of a known token: role, division and actor name', () => {
    expect(registry.find('caseworker-token-0000000001')).toEqual({ role: 'caseworker', division: 'V01', actor: 'cw-anna' });
  });

  it('gives a token without a name a stable pseudonymous actor, not the token', () => {
    const actor = registry.find('auditor-token-00000000000002')?.actor;
    expect(actor).toMatch(/^token:[0-9a-f]{12}$/);
    expect(actor).not.toContain('auditor-token');
    expect(registry.find('auditor-token-00000000000002')?.actor).toBe(actor);
  });

  it('finds nothing for an unknown token, a prefix, an extension or an empty string', () => {
    for (const t of ['nope', 'caseworker-token-000000000', 'caseworker-token-00000000011', '']) expect(registry.find(t)).toBeUndefined();
  });
});

describe('demo tokens', () => {
  it('are one valid token file entry per role, with the randomness passed in', () => {
    let n = 0;
    const tokens = demoTokens(() => (n++).toString(16).padStart(64, '0'), 'V01');
    expect(tokens.map((t) => t.role)).toEqual(['caseworker', 'auditor', 'analyst']);
    expect(E.isRight(parseTokenFile(tokens))).toBe(true);
  });
});
