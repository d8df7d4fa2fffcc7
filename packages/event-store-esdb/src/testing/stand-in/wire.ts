import * as grpc from '@grpc/grpc-js';
import { ReadResp } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb';
import { StreamIdentifier, UUID } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/shared_pb';
import type { StoredEvent } from './log';

/** Protobuf helpers shared by the stand-in's handlers: how the server spells things on the wire. */

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const streamNameOf = (identifier: StreamIdentifier | undefined): string =>
  Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');

export const identifier = (streamName: string): StreamIdentifier => {
  const id = new StreamIdentifier();
  id.setStreamName(Uint8Array.from(Buffer.from(streamName, 'utf8')));
  return id;
};

export const uuidOf = (uuid: UUID | undefined): string | undefined => (uuid?.hasString() ? uuid.getString() : undefined);

/** uint64 fields travel as decimal strings (jstype = JS_STRING); the client sends 2^64-1 for "no limit". */
export const toCount = (value: string): number => {
  const n = BigInt(value);
  return n >= BigInt(Number.MAX_SAFE_INTEGER) ? Number.POSITIVE_INFINITY : Number(n);
};

export const grpcError = (code: grpc.status, details: string, trailers: Record<string, string> = {}): grpc.ServiceError => {
  const metadata = new grpc.Metadata();
  for (const [key, value] of Object.entries(trailers)) metadata.set(key, value);
  return Object.assign(new Error(details), { code, details, metadata });
};

/** .NET ticks (100 ns) since the Unix epoch, as the server sends `created`. */
export const createdNow = (): string => (BigInt(Date.now()) * 10_000n).toString();

/**
 * The size EventStoreDB counts against its append limit (`Event.SizeOnDisk`): data and
 * metadata bytes, plus two bytes per character of the event type.
 */
export const sizeOnDisk = (type: string, data: Uint8Array, customMetadata: Uint8Array): number =>
  data.length + customMetadata.length + type.length * 2;

export const eventResponse = (event: StoredEvent): ReadResp => {
  const recorded = new ReadResp.ReadEvent.RecordedEvent();
  recorded.setId(new UUID().setString(event.id));
  recorded.setStreamIdentifier(identifier(event.streamName));
  recorded.setStreamRevision(String(event.revision));
  recorded.setPreparePosition(String(event.position));
  recorded.setCommitPosition(String(event.position));
  const metadata = recorded.getMetadataMap();
  metadata.set('type', event.type);
  metadata.set('content-type', event.contentType);
  metadata.set('created', event.created);
  recorded.setData(event.data);
  recorded.setCustomMetadata(event.customMetadata);
  const read = new ReadResp.ReadEvent();
  read.setEvent(recorded);
  read.setCommitPosition(String(event.position));
  return new ReadResp().setEvent(read);
};
