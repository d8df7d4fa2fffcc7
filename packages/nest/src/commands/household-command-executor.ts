import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import type { HouseholdCommand } from '@hearth/domain';
import type { RecordedEvent } from '@hearth/event-store';
import type { Ledger } from '@hearth/ledger';
import { HouseholdEventAccepted } from '../events/household-event-accepted';
import { syncedTreeScope } from '../read-side/synced-tree-scope';
import { HEARTH_LEDGER } from '../tokens';
import type { AcceptedHouseholdCommand, HouseholdCommandResult } from './household-bus-commands';

/**
 * What every family's handler does: the division trees brought up to the store's, the
 * ledger's command handler (load, decide, append with bounded retry on conflicts), then
 * the appended events read back once, as stored, and one HouseholdEventAccepted
 * published per event.
 */
@Injectable()
export class HouseholdCommandExecutor {
  private readonly logger = new Logger('Hearth');

  constructor(
    @Inject(HEARTH_LEDGER) private readonly ledger: Ledger,
    @Inject(EventBus) private readonly eventBus: EventBus,
  ) {}

  /** `actingWithin`: the sender's area, checked on the state the command is decided from (decision 216). */
  async execute(command: HouseholdCommand, actingWithin?: string): Promise<HouseholdCommandResult> {
    // A tree another process recorded since is the one the command is decided against, unless the request already took it in (docs/decisions/0084).
    if (!syncedTreeScope.covers(this.ledger)) await this.ledger.refreshDivisions();
    const ctx = this.ledger.context();
    const result = await this.ledger.commandHandler().handle(command, actingWithin === undefined ? ctx : { ...ctx, actingWithin });
    if (result.status !== 'accepted') return result;
    const recorded = await this.readBack(result);
    if (recorded !== undefined) this.eventBus.publishAll(recorded.map((e) => HouseholdEventAccepted.from(command.householdId, e)));
    return { ...result, recorded };
  }

  /**
   * The result names the events; their data, business date and global positions are read
   * back as stored. The append has committed by now, so a failed read (the store going away
   * in a shutdown, say) must not turn a recorded command into an error, which a caller
   * would answer by sending it again: it is logged, and nothing is published for it (the
   * events are in the log, where every catch-up reads them).
   */
  private async readBack(result: Omit<AcceptedHouseholdCommand, 'recorded'>): Promise<readonly RecordedEvent[] | undefined> {
    const first = result.events[0]?.streamVersion;
    if (first === undefined) return [];
    let read: readonly RecordedEvent[];
    try {
      read = await this.ledger.store.readStream(result.streamId, { fromVersion: first, maxCount: result.events.length });
    } catch (e) {
      return this.unread(result, e instanceof Error ? e.message : String(e));
    }
    // What was read must be what was appended, event for event: a shorter or other answer is not the command's.
    const same = read.length === result.events.length && read.every((e, i) => e.eventId === result.events[i]?.eventId);
    return same ? read : this.unread(result, `the stream answered ${read.length} event(s) that are not the ones appended`);
  }

  private unread(result: Omit<AcceptedHouseholdCommand, 'recorded'>, why: string): undefined {
    this.logger.error(
      `${result.streamId}: ${result.events.length} event(s) appended through position ${result.lastPosition}, then reading them back failed; ` +
        `they are recorded, but no HouseholdEventAccepted is published for them: ${why}`,
    );
    return undefined;
  }
}
