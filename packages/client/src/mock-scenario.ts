/**
 * HTTP status each 1LINK mock scenario answers with, one entry per fixture name
 * in mock/fixtures/{requestToken,generateDQRCMerchant,generateDQRCAggregator} (a contract test keeps them in step).
 */
export const MOCK_SCENARIO_STATUS = {
  success: 200,
  'validation-error': 400,
  'invalid-amount': 400,
  'duplicate-rrn': 409,
  unauthorized: 401,
  forbidden: 403,
  'rate-limited': 429,
  'server-error': 500,
  'issuer-unavailable': 503,
  'invalid-client': 401,
} as const;

export type MockScenario = keyof typeof MOCK_SCENARIO_STATUS;

/**
 * Headers that make the Prism mock answer with a given scenario's fixture, e.g.
 * `client.generateDQRCMerchant(body, { headers: mockScenario('duplicate-rrn') })`.
 */
export function mockScenario(name: MockScenario): { Prefer: string } {
  // hasOwn, not a plain lookup: 'toString' and friends are not scenarios.
  if (!Object.hasOwn(MOCK_SCENARIO_STATUS, name)) {
    throw new RangeError(
      `unknown mock scenario "${String(name)}"; known: ${Object.keys(MOCK_SCENARIO_STATUS).join(', ')}`,
    );
  }
  return { Prefer: `code=${MOCK_SCENARIO_STATUS[name]}, example=${name}` };
}
