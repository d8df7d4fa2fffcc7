import { createHash, timingSafeEqual } from 'node:crypto';
import type { Principal } from './principal';
import type { TokenEntry } from './token-entry';

const sha256 = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

interface Known {
  readonly hash: Buffer;
  readonly principal: Principal;
}

/**
 * Finds the principal a bearer token stands for. Tokens are kept as SHA-256 hashes and
 * compared with timingSafeEqual (equal lengths by construction); every entry is compared
 * whatever matched, so the time taken says nothing about which token, or how much of one, was right.
 */
export class TokenRegistry {
  private readonly known: readonly Known[];

  constructor(entries: readonly TokenEntry[]) {
    this.known = entries.map((e) => {
      const hash = sha256(e.token);
      return {
        hash,
        principal: {
          role: e.role,
          ...(e.division !== undefined ? { division: e.division } : {}),
          // Without a name the actor is pseudonymous but stable: a prefix of the token's hash.
          actor: e.name ?? `token:${hash.toString('hex').slice(0, 12)}`,
        },
      };
    });
  }

  find(token: string): Principal | undefined {
    const presented = sha256(token);
    let found: Principal | undefined;
    for (const k of this.known) if (timingSafeEqual(k.hash, presented) && found === undefined) found = k.principal;
    return found;
  }
}
