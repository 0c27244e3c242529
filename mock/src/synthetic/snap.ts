import { signSnap } from '@onelink-kit/signing';
import type { SpecEntry } from '../spec-catalog.js';
import { fixtureList, SIGNED_FIXTURE_TOOL, type SyntheticFixture, syntheticProvenance } from './common.js';

/** Test-only secret (not of any environment) the SNAP fixtures are signed with. */
export const TEST_SNAP_CLIENT_SECRET = 'test-client-secret-not-real';

/**
 * The synthetic getOAuthCode fixtures of spec/snap-card-binding.yaml: one per SNAP response code the
 * spec lists, signed with TEST_SNAP_CLIENT_SECRET over the placeholder access token, so no real secret
 * is ever in a fixture.
 */
export function snapFixtures(spec: SpecEntry): SyntheticFixture[] {
  const { out, write } = fixtureList();
  const SNAP_SECRET = TEST_SNAP_CLIENT_SECRET;
  const TS = '2026-11-22T05:30:00+07:00';
  const snapNotes = (what: string, signed: string) =>
    `Synthetic: built by scripts/make-fixtures.ts in the recorded format; no SNAP provider produced it. Response shape and code are the spec's SNAP convention (x-onelink-captured: synthetic). ${what} ${signed} The access token is the placeholder string shown, used verbatim in the string to sign.`;
  const SIGNED_OK =
    'X-SIGNATURE = base64(HMAC-SHA512(test-only secret TEST_SNAP_CLIENT_SECRET of mock/src/synthetic/snap.ts, stringToSign)) over the path and query exactly as in request.path.';
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
      provenance: syntheticProvenance(
        spec,
        SIGNED_FIXTURE_TOOL,
        snapNotes(
          what,
          scenario === 'invalid-signature' ? 'X-SIGNATURE is deliberately wrong (see above).' : SIGNED_OK,
        ),
      ),
    });
  });
  return out;
}
