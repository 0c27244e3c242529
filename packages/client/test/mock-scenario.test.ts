import { describe, expect, it } from 'vitest';
import { type MockScenario, mockScenario } from '../src/index.js';

describe('mockScenario', () => {
  it.each([
    { given: 'success', want: 'code=200, example=success' },
    { given: 'validation-error', want: 'code=400, example=validation-error' },
    { given: 'duplicate-rrn', want: 'code=409, example=duplicate-rrn' },
    { given: 'unauthorized', want: 'code=401, example=unauthorized' },
    { given: 'rate-limited', want: 'code=429, example=rate-limited' },
    { given: 'server-error', want: 'code=500, example=server-error' },
    { given: 'invalid-client', want: 'code=401, example=invalid-client' },
    { given: 'invalid-amount', want: 'code=400, example=invalid-amount' },
    { given: 'forbidden', want: 'code=403, example=forbidden' },
    { given: 'issuer-unavailable', want: 'code=503, example=issuer-unavailable' },
  ] as Array<{ given: MockScenario; want: string }>)('$given → Prefer: $want', ({ given, want }) => {
    expect(mockScenario(given)).toEqual({ Prefer: want });
  });

  it.each(['nope', 'toString', '__proto__'])('names the known scenarios when given %s', (given) => {
    expect(() => mockScenario(given as MockScenario)).toThrow(
      new RegExp(`unknown mock scenario "${given}"; known: success`),
    );
  });
});
