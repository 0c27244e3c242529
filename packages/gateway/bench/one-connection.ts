// The measured phase of the one-connection rows. autocannon's result keeps latencies in whole
// milliseconds (an HDR histogram whose smallest unit is 1 ms, each value rounded down), too coarse for a
// p99 of a few ms; its `response` event carries each latency as measured, so this collects those.
// That event only fires when the load runs in this thread, not in a worker: here the load shares the
// event loop with the fake 1LINK, which costs nothing with one connection (each request waits for its
// answer, so the two never wait for each other), and a worker thread's extra wake-ups measured slower.
import runAutocannon from 'autocannon';

export interface OneConnectionLoad {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
  seconds: number;
}

export interface OneConnectionResult {
  /** Requests answered or failed. */
  total: number;
  seconds: number;
  /** Latency percentiles of the 2xx answers, in ms (nearest rank). */
  p50: number;
  p99: number;
  /** Connection errors and timeouts. */
  errors: number;
  non2xx: number;
}

export async function oneConnectionLoad(load: OneConnectionLoad): Promise<OneConnectionResult> {
  const latencies: number[] = [];
  const tracker = runAutocannon({
    url: load.url,
    method: load.method,
    headers: load.headers,
    ...(load.body === undefined ? {} : { body: load.body }),
    connections: 1,
    duration: load.seconds,
    timeout: 30,
  });
  tracker.on('response', (_client, status, _bytes, ms) => {
    if (status >= 200 && status <= 299) latencies.push(ms);
  });
  const r = await tracker;
  latencies.sort((a, b) => a - b);
  // Nearest rank: the smallest latency that at least this share of the answers did not exceed.
  const rank = (share: number) =>
    latencies[Math.max(0, Math.ceil(share * latencies.length) - 1)] ?? Number.NaN;
  return {
    total: r.requests.total,
    seconds: r.duration,
    p50: rank(0.5),
    p99: rank(0.99),
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
}
