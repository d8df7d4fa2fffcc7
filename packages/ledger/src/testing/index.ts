/** Test helpers for code that embeds the ledger: never imported by production code. */
export { bitemporalMember, writeBitemporalExample } from './bitemporal-example';
