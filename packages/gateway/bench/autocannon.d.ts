// autocannon ships no types; this is the part of its programmatic API the gateway benchmark uses.
declare module 'autocannon' {
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    amount?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    timeout?: number;
    /** Runs the load in worker threads, off the event loop of servers in this process. */
    workers?: number;
    /** The requests each connection cycles through; `setupRequest` (a function without `workers`) edits one before it is sent. */
    requests?: Array<{ setupRequest?: (request: Request) => Request }>;
  }
  interface Request {
    method: string;
    path: string;
    headers: Record<string, string>;
    body?: string | Buffer;
  }
  interface Histogram {
    average: number;
    mean: number;
    p50: number;
    p99: number;
    max: number;
  }
  interface Result {
    requests: Histogram & { total: number };
    latency: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    duration: number;
    /** Answers by HTTP status, e.g. { "200": { count: 10 } }. */
    statusCodeStats: Record<string, { count: number }>;
  }
  /** A run under way: it resolves to the result, and (without `workers`) reports each answer. */
  interface Run extends Promise<Result> {
    /** Each answer as it arrives; `responseTime` in ms, not rounded. */
    on(
      event: 'response',
      listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void,
    ): this;
  }
  function autocannon(options: Options): Run;
  export default autocannon;
}
