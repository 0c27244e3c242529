import { build, fieldsFromRequest, type MerchantRegistryEntry } from '@onelink-kit/emvqr';
import type { SpecEntry } from '../spec-catalog.js';
import { type SyntheticFixture, syntheticProvenance } from './common.js';

/**
 * Synthetic fixtures: hand-built exchanges in the recorded format, for as long as no sandbox capture
 * exists. Deterministic (fixed dates, ids and timestamps) so regenerating gives no diff.
 */
export const ONELINK_QR_FIXTURE_TOOL = 'onelink-kit scripts/make-fixtures.ts 0.1.0';
const NOTES =
  'Synthetic: built by scripts/make-fixtures.ts in the recorded format; no 1LINK system produced it. ' +
  'The body follows spec/1link-p2m-qr.yaml, whose QR response shapes are themselves synthetic (x-onelink-captured); ';
const QR_NOTE =
  "qrString is built with @onelink-kit/emvqr build() from this fixture's request through fieldsFromRequest (CRC correct). ";
const REPLACE = 'Replace with `pnpm record --env sandbox` output once sandbox credentials exist.';

const jsonHeaders = (auth = 'Bearer <ACCESS_TOKEN>') => ({
  accept: 'application/json',
  authorization: auth,
  'content-type': 'application/json',
  'x-ibm-client-id': '<ONELINK_CLIENT_ID>',
});
const responseHeaders = (n: number, extra: Record<string, string> = {}) => ({
  'content-type': 'application/json',
  'x-global-transaction-id': `synthetic-${String(n).padStart(4, '0')}`,
  ...extra,
});

const merchantRequest = (stan: string, rrn: string) => ({
  merchantDetails: {
    dbaName: 'Karachi Chai Corner',
    merchantName: 'Chai Corner (Private) Limited',
    iban: 'PK36SCBL0000001123456702',
    bankBic: 'SCBLPK',
    merchantCategoryCode: '5812',
    merchantID: 'MER0000123',
    postalAddress: { townName: 'Karachi', addressLine: 'Shop 4, Block 2, Clifton', subDept: '0001' },
    contactDetails: {
      phoneNo: '+922100000000',
      mobileNo: '+923000000000',
      email: 'payments@chaicorner.example',
      merchantChannelId: 'POS01',
    },
    geoLocation: { lat: '24.8138', long: '67.0300' },
  },
  payerDetails: {
    additionalRequiredDetails: 'M',
    identificationDetails: { loyaltyNo: 'LOY12345', customerLabel: 'CUST001' },
  },
  paymentDetails: {
    executionDateTime: '2026-11-22T10:00:00',
    expiryDateTime: '2026-11-22T10:15:00',
    instructedAmount: 310,
    transactionType: 'P2M',
  },
  info: { stan, rrn },
});

const aggregatorRequest = (stan: string, rrn: string) => ({
  merchantDetails: { merchantID: 'AGG0000456', subDept: '0001' },
  contactDetails: { merchantChannelId: 'AGGREGATOR-APP-01' },
  payerDetails: {
    identificationDetails: { loyaltyNo: 'LOY98765', customerLabel: 'CUST002' },
    paymentDetails: {
      executionDateTime: '2026-11-22T10:00:00',
      expiryDateTime: '2026-11-22T10:15:00',
      instructedAmount: '310',
      transactionType: 'P2M',
    },
    info: { stan, rrn },
  },
});

/** What 1LINK's (synthetic) registry holds for AGG0000456; the aggregator request does not carry it. */
const AGGREGATOR_REGISTRY: MerchantRegistryEntry = {
  iban: 'PK13MEZN0001020304050607',
  bankBic: 'MEZNPK',
  merchantCategoryCode: '5942',
  merchantName: 'Lahore Book Depot',
  merchantCity: 'Lahore',
};

interface ErrorCase {
  scenario: string;
  status: number;
  body: Record<string, string>;
  /** true: the body echoes stan/rrn (1LINK response-code errors); gateway errors do not. */
  echoIds?: boolean;
  headers?: Record<string, string>;
  auth?: string;
  why: string;
}

const QR_ERRORS: ErrorCase[] = [
  {
    scenario: 'validation-error',
    status: 400,
    body: { responseCode: '12', responseDescription: 'Invalid transaction / request field' },
    echoIds: true,
    why: 'response code 12 (validation, not retryable)',
  },
  {
    scenario: 'duplicate-rrn',
    status: 409,
    body: { responseCode: '94', responseDescription: 'Duplicate transmission (duplicate RRN)' },
    echoIds: true,
    why: 'response code 94 for an RRN used before (not retryable)',
  },
  {
    scenario: 'unauthorized',
    status: 401,
    auth: 'Bearer <EXPIRED_ACCESS_TOKEN>',
    body: {
      httpCode: '401',
      httpMessage: 'Unauthorized',
      moreInformation:
        'Cannot pass the security checks that are required by the target API or operation, Enable debug headers for more details.',
    },
    why: 'IBM API Connect 401 for an expired bearer token (the client refreshes and re-sends once)',
  },
  {
    scenario: 'rate-limited',
    status: 429,
    headers: { 'retry-after': '30' },
    body: { httpCode: '429', httpMessage: 'Too Many Requests', moreInformation: 'Rate Limit exceeded' },
    why: 'IBM API Connect plan rate limit with Retry-After 30',
  },
  {
    scenario: 'server-error',
    status: 500,
    body: { responseCode: '96', responseDescription: 'System malfunction' },
    echoIds: true,
    why: 'response code 96 (upstream, not retryable: reconcile by RRN)',
  },
  {
    scenario: 'invalid-amount',
    status: 400,
    body: { responseCode: '13', responseDescription: 'Invalid amount' },
    echoIds: true,
    why: 'response code 13 (validation)',
  },
  {
    scenario: 'issuer-unavailable',
    status: 503,
    headers: { 'retry-after': '5' },
    body: { responseCode: '91', responseDescription: 'Switch or issuer inoperative' },
    echoIds: true,
    why: 'response code 91 (transient, retryable with the same stan/rrn)',
  },
  {
    scenario: 'forbidden',
    status: 403,
    body: {
      httpCode: '403',
      httpMessage: 'Forbidden',
      moreInformation: 'The client is not subscribed to a plan that includes this operation.',
    },
    why: 'IBM API Connect 403: the application has no plan for this operation',
  },
];

/** The synthetic fixtures of spec/1link-p2m-qr.yaml: the token call and both QR operations. */
export function oneLinkQrFixtures(spec: SpecEntry): SyntheticFixture[] {
  const provenance = (notes: string) => syntheticProvenance(spec, ONELINK_QR_FIXTURE_TOOL, notes);
  const out: SyntheticFixture[] = [];
  let n = 0;

  const tokenRequest = {
    method: 'POST',
    path: '/oauth2/token',
    headers: {
      accept: 'application/json',
      'content-type': 'application/x-www-form-urlencoded',
      'x-ibm-client-id': '<ONELINK_CLIENT_ID>',
    },
    body: {
      grant_type: 'client_credentials',
      client_id: '<ONELINK_CLIENT_ID>',
      client_secret: '<ONELINK_CLIENT_SECRET>',
      scope: '1LinkApi',
    },
  };
  out.push({
    operationId: 'requestToken',
    scenario: 'success',
    fixture: {
      request: tokenRequest,
      response: {
        status: 200,
        headers: responseHeaders(++n, { 'cache-control': 'no-store' }),
        body: { access_token: '<ACCESS_TOKEN>', token_type: 'Bearer', expires_in: 3600, scope: '1LinkApi' },
      },
      provenance: provenance(
        `${NOTES}RFC 6749 (OAuth 2.0) successful token response, valid for one hour. ${REPLACE}`,
      ),
    },
  });
  out.push({
    operationId: 'requestToken',
    scenario: 'invalid-client',
    fixture: {
      request: { ...tokenRequest, body: { ...tokenRequest.body, client_secret: '<WRONG_CLIENT_SECRET>' } },
      response: {
        status: 401,
        headers: responseHeaders(++n),
        body: { error: 'invalid_client', error_description: 'Client authentication failed' },
      },
      provenance: provenance(
        `${NOTES}RFC 6749 (OAuth 2.0) answers a wrong client secret with invalid_client. ${REPLACE}`,
      ),
    },
  });

  const ops = [
    { operationId: 'generateDQRCMerchant', request: merchantRequest, registry: undefined, base: 100 },
    {
      operationId: 'generateDQRCAggregator',
      request: aggregatorRequest,
      registry: AGGREGATOR_REGISTRY,
      base: 200,
    },
  ] as const;
  for (const op of ops) {
    const path = `/${op.operationId}`;
    // Each scenario gets its own stan/rrn, as separate calls would.
    const ids = (i: number) => ({
      stan: String(op.base * 1000 + i),
      rrn: `63301${String(op.base * 1000 + i).padStart(7, '0')}`,
    });
    const success = ids(1);
    const request = op.request(success.stan, success.rrn);
    const qrString = build(fieldsFromRequest(request, op.registry ? { registry: op.registry } : {}));
    out.push({
      operationId: op.operationId,
      scenario: 'success',
      fixture: {
        request: { method: 'POST', path, headers: jsonHeaders(), body: request },
        response: {
          status: 200,
          headers: responseHeaders(++n),
          body: {
            responseCode: '00',
            responseDescription: 'Processed OK',
            ...success,
            qrString,
            expiryDateTime: '2026-11-22T10:15:00',
          },
        },
        provenance: provenance(
          `${NOTES}${QR_NOTE}${op.registry ? "IBAN, BIC, name, city and MCC come from 1LINK's synthetic registry entry for AGG0000456. " : ''}${REPLACE}`,
        ),
      },
    });
    QR_ERRORS.forEach((e, i) => {
      const id = ids(i + 2);
      out.push({
        operationId: op.operationId,
        scenario: e.scenario,
        fixture: {
          request: { method: 'POST', path, headers: jsonHeaders(e.auth), body: op.request(id.stan, id.rrn) },
          response: {
            status: e.status,
            headers: responseHeaders(++n, e.headers),
            body: e.echoIds ? { ...e.body, ...id } : e.body,
          },
          provenance: provenance(`${NOTES}HTTP ${e.status}: ${e.why}. ${REPLACE}`),
        },
      });
    });
  }
  return out;
}
