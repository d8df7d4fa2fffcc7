import { answerWithin, itemsWithin, NoAnswerError } from './no-answer';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function* paced(count: number, gapMs: number): AsyncGenerator<number> {
  for (let i = 0; i < count; i++) {
    await sleep(gapMs);
    yield i;
  }
}

const collect = async (items: AsyncIterable<number>): Promise<number[]> => {
  const out: number[] = [];
  for await (const item of items) out.push(item);
  return out;
};

describe('answerWithin', () => {
  it('gives the answer that comes in time', async () => {
    expect(await answerWithin(sleep(10).then(() => 'ok'), 1_000, 'a call')).toBe('ok');
  });

  it('fails with a NoAnswerError naming the setting when none comes, and ignores a late failure', async () => {
    const late = sleep(200).then(() => Promise.reject(new Error('late')));
    const error = await answerWithin(late, 50, 'an append to a').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoAnswerError);
    expect((error as Error).message).toBe('the node sent nothing for an append to a in 50 ms (defaultDeadline=50 in the store URL)');
    await sleep(250); // the late rejection must not surface as unhandled
  });
});

describe('itemsWithin', () => {
  // A large read that keeps answering: 8 items over ~800 ms against a 300 ms bound.
  it('never cuts a read that keeps sending, however long it takes in all', async () => {
    const started = Date.now();
    expect(await collect(itemsWithin(paced(8, 100), 300, 'a read'))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(Date.now() - started).toBeGreaterThan(300);
  });

  it('fails when the next item does not come in time', async () => {
    const error = await collect(itemsWithin(paced(3, 400), 100, 'a read of $all')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoAnswerError);
    expect((error as NoAnswerError).ms).toBe(100);
  });

  it('closes the source when the caller stops early, as a plain for-await would', async () => {
    let closed = false;
    const source = (async function* () {
      try {
        yield* paced(5, 10);
      } finally {
        closed = true;
      }
    })();
    for await (const item of itemsWithin(source, 1_000, 'a read')) if (item === 1) break;
    await sleep(50);
    expect(closed).toBe(true);
  });
});
