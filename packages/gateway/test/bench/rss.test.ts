import { describe, expect, it } from 'vitest';
import { type RssPhases, rssLine } from '../../bench/rss.js';

const phases = (over: Partial<RssPhases>): RssPhases => ({
  warmUpCreates: 60_000,
  creates: 20_000,
  before: 200,
  after: 210,
  warmUpSamples: [100, 150, 190, 200, 210, 220],
  measuredSamples: [205, 215, 225],
  ...over,
});

describe('bench RSS summary', () => {
  it('compares the ends, the medians (warm-up: its second half only) and the highest readings', () => {
    expect(rssLine('run 2, gateway SQLite', phases({}))).toBe(
      'run 2, gateway SQLite: RSS 200 MiB after 60000 warm-up creates, 210 MiB after 20000 more (5.0%); ' +
        "median of readings every 250 ms, warm-up's second half 210 MiB, the 20000 creates 215 MiB (2.4%); " +
        'highest reading 220 MiB and 225 MiB (2.3%); range 200–220 and 205–225 MiB',
    );
  });

  it('a fall is a negative percentage', () => {
    const line = rssLine('gateway Postgres', phases({ before: 250, after: 200 }));
    expect(line).toContain('200 MiB after 20000 more (-20.0%)');
  });
});
