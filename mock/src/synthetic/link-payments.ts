import { signLink } from '@onelink-kit/signing';
import type { SpecEntry } from '../spec-catalog.js';
import { fixtureList, SIGNED_FIXTURE_TOOL, type SyntheticFixture, syntheticProvenance } from './common.js';

/** Test-only hash key (not of any environment) the Link Based Payments fixtures are signed with. */
export const TEST_LINK_HASH_KEY = 'test-link-hash-key-not-real';

/**
 * The synthetic fixtures of the five Link Based Payments operations (spec/link-payments.yaml): a
 * success and each OTS error code an operation can answer, signed with TEST_LINK_HASH_KEY over the
 * password placeholder.
 */
export function linkPaymentsFixtures(spec: SpecEntry): SyntheticFixture[] {
  const { out, write } = fixtureList();
  // Status and description of each code: the spec's own table, the one source the clients read too.
  const LINK_CODES = (spec.document['x-onelink-response-codes'] ?? {}) as Record<
    string,
    { httpStatus: number; description: string }
  >;
  const KEY = TEST_LINK_HASH_KEY;
  const MID = 'MID123';
  const PW = '<LINK_PASSWORD>';
  // Status and description come from the spec's x-onelink-response-codes (one source); only what each
  // scenario stands for is said here.
  const whatOf: Record<string, string> = {
    OTS0000: '',
    OTS0001: '',
    OTS0002: '',
    OTS1001: 'The provider wants a parameter the spec keeps optional (e.g. dueDate for this template).',
    OTS1002: 'Wrong MID or password.',
    OTS1003: 'Merchant account inactive.',
    OTS1004: 'No such template in the merchant console.',
    OTS1005: 'Template exists but has no details.',
    OTS1006: 'templateFields lacks a required field of the template (studentId).',
    OTS1007: 'A template field has no default and no value was sent (month).',
    OTS1008:
      'Answered to malformed JSON; a fixture body cannot hold malformed JSON, so the recorded request is well-formed.',
    OTS1009: 'Unexpected request error.',
    OTS1010: 'Retryable provider fault.',
    OTS1011: 'The signature was keyed with the password instead of LINK_HASH_KEY, so it does not verify.',
    OTS1012: 'Unknown invoiceNo.',
    OTS1013: 'The action does not exist for this invoice.',
    OTS1014: 'Retryable failure (e.g. the SMS gateway).',
    OTS1015: 'The invoice was cancelled earlier.',
  };
  const codeRow = (code: string): [number, string, string] => {
    const row = LINK_CODES[code];
    if (row === undefined) throw new Error(`${code} is not in ${spec.specFile} x-onelink-response-codes`);
    return [row.httpStatus, row.description, whatOf[code] ?? ''];
  };
  const scenarioOf: Record<string, string> = {
    OTS1001: 'parameters-missing',
    OTS1002: 'invalid-credentials',
    OTS1003: 'inactive-merchant',
    OTS1004: 'template-not-found',
    OTS1005: 'template-details-not-found',
    OTS1006: 'template-fields-missing',
    OTS1007: 'default-value-missing',
    OTS1008: 'invalid-json',
    OTS1009: 'bad-request',
    OTS1010: 'something-went-wrong',
    OTS1011: 'signature-mismatch',
    OTS1012: 'invoice-not-found',
    OTS1013: 'action-not-found',
    OTS1014: 'request-failed',
    OTS1015: 'cancelled-invoice',
  };
  // Resend and cancel act on an existing invoice and can fail the same ways.
  const INVOICE_ACTION_ERRORS = [
    'OTS1001',
    'OTS1002',
    'OTS1003',
    'OTS1010',
    'OTS1011',
    'OTS1012',
    'OTS1013',
    'OTS1014',
    'OTS1015',
  ];
  const ops: Record<string, { success: string; errors: string[] }> = {
    getTemplate: {
      success: 'OTS0000',
      errors: ['OTS1001', 'OTS1002', 'OTS1003', 'OTS1004', 'OTS1008', 'OTS1009', 'OTS1010', 'OTS1014'],
    },
    getTemplateDetails: {
      success: 'OTS0000',
      errors: ['OTS1001', 'OTS1002', 'OTS1003', 'OTS1004', 'OTS1005', 'OTS1010', 'OTS1014'],
    },
    createPaymentLink: {
      success: 'OTS0001',
      errors: [
        'OTS1001',
        'OTS1002',
        'OTS1003',
        'OTS1004',
        'OTS1006',
        'OTS1007',
        'OTS1008',
        'OTS1009',
        'OTS1010',
        'OTS1011',
        'OTS1014',
      ],
    },
    resendPaymentLink: {
      success: 'OTS0001',
      errors: INVOICE_ACTION_ERRORS,
    },
    cancelPaymentLink: {
      success: 'OTS0002',
      errors: INVOICE_ACTION_ERRORS,
    },
  };
  const requestBody = (op: string, wrongSig: boolean): Record<string, unknown> => {
    const key = wrongSig ? PW : KEY;
    if (op === 'getTemplate') return { merchantId: MID, password: PW };
    if (op === 'getTemplateDetails') return { merchantId: MID, password: PW, templateNo: 'TPL-001' };
    if (op === 'createPaymentLink') {
      const b = {
        merchantId: MID,
        password: PW,
        templateNo: 'TPL-001',
        merchantTxnId: 'TXN-20261122-0001',
        amount: '1500.00',
        currency: 'PKR',
        customer: { name: 'Ayesha Khan', email: 'ayesha@example.com', mobileNumber: '03001234567' },
        deliveryChannel: 'EMAIL_SMS',
        dueDate: '2026-11-30',
        expiryDateTime: '2026-11-29T23:59:59',
        templateFields: { studentId: 'S-1029' },
        returnUrl: 'https://merchant.example/paid',
      };
      return {
        ...b,
        signature: signLink(key, { mid: MID, password: PW, amount: b.amount, merchantTxnId: b.merchantTxnId })
          .signature,
      };
    }
    const b: Record<string, unknown> = { merchantId: MID, password: PW, invoiceNo: 'INV-0000042' };
    if (op === 'resendPaymentLink') b.deliveryChannel = 'SMS';
    else b.reason = 'Customer paid in cash';
    return { ...b, signature: signLink(key, { mid: MID, password: PW, invoiceNo: 'INV-0000042' }).signature };
  };
  const successBody = (op: string, code: string) => {
    const base = { statusCode: code, statusDescription: codeRow(code)[1] };
    if (op === 'getTemplate')
      return {
        ...base,
        templates: [
          { templateNo: 'TPL-001', templateName: 'Monthly tuition fee' },
          { templateNo: 'TPL-002', templateName: 'Event ticket' },
        ],
      };
    if (op === 'getTemplateDetails')
      return {
        ...base,
        template: {
          templateNo: 'TPL-001',
          templateName: 'Monthly tuition fee',
          fields: [
            { fieldName: 'studentId', label: 'Student ID', type: 'TEXT', required: true },
            { fieldName: 'month', label: 'Month', type: 'TEXT', required: false, defaultValue: 'November' },
          ],
        },
      };
    if (op === 'createPaymentLink')
      return {
        ...base,
        invoiceNo: 'INV-0000042',
        merchantTxnId: 'TXN-20261122-0001',
        paymentLink: 'https://pay.link-payments-provider.invalid/i/INV-0000042',
        expiryDateTime: '2026-11-29T23:59:59',
      };
    return { ...base, invoiceNo: 'INV-0000042' };
  };
  const signedNote = (op: string, wrong: boolean) =>
    op === 'getTemplate' || op === 'getTemplateDetails'
      ? 'Unsigned operation.'
      : wrong
        ? 'The signature is deliberately wrong (keyed with the password instead of the hash key).'
        : `signature = hex(HMAC-SHA512(test-only hash key TEST_LINK_HASH_KEY of mock/src/synthetic/link-payments.ts, MID + password + ${op === 'createPaymentLink' ? 'amount + merchantTxnId' : 'invoiceNo'})) with the password placeholder used verbatim.`;
  for (const [op, { success, errors }] of Object.entries(ops)) {
    for (const code of [success, ...errors]) {
      const scenario = code === success ? 'success' : scenarioOf[code]!;
      const wrong = code === 'OTS1011';
      const [status, description, what] = codeRow(code);
      write(op, scenario, {
        request: {
          method: 'POST',
          path: `/${op}`,
          headers: { accept: 'application/json', 'content-type': 'application/json' },
          body: requestBody(op, wrong),
        },
        response: {
          status,
          headers: { 'content-type': 'application/json' },
          body:
            code === success ? successBody(op, code) : { statusCode: code, statusDescription: description },
        },
        provenance: syntheticProvenance(
          spec,
          SIGNED_FIXTURE_TOOL,
          `Synthetic: built by scripts/make-fixtures.ts in the recorded format; no Link Based Payments server produced it. ${code} ${description}; HTTP status per the spec's x-onelink-response-codes (our assumption). ${what} ${signedNote(op, wrong)} The password is the placeholder "<LINK_PASSWORD>", never a real one.`
            .replace(/\s+/g, ' ')
            .trim(),
        ),
      });
    }
  }
  return out;
}
