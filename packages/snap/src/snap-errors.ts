import { OneLinkApiError, type ResponseCodeKind } from '@onelink-kit/core';

/** Facts of one SNAP answer that is not success. */
export interface SnapFailure {
  status: number;
  responseCode: string | undefined;
  responseMessage: string | undefined;
  kind: ResponseCodeKind;
  retryable: boolean;
  /** The X-EXTERNAL-ID of the request, to quote to the provider. */
  externalId: string;
}

/**
 * The SNAP provider answered with a failure. `kind` and `retryable` come from the spec's
 * x-onelink-response-codes row for `responseCode` (e.g. 4013000 → signature, 4293000 → rate-limit).
 * Extends OneLinkApiError so callers can handle every upstream the toolkit speaks to in one place.
 */
export class SnapApiError extends OneLinkApiError {
  readonly responseMessage: string | undefined;
  readonly externalId: string;

  constructor(failure: SnapFailure) {
    const code = failure.responseCode === undefined ? '' : ` responseCode ${failure.responseCode}`;
    const msg = failure.responseMessage ? `: ${failure.responseMessage}` : '';
    super(
      {
        status: failure.status,
        responseCode: failure.responseCode,
        responseDescription: failure.responseMessage,
        kind: failure.kind,
        retryable: failure.retryable,
        requestId: failure.externalId,
      },
      `SNAP provider rejected getOAuthCode (HTTP ${failure.status}${code}, ${failure.kind})${msg}`,
    );
    this.responseMessage = failure.responseMessage;
    this.externalId = failure.externalId;
  }
}
