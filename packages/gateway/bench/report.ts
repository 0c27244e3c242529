// The tables `pnpm bench:gateway` prints: one run's rows, and with --runs N the median of each row over
// the runs with its spread, each ratio to Prism computed within its own run before the median is taken.
// Prism is measured again before each gateway set-up after the first, and a row's ratio is to the Prism
// row measured last before it: a machine that slows or speeds up during a run (the README's runs show
// both) then moves the two sides of a ratio together, rather than only the rows measured after a change.
import { median } from './median.js';

export interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** CPU time of the serving process(es) per request, in ms, where the bench can read it. */
  cpuMs?: number;
}

export const PRISM = 'Prism 5.14.2 proxy --errors';
const AGAIN = `${PRISM}, again before `;

/** The row name of Prism measured again right before a gateway set-up (its label). */
export const prismAgain = (setup: string): string => `${AGAIN}gateway ${setup}`;

const isPrism = (row: Row): boolean => row.name === PRISM || row.name.startsWith(AGAIN);

/**
 * Each row's ratio to the Prism row measured last before it in the same run; rows before the first
 * Prism row (the fake, the forwarder) to that first one. A Prism row measured again gets its ratio to
 * the Prism row before it: how far the machine moved in between.
 */
export function prismRatios(rows: readonly Row[]): Map<Row, number> {
  const ratios = new Map<Row, number>();
  let prism = rows.find(isPrism);
  for (const row of rows) {
    if (prism !== undefined && row !== prism) ratios.set(row, row.rps / prism.rps);
    if (isPrism(row)) prism = row;
  }
  return ratios;
}

/** One run: req/s, latency, errors and the ratio to the Prism row measured last before each. */
export function runTable(rows: Row[]): string {
  const ratios = prismRatios(rows);
  const lines = [
    '| target | req/s | p50 ms | p99 ms | errors | × Prism | CPU ms/req |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    const ratio = ratios.get(r);
    const times = ratio === undefined ? '' : `${ratio.toFixed(2)}×`;
    const cpu = r.cpuMs === undefined ? '' : r.cpuMs.toFixed(2);
    lines.push(
      `| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.errors} | ${times} | ${cpu} |`,
    );
  }
  return lines.join('\n');
}

const spread = (values: number[], digits: number) =>
  `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`;

/**
 * Several runs of the same rows: the median of each column, and the min–max of req/s, p99 and ratio.
 * CPU ms per request is the median of the runs that have it.
 */
export function medianTable(runs: Row[][]): string {
  const lines = [
    `| target (median of ${runs.length} runs) | req/s | req/s range | p50 ms | p99 ms | p99 range | errors | × Prism | × Prism range | CPU ms/req |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const names = [...new Set(runs.flatMap((rows) => rows.map((r) => r.name)))];
  const ratiosOf = runs.map(prismRatios);
  for (const name of names) {
    const samples = runs.flatMap((rows, i) => {
      const row = rows.find((r) => r.name === name);
      return row === undefined ? [] : [{ row, ratio: ratiosOf[i]?.get(row) }];
    });
    const rps = samples.map((s) => s.row.rps);
    const p99 = samples.map((s) => s.row.p99);
    const ratios = samples.flatMap((s) => (s.ratio === undefined ? [] : [s.ratio]));
    const cpu = samples.flatMap((s) => (s.row.cpuMs === undefined ? [] : [s.row.cpuMs]));
    const cells = [
      name,
      median(rps).toFixed(0),
      spread(rps, 0),
      median(samples.map((s) => s.row.p50)).toFixed(1),
      median(p99).toFixed(1),
      spread(p99, 1),
      String(samples.reduce((sum, s) => sum + s.row.errors, 0)),
      ratios.length === 0 ? '' : `${median(ratios).toFixed(2)}×`,
      ratios.length === 0 ? '' : `${spread(ratios, 2)}×`,
      cpu.length === 0 ? '' : median(cpu).toFixed(2),
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}
