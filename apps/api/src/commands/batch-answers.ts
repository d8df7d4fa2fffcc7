import { Inject, Injectable, Logger } from '@nestjs/common';
import * as E from 'fp-ts/Either';
import { createHash } from 'node:crypto';
import { uuidV7 } from '@hearth/event-store';
import { lookUpBatchAnswer, recordBatchAnswer, SCHEMA_VERSION, type BatchAnswer, type Ledger } from '@hearth/ledger';
import { HEARTH_LEDGER } from '@hearth/nest';
import { CLOCK } from '../api-options';
import type { BatchItemResult } from '../api-bodies';
import type { Principal } from '../auth/principal';
import { ApiError } from '../errors/api-error';
import { decodedCommand } from './codec-refusal';
import { IDEMPOTENCY_KEY, IDEMPOTENCY_KEY_IN_USE_RETRY_AFTER } from './idempotency-key';

/** A batch's answer as the controller sends it: the items, and the Retry-After they ask for. */
export interface DecidedBatch {
  readonly results: readonly BatchItemResult[];
  readonly retryAfterSeconds?: number;
}

/**
 * Batches sent with an Idempotency-Key (decision 158): the first request is decided and
 * its whole answer recorded in the ledger's store, in a stream of the caller's and the
 * key's; the same request again is answered that, deciding nothing. The caller is the
 * whole principal (role, division, actor): one token's keys never reach another's answers.
 */
@Injectable()
export class BatchAnswers {
  private readonly logger = new Logger('HTTP');
  /** Caller-and-key pairs whose first request this process is deciding now. */
  private readonly inFlight = new Set<string>();

  constructor(
    @Inject(HEARTH_LEDGER) private readonly ledger: Ledger,
    @Inject(CLOCK) private readonly now: () => string,
  ) {}

  /**
   * The answer to this request under `key`: replayed (`replayed: true`) when the key already
   * answered this body, decided by `decide` and recorded when it is new. The same key with
   * another body is a 422; while this process decides a key's first request, another
   * request with it is a 409 (it would be decided again beside the first, or answered
   * before the first is recorded).
   */
  async once(
    principal: Principal,
    key: string,
    request: { readonly bytes: Uint8Array; readonly commands: readonly unknown[] },
    decide: () => Promise<DecidedBatch>,
  ): Promise<DecidedBatch & { readonly replayed: boolean }> {
    const subject = JSON.stringify([principal.role, principal.division ?? null, principal.actor]);
    const turn = JSON.stringify([subject, key]);
    if (this.inFlight.has(turn))
      throw new ApiError(
        409,
        { code: 'IDEMPOTENCY_KEY_IN_USE', message: `a request with this ${IDEMPOTENCY_KEY} is still being decided; send it again once that one is answered`, field: IDEMPOTENCY_KEY },
        IDEMPOTENCY_KEY_IN_USE_RETRY_AFTER,
      );
    this.inFlight.add(turn);
    try {
      // Over the bytes as sent, so that any byte that differs is another body (a leading BOM too: decision 197).
      const requestSha256 = createHash('sha256').update(request.bytes).digest('hex');
      const found = await lookUpBatchAnswer(this.ledger.store, subject, key, requestSha256);
      if (found.kind === 'reused')
        throw new ApiError(422, { code: 'IDEMPOTENCY_KEY_REUSED', message: `this ${IDEMPOTENCY_KEY} was first sent with another body; nothing was decided: a new batch needs a new key`, field: IDEMPOTENCY_KEY });
      if (found.kind === 'replay') return { ...decidedOf(found.answer, request.commands), replayed: true };
      const decided = await decide();
      await this.record(principal, subject, key, requestSha256, recordedOf(decided, request.commands));
      return { ...decided, replayed: false };
    } finally {
      this.inFlight.delete(turn);
    }
  }

  /**
   * The batch is applied: whatever becomes of its record, the client gets its answer. A
   * record the store refused (a fault, KurrentDB's append limit) or another process took
   * first is logged; a retry with the key is then decided again, or answered the other's.
   */
  private async record(principal: Principal, subject: string, key: string, requestSha256: string, answer: BatchAnswer): Promise<void> {
    try {
      const recorded = await recordBatchAnswer(this.ledger.store, { subject, key, requestSha256, answer, eventId: uuidV7(), actor: principal.actor, recordedAt: this.now(), schemaVersion: SCHEMA_VERSION });
      if (recorded.kind === 'taken') this.logger.warn(`POST /api/commands/batch: another process recorded an answer under this ${IDEMPOTENCY_KEY} first; a retry will be answered that one`);
    } catch (error) {
      this.logger.warn(`POST /api/commands/batch: the batch was decided but its answer was not recorded (${error instanceof Error ? error.message : String(error)}); a retry with this ${IDEMPOTENCY_KEY} will be decided again`);
    }
  }
}

/** A codec refusal as a batch item: what answerAlone makes of it (a 400 carries no Retry-After). */
const codecItem = (command: unknown): BatchItemResult | undefined => {
  const decoded = decodedCommand(command);
  return E.isLeft(decoded) ? { status: decoded.left.status, body: decoded.left.body } : undefined;
};

/**
 * The answer as recorded: each item's JSON text, but null for an item the command codec
 * answers again with the same bytes from the same command (its message quotes the refused
 * values: kept out of the log, decision 158). Any other item is kept as sent.
 */
const recordedOf = (decided: DecidedBatch, commands: readonly unknown[]): BatchAnswer => {
  const items = decided.results.map((result, i) => {
    const text = JSON.stringify(result);
    const refused = result.status === 400 ? codecItem(commands[i]) : undefined;
    return refused !== undefined && JSON.stringify(refused) === text ? null : text;
  });
  return decided.retryAfterSeconds === undefined ? { status: 200, items } : { status: 200, items, retryAfterSeconds: decided.retryAfterSeconds };
};

/**
 * The recorded answer parsed back, its codec refusals made again from the same commands (the
 * body's SHA-256 matched): Nest writes it out as the same bytes, JSON.stringify of what
 * JSON.parse made of JSON.stringify's output. A refusal the codec no longer makes (a
 * release between the two requests changed it) is said so rather than made up.
 */
const decidedOf = (answer: BatchAnswer, commands: readonly unknown[]): DecidedBatch => {
  const results = answer.items.map((text, i): BatchItemResult => {
    if (text !== null) return JSON.parse(text) as BatchItemResult;
    return codecItem(commands[i]) ?? { status: 400, body: { code: 'INVALID_COMMAND', message: 'refused by the command codec when first sent; this release accepts it: send it again under a new key' } };
  });
  return answer.retryAfterSeconds === undefined ? { results } : { results, retryAfterSeconds: answer.retryAfterSeconds };
};
