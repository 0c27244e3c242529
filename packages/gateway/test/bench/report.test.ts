import { describe, expect, it } from 'vitest';
import { medianTable, PRISM, prismAgain, prismRatios, type Row, runTable } from '../../bench/report.js';

const row = (name: string, rps: number, p99 = 10, errors = 0, cpuMs?: number): Row => ({
  name,
  rps,
  p50: 5,
  p99,
  errors,
  ...(cpuMs === undefined ? {} : { cpuMs }),
});

describe('bench report', () => {
  it('one run: each row with its ratio to that run’s Prism', () => {
    const table = runTable([row(PRISM, 500), row('fake', 900), row('gateway: create', 250, 10, 0, 2.345)]);
    const lines = table.split('\n');
    expect(lines[3]).toBe('| fake | 900 | 5.0 | 10.0 | 0 | 1.80× |  |');
    expect(lines.at(-1)).toBe('| gateway: create | 250 | 5.0 | 10.0 | 0 | 0.50× | 2.35 |');
  });

  // A machine that slows down during a run: each set-up's ratios are to Prism measured again before it.
  it.each([
    {
      name: 'one Prism row: every other row against it, those before it too',
      given: [row('fake', 900), row(PRISM, 500), row('gateway A: create', 250)],
      want: { fake: 1.8, [PRISM]: undefined, 'gateway A: create': 0.5 },
    },
    {
      name: 'Prism again: the rows after it against it, and it against the Prism row before it',
      given: [
        row('fake', 900),
        row(PRISM, 500),
        row('gateway A: create', 250),
        row(prismAgain('B'), 250),
        row('gateway B: create', 250),
        row(prismAgain('C'), 125),
        row('gateway C: create', 250),
      ],
      want: {
        fake: 1.8,
        [PRISM]: undefined,
        'gateway A: create': 0.5,
        [prismAgain('B')]: 0.5,
        'gateway B: create': 1,
        [prismAgain('C')]: 0.5,
        'gateway C: create': 2,
      },
    },
    {
      name: 'no Prism row (BENCH_ONLY=gateway): no ratios',
      given: [row('gateway A: create', 250), row('gateway A: GET', 900)],
      want: { 'gateway A: create': undefined, 'gateway A: GET': undefined },
    },
  ])('ratios: $name', ({ given, want }) => {
    const ratios = prismRatios(given);
    expect(Object.fromEntries(given.map((r) => [r.name, ratios.get(r)]))).toEqual(want);
  });

  it('Prism again is named after the set-up it comes before', () => {
    expect(prismAgain('SQLite 2 workers')).toBe(`${PRISM}, again before gateway SQLite 2 workers`);
  });

  it('several runs: a set-up’s ratio is to the Prism measured before it in its own run', () => {
    // Run 2 slowed down after its first Prism row: against that row its gateway would read 0.25×.
    const runs = [
      [row(PRISM, 600), row(prismAgain('A'), 600), row('gateway A: create', 300)],
      [row(PRISM, 800), row(prismAgain('A'), 200), row('gateway A: create', 100)],
    ];
    const lines = medianTable(runs).split('\n');
    expect(lines.at(-1)).toBe(
      '| gateway A: create | 200 | 100–300 | 5.0 | 10.0 | 10.0–10.0 | 0 | 0.50× | 0.50–0.50× |  |',
    );
    expect(lines[3]).toBe(
      `| ${prismAgain('A')} | 400 | 200–600 | 5.0 | 10.0 | 10.0–10.0 | 0 | 0.63× | 0.25–1.00× |  |`,
    );
  });

  it('several runs: medians, ranges, and ratios taken within each run before the median', () => {
    // Run 2 is slower across the board (machine load): its ratio is still 0.5.
    const runs = [
      [row(PRISM, 600), row('gateway: create', 300, 12, 0, 2)],
      [row(PRISM, 200), row('gateway: create', 100, 40, 1, 4)],
      [row(PRISM, 500), row('gateway: create', 400, 20)],
    ];
    const lines = medianTable(runs).split('\n');
    expect(lines[0]).toContain('median of 3 runs');
    expect(lines.at(-1)).toBe(
      '| gateway: create | 300 | 100–400 | 5.0 | 20.0 | 12.0–40.0 | 1 | 0.50× | 0.50–0.80× | 3.00 |',
    );
    expect(lines[2]).toBe(
      '| Prism 5.14.2 proxy --errors | 500 | 200–600 | 5.0 | 10.0 | 10.0–10.0 | 0 |  |  |  |',
    );
  });
});
