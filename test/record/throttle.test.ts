import { createThrottle } from '@onelink-kit/mock';
import { describe, expect, it } from 'vitest';

/** A clock that only moves when the throttle sleeps, so the test checks decisions, not timing. */
function fakeClock() {
  let t = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    advance: (ms: number) => {
      t += ms;
    },
    clock: {
      now: () => t,
      sleep: async (ms: number) => {
        sleeps.push(ms);
        t += ms;
      },
    },
  };
}

describe('createThrottle', () => {
  it.each([
    {
      name: 'back-to-back tasks wait the full interval',
      interval: 1000,
      work: [0, 0, 0],
      want: [1000, 1000],
    },
    { name: 'a slow task uses up part of the interval', interval: 1000, work: [400, 0], want: [600] },
    { name: 'a task longer than the interval needs no wait', interval: 1000, work: [1500, 0], want: [] },
    { name: 'interval 0 never sleeps', interval: 0, work: [0, 0], want: [] },
  ])('$name', async ({ interval, work, want }) => {
    const c = fakeClock();
    const throttle = createThrottle(interval, c.clock);
    await Promise.all(work.map((ms) => throttle.run(async () => c.advance(ms))));
    expect(c.sleeps).toEqual(want);
  });

  it('runs tasks one at a time, in call order, even when called concurrently', async () => {
    const c = fakeClock();
    const throttle = createThrottle(10, c.clock);
    const events: string[] = [];
    let running = 0;
    const task = (name: string) => async () => {
      running++;
      events.push(`${name} start (${running} running)`);
      await Promise.resolve();
      running--;
      events.push(`${name} end`);
    };
    await Promise.all([throttle.run(task('a')), throttle.run(task('b')), throttle.run(task('c'))]);
    expect(events).toEqual([
      'a start (1 running)',
      'a end',
      'b start (1 running)',
      'b end',
      'c start (1 running)',
      'c end',
    ]);
  });

  it('keeps going after a task fails', async () => {
    const throttle = createThrottle(0, fakeClock().clock);
    await expect(throttle.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(throttle.run(async () => 'next')).resolves.toBe('next');
  });

  it('rejects a negative interval', () => {
    expect(() => createThrottle(-1)).toThrow(/non-negative/);
  });
});
