/**
 * The gateway's RSS over N creates after a warm-up of creates. RSS is read at the end of each phase and
 * every 250 ms through it: one reading lands wherever V8's heap is in its collection cycle, the median
 * of a phase's readings does not.
 */
import runAutocannon from 'autocannon';
import type { Load, measurer } from './measure.js';
import { median } from './median.js';
import type { Row } from './report.js';
import { rssMiB } from './targets.js';

export interface RssPhases {
  /** Creates before the measured phase, and in it. */
  warmUpCreates: number;
  creates: number;
  /** RSS (MiB) at the end of the warm-up and of the measured phase. */
  before: number;
  after: number;
  /** Readings every 250 ms through each phase (MiB). */
  warmUpSamples: number[];
  measuredSamples: number[];
}

/** Warms the gateway up with creates, then measures N more (a row of its own), reading RSS throughout. */
export async function measureRss(options: {
  label: string;
  create: Load;
  connections: number;
  warmUpCreates: number;
  creates: number;
  measure: ReturnType<typeof measurer>;
  rows: Row[];
}): Promise<RssPhases> {
  const { create, warmUpCreates, creates } = options;
  const warmUp = sampleRss(create.pid);
  await runAutocannon({
    url: create.url,
    headers: create.headers,
    body: create.body,
    method: 'POST',
    connections: options.connections,
    amount: warmUpCreates,
    workers: 1,
  });
  const warmUpSamples = warmUp.stop();
  const before = rssMiB(create.pid);
  const measured = sampleRss(create.pid);
  await options.measure(
    `gateway ${options.label}: ${creates} creates (RSS)`,
    { ...create, amount: creates, noWarmUp: true },
    options.rows,
  );
  const measuredSamples = measured.stop();
  return { warmUpCreates, creates, before, after: rssMiB(create.pid), warmUpSamples, measuredSamples };
}

/**
 * One line per gateway: the readings at the ends of the phases, the medians of the warm-up's second
 * half (its first half is the heap still growing to its working size) and of the measured phase, and the
 * highest readings of each. V8's old generation grows until a full collection and then shrinks, a
 * saw-tooth of tens of MiB whose period is tens of thousands of creates, so readings at two points (or
 * the medians of two stretches) can differ by where they fall on it. A leak raises the highest reading;
 * the saw-tooth does not.
 */
export function rssLine(label: string, phases: RssPhases): string {
  const { before, after, warmUpCreates, creates } = phases;
  const warm = phases.warmUpSamples.slice(Math.floor(phases.warmUpSamples.length / 2));
  const measured = phases.measuredSamples;
  const [warmMedian, measuredMedian] = [median(warm), median(measured)];
  const [warmPeak, measuredPeak] = [Math.max(...warm), Math.max(...measured)];
  const mib = (value: number) => value.toFixed(0);
  return [
    `${label}: RSS ${mib(before)} MiB after ${warmUpCreates} warm-up creates, ${mib(after)} MiB after ${creates} more (${percent(before, after)})`,
    `median of readings every 250 ms, warm-up's second half ${mib(warmMedian)} MiB, the ${creates} creates ${mib(measuredMedian)} MiB (${percent(warmMedian, measuredMedian)})`,
    `highest reading ${mib(warmPeak)} MiB and ${mib(measuredPeak)} MiB (${percent(warmPeak, measuredPeak)})`,
    `range ${mib(Math.min(...warm))}–${mib(warmPeak)} and ${mib(Math.min(...measured))}–${mib(measuredPeak)} MiB`,
  ].join('; ');
}

/** RSS readings of a process every 250 ms until `stop()`, which returns them (MiB). */
function sampleRss(pid: number | undefined): { stop(): number[] } {
  const samples: number[] = [];
  const timer = setInterval(() => samples.push(rssMiB(pid)), 250);
  return {
    stop() {
      clearInterval(timer);
      return samples.filter((sample) => Number.isFinite(sample));
    },
  };
}

function percent(from: number, to: number): string {
  return `${(((to - from) / from) * 100).toFixed(1)}%`;
}
