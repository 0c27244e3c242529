/**
 * Builds the synthetic fixtures of the SNAP card-binding and Link Based Payments specs (issue 7):
 * deterministic exchanges in the recorded format, signed with test-only keys over placeholder
 * credentials (`<SNAP_ACCESS_TOKEN>`, `<LINK_PASSWORD>`), so no real secret is ever in a fixture.
 *
 *   tsx test/sign/synthetic-fixtures.ts --write   # rewrite mock/fixtures/<operationId>/<scenario>.json
 *
 * test/sign/synthetic-fixtures.test.ts fails when the committed fixtures differ from what this makes.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { document as linkDocument } from '@onelink-kit/generated/link-payments';
import { signLink, signSnap } from '@onelink-kit/signing';

const LINK_CODES = linkDocument['x-onelink-response-codes'] as Record<
  string,
  { httpStatus: number; description: string }
>;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RECORDED_AT = '2026-11-21T23:00:00.000Z';
export const ISSUE7_FIXTURE_TOOL =
  'onelink-kit test/sign/synthetic-fixtures.ts 0.1.0 (signatures by @onelink-kit/signing)';
const TOOL = ISSUE7_FIXTURE_TOOL;
/** Test-only keys (not of any environment) the fixtures are signed with. */
export const TEST_SNAP_CLIENT_SECRET = 'test-client-secret-not-real';
export const TEST_LINK_HASH_KEY = 'test-link-hash-key-not-real';

export interface BuiltFixture {
  operationId: string;
  scenario: string;
  /** Relative to the repository root. */
  file: string;
  fixture: unknown;
}

const sha = (f: string) =>
  createHash('sha256')
    .update(readFileSync(path.join(ROOT, f)))
    .digest('hex');

/** Every synthetic fixture of getOAuthCode and the five Link Based Payments operations. */
export function buildIssue7Fixtures(): BuiltFixture[] {
  const out: BuiltFixture[] = [];
  const write = (operationId: string, scenario: string, fixture: unknown) => {
    out.push({ operationId, scenario, file: `mock/fixtures/${operationId}/${scenario}.json`, fixture });
  };

  // ---- SNAP ----
  const SNAP_SPEC = 'spec/snap-card-binding.yaml';
  const SNAP_SHA = sha(SNAP_SPEC);
  const SNAP_SECRET = TEST_SNAP_CLIENT_SECRET;
  const TS = '2026-11-22T05:30:00+07:00';
  const snapNotes = (what: string, signed: string) =>
    `Synthetic: built for issue 7 in the recorded format; no SNAP provider produced it. Response shape and code are the spec's SNAP convention (x-onelink-captured: synthetic). ${what} ${signed} The access token is the placeholder string shown, used verbatim in the string to sign.`;
  const SIGNED_OK =
    'X-SIGNATURE = base64(HMAC-SHA512(test-only secret TEST_SNAP_CLIENT_SECRET of test/sign/synthetic-fixtures.ts, stringToSign)) over the path and query exactly as in request.path.';
  const snapScenarios: [string, number, string, string, string][] = [
    ['success', 200, '2003000', 'Successful', 'Auth code issued.'],
    ['bad-request', 400, '4003000', 'Bad Request', 'General request failure the provider does not detail.'],
    [
      'invalid-field-format',
      400,
      '4003001',
      'Invalid Field Format seamlessData.mobileNumber',
      'The provider rejects a mobile number it cannot route (well-formed per the spec).',
    ],
    [
      'missing-mandatory-field',
      400,
      '4003002',
      'Invalid Mandatory Field seamlessData.bankCode',
      'This merchant is configured to require bankCode, which the spec keeps optional.',
    ],
    [
      'invalid-signature',
      401,
      '4013000',
      'Unauthorized. Invalid signature',
      'The request was signed over the path WITHOUT the query, so X-SIGNATURE does not verify.',
    ],
    ['invalid-token', 401, '4013001', 'Invalid Token (B2B)', 'Expired access token; fetch a new one.'],
    ['feature-not-allowed', 403, '4033001', 'Feature Not Allowed', 'Merchant not enabled for card binding.'],
    ['invalid-merchant', 404, '4043008', 'Invalid Merchant', 'Unknown merchantId / X-PARTNER-ID.'],
    ['duplicate-external-id', 409, '4093000', 'Conflict', 'X-EXTERNAL-ID already used in this flow.'],
    ['rate-limited', 429, '4293000', 'Too Many Requests', 'Retry later with a new X-EXTERNAL-ID.'],
    ['server-error', 500, '5003001', 'Internal Server Error', 'Retryable provider fault.'],
    ['general-error', 500, '5003000', 'General Error', 'Not retryable provider fault.'],
    ['timeout', 504, '5043000', 'Timeout', 'Retryable provider timeout.'],
  ];
  snapScenarios.forEach(([scenario, status, code, message, what], i) => {
    const n = String(i + 1).padStart(2, '0');
    const state = `${n}${'0123456789abcdef0123456789abcd'}`;
    const externalId = `${n}e0f8c1a2b3c4d5e6f708192a3b4c5d`.slice(0, 32);
    const query: [string, string][] = [
      ['redirectUrl', 'https://merchant.example/card-binding/success'],
      ['failureRedirectUrl', 'https://merchant.example/card-binding/failure'],
      ['scopes', 'CARD_REGISTRATION'],
      ['state', state],
      ['merchantId', '216620'],
      ['lang', 'EN'],
      ['seamlessData', JSON.stringify({ mobileNumber: '628123456789', bankCode: '014' })],
      ['additionalInfo', JSON.stringify({ additionalInfo1: 'Order 42' })],
    ];
    const qs = query.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
    const path = `/v1.0/get-auth-code?${qs}`;
    const token = scenario === 'invalid-token' ? '<EXPIRED_SNAP_ACCESS_TOKEN>' : '<SNAP_ACCESS_TOKEN>';
    const signedPath = scenario === 'invalid-signature' ? '/v1.0/get-auth-code' : path;
    const { signature } = signSnap(SNAP_SECRET, {
      method: 'GET',
      urlPath: signedPath,
      accessToken: token,
      timestamp: TS,
    });
    const body =
      scenario === 'success'
        ? {
            responseCode: code,
            responseMessage: message,
            authCode: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
            state,
          }
        : { responseCode: code, responseMessage: message };
    write('getOAuthCode', scenario, {
      request: {
        method: 'GET',
        path,
        headers: {
          accept: 'application/json',
          authorization: `Bearer ${token}`,
          'x-timestamp': TS,
          'x-client-key': '0123456789ABCDEF0123456789ABCDEF',
          'x-signature': signature,
          'x-partner-id': '216620',
          'x-external-id': externalId,
          'channel-id': '95221',
        },
      },
      response: { status, headers: { 'content-type': 'application/json' }, body },
      provenance: {
        source: 'synthetic',
        recordedAt: RECORDED_AT,
        specFile: SNAP_SPEC,
        specSha256: SNAP_SHA,
        tool: TOOL,
        notes: snapNotes(
          what,
          scenario === 'invalid-signature' ? 'X-SIGNATURE is deliberately wrong (see above).' : SIGNED_OK,
        ),
      },
    });
  });

  // ---- Link Based Payments ----
  const LINK_SPEC = 'spec/link-payments.yaml';
  const LINK_SHA = sha(LINK_SPEC);
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
    if (row === undefined) throw new Error(`${code} is not in ${LINK_SPEC} x-onelink-response-codes`);
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
      errors: [
        'OTS1001',
        'OTS1002',
        'OTS1003',
        'OTS1010',
        'OTS1011',
        'OTS1012',
        'OTS1013',
        'OTS1014',
        'OTS1015',
      ],
    },
    cancelPaymentLink: {
      success: 'OTS0002',
      errors: [
        'OTS1001',
        'OTS1002',
        'OTS1003',
        'OTS1010',
        'OTS1011',
        'OTS1012',
        'OTS1013',
        'OTS1014',
        'OTS1015',
      ],
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
        : `signature = hex(HMAC-SHA512(test-only hash key TEST_LINK_HASH_KEY of test/sign/synthetic-fixtures.ts, MID + password + ${op === 'createPaymentLink' ? 'amount + merchantTxnId' : 'invoiceNo'})) with the password placeholder used verbatim.`;
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
        provenance: {
          source: 'synthetic',
          recordedAt: RECORDED_AT,
          specFile: LINK_SPEC,
          specSha256: LINK_SHA,
          tool: TOOL,
          notes:
            `Synthetic: built for issue 7 in the recorded format; no Link Based Payments server produced it. ${code} ${description}; HTTP status per the spec's x-onelink-response-codes (our assumption). ${what} ${signedNote(op, wrong)} The password is the placeholder "<LINK_PASSWORD>", never a real one.`
              .replace(/\s+/g, ' ')
              .trim(),
        },
      });
    }
  }
  return out;
}

export function serialize(fixture: unknown): string {
  return `${JSON.stringify(fixture, null, 2)}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!process.argv.includes('--write')) {
    console.error('usage: tsx test/sign/synthetic-fixtures.ts --write');
    process.exit(2);
  }
  for (const f of buildIssue7Fixtures()) {
    mkdirSync(path.dirname(path.join(ROOT, f.file)), { recursive: true });
    writeFileSync(path.join(ROOT, f.file), serialize(f.fixture));
  }
  console.log('wrote the issue-7 synthetic fixtures; run pnpm mock:build to refresh mock/SCENARIOS.md');
}
