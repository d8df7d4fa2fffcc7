import { Body, Controller, HttpCode, Inject, Logger, Post, Query, Req, Res } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_BATCH } from '../api-options';
import type { BatchItemResult, CommandAccepted } from '../api-bodies';
import { Allow } from '../auth/allow.decorator';
import { CurrentPrincipal } from '../auth/principal.decorator';
import type { Principal } from '../auth/principal';
import { ApiError, type ErrorBody } from '../errors/api-error';
import { errorResponse, type ErrorResponse } from '../errors/error-response';
import { STORE_FAULT_CODES } from '../errors/store-fault';
import type { JsonRequest } from '../http/json-body';
import { decodeParams, NoParamsC } from '../reads/query-params';
import { BatchAnswers, type DecidedBatch, type KeyedRoute } from './batch-answers';
import { CommandService, type CommandResponse } from './command-service';
import { idempotencyKeyOf } from './idempotency-key';

@Controller('api/commands')
@Allow('caseworker')
export class CommandsController {
  private readonly logger = new Logger('HTTP');

  constructor(
    @Inject(CommandService) private readonly commands: CommandService,
    @Inject(MAX_BATCH) private readonly maxBatch: number,
    @Inject(BatchAnswers) private readonly answers: BatchAnswers,
  ) {}

  /**
   * One command: 201 with what it appended, or the error it met (400, 403, 409, 422). With an
   * Idempotency-Key, the same body sent again is answered what it was answered the first
   * time, the 201 or the refusal, marked Idempotent-Replayed, and nothing is decided again
   * (decision 203); without one, it is decided again. No query parameter is taken.
   */
  @Post()
  @HttpCode(201)
  async submit(
    @CurrentPrincipal() principal: Principal,
    @Body() body: unknown,
    @Query() query: unknown,
    @Req() req: IncomingMessage & JsonRequest,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<CommandAccepted> {
    decodeParams(NoParamsC, query);
    const key = idempotencyKeyOf(req);
    // Decided as a batch of one, so that the key's record and replay are the batch's own (batch-answers.ts).
    const decide = async (): Promise<DecidedBatch> => ({ results: [commandItem(await this.commands.submit(principal, body))] });
    const answer = await this.once(principal, key, 'POST /api/commands', [body], req, res, decide);
    const [item] = answer.results;
    if (item === undefined) throw new Error('one command is answered one item');
    // A refusal is sent by the exception filter, which keeps the header set above and sends the item's Retry-After.
    if ('code' in item.body) throw new ApiError(item.status, item.body, item.retryAfterSeconds);
    return item.body;
  }

  /**
   * Commands in order, each decided on its own after the ones before it (a later one may
   * build on an earlier one); the answer lists, in the same order, what each would have
   * answered alone, up to the first that meets a store fault (busy, out of reach, full):
   * the ones after it are answered with its status and code, not tried. A command answered
   * with a wait (a busy or unreachable store, a conflict) carries its retryAfterSeconds, and
   * the batch its Retry-After (the longest): a client that honours only the header waits
   * long enough before sending any of them again. With an Idempotency-Key, a batch sent
   * again is answered what it was answered the first time, marked Idempotent-Replayed, and
   * nothing is decided again (decision 158); without one, it is decided again (decision 147).
   * No query parameter is taken.
   */
  @Post('batch')
  @HttpCode(200)
  async submitBatch(
    @CurrentPrincipal() principal: Principal,
    @Body() body: unknown,
    @Query() query: unknown,
    @Req() req: IncomingMessage & JsonRequest,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<readonly BatchItemResult[]> {
    decodeParams(NoParamsC, query);
    const key = idempotencyKeyOf(req);
    if (!Array.isArray(body)) throw new ApiError(400, { code: 'INVALID_COMMAND', message: 'a batch is a JSON array of commands', field: '' });
    if (body.length > this.maxBatch) throw new ApiError(413, { code: 'PAYLOAD_TOO_LARGE', message: `a batch holds at most ${this.maxBatch} commands, this one ${body.length}` });
    const answer = await this.once(principal, key, 'POST /api/commands/batch', body, req, res, () => this.decideBatch(principal, body));
    if (answer.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(answer.retryAfterSeconds));
    return answer.results;
  }

  /**
   * `decide`'s answer; under an Idempotency-Key (`key`, read before the body is checked), the
   * key's first answer to this body on this route, replayed and marked so (decisions 158, 203).
   */
  private async once(
    principal: Principal, key: string | undefined, route: KeyedRoute, commands: readonly unknown[],
    req: IncomingMessage & JsonRequest, res: ServerResponse, decide: () => Promise<DecidedBatch>,
  ): Promise<DecidedBatch> {
    if (key === undefined) return decide();
    const answer = await this.answers.once(principal, key, { route, bytes: req.bodyBytes ?? new Uint8Array(), commands }, decide);
    if (answer.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return answer;
  }

  private async decideBatch(principal: Principal, body: readonly unknown[]): Promise<DecidedBatch> {
    const results: BatchItemResult[] = [];
    let fault: { readonly index: number; readonly answer: BatchItemResult } | undefined;
    for (const item of body) {
      // After a store fault the rest are not tried: each would wait out the same lock (5 s apiece) or meet the same full
      // disk, and a later command may build on the one that failed (decision 40).
      if (fault) {
        results.push(notTried(fault.index, fault.answer));
        continue;
      }
      const answer = await this.answerAlone(principal, item, results.length);
      if ('code' in answer.body && STORE_FAULT_CODES.has(answer.body.code)) fault = { index: results.length, answer };
      results.push(answer);
    }
    const wait = Math.max(0, ...results.map((r) => r.retryAfterSeconds ?? 0));
    return wait > 0 ? { results, retryAfterSeconds: wait } : { results };
  }

  /**
   * One command of a batch, answered as it would have been alone, also when it meets an
   * error (a damaged stream, a store gone, a bug): thrown out of the batch, that error
   * would answer the whole batch with a 5xx and hide the commands before it, which were
   * appended (decision 27: each command answered as it would have been alone).
   */
  private async answerAlone(principal: Principal, item: unknown, index: number): Promise<BatchItemResult> {
    try {
      return commandItem(await this.commands.submit(principal, item));
    } catch (error) {
      const answer = errorResponse(error);
      // As the exception filter does for a request: a deliberate 5xx was logged where it was decided, anything else is a bug to see.
      if (answer.status >= 500 && !(error instanceof ApiError))
        this.logger.error(`POST /api/commands/batch, command ${index}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return itemResult(answer);
    }
  }
}

/** A command after the one that met a store fault: its status, code and wait, and that it was not tried. */
const notTried = (index: number, { status, body, retryAfterSeconds }: BatchItemResult): BatchItemResult => {
  const code = (body as ErrorBody).code;
  const answer: BatchItemResult = { status, body: { code, message: `not tried: command ${index} of the batch met ${code} before it; nothing of this command was written — send it again` } };
  return retryAfterSeconds === undefined ? answer : { ...answer, retryAfterSeconds };
};

/** One command's answer as an item: what the batch route lists for it, and the single route sends. */
const commandItem = (answer: CommandResponse): BatchItemResult => (answer.accepted ? { status: answer.status, body: answer.body } : itemResult(answer));

/** A refusal as a batch item: what the single-command endpoint would have answered, its Retry-After included. */
const itemResult = ({ status, body, retryAfterSeconds }: ErrorResponse): BatchItemResult =>
  retryAfterSeconds === undefined ? { status, body } : { status, body, retryAfterSeconds };
