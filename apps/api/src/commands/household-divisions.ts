import { Inject, Injectable } from '@nestjs/common';
import { householdDecider, householdStream, HouseholdState } from '@hearth/domain';
import { foldRecorded, householdEventCodec, initialFold, LruCache, type StreamFold } from '@hearth/event-store';
import type { Ledger } from '@hearth/ledger';
import { HEARTH_LEDGER } from '@hearth/nest';

/**
 * Households whose fold is kept between requests: as many as a command handler keeps
 * (event-store's CommandHandler), so a batch of 1,000 commands over as many households
 * still finds each one it comes back to.
 */
export const CACHED_HOUSEHOLDS = 1_000;

/**
 * The division a household belongs to now: the domain's fold of its stream, so a
 * correction of the registration's divisionCode moves it. Undefined for a household
 * that has no stream.
 *
 * Every call reads the store: only the events stored after the fold it keeps, so a
 * caseworker's scope check on a long stream costs one indexed read, not a fold of the
 * whole stream (a batch of 1,000 commands on one household folded it 1,000 times, and
 * held every other request for seconds: decision 203). What another process appended,
 * a correction that moves the household too, is read before it is answered; a kept fold
 * is never answered without that read.
 */
@Injectable()
export class HouseholdDivisions {
  /** Folds of household streams, each a prefix of what the store holds: behind it at worst, never ahead. */
  private readonly folds = new LruCache<string, StreamFold<HouseholdState>>(CACHED_HOUSEHOLDS);

  constructor(@Inject(HEARTH_LEDGER) private readonly ledger: Ledger) {}

  async current(householdId: string): Promise<string | undefined> {
    return (await this.state(householdId))?.divisionCode;
  }

  /** The household as it stands now (the domain's fold of its stream), or undefined when it has no stream. */
  async state(householdId: string): Promise<HouseholdState | undefined> {
    const streamId = householdStream(householdId);
    const kept = this.folds.get(streamId);
    const from = kept ?? initialFold(householdDecider.initialState);
    const newer = await this.ledger.store.readStream(streamId, { fromVersion: from.version + 1 });
    // The handlers' fold of stored events (decoding and metadata written once, in @hearth/event-store).
    const fold = foldRecorded(householdDecider, householdEventCodec, from, newer);
    if (fold.version < 0) return undefined;
    this.keep(streamId, fold);
    return fold.state;
  }

  /**
   * Keeps `fold` unless a later one of the stream is kept already: two requests on one
   * household read concurrently, and the one that read less may finish last. A stream
   * with no event is never kept, so commands naming households that do not exist evict none that do.
   */
  private keep(streamId: string, fold: StreamFold<HouseholdState>): void {
    const kept = this.folds.peek(streamId);
    if (kept === undefined || kept.version < fold.version) this.folds.set(streamId, fold);
  }
}
