import type { TokenEntry } from './token-entry';

/**
 * The demo tokens written when the service runs on loopback without HEARTH_TOKENS: one
 * per role, the caseworker in `caseworkerDivision`. Randomness is passed in (32 bytes a token).
 */
export const demoTokens = (randomHex: () => string, caseworkerDivision: string): TokenEntry[] => [
  { token: randomHex(), role: 'caseworker', division: caseworkerDivision, name: 'demo-caseworker' },
  { token: randomHex(), role: 'auditor', name: 'demo-auditor' },
  { token: randomHex(), role: 'analyst', name: 'demo-analyst' },
];
