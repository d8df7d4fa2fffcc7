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
import { STORE_FAULT_CODES } from '../errors/store-fault';
import { decodedCommand } from './codec-refusal';
import { IDEMPOTENCY_KEY, IDEMPOTENCY_KEY_IN_USE_RETRY_AFTER } from './idempotency-key';

/**
 * The routes an Idempotency-Key names a request of: a batch (decision 158) and one command
 * (decision 203). One command is answered as a batch of one: its answer is the one item.
 */
export type KeyedRoute = 'POST /api/commands/batch' | 'POST /api/commands';

/** A request sent with a key: its route, its body's bytes as sent, and the commands in it (one command's body alone). */
export interface KeyedRequest {
  readonly route: KeyedRoute;
  readonly bytes: Uint8Array;
  readonly commands: readonly unknown[];
}

/** An answer as the controller sends it: the items (one command's is one), and the Retry-After they ask for. */
export interface DecidedBatch {
  readonly results: readonly BatchItemResult[];
  readonly retryAfterSeconds?: number;
}

/**
 * Requests sent with an Idempotency-Key (decisions 158, 203): the first request is decided
 * and its whole answer recorded in the ledger's store, in a stream of the caller's and the
 * key's; the same request again is answered that, deciding nothing. The caller is the
 * whole principal (role, division, actor): one token's keys never reach another's answers.
 * A key is the caller's on both routes: the same key sent to the other route is another body (422).
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
   * answered this body on this route, decided by `decide` and recorded when it is new. The
   * same key with another body is a 422; while this process decides a key's first request,
   * another request with it is a 409 (it would be decided again beside the first, or
   * answered before the first is recorded).
   */
  async once(principal: Principal, key: string, request: KeyedRequest, decide: () => Promise<DecidedBatch>): Promise<DecidedBatch & { readonly replayed: boolean }> {
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
      const requestSha256 = fingerprint(request);
      const found = await lookUpBatchAnswer(this.ledger.store, subject, key, requestSha256);
      if (found.kind === 'reused')
        throw new ApiError(422, { code: 'IDEMPOTENCY_KEY_REUSED', message: `this ${IDEMPOTENCY_KEY} was first sent with another body; nothing was decided: a new request needs a new key`, field: IDEMPOTENCY_KEY });
      if (found.kind === 'replay') return { ...decidedOf(found.answer, request.commands), replayed: true };
      const decided = await decide();
      if (isFinal(request.route, decided)) await this.record(request.route, principal, subject, key, requestSha256, recordedOf(request.route, decided, request.commands));
      return { ...decided, replayed: false };
    } finally {
      this.inFlight.delete(turn);
    }
  }

  /**
   * The request is applied: whatever becomes of its record, the client gets its answer. A
   * record the store refused (a fault, KurrentDB's append limit) or another process took
   * first is logged; a retry with the key is then decided again, or answered the other's.
   */
  private async record(route: KeyedRoute, principal: Principal, subject: string, key: string, requestSha256: string, answer: BatchAnswer): Promise<void> {
    try {
      const recorded = await recordBatchAnswer(this.ledger.store, { subject, key, requestSha256, answer, eventId: uuidV7(), actor: principal.actor, recordedAt: this.now(), schemaVersion: SCHEMA_VERSION });
      if (recorded.kind === 'taken') this.logger.warn(`${route}: another process recorded an answer under this ${IDEMPOTENCY_KEY} first; a retry will be answered that one`);
    } catch (error) {
      this.logger.warn(`${route}: the request was decided but its answer was not recorded (${error instanceof Error ? error.message : String(error)}); a retry with this ${IDEMPOTENCY_KEY} will be decided again`);
    }
  }
}

/**
 * What a key's first request is known by: the SHA-256 of the body's bytes as sent (a leading
 * BOM too: decision 197); for one command, of the route's name and then those bytes, so that
 * the same bytes sent to the other route are another request, refused 422, never answered
 * the other route's answer. A batch's is the bytes' alone, as recorded before decision 203.
 */
const fingerprint = ({ route, bytes }: KeyedRequest): string => {
  const hash = createHash('sha256');
  switch (route) {
    case 'POST /api/commands/batch':
      break;
    case 'POST /api/commands':
      // No JSON text begins with "POST": no batch body's bytes hash as this prefix and a command's body do.
      hash.update(`${route}\n`, 'utf8');
      break;
    default: {
      const unreachable: never = route;
      return unreachable;
    }
  }
  return hash.update(bytes).digest('hex');
};

/** The codes of an answer that decided nothing and says to send the command again: another writer's, the store's faults. */
const UNDECIDED_CODES: ReadonlySet<string> = new Set([...STORE_FAULT_CODES, 'CONFLICT']);

/**
 * Whether an answer is the key's for good, and so recorded. A batch's always, faults
 * included (decision 158: the commands before the fault were decided). One command that
 * met another writer or a store fault decided nothing and was told to send it again:
 * recorded, that retry would be answered the same wait for ever (decision 203).
 */
const isFinal = (route: KeyedRoute, decided: DecidedBatch): boolean => {
  switch (route) {
    case 'POST /api/commands/batch':
      return true;
    case 'POST /api/commands':
      return decided.results.every((r) => !('code' in r.body && UNDECIDED_CODES.has(r.body.code)));
    default: {
      const unreachable: never = route;
      return unreachable;
    }
  }
};

/** The status the route answered with: a batch's 200; one command's, its one item's (the controller decides it as a batch of one). */
const statusOf = (route: KeyedRoute, decided: DecidedBatch): number => {
  switch (route) {
    case 'POST /api/commands/batch':
      return 200;
    case 'POST /api/commands':
      return decided.results[0]?.status ?? 200;
    default: {
      const unreachable: never = route;
      return unreachable;
    }
  }
};

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
const recordedOf = (route: KeyedRoute, decided: DecidedBatch, commands: readonly unknown[]): BatchAnswer => {
  const items = decided.results.map((result, i) => {
    const text = JSON.stringify(result);
    const refused = result.status === 400 ? codecItem(commands[i]) : undefined;
    return refused !== undefined && JSON.stringify(refused) === text ? null : text;
  });
  const status = statusOf(route, decided);
  return decided.retryAfterSeconds === undefined ? { status, items } : { status, items, retryAfterSeconds: decided.retryAfterSeconds };
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
