import type { TokenEntry } from '../../src/auth/token-entry';

/** The example region (apps/cli/examples/divisions.json): R > P01 > P01C01 > P01C01T01 > villages V01, V02. */
export const WILLOW = 'P01C01T01V01';
export const STONE_BRIDGE = 'P01C01T01V02';
export const TOWNSHIP = 'P01C01T01';

export const TOKENS = {
  willow: 'caseworker-willow-0123456789abcdef',
  stoneBridge: 'caseworker-stone-0123456789abcdef',
  township: 'caseworker-township-0123456789abc',
  auditor: 'auditor-0123456789abcdef01234567',
  analyst: 'analyst-0123456789abcdef01234567',
} as const;

export const TOKEN_ENTRIES: TokenEntry[] = [
  { token: TOKENS.willow, role: 'caseworker', division: WILLOW, name: 'cw-willow' },
  { token: TOKENS.stoneBridge, role: 'caseworker', division: STONE_BRIDGE, name: 'cw-stone' },
  { token: TOKENS.township, role: 'caseworker', division: TOWNSHIP, name: 'cw-township' },
  { token: TOKENS.auditor, role: 'auditor', name: 'auditor-1' },
  { token: TOKENS.analyst, role: 'analyst' },
];
