import type { OneLinkClient } from '@onelink-kit/client';
import type { OneLinkQrRequestLike } from '@onelink-kit/emvqr';
import type { Logger } from '../logger.js';
import type { GatewayMetrics } from '../metrics.js';
import type { QrKind, TransactionOutcome, TransactionRecord } from '../storage/transactions-store.js';
import type { UpstreamAnswers } from '../upstream/upstream-answers.js';
import { classifyUpstreamFailure } from './classify-upstream-failure.js';
import { errorJson, failureOutcome, successOutcome } from './outcomes.js';
import { decodeAndCheckSafely } from './qr-decode.js';
import { QR_OPERATION, type UpstreamRequest } from './upstream-request.js';

export type QrUpstream = Pick<OneLinkClient, 'generateDQRCMerchant' | 'generateDQRCAggregator'>;

export interface QrOperationDeps {
  upstream: QrUpstream;
  metrics: GatewayMetrics;
  /** Prefix for links in responses ('' gives relative links). */
  baseUrl: string;
  now: () => number;
  /** The raw 1LINK answers by RRN, recorded by the client's response hook (see upstream-client.ts). */
  answers?: UpstreamAnswers;
  /** Extra headers on every upstream call (tests: a Prism scenario). */
  upstreamHeaders?: Record<string, string>;
}

/**
 * Sends one pending row's body to 1LINK and turns whatever happens into the outcome to store: a
 * checked QR, or a classified failure with 1LINK's own answer attached. Never throws for an
 * upstream failure, so the row is always completed.
 */
export async function callQrOperation(
  kind: QrKind,
  pending: TransactionRecord,
  body: UpstreamRequest,
  log: Logger,
  deps: QrOperationDeps,
): Promise<TransactionOutcome> {
  const { upstream, metrics } = deps;
  const operation = QR_OPERATION[kind];
  const callOptions = deps.upstreamHeaders ? { headers: deps.upstreamHeaders } : {};
  let result: { data: unknown; status: number };
  try {
    result =
      kind === 'merchant'
        ? await upstream.generateDQRCMerchant(body as never, callOptions)
        : await upstream.generateDQRCAggregator(body as never, callOptions);
  } catch (error) {
    const failure = classifyUpstreamFailure(error);
    const outcome = failureOutcome(failure, error, pending);
    // The exact answer 1LINK sent (not just the client's summary of it), when there was one.
    const answer = deps.answers?.take(pending.rrn);
    if (answer !== undefined) outcome.upstreamResponse = answer;
    metrics.upstreamOutcomes.inc({ operation, response_code: failure.label, outcome: outcome.status });
    const level = outcome.status === 'unknown' ? 'error' : 'warn';
    log[level]({ err: errorJson(error), outcome: outcome.status }, '1LINK call did not produce a QR');
    return outcome;
  }
  deps.answers?.take(pending.rrn);

  const data = result.data as { responseCode: string; responseDescription: string; qrString: string };
  metrics.upstreamOutcomes.inc({ operation, response_code: data.responseCode, outcome: 'succeeded' });
  const checked = decodeAndCheckSafely(data.qrString, body as OneLinkQrRequestLike);
  if (checked.decoderError !== undefined) {
    log.error({ err: errorJson(checked.decoderError) }, 'QR decoding failed');
  }
  if (!checked.check.ok) {
    metrics.qrMismatches.inc({ kind });
    log.warn(
      { mismatches: checked.check.mismatches },
      'QR from 1LINK disagrees with the request (stored and reported)',
    );
  }
  return successOutcome({ status: result.status, data }, pending, checked, {
    baseUrl: deps.baseUrl,
    completedAt: new Date(deps.now()).toISOString(),
  });
}
