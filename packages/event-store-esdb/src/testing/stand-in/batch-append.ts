import * as grpc from '@grpc/grpc-js';
import { BinaryWriter } from 'google-protobuf';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Code } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/code_pb';
import {
  AllStreamPosition,
  Empty,
  MaximumAppendSizeExceeded,
  Timeout,
  WrongExpectedVersion,
} from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/shared_pb';
import { Empty as ProtobufEmpty } from 'google-protobuf/google/protobuf/empty_pb';
import { Status } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/status_pb';
import { BatchAppendReq, BatchAppendResp } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb';
import type { AppendContext } from './append';
import { toProposed } from './append';
import { commit, type CommitOutcome, type Expectation } from './commit';
import { ANSWERED_FAULTS, type FaultKind } from './faults';
import type { ProposedEvent } from './log';
import { grpcError, sizeOnDisk, streamNameOf, uuidOf } from './wire';

export interface BatchAppendContext extends Omit<AppendContext, 'calls'> {
  /** The most one event may carry (`MaxAppendEventSize`, checked by BatchAppend only); undefined: no such limit. */
  maxAppendEventSize: number | undefined;
  calls: { batchAppend: number };
}

/** An append arriving in pieces on the shared stream, keyed by its correlation id. */
interface PendingAppend {
  options: BatchAppendReq.Options;
  messages: BatchAppendReq.ProposedMessage[];
}

const expectationOf = (options: BatchAppendReq.Options): Expectation => {
  const Case = BatchAppendReq.Options.ExpectedStreamPositionCase;
  switch (options.getExpectedStreamPositionCase()) {
    case Case.STREAM_POSITION:
      return { kind: 'revision', revision: Number(options.getStreamPosition()) };
    case Case.NO_STREAM:
      return { kind: 'no_stream' };
    case Case.STREAM_EXISTS:
      return { kind: 'stream_exists' };
    case Case.ANY:
      return { kind: 'any' };
    default:
      throw grpcError(grpc.status.INVALID_ARGUMENT, 'batch append without an expected stream position');
  }
};

const packed = (message: { serializeBinary(): Uint8Array }, typeName: string): Any => {
  const any = new Any();
  any.pack(message.serializeBinary(), typeName);
  return any;
};

const errorStatus = (code: Code, message: string, details: Any): Status => new Status().setCode(code).setMessage(message).setDetails(details);

/**
 * `Streams.BatchAppend`, the call clients use once `ServerFeatures` advertises it: one
 * long-lived duplex stream shared by every append of a client; each append is a run of
 * requests with one correlation id (options first, `is_final` on the last), answered by
 * one response with that correlation id, a success or a `google.rpc.Status` whose details
 * say why (wrong expected version, size limit).
 */
export const serveBatchAppend = (call: grpc.ServerDuplexStream<BatchAppendReq, BatchAppendResp>, context: BatchAppendContext): void => {
  const pending = new Map<string, PendingAppend>();
  call.on('error', () => undefined);
  call.on('end', () => call.end());
  call.on('data', (req: BatchAppendReq): void => {
    const correlation = uuidOf(req.getCorrelationId());
    if (correlation === undefined) {
      call.emit('error', grpcError(grpc.status.INVALID_ARGUMENT, 'batch append request without a correlation id'));
      return;
    }
    const options = req.getOptions();
    const entry = pending.get(correlation) ?? (options ? { options, messages: [] } : undefined);
    if (!entry) {
      call.emit('error', grpcError(grpc.status.INVALID_ARGUMENT, `batch append ${correlation} did not start with its options`));
      return;
    }
    pending.set(correlation, entry);
    entry.messages.push(...req.getProposedMessagesList());
    if (!req.getIsFinal()) return;
    pending.delete(correlation);
    context.calls.batchAppend += 1;
    const fault = context.faults.takeKind('batchAppend');
    if (fault !== undefined && !ANSWERED_FAULTS.has(fault)) {
      // The whole shared stream fails, as when the node goes away: every append in flight on it is refused.
      call.emit('error', context.faults.errorOf(fault));
      return;
    }
    const response = new BatchAppendResp().setCorrelationId(req.getCorrelationId()).setStreamIdentifier(entry.options.getStreamIdentifier());
    try {
      const streamName = streamNameOf(entry.options.getStreamIdentifier());
      if (streamName.length === 0) throw grpcError(grpc.status.INVALID_ARGUMENT, 'empty stream name');
      const expectation = expectationOf(entry.options);
      echoExpectation(response, expectation);
      if (fault === 'timeout' || fault === 'busy') {
        call.write(response.setError(answeredFault(fault)));
        return;
      }
      const proposed = toProposed(entry.messages);
      const tooLarge = eventOverLimit(proposed, context.maxAppendEventSize);
      if (tooLarge) {
        call.write(response.setError(tooLarge));
        return;
      }
      const outcome = commit(context.log, streamName, expectation, proposed, context.maxAppendSize);
      // Written, but the commit was not acknowledged in time: the server answers Timeout all the same.
      call.write(fault === 'commit-timeout' ? response.setError(answeredFault(fault)) : withOutcome(response, outcome, expectation));
    } catch (error) {
      call.emit('error', error as grpc.ServiceError);
    }
  });
};

/**
 * A server's answer to one append it did not complete (Streams.BatchAppend.cs): `Timeout`
 * (prepare, forward or commit timeout, or the append's deadline passed; `DEADLINE_EXCEEDED`
 * with a `Timeout` detail) or `NotHandled` TooBusy ("Server Is Busy", an empty detail).
 */
const answeredFault = (fault: FaultKind): Status =>
  fault === 'busy'
    ? errorStatus(Code.OK, 'Server Is Busy', packed(new ProtobufEmpty(), 'google.protobuf.Empty')) // the server sets no code here
    : errorStatus(Code.DEADLINE_EXCEEDED, 'Timeout', packed(new Timeout(), 'event_store.client.Timeout'));

/**
 * A current server's answer to an append carrying an event over `MaxAppendEventSize`
 * (Streams.BatchAppend.cs, Status.MaximumAppendEventSizeExceeded), nothing written. The
 * client's generated code has no `MaximumAppendEventSizeExceeded` message: it is encoded
 * here by its field numbers (event_id 1, proposed_event_size 2, max_append_event_size 3).
 */
const eventOverLimit = (proposed: readonly ProposedEvent[], limit: number | undefined): Status | undefined => {
  if (limit === undefined) return undefined;
  for (const event of proposed) {
    const size = sizeOnDisk(event.type, event.data, event.customMetadata);
    if (size <= limit) continue;
    const writer = new BinaryWriter();
    writer.writeString(1, event.id);
    writer.writeUint32(2, size);
    writer.writeUint32(3, limit);
    const details = new Any();
    details.pack(writer.getResultBuffer(), 'event_store.client.MaximumAppendEventSizeExceeded');
    return errorStatus(Code.INVALID_ARGUMENT, 'MaximumAppendEventSizeExceeded', details);
  }
  return undefined;
};

const echoExpectation = (response: BatchAppendResp, expectation: Expectation): void => {
  switch (expectation.kind) {
    case 'revision':
      response.setStreamPosition(String(expectation.revision));
      break;
    case 'no_stream':
      response.setNoStream(new Empty());
      break;
    case 'stream_exists':
      response.setStreamExists(new Empty());
      break;
    case 'any':
      response.setAny(new Empty());
      break;
  }
};

const withOutcome = (response: BatchAppendResp, outcome: CommitOutcome, expectation: Expectation): BatchAppendResp => {
  switch (outcome.kind) {
    case 'success': {
      const success = new BatchAppendResp.Success();
      if (outcome.revision === undefined) success.setNoStream(new Empty());
      else success.setCurrentRevision(String(outcome.revision));
      if (outcome.position === undefined) success.setNoPosition(new Empty());
      else success.setPosition(new AllStreamPosition().setCommitPosition(String(outcome.position)).setPreparePosition(String(outcome.position)));
      return response.setSuccess(success);
    }
    case 'wrong-expected-version': {
      const wrong = new WrongExpectedVersion();
      if (outcome.current < 0) wrong.setCurrentNoStream(new Empty());
      else wrong.setCurrentStreamRevision(String(outcome.current));
      if (expectation.kind === 'revision') wrong.setExpectedStreamPosition(String(expectation.revision));
      else if (expectation.kind === 'no_stream') wrong.setExpectedNoStream(new Empty());
      else if (expectation.kind === 'stream_exists') wrong.setExpectedStreamExists(new Empty());
      else wrong.setExpectedAny(new Empty());
      return response.setError(
        errorStatus(Code.FAILED_PRECONDITION, 'wrong expected version', packed(wrong, 'event_store.client.WrongExpectedVersion')),
      );
    }
    case 'too-big': {
      const exceeded = new MaximumAppendSizeExceeded().setMaxappendsize(outcome.limit);
      return response.setError(
        errorStatus(
          Code.INVALID_ARGUMENT,
          `Maximum Append Size of ${outcome.limit} Exceeded.`,
          packed(exceeded, 'event_store.client.MaximumAppendSizeExceeded'),
        ),
      );
    }
  }
};
