import { StoreUnavailableError } from '@hearth/event-store';
import * as kit from '@hearth/event-store/testing';
import { EsdbEventStore } from './esdb-event-store';
import { openEsdbEventStore } from './open-esdb-event-store';
import { startEsdbStandIn, type EsdbStandIn } from './testing/esdb-stand-in';
import { NoAnswerError } from './no-answer';
import { startStandInProcess, type StandInProcess } from './testing/stand-in-process';

// A short deadline keeps the tests fast. The wall-clock limits below are loose on purpose
// (shared, noisy machine): the claim is the error and the setting that produced it; before
// decision 0155 a hung node held an append for ever and a read for about 80 s.
const DEADLINE = 1_500;
const LOOSE_LIMIT = 12_000;

jest.setTimeout(30_000);

const failure = async (call: () => Promise<unknown>): Promise<{ error: unknown; ms: number }> => {
  const started = Date.now();
  try {
    await call();
  } catch (error) {
    return { error, ms: Date.now() - started };
  }
  throw new Error('the call succeeded on a hung node');
};

const expectNoAnswer = ({ error, ms }: { error: unknown; ms: number }): void => {
  expect(error).toBeInstanceOf(StoreUnavailableError);
  expect((error as Error).cause).toBeInstanceOf(NoAnswerError);
  expect((error as Error).message).toMatch(`defaultDeadline=${DEADLINE}`);
  expect(ms).toBeLessThan(LOOSE_LIMIT);
};

describe('EsdbEventStore on a hung node (the stand-in stopped with SIGSTOP)', () => {
  let node: StandInProcess;
  let store: EsdbEventStore;
  beforeEach(async () => {
    node = await startStandInProcess();
    store = await openEsdbEventStore(`${node.url}&defaultDeadline=${DEADLINE}`);
    // Connected and served first, as a service's store is when its node hangs.
    await store.appendToStream('household-1', kit.testEvents(2), 'no_stream');
    expect(await store.readStream('household-1')).toHaveLength(2);
    expect(await store.readAll()).toHaveLength(2);
    node.hang();
  });
  afterEach(async () => {
    await node.kill();
    await store.close();
  });

  it('gives up an append within the URL defaultDeadline', async () => {
    expectNoAnswer(await failure(() => store.appendToStream('household-1', kit.testEvents(1), 1)));
  });

  it('gives up a stream read, a $all page and the head position within it', async () => {
    const [read, all, head] = await Promise.all([
      failure(() => store.readStream('household-1')),
      failure(() => store.readAll()),
      failure(() => store.headPosition()),
    ]);
    expectNoAnswer(read);
    expectNoAnswer(all);
    expectNoAnswer(head);
  });

  it('gives up an append on a new connection, which never gets the server settings', async () => {
    const fresh = EsdbEventStore.connect(`${node.url}&defaultDeadline=${DEADLINE}`);
    try {
      expectNoAnswer(await failure(() => fresh.appendToStream('household-2', kit.testEvents(1), 'no_stream')));
    } finally {
      await fresh.close();
    }
  });
});

describe('EsdbEventStore on a healthy node, with the deadlines', () => {
  let server: EsdbStandIn;
  beforeEach(async () => {
    server = await startEsdbStandIn();
  });
  afterEach(async () => {
    await server.close();
  });

  it('appends and reads as before with the default deadline (no defaultDeadline in the URL)', async () => {
    const store = await openEsdbEventStore(server.url);
    try {
      await store.appendToStream('household-1', kit.testEvents(3), 'no_stream');
      expect(await store.readStream('household-1')).toHaveLength(3);
      expect(await store.readAll()).toHaveLength(3);
      expect(await store.headPosition()).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });

  // A live subscription is meant to wait: the deadline bounds calls that expect an answer, not it.
  it('keeps a live subscription open past the deadline, and delivers what comes after', async () => {
    const store = await openEsdbEventStore(`${server.url}&defaultDeadline=${DEADLINE}`);
    const seen: string[] = [];
    const errors: unknown[] = [];
    let caughtUp!: () => void;
    const live = new Promise<void>((resolve) => (caughtUp = resolve));
    const subscription = store.subscribeToAll({ onEvent: (event) => void seen.push(event.streamId), onCaughtUp: () => caughtUp(), onError: (e) => void errors.push(e) });
    try {
      await live;
      await new Promise((resolve) => setTimeout(resolve, 2 * DEADLINE));
      await store.appendToStream('household-2', kit.testEvents(1), 'no_stream');
      while (seen.length === 0 && errors.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(errors).toEqual([]);
      expect(seen).toEqual(['household-2']);
    } finally {
      await subscription.close();
      await store.close();
    }
  });
});
