import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import * as E from 'fp-ts/Either';
import type { Ledger } from '@hearth/ledger';
import { HEARTH_LEDGER, householdBusCommand, type AcceptedHouseholdCommand, type HouseholdCommandResult } from '@hearth/nest';
import type { CommandAccepted } from '../api-bodies';
import type { Principal } from '../auth/principal';
import { domainErrorResponse, ErrorResponse } from '../errors/error-response';
import { decodedCommand } from './codec-refusal';
import { storeFaultResponse } from '../errors/store-fault';
import { commandRefusal } from './command-access';
import { conflictResponse } from './conflict-response';
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
    const parsed = decodedCommand(input);
    if (E.isLeft(parsed)) return refused(parsed.left);
    const command = parsed.right;
    // Only a caseworker's scope depends on where the household is now (a fold of its stream).
    const currentDivision = principal.role === 'caseworker' ? await this.divisions.current(command.householdId) : undefined;
    const refusal = commandRefusal(principal, command, this.ledger.divisions, currentDivision);
    if (refusal) return refused({ status: refusal.status, body: refusal.body });
    let result: HouseholdCommandResult;
    try {
      // The area is checked again on the state the command is decided from: the household may move meanwhile (decision 216).
      result = await this.commandBus.execute(householdBusCommand({ ...command, actor: principal.actor }, principal.role === 'caseworker' ? principal.division : undefined));
    } catch (e) {
      // A busy or full store wrote nothing: this command's answer says so (in a batch, the others keep theirs).
      const fault = storeFaultResponse(e);
      if (fault) return refused(fault);
      throw e;
    }
    switch (result.status) {
      case 'accepted':
        return { accepted: true, status: 201, body: { householdId: command.householdId, appended: appendedOf(result), unchanged: false } };
      case 'unchanged':
        return { accepted: true, status: 201, body: { householdId: command.householdId, appended: [], unchanged: true } };
      case 'rejected':
        return refused(domainErrorResponse(result.error));
      case 'conflict':
        return refused(conflictResponse(command.householdId, result.attempts));
      default: {
        const unreachable: never = result;
        return unreachable;
      }
    }
  }
}

/**
 * Each appended event with its global position, as the executor read them back after the
 * commit (positions need not be contiguous in every store, so they are read, not counted).
 * Had that read failed, the command is recorded all the same and still answers 201: the
 * position is known for the last event only (the append's own), and null for the others.
 */
const appendedOf = (result: AcceptedHouseholdCommand): CommandAccepted['appended'] =>
  result.recorded?.map((e) => ({ eventId: e.eventId, type: e.type, streamVersion: e.streamVersion, position: e.position })) ??
  result.events.map((e, i) => ({ eventId: e.eventId, type: e.type, streamVersion: e.streamVersion, position: i === result.events.length - 1 ? result.lastPosition : null }));

const refused = (response: ErrorResponse): CommandResponse => ({ accepted: false, ...response });
