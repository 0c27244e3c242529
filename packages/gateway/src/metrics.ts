import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** Prometheus metrics of one gateway instance, on its own registry (tests run several at once). */
export interface GatewayMetrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  callerRequests: Counter<'caller' | 'route' | 'status'>;
  upstreamOutcomes: Counter<'operation' | 'response_code' | 'outcome'>;
  tokenRefreshes: Counter<'result'>;
  qrMismatches: Counter<'kind'>;
  idempotentReplays: Counter<'kind'>;
  recoveredTransactions: Counter;
}

export function createMetrics(options: { defaultMetrics?: boolean } = {}): GatewayMetrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequests: new Counter({
      name: 'gateway_http_requests_total',
      help: 'HTTP requests by route and status.',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'gateway_http_request_duration_seconds',
      help: 'HTTP request latency by route and status.',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    callerRequests: new Counter({
      name: 'gateway_caller_requests_total',
      help: 'HTTP requests by caller name (never the key), route and status; none = no valid key.',
      labelNames: ['caller', 'route', 'status'],
      registers: [registry],
    }),
    upstreamOutcomes: new Counter({
      name: 'gateway_upstream_outcomes_total',
      help: '1LINK calls by operation, response code (or error class) and stored outcome.',
      labelNames: ['operation', 'response_code', 'outcome'],
      registers: [registry],
    }),
    tokenRefreshes: new Counter({
      name: 'gateway_token_refreshes_total',
      help: 'OAuth token requests to 1LINK by result.',
      labelNames: ['result'],
      registers: [registry],
    }),
    qrMismatches: new Counter({
      name: 'gateway_qr_mismatches_total',
      help: 'QRs whose decoded fields disagree with the request.',
      labelNames: ['kind'],
      registers: [registry],
    }),
    idempotentReplays: new Counter({
      name: 'gateway_idempotent_replays_total',
      help: 'Requests answered from the store for a repeated Idempotency-Key.',
      labelNames: ['kind'],
      registers: [registry],
    }),
    recoveredTransactions: new Counter({
      name: 'gateway_recovered_transactions_total',
      help: 'Pending transactions a crash left behind, marked unknown for reconciliation.',
      registers: [registry],
    }),
  };
}
