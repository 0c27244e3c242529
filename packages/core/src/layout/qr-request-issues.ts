import { document } from '@onelink-kit/generated/1link-p2m-qr';
import type { ValidationIssue } from '../errors/one-link-error.js';
import { type ExpiryPolicy, expiryIssues } from '../time/expiry.js';
import { getPath } from '../validation/object-path.js';
import { RequestValidator } from '../validation/request-validator.js';
import { ibanChecksumValid, PK_IBAN_PATTERN } from './iban.js';
import { paymentDetailsPathOf, type QrOperationId, qrKindOf } from './qr-layout.js';

// Built once per process: the spec does not change at runtime.
let validator: RequestValidator | undefined;

/** The spec-derived request validator for 1LINK QR bodies (spec/1link-p2m-qr.yaml), shared. */
export function oneLinkRequestValidator(): RequestValidator {
  validator ??= new RequestValidator(document, 'onelink:1link-p2m-qr');
  return validator;
}

/**
 * Checks a complete QR request body before sending: the domain's required objects (merchantDetails
 * and paymentDetails, wherever the kind keeps them), the spec's schema, the IBAN's mod-97 check digits
 * (which a schema cannot express) and the expiry rules.
 * Returns every issue (empty when valid).
 */
export function qrRequestIssues(
  operationId: QrOperationId,
  body: unknown,
  options: { now?: number; expiry?: Partial<ExpiryPolicy> } = {},
): ValidationIssue[] {
  const paymentPath = paymentDetailsPathOf(qrKindOf(operationId));
  const issues: ValidationIssue[] = [];
  for (const path of ['merchantDetails', paymentPath]) {
    if (getPath(body, path.split('.')) === undefined) {
      issues.push({ field: path, rule: 'required', message: 'is required' });
    }
  }
  issues.push(...oneLinkRequestValidator().validate(operationId, body));
  // The schema checks the IBAN's shape; its check digits only when the shape is right (one issue each).
  const iban = getPath(body, ['merchantDetails', 'iban']);
  if (typeof iban === 'string' && PK_IBAN_PATTERN.test(iban) && !ibanChecksumValid(iban)) {
    issues.push({
      field: 'merchantDetails.iban',
      rule: 'iban-checksum',
      message: 'has wrong check digits (ISO 13616 mod-97)',
    });
  }
  const payment = getPath(body, paymentPath.split('.'));
  if (payment && typeof payment === 'object') {
    issues.push(
      ...expiryIssues(payment, {
        now: options.now ?? Date.now(),
        ...(options.expiry ? { policy: options.expiry } : {}),
        prefix: paymentPath,
      }),
    );
  }
  return issues;
}
