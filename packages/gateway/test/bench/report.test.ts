import { describe, expect, it } from 'vitest';
import { medianTable, PRISM, type Row, runTable } from '../../bench/report.js';

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
