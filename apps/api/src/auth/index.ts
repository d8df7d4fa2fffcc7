/** The pure pieces of authentication, for main.ts: the token file, where tokens come from, demo tokens. */
export { MIN_TOKEN_LENGTH, parseTokenFile, parseTokenFileText, ROLES, TokenEntryC, TokenFileC, type Role, type TokenEntry } from './token-entry';
export { isLoopbackHost, tokenSource, type TokenSource } from './token-source';
export { demoTokens } from './demo-tokens';
export { TokenRegistry } from './token-registry';
export type { Principal } from './principal';
