import * as grpc from '@grpc/grpc-js';
import { Empty } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/shared_pb';
import { AppendReq, AppendResp } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb';
import { commit, type CommitOutcome, type Expectation } from './commit';
import type { FaultPlan } from './faults';
import type { ProposedEvent, StandInLog } from './log';
import { grpcError, streamNameOf, UUID_PATTERN, uuidOf } from './wire';

export interface AppendContext {
  log: StandInLog;
  faults: FaultPlan;
  maxAppendSize: number;
  calls: { append: number };
}

/** What a proposed message of either append call carries (the two calls share the shape). */
interface ProposedMessage {
  getId(): { hasString(): boolean; getString(): string } | undefined;
  getMetadataMap(): { get(key: string): string | undefined };
  getData_asU8(): Uint8Array;
  getCustomMetadata_asU8(): Uint8Array;
}

/** Checks ids and required metadata as the server does, before anything is committed. */
export const toProposed = (messages: readonly ProposedMessage[]): ProposedEvent[] =>
  messages.map((message) => {
    const id = uuidOf(message.getId() as Parameters<typeof uuidOf>[0]);
    if (id === undefined || !UUID_PATTERN.test(id)) throw grpcError(grpc.status.INVALID_ARGUMENT, `invalid event id ${String(id)}`);
    const metadata = message.getMetadataMap();
    const type = metadata.get('type');
    const contentType = metadata.get('content-type');
    if (type === undefined || contentType === undefined) {
      throw grpcError(grpc.status.INVALID_ARGUMENT, 'required metadata property missing (type, content-type)', {
        exception: 'missing-required-metadata-property',
      });
    }
    return { id: id.toLowerCase(), type, contentType, data: message.getData_asU8(), customMetadata: message.getCustomMetadata_asU8() };
  });

/** The server's answer to an append over the size limit (Append: an error with trailers). */
export const maxAppendSizeExceeded = (limit: number): grpc.ServiceError =>
  grpcError(grpc.status.INVALID_ARGUMENT, `Maximum Append Size of ${limit} Exceeded.`, {
    exception: 'maximum-append-size-exceeded',
    'maximum-append-size': String(limit),
  });

const expectationOf = (options: AppendReq.Options): Expectation => {
  const Case = AppendReq.Options.ExpectedStreamRevisionCase;
  switch (options.getExpectedStreamRevisionCase()) {
    case Case.REVISION:
      return { kind: 'revision', revision: Number(options.getRevision()) };
    case Case.NO_STREAM:
      return { kind: 'no_stream' };
    case Case.STREAM_EXISTS:
      return { kind: 'stream_exists' };
    case Case.ANY:
      return { kind: 'any' };
    default:
      throw grpcError(grpc.status.INVALID_ARGUMENT, 'append without an expected revision');
  }
};

/** `Streams.Append` (client streaming: options, then proposed messages), the call clients use when the server does not advertise `BatchAppend`. */
export const serveAppend = (
  call: grpc.ServerReadableStream<AppendReq, AppendResp>,
  callback: grpc.sendUnaryData<AppendResp>,
  context: AppendContext,
): void => {
  context.calls.append += 1;
  let options: AppendReq.Options | undefined;
  const messages: AppendReq.ProposedMessage[] = [];
  call.on('data', (req: AppendReq) => {
    if (req.hasOptions()) options = req.getOptions();
    else if (req.hasProposedMessage()) {
      const message = req.getProposedMessage();
      if (message) messages.push(message);
    }
  });
  call.on('error', () => undefined);
  call.on('end', () => {
    const fault = context.faults.take('append');
    if (fault) return callback(fault);
    if (!options) return callback(grpcError(grpc.status.INVALID_ARGUMENT, 'append without options'));
    try {
      const streamName = streamNameOf(options.getStreamIdentifier());
      if (streamName.length === 0) throw grpcError(grpc.status.INVALID_ARGUMENT, 'empty stream name');
      const outcome = commit(context.log, streamName, expectationOf(options), toProposed(messages), context.maxAppendSize);
      if (outcome.kind === 'too-big') return callback(maxAppendSizeExceeded(outcome.limit));
      callback(null, toResponse(outcome, options));
    } catch (error) {
      callback(error as grpc.ServiceError);
    }
  });
};

const toResponse = (outcome: Exclude<CommitOutcome, { kind: 'too-big' }>, options: AppendReq.Options): AppendResp => {
  if (outcome.kind === 'success') {
    const result = new AppendResp.Success();
    if (outcome.revision === undefined) result.setNoStream(new Empty());
    else result.setCurrentRevision(String(outcome.revision));
    if (outcome.position === undefined) result.setNoPosition(new Empty());
    else result.setPosition(new AppendResp.Position().setCommitPosition(String(outcome.position)).setPreparePosition(String(outcome.position)));
    return new AppendResp().setSuccess(result);
  }
  const wrong = new AppendResp.WrongExpectedVersion();
  if (outcome.current < 0) wrong.setCurrentNoStream(new Empty());
  else wrong.setCurrentRevision(String(outcome.current));
  const Case = AppendReq.Options.ExpectedStreamRevisionCase;
  switch (options.getExpectedStreamRevisionCase()) {
    case Case.REVISION:
      wrong.setExpectedRevision(options.getRevision());
      break;
    case Case.NO_STREAM:
      wrong.setExpectedNoStream(new Empty());
      break;
    case Case.STREAM_EXISTS:
      wrong.setExpectedStreamExists(new Empty());
      break;
    default:
      wrong.setExpectedAny(new Empty());
  }
  return new AppendResp().setWrongExpectedVersion(wrong);
};
