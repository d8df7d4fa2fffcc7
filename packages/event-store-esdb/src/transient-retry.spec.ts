import { StoreUnavailableError } from '@hearth/event-store';
import { UnavailableError } from '@kurrent/kurrentdb-client';
import { NoAnswerError } from './no-answer';
import { withTransientRetry } from './transient-retry';

const unavailable = (): Error => new UnavailableError(Object.assign(new Error('14 UNAVAILABLE: down'), { code: 14, details: 'down', metadata: undefined }) as never);

describe('withTransientRetry', () => {
  it('tries four times over about a second when the node answers UNAVAILABLE at once', async () => {
    let attempts = 0;
    const error = await withTransientRetry(() => {
      attempts += 1;
      return Promise.reject(unavailable());
    }, 10_000).catch((e: unknown) => e);
    expect(attempts).toBe(4);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toMatch(/after 4 attempts in \d+ ms/);
  });

  it('starts no attempt once the deadline has passed: a hung node costs one deadline, not four', async () => {
    let attempts = 0;
    const error = await withTransientRetry(async () => {
      attempts += 1;
      await new Promise((resolve) => setTimeout(resolve, 120));
      throw new NoAnswerError('a read', 100);
    }, 100).catch((e: unknown) => e);
    expect(attempts).toBe(1);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).cause).toBeInstanceOf(NoAnswerError);
  });

  it('still retries a quick failure when the deadline leaves room, then gives the answer', async () => {
    let attempts = 0;
    expect(
      await withTransientRetry(() => {
        attempts += 1;
        return attempts < 3 ? Promise.reject(unavailable()) : Promise.resolve('ok');
      }, 10_000),
    ).toBe('ok');
    expect(attempts).toBe(3);
  });
});
