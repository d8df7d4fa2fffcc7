import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import * as E from 'fp-ts/Either';
import { DomainError, householdStream, parseCommand } from '@hearth/domain';
import type { CommandResult } from '@hearth/event-store';
import type { Ledger } from '@hearth/ledger';
import { HEARTH_LEDGER, householdBusCommand } from '@hearth/nest';
import type { CommandAccepted } from '../api-bodies';
import type { Principal } from '../auth/principal';
import { domainErrorResponse, ErrorResponse } from '../errors/error-response';
import { storeFaultResponse } from '../errors/store-fault';
import { commandRefusal } from './command-access';
import { HouseholdDivisions } from './household-divisions';

export type CommandResponse = { readonly accepted: true; readonly status: 201; readonly body: CommandAccepted } | (ErrorResponse & { readonly accepted: false });

/** One submitted command, from untrusted JSON to the answer the caller gets: decode, authorise, execute. */
@Injectable()
export class CommandService {
  constructor(
    @Inject(CommandBus) private readonly commandBus: CommandBus,
    @Inject(HouseholdDivisions) private readonly divisions: HouseholdDivisions,
    @Inject(HEARTH_LEDGER) private readonly ledger: Ledger,
  ) {}

  async submit(principal: Principal, input: unknown): Promise<CommandResponse> {
    const parsed = parseCommand(input);
    if (E.isLeft(parsed)) return refused(domainErrorResponse(parsed.left));
    const command = parsed.right;
    // Only a caseworker's scope depends on where the household is now (a fold of its stream).
    const currentDivision = principal.role === 'caseworker' ? await this.divisions.current(command.householdId) : undefined;
    const refusal = commandRefusal(principal, command, this.ledger.divisions, currentDivision);
    if (refusal) return refused({ status: refusal.status, body: refusal.body });
    let result: CommandResult<DomainError>;
    try {
      result = await this.commandBus.execute(householdBusCommand({ ...command, actor: principal.actor }));
    } catch (e) {
      // A busy or full store wrote nothing: this command's answer says so (in a batch, the others keep theirs).
      const fault = storeFaultResponse(e);
      if (fault) return refused(fault);
      throw e;
    }
    switch (result.status) {
      case 'accepted':
        return { accepted: true, status: 201, body: { householdId: command.householdId, appended: await this.appended(command.householdId, result), unchanged: false } };
      case 'unchanged':
        return { accepted: true, status: 201, body: { householdId: command.householdId, appended: [], unchanged: true } };
      case 'rejected':
        return refused(domainErrorResponse(result.error));
      case 'conflict':
        return refused({
          status: 409,
          body: { code: 'CONFLICT', message: `household ${command.householdId} kept changing while this command was decided (${result.attempts} attempts); nothing was appended: submit it again` },
        });
      default: {
        const unreachable: never = result;
        return unreachable;
      }
    }
  }

  /**
   * Each appended event with its global position, read back from the stream: the handler
   * reports only the last position, and positions need not be contiguous in every store.
   */
  private async appended(householdId: string, result: Extract<CommandResult<DomainError>, { status: 'accepted' }>): Promise<CommandAccepted['appended']> {
    const first = result.events[0]?.streamVersion ?? 0;
    const stored = await this.ledger.store.readStream(householdStream(householdId), { fromVersion: first, maxCount: result.events.length });
    return stored.map((e) => ({ eventId: e.eventId, type: e.type, streamVersion: e.streamVersion, position: e.position }));
  }
}

const refused = (response: ErrorResponse): CommandResponse => ({ accepted: false, ...response });
