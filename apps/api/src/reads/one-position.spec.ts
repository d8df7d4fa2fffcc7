import { atOnePosition, ReadsKeptMovingError } from './one-position';

/** Positions handed out in turn, the last one for ever after; and how many reads were made. */
const positions = (...ps: number[]) => {
  let i = 0;
  return async () => ps[Math.min(i++, ps.length - 1)] as number;
};

describe('reads at one position of the read models', () => {
  it('reads once when nothing was applied meanwhile', async () => {
    let reads = 0;
    expect(await atOnePosition(positions(7, 7), async () => ++reads)).toEqual({ value: 1, position: 7 });
    expect(reads).toBe(1);
  });

  it('reads again when an event was applied between the reads, and answers the position of the read that stood still', async () => {
    let reads = 0;
    expect(await atOnePosition(positions(7, 8, 8), async () => ++reads)).toEqual({ value: 2, position: 8 });
  });

  it('refuses, rather than answer tables of two positions, when the log keeps moving', async () => {
    let reads = 0;
    await expect(atOnePosition(positions(1, 2, 3, 4), async () => ++reads, 3)).rejects.toBeInstanceOf(ReadsKeptMovingError);
    expect(reads).toBe(3);
  });
});
