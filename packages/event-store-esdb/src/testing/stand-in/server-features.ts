import type * as grpc from '@grpc/grpc-js';
import type { Empty } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/shared_pb';
import { SupportedMethod, SupportedMethods } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/serverfeatures_pb';

/** The server version the stand-in claims: one that has `BatchAppend` and sends caught-up messages (23.10+). */
export const STAND_IN_SERVER_VERSION = '24.10.0';

/**
 * What `ServerFeatures.GetSupportedMethods` lists: the methods the stand-in serves, named
 * as a server names them (lower case, full service name). The client looks up
 * `/event_store.client.streams.streams/batchappend` here to choose its append path.
 */
const SERVED: readonly { service: string; method: string }[] = [
  { service: 'event_store.client.streams.streams', method: 'read' },
  { service: 'event_store.client.streams.streams', method: 'append' },
  { service: 'event_store.client.streams.streams', method: 'batchappend' },
  { service: 'event_store.client.server_features.serverfeatures', method: 'getsupportedmethods' },
];

export const serveSupportedMethods = (
  _call: grpc.ServerUnaryCall<Empty, SupportedMethods>,
  callback: grpc.sendUnaryData<SupportedMethods>,
  calls: { serverFeatures: number },
): void => {
  calls.serverFeatures += 1;
  const answer = new SupportedMethods().setEventStoreServerVersion(STAND_IN_SERVER_VERSION);
  answer.setMethodsList(SERVED.map(({ service, method }) => new SupportedMethod().setServiceName(service).setMethodName(method)));
  callback(null, answer);
};
