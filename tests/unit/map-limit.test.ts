import { describe, expect, it } from 'vitest';
import { mapLimit } from '../../annotations/node/map-limit';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('mapLimit', () => {
  it('returns the results in order, with at most `limit` running at once', async () => {
    let running = 0;
    let most = 0;
    const results = await mapLimit([5, 1, 4, 2, 3, 0, 6], 3, async (n) => {
      most = Math.max(most, ++running);
      for (let i = 0; i < n; i++) await tick();
      running--;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30, 0, 60]);
    expect(most).toBe(3);
  });

  it('after a failure starts nothing more, and tells it only once every item under way has ended', async () => {
    const started: number[] = [];
    let running = 0;
    const outcome = mapLimit([0, 1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      started.push(n);
      running++;
      for (let i = 0; i < (n === 1 ? 1 : 5); i++) await tick();
      running--;
      if (n === 1) throw new Error('item 1 failed');
      return n;
    });
    await expect(outcome).rejects.toThrow('item 1 failed');
    expect(running).toBe(0);
    expect(started).toEqual([0, 1, 2]);
  });
});
