import type { EventStore } from '../event-store';
import type { ContractOptions, EventStoreFixture } from './contract-kit';

/**
 * What every part of the contract reads: the adapter's name and options, and the store
 * and fixture of the running test (set by the kit's beforeEach; the reopen case replaces
 * the store, so parts read it through this object rather than keep their own).
 */
export interface ContractScope {
  readonly name: string;
  readonly options: ContractOptions;
  /** Event ids are unique in the whole store, not only within one append. */
  readonly storeWide: boolean;
  /** Positions run 1, 2, 3, … with no gap. */
  readonly contiguous: boolean;
  /** A failed batch stores nothing. */
  readonly atomic: boolean;
  store: EventStore;
  fixture: EventStoreFixture;
}
