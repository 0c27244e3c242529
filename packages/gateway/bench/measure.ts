/**
 * One measured row: a warm-up, then a timed phase of autocannon (or, at one connection, of
 * one-connection.ts, whose latencies keep their microseconds), the serving process's CPU time per
 * request read from /proc around the timed phase.
 */
import runAutocannon from 'autocannon';
import { type OneConnectionResult, oneConnectionLoad } from './one-connection.js';
import type { Row } from './report.js';
import { type Spread, spreadOver } from './spread.js';
import { cpuMs } from './targets.js';

export interface Load {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  connections?: number;
  amount?: number;
  /** Skip the timed warm-up before the measured run. */
  noWarmUp?: boolean;
  /** The serving process, whose CPU time per request the row reports. */
  pid?: number | undefined;
  /**
   * Each request goes to one of these, drawn at random (a path, or headers over `headers`). The load then
   * runs in this thread: only here can autocannon edit each request (the rows that use it send nothing
   * to the fake 1LINK, so this thread has nothing else to do).
   */
  spread?: Spread;
}

export interface Timing {
  /** Seconds of each timed phase. */
  seconds: number;
  /** Seconds of the warm-up before it. */
  warmUpSeconds: number;
  /** Connections, unless the load names its own. */
  connections: number;
}

/** A measured phase, by autocannon's result or by one-connection.ts (the same fields). */
interface Measured extends OneConnectionResult {
  /** What failed, for the log line. */
  failures: string;
}

type LoadOptions = Parameters<typeof runAutocannon>[0];

/** `measure(name, load, rows)`: runs the load, appends its row to `rows` and returns it. */
export function measurer(timing: Timing) {
  return async function measure(name: string, load: Load, rows: Row[]): Promise<Row> {
    const options = {
      url: load.url,
      method: load.method ?? 'POST',
      headers: load.headers ?? {},
      body: load.body,
      connections: load.connections ?? timing.connections,
      timeout: 30,
      ...(load.spread === undefined
        ? { workers: 1 }
        : { requests: [{ setupRequest: spreadOver(load.spread) }] }),
    };
    // The one-connection rows warm up the way they are measured (one-connection.ts).
    const oneByOne = options.connections === 1 && load.amount === undefined;
    if (load.noWarmUp !== true) {
      await (oneByOne
        ? timedOneByOne(options, timing.warmUpSeconds)
        : runAutocannon({ ...options, duration: timing.warmUpSeconds }));
    }
    const cpuBefore = load.pid === undefined ? Number.NaN : cpuMs(load.pid);
    const r = oneByOne
      ? await timedOneByOne(options, timing.seconds)
      : await byAutocannon(
          load.amount === undefined
            ? { ...options, duration: timing.seconds }
            : { ...options, amount: load.amount },
        );
    const cpu = load.pid === undefined ? Number.NaN : (cpuMs(load.pid) - cpuBefore) / r.total;
    const row: Row = {
      name,
      rps: r.total / r.seconds,
      p50: r.p50,
      p99: r.p99,
      errors: r.errors + r.non2xx,
      ...(Number.isFinite(cpu) ? { cpuMs: cpu } : {}),
    };
    rows.push(row);
    console.error(
      `  measured ${name}: ${row.rps.toFixed(0)} req/s${row.errors > 0 ? ` (${r.failures})` : ''}`,
    );
    return row;
  };
}

async function byAutocannon(options: LoadOptions): Promise<Measured> {
  const r = await runAutocannon(options);
  const statuses = Object.entries(r.statusCodeStats ?? {})
    .map(([status, { count }]) => `${status}×${count}`)
    .join(' ');
  return {
    total: r.requests.total,
    seconds: r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    failures: `errors ${r.errors}, timeouts ${r.timeouts}; statuses ${statuses}`,
  };
}

/** The one-connection rows' measured phase: latencies to the microsecond (one-connection.ts). */
async function timedOneByOne(options: LoadOptions, seconds: number): Promise<Measured> {
  const r = await oneConnectionLoad({
    url: options.url,
    method: options.method ?? 'POST',
    headers: options.headers ?? {},
    body: options.body,
    seconds,
  });
  return { ...r, failures: `connection failures ${r.errors}, not 2xx ${r.non2xx}` };
}
