/** HTTP status each mock scenario answers with (DESIGN: Mock scenarios). */
export const MOCK_SCENARIO_STATUS = {
  success: 200,
  'validation-error': 400,
  'duplicate-rrn': 409,
  unauthorized: 401,
  'rate-limited': 429,
  'server-error': 500,
  'invalid-client': 401,
} as const;

export type MockScenario = keyof typeof MOCK_SCENARIO_STATUS;

/**
 * Headers that make the Prism mock answer with a given scenario's fixture, e.g.
 * `client.generateDQRCMerchant(body, { headers: mockScenario('duplicate-rrn') })`.
 */
export function mockScenario(name: MockScenario): { Prefer: string } {
  const status = MOCK_SCENARIO_STATUS[name];
  if (status === undefined) {
    throw new RangeError(
      `unknown mock scenario "${String(name)}"; known: ${Object.keys(MOCK_SCENARIO_STATUS).join(', ')}`,
    );
  }
  return { Prefer: `code=${status}, example=${name}` };
}
