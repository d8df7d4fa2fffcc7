import * as grpc from '@grpc/grpc-js';
import { Empty } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/shared_pb';
import { StreamsClient } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_grpc_pb';
import { ReadReq, type ReadResp } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb';
import { startEsdbStandIn, type EsdbStandIn } from './esdb-stand-in';
import { identifier } from './stand-in/wire';

/**
 * A read is sent a batch at a time, at the client's pace: the adapter's `headPosition`
 * once asked for a thousand events at every status line of two projectors, and written
 * all at once, those reads held the stand-in's event loop and piled up in its memory on a
 * loaded machine until it stopped answering (docs/decisions/0126).
 */
const EVENTS = 30_000;

/** A forwards read of a whole stream as the real client encodes one, without the client's reader in between. */
const readOf = (streamName: string): ReadReq => {
  const stream = new ReadReq.Options.StreamOptions();
  stream.setStreamIdentifier(identifier(streamName));
  stream.setStart(new Empty());
  const uuid = new ReadReq.Options.UUIDOption();
  uuid.setString(new Empty());
  const options = new ReadReq.Options();
  options.setStream(stream);
  options.setReadDirection(ReadReq.Options.ReadDirection.FORWARDS);
  options.setResolveLinks(false);
  options.setCount(String(EVENTS));
  options.setNoFilter(new Empty());
  options.setUuidOption(uuid);
  options.setControlOption(new ReadReq.Options.ControlOption().setCompatibility(1));
  return new ReadReq().setOptions(options);
};

jest.setTimeout(30_000);

const settle = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Every message of a read, once it has ended. */
const messages = (call: grpc.ClientReadableStream<ReadResp>): Promise<ReadResp[]> =>
  new Promise((resolve, reject) => {
    const out: ReadResp[] = [];
    call.on('data', (m: ReadResp) => out.push(m));
    call.on('end', () => resolve(out));
    call.on('error', reject);
  });

describe('the stand-in sends a large read a batch at a time', () => {
  let server: EsdbStandIn;
  let raw: StreamsClient;

  beforeEach(async () => {
    server = await startEsdbStandIn();
    const data = Buffer.from(JSON.stringify({ padding: 'x'.repeat(200) }));
    for (let i = 0; i < EVENTS; i++) server.appendForeign('big', { type: 'Padded', contentType: 'application/json', data });
    server.appendForeign('small', { type: 'One', contentType: 'application/json', data });
    raw = new StreamsClient(`127.0.0.1:${server.port}`, grpc.credentials.createInsecure());
  });

  afterEach(async () => {
    raw.close();
    await server.close();
  });

  it('answers another call while it is still sending a large read, and sends the whole read', async () => {
    const big = messages(raw.read(readOf('big')));
    const small = await messages(raw.read(readOf('small')));
    // The small read was answered before the large one was all sent.
    const sentWhenAnswered = server.calls.eventsRead;
    expect(small.filter((m) => m.hasEvent())).toHaveLength(1);
    expect(sentWhenAnswered).toBeLessThan(EVENTS);
    expect((await big).filter((m) => m.hasEvent())).toHaveLength(EVENTS);
    expect(server.calls.eventsRead).toBe(EVENTS + 1);
  });

  it('stops sending a read whose client has hung up', async () => {
    const call = raw.read(readOf('big'));
    call.on('error', () => undefined);
    await new Promise<void>((resolve) => call.once('data', () => resolve()));
    call.cancel();
    await settle(300);
    const afterCancel = server.calls.eventsRead;
    await settle(300);
    expect(server.calls.eventsRead).toBe(afterCancel);
    expect(afterCancel).toBeLessThan(EVENTS);
  });
});
