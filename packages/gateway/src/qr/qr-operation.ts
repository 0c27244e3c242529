import type { OneLinkClient, QrResult } from '@onelink-kit/client';
import { scrubDeep } from '@onelink-kit/core';
import type { OneLinkQrRequestLike } from '@onelink-kit/emvqr';
import type { Logger } from '../logger.js';
import type { GatewayMetrics } from '../metrics.js';
import type { QrKind, TransactionOutcome, TransactionRecord } from '../storage/transactions-store.js';
import type { UpstreamAnswers } from '../upstream/upstream-answers.js';
import { classifyUpstreamFailure } from './classify-upstream-failure.js';
import { errorJson, failureOutcome, successOutcome } from './outcomes.js';
import { refusedMismatches } from './qr-acceptance.js';
import { decodeAndCheckSafely, type QrCheckResult, qrStringUnusable } from './qr-decode.js';
import { QR_OPERATION, type UpstreamRequest } from './upstream-request.js';

/**
 * The 1LINK client as the QR operation uses it; its amount unit and transaction type (set once, from
 * ONELINK_AMOUNT_UNIT and ONELINK_TRANSACTION_TYPE) are how bodies are built and QRs checked.
 */
export type QrUpstream = Pick<OneLinkClient, 'generateDQRCMerchant' | 'generateDQRCAggregator'> &
  Partial<Pick<OneLinkClient, 'amountUnit' | 'transactionType'>>;

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
  /** The upstream is the gateway's default local mock (see QrAcceptanceOptions). */
  mockUpstream?: boolean;
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
  let result: QrResult;
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
  // The answer as the client's hook saw it (tokens scrubbed); credential-named members blanked in
  // any case, so a token 1LINK echoes in a 00 answer is neither stored nor returned.
  const recorded = deps.answers?.take(pending.rrn);
  // Read through the generated answer type (no cast): a field removed from the spec breaks this.
  const { data } = result;
  const stored = scrubDeep(recorded?.body ?? data, []);
  // Wherever the client found the payload: the spec's field, another text field or a QR image.
  const qrString = result.qr?.payload || null;
  if (result.qr !== undefined && result.qr.source !== 'field') {
    log.warn(
      { qrSource: result.qr.source, qrPath: result.qr.path },
      'QR payload found outside the spec field',
    );
  }
  const checked =
    qrString === null
      ? NO_QR
      : decodeAndCheckSafely(
          qrString,
          body as OneLinkQrRequestLike,
          upstream.amountUnit ? { amountUnit: upstream.amountUnit } : {},
        );
  if (checked.decoderError !== undefined) {
    log.error({ err: errorJson(checked.decoderError) }, 'QR decoding failed');
  }
  const refused = refusedMismatches(checked, { mockUpstream: deps.mockUpstream === true });
  const status = refused.length > 0 ? 'mismatched' : 'succeeded';
  metrics.upstreamOutcomes.inc({ operation, response_code: data.responseCode, outcome: status });
  if (!checked.check.ok) {
    metrics.qrMismatches.inc({ kind });
    const level = refused.length > 0 ? 'error' : 'warn';
    log[level](
      { mismatches: checked.check.mismatches, refused: refused.length },
      refused.length > 0
        ? 'QR from 1LINK cannot be shown: it disagrees with the request or cannot be read (stored as mismatched)'
        : 'QR from 1LINK differs from the request on fields a payer does not pay by (stored and reported)',
    );
  }
  return successOutcome(
    { status: result.status, responseCode: data.responseCode, body: stored, qrString },
    pending,
    checked,
    { baseUrl: deps.baseUrl, completedAt: new Date(deps.now()).toISOString(), refused },
  );
}

/** A 00 answer without a QR: nothing a payer could be shown. */
const NO_QR: QrCheckResult & { decoderError?: Error } = qrStringUnusable(
  'an EMVCo MPM payload',
  '1LINK answered 00 without a QR',
);
