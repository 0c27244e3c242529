import { OneLinkApiError, type ResponseCodeKind } from '@onelink-kit/core';
import type { document } from '@onelink-kit/generated/link-payments';

/** Every OTS status code the spec documents. */
export type OtsStatusCode = keyof (typeof document)['x-onelink-response-codes'];

/** The Link Based Payments document's three classes: a failure is either the caller's to fix or worth retrying. */
export type LinkOutcome = 'caller-error' | 'retryable';

export type LinkOperationId =
  | 'getTemplate'
  | 'getTemplateDetails'
  | 'createPaymentLink'
  | 'resendPaymentLink'
  | 'cancelPaymentLink';

export interface LinkFailure {
  operationId: LinkOperationId;
  status: number;
  /** OTS code from the body; undefined when the body had none (e.g. a proxy's 502). */
  statusCode: string | undefined;
  statusDescription: string | undefined;
  kind: ResponseCodeKind;
  retryable: boolean;
  /** merchantTxnId (create) or invoiceNo (resend, cancel), to quote to the provider. */
  reference?: string | undefined;
}

/**
 * Link Based Payments answered with a failure. `kind`, `retryable` and `outcome` come from the spec's
 * x-onelink-response-codes row for the OTS `statusCode` (e.g. OTS1011 → signature, caller-error).
 * Extends OneLinkApiError so callers can handle every upstream the toolkit speaks to in one place.
 */
export class LinkPaymentsApiError extends OneLinkApiError {
  readonly operationId: LinkOperationId;
  readonly statusCode: string | undefined;
  readonly statusDescription: string | undefined;
  readonly outcome: LinkOutcome;
  readonly reference: string | undefined;

  constructor(failure: LinkFailure) {
    const code = failure.statusCode === undefined ? '' : ` ${failure.statusCode}`;
    const desc = failure.statusDescription ? `: ${failure.statusDescription}` : '';
    super(
      {
        status: failure.status,
        responseCode: failure.statusCode,
        responseDescription: failure.statusDescription,
        kind: failure.kind,
        retryable: failure.retryable,
        requestId: failure.reference,
      },
      `Link Based Payments rejected ${failure.operationId} (HTTP ${failure.status}${code}, ${failure.kind})${desc}`,
    );
    this.operationId = failure.operationId;
    this.statusCode = failure.statusCode;
    this.statusDescription = failure.statusDescription;
    this.outcome = failure.retryable ? 'retryable' : 'caller-error';
    this.reference = failure.reference;
  }

  /** The OTS code, narrowed when it is one the spec documents. */
  isStatus(code: OtsStatusCode): boolean {
    return this.statusCode === code;
  }

  protected override jsonFields() {
    return {
      ...super.jsonFields(),
      operationId: this.operationId,
      statusCode: this.statusCode,
      statusDescription: this.statusDescription,
      outcome: this.outcome,
      reference: this.reference,
    };
  }
}
