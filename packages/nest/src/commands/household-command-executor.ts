import { Inject, Injectable } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import type { HouseholdCommand } from '@hearth/domain';
import type { Ledger } from '@hearth/ledger';
import { HouseholdEventAccepted } from '../events/household-event-accepted';
import { syncedTreeScope } from '../read-side/synced-tree-scope';
import { HEARTH_LEDGER } from '../tokens';
import type { HouseholdCommandResult } from './household-bus-commands';

/**
 * What every family's handler does: the division trees brought up to the store's, the
 * ledger's command handler (load, decide, append with bounded retry on conflicts), then
 * one HouseholdEventAccepted per appended event.
 */
@Injectable()
export class HouseholdCommandExecutor {
  constructor(
    @Inject(HEARTH_LEDGER) private readonly ledger: Ledger,
    @Inject(EventBus) private readonly eventBus: EventBus,
  ) {}

  async execute(command: HouseholdCommand): Promise<HouseholdCommandResult> {
    // A tree another process recorded since is the one the command is decided against, unless the request already took it in (docs/decisions/0084).
    if (!syncedTreeScope.covers(this.ledger)) await this.ledger.refreshDivisions();
    const result = await this.ledger.commandHandler().handle(command, this.ledger.context());
    if (result.status === 'accepted' && result.events.length > 0) {
      // The result names the events; their data, business date and global positions are read back as stored.
      const first = (result.events[0] as { streamVersion: number }).streamVersion;
      const stored = await this.ledger.store.readStream(result.streamId, { fromVersion: first, maxCount: result.events.length });
      this.eventBus.publishAll(stored.map((e) => HouseholdEventAccepted.from(command.householdId, e)));
    }
    return result;
  }
}
